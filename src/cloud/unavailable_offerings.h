// Karpenter's unavailable-offerings cache (karpenter-core.md §2.4): an offering EC2 reported
// short of capacity is not offered again for 3 minutes; marking it again extends the time.
// Keyed by capacity type, instance type and zone. Expiry is read from the injected clock.
#pragma once

#include <map>
#include <string>
#include <tuple>

#include "catalog/instance_type.h"
#include "karpenter/clock.h"

namespace nw::cloud {

class UnavailableOfferings {
 public:
  static constexpr karpenter::Timestamp kTtl = 3 * 60 * 1000;

  explicit UnavailableOfferings(const karpenter::Clock& clock) : clock_(clock) {}

  void mark(const std::string& instance_type, const catalog::Offering& offering) {
    entries_[key(instance_type, offering)] = clock_.now() + kTtl;
    ++version_;
  }
  bool contains(const std::string& instance_type, const catalog::Offering& offering) const {
    auto it = entries_.find(key(instance_type, offering));
    return it != entries_.end() && it->second > clock_.now();
  }
  // Changes whenever the set of unavailable offerings does, expiries included.
  uint64_t version() {
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second <= clock_.now()) {
        it = entries_.erase(it);
        ++version_;
      } else {
        ++it;
      }
    }
    return version_;
  }
  bool empty() const { return entries_.empty(); }

 private:
  using Key = std::tuple<catalog::CapacityType, std::string, std::string>;
  static Key key(const std::string& instance_type, const catalog::Offering& offering) {
    return {offering.capacity_type, instance_type, offering.zone};
  }

  const karpenter::Clock& clock_;
  std::map<Key, karpenter::Timestamp> entries_;  // → expiry
  uint64_t version_ = 0;
};

}  // namespace nw::cloud
