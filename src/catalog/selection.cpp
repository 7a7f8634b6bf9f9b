#include "catalog/selection.h"

#include <algorithm>

namespace nw::catalog {

OfferingFilter::OfferingFilter(const model::Requirements& requirements)
    : zone_(requirements.get(kLabelZone)), capacity_type_(requirements.get(kLabelCapacityType)) {}

bool OfferingFilter::allows(const Offering& offering) const {
  return offering.available && (zone_ == nullptr || zone_->has(offering.zone)) &&
         (capacity_type_ == nullptr || capacity_type_->has(to_string(offering.capacity_type)));
}

bool OfferingFilter::allows_any(const InstanceType& type) const {
  return std::any_of(type.offerings().begin(), type.offerings().end(),
                     [&](const Offering& o) { return allows(o); });
}

std::optional<int64_t> cheapest_allowed_price(const InstanceType& type,
                                              const model::Requirements& requirements,
                                              std::optional<CapacityType> capacity) {
  const OfferingFilter filter(requirements);
  std::optional<int64_t> best;
  for (const Offering& offering : type.offerings()) {
    if (capacity && offering.capacity_type != *capacity) continue;
    if (!filter.allows(offering)) continue;
    if (!best || offering.price_micro_usd_per_hour < *best)
      best = offering.price_micro_usd_per_hour;
  }
  return best;
}

std::vector<const InstanceType*> admitted(const std::vector<InstanceType>& types,
                                          const model::Requirements& nodepool_reqs) {
  const OfferingFilter filter(nodepool_reqs);
  std::vector<const InstanceType*> result;
  for (const InstanceType& type : types) {
    if (type.requirements().intersects(nodepool_reqs) && filter.allows_any(type)) {
      result.push_back(&type);
    }
  }
  return result;
}

}  // namespace nw::catalog
