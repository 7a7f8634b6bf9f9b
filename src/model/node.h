// Nodes already in the cluster: what they offer and who may run on them.
#pragma once

#include <string>
#include <vector>

#include "model/object_meta.h"
#include "model/resources.h"
#include "model/taints.h"

namespace nw::model {

struct NodeCondition {
  std::string type;    // Ready, MemoryPressure, ...
  std::string status;  // True, False, Unknown
  friend bool operator==(const NodeCondition&, const NodeCondition&) = default;
};

struct Node {
  ObjectMeta meta;  // labels carry the instance type, zone, capacity type and NodePool
  std::vector<Taint> taints;
  Resources capacity;
  Resources allocatable;  // defaults to capacity when the input gives none
  std::vector<NodeCondition> conditions;
  bool unschedulable = false;  // spec.unschedulable (cordoned)
  std::string provider_id;

  bool ready() const {
    for (const NodeCondition& c : conditions)
      if (c.type == "Ready") return c.status == "True";
    return false;
  }
  friend bool operator==(const Node&, const Node&) = default;
};

}  // namespace nw::model
