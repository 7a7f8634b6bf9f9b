// The Kubernetes Cluster Autoscaler's configuration (cas-yunikorn-spark.md §1): its node groups,
// each an EC2 Auto Scaling group written as eksctl's ClusterConfig writes them, and the command-
// line flags nodewright models, with CA's defaults (config/flags/flags.go at f7bb0c362375).
// Values here have their defaults applied and have passed validation. Ratios are parts per
// million, so no decision reads a floating-point number.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/instance_type.h"
#include "model/duration.h"
#include "model/labels.h"
#include "model/taints.h"

namespace nw::cluster_autoscaler {

// One Auto Scaling group: an eksctl `managedNodeGroups[]` or `nodeGroups[]` entry. Its instances
// are one instance type, or a mixed-instances list of types of the same shape (CA builds the
// template node from the first type only, §1.7), all of one capacity type.
struct NodeGroup {
  std::string name;                         // the ASG name; the priority expander matches it
  std::vector<std::string> instance_types;  // instanceType, or instanceTypes; at least one
  catalog::CapacityType capacity_type = catalog::CapacityType::OnDemand;  // `spot: true`
  std::vector<std::string> zones;  // availabilityZones; empty = the scenario's zones
  int32_t min_size = 0;
  int32_t max_size = 0;
  int32_t desired_capacity = 0;  // nodes launched when the simulation starts
  model::Labels labels;          // on the template node and every node of the group
  std::vector<model::Taint> taints;
  bool managed = true;  // managedNodeGroups (true) or self-managed nodeGroups (false)
  friend bool operator==(const NodeGroup&, const NodeGroup&) = default;
};

enum class Expander { Random, MostPods, LeastNodes, LeastWaste, Priority };
std::string_view to_string(Expander expander);

struct Settings {
  model::Duration scan_interval = model::Duration::seconds(10);
  // Filters applied in order until one option is left; any tie left goes to random (§1.3).
  std::vector<Expander> expanders{Expander::LeastWaste};
  // The priority expander's ConfigMap `priorities`: priority → regexes searched for in the
  // node-group name, unanchored like Go's MatchString (Go RE2 syntax; ECMAScript is used, which
  // agrees on what users write; anchor with ^ and $ to match the whole name).
  std::map<int64_t, std::vector<std::string>> priorities;
  bool balance_similar_node_groups = false;
  int64_t max_nodes_total = 0;  // 0 = no limit
  model::Duration max_node_provision_time = model::Duration::seconds(15 * 60);
  model::Duration new_pod_scale_up_delay = model::Duration::seconds(0);
  model::Duration initial_node_group_backoff = model::Duration::seconds(5 * 60);
  model::Duration max_node_group_backoff = model::Duration::seconds(30 * 60);
  bool scale_down_enabled = true;
  int64_t scale_down_utilization_threshold_ppm = 500'000;  // 0.5
  model::Duration scale_down_unneeded_time = model::Duration::seconds(10 * 60);
  model::Duration scale_down_delay_after_add = model::Duration::seconds(10 * 60);
  model::Duration scale_down_delay_after_delete = model::Duration::seconds(0);
  model::Duration scale_down_delay_after_failure = model::Duration::seconds(3 * 60);
  bool scale_down_delay_type_local = false;
  int32_t max_scale_down_parallelism = 10;  // empty nodes deleted at once
  int32_t max_drain_parallelism = 1;        // non-empty nodes drained at once
  model::Duration node_delete_delay_after_taint = model::Duration::seconds(5);
  bool skip_nodes_with_local_storage = true;
  bool skip_nodes_with_custom_controller_pods = true;
  friend bool operator==(const Settings&, const Settings&) = default;
};

}  // namespace nw::cluster_autoscaler
