// Node classes: EC2NodeClass (karpenter.k8s.aws/v1, v1beta1) and AWSNodeTemplate (v1alpha1).
// Only what changes a node's capacity is modelled; the rest of the spec (AMI and subnet
// selectors, user data, tags...) is accepted and kept out of every decision.
#pragma once

#include <string>

#include "model/kubelet.h"
#include "model/object_meta.h"

namespace nw::model {

struct NodeClass {
  ObjectMeta meta;
  std::string kind;  // "EC2NodeClass" or "AWSNodeTemplate"
  CapacitySettings capacity;
  friend bool operator==(const NodeClass&, const NodeClass&) = default;
};

}  // namespace nw::model
