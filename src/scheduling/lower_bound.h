// A lower bound on the hourly cost of any plan that places the same pods, so a user can see how
// far a plan can be from optimal.
//
// The bound is the optimum of a linear relaxation, solved with COIN-OR CLP. Pods are grouped by
// where they may run (node requirements and tolerations); a "node kind" is one (NodePool,
// instance type, capacity type) with its cheapest allowed price. Variables: x_k, the (fractional)
// number of nodes of kind k; u_{g,k,r}, the amount of resource r of those nodes given to group g;
// and e_{g,n,r}, the same from existing node n's free capacity. Constraints: per kind and
// resource, Σ_g u_{g,k,r} ≤ room_{k,r}·x_k (room = allocatable − DaemonSet overhead); per
// existing node and resource, Σ_g e_{g,n,r} ≤ free_{n,r}; per group and resource,
// Σ_k u + Σ_n e ≥ the group's demand. Minimise Σ_k price_k·x_k.
//
// Every real plan is a feasible point (integral nodes, each pod's requests counted against its
// node), so the optimum never exceeds the cost of any plan. The relaxation ignores topology,
// limits and minValues and lets a group split its demand resource by resource, so the bound can
// be loose; it is never wrong. Floating point is confined here: the result is rounded down to
// whole micro-dollars, a reported figure, never an input to a decision.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "scheduling/plan.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {

// Micro-dollars per hour; nullopt when the LP could not be solved.
std::optional<int64_t> cost_lower_bound(const Snapshot& snapshot, const Plan& plan);

}  // namespace nw::scheduling
