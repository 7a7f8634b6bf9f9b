#include "scheduling/launch.h"

#include <algorithm>

#include "catalog/selection.h"

namespace nw::scheduling {
namespace {

constexpr int kUnknownBand = 2;

// Comparable integer cost of an offering under the allocation strategy.
__extension__ typedef __int128 Score;
Score score(const catalog::Offering& offering, SpotAllocation allocation) {
  Score price = offering.price_micro_usd_per_hour;
  if (offering.capacity_type != catalog::CapacityType::Spot ||
      allocation == SpotAllocation::LowestPrice) {
    return price * 100;
  }
  return price * (100 + 10 * offering.interruption_band.value_or(kUnknownBand));
}

}  // namespace

std::optional<LaunchChoice> choose_launch(const std::vector<const catalog::InstanceType*>& options,
                                          const model::Requirements& requirements,
                                          SpotAllocation spot_allocation) {
  const catalog::OfferingFilter filter(requirements);
  const bool spot_available =
      std::any_of(options.begin(), options.end(), [&](const catalog::InstanceType* type) {
        return std::any_of(type->offerings().begin(), type->offerings().end(),
                           [&](const catalog::Offering& o) {
                             return o.capacity_type == catalog::CapacityType::Spot &&
                                    filter.allows(o);
                           });
      });
  const catalog::CapacityType capacity =
      spot_available ? catalog::CapacityType::Spot : catalog::CapacityType::OnDemand;
  std::optional<LaunchChoice> best;
  Score best_score = 0;
  for (const catalog::InstanceType* type : options) {
    for (const catalog::Offering& offering : type->offerings()) {
      if (offering.capacity_type != capacity || !filter.allows(offering)) continue;
      Score s = score(offering, spot_allocation);
      bool better = !best || s < best_score ||
                    (s == best_score &&
                     offering.price_micro_usd_per_hour < best->offering.price_micro_usd_per_hour);
      if (better) {
        best = LaunchChoice{type, offering};
        best_score = s;
      }
    }
  }
  return best;
}

}  // namespace nw::scheduling
