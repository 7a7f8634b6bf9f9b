// What the solver knows about one pending pod, and how its soft constraints are given up one by
// one when it cannot be placed (Karpenter's preference relaxation, karpenter-core.md §1.5, §1.12).
//
// Invariant: `requirements` = nodeSelector ∧ the active required node-affinity term ∧ the heaviest
// remaining preferred node-affinity term; `strict` is the same without the preferred term (it is
// what topology uses, so a preference never narrows the domains a pod may count in).
#pragma once

#include <vector>

#include "model/pod.h"
#include "model/requirements.h"
#include "model/resources.h"

namespace nw::scheduling {

struct PodData {
  const model::Pod* pod = nullptr;
  size_t index = 0;  // position in Snapshot::pending
  model::Resources requests;
  std::vector<int32_t> host_ports;  // sorted
  model::Requirements requirements;
  model::Requirements strict;

  // Relaxation state: what is still being honoured.
  size_t required_term = 0;  // index into the pod's required node-affinity terms
  std::vector<model::PreferredSchedulingTerm> preferred_node;  // weight descending
  std::vector<model::WeightedPodAffinityTerm> preferred_affinity;
  std::vector<model::WeightedPodAffinityTerm> preferred_anti_affinity;
  std::vector<model::TopologySpreadConstraint> spread;  // ScheduleAnyway ones drop one at a time
  bool tolerates_prefer_no_schedule = false;

  // The stable identity of everything above except the pod itself: pods with equal keys are
  // interchangeable to the solver (Spark executors of one application).
  std::string equivalence_key;
  // A small integer standing for equivalence_key, assigned by Topology::register_pod.
  size_t class_id = 0;

  static PodData make(const model::Pod& pod, size_t index);
  // Gives up the next preference in Karpenter's order; false when nothing is left to relax.
  // `pools_have_prefer_no_schedule` enables the last step (tolerate PreferNoSchedule taints).
  bool relax(bool pools_have_prefer_no_schedule);

 private:
  void refresh_requirements();
};

}  // namespace nw::scheduling
