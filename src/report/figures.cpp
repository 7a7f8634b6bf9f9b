// The figures the HTML report adds to the summary: per-application pending times and node
// removal, the cost over time, and the pending-time histogram. All in integers.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "report/report.h"
#include "sim/simulated_ec2.h"

namespace nw::report {
namespace {

using AppKey = std::pair<std::string, std::string>;  // namespace, name

// The histogram's bin width for pending times up to `max_ms`: the first of 1-2-5 seconds, then
// clock-like steps, then doubling days, that gives at most 20 bins.
int64_t histogram_bin(int64_t max_ms) {
  static constexpr int64_t kBins[] = {1'000,      2'000,      5'000,     10'000,    15'000,
                                      30'000,     60'000,     120'000,   300'000,   600'000,
                                      900'000,    1'800'000,  3'600'000, 7'200'000, 10'800'000,
                                      21'600'000, 43'200'000, 86'400'000};
  constexpr int64_t kMaxBins = 20;
  for (int64_t bin : kBins) {
    if (max_ms / bin + 1 <= kMaxBins) return bin;
  }
  int64_t bin = 86'400'000;
  while (max_ms / bin + 1 > kMaxBins) bin *= 2;
  return bin;
}

}  // namespace

std::vector<ApplicationSummary> summarize_applications(const sim::VariantResult& result) {
  std::map<AppKey, size_t> index;
  std::vector<ApplicationSummary> apps(result.applications.size());
  for (size_t i = 0; i < result.applications.size(); ++i) {
    const sim::ApplicationRecord& app = result.applications[i];
    apps[i].record = &app;
    index.emplace(AppKey{app.namespace_, app.name}, i);
  }
  std::map<std::string, const sim::NodeRecord*> nodes;
  for (const sim::NodeRecord& node : result.nodes) nodes.emplace(node.name, &node);
  std::set<std::string> in_use_at_end;  // nodes a pod was still bound to when the run ended
  for (const sim::PodRecord& pod : result.pods) {
    if (!pod.node.empty() && pod.finished == sim::kNever) in_use_at_end.insert(pod.node);
  }

  // A node's last emptying that it never recovered from: it was deleted after it, or it was
  // still empty at the end. (Deleted before its last pod left means it was removed while in use.)
  auto stayed_empty = [&](const sim::NodeRecord& node) {
    return node.deleted == sim::kNever ? !in_use_at_end.contains(node.name)
                                       : node.deleted >= node.emptied;
  };

  std::vector<std::vector<int64_t>> pending(apps.size());
  // Per application, the nodes it released (a set: several of its pods may leave one at once).
  std::vector<std::set<const sim::NodeRecord*>> released(apps.size());
  for (const sim::PodRecord& pod : result.pods) {
    auto app = index.find(AppKey{pod.namespace_, pod.application});
    if (app == index.end()) continue;
    if (pod.bound != sim::kNever) pending[app->second].push_back(pod.bound - pod.created);
    auto node = nodes.find(pod.node);
    if (node != nodes.end() && pod.finished != sim::kNever &&
        pod.finished == node->second->emptied && stayed_empty(*node->second)) {
      released[app->second].insert(node->second);
    }
  }

  for (size_t i = 0; i < apps.size(); ++i) {
    ApplicationSummary& app = apps[i];
    app.pending = distribution(std::move(pending[i]));
    app.nodes_released = static_cast<int64_t>(released[i].size());
    const sim::SimTime finished = app.record->finished;
    if (finished == sim::kNever || released[i].empty()) continue;
    sim::SimTime last_deleted = 0;
    for (const sim::NodeRecord* node : released[i]) {
      if (node->deleted == sim::kNever) app.nodes_left_running = true;
      last_deleted = std::max(last_deleted, node->deleted);
    }
    if (!app.nodes_left_running) {
      app.end_to_nodes_removed = std::max<sim::SimTime>(last_deleted - finished, 0);
    }
  }
  return apps;
}

Distribution job_end_to_nodes_removed(const std::vector<ApplicationSummary>& applications) {
  std::vector<int64_t> values;
  for (const ApplicationSummary& app : applications) {
    if (app.end_to_nodes_removed != sim::kNever) values.push_back(app.end_to_nodes_removed);
  }
  return distribution(std::move(values));
}

std::vector<int64_t> cumulative_cost(const sim::VariantResult& result, int64_t minimum_billed_ms) {
  std::vector<int64_t> costs;
  costs.reserve(result.timeline.size());
  for (const sim::TimelineSample& sample : result.timeline) {
    int64_t total = 0;
    for (const sim::NodeRecord& node : result.nodes) {
      if (node.running == sim::kNever) continue;
      const sim::SimTime stop =
          node.terminated == sim::kNever ? sample.at : std::min(sample.at, node.terminated);
      total += sim::billed_micro_usd(node.price_micro_usd_per_hour, node.running, stop,
                                     minimum_billed_ms);
    }
    costs.push_back(total);
  }
  return costs;
}

Histogram pending_histogram(const std::vector<sim::VariantResult>& results) {
  int64_t max_ms = 0;
  for (const sim::VariantResult& result : results) {
    for (const sim::PodRecord& pod : result.pods) {
      if (pod.bound != sim::kNever) max_ms = std::max(max_ms, pod.bound - pod.created);
    }
  }
  Histogram h;
  h.bin_ms = histogram_bin(max_ms);
  const auto bins = static_cast<size_t>(max_ms / h.bin_ms + 1);
  for (const sim::VariantResult& result : results) {
    std::vector<int64_t>& counts = h.counts.emplace_back(bins, 0);
    for (const sim::PodRecord& pod : result.pods) {
      if (pod.bound != sim::kNever)
        ++counts[static_cast<size_t>((pod.bound - pod.created) / h.bin_ms)];
    }
  }
  return h;
}

}  // namespace nw::report
