// Which offering a NodeClaim launches as, given the instance types it may use (the policy half
// of Karpenter's AWS Create, karpenter-core.md §1.14, §2.3):
//   1. Capacity type by precedence: spot when the claim allows it and a spot offering is
//      available, else on-demand (Karpenter launches spot whenever it may).
//   2. On-demand: the lowest-priced offering (EC2 Fleet "lowest-price").
//   3. Spot, SpotAllocation::PriceCapacityOptimized (the default, as Karpenter asks EC2 Fleet
//      for "price-capacity-optimized"): EC2 weighs a pool's spare capacity against its price and
//      publishes neither, so nodewright stands in the Spot Advisor's interruption band for the
//      capacity signal and ranks offerings by price × (100 + 10 × band) / 100 — 0 % to +40 % —
//      with an unknown band counted as 2. Ties go to the lower raw price.
//      SpotAllocation::LowestPrice ranks by price alone.
// Remaining ties go to the earlier option, then the earlier zone (zones are sorted), so the
// choice is deterministic.
#pragma once

#include <optional>
#include <vector>

#include "catalog/instance_type.h"
#include "model/requirements.h"

namespace nw::scheduling {

enum class SpotAllocation { PriceCapacityOptimized, LowestPrice };

struct LaunchChoice {
  const catalog::InstanceType* instance_type = nullptr;
  catalog::Offering offering;
};

// `allowed[i]` has bit k set when options[i]->offerings()[k] is allowed by the claim's
// requirements (OfferingIndex computes these). nullopt when no option has an allowed offering.
std::optional<LaunchChoice> choose_launch(const std::vector<const catalog::InstanceType*>& options,
                                          const std::vector<uint64_t>& allowed,
                                          SpotAllocation spot_allocation);

// Every allowed offering of the chosen capacity type, best first: the order an EC2 Fleet request
// lists its overrides in, and falls back along when an offering is short of capacity.
// choose_launch is its first element.
std::vector<LaunchChoice> rank_launches(const std::vector<const catalog::InstanceType*>& options,
                                        const std::vector<uint64_t>& allowed,
                                        SpotAllocation spot_allocation);

}  // namespace nw::scheduling
