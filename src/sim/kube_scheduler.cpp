#include "sim/kube_scheduler.h"

#include <map>

#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::sim {

SchedulingOutcome KubeScheduler::schedule() const {
  SchedulingOutcome outcome;
  scheduling::Snapshot snapshot;
  snapshot.daemon_sets = daemon_sets_;
  for (const auto& [name, node] : state_.nodes) {
    if (!node.node.ready() || node.deleting()) continue;
    snapshot.nodes.push_back(scheduling::make_existing_node(node.node, nullptr));
  }
  scheduling::sort_nodes(snapshot);
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
  if (ids.empty()) return outcome;
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
