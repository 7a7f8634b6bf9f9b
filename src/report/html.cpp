// report.html: the variants compared on one self-contained page. Charts are SVG drawn here, with
// every coordinate computed in integer tenths of a pixel, so the page is a pure function of the
// records.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/duration.h"
#include "report/format.h"
#include "report/report.h"

namespace nw::report {
namespace {

using detail::exact_decimal;
using detail::fixed_decimal;
using detail::html_escape;
using detail::round_div;

// Distinct on white and for the common forms of colour blindness (Okabe and Ito's palette).
constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#F0E442"};

std::string colour(size_t variant) {
  return kColours[variant % std::size(kColours)];
}

// ---- scales ------------------------------------------------------------------------------------

// An axis from 0 to `max` with a tick every `step` (ticks at the multiples of step up to max).
struct Scale {
  int64_t max = 1;
  int64_t step = 1;
};

constexpr int64_t kMaxIntervals = 6;

// 0 up to a multiple of a 1-2-5 step (unit × 1, 2, 5, 10, 20, ...) covering `max_value` in at
// most kMaxIntervals intervals.
Scale value_scale(int64_t max_value, int64_t unit) {
  int64_t step = unit;
  for (int i = 0; (max_value + step - 1) / step > kMaxIntervals; ++i) {
    step = i % 3 == 1 ? step / 2 * 5 : step * 2;  // 1 → 2 → 5 → 10 → 20 → 50 → ...
  }
  return {std::max<int64_t>((max_value + step - 1) / step, 1) * step, step};
}

// 0 to `end` exactly, with ticks on clock-like steps.
Scale time_scale(int64_t end_ms) {
  static constexpr int64_t kSteps[] = {1'000,     5'000,      10'000,     30'000,     60'000,
                                       300'000,   600'000,    900'000,    1'800'000,  3'600'000,
                                       7'200'000, 10'800'000, 21'600'000, 43'200'000, 86'400'000};
  int64_t step = kSteps[std::size(kSteps) - 1];
  for (int64_t s : kSteps) {
    if (end_ms / s <= kMaxIntervals) {
      step = s;
      break;
    }
  }
  while (end_ms / step > kMaxIntervals) step *= 2;
  return {std::max<int64_t>(end_ms, 1), step};
}

std::string time_label(int64_t ms) {
  return model::Duration{ms}.to_string();
}
std::string count_label(int64_t n) {
  return std::to_string(n);
}
std::string dollar_label(int64_t micro) {
  return "$" + fixed_decimal(micro, 6, 2);
}

// ---- SVG ---------------------------------------------------------------------------------------

// The chart's frame in pixels: the plot area is [kLeft, kWidth − kRight] × [kTop, kHeight −
// kBottom].
constexpr int64_t kWidth = 620, kHeight = 280;
constexpr int64_t kLeft = 72, kRight = 16, kTop = 14, kBottom = 44;
constexpr int64_t kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;

// Tenths of a pixel as SVG writes them.
std::string px(int64_t tenths) {
  return exact_decimal(tenths, 1);
}
int64_t x_of(int64_t value, const Scale& scale) {
  return kLeft * 10 +
         static_cast<int64_t>(round_div(model::Int128{value} * kPlotWidth * 10, scale.max));
}
int64_t y_of(int64_t value, const Scale& scale) {
  return (kTop + kPlotHeight) * 10 -
         static_cast<int64_t>(round_div(model::Int128{value} * kPlotHeight * 10, scale.max));
}

struct Axis {
  Scale scale;
  std::string (*label)(int64_t);
  std::string title;
};

// The frame: horizontal grid lines with the y labels, x tick labels, the axis titles.
std::string axes_svg(const Axis& x, const Axis& y, bool x_ticks) {
  std::string out;
  for (int64_t v = 0; v <= y.scale.max; v += y.scale.step) {
    const int64_t at = y_of(v, y.scale);
    out += fmt::format(R"(<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>)", kLeft,
                       kWidth - kRight, px(at), px(at));
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>)", kLeft - 6,
                       px(at + 40), html_escape(y.label(v)));
  }
  if (x_ticks) {
    for (int64_t v = 0; v <= x.scale.max; v += x.scale.step) {
      out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)",
                         px(x_of(v, x.scale)), kHeight - kBottom + 18, html_escape(x.label(v)));
    }
  }
  out += fmt::format(R"(<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>)", kLeft,
                     kWidth - kRight, kHeight - kBottom, kHeight - kBottom);
  out += fmt::format(R"(<text class="title" x="{}" y="{}" text-anchor="middle">{}</text>)",
                     kLeft + kPlotWidth / 2, kHeight - 6, html_escape(x.title));
  out += fmt::format(
      R"svg(<text class="title" transform="translate(16 {}) rotate(-90)" text-anchor="middle">{}</text>)svg",
      kTop + kPlotHeight / 2, html_escape(y.title));
  return out;
}

std::string svg_open(std::string_view label) {
  return fmt::format(
      R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)", kWidth,
      kHeight, kWidth, kHeight, html_escape(label));
}

struct Line {
  std::string variant;
  std::string name;  // shown as the tooltip
  std::string colour;
  bool dashed = false;
  std::vector<std::pair<int64_t, int64_t>> points;  // (x, y) in the axes' units
};

std::string line_chart(std::string_view label, const Axis& x, const Axis& y,
                       const std::vector<Line>& lines) {
  std::string out = svg_open(label) + axes_svg(x, y, true);
  for (const Line& line : lines) {
    std::string points;
    for (const auto& [vx, vy] : line.points) {
      if (!points.empty()) points += ' ';
      points += px(x_of(vx, x.scale)) + "," + px(y_of(vy, y.scale));
    }
    out += fmt::format(
        R"(<polyline class="series" data-variant="{}" points="{}" stroke="{}"{}><title>{}</title></polyline>)",
        html_escape(line.variant), points, line.colour,
        line.dashed ? R"( stroke-dasharray="6 4")" : "", html_escape(line.name));
  }
  return out + "</svg>";
}

// ---- the page ----------------------------------------------------------------------------------

std::string legend(const std::vector<sim::VariantResult>& results, std::string_view extra = "") {
  std::string out = R"(<ul class="legend">)";
  for (size_t v = 0; v < results.size(); ++v) {
    out += fmt::format(R"(<li><span class="swatch" style="background:{}"></span>{}</li>)",
                       colour(v), html_escape(results[v].variant));
  }
  out += extra;
  return out + "</ul>";
}

std::string figure(std::string_view id, std::string_view title, std::string_view caption,
                   const std::string& svg, const std::string& legend_html) {
  return fmt::format(
      R"(<figure class="chart" data-chart="{}"><h3>{}</h3>{}{}<figcaption>{}</figcaption></figure>)",
      id, title, legend_html, svg, caption);
}

int64_t run_end(const sim::Scenario& scenario, const std::vector<sim::VariantResult>& results) {
  int64_t end = scenario.duration;
  for (const sim::VariantResult& r : results) end = std::max(end, r.ended);
  return end;
}

// A line per variant through its timeline samples, at the heights `value(variant, sample)`;
// `peak` is raised to the largest of them.
template <typename Value>
void add_lines(std::vector<Line>& lines, int64_t& peak,
               const std::vector<sim::VariantResult>& results, std::string_view what, bool dashed,
               Value value) {
  for (size_t v = 0; v < results.size(); ++v) {
    const sim::VariantResult& r = results[v];
    Line line{r.variant, fmt::format("{}: {}", r.variant, what), colour(v), dashed, {}};
    for (size_t i = 0; i < r.timeline.size(); ++i) {
      const int64_t y = value(v, i);
      line.points.emplace_back(r.timeline[i].at, y);
      peak = std::max(peak, y);
    }
    lines.push_back(std::move(line));
  }
}

std::string nodes_chart(const std::vector<sim::VariantResult>& results, const Axis& time) {
  int64_t peak = 0;
  std::vector<Line> lines;
  add_lines(lines, peak, results, "spot nodes", false,
            [&](size_t v, size_t i) { return results[v].timeline[i].nodes_spot; });
  add_lines(lines, peak, results, "on-demand nodes", true,
            [&](size_t v, size_t i) { return results[v].timeline[i].nodes_on_demand; });
  Axis nodes{value_scale(peak, 1), count_label, "nodes"};
  return figure("nodes", "Nodes over time, by capacity type",
                "Nodes launched and not yet terminated, at each timeline sample.",
                line_chart("nodes over time", time, nodes, lines),
                legend(results, R"(<li><span class="line"></span>spot</li>)"
                                R"(<li><span class="line dashed"></span>on-demand</li>)"));
}

std::string pending_chart(const std::vector<sim::VariantResult>& results, const Axis& time) {
  int64_t peak = 0;
  std::vector<Line> lines;
  add_lines(lines, peak, results, "pending pods", false,
            [&](size_t v, size_t i) { return results[v].timeline[i].pending_pods; });
  Axis pods{value_scale(peak, 1), count_label, "pending pods"};
  return figure("pending", "Pending pods over time",
                "Pods created and not yet bound to a node, at each timeline sample.",
                line_chart("pending pods over time", time, pods, lines), legend(results));
}

std::string cost_chart(const sim::Scenario& scenario,
                       const std::vector<sim::VariantResult>& results, const Axis& time) {
  std::vector<std::vector<int64_t>> costs;
  for (const sim::VariantResult& r : results) {
    costs.push_back(cumulative_cost(r, scenario.cloud.minimum_billed_ms));
  }
  int64_t peak = 0;
  std::vector<Line> lines;
  add_lines(lines, peak, results, "cost so far", false,
            [&](size_t v, size_t i) { return costs[v][i]; });
  Axis dollars{value_scale(peak, 10'000), dollar_label, "cost so far ($)"};
  return figure("cost", "Cumulative cost",
                "What EC2 would have billed for every node had it stopped at that instant "
                "(per second from running, at least the billing minimum); the last point is the "
                "total cost.",
                line_chart("cumulative cost", time, dollars, lines), legend(results));
}

std::string histogram_chart(const std::vector<sim::VariantResult>& results) {
  const Histogram h = pending_histogram(results);
  const auto bins = static_cast<int64_t>(h.counts.empty() ? 1 : h.counts.front().size());
  int64_t peak = 0;
  for (const auto& row : h.counts) peak = std::max(peak, *std::max_element(row.begin(), row.end()));
  // x in bins: bin i spans [i, i + 1); ticks label the bins' lower edges in time.
  const Scale bin_scale{bins, 1};
  const Axis x{bin_scale, count_label, "time from creation to binding"};
  const Axis y{value_scale(peak, 1), count_label, "pods"};
  std::string out = svg_open("distribution of pending times") + axes_svg(x, y, false);
  const int64_t every = (bins + 9) / 10;  // at most about 10 labels
  for (int64_t i = 0; i <= bins; i += every) {
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)",
                       px(x_of(i, bin_scale)), kHeight - kBottom + 18,
                       html_escape(time_label(i * h.bin_ms)));
  }
  const auto variants = static_cast<int64_t>(std::max<size_t>(results.size(), 1));
  const int64_t group = kPlotWidth * 10 / bins;  // tenths of a pixel
  const int64_t bar = group * 8 / 10 / variants;
  for (size_t v = 0; v < h.counts.size(); ++v) {
    out += fmt::format(R"(<g class="series" data-variant="{}" fill="{}">)",
                       html_escape(results[v].variant), colour(v));
    for (int64_t i = 0; i < bins; ++i) {
      const int64_t count = h.counts[v][static_cast<size_t>(i)];
      if (count == 0) continue;
      const int64_t left = x_of(i, bin_scale) + group / 10 + static_cast<int64_t>(v) * bar;
      const int64_t top = y_of(count, y.scale);
      out += fmt::format(
          R"(<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {} pods pending {} to {}</title></rect>)",
          px(left), px(top), px(bar), px((kTop + kPlotHeight) * 10 - top),
          html_escape(results[v].variant), count, time_label(i * h.bin_ms),
          time_label((i + 1) * h.bin_ms));
    }
    out += "</g>";
  }
  out += "</svg>";
  return figure("histogram", "Distribution of pod pending times",
                fmt::format("Pods by time from creation to binding, in bins of {} (a bin "
                            "holds its lower edge, not its upper one); pods never bound are "
                            "left out.",
                            time_label(h.bin_ms)),
                out, legend(results));
}

std::string autoscaler_name(sim::AutoscalerKind kind) {
  return kind == sim::AutoscalerKind::Karpenter ? "Karpenter" : "Cluster Autoscaler";
}
std::string configuration(const sim::VariantResult& r) {
  const bool one = r.configuration_objects == 1;
  return r.autoscaler == sim::AutoscalerKind::Karpenter
             ? fmt::format("{} NodePool{}", r.configuration_objects, one ? "" : "s")
             : fmt::format("{} node group{}", r.configuration_objects, one ? "" : "s");
}

// A row of escaped cells, the first a header cell.
std::string table_row(const std::vector<std::string>& cells) {
  std::string out = "<tr>";
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string text = html_escape(cells[i]);
    out += i == 0 ? "<th>" + text + "</th>" : "<td>" + text + "</td>";
  }
  return out + "</tr>";
}

std::string comparison_table(const std::vector<sim::VariantResult>& results) {
  std::vector<VariantSummary> summaries;
  for (const sim::VariantResult& r : results) summaries.push_back(summarize(r));
  std::string out = R"(<table class="comparison"><thead><tr><th></th>)";
  for (size_t v = 0; v < results.size(); ++v) {
    out += fmt::format(R"(<th><span class="swatch" style="background:{}"></span>{}</th>)",
                       colour(v), html_escape(results[v].variant));
  }
  out += "</tr></thead><tbody>";
  auto row = [&](std::string label, auto cell) {
    std::vector<std::string> cells = {std::move(label)};
    for (size_t v = 0; v < results.size(); ++v) cells.push_back(cell(v));
    out += table_row(cells);
  };
  row("autoscaler", [&](size_t v) { return autoscaler_name(results[v].autoscaler); });
  row("configuration objects", [&](size_t v) { return configuration(results[v]); });
  for (const auto& cells : detail::comparison_rows(summaries)) out += table_row(cells);
  row("empty→deleted p90 (s)", [&](size_t v) {
    return detail::seconds_cell(summaries[v].empty_to_deleted, summaries[v].empty_to_deleted.p90);
  });
  row("job→nodes gone: applications measured",
      [&](size_t v) { return std::to_string(summaries[v].job_end_to_nodes_removed.count); });
  return out + "</tbody></table>";
}

std::string application_tables(const std::vector<sim::VariantResult>& results) {
  std::string out;
  for (size_t v = 0; v < results.size(); ++v) {
    const sim::VariantResult& r = results[v];
    const std::vector<ApplicationSummary> apps = summarize_applications(r);
    out += fmt::format(
        R"(<details{}><summary><span class="swatch" style="background:{}"></span>{}: {} application{}</summary>)",
        v == 0 ? " open" : "", colour(v), html_escape(r.variant), apps.size(),
        apps.size() == 1 ? "" : "s");
    out += R"(<table class="applications"><thead>)";
    out += table_row({"application", "namespace", "kind", "submitted (s)", "duration (s)",
                      "cost ($)", "pods", "pending p50 (s)", "pending p90 (s)", "nodes released",
                      "job→nodes gone (s)"});
    out += "</thead><tbody>";
    for (const ApplicationSummary& app : apps) {
      const sim::ApplicationRecord& a = *app.record;
      std::string removed = app.end_to_nodes_removed != sim::kNever
                                ? fixed_decimal(app.end_to_nodes_removed, 3, 1)
                            : app.nodes_left_running ? "still up"
                                                     : "-";
      out += table_row(
          {a.name, a.namespace_, a.kind, fixed_decimal(a.submitted, 3, 1),
           a.finished == sim::kNever ? "-" : fixed_decimal(a.finished - a.submitted, 3, 1),
           fixed_decimal(a.cost_micro_usd, 6, 4), std::to_string(a.pods),
           detail::seconds_cell(app.pending, app.pending.p50),
           detail::seconds_cell(app.pending, app.pending.p90), std::to_string(app.nodes_released),
           removed});
    }
    out += "</tbody></table></details>";
  }
  return out;
}

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2329;
margin:24px auto;max-width:1480px;padding:0 16px;line-height:1.4}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.2em;margin:28px 0 8px}h3{font-size:1em;margin:0 0 4px}
.meta{color:#555;margin:0 0 12px}
table{border-collapse:collapse;font-size:.9em;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #e3e6ea;text-align:right}
th:first-child{text-align:left;font-weight:500}thead th{border-bottom:2px solid #9aa3ad;font-weight:600}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure.chart{margin:0;padding:12px;border:1px solid #e3e6ea;border-radius:6px;flex:0 0 auto}
figcaption{color:#555;font-size:.85em;max-width:620px}
.legend{list-style:none;padding:0;margin:0 0 4px;display:flex;flex-wrap:wrap;gap:14px;font-size:.85em}
.legend .line{display:inline-block;width:22px;border-top:2px solid #333;margin-right:6px;vertical-align:middle}
.legend .line.dashed{border-top-style:dashed}
svg text{font-size:11px;fill:#444}svg .title{font-size:12px;fill:#222}
svg .grid{stroke:#e8ebee}svg .axis{stroke:#777}
svg polyline{fill:none;stroke-width:1.8;stroke-linejoin:round}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.top{display:flex;flex-wrap:wrap;gap:40px;align-items:flex-start}
.notes{color:#333;font-size:.9em;max-width:560px}
)";

// Measures what the browser drew (nothing else: the page needs no script to show its charts).
constexpr std::string_view kScript = R"(
window.addEventListener('load', function () {
  var drawn = 0;
  document.querySelectorAll('figure.chart').forEach(function (chart) {
    var box = chart.querySelector('svg').getBoundingClientRect();
    var plotted = 0;
    chart.querySelectorAll('.series').forEach(function (s) {
      var b = s.getBBox();
      if (b.width > 0 || b.height > 0) plotted++;
    });
    var ok = box.width > 0 && box.height > 0 && plotted > 0;
    chart.setAttribute('data-plotted-series', String(plotted));
    if (ok) drawn++;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
});
)";

}  // namespace

std::string html_report(const sim::Scenario& scenario,
                        const std::vector<sim::VariantResult>& results) {
  const int64_t end = run_end(scenario, results);
  const Axis time{time_scale(end), time_label, "simulated time"};

  std::string variants;
  for (size_t v = 0; v < results.size(); ++v) {
    variants += fmt::format(
        R"(<li><span class="swatch" style="background:{}"></span><b>{}</b>: {}, {}</li>)",
        colour(v), html_escape(results[v].variant), autoscaler_name(results[v].autoscaler),
        configuration(results[v]));
  }

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += fmt::format("<title>nodewright simulation: {}</title>", html_escape(scenario.name));
  out += "<style>" + std::string(kStyle) + "</style></head>\n<body>";
  out += fmt::format("<h1>Simulation: {}</h1>", html_escape(scenario.name));
  out += fmt::format(R"(<p class="meta">seed {} · {} simulated ({} s) · region {}</p>)",
                     scenario.seed, time_label(scenario.duration),
                     exact_decimal(scenario.duration, 3), html_escape(scenario.region));
  out += "<ul class=\"variants\">" + variants + "</ul>\n";
  out += R"(<div class="top"><section><h2>Comparison</h2>)" + comparison_table(results) +
         "</section>\n";
  out += R"(<section class="notes"><h2>How the figures are defined</h2><ul>)"
         "<li><b>Pending</b>: a pod's time from creation to binding to a node, over the pods "
         "that were bound. Percentiles are nearest-rank.</li>"
         "<li><b>Job→nodes gone</b>: per finished application, the time from its end "
         "to the deletion of the last node it released. A node is released by an application "
         "when one of the application's pods was the last to leave it and nothing ran on it "
         "afterwards. 0 if those nodes were gone before the application was marked finished. "
         "Applications that released no node, or whose released node was still up at the "
         "end, are not measured.</li>"
         "<li><b>Empty→deleted</b>: the time from a node's last pod leaving to the node's "
         "deletion, over the nodes deleted after they became empty.</li>"
         "<li><b>Cost</b>: what EC2 bills, per second from the instance running to its "
         "termination, with the billing minimum, at us-east-1 prices.</li>"
         "<li><b>Utilisation</b>: the pods' requests over the allocatable capacity of Ready "
         "nodes, both integrated over time.</li>"
         "<li><b>Configuration objects</b>: what an operator maintains for the autoscaler: "
         "Karpenter NodePools, or the Cluster Autoscaler's node groups (Auto Scaling "
         "groups).</li></ul></section></div>\n";
  out += "<h2>Over time</h2><div class=\"charts\">";
  out += nodes_chart(results, time) + "\n";
  out += pending_chart(results, time) + "\n";
  out += cost_chart(scenario, results, time) + "\n";
  out += histogram_chart(results) + "\n";
  out += "</div>\n<h2>Applications</h2>" + application_tables(results) + "\n";
  out += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return out;
}

}  // namespace nw::report
