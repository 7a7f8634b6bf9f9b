// Decoding a Scenario's Cluster Autoscaler variants (docs/scenario.md#variants): the autoscaler
// choice, node-group references, every clusterAutoscaler setting and its default, the priority
// expander's priorities in both forms, the warnings about priorities, and the cloud's ASG
// scaling-activity latency.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster_autoscaler/settings.h"
#include "input/load_helpers.h"
#include "input/loader.h"
#include "sim/scenario.h"

namespace nw::input {
namespace {

using cluster_autoscaler::Expander;
using cluster_autoscaler::Settings;
using model::Duration;
using testing::describe;
using testing::load_ok;

// Two node groups, `od` and `spot`, after "---".
const std::string kClusterConfig = R"(---
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: spark, region: us-east-1}
managedNodeGroups:
  - {name: od, instanceType: m5.xlarge, minSize: 0, maxSize: 10}
  - {name: spot, instanceTypes: [c5.xlarge], spot: true, minSize: 0, maxSize: 10}
)";

// Lines 1-6 of a Scenario; its variants start at line 7.
std::string scenario(const std::string& variants) {
  return "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n"
         "spec:\n  duration: 1h\n  variants:\n" +
         variants + kClusterConfig;
}

sim::Variant only_variant(const Inventory& inventory) {
  if (inventory.scenarios.size() != 1 || inventory.scenarios[0].variants.size() != 1) {
    ADD_FAILURE() << "expected one scenario with one variant";
    return {};
  }
  return inventory.scenarios[0].variants[0];
}

TEST(ScenarioClusterAutoscalerDecode, AVariantIsKarpenterUnlessItSaysOtherwise) {
  Inventory inventory = load_ok(scenario("    - {name: k}\n"));
  sim::Variant v = only_variant(inventory);
  EXPECT_EQ(v.autoscaler, sim::AutoscalerKind::Karpenter);
  EXPECT_TRUE(v.node_groups.empty());
  EXPECT_EQ(v.cluster_autoscaler, Settings{});
  // The ASG's scaling activity defaults to 5-15 s.
  EXPECT_EQ(inventory.scenarios[0].cloud.scaling_activity, (sim::Latency{5'000, 15'000}));
}

TEST(ScenarioClusterAutoscalerDecode, AppliesCasDefaults) {
  Inventory inventory = load_ok(scenario("    - {name: ca, autoscaler: cluster-autoscaler}\n"));
  EXPECT_TRUE(inventory.warnings.empty()) << describe(inventory.warnings);
  sim::Variant v = only_variant(inventory);
  EXPECT_EQ(v.name, "ca");
  EXPECT_EQ(v.autoscaler, sim::AutoscalerKind::ClusterAutoscaler);
  EXPECT_TRUE(v.node_groups.empty());  // every node group
  EXPECT_TRUE(v.node_pools.empty());
  const Settings& s = v.cluster_autoscaler;
  EXPECT_EQ(s.scan_interval, Duration::seconds(10));
  EXPECT_EQ(s.expanders, (std::vector<Expander>{Expander::LeastWaste}));
  EXPECT_TRUE(s.priorities.empty());
  EXPECT_FALSE(s.balance_similar_node_groups);
  EXPECT_EQ(s.max_nodes_total, 0);
  EXPECT_EQ(s.max_node_provision_time, Duration::seconds(15 * 60));
  EXPECT_EQ(s.new_pod_scale_up_delay, Duration::seconds(0));
  EXPECT_EQ(s.initial_node_group_backoff, Duration::seconds(5 * 60));
  EXPECT_EQ(s.max_node_group_backoff, Duration::seconds(30 * 60));
  EXPECT_TRUE(s.scale_down_enabled);
  EXPECT_EQ(s.scale_down_utilization_threshold_ppm, 500'000);
  EXPECT_EQ(s.scale_down_unneeded_time, Duration::seconds(10 * 60));
  EXPECT_EQ(s.scale_down_delay_after_add, Duration::seconds(10 * 60));
  EXPECT_EQ(s.scale_down_delay_after_delete, Duration::seconds(0));
  EXPECT_EQ(s.scale_down_delay_after_failure, Duration::seconds(3 * 60));
  EXPECT_FALSE(s.scale_down_delay_type_local);
  EXPECT_EQ(s.max_scale_down_parallelism, 10);
  EXPECT_EQ(s.max_drain_parallelism, 1);
  EXPECT_EQ(s.node_delete_delay_after_taint, Duration::seconds(5));
  EXPECT_TRUE(s.skip_nodes_with_local_storage);
  EXPECT_TRUE(s.skip_nodes_with_custom_controller_pods);
}

TEST(ScenarioClusterAutoscalerDecode, ReadsEverySetting) {
  Inventory inventory = load_ok(scenario(R"(    - name: ca
      autoscaler: cluster-autoscaler
      nodeGroups: [spot, od]
      clusterAutoscaler:
        scanInterval: 5s
        expander: "priority, most-pods,least-nodes,random"
        priorities: {10: [".*-od$"], 50: [".*spot.*", "^od$"], -5: []}
        balanceSimilarNodeGroups: true
        maxNodesTotal: 200
        maxNodeProvisionTime: 10m
        newPodScaleUpDelay: 2s
        initialNodeGroupBackoffDuration: 1m
        maxNodeGroupBackoffDuration: 1m
        scaleDownEnabled: false
        scaleDownUtilizationThreshold: 0.65
        scaleDownUnneededTime: 30s
        scaleDownDelayAfterAdd: 0s
        scaleDownDelayAfterDelete: 10s
        scaleDownDelayAfterFailure: 1m
        scaleDownDelayTypeLocal: true
        maxScaleDownParallelism: 3
        maxDrainParallelism: 2
        nodeDeleteDelayAfterTaint: 0s
        skipNodesWithLocalStorage: false
        skipNodesWithCustomControllerPods: false
)"));
  EXPECT_TRUE(inventory.warnings.empty()) << describe(inventory.warnings);
  sim::Variant v = only_variant(inventory);
  EXPECT_EQ(v.node_groups, (std::vector<std::string>{"spot", "od"}));
  Settings expected;
  expected.scan_interval = Duration::seconds(5);
  expected.expanders = {Expander::Priority, Expander::MostPods, Expander::LeastNodes,
                        Expander::Random};
  expected.priorities = {{-5, {}}, {10, {".*-od$"}}, {50, {".*spot.*", "^od$"}}};
  expected.balance_similar_node_groups = true;
  expected.max_nodes_total = 200;
  expected.max_node_provision_time = Duration::seconds(600);
  expected.new_pod_scale_up_delay = Duration::seconds(2);
  expected.initial_node_group_backoff = Duration::seconds(60);
  expected.max_node_group_backoff = Duration::seconds(60);
  expected.scale_down_enabled = false;
  expected.scale_down_utilization_threshold_ppm = 650'000;
  expected.scale_down_unneeded_time = Duration::seconds(30);
  expected.scale_down_delay_after_add = Duration::seconds(0);
  expected.scale_down_delay_after_delete = Duration::seconds(10);
  expected.scale_down_delay_after_failure = Duration::seconds(60);
  expected.scale_down_delay_type_local = true;
  expected.max_scale_down_parallelism = 3;
  expected.max_drain_parallelism = 2;
  expected.node_delete_delay_after_taint = Duration::seconds(0);
  expected.skip_nodes_with_local_storage = false;
  expected.skip_nodes_with_custom_controller_pods = false;
  EXPECT_EQ(v.cluster_autoscaler, expected);
}

TEST(ScenarioClusterAutoscalerDecode, PrioritiesAsTheConfigMapsStringMeanTheSame) {
  // The ConfigMap's `priorities` value pasted as it is: a YAML document inside a string.
  Inventory pasted = load_ok(scenario(R"(    - name: ca
      autoscaler: cluster-autoscaler
      clusterAutoscaler:
        expander: priority,least-waste
        priorities: |-
          10:
            - .*od.*
          50:
            - .*spot.*
)"));
  Inventory mapping = load_ok(scenario(R"(    - name: ca
      autoscaler: cluster-autoscaler
      clusterAutoscaler:
        expander: priority,least-waste
        priorities:
          10: [.*od.*]
          50: [.*spot.*]
)"));
  Settings expected;
  expected.expanders = {Expander::Priority, Expander::LeastWaste};
  expected.priorities = {{10, {".*od.*"}}, {50, {".*spot.*"}}};
  EXPECT_EQ(only_variant(pasted).cluster_autoscaler, expected);
  EXPECT_EQ(only_variant(mapping).cluster_autoscaler, expected);
}

TEST(ScenarioClusterAutoscalerDecode, ThePriorityExpanderWithoutPrioritiesPassesOptionsOn) {
  // CA passes every option through when the ConfigMap is missing; nodewright warns.
  Inventory inventory = load_ok(scenario(R"(    - name: ca
      autoscaler: cluster-autoscaler
      clusterAutoscaler: {expander: "priority,least-waste"}
)"));
  ASSERT_EQ(inventory.warnings.size(), 1u) << describe(inventory.warnings);
  EXPECT_EQ(inventory.warnings[0].to_string(),
            "input.yaml:9:37: Scenario \"s\": spec.variants[0].clusterAutoscaler.expander: the "
            "priority expander has no priorities: as with a missing ConfigMap, it passes every "
            "option on to the next expander");
  EXPECT_TRUE(only_variant(inventory).cluster_autoscaler.priorities.empty());
}

TEST(ScenarioClusterAutoscalerDecode, PrioritiesWithoutThePriorityExpanderGetAWarning) {
  Inventory inventory = load_ok(scenario(R"(    - name: ca
      autoscaler: cluster-autoscaler
      clusterAutoscaler: {priorities: {10: [od]}}
)"));
  ASSERT_EQ(inventory.warnings.size(), 1u) << describe(inventory.warnings);
  EXPECT_EQ(inventory.warnings[0].to_string(),
            "input.yaml:9:39: Scenario \"s\": spec.variants[0].clusterAutoscaler.priorities: "
            "priorities are used only by the priority expander, which is not chosen");
  // Kept all the same: they are part of the configuration being compared.
  EXPECT_EQ(only_variant(inventory).cluster_autoscaler.priorities,
            (std::map<int64_t, std::vector<std::string>>{{10, {"od"}}}));
}

TEST(ScenarioClusterAutoscalerDecode, KarpenterAndClusterAutoscalerVariantsSideBySide) {
  const std::string pool = R"(---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: spark}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
)";
  Inventory inventory = load_ok(scenario(R"(    - {name: karpenter, nodePools: [spark]}
    - name: cluster-autoscaler
      autoscaler: cluster-autoscaler
      nodeGroups: [od]
      clusterAutoscaler: {scaleDownUnneededTime: 30s}
)") + pool);
  ASSERT_EQ(inventory.scenarios.size(), 1u);
  const std::vector<sim::Variant>& variants = inventory.scenarios[0].variants;
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].autoscaler, sim::AutoscalerKind::Karpenter);
  EXPECT_EQ(variants[0].node_pools, (std::vector<std::string>{"spark"}));
  EXPECT_EQ(variants[1].autoscaler, sim::AutoscalerKind::ClusterAutoscaler);
  EXPECT_EQ(variants[1].node_groups, (std::vector<std::string>{"od"}));
  EXPECT_EQ(variants[1].cluster_autoscaler.scale_down_unneeded_time, Duration::seconds(30));
  EXPECT_EQ(inventory.node_groups.size(), 2u);
}

TEST(ScenarioClusterAutoscalerDecode, ANodeGroupNeedsOnlyOneZoneTheScenarioSimulates) {
  Inventory inventory = load_ok(
      "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n"
      "spec:\n  duration: 1h\n  zones: [us-east-1b]\n"
      "  variants: [{name: ca, autoscaler: cluster-autoscaler}]\n---\n"
      "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c}\n"
      "availabilityZones: [us-east-1a, us-east-1b]\n"
      "managedNodeGroups: [{name: g, instanceType: m5.large}]\n");
  ASSERT_EQ(inventory.node_groups.size(), 1u);
  EXPECT_EQ(inventory.node_groups[0].zones, (std::vector<std::string>{"us-east-1a", "us-east-1b"}));
}

TEST(ScenarioClusterAutoscalerDecode, TheScalingActivityLatencyIsFixedOrARange) {
  const std::string head =
      "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n"
      "spec:\n  duration: 1h\n  cloud:\n";
  Inventory fixed = load_ok(head + "    scalingActivity: 7s\n");
  Inventory range = load_ok(head + "    scalingActivity: {min: 2s, max: 20s}\n");
  ASSERT_EQ(fixed.scenarios.size(), 1u);
  ASSERT_EQ(range.scenarios.size(), 1u);
  EXPECT_EQ(fixed.scenarios[0].cloud.scaling_activity, (sim::Latency{7'000, 7'000}));
  EXPECT_EQ(range.scenarios[0].cloud.scaling_activity, (sim::Latency{2'000, 20'000}));
}

}  // namespace
}  // namespace nw::input
