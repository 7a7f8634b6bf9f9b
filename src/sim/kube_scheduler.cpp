#include "sim/kube_scheduler.h"

#include <algorithm>
#include <map>

#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::sim {

SchedulingOutcome KubeScheduler::schedule() {
  SchedulingOutcome outcome;
  const bool pending = std::any_of(state_.pods.begin(), state_.pods.end(),
                                   [](const auto& entry) { return !entry.second.pod.bound(); });
  if (!pending) return outcome;
  scheduling::Snapshot snapshot;
  snapshot.daemon_sets = daemon_sets_;
  for (const auto& [name, node] : state_.nodes) {
    if (!node.node.ready() || node.deleting()) continue;
    // Ready nodes are initialized, so the NodePool's start-up taints do not matter here.
    snapshot.nodes.push_back(node_views_.view(node, nullptr));
  }
  scheduling::sort_nodes(snapshot);
  node_views_.prune(state_);
  std::map<std::string_view, bool> schedulable;
  for (const scheduling::ExistingNode& node : snapshot.nodes) schedulable[node.name] = true;
  std::vector<const model::Pod*> pods;
  std::vector<uint64_t> ids;  // parallel to the pending pods, in order
  for (const auto& [id, pod] : state_.pods) {
    if (pod.pod.bound()) {
      if (schedulable.contains(pod.pod.spec.node_name)) pods.push_back(&pod.pod);
    } else {
      pods.push_back(&pod.pod);
      ids.push_back(id);
    }
  }
  scheduling::add_pods(snapshot, pods);

  scheduling::SchedulerOptions options;
  options.node_choice = strategy_ == ScoringStrategy::MostAllocated
                            ? scheduling::NodeChoice::MostAllocated
                            : scheduling::NodeChoice::LeastAllocated;
  options.pod_order = scheduling::PodOrder::Queue;
  scheduling::Plan plan = scheduling::schedule(snapshot, options);
  for (const scheduling::ExistingPlacement& placement : plan.existing) {
    for (size_t pod : placement.pods) {
      outcome.bindings.emplace_back(ids[pod], snapshot.nodes[placement.node].name);
    }
  }
  for (const scheduling::Unschedulable& u : plan.unschedulable) {
    outcome.unschedulable.push_back(ids[u.pod]);
  }
  return outcome;
}

}  // namespace nw::sim
