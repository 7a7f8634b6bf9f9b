// Provisioning scenarios through `nodewright plan -o json` (karpenter-core.md §6.2, §6.5):
// basics and packing, requests, limits, DaemonSets, taints, NodePool selection and weights,
// price and capacity type, minValues, bad input and determinism. Expected instance types were
// checked by hand against data/ec2-instance-types.csv and `nodewright catalog`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

using ::testing::HasSubstr;

// --- Basics ---------------------------------------------------------------------------------

TEST(PlanBasics, SinglePodGetsSmallestFittingTypeOnSpot) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "basic-single-pod.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  const json& claim = plan["nodeClaims"][0];
  EXPECT_EQ(claim["nodePool"], "default");
  EXPECT_EQ(claim["instanceType"], "m5.large");  // 1930m allocatable holds 1 vCPU
  EXPECT_EQ(claim["capacityType"], "spot");      // the pool allows spot: spot first
  EXPECT_DOUBLE_EQ(claim["pricePerHour"].get<double>(), 0.0418);  // m5.large spot in the CSV
  EXPECT_EQ(claim["pods"], json::array({"default/web"}));
  EXPECT_EQ(claim["requests"]["cpu"], "1");
  EXPECT_EQ(plan["summary"]["scheduledOnNew"], 1);
  EXPECT_TRUE(plan["unschedulable"].empty());
  // Every option is an m5 (the pool's only family).
  for (const std::string& option : options_of(claim)) EXPECT_EQ(family_of(option), "m5");
}

TEST(PlanBasics, PodsPackOntoOneNode) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "basic-packing.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  const json& claim = plan["nodeClaims"][0];
  EXPECT_EQ(claim["pods"].size(), 3u);
  EXPECT_EQ(claim["instanceType"], "m5.xlarge");  // 3 vCPU: m5.large (1930m) is too small
  EXPECT_EQ(claim["requests"]["cpu"], "3");
  EXPECT_EQ(claim["requests"]["pods"], "3");
  // m5.large cannot hold three pods, so it is not among the options.
  for (const std::string& option : options_of(claim)) EXPECT_NE(option, "m5.large");
}

TEST(PlanBasics, NoNodePoolMeansUnschedulable) {
  NW_RUN_PLAN(plan, "basic-no-nodepool.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/orphan");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("no NodePool"));
}

TEST(PlanBasics, PodLargerThanEveryTypeIsUnschedulable) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "basic-too-large.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/huge");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("NodePool \"default\""));
  EXPECT_THAT(*reason, HasSubstr("9 of 9 too small"));  // all nine m5 sizes
}

TEST(PlanBasics, DifferentArchitecturesGetSeparateNodes) {
  NW_RUN_PLAN(plan, "basic-separate-arch.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 2u);
  const json* arm = claim_with(plan, "default/on-arm");
  const json* x86 = claim_with(plan, "default/on-x86");
  ASSERT_TRUE(arm && x86);
  EXPECT_NE(arm, x86);
  EXPECT_EQ(instance_type(arm->at("instanceType").get<std::string>()).arch, "arm64");
  EXPECT_EQ(instance_type(x86->at("instanceType").get<std::string>()).arch, "amd64");
  EXPECT_EQ(arm->at("instanceType"), "m6g.medium");  // cheapest on-demand arm64 that fits
  EXPECT_EQ(x86->at("instanceType"), "m5.large");
}

TEST(PlanBasics, MaxPodsFromNodeClassForcesMoreNodes) {
  NW_RUN_PLAN(plan, "basic-maxpods.yaml");
  // kubelet maxPods 3: seven pods need ceil(7 / 3) = 3 nodes.
  ASSERT_EQ(plan["nodeClaims"].size(), 3u);
  size_t total = 0;
  for (const json& claim : plan["nodeClaims"]) {
    EXPECT_LE(claim["pods"].size(), 3u);
    EXPECT_EQ(claim["nodePool"], "dense");
    total += claim["pods"].size();
  }
  EXPECT_EQ(total, 7u);
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanBasics, InitContainerRequestsAreTheMaxNotTheSum) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "basic-init-container.yaml");
  const json* claim = claim_with(plan, "default/init-heavy");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("requests")["cpu"], "3");       // max(init 3, app 1)
  EXPECT_EQ(claim->at("instanceType"), "m5.xlarge");  // 4 vCPU would need m5.2xlarge
  EXPECT_EQ(claim->at("capacityType"), "on-demand");
}

TEST(PlanBasics, SidecarRequestsAddToTheApp) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "basic-sidecar.yaml");
  const json* claim = claim_with(plan, "default/with-sidecar");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("requests")["cpu"], "2500m");  // sidecar 1 + app 1.5
  EXPECT_EQ(claim->at("requests")["memory"], "1280Mi");
  EXPECT_EQ(claim->at("instanceType"), "m5.xlarge");  // m5.large would hold the app alone
}

// --- Limits ---------------------------------------------------------------------------------

TEST(PlanLimits, WithinLimitSchedulesAndOptionsRespectTheLimit) {
  NW_RUN_PLAN(plan, "limits-within.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  const json& claim = plan["nodeClaims"][0];
  EXPECT_EQ(claim["instanceType"], "m5.large");
  for (const std::string& option : options_of(claim)) {
    EXPECT_LE(instance_type(option).vcpu, 4) << option << " exceeds the 4 vCPU limit";
  }
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanLimits, UsageExactlyAtTheLimitIsAllowed) {
  NW_RUN_PLAN(plan, "limits-exactly-met.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  EXPECT_EQ(plan["nodeClaims"][0]["instanceType"], "m5.xlarge");  // 4 vCPU == limit 4
  EXPECT_EQ(options_of(plan["nodeClaims"][0]), std::vector<std::string>{"m5.xlarge"});
}

TEST(PlanLimits, ExceededLimitLaunchesNothing) {
  NW_RUN_PLAN(plan, "limits-exceeded.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/blocked-1");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("limits exceeded (cpu)"));
}

TEST(PlanLimits, PartiallySchedulesUpToTheLimit) {
  NW_RUN_PLAN(plan, "limits-partial.yaml");
  int64_t vcpus = 0;
  for (const json& claim : plan["nodeClaims"]) {
    // Whatever type the launch picks among the options, the pool stays within 8 vCPU.
    int64_t largest = 0;
    for (const std::string& option : options_of(claim)) {
      largest = std::max(largest, instance_type(option).vcpu);
    }
    vcpus += largest;
  }
  EXPECT_LE(vcpus, 8);
  EXPECT_EQ(plan["summary"]["scheduledOnNew"], 2);  // two 3 vCPU pods fit in 8 vCPU
  ASSERT_EQ(plan["unschedulable"].size(), 2u);
  for (const json& entry : plan["unschedulable"]) {
    EXPECT_THAT(entry["reason"].get<std::string>(), HasSubstr("limits exceeded (cpu)"));
  }
}

TEST(PlanLimits, NodesLimitCapsTheNodeCount) {
  NW_RUN_PLAN(plan, "limits-nodes.yaml");
  EXPECT_EQ(plan["nodeClaims"].size(), 2u);
  std::optional<std::string> reason = unschedulable_reason(plan, "default/big-3");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("limits exceeded (nodes)"));
}

TEST(PlanLimits, GpuLimitCapsGpuNodes) {
  NW_RUN_PLAN(plan, "limits-gpu.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 2u);
  int64_t gpus = 0;
  for (const json& claim : plan["nodeClaims"]) {
    EXPECT_EQ(family_of(claim["instanceType"].get<std::string>()), "g4dn");
    int64_t largest = 0;
    for (const std::string& option : options_of(claim)) {
      largest = std::max(largest, instance_type(option).gpu_count);
    }
    gpus += largest;
  }
  EXPECT_LE(gpus, 2);
  EXPECT_EQ(plan["unschedulable"].size(), 1u);
  std::optional<std::string> reason = unschedulable_reason(plan, "default/train-3");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("limits exceeded (nvidia.com/gpu)"));
}

TEST(PlanLimits, ExistingNodesCapacityCountsAgainstTheLimit) {
  NW_RUN_PLAN(plan, "limits-existing-nodes.yaml");
  // 10 − 8 (the existing m5.2xlarge) leaves 2 vCPU: one m5.large, no more.
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  EXPECT_EQ(options_of(plan["nodeClaims"][0]), std::vector<std::string>{"m5.large"});
  EXPECT_TRUE(plan["existingNodes"].empty());  // the existing node is full
  EXPECT_EQ(plan["unschedulable"].size(), 1u);
  EXPECT_EQ(plan["summary"]["scheduledOnNew"], 1);
  for (const json& entry : plan["unschedulable"]) {
    EXPECT_THAT(entry["reason"].get<std::string>(), HasSubstr("limits exceeded (cpu)"));
  }
}

// --- DaemonSets -----------------------------------------------------------------------------

TEST(PlanDaemonSets, OverheadIsCounted) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "ds-counted.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "m5.xlarge");  // 1 + 1 vCPU does not fit m5.large
  EXPECT_EQ(claim->at("requests")["cpu"], "2");       // the pod plus the DaemonSet
  EXPECT_EQ(claim->at("requests")["memory"], "1536Mi");
}

TEST(PlanDaemonSets, DaemonSetNotToleratingThePoolTaintIsNotCounted) {
  NW_RUN_PLAN(plan, "ds-untolerated-taint.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "m5.large");
  EXPECT_EQ(claim->at("requests")["cpu"], "1");
}

TEST(PlanDaemonSets, DaemonSetToleratingEverythingIsCounted) {
  NW_RUN_PLAN(plan, "ds-tolerates-all.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "m5.xlarge");
  EXPECT_EQ(claim->at("requests")["cpu"], "2");
}

TEST(PlanDaemonSets, DaemonSetForAnotherArchIsNotCounted) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "ds-other-arch.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "m5.large");
  EXPECT_EQ(claim->at("requests")["cpu"], "1");
}

TEST(PlanDaemonSets, DaemonSetSelectingThePoolLabelIsCountedOthersNot) {
  NW_RUN_PLAN(plan, "ds-custom-label.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "m5.xlarge");
  EXPECT_EQ(claim->at("requests")["cpu"], "2");  // data-agent (1) counted, web-agent (4) not
}

TEST(PlanDaemonSets, TooLargeOverheadLeavesThePodPending) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "ds-too-large.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/app");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("DaemonSets"));
  EXPECT_THAT(*reason, HasSubstr("9 of 9 too small"));
}

// --- Taints and tolerations -----------------------------------------------------------------

TEST(PlanTaints, NoScheduleTaintBlocksPodsWithoutToleration) {
  NW_RUN_PLAN(plan, "taint-noschedule.yaml");
  std::optional<std::string> reason = unschedulable_reason(plan, "default/intolerant");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("taint dedicated=gpu:NoSchedule is not tolerated"));
  EXPECT_EQ(claim_with(plan, "default/intolerant"), nullptr);
}

TEST(PlanTaints, TolerationAdmitsThePodToTheTaintedPool) {
  NW_RUN_PLAN(plan, "taint-noschedule.yaml");
  const json* claim = claim_with(plan, "default/tolerant");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "tainted");
  EXPECT_EQ(claim->at("pods").size(), 1u);
}

TEST(PlanTaints, TolerationWithWrongValueDoesNotMatch) {
  NW_RUN_PLAN(plan, "taint-wrong-value.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/wrong-value");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("not tolerated"));
}

TEST(PlanTaints, ExistsTolerationWithoutKeyToleratesEverything) {
  NW_RUN_PLAN(plan, "taint-exists-toleration.yaml");
  const json* claim = claim_with(plan, "default/tolerates-all");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "tainted");
}

TEST(PlanTaints, PreferNoScheduleAvoidedWhenAnotherPoolMatches) {
  NW_RUN_PLAN(plan, "taint-prefer-no-schedule-other-pool.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  // "preferred-off" has the higher weight, but its PreferNoSchedule taint sends the pod elsewhere.
  EXPECT_EQ(claim->at("nodePool"), "plain");
  EXPECT_EQ(family_of(claim->at("instanceType").get<std::string>()), "m5");
}

TEST(PlanTaints, PreferNoScheduleToleratedWhenNoOtherPoolMatches) {
  NW_RUN_PLAN(plan, "taint-prefer-no-schedule-only-pool.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "preferred-off");
  EXPECT_TRUE(plan["unschedulable"].empty());
}

// --- NodePool selection and weights ---------------------------------------------------------

TEST(PlanNodePools, ExplicitNodePoolSelectorWinsOverWeight) {
  NW_RUN_PLAN(plan, "nodepool-explicit.yaml");
  const json* claim = claim_with(plan, "default/picks-light");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "light");
  EXPECT_EQ(family_of(claim->at("instanceType").get<std::string>()), "m5");
}

TEST(PlanNodePools, HighestWeightWins) {
  NW_RUN_PLAN(plan, "weight-highest.yaml");
  ASSERT_FALSE(plan["nodeClaims"].empty());
  for (const json& claim : plan["nodeClaims"]) {
    EXPECT_EQ(claim["nodePool"], "preferred");  // weight 50 over 20 and 10
    EXPECT_EQ(family_of(claim["instanceType"].get<std::string>()), "r5");
  }
  EXPECT_EQ(plan["summary"]["scheduledOnNew"], 2);
}

TEST(PlanNodePools, FallsBackToLowerWeightWhenIncompatible) {
  NW_RUN_PLAN(plan, "weight-fallback.yaml");
  const json* claim = claim_with(plan, "default/arm");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "graviton");
  EXPECT_EQ(claim->at("instanceType"), "c6g.large");
}

TEST(PlanNodePools, EqualWeightsGoByNameDescending) {
  NW_RUN_PLAN(plan, "weight-tie-name.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "zeta");
}

// --- Price and capacity type ----------------------------------------------------------------

TEST(PlanPrice, CheapestFittingOnDemandTypeIsLaunched) {
  NW_RUN_PLAN(plan, "price-cheapest.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);
  const json& claim = plan["nodeClaims"][0];
  EXPECT_EQ(claim["instanceType"], "c5.large");  // $0.085 < m5.large $0.096 < r5.large $0.126
  EXPECT_EQ(claim["capacityType"], "on-demand");
  EXPECT_DOUBLE_EQ(claim["pricePerHour"].get<double>(), 0.085);
  // No option is cheaper on demand than the launched type.
  int64_t launched = *instance_type("c5.large").od_price_micro_usd_per_hour;
  for (const std::string& option : options_of(claim)) {
    EXPECT_GE(instance_type(option).od_price_micro_usd_per_hour.value_or(INT64_MAX), launched)
        << option;
  }
  EXPECT_DOUBLE_EQ(plan["summary"]["newNodesCostPerHour"].get<double>(), 0.085);
}

TEST(PlanPrice, CheapestTypeWithEnoughMemory) {
  NW_RUN_PLAN(plan, "price-memory-heavy.yaml");
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "r5.large");
  EXPECT_DOUBLE_EQ(claim->at("pricePerHour").get<double>(), 0.126);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_GE(instance_type(option).memory_mib, 12 * 1024) << option;
  }
}

TEST(PlanPrice, OnDemandWhenThePodAsksForIt) {
  NW_RUN_PLAN(plan, "pool-general.yaml", "wk-capacity-on-demand.yaml");
  const json* claim = claim_with(plan, "default/od");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("capacityType"), "on-demand");
  // The cheapest on-demand type of the pool that fits 1 vCPU / 1 GiB (c6g.large, $0.068/h).
  EXPECT_EQ(claim->at("instanceType"), "c6g.large");
  EXPECT_DOUBLE_EQ(claim->at("pricePerHour").get<double>(), 0.068);
}

TEST(PlanPrice, SpotWhenThePoolAllowsIt) {
  NW_RUN_PLAN(plan, "pool-general.yaml", "label-matching-template.yaml");
  const json* claim = claim_with(plan, "default/team-data");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("capacityType"), "spot");
  const catalog::InstanceTypeInfo& launched =
      instance_type(claim->at("instanceType").get<std::string>());
  ASSERT_TRUE(launched.spot_price_micro_usd_per_hour);
  EXPECT_DOUBLE_EQ(claim->at("pricePerHour").get<double>(),
                   static_cast<double>(*launched.spot_price_micro_usd_per_hour) / 1e6);
}

// --- minValues ------------------------------------------------------------------------------

TEST(PlanMinValues, OptionsKeepAtLeastThreeFamilies) {
  NW_RUN_PLAN(plan, "minvalues-met.yaml");
  const json* claim = claim_with(plan, "default/small");
  ASSERT_TRUE(claim);
  std::set<std::string> families;
  for (const std::string& option : options_of(*claim)) families.insert(family_of(option));
  EXPECT_GE(families.size(), 3u);
  EXPECT_EQ(claim->at("instanceType"), "c5.large");
}

TEST(PlanMinValues, UnmeetableMinValuesLeavesThePodPending) {
  NW_RUN_PLAN(plan, "minvalues-unmet.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/memory-hog");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("minValues"));
  EXPECT_THAT(*reason, HasSubstr("karpenter.k8s.aws/instance-family"));
}

// --- Bad input ------------------------------------------------------------------------------

TEST(PlanBadInput, SelectorNamingAMissingNodePoolIsUnschedulable) {
  NW_RUN_PLAN(plan, "nodepool-missing.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/lost");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("karpenter.sh/nodepool"));
  EXPECT_THAT(*reason, HasSubstr("missing"));
}

TEST(PlanBadInput, NodePoolAdmittingNoTypeIsAWarningNotACrash) {
  NW_RUN_PLAN(plan, "bad-pool-no-types.yaml");
  ASSERT_EQ(plan["warnings"].size(), 1u);
  EXPECT_THAT(plan["warnings"][0].get<std::string>(), HasSubstr("NodePool \"impossible\""));
  EXPECT_THAT(plan_run.err, HasSubstr("impossible"));  // also on stderr
  const json* claim = claim_with(plan, "default/app");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "usable");
  // The pod that insists on the broken pool cannot be placed.
  std::optional<std::string> reason = unschedulable_reason(plan, "default/wants-impossible");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("impossible"));
}

TEST(PlanBadInput, PodBoundToAnUnknownNodeIsIgnoredWithAWarning) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "bad-bound-to-missing-node.yaml");
  ASSERT_EQ(plan["warnings"].size(), 1u);
  EXPECT_THAT(plan["warnings"][0].get<std::string>(), HasSubstr("ip-10-9-9-9.ec2.internal"));
  EXPECT_EQ(plan["summary"]["pendingPods"], 1);
  EXPECT_TRUE(claim_with(plan, "default/app"));
  EXPECT_FALSE(claim_with(plan, "default/ghost"));
}

// --- Determinism ----------------------------------------------------------------------------

TEST(PlanDeterminism, SameInputGivesByteIdenticalOutput) {
  const std::vector<std::vector<std::string_view>> inputs = {
      {"spark-single-az.yaml"},
      {"pool-m5-abc.yaml", "topo-zonal-spread.yaml"},
      {"spark-tainted-pools.yaml"},
      {"pool-m5-abc.yaml", "existing-spread-counts.yaml"},
  };
  for (const std::vector<std::string_view>& files : inputs) {
    PlanRun first = run_plan(files);
    PlanRun second = run_plan(files);
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_FALSE(first.out.empty());
    EXPECT_EQ(first.out, second.out) << files.back();
    EXPECT_EQ(first.err, second.err) << files.back();
  }
}

}  // namespace
}  // namespace nw::plan_test
