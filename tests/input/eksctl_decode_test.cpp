// Decoding valid eksctl ClusterConfigs (eksctl.io/v1alpha5) into the Cluster Autoscaler's node
// groups: both kinds of group, every field read, eksctl's size defaults, the labels eksctl and EKS
// put on every node, node-template tags, and the fields that are accepted and ignored.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster_autoscaler/settings.h"
#include "input/load_helpers.h"
#include "input/loader.h"

namespace nw::input {
namespace {

using catalog::CapacityType;
using cluster_autoscaler::NodeGroup;
using model::Taint;
using model::TaintEffect;
using testing::load_ok;

// A ClusterConfig named `name` with `body` (its node groups) after the metadata.
std::string config(const std::string& body, const std::string& name = "c") {
  return "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: " + name +
         ", region: us-east-1}\n" + body;
}

// The only group of a one-group config.
NodeGroup only_group(const std::string& body) {
  Inventory inventory = load_ok(config(body));
  if (inventory.node_groups.size() != 1) {
    ADD_FAILURE() << "expected one node group, got " << inventory.node_groups.size();
    return {};
  }
  return inventory.node_groups[0];
}

TEST(EksctlDecode, TheFixtureBecomesFourNodeGroupsManagedFirst) {
  LoadResult result = load_paths(
      {std::string(NODEWRIGHT_SOURCE_DIR) + "/tests/fixtures/input/eksctl-spark-cluster.yaml"},
      std::cin);
  ASSERT_TRUE(std::holds_alternative<Inventory>(result))
      << testing::describe(std::get<std::vector<Diagnostic>>(result));
  const Inventory& inventory = std::get<Inventory>(result);
  EXPECT_TRUE(inventory.warnings.empty()) << testing::describe(inventory.warnings);
  EXPECT_EQ(inventory.objects_by_kind.at("ClusterConfig"), 1);
  ASSERT_EQ(inventory.node_groups.size(), 4u);

  NodeGroup driver;
  driver.name = "driver-od";
  driver.instance_types = {"m5.xlarge"};
  driver.capacity_type = CapacityType::OnDemand;
  driver.zones = {"us-east-1a", "us-east-1b"};  // the ClusterConfig's availabilityZones
  driver.min_size = 1;
  driver.max_size = 10;
  driver.desired_capacity = 1;  // defaults to minSize
  driver.labels = {{"alpha.eksctl.io/nodegroup-name", "driver-od"},
                   {"eks.amazonaws.com/capacityType", "ON_DEMAND"},
                   {"eks.amazonaws.com/nodegroup", "driver-od"},
                   {"role", "driver"}};
  driver.managed = true;
  EXPECT_EQ(inventory.node_groups[0], driver);

  NodeGroup executors;
  executors.name = "exec-spot-c5";
  executors.instance_types = {"c5.4xlarge", "c5a.4xlarge", "c5d.4xlarge"};
  executors.capacity_type = CapacityType::Spot;
  executors.zones = {"us-east-1b"};
  executors.min_size = 0;
  executors.max_size = 50;
  executors.desired_capacity = 0;
  executors.labels = {{"alpha.eksctl.io/nodegroup-name", "exec-spot-c5"},
                      {"eks.amazonaws.com/capacityType", "SPOT"},
                      {"eks.amazonaws.com/nodegroup", "exec-spot-c5"},
                      {"workload", "spark"}};  // from the node-template label tag
  executors.taints = {Taint{"spark/executor", "true", TaintEffect::NoSchedule},
                      Taint{"dedicated", "spark", TaintEffect::NoExecute}};  // the taint tag
  executors.managed = true;
  EXPECT_EQ(inventory.node_groups[1], executors);

  NodeGroup self_od;
  self_od.name = "self-od";
  self_od.instance_types = {"r5.2xlarge"};
  self_od.capacity_type = CapacityType::OnDemand;
  self_od.zones = {"us-east-1a", "us-east-1b"};
  self_od.min_size = 3;  // minSize and maxSize default to desiredCapacity
  self_od.max_size = 3;
  self_od.desired_capacity = 3;
  self_od.labels = {{"alpha.eksctl.io/nodegroup-name", "self-od"}};  // no EKS labels
  self_od.managed = false;
  EXPECT_EQ(inventory.node_groups[2], self_od);

  NodeGroup self_spot;
  self_spot.name = "self-spot";
  self_spot.instance_types = {"m5.2xlarge", "m5a.2xlarge"};
  self_spot.capacity_type = CapacityType::Spot;  // onDemandPercentageAboveBaseCapacity 0
  self_spot.zones = {"us-east-1a", "us-east-1b"};
  self_spot.min_size = 0;
  self_spot.max_size = 20;
  self_spot.desired_capacity = 0;
  self_spot.labels = {{"alpha.eksctl.io/nodegroup-name", "self-spot"}};
  self_spot.managed = false;
  EXPECT_EQ(inventory.node_groups[3], self_spot);
}

struct SizeCase {
  const char* sizes;  // the group's size fields, as a flow-mapping fragment
  int32_t min, max, desired;
};

// eksctl's defaults: minSize from desiredCapacity else 2, maxSize from desiredCapacity else
// minSize, desiredCapacity from minSize.
TEST(EksctlDecode, SizesTakeEksctlsDefaults) {
  const SizeCase cases[] = {
      {"", 2, 2, 2},
      {", desiredCapacity: 5", 5, 5, 5},
      {", minSize: 1", 1, 1, 1},
      {", maxSize: 4", 2, 4, 2},
      {", minSize: 1, maxSize: 5", 1, 5, 1},
      {", minSize: 0, desiredCapacity: 3, maxSize: 9", 0, 9, 3},
      {", desiredCapacity: 0, maxSize: 6", 0, 6, 0},
  };
  for (const SizeCase& c : cases) {
    for (const char* kind : {"managedNodeGroups", "nodeGroups"}) {
      NodeGroup group = only_group(std::string(kind) + ":\n  - {name: g, instanceType: m5.large" +
                                   c.sizes + "}\n");
      EXPECT_EQ(group.min_size, c.min) << kind << c.sizes;
      EXPECT_EQ(group.max_size, c.max) << kind << c.sizes;
      EXPECT_EQ(group.desired_capacity, c.desired) << kind << c.sizes;
    }
  }
}

TEST(EksctlDecode, AManagedGroupOfSizeZeroMayStillGrowToOneNode) {
  // EKS requires maxSize >= 1, so eksctl raises a defaulted maxSize of 0 to 1.
  NodeGroup managed =
      only_group("managedNodeGroups:\n  - {name: g, instanceType: m5.large, minSize: 0}\n");
  EXPECT_EQ(managed.max_size, 1);
  EXPECT_EQ(managed.desired_capacity, 0);
  NodeGroup self = only_group("nodeGroups:\n  - {name: g, instanceType: m5.large, minSize: 0}\n");
  EXPECT_EQ(self.max_size, 0);
}

TEST(EksctlDecode, CapacityTypeOfASelfManagedGroupComesFromItsDistribution) {
  const std::string distribution =
      "nodeGroups:\n  - name: g\n    instancesDistribution:\n      instanceTypes: [m5.large]\n";
  EXPECT_EQ(only_group(distribution).capacity_type, CapacityType::OnDemand);  // 100 by default
  EXPECT_EQ(only_group(distribution + "      onDemandPercentageAboveBaseCapacity: 100\n"
                                      "      onDemandBaseCapacity: 4\n")
                .capacity_type,
            CapacityType::OnDemand);
  EXPECT_EQ(
      only_group(distribution + "      onDemandPercentageAboveBaseCapacity: 0\n").capacity_type,
      CapacityType::Spot);
}

TEST(EksctlDecode, WithoutARegionZonesAreNotCheckedAgainstOne) {
  Inventory inventory = load_ok(
      "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: MyCluster_1}\n"
      "managedNodeGroups:\n  - {name: g, instanceType: m5.large, availabilityZones: [eu-x-9q]}\n");
  ASSERT_EQ(inventory.node_groups.size(), 1u);
  EXPECT_EQ(inventory.node_groups[0].zones, (std::vector<std::string>{"eu-x-9q"}));
}

TEST(EksctlDecode, AGroupWithoutZonesLeavesThemToTheScenario) {
  EXPECT_TRUE(
      only_group("managedNodeGroups:\n  - {name: g, instanceType: m5.large}\n").zones.empty());
}

TEST(EksctlDecode, NodeGroupsOfSeveralClusterConfigsFollowInputOrder) {
  Inventory inventory =
      load_ok(config("nodeGroups: [{name: b, instanceType: m5.large}]\n"
                     "managedNodeGroups: [{name: a, instanceType: m5.large}]\n",
                     "one") +
              "---\n" + config("managedNodeGroups: [{name: c, instanceType: c5.large}]\n", "two"));
  ASSERT_EQ(inventory.node_groups.size(), 3u);
  EXPECT_EQ(inventory.node_groups[0].name, "a");  // managed groups first within a config
  EXPECT_EQ(inventory.node_groups[1].name, "b");
  EXPECT_EQ(inventory.node_groups[2].name, "c");
}

TEST(EksctlDecode, ALabelSetAgainWithTheSameValueByATagIsKeptOnce) {
  NodeGroup group = only_group(
      "managedNodeGroups:\n  - name: g\n    instanceType: m5.large\n    labels: {a: x}\n"
      "    taints: [{key: t, value: v, effect: NoSchedule}]\n    tags:\n"
      "      k8s.io/cluster-autoscaler/node-template/label/a: x\n"
      "      k8s.io/cluster-autoscaler/node-template/taint/t: v:NoSchedule\n"
      "      k8s.io/cluster-autoscaler/node-template/taint/empty: \":PreferNoSchedule\"\n");
  EXPECT_EQ(*model::find_label(group.labels, "a"), "x");
  EXPECT_EQ(group.taints, (std::vector<Taint>{Taint{"t", "v", TaintEffect::NoSchedule},
                                              Taint{"empty", "", TaintEffect::PreferNoSchedule}}));
}

TEST(EksctlDecode, NodeTemplateTagsNotModelledGetAWarning) {
  Inventory inventory = load_ok(
      config("managedNodeGroups:\n  - name: g\n    instanceType: m5.large\n    tags:\n"
             "      k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage: 100G\n"
             "      owner: me\n"));
  ASSERT_EQ(inventory.warnings.size(), 1u) << testing::describe(inventory.warnings);
  EXPECT_EQ(inventory.warnings[0].to_string(),
            "input.yaml:8:76: ClusterConfig \"c\": managedNodeGroups[0].tags."
            "k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage: the "
            "node-template tag \"k8s.io/cluster-autoscaler/node-template/resources/"
            "ephemeral-storage\" is not modelled and is ignored");
}

TEST(EksctlDecode, AClusterConfigWithoutNodeGroupsIsValid) {
  Inventory inventory = load_ok(config("fargateProfiles: [{name: fp}]\n"));
  EXPECT_TRUE(inventory.node_groups.empty());
  EXPECT_EQ(inventory.objects_by_kind.at("ClusterConfig"), 1);
}

}  // namespace
}  // namespace nw::input
