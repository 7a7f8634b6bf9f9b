#!/usr/bin/env bash
# The two set-up commands of the README. On a fresh Debian 12 machine, as root:
#   scripts/setup.sh demo   install packages, build, install `nodewright`, run the main demo
#   scripts/setup.sh test   install packages, build, run the whole test suite
# Environment: NODEWRIGHT_WERROR=ON turns warnings into errors (CI sets it);
#              NODEWRIGHT_SKIP_APT=1 skips the package step on a machine that already has them.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
case "$mode" in demo|test) ;; *) echo "usage: $0 demo|test" >&2; exit 64 ;; esac

packages=(g++ cmake ninja-build pkgconf libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
          libgtest-dev libgmock-dev libbenchmark-dev coinor-libclp-dev clang-format chromium)
if [ "${NODEWRIGHT_SKIP_APT:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DNODEWRIGHT_WERROR="${NODEWRIGHT_WERROR:-OFF}" >/dev/null
cmake --build build

if [ "$mode" = demo ]; then
  cmake --install build >/dev/null
  set -x
  nodewright validate -f examples
  # The main demo: Karpenter versus the Cluster Autoscaler on four Spark jobs.
  nodewright simulate examples/karpenter-vs-cluster-autoscaler.yaml --out simulation
  { set +x; } 2>/dev/null
  echo "Open simulation/report.html in a browser for the charts and per-job tables."
else
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
