// kube-scheduler as the simulator models it: pending pods, highest priority first then oldest,
// each bound to the Ready node (not being deleted) that NodeResourcesFit scores best under the
// scenario's strategy, among the nodes every filter admits. The filters are the provisioning
// solver's own (scheduling/scheduler.h with no NodePools), so a pod is never bound where the
// autoscaler would not have placed it. A pod that fits nowhere is marked Unschedulable.
//
// Simplifications, on purpose: preferred affinities and spreads are honoured when they can be
// and dropped otherwise (the solver's relaxation) rather than scored; ties go to the first node
// by name instead of at random; there is no preemption.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "karpenter/cluster_state.h"
#include "model/daemonset.h"
#include "sim/scenario.h"

namespace nw::sim {

struct SchedulingOutcome {
  std::vector<std::pair<uint64_t, std::string>> bindings;  // pod id → node name
  std::vector<uint64_t> unschedulable;                     // pod ids
};

class KubeScheduler {
 public:
  KubeScheduler(ScoringStrategy strategy, const std::vector<model::DaemonSet>& daemon_sets,
                const karpenter::ClusterState& state)
      : strategy_(strategy), state_(state) {
    for (const model::DaemonSet& ds : daemon_sets) daemon_sets_.push_back(&ds);
  }

  // One scheduling pass over every pending pod.
  SchedulingOutcome schedule();

 private:
  ScoringStrategy strategy_;
  std::vector<const model::DaemonSet*> daemon_sets_;
  const karpenter::ClusterState& state_;
  karpenter::NodeViews node_views_;
};

}  // namespace nw::sim
