// Shared pieces of the Cluster Autoscaler unit tests: catalog types, pods, node groups.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/region.h"
#include "cluster_autoscaler/settings.h"
#include "model/pod.h"

namespace nw::cluster_autoscaler::testing {

inline constexpr int64_t kMi = int64_t{1} << 20;
inline constexpr int64_t kGi = int64_t{1} << 30;

inline const std::vector<catalog::InstanceType>& us_east_1_types() {
  static const std::vector<catalog::InstanceType> types = catalog::build_instance_types(
      catalog::Catalog::embedded(), std::get<catalog::Region>(catalog::Region::parse("us-east-1")),
      {});
  return types;
}

inline const catalog::InstanceType& type(const std::string& name) {
  for (const catalog::InstanceType& t : us_east_1_types())
    if (t.name() == name) return t;
  throw std::invalid_argument(name);
}

inline model::Pod pod(const std::string& name, int64_t cpu_milli, int64_t memory_bytes) {
  model::Pod p;
  p.meta.name = name;
  p.meta.namespace_ = "default";
  model::Container c;
  c.name = "main";
  c.requests.set(model::kCpu, cpu_milli);
  c.requests.set(model::kMemory, memory_bytes);
  p.spec.containers.push_back(c);
  return p;
}

inline NodeGroup group(const std::string& name, const std::string& instance_type,
                       int32_t max_size = 10) {
  NodeGroup g;
  g.name = name;
  g.instance_types = {instance_type};
  g.zones = {"us-east-1a", "us-east-1b"};
  g.max_size = max_size;
  return g;
}

}  // namespace nw::cluster_autoscaler::testing
