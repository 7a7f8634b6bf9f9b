// Which instance types a NodePool may launch, before any pod is considered.
//
// Assumes: `nodepool_reqs` are the NodePool template's requirements, already alias-normalised
// (model::Requirements guarantees that). Guarantees: the result keeps the input order and points
// into `types`, so it is valid as long as `types` is neither destroyed nor resized.
#pragma once

#include <optional>
#include <vector>

#include "catalog/instance_type.h"
#include "model/requirements.h"

namespace nw::catalog {

// An available offering whose zone and capacity type the requirements allow. Offerings carry
// only those two keys, so this is what Karpenter's Compatible(offering requirements,
// AllowUndefinedWellKnownLabels) reduces to; the two lookups are done once, for loops over many
// offerings.
// Valid while the Requirements it was made from is alive and unchanged.
class OfferingFilter {
 public:
  explicit OfferingFilter(const model::Requirements& requirements);
  bool allows(const Offering& offering) const;
  bool allows_any(const InstanceType& type) const;

 private:
  const model::Requirement* zone_;
  const model::Requirement* capacity_type_;
};

// The cheapest allowed offering's price, of one capacity type or of any; nullopt when none is.
std::optional<int64_t> cheapest_allowed_price(const InstanceType& type,
                                              const model::Requirements& requirements,
                                              std::optional<CapacityType> capacity = std::nullopt);

// A type is admitted when its requirements intersect the NodePool's (Karpenter's `compatible`:
// every shared key has a common value) and at least one available offering's zone and capacity
// type satisfy the NodePool's zone and capacity-type requirements (Karpenter's
// `Offerings.Available().HasCompatible`). minValues is not checked here.
std::vector<const InstanceType*> admitted(const std::vector<InstanceType>& types,
                                          const model::Requirements& nodepool_reqs);

}  // namespace nw::catalog
