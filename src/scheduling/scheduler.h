// The provisioning pass with Karpenter's semantics (karpenter-core.md §1.3–1.14): pods in
// Karpenter's order, each placed on the first existing node that takes it, else on the emptiest
// NodeClaim already opened in this solve that takes it, else on a new NodeClaim from the first
// NodePool (by weight) that takes it; preferences relaxed one at a time when a pod fits nowhere;
// a progress-detecting retry queue for pods that depend on each other.
//
// Where nodewright departs from Karpenter on purpose:
//   - NodePool limits are accounted exactly within the solve: each open claim reserves the
//     element-wise maximum capacity (and one `nodes`) over its remaining options, re-computed as
//     the options shrink, so no choice of launched types can exceed a limit (Karpenter lets a
//     batch overshoot, kubernetes-sigs/karpenter#2915).
//   - Topology ties go to the smallest domain name instead of map order.
//   - Identical pods (same equivalence key) share what is learnt about them: a claim that turns
//     one away for a reason that cannot change is not asked again for the others
//     (docs/architecture.md, "How the solver stays fast"). The placements are the same as
//     evaluating every pod against every claim.
#pragma once

#include "scheduling/launchable_claim.h"
#include "scheduling/plan.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {

// How a pod chooses among the existing nodes that can take it. Karpenter's simulation takes the
// first in snapshot order; kube-scheduler scores them by NodeResourcesFit (cas-yunikorn-spark.md
// §6), and its model (src/sim/kube_scheduler.h) is this solver with no NodePools and one of the
// scoring strategies, so both judge every constraint with the same code.
enum class NodeChoice { FirstFit, LeastAllocated, MostAllocated };

// The order pods are tried in: Karpenter's (largest first), kube-scheduler's queue (priority
// descending, then the snapshot's pending order, which is creation order), or the snapshot's
// pending order as the caller arranged it (the Cluster Autoscaler's binpacking estimator).
enum class PodOrder { Karpenter, Queue, Snapshot };

struct SchedulerOptions {
  LaunchLimits launch;
  NodeChoice node_choice = NodeChoice::FirstFit;
  PodOrder pod_order = PodOrder::Karpenter;
};

Plan schedule(const Snapshot& snapshot, const SchedulerOptions& options);

}  // namespace nw::scheduling
