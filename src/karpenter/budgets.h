// NodePool disruption budgets (karpenter-core.md §3.3): how many of a pool's nodes a voluntary
// disruption method may take down now. Each budget applies to the reasons it lists (all when it
// lists none) and is active always, or for `duration` after each firing of its cron `schedule`
// (UTC; the simulator's time 0 is Monday 2024-01-01 00:00 UTC). Allowed = the minimum over the
// active budgets that apply, a percentage of the pool's nodes rounded up; what is left subtracts
// the pool's nodes already being disrupted (deleting or not ready).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "karpenter/clock.h"
#include "karpenter/cluster_state.h"
#include "model/nodepool.h"

namespace nw::karpenter {

// The budget left for `reason` in `pool` at `now`.
int64_t disruptions_allowed(const model::NodePool& pool, model::DisruptionReason reason,
                            const ClusterState& state, Timestamp now);

// Whether the five-field cron expression (minute hour day-of-month month day-of-week; `*`,
// lists, ranges and steps, plus @hourly/@daily/@midnight/@weekly/@monthly/@yearly/@annually)
// fires at the minute starting at `at`. A malformed expression never fires.
bool cron_fires(std::string_view schedule, Timestamp at);

}  // namespace nw::karpenter
