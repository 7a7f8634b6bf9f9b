// The Node a node group's instance becomes, and the template node the Cluster Autoscaler
// simulates with before any such instance exists (cas-yunikorn-spark.md §1.2 step 3, §1.7): the
// instance type's capacity and allocatable as the catalog computes them (catalog/instance_type.h,
// default kubelet settings), the group's labels and taints, and the well-known labels an EKS
// node carries — instance type, zone, region, architecture, OS, hostname, and for managed groups
// eks.amazonaws.com/nodegroup and eks.amazonaws.com/capacityType. No karpenter.sh label.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/instance_type.h"
#include "cluster_autoscaler/settings.h"
#include "model/node.h"

namespace nw::cluster_autoscaler {

inline constexpr std::string_view kLabelEksNodeGroup = "eks.amazonaws.com/nodegroup";
inline constexpr std::string_view kLabelEksCapacityType = "eks.amazonaws.com/capacityType";

// A Node of `group` with an instance of `type` in `zone` (of `region`), named `name`. It has no
// conditions: whoever holds it decides when it is Ready.
model::Node group_node(const NodeGroup& group, const catalog::InstanceType& type,
                       const std::string& region, const std::string& zone, const std::string& name);

}  // namespace nw::cluster_autoscaler
