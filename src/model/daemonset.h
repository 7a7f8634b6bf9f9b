// DaemonSets matter to an autoscaler only through the pod they put on every node: its requests
// are overhead on each new node whose taints and labels admit it (karpenter-core.md §1.8).
#pragma once

#include "model/object_meta.h"
#include "model/pod.h"

namespace nw::model {

struct DaemonSet {
  ObjectMeta meta;
  ObjectMeta template_meta;  // spec.template.metadata
  PodSpec template_spec;     // spec.template.spec
  friend bool operator==(const DaemonSet&, const DaemonSet&) = default;
};

}  // namespace nw::model
