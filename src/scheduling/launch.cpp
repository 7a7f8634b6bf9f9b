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

namespace {

// The capacity type launched: spot whenever an allowed spot offering exists.
catalog::CapacityType capacity_to_launch(const std::vector<const catalog::InstanceType*>& options,
                                         const std::vector<uint64_t>& allowed) {
  for (size_t o = 0; o < options.size(); ++o) {
    const std::vector<catalog::Offering>& offerings = options[o]->offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      if (offerings[k].capacity_type == catalog::CapacityType::Spot &&
          ((allowed[o] >> k) & 1) != 0) {
        return catalog::CapacityType::Spot;
      }
    }
  }
  return catalog::CapacityType::OnDemand;
}

struct Candidate {
  Score score;
  size_t position;  // option-major, then zone order: the earlier wins a tie
  LaunchChoice choice;
};

bool better(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score < b.score;
  int64_t pa = a.choice.offering.price_micro_usd_per_hour;
  int64_t pb = b.choice.offering.price_micro_usd_per_hour;
  if (pa != pb) return pa < pb;
  return a.position < b.position;
}

// Calls visit(candidate) for each allowed offering of the capacity type launched, in order.
template <typename Visit>
void for_each_candidate(const std::vector<const catalog::InstanceType*>& options,
                        const std::vector<uint64_t>& allowed, SpotAllocation spot_allocation,
                        Visit visit) {
  const catalog::CapacityType capacity = capacity_to_launch(options, allowed);
  size_t position = 0;
  for (size_t o = 0; o < options.size(); ++o) {
    const std::vector<catalog::Offering>& offerings = options[o]->offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      const catalog::Offering& offering = offerings[k];
      if (offering.capacity_type != capacity || ((allowed[o] >> k) & 1) == 0) continue;
      visit(Candidate{score(offering, spot_allocation), position++, {options[o], offering}});
    }
  }
}

}  // namespace

std::optional<LaunchChoice> choose_launch(const std::vector<const catalog::InstanceType*>& options,
                                          const std::vector<uint64_t>& allowed,
                                          SpotAllocation spot_allocation) {
  std::optional<Candidate> best;
  for_each_candidate(options, allowed, spot_allocation, [&](Candidate candidate) {
    if (!best || better(candidate, *best)) best = std::move(candidate);
  });
  if (!best) return std::nullopt;
  return std::move(best->choice);
}

std::vector<LaunchChoice> rank_launches(const std::vector<const catalog::InstanceType*>& options,
                                        const std::vector<uint64_t>& allowed,
                                        SpotAllocation spot_allocation) {
  std::vector<Candidate> candidates;
  for_each_candidate(options, allowed, spot_allocation,
                     [&](Candidate candidate) { candidates.push_back(std::move(candidate)); });
  std::sort(candidates.begin(), candidates.end(), better);
  std::vector<LaunchChoice> ranked;
  ranked.reserve(candidates.size());
  for (Candidate& candidate : candidates) ranked.push_back(std::move(candidate.choice));
  return ranked;
}

}  // namespace nw::scheduling
