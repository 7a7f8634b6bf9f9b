// Packing improvement after the Karpenter-equivalent pass ("Beyond Karpenter" in the design).
//
// Karpenter packs first-fit-decreasing into the emptiest open claim and launches the cheapest
// type that fits what each claim ended up with. With mixed pod shapes that leaves money on the
// table: claims grow to the largest types, and cpu-heavy and memory-heavy pods rarely meet the
// type whose shape suits them. This pass re-packs, group by group, the pods whose placement no
// topology rule depends on:
//
//   1. A pod is movable when it has no topology spread, pod affinity or anti-affinity, binds no
//      host port, and no topology rule of any other pod (pending, or running with required
//      anti-affinity) selects it: moving it cannot change a domain count or a port anyone reads.
//   2. Movable pods are grouped by NodePool and node requirements (identical constraints).
//   3. For each group, in key order: take its pods out of their claims (re-launching what is left
//      of each claim as its cheapest fitting option), then pack them afresh first-fit-decreasing
//      into nodes of each of the `candidate_types` instance types with the lowest estimated cost
//      for the group's demand, and launch each resulting node as its cheapest fitting option.
//   4. Keep the cheapest arrangement if it costs less than before and keeps every NodePool limit
//      (each claim reserving the largest of its options, as in the solve). Near a limit, the
//      claims the change makes are pinned to the type each launches, so they reserve only that;
//      if the limits still do not hold, the plan is left as it was.
//
// Guarantees: the result never costs more than the input, every pod stays where its
// requirements, tolerations and limits allow, and the work is bounded by groups ×
// candidate_types × pods; no clock is read, so the same input gives the same plan.
#pragma once

#include "scheduling/launchable_claim.h"
#include "scheduling/plan.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {

struct ImproveOptions {
  LaunchLimits launch;
  size_t candidate_types = 12;  // instance types tried per group
};

Plan improve_packing(const Snapshot& snapshot, Plan plan, const ImproveOptions& options);

}  // namespace nw::scheduling
