#include "scheduling/launch.h"

#include <algorithm>

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
                                          const std::vector<uint64_t>& allowed,
                                          SpotAllocation spot_allocation) {
  auto is_allowed = [&](size_t option, size_t k) { return ((allowed[option] >> k) & 1) != 0; };
  bool spot_available = false;
  for (size_t o = 0; o < options.size() && !spot_available; ++o) {
    const std::vector<catalog::Offering>& offerings = options[o]->offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      if (offerings[k].capacity_type == catalog::CapacityType::Spot && is_allowed(o, k)) {
        spot_available = true;
        break;
      }
    }
  }
  const catalog::CapacityType capacity =
      spot_available ? catalog::CapacityType::Spot : catalog::CapacityType::OnDemand;
  std::optional<LaunchChoice> best;
  Score best_score = 0;
  for (size_t o = 0; o < options.size(); ++o) {
    const std::vector<catalog::Offering>& offerings = options[o]->offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      const catalog::Offering& offering = offerings[k];
      if (offering.capacity_type != capacity || !is_allowed(o, k)) continue;
      Score s = score(offering, spot_allocation);
      bool better = !best || s < best_score ||
                    (s == best_score &&
                     offering.price_micro_usd_per_hour < best->offering.price_micro_usd_per_hour);
      if (better) {
        best = LaunchChoice{options[o], offering};
        best_score = s;
      }
    }
  }
  return best;
}

}  // namespace nw::scheduling
