#include "catalog/selection.h"

#include <algorithm>

namespace nw::catalog {

std::vector<const InstanceType*> admitted(const std::vector<InstanceType>& types,
                                          const model::Requirements& nodepool_reqs) {
  // Offerings are checked against the two keys they carry directly: this is what Karpenter's
  // Compatible(offering requirements, AllowUndefinedWellKnownLabels) reduces to, without building
  // a Requirements object per offering.
  const model::Requirement* zone = nodepool_reqs.get(kLabelZone);
  const model::Requirement* capacity_type = nodepool_reqs.get(kLabelCapacityType);
  const auto offering_fits = [&](const Offering& offering) {
    return offering.available && (zone == nullptr || zone->has(offering.zone)) &&
           (capacity_type == nullptr || capacity_type->has(to_string(offering.capacity_type)));
  };

  std::vector<const InstanceType*> result;
  for (const InstanceType& type : types) {
    if (!type.requirements().intersects(nodepool_reqs)) continue;
    if (std::any_of(type.offerings().begin(), type.offerings().end(), offering_fits)) {
      result.push_back(&type);
    }
  }
  return result;
}

}  // namespace nw::catalog
