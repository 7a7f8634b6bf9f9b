#include "cluster_autoscaler/estimator.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "model/quantity.h"
#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::cluster_autoscaler {

Estimate estimate(const model::Node& template_node,
                  const std::vector<std::vector<const model::Pod*>>& groups,
                  const std::vector<const model::DaemonSet*>& daemon_sets, int64_t max_nodes) {
  Estimate result;
  size_t pod_count = 0;
  for (const auto& group : groups) pod_count += group.size();
  const size_t nodes = std::min(pod_count, static_cast<size_t>(std::max<int64_t>(max_nodes, 0)));
  if (nodes == 0) return result;

  // Groups by descending score; with one template both fractions share their denominators, so
  // cpu × allocatable memory + memory × allocatable cpu orders them exactly.
  const int64_t alloc_cpu = template_node.allocatable.cpu_milli();
  const int64_t alloc_memory = template_node.allocatable.memory_bytes();
  auto score = [&](const std::vector<const model::Pod*>& group) {
    const model::Resources r = model::effective_requests(group.front()->spec);
    return static_cast<model::Int128>(r.cpu_milli()) * alloc_memory +
           static_cast<model::Int128>(r.memory_bytes()) * alloc_cpu;
  };
  std::vector<size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score(groups[a]) > score(groups[b]); });

  // The new nodes, named so that name order is the order they are added in.
  std::vector<model::Node> copies(nodes, template_node);
  scheduling::Snapshot snapshot;
  snapshot.daemon_sets = daemon_sets;
  for (size_t i = 0; i < nodes; ++i) {
    copies[i].meta.name = fmt::format("{}-{:06}", template_node.meta.name, i);
    model::set_label(copies[i].meta.labels, std::string(model::kLabelHostname),
                     copies[i].meta.name);
    snapshot.nodes.push_back(scheduling::make_existing_node(copies[i], nullptr));
  }
  std::vector<const model::Pod*> pending;
  for (size_t g : order) pending.insert(pending.end(), groups[g].begin(), groups[g].end());
  scheduling::add_pods(snapshot, pending);

  scheduling::SchedulerOptions options;
  options.node_choice = scheduling::NodeChoice::FirstFit;
  options.pod_order = scheduling::PodOrder::Snapshot;
  const scheduling::Plan plan = scheduling::schedule(snapshot, options);
  for (const scheduling::ExistingPlacement& placement : plan.existing) {
    ++result.node_count;
    for (size_t pod : placement.pods) result.pods.push_back(snapshot.pending[pod]);
  }
  return result;
}

}  // namespace nw::cluster_autoscaler
