// The simulator's outputs: a JSON summary, a fixed-width table for the terminal, CSVs of the
// timeline, pods, applications and nodes, and an HTML page with charts comparing the variants,
// all derived from a scenario's VariantResults (sim/result.h), and a writer that puts them in a
// directory.
//
// Assumes: the records follow sim/result.h (times in milliseconds with kNever for "did not
// happen", money in integer micro-dollars, resources in millicores and bytes).
// Guarantees: every figure is computed in integers (sums in micro-dollars, percentiles on integer
// milliseconds, utilisation in parts per million); floating point appears only in the JSON
// numbers, converted at the very end (the HTML's chart coordinates are integer tenths of a
// pixel). No clock, no randomness, no hashing order: the same input
// gives byte-identical output. Rows keep record order and variants keep result order.
//
// Units in the CSVs (exact decimals with trailing zeros dropped: "12.5", "3", "0.096"):
//   *_s, seconds                  seconds since the scenario started, millisecond precision;
//                                 durations (pending_s, duration_s, ...) likewise
//   cpu, cpu_*                    cores (1000 millicores), exact
//   memory, memory_*_gib          GiB (2^30 bytes), rounded half up to 3 decimals
//   cost, dollars                 US dollars, exact to the micro-dollar
//   *_per_hour                    US dollars per hour, exact to the micro-dollar
// A time that never happened (kNever) is an empty field. Fields are quoted as RFC 4180 says
// (only when they contain a comma, a double quote, CR or LF; quotes doubled); lines end in "\n".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/result.h"
#include "sim/scenario.h"

namespace nw::report {

// The nearest-rank percentile: the ceil(percent / 100 × n)-th smallest of `sorted` (at least the
// first). Precondition: `sorted` is sorted ascending and not empty; 0 < percent <= 100.
int64_t nearest_rank(const std::vector<int64_t>& sorted, int percent);

// A distribution of integer milliseconds. Every figure is 0 when count is 0.
struct Distribution {
  int64_t count = 0;
  int64_t p50 = 0, p90 = 0, p99 = 0, max = 0;
  int64_t mean = 0;  // rounded half up to the millisecond
};
Distribution distribution(std::vector<int64_t> values_ms);

// Everything the summary JSON and the table show for one variant, in integers.
struct VariantSummary {
  std::string variant;
  int64_t pods = 0;
  // Node costs (billed), micro-dollars.
  int64_t cost_total = 0, cost_on_demand = 0, cost_spot = 0;
  int64_t cost_pods = 0;  // the sum of the pods' cost shares
  // cost_total − cost_pods: capacity nobody's requests covered (idle, DaemonSets, minimum billing)
  int64_t cost_unattributed = 0;
  std::map<std::string, int64_t> cost_by_namespace;  // of pod costs, sorted by namespace
  Distribution pending;                              // bound − created, over pods that were bound
  int64_t never_bound = 0;  // pods never bound: still pending at the end, or deleted while pending
  Distribution empty_to_deleted;  // deleted − emptied, over nodes with both and deleted >= emptied
  // Per finished application, its end to the removal of the nodes it released
  // (ApplicationSummary::end_to_nodes_removed, below).
  Distribution job_end_to_nodes_removed;
  int64_t applications = 0, applications_finished = 0;
  Distribution application_duration;  // finished − submitted, over finished applications
  int64_t nodes_launched = 0, nodes_on_demand = 0, nodes_spot = 0;
  int64_t nodes_peak = 0;  // the largest on-demand + spot count over the timeline
  // Time-weighted ∫ requests / ∫ allocatable over ready nodes, in parts per million rounded half
  // up; 0 when nothing was allocatable.
  int64_t cpu_utilization_ppm = 0, memory_utilization_ppm = 0;
};
VariantSummary summarize(const sim::VariantResult& result);

// One application's figures beyond its record, in integers.
//
// "Job end to node removal": the nodes an application released are the nodes whose last emptying
// (NodeRecord::emptied) was one of its pods leaving them (a pod of it on that node finished at
// that instant), so nothing ran on them after it. The figure is the last of those nodes' deletion
// − the application's finish, 0 if they were all gone before it was marked finished. kNever when
// it did not finish or released no node; when one of its released nodes is still up at the end
// (neither deleted nor used again), `nodes_left_running` is set instead.
struct ApplicationSummary {
  const sim::ApplicationRecord* record = nullptr;  // into the VariantResult
  Distribution pending;  // bound − created, over its pods that were bound
  int64_t nodes_released = 0;
  sim::SimTime end_to_nodes_removed = sim::kNever;
  bool nodes_left_running = false;
};
// In record order. Pods belong to the application of their namespace and `application` name.
std::vector<ApplicationSummary> summarize_applications(const sim::VariantResult& result);

// Over the applications of summarize_applications() with a figure: end_to_nodes_removed.
Distribution job_end_to_nodes_removed(const std::vector<ApplicationSummary>& applications);

// The run's cost so far at each timeline sample: per node, what EC2 would have billed had the
// instance stopped at that instant (sim::billed_micro_usd from its running time, with the
// scenario's billing minimum), summed. The last sample is at the end of the run, where this is
// exactly the variant's total cost.
std::vector<int64_t> cumulative_cost(const sim::VariantResult& result, int64_t minimum_billed_ms);

// The pods' pending times (bound − created, bound pods only) binned for every variant alike:
// bins [i × bin_ms, (i + 1) × bin_ms) from 0 up to the one holding the largest time, bin_ms the
// first of 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 m, 2 m, 5 m, 10 m, 15 m, 30 m, 1 h, 2 h, 3 h, 6 h,
// 12 h, 1 d, then doubling, that gives at most 20 bins.
struct Histogram {
  int64_t bin_ms = 1000;
  std::vector<std::vector<int64_t>> counts;  // [variant][bin], every row the same length
};
Histogram pending_histogram(const std::vector<sim::VariantResult>& results);

// report.html: one self-contained page comparing the variants (no network: inline CSS and SVG,
// a short script that only measures the drawn charts, see below). It holds the scenario and
// its variants, a comparison table, four charts — nodes over time by capacity type, pending
// pods over time, cumulative cost, the distribution of pending times — each an
// <figure class="chart" data-chart="nodes|pending|cost|histogram"> with a `.series` element
// per plotted series carrying data-variant, and a per-application table per variant. All
// user-provided text is escaped. Chart coordinates are computed in integers (tenths of a
// pixel), so the same records give the same bytes. The script, on load, sets
// data-charts-drawn on <body> to the number of charts whose series the browser laid out with
// a non-zero size (the rendering check in tests/report/render_report.sh reads it).
std::string html_report(const sim::Scenario& scenario,
                        const std::vector<sim::VariantResult>& results);

// The summary document. Keys, in this order:
//   scenario, seed, durationSeconds, variants: [ {
//     variant, pods,
//     cost {total, onDemand, spot, unattributed, byNamespace {ns: $}, byApplication [
//           {namespace, name, kind, dollars} ]},
//     pendingSeconds {p50, p90, p99, max, mean, count, neverBound},
//     emptyToDeletedSeconds {p50, p90, max, count},
//     jobEndToNodesRemovedSeconds {p50, max, count},
//     applications {count, finished, durationSeconds {p50, p90, max}},
//     nodes {launched, peak, byCapacityType {onDemand, spot}},
//     utilization {cpu, memory},          (ratios, 6 decimals)
//     statistics {events, provisioningRuns, schedulingRuns} } ]
// Dollars and seconds are JSON numbers; a percentile over an empty set is null.
nlohmann::ordered_json summary_json(const sim::Scenario& scenario,
                                    const std::vector<sim::VariantResult>& results);

// One line per timeline sample:
//   variant,seconds,nodes_on_demand,nodes_spot,pending_pods,cost_rate_per_hour,cpu_requested,
//   cpu_allocatable,memory_requested_gib,memory_allocatable_gib
std::string timeline_csv(const std::vector<sim::VariantResult>& results);

// One line per pod:
//   variant,namespace,name,application,role,node,cpu,memory,created_s,bound_s,started_s,
//   finished_s,pending_s,cost
// (memory in GiB; pending_s = bound − created, empty if never bound)
std::string pods_csv(const std::vector<sim::VariantResult>& results);

// One line per application:
//   variant,namespace,name,kind,submitted_s,finished_s,duration_s,pods,cost
std::string applications_csv(const std::vector<sim::VariantResult>& results);

// One line per node:
//   variant,name,node_pool,instance_type,zone,capacity_type,price_per_hour,cpu_allocatable,
//   memory_allocatable_gib,launched_s,ready_s,emptied_s,deleted_s,empty_to_deleted_s,
//   deletion_reason,cost
// (capacity_type is "on-demand" or "spot"; empty_to_deleted_s only when both are set and
// deleted >= emptied, as in the summary)
std::string nodes_csv(const std::vector<sim::VariantResult>& results);

// A fixed-width table for stdout: a line naming the scenario, then one row per figure and one
// column per variant. Dollars have 2 decimals, seconds 1, percentages 1 (rounded half up); "-"
// where a figure has no value (a percentile over nothing).
std::string summary_table(const sim::Scenario& scenario,
                          const std::vector<sim::VariantResult>& results);

// The file names write_outputs() produces, in the order it writes them.
inline constexpr const char* kOutputFiles[] = {"summary.json",     "timeline.csv", "pods.csv",
                                               "applications.csv", "nodes.csv",    "report.html"};

// Writes summary.json (2-space indent, trailing newline), timeline.csv, pods.csv,
// applications.csv, nodes.csv and report.html into `dir`, creating it (and its parents) if
// needed. Each file is first written to a temporary name in `dir` (".<name>.tmp"); only when all
// six are written and closed are they renamed over the final names, so no output file is ever
// half-written and no file is replaced unless all six are ready. On failure the temporaries are
// removed and the message names the path and the OS error; nothing is thrown. (Each rename is
// atomic; a failure between renames, which needs the directory to change under us, can leave a mix
// of old and new files, and the message says so.)
std::optional<std::string> write_outputs(const std::filesystem::path& dir,
                                         const sim::Scenario& scenario,
                                         const std::vector<sim::VariantResult>& results);

}  // namespace nw::report
