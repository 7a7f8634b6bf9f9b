// Which of a pool's instance types have an offering a claim's requirements allow, and in which
// price order — answered once per distinct (zone, capacity-type) requirement pair instead of once
// per claim and type. Claims in one solve share a handful of such pairs (one per zone and
// capacity type a workload pins), while there are thousands of claims and hundreds of types.
//
// Assumes: the instance types outlive the index and stay where they are (a PoolTemplate that
// owns both may move: its types' storage does not). Only the zone and capacity-type requirements
// matter, as offerings carry nothing else (catalog::OfferingFilter).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "model/requirements.h"

namespace nw::scheduling {

class OfferingIndex {
 public:
  struct Entry {
    std::vector<int64_t> cheapest;  // per type: cheapest allowed offering; INT64_MAX when none
    // Per type: bit k set when offerings()[k] is allowed (a type has at most 64 offerings:
    // zones × capacity types).
    std::vector<uint64_t> allowed;
    std::vector<uint32_t> by_price;  // types with an allowed offering, cheapest first (stable)
    bool allows(uint32_t type) const {
      return cheapest[type] != std::numeric_limits<int64_t>::max();
    }
  };

  explicit OfferingIndex(std::span<const catalog::InstanceType> types) : types_(types) {}
  const Entry& lookup(const model::Requirements& requirements);

 private:
  std::span<const catalog::InstanceType> types_;
  std::map<std::string, Entry> entries_;  // by the zone and capacity-type requirements' text
};

}  // namespace nw::scheduling
