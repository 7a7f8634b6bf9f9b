// The part of Kubernetes ObjectMeta that scheduling and cost attribution read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/labels.h"

namespace nw::model {

struct OwnerReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string uid;
  bool controller = false;
  friend bool operator==(const OwnerReference&, const OwnerReference&) = default;
};

struct ObjectMeta {
  std::string name;
  std::string namespace_;  // empty for cluster-scoped objects
  std::string uid;
  // Seconds since the Unix epoch; absent when the input gave none (Karpenter then orders by UID).
  std::optional<int64_t> creation_timestamp;
  Labels labels;       // sorted by key
  Labels annotations;  // sorted by key
  std::vector<OwnerReference> owner_references;

  // "namespace/name" for namespaced objects, "name" otherwise.
  std::string qualified_name() const { return namespace_.empty() ? name : namespace_ + "/" + name; }
  friend bool operator==(const ObjectMeta&, const ObjectMeta&) = default;
};

}  // namespace nw::model
