#include "scheduling/launchable_claim.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>

namespace nw::scheduling {
namespace {}  // namespace

std::optional<std::string> min_values_shortfall(const PoolTemplate& pool,
                                                const model::Requirements& requirements,
                                                const std::vector<uint32_t>& options) {
  for (const model::Requirement& r : requirements.items()) {
    if (!r.min_values()) continue;
    std::set<std::string_view> values;
    for (uint32_t i : options) {
      const model::Requirement* offered = pool.instance_types[i].requirements().get(r.key());
      if (offered == nullptr || offered->complement()) continue;
      for (const std::string& v : offered->values())
        if (r.has(v)) values.insert(v);
    }
    if (values.size() < static_cast<size_t>(*r.min_values())) {
      return fmt::format(
          "minValues: {} needs {} distinct values, the fitting instance types offer {}", r.key(),
          *r.min_values(), values.size());
    }
  }
  return std::nullopt;
}

std::variant<PlannedClaim, std::string> make_launchable(
    const Snapshot& snapshot, size_t pool_index, OfferingIndex& offerings,
    const model::Requirements& requirements, const std::vector<uint32_t>& candidates,
    const model::Resources& pod_requests, std::vector<size_t> pods, const LaunchLimits& limits) {
  const PoolTemplate& pool = snapshot.pools[pool_index];
  // The candidates in the pool's price order for these requirements (ties in type order).
  std::vector<bool> candidate(pool.instance_types.size(), false);
  for (uint32_t i : candidates) candidate[i] = true;
  const OfferingIndex::Entry& entry = offerings.lookup(requirements);
  std::vector<uint32_t> options;
  for (uint32_t i : entry.by_price) {
    if (options.size() == limits.max_instance_types) break;
    if (candidate[i]) options.push_back(i);
  }
  if (auto shortfall = min_values_shortfall(pool, requirements, options)) {
    return fmt::format("NodePool \"{}\": {} among the {} cheapest instance types",
                       pool.pool->meta.name, *shortfall, limits.max_instance_types);
  }
  PlannedClaim planned;
  planned.pool = pool_index;
  model::Resources least_overhead = pool.daemon_overhead[options.front()];
  for (uint32_t i : options) {
    planned.options.push_back(&pool.instance_types[i]);
    least_overhead.lower_to(pool.daemon_overhead[i]);
  }
  // The placeholder hostname only served topology inside the solve.
  std::vector<model::Requirement> kept;
  for (const model::Requirement& r : requirements.items())
    if (r.key() != model::kLabelHostname) kept.push_back(r);
  planned.requirements = model::Requirements(std::move(kept));
  planned.requests = pod_requests + least_overhead;
  planned.pods = std::move(pods);
  // Every option has an allowed offering (precondition), so a choice always exists.
  std::vector<uint64_t> allowed;
  for (uint32_t i : options) allowed.push_back(entry.allowed[i]);
  LaunchChoice choice = *choose_launch(planned.options, allowed, limits.spot_allocation);
  planned.instance_type = choice.instance_type;
  planned.offering = choice.offering;
  return planned;
}

}  // namespace nw::scheduling
