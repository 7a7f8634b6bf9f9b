// Loads Kubernetes and Karpenter objects from YAML or JSON: multi-document streams, `kind: List`,
// any mix of NodePool (karpenter.sh/v1, v1beta1), Provisioner (karpenter.sh/v1alpha5),
// EC2NodeClass (karpenter.k8s.aws/v1, v1beta1), AWSNodeTemplate (karpenter.k8s.aws/v1alpha1),
// Pod, Node (v1), DaemonSet, Deployment (apps/v1), Job (batch/v1), the Spark Operator's
// SparkApplication (sparkoperator.k8s.io/v1beta2) and nodewright's own Scenario
// (nodewright.io/v1alpha1, docs/scenario.md). Unknown kinds are counted and warned about; an EMR
// StartJobRun request (no kind, a jobDriver) is counted and left to the Scenario naming it.
//
// Scenarios are decoded after every other object: they take SparkApplications' applications and
// refer to other objects by name (workload items, variants' NodePools), and those references are
// checked then; an error is located at the referring field of the Scenario. A Scenario's errors
// come after those of the other objects. A Scenario may read files it names (StartJobRun
// requests, pod templates) relative to its own file.
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
