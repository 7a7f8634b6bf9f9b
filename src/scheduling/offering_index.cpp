#include "scheduling/offering_index.h"

#include <algorithm>
#include <limits>

#include "catalog/selection.h"

namespace nw::scheduling {

const OfferingIndex::Entry& OfferingIndex::lookup(const model::Requirements& requirements) {
  const model::Requirement* zone = requirements.get(catalog::kLabelZone);
  const model::Requirement* capacity = requirements.get(catalog::kLabelCapacityType);
  std::string key = (zone ? zone->to_string() : std::string()) + "|" +
                    (capacity ? capacity->to_string() : std::string());
  auto [it, inserted] = entries_.try_emplace(std::move(key));
  Entry& entry = it->second;
  if (!inserted) return entry;
  const catalog::OfferingFilter filter(requirements);
  entry.cheapest.assign(types_.size(), std::numeric_limits<int64_t>::max());
  entry.allowed.assign(types_.size(), 0);
  for (uint32_t i = 0; i < types_.size(); ++i) {
    const std::vector<catalog::Offering>& offerings = types_[i].offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      if (filter.allows(offerings[k])) {
        entry.cheapest[i] = std::min(entry.cheapest[i], offerings[k].price_micro_usd_per_hour);
        entry.allowed[i] |= uint64_t{1} << k;
      }
    }
    if (entry.allows(i)) entry.by_price.push_back(i);
  }
  std::stable_sort(entry.by_price.begin(), entry.by_price.end(),
                   [&](uint32_t a, uint32_t b) { return entry.cheapest[a] < entry.cheapest[b]; });
  return entry;
}

}  // namespace nw::scheduling
