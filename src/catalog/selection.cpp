#include "catalog/selection.h"

#include <algorithm>

namespace nw::catalog {

bool offering_allowed(const Offering& offering, const model::Requirements& requirements) {
  if (!offering.available) return false;
  const model::Requirement* zone = requirements.get(kLabelZone);
  if (zone != nullptr && !zone->has(offering.zone)) return false;
  const model::Requirement* capacity_type = requirements.get(kLabelCapacityType);
  return capacity_type == nullptr || capacity_type->has(to_string(offering.capacity_type));
}

std::optional<int64_t> cheapest_allowed_price(const InstanceType& type,
                                              const model::Requirements& requirements,
                                              std::optional<CapacityType> capacity) {
  std::optional<int64_t> best;
  for (const Offering& offering : type.offerings()) {
    if (capacity && offering.capacity_type != *capacity) continue;
    if (!offering_allowed(offering, requirements)) continue;
    if (!best || offering.price_micro_usd_per_hour < *best)
      best = offering.price_micro_usd_per_hour;
  }
  return best;
}

std::vector<const InstanceType*> admitted(const std::vector<InstanceType>& types,
                                          const model::Requirements& nodepool_reqs) {
  std::vector<const InstanceType*> result;
  for (const InstanceType& type : types) {
    if (!type.requirements().intersects(nodepool_reqs)) continue;
    if (std::any_of(type.offerings().begin(), type.offerings().end(),
                    [&](const Offering& o) { return offering_allowed(o, nodepool_reqs); })) {
      result.push_back(&type);
    }
  }
  return result;
}

}  // namespace nw::catalog
