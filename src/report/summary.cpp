// The per-variant figures (summarize), the summary JSON and the terminal table.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "report/format.h"
#include "report/report.h"

namespace nw::report {
namespace {

using detail::fixed_decimal;
using model::Int128;
using ordered_json = nlohmann::ordered_json;

int64_t utilization_ppm(Int128 requested, Int128 allocatable) {
  if (allocatable <= 0) return 0;
  return static_cast<int64_t>(detail::round_div(requested * 1'000'000, allocatable));
}

// The only floating point in the module: integer figures become JSON numbers here.
double dollars(int64_t micro_usd) {
  return static_cast<double>(micro_usd) / 1e6;
}
double seconds(int64_t ms) {
  return static_cast<double>(ms) / 1e3;
}
double ratio(int64_t ppm) {
  return static_cast<double>(ppm) / 1e6;
}

ordered_json seconds_or_null(const Distribution& d, int64_t ms) {
  return d.count == 0 ? ordered_json() : ordered_json(seconds(ms));
}

ordered_json variant_json(const sim::VariantResult& result) {
  VariantSummary s = summarize(result);

  ordered_json by_namespace = ordered_json::object();
  for (const auto& [ns, micro] : s.cost_by_namespace) by_namespace[ns] = dollars(micro);
  ordered_json by_application = ordered_json::array();
  for (const sim::ApplicationRecord& app : result.applications) {
    by_application.push_back(ordered_json{{"namespace", app.namespace_},
                                          {"name", app.name},
                                          {"kind", app.kind},
                                          {"dollars", dollars(app.cost_micro_usd)}});
  }

  const Distribution& pending = s.pending;
  const Distribution& empty = s.empty_to_deleted;
  const Distribution& apps = s.application_duration;
  const Distribution& job_end = s.job_end_to_nodes_removed;
  return ordered_json{
      {"variant", s.variant},
      {"autoscaler", sim::to_string(result.autoscaler)},
      {"configurationObjects", result.configuration_objects},
      {"pods", s.pods},
      {"cost",
       {{"total", dollars(s.cost_total)},
        {"onDemand", dollars(s.cost_on_demand)},
        {"spot", dollars(s.cost_spot)},
        {"unattributed", dollars(s.cost_unattributed)},
        {"byNamespace", std::move(by_namespace)},
        {"byApplication", std::move(by_application)}}},
      {"pendingSeconds",
       {{"p50", seconds_or_null(pending, pending.p50)},
        {"p90", seconds_or_null(pending, pending.p90)},
        {"p99", seconds_or_null(pending, pending.p99)},
        {"max", seconds_or_null(pending, pending.max)},
        {"mean", seconds_or_null(pending, pending.mean)},
        {"count", pending.count},
        {"neverBound", s.never_bound}}},
      {"emptyToDeletedSeconds",
       {{"p50", seconds_or_null(empty, empty.p50)},
        {"p90", seconds_or_null(empty, empty.p90)},
        {"max", seconds_or_null(empty, empty.max)},
        {"count", empty.count}}},
      {"jobEndToNodesRemovedSeconds",
       {{"p50", seconds_or_null(job_end, job_end.p50)},
        {"max", seconds_or_null(job_end, job_end.max)},
        {"count", job_end.count}}},
      {"applications",
       {{"count", s.applications},
        {"finished", s.applications_finished},
        {"durationSeconds",
         {{"p50", seconds_or_null(apps, apps.p50)},
          {"p90", seconds_or_null(apps, apps.p90)},
          {"max", seconds_or_null(apps, apps.max)}}}}},
      {"nodes",
       {{"launched", s.nodes_launched},
        {"peak", s.nodes_peak},
        {"byCapacityType", {{"onDemand", s.nodes_on_demand}, {"spot", s.nodes_spot}}}}},
      {"utilization",
       {{"cpu", ratio(s.cpu_utilization_ppm)}, {"memory", ratio(s.memory_utilization_ppm)}}},
      {"statistics",
       {{"events", result.statistics.events},
        {"provisioningRuns", result.statistics.provisioning_runs},
        {"schedulingRuns", result.statistics.scheduling_runs}}}};
}

// Columns in terminal cells: UTF-8 continuation bytes take none ("→" is one cell).
size_t display_width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The first column left-aligned, the others right-aligned, two spaces apart, no trailing blanks.
std::string render_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string padding(widths[i] - display_width(row[i]), ' ');
      if (i > 0) line += "  ";
      line += i == 0 ? row[i] + padding : padding + row[i];
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace

int64_t nearest_rank(const std::vector<int64_t>& sorted, int percent) {
  size_t n = sorted.size();
  size_t rank = (static_cast<size_t>(percent) * n + 99) / 100;  // ceil(percent × n / 100)
  return sorted[std::clamp<size_t>(rank, 1, n) - 1];
}

Distribution distribution(std::vector<int64_t> values_ms) {
  Distribution d;
  if (values_ms.empty()) return d;
  std::sort(values_ms.begin(), values_ms.end());
  d.count = static_cast<int64_t>(values_ms.size());
  d.p50 = nearest_rank(values_ms, 50);
  d.p90 = nearest_rank(values_ms, 90);
  d.p99 = nearest_rank(values_ms, 99);
  d.max = values_ms.back();
  Int128 sum = std::accumulate(values_ms.begin(), values_ms.end(), Int128{0});
  d.mean = static_cast<int64_t>(detail::round_div(sum, d.count));
  return d;
}

VariantSummary summarize(const sim::VariantResult& result) {
  VariantSummary s;
  s.variant = result.variant;
  s.pods = static_cast<int64_t>(result.pods.size());

  std::vector<int64_t> pending;
  for (const sim::PodRecord& pod : result.pods) {
    s.cost_pods += pod.cost_micro_usd;
    s.cost_by_namespace[pod.namespace_] += pod.cost_micro_usd;
    if (pod.bound == sim::kNever) {
      ++s.never_bound;
    } else {
      pending.push_back(pod.bound - pod.created);
    }
  }
  s.pending = distribution(std::move(pending));

  std::vector<int64_t> empty_to_deleted;
  for (const sim::NodeRecord& node : result.nodes) {
    ++s.nodes_launched;
    s.cost_total += node.cost_micro_usd;
    if (node.capacity_type == catalog::CapacityType::Spot) {
      ++s.nodes_spot;
      s.cost_spot += node.cost_micro_usd;
    } else {
      ++s.nodes_on_demand;
      s.cost_on_demand += node.cost_micro_usd;
    }
    if (node.emptied != sim::kNever && node.deleted != sim::kNever &&
        node.deleted >= node.emptied) {
      empty_to_deleted.push_back(node.deleted - node.emptied);
    }
  }
  s.empty_to_deleted = distribution(std::move(empty_to_deleted));
  s.job_end_to_nodes_removed = job_end_to_nodes_removed(summarize_applications(result));
  s.cost_unattributed = s.cost_total - s.cost_pods;

  std::vector<int64_t> durations;
  for (const sim::ApplicationRecord& app : result.applications) {
    ++s.applications;
    if (app.finished != sim::kNever) {
      ++s.applications_finished;
      durations.push_back(app.finished - app.submitted);
    }
  }
  s.application_duration = distribution(std::move(durations));

  for (const sim::TimelineSample& sample : result.timeline) {
    s.nodes_peak = std::max(s.nodes_peak, sample.nodes_on_demand + sample.nodes_spot);
  }
  s.cpu_utilization_ppm =
      utilization_ppm(result.cpu_request_millis_ms, result.cpu_allocatable_millis_ms);
  s.memory_utilization_ppm =
      utilization_ppm(result.memory_request_bytes_ms, result.memory_allocatable_bytes_ms);
  return s;
}

nlohmann::ordered_json summary_json(const sim::Scenario& scenario,
                                    const std::vector<sim::VariantResult>& results) {
  ordered_json variants = ordered_json::array();
  for (const sim::VariantResult& result : results) variants.push_back(variant_json(result));
  return ordered_json{{"scenario", scenario.name},
                      {"seed", scenario.seed},
                      {"durationSeconds", seconds(scenario.duration)},
                      {"variants", std::move(variants)}};
}

std::vector<std::vector<std::string>> detail::comparison_rows(
    const std::vector<VariantSummary>& summaries) {
  std::vector<std::vector<std::string>> rows;
  auto row = [&](std::string label, auto cell) {
    std::vector<std::string> cells = {std::move(label)};
    for (const VariantSummary& s : summaries) cells.push_back(cell(s));
    rows.push_back(std::move(cells));
  };
  auto money = [](int64_t micro) { return fixed_decimal(micro, 6, 2); };
  auto secs = [](const Distribution& d, int64_t ms) { return detail::seconds_cell(d, ms); };
  auto percent = [](int64_t ppm) { return fixed_decimal(ppm, 4, 1); };

  row("cost total ($)", [&](const VariantSummary& s) { return money(s.cost_total); });
  row("cost on-demand ($)", [&](const VariantSummary& s) { return money(s.cost_on_demand); });
  row("cost spot ($)", [&](const VariantSummary& s) { return money(s.cost_spot); });
  row("pods", [](const VariantSummary& s) { return std::to_string(s.pods); });
  row("pods never bound", [](const VariantSummary& s) { return std::to_string(s.never_bound); });
  row("pending p50 (s)", [&](const VariantSummary& s) { return secs(s.pending, s.pending.p50); });
  row("pending p90 (s)", [&](const VariantSummary& s) { return secs(s.pending, s.pending.p90); });
  row("pending p99 (s)", [&](const VariantSummary& s) { return secs(s.pending, s.pending.p99); });
  row("pending max (s)", [&](const VariantSummary& s) { return secs(s.pending, s.pending.max); });
  row("nodes launched", [](const VariantSummary& s) { return std::to_string(s.nodes_launched); });
  row("peak nodes", [](const VariantSummary& s) { return std::to_string(s.nodes_peak); });
  row("empty→deleted p50 (s)",
      [&](const VariantSummary& s) { return secs(s.empty_to_deleted, s.empty_to_deleted.p50); });
  row("empty→deleted max (s)",
      [&](const VariantSummary& s) { return secs(s.empty_to_deleted, s.empty_to_deleted.max); });
  row("job→nodes gone p50 (s)", [&](const VariantSummary& s) {
    return secs(s.job_end_to_nodes_removed, s.job_end_to_nodes_removed.p50);
  });
  row("job→nodes gone max (s)", [&](const VariantSummary& s) {
    return secs(s.job_end_to_nodes_removed, s.job_end_to_nodes_removed.max);
  });
  row("applications finished", [](const VariantSummary& s) {
    return fmt::format("{}/{}", s.applications_finished, s.applications);
  });
  row("app duration p50 (s)", [&](const VariantSummary& s) {
    return secs(s.application_duration, s.application_duration.p50);
  });
  row("app duration p90 (s)", [&](const VariantSummary& s) {
    return secs(s.application_duration, s.application_duration.p90);
  });
  row("cpu utilisation (%)",
      [&](const VariantSummary& s) { return percent(s.cpu_utilization_ppm); });
  row("memory utilisation (%)",
      [&](const VariantSummary& s) { return percent(s.memory_utilization_ppm); });
  return rows;
}

std::string detail::seconds_cell(const Distribution& d, int64_t ms) {
  return d.count == 0 ? std::string("-") : fixed_decimal(ms, 3, 1);
}

std::string summary_table(const sim::Scenario& scenario,
                          const std::vector<sim::VariantResult>& results) {
  std::vector<VariantSummary> summaries;
  for (const sim::VariantResult& result : results) summaries.push_back(summarize(result));

  std::vector<std::vector<std::string>> rows = {{""}};
  for (const VariantSummary& s : summaries) rows.front().push_back(s.variant);
  for (auto& row : detail::comparison_rows(summaries)) rows.push_back(std::move(row));
  return fmt::format("scenario {}, seed {}, {} s\n\n", scenario.name, scenario.seed,
                     detail::exact_decimal(scenario.duration, 3)) +
         render_table(rows);
}

}  // namespace nw::report
