// Turning the contents of a NodeClaim (its pods, requirements and the instance types that can
// hold them) into what is launched (karpenter-core.md §1.14): the options ordered by their
// cheapest allowed offering and truncated to the launch limit, minValues re-checked after the
// truncation, the least DaemonSet overhead among the options added to the requests, and the
// offering chosen by the launch policy. Shared by the Karpenter-equivalent pass and the packing
// improvement, so both launch the same way.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scheduling/launch.h"
#include "scheduling/offering_index.h"
#include "scheduling/plan.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {

struct LaunchLimits {
  size_t max_instance_types = 60;  // what AWS's launch keeps (maxInstanceTypes)
  SpotAllocation spot_allocation = SpotAllocation::PriceCapacityOptimized;
};

// minValues: the options must jointly offer enough distinct values of each key that sets one;
// the message names the first key that falls short.
std::optional<std::string> min_values_shortfall(const PoolTemplate& pool,
                                                const model::Requirements& requirements,
                                                const std::vector<uint32_t>& options);

// `offerings` is the index of that pool. Preconditions: `options` (indices into
// pool.instance_types) is non-empty, and each option
// fits the pods plus its DaemonSet overhead and has an offering `requirements` allow. Returns
// the reason when minValues cannot be met among the options kept.
std::variant<PlannedClaim, std::string> make_launchable(
    const Snapshot& snapshot, size_t pool, OfferingIndex& offerings,
    const model::Requirements& requirements, const std::vector<uint32_t>& options,
    const model::Resources& pod_requests, std::vector<size_t> pods, const LaunchLimits& limits);

}  // namespace nw::scheduling
