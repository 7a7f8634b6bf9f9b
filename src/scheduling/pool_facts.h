// What the solver derives from a NodePool template alone, before any pod: each type's room
// (allocatable − DaemonSet overhead), the types ordered by room on each core resource, each
// type's requirement per label key, and what each type uses of the pool's limits. It depends
// only on the template, so make_pool_template computes it once and every solve over that
// template shares it (the simulator solves hundreds of times per template).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/requirements.h"
#include "model/resources.h"

namespace nw::scheduling {

struct PoolTemplate;

// The k-th core resource (cpu, memory, ephemeral-storage, pods) of `resources`.
inline int64_t core_amount(const model::Resources& resources, size_t k) {
  switch (k) {
    case 0:
      return resources.cpu_milli();
    case 1:
      return resources.memory_bytes();
    case 2:
      return resources.ephemeral_bytes();
    default:
      return resources.pods();
  }
}

struct PoolFacts {
  std::vector<model::Resources> room;  // per type: allocatable − DaemonSet overhead
  model::Resources headroom;           // element-wise max of room over every type
  model::Resources floor;              // element-wise min of room over every type
  // Per label key some type defines, each type's requirement on it (null when it has none);
  // `uniform` when every type states the same one, so one test answers for all. A requirement
  // on a key no type defines cannot exclude a type.
  struct KeyColumn {
    std::vector<const model::Requirement*> per_type;
    bool uniform = true;
  };
  std::map<std::string, KeyColumn, std::less<>> columns;
  std::vector<std::string> limited;              // the resources the pool limits
  std::vector<std::vector<int64_t>> needs;       // per type, per limited resource: one node's use
  bool daemon_ports = false;                     // some DaemonSet pod binds a host port
  bool core_only = true;                         // no room holds an extended resource
  std::array<std::vector<uint32_t>, 4> by_room;  // types by room on each core resource
  std::vector<int64_t> largest_needs;            // per limited resource: the most one type uses
  std::vector<uint32_t> all_types;               // 0 .. types − 1
  model::Resources largest_capacity;             // element-wise max of capacity over every type
};

PoolFacts pool_facts(const PoolTemplate& pool);

}  // namespace nw::scheduling
