// Loads Kubernetes and Karpenter objects from YAML or JSON: multi-document streams, `kind: List`,
// any mix of NodePool (karpenter.sh/v1, v1beta1), Provisioner (karpenter.sh/v1alpha5),
// EC2NodeClass (karpenter.k8s.aws/v1, v1beta1), AWSNodeTemplate (karpenter.k8s.aws/v1alpha1),
// Pod, Node (v1), DaemonSet, Deployment (apps/v1), Job (batch/v1) and nodewright's own Scenario
// (nodewright.io/v1alpha1, docs/scenario.md). Unknown kinds are counted and warned about.
//
// A Scenario refers to other objects by name (workload items, variants' NodePools); those
// references are checked once every object is decoded, and an error is located at the referring
// field of the Scenario. Such errors come after the decoding errors.
//
// Guarantee: either every object decoded and the Inventory is returned, or the errors are (one
// per bad object, each naming file, line, column, object and field) and nothing else is.
#pragma once

#include <istream>
#include <string>
#include <variant>
#include <vector>

#include "input/diagnostic.h"
#include "input/inventory.h"
#include "input/sources.h"

namespace nw::input {

using LoadResult = std::variant<Inventory, std::vector<Diagnostic>>;

LoadResult load(const std::vector<Source>& sources);
// read_sources + load.
LoadResult load_paths(const std::vector<std::string>& paths, std::istream& standard_input);

}  // namespace nw::input
