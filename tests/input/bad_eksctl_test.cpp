// Bad eksctl ClusterConfigs. As in bad_input_test.cpp, each case pins the whole diagnostic a user
// sees (file, line and column, object, field path, the essence of the message) and checks that
// load() returned errors only.
//
// Positions are 1-based and were worked out by hand from the texts below: a value's diagnostic
// points at the value, a missing field's at the mapping that should hold it.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "input/load_helpers.h"
#include "input/loader.h"

namespace nw::input {
namespace {

using testing::BadCase;
using testing::expect_located_error;

// Lines 1-3 of every case; the case's own lines start at line 4.
const std::string kHeader =
    "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c, region: us-east-1}\n";
const std::string kObject = "ClusterConfig \"c\"";

// Lines 1-6: a managed group `g` of m5.large in block style; the case adds its fields from line 7.
const std::string kManaged =
    kHeader + "managedNodeGroups:\n  - name: g\n    instanceType: m5.large\n";
// Lines 1-7: a self-managed group `g` whose types come from its instancesDistribution (line 6);
// the case adds distribution fields from line 8.
const std::string kDistribution =
    kHeader +
    "nodeGroups:\n  - name: g\n    instancesDistribution:\n      instanceTypes: [m5.large]\n";

std::vector<BadCase> cases() {
  return {
      // ---- the object ----
      {"MissingMetadata",
       "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmanagedNodeGroups: []\n", 1, 1,
       "ClusterConfig", "metadata", "required field is missing (expected name and region)"},
      {"BadClusterName",
       "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: -c}\n", 3, 18,
       "ClusterConfig \"-c\"", "metadata.name", "invalid cluster name \"-c\""},
      {"BadRegion",
       "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c, region: Mars}\n",
       3, 29, kObject, "metadata.region", "Mars"},
      {"ClusterZoneRepeated", kHeader + "availabilityZones: [us-east-1a, us-east-1a]\n", 4, 33,
       kObject, "availabilityZones[1]", "zone \"us-east-1a\" is listed twice"},

      // ---- instance types, against the EC2 catalog ----
      {"UnknownInstanceType",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m9.huge}\n", 5, 29, kObject,
       "managedNodeGroups[0].instanceType",
       "unknown instance type \"m9.huge\" (not in the EC2 catalog)"},
      {"MixedShapes",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceTypes: [m5.xlarge, m5.2xlarge]}\n", 5,
       42, kObject, "managedNodeGroups[0].instanceTypes[1]",
       "instance type \"m5.2xlarge\" (8 vCPU, 32768 MiB) differs in shape from the group's first "
       "type \"m5.xlarge\" (4 vCPU, 16384 MiB)"},
      {"UnknownTypeInDistribution",
       kDistribution.substr(0, kDistribution.size() - 10) + "m9.huge]\n", 7, 23, kObject,
       "nodeGroups[0].instancesDistribution.instanceTypes[0]", "unknown instance type \"m9.huge\""},

      // ---- names ----
      {"MissingGroupName", kHeader + "managedNodeGroups:\n  - {instanceType: m5.large}\n", 5, 5,
       kObject, "managedNodeGroups[0].name", "required field is missing (expected a string)"},
      {"BadGroupName",
       kHeader + "managedNodeGroups:\n  - {name: spark.exec, instanceType: m5.large}\n", 5, 12,
       kObject, "managedNodeGroups[0].name",
       "invalid node group name \"spark.exec\": expected 1-63 alphanumerics, '-' or '_'"},
      {"DuplicateGroupAcrossClusterConfigs",
       kHeader + "managedNodeGroups: [{name: g, instanceType: m5.large}]\n---\n"
                 "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n"
                 "metadata: {name: d, region: us-east-1}\n"
                 "nodeGroups: [{name: g, instanceType: m5.large}]\n",
       9, 21, "ClusterConfig \"d\"", "nodeGroups[0].name",
       "duplicate node group name \"g\": node-group names are unique across every ClusterConfig"},

      // ---- instance types and capacity types ----
      {"ManagedWithoutInstanceType", kHeader + "managedNodeGroups:\n  - {name: g}\n", 5, 5, kObject,
       "managedNodeGroups[0]", "a node group needs instanceType or instanceTypes"},
      {"ManagedWithBothTypeFields",
       kHeader +
           "managedNodeGroups:\n  - {name: g, instanceType: m5.large, instanceTypes: [c5.large]}\n",
       5, 54, kObject, "managedNodeGroups[0].instanceTypes",
       "give instanceType or instanceTypes, not both"},
      {"ManagedEmptyInstanceTypes",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceTypes: []}\n", 5, 30, kObject,
       "managedNodeGroups[0].instanceTypes", "at least one instance type is needed"},
      {"ManagedRepeatedInstanceType",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceTypes: [c5.large, c5.large]}\n", 5, 41,
       kObject, "managedNodeGroups[0].instanceTypes[1]",
       "instance type \"c5.large\" is listed twice"},
      {"ManagedWithInstancesDistribution",
       kHeader + "managedNodeGroups:\n  - name: g\n    instancesDistribution: {instanceTypes: "
                 "[m5.large]}\n",
       6, 28, kObject, "managedNodeGroups[0].instancesDistribution",
       "instancesDistribution belongs to self-managed nodeGroups"},
      {"SpotOnSelfManaged",
       kHeader + "nodeGroups:\n  - {name: g, instanceType: m5.large, spot: true}\n", 5, 45, kObject,
       "nodeGroups[0].spot",
       "spot belongs to managedNodeGroups; a self-managed node group runs Spot through "
       "instancesDistribution (onDemandPercentageAboveBaseCapacity: 0)"},
      {"InstanceTypesOnSelfManaged",
       kHeader + "nodeGroups:\n  - {name: g, instanceTypes: [m5.large]}\n", 5, 30, kObject,
       "nodeGroups[0].instanceTypes", "instanceTypes belongs to managedNodeGroups"},
      {"SelfManagedWithoutInstanceType", kHeader + "nodeGroups:\n  - {name: g, minSize: 1}\n", 5, 5,
       kObject, "nodeGroups[0]",
       "a node group needs instanceType or instancesDistribution.instanceTypes"},
      {"MixedWithoutDistribution", kHeader + "nodeGroups:\n  - {name: g, instanceType: mixed}\n", 5,
       29, kObject, "nodeGroups[0].instanceType",
       "instanceType \"mixed\" needs instancesDistribution with its instanceTypes"},
      {"InstanceTypeAndDistribution",
       kHeader + "nodeGroups:\n  - name: g\n    instanceType: m5.large\n"
                 "    instancesDistribution: {instanceTypes: [m5.large]}\n",
       6, 19, kObject, "nodeGroups[0].instanceType",
       "give instanceType or instancesDistribution.instanceTypes, not both"},
      {"DistributionWithoutInstanceTypes",
       kHeader + "nodeGroups:\n  - name: g\n    instancesDistribution: {onDemandBaseCapacity: 0}\n",
       6, 28, kObject, "nodeGroups[0].instancesDistribution",
       "instancesDistribution needs instanceTypes"},
      {"MixedCapacityTypes", kDistribution + "      onDemandPercentageAboveBaseCapacity: 50\n", 8,
       44, kObject, "nodeGroups[0].instancesDistribution.onDemandPercentageAboveBaseCapacity",
       "(onDemandBaseCapacity 0, onDemandPercentageAboveBaseCapacity 50) is not modelled: each "
       "node "
       "group has one capacity type"},
      {"SpotAboveAnOnDemandBase",
       kDistribution +
           "      onDemandBaseCapacity: 2\n      onDemandPercentageAboveBaseCapacity: 0\n",
       8, 29, kObject, "nodeGroups[0].instancesDistribution.onDemandBaseCapacity",
       "(onDemandBaseCapacity 2, onDemandPercentageAboveBaseCapacity 0) is not modelled"},
      {"PercentageAbove100", kDistribution + "      onDemandPercentageAboveBaseCapacity: 101\n", 8,
       44, kObject, "nodeGroups[0].instancesDistribution.onDemandPercentageAboveBaseCapacity",
       "must be between 0 and 100, got 101"},

      // ---- sizes ----
      {"MinAboveMax",
       kHeader +
           "managedNodeGroups:\n  - {name: g, instanceType: m5.large, minSize: 5, maxSize: 3}\n",
       5, 48, kObject, "managedNodeGroups[0].minSize", "minSize 5 is more than maxSize 3"},
      {"DefaultMinAboveMax",
       kHeader + "nodeGroups:\n  - {name: g, instanceType: m5.large, maxSize: 1}\n", 5, 48, kObject,
       "nodeGroups[0].maxSize",
       "minSize 2 is more than maxSize 1 (minSize defaults to desiredCapacity, else 2)"},
      {"DesiredAboveMax",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m5.large, maxSize: 3, "
                 "desiredCapacity: 4}\n",
       5, 68, kObject, "managedNodeGroups[0].desiredCapacity",
       "desiredCapacity 4 is more than maxSize 3"},
      {"DesiredBelowMin",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m5.large, minSize: 2, "
                 "desiredCapacity: 1, maxSize: 5}\n",
       5, 68, kObject, "managedNodeGroups[0].desiredCapacity",
       "desiredCapacity 1 is less than minSize 2"},
      {"ManagedMaxSizeZero",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m5.large, maxSize: 0}\n", 5, 48,
       kObject, "managedNodeGroups[0].maxSize",
       "a managed node group's maxSize must be at least 1 (EKS requires it)"},
      {"NegativeMinSize",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m5.large, minSize: -1}\n", 5, 48,
       kObject, "managedNodeGroups[0].minSize", "must be at least 0, got -1"},

      // ---- zones ----
      {"GroupZoneNotInRegion",
       kHeader + "managedNodeGroups:\n  - {name: g, instanceType: m5.large, availabilityZones: "
                 "[us-west-2a]}\n",
       5, 59, kObject, "managedNodeGroups[0].availabilityZones[0]",
       "zone \"us-west-2a\" is not in region us-east-1 (its zones: us-east-1a, us-east-1b"},

      // ---- labels, taints and tags ----
      {"BadLabelKey", kManaged + "    labels: {\"bad key\": x}\n", 7, 25, kObject,
       "managedNodeGroups[0].labels.bad key", "invalid label key \"bad key\""},
      {"TaintsInTheOldMapForm", kManaged + "    taints: {dedicated: \"spark:NoSchedule\"}\n", 7, 13,
       kObject, "managedNodeGroups[0].taints",
       "expected a list of {key, value, effect}; eksctl's old map form (key: value:Effect) is no "
       "longer documented"},
      {"TaintWithUnknownEffect", kManaged + "    taints: [{key: a, value: b, effect: NoSchedul}]\n",
       7, 41, kObject, "managedNodeGroups[0].taints[0].effect",
       "unknown taint effect \"NoSchedul\""},
      {"TemplateTaintWithoutEffect",
       kManaged +
           "    tags:\n      k8s.io/cluster-autoscaler/node-template/taint/dedicated: spark\n",
       8, 64, kObject,
       "managedNodeGroups[0].tags.k8s.io/cluster-autoscaler/node-template/taint/dedicated",
       "invalid node-template taint \"spark\" (expected value:Effect"},
      {"TemplateLabelConflictsWithALabel",
       kManaged + "    labels: {a: x}\n    tags:\n      "
                  "k8s.io/cluster-autoscaler/node-template/label/a: y\n",
       9, 56, kObject, "managedNodeGroups[0].tags.k8s.io/cluster-autoscaler/node-template/label/a",
       "label \"a\" is \"y\" here but \"x\" elsewhere on this node group"},
      {"TemplateTaintConflictsWithATaint",
       kManaged + "    taints: [{key: t, value: a, effect: NoSchedule}]\n    tags:\n"
                  "      k8s.io/cluster-autoscaler/node-template/taint/t: b:NoSchedule\n",
       9, 56, kObject, "managedNodeGroups[0].tags.k8s.io/cluster-autoscaler/node-template/taint/t",
       "taint t=b:NoSchedule conflicts with t=a:NoSchedule elsewhere on this node group"},
  };
}

NW_LOCATED_ERROR_CORPUS(BadEksctlTest, cases)

TEST(BadEksctlTest, AClusterConfigWithAnErrorAddsNoNodeGroup) {
  // Its first group is valid; the second is not. Nothing loads, and the one error is reported.
  std::vector<Diagnostic> errors =
      testing::load_errors(kHeader +
                           "managedNodeGroups:\n  - {name: a, instanceType: m5.large}\n"
                           "  - {name: b, instanceType: m5.large, minSize: 3, maxSize: 2}\n");
  ASSERT_EQ(errors.size(), 1u) << testing::describe(errors);
  EXPECT_EQ(errors[0].field, "managedNodeGroups[1].minSize");
}

}  // namespace
}  // namespace nw::input
