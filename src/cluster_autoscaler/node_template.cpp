#include "cluster_autoscaler/node_template.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace nw::cluster_autoscaler {

model::Node group_node(const NodeGroup& group, const catalog::InstanceType& type,
                       const std::string& region, const std::string& zone,
                       const std::string& name) {
  model::Node node;
  node.meta.name = name;
  model::Labels& labels = node.meta.labels;
  labels = group.labels;
  // The labels the kubelet and the cloud node controller set, read from the type's requirements.
  constexpr std::array<std::string_view, 3> kFromType = {catalog::kLabelInstanceType,
                                                         catalog::kLabelArch, catalog::kLabelOs};
  for (std::string_view key : kFromType) {
    const model::Requirement* r = type.requirements().get(key);
    if (r != nullptr && r->op() == model::Operator::In && r->values().size() == 1) {
      model::set_label(labels, std::string(key), r->values().front());
    }
  }
  model::set_label(labels, std::string(catalog::kLabelZone), zone);
  model::set_label(labels, std::string(catalog::kLabelRegion), region);
  model::set_label(labels, std::string(model::kLabelHostname), name);
  if (group.managed) {
    model::set_label(labels, std::string(kLabelEksNodeGroup), group.name);
    model::set_label(labels, std::string(kLabelEksCapacityType),
                     group.capacity_type == catalog::CapacityType::Spot ? "SPOT" : "ON_DEMAND");
  }
  node.taints = group.taints;
  node.capacity = type.capacity();
  node.allocatable = type.allocatable();
  return node;
}

}  // namespace nw::cluster_autoscaler
