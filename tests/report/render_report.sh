#!/usr/bin/env bash
# Renders report.html in headless Chromium and checks that the browser laid out its charts.
#
#   render_report.sh NODEWRIGHT SCENARIO [SCREENSHOT]
#
# Runs `NODEWRIGHT simulate SCENARIO --out` into a temporary directory (SCENARIO has two
# variants), then loads report.html from disk in Chromium (Debian's `chromium`; another binary
# may be named in $CHROMIUM), twice:
#   - --dump-dom: the page's script has measured every chart's plotted series with getBBox() and
#     set data-charts-drawn on <body> and data-plotted-series on each chart; all four charts
#     must be drawn, each with its series for both variants (nodes: spot and on-demand lines);
#   - --screenshot at 1400×2000: a PNG that is not tiny (a blank page compresses to a few KB).
# SCREENSHOT, if given, is where the PNG is kept (docs/images/report.png is made this way).
# Exits 0 when every check passes, 1 with the reason otherwise. Takes a few seconds.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 NODEWRIGHT SCENARIO [SCREENSHOT]" >&2
  exit 64
fi
nodewright=$1
scenario=$2
chromium=${CHROMIUM:-chromium}

fail() {
  echo "render_report: $*" >&2
  exit 1
}

command -v "$chromium" >/dev/null ||
  fail "'$chromium' not found: install the Debian package chromium (scripts/setup.sh does)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
screenshot=${3:-$work/report.png}

"$nodewright" simulate "$scenario" --out "$work/out" >/dev/null || fail "nodewright simulate failed"
report=$work/out/report.html
[ -s "$report" ] || fail "no report.html in the --out directory"

# No network, no profile of our own, no first-run or background activity; virtual time lets
# the load event fire without waiting on the wall clock.
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --virtual-time-budget=5000)

timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-dom" \
  --dump-dom "file://$report" >"$work/dom.html" 2>"$work/chromium-dom.log" ||
  fail "chromium --dump-dom failed: $(tail -3 "$work/chromium-dom.log")"

charts=$(grep -o '<figure class="chart"' "$work/dom.html" | wc -l)
[ "$charts" -eq 4 ] || fail "expected 4 charts in the DOM, found $charts"
drawn=$(grep -o 'data-charts-drawn="[0-9]*"' "$work/dom.html" || true)
[ "$drawn" = 'data-charts-drawn="4"' ] ||
  fail "expected the browser to draw 4 charts, got '${drawn:-no data-charts-drawn: the script did not run}'"
for expected in nodes:4 pending:2 cost:2 histogram:2; do
  chart=${expected%%:*}
  series=${expected#*:}
  grep -q "data-chart=\"$chart\" data-plotted-series=\"$series\"" "$work/dom.html" ||
    fail "chart '$chart': expected $series plotted series, found" \
      "$(grep -o "data-chart=\"$chart\" data-plotted-series=\"[0-9]*\"" "$work/dom.html")"
done

mkdir -p "$(dirname "$screenshot")"
rm -f "$screenshot"
timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-png" \
  --window-size=1400,2000 --hide-scrollbars --screenshot="$screenshot" "file://$report" \
  >"$work/chromium-png.log" 2>&1 ||
  fail "chromium --screenshot failed: $(tail -3 "$work/chromium-png.log")"
[ -f "$screenshot" ] || fail "chromium wrote no screenshot"
cmp -s -n 4 <(printf '\x89PNG') "$screenshot" || fail "the screenshot is not a PNG"
size=$(wc -c <"$screenshot")
[ "$size" -gt 30000 ] || fail "the screenshot is only $size bytes: the page looks blank"

echo "render_report: 4 charts drawn, screenshot $size bytes"
