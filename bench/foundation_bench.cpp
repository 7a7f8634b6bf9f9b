// The model's foundation operations that every scheduling pass repeats: reading quantities,
// printing them, the requirement algebra a NodePool meets a pod with, and a pod's effective
// requests. Figures are recorded, not asserted.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/pod.h"
#include "model/quantity.h"
#include "model/requirements.h"
#include "model/resources.h"

namespace nw::model {
namespace {

// The shapes quantities take in real manifests: cpu in millicores and cores, memory in binary and
// decimal SI, fractions, exponents, counts.
constexpr std::array<std::string_view, 16> kQuantityTexts = {
    "100m", "250m",  "1",  "2",  "0.5", "1500m", "128Mi", "512Mi",
    "1Gi",  "1.5Gi", "4G", "2k", "1e3", "20Gi",  "110",   "8Ti"};

std::vector<Quantity> parsed_quantities() {
  std::vector<Quantity> result;
  for (std::string_view text : kQuantityTexts)
    result.push_back(std::get<Quantity>(parse_quantity(text)));
  return result;
}

void BM_ParseQuantity(benchmark::State& state) {
  for (auto _ : state) {
    for (std::string_view text : kQuantityTexts) {
      auto parsed = parse_quantity(text);
      benchmark::DoNotOptimize(parsed);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(kQuantityTexts.size()));
}
BENCHMARK(BM_ParseQuantity);

void BM_QuantityToString(benchmark::State& state) {
  const std::vector<Quantity> quantities = parsed_quantities();
  for (auto _ : state) {
    for (const Quantity& q : quantities) {
      std::string text = q.to_string();
      benchmark::DoNotOptimize(text);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(quantities.size()));
}
BENCHMARK(BM_QuantityToString);

Requirement req(std::string key, Operator op, std::vector<std::string> values) {
  return Requirement::from_operator(std::move(key), op, std::move(values));
}

// A general-purpose NodePool's requirements, as the Karpenter docs suggest them.
Requirements nodepool_requirements() {
  return Requirements({
      req("karpenter.sh/capacity-type", Operator::In, {"on-demand", "spot"}),
      req("kubernetes.io/arch", Operator::In, {"amd64", "arm64"}),
      req("kubernetes.io/os", Operator::In, {"linux"}),
      req("karpenter.k8s.aws/instance-category", Operator::In, {"c", "m", "r"}),
      req("karpenter.k8s.aws/instance-generation", Operator::Gt, {"2"}),
      req("topology.kubernetes.io/zone", Operator::In, {"us-east-1a", "us-east-1b", "us-east-1c"}),
      req("karpenter.sh/nodepool", Operator::In, {"default"}),
  });
}

// A pod's nodeSelector and required affinity over the same keys: a complement, a bound, and
// narrower sets.
Requirements pod_requirements() {
  return Requirements({
      req("kubernetes.io/arch", Operator::In, {"amd64"}),
      req("karpenter.sh/capacity-type", Operator::NotIn, {"spot"}),
      req("karpenter.k8s.aws/instance-cpu", Operator::Gt, {"3"}),
      req("karpenter.k8s.aws/instance-category", Operator::NotIn, {"r"}),
      req("topology.kubernetes.io/zone", Operator::In, {"us-east-1b", "us-east-1c", "us-east-1d"}),
      req("kubernetes.io/os", Operator::Exists, {}),
  });
}

void BM_RequirementsIntersect(benchmark::State& state) {
  const Requirements pool = nodepool_requirements();
  const Requirements pod = pod_requirements();
  for (auto _ : state) {
    Requirements merged = pool.intersect(pod);
    benchmark::DoNotOptimize(merged);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RequirementsIntersect);

void BM_RequirementsIntersects(benchmark::State& state) {
  const Requirements pool = nodepool_requirements();
  const Requirements pod = pod_requirements();
  if (!pool.intersects(pod)) state.SkipWithError("the fixture sets should intersect");
  for (auto _ : state) {
    bool intersects = pool.intersects(pod);
    benchmark::DoNotOptimize(intersects);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RequirementsIntersects);

void BM_RequirementsCompatible(benchmark::State& state) {
  const Requirements pool = nodepool_requirements();
  const Requirements pod = pod_requirements();
  if (!pool.is_compatible(pod, Requirements::Undefined::AllowWellKnown)) {
    state.SkipWithError("the fixture sets should be compatible");
  }
  for (auto _ : state) {
    bool compatible = pool.is_compatible(pod, Requirements::Undefined::AllowWellKnown);
    benchmark::DoNotOptimize(compatible);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RequirementsCompatible);

Resources resources(int64_t cpu_milli, int64_t memory_bytes) {
  Resources r;
  r.set(kCpu, cpu_milli);
  r.set(kMemory, memory_bytes);
  return r;
}

// A typical meshed application pod: two containers, a sidecar proxy, a regular init container
// and RuntimeClass overhead.
void BM_EffectiveRequests(benchmark::State& state) {
  constexpr int64_t kMi = int64_t{1} << 20;
  PodSpec spec;
  spec.containers = {Container{"app", resources(500, 512 * kMi), {}, {}, false},
                     Container{"metrics", resources(50, 64 * kMi), {}, {}, false}};
  spec.init_containers = {Container{"proxy", resources(100, 128 * kMi), {}, {}, true},
                          Container{"migrate", resources(1000, 256 * kMi), {}, {}, false}};
  spec.overhead = resources(100, 32 * kMi);
  for (auto _ : state) {
    Resources requests = effective_requests(spec);
    benchmark::DoNotOptimize(requests);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_EffectiveRequests);

}  // namespace
}  // namespace nw::model
