#include "scheduling/pool_facts.h"

#include <algorithm>

#include "scheduling/snapshot.h"

namespace nw::scheduling {

PoolFacts pool_facts(const PoolTemplate& pool) {
  PoolFacts facts;
  for (const auto& [name, limit] : pool.pool->limits.entries()) facts.limited.push_back(name);
  for (size_t i = 0; i < pool.instance_types.size(); ++i) {
    const catalog::InstanceType& type = pool.instance_types[i];
    facts.room.push_back(type.allocatable() - pool.daemon_overhead[i]);
    facts.headroom =
        i == 0 ? facts.room.back() : model::Resources::max(facts.headroom, facts.room.back());
    facts.floor =
        i == 0 ? facts.room.back() : model::Resources::min(facts.floor, facts.room.back());
    for (const model::Requirement& r : type.requirements().items()) facts.columns[r.key()];
    std::vector<int64_t> needs;
    for (const std::string& name : facts.limited) {
      needs.push_back(name == model::kNodesLimit ? 1 : type.capacity().get(name));
    }
    facts.needs.push_back(std::move(needs));
    facts.daemon_ports = facts.daemon_ports || !pool.daemon_host_ports[i].empty();
    facts.all_types.push_back(static_cast<uint32_t>(i));
    facts.core_only = facts.core_only && !facts.room.back().has_extended();
    facts.largest_capacity.raise_to(type.capacity());
  }
  for (size_t k = 0; k < 4; ++k) {
    facts.by_room[k] = facts.all_types;
    std::stable_sort(facts.by_room[k].begin(), facts.by_room[k].end(), [&](uint32_t a, uint32_t b) {
      return core_amount(facts.room[a], k) < core_amount(facts.room[b], k);
    });
  }
  facts.largest_needs.assign(facts.limited.size(), 0);
  for (const std::vector<int64_t>& needs : facts.needs) {
    for (size_t k = 0; k < needs.size(); ++k) {
      facts.largest_needs[k] = std::max(facts.largest_needs[k], needs[k]);
    }
  }
  for (auto& [key, column] : facts.columns) {
    for (const catalog::InstanceType& type : pool.instance_types) {
      const model::Requirement* r = type.requirements().get(key);
      if (!column.per_type.empty() && (r == nullptr || column.per_type.front() == nullptr ||
                                       !(*r == *column.per_type.front()))) {
        column.uniform = false;
      }
      column.per_type.push_back(r);
    }
  }
  return facts;
}

}  // namespace nw::scheduling
