// Spark-on-Kubernetes shapes from the EMR-on-EKS Karpenter write-ups, through
// `nodewright plan -o json`: a driver on on-demand with 50 spot executors in one zone; dedicated
// tainted compute- and memory-optimized NodePools; a Graviton-first NodePool with a cpu limit
// that bursts to x86.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

using ::testing::HasSubstr;

bool is_executor(const std::string& pod) {
  return pod.find("-exec-") != std::string::npos;
}

TEST(PlanSpark, DriverOnDemandAndFiftyExecutorsOnSpotInOneZone) {
  NW_RUN_PLAN(plan, "spark-single-az.yaml");
  EXPECT_EQ(plan["summary"]["pendingPods"], 51);
  EXPECT_EQ(plan["summary"]["scheduledOnNew"], 51);
  EXPECT_TRUE(plan["unschedulable"].empty());

  const json* driver = claim_with(plan, "spark/spark-pi-driver");
  ASSERT_TRUE(driver);
  EXPECT_EQ(driver->at("capacityType"), "on-demand");
  EXPECT_EQ(driver->at("zone"), "us-east-1b");

  size_t executors = 0;
  for (const json& claim : plan["nodeClaims"]) {
    bool has_executor = false, has_driver = false;
    for (const json& pod : claim["pods"]) {
      if (is_executor(pod.get<std::string>())) {
        has_executor = true;
        ++executors;
      } else {
        has_driver = true;
      }
    }
    EXPECT_FALSE(has_executor && has_driver) << "driver and executors share a node";
    if (!has_executor) continue;
    EXPECT_EQ(claim["capacityType"], "spot");
    EXPECT_EQ(claim["zone"], "us-east-1b");
    EXPECT_EQ(claim["nodePool"], "spark");
    // Every executor node keeps room for all of its executors: 4 vCPU / 15 GiB each.
    const catalog::InstanceTypeInfo& type = instance_type(claim["instanceType"].get<std::string>());
    EXPECT_GE(type.vcpu, 4 * static_cast<int64_t>(claim["pods"].size()));
    EXPECT_GE(type.memory_mib, 15 * 1024 * static_cast<int64_t>(claim["pods"].size()));
    for (const std::string& option : options_of(claim)) {
      EXPECT_THAT((std::vector<std::string>{"c5d", "m5d", "r5d"}),
                  ::testing::Contains(family_of(option)));
    }
  }
  EXPECT_EQ(executors, 50u);
}

TEST(PlanSpark, TaintedPoolsOnlyTakeToleratingPods) {
  NW_RUN_PLAN(plan, "spark-tainted-pools.yaml");
  for (int i = 1; i <= 4; ++i) {
    const json* claim = claim_with(plan, "spark/etl-exec-" + std::to_string(i));
    ASSERT_TRUE(claim) << i;
    EXPECT_EQ(claim->at("nodePool"), "spark-compute-optimized");
    EXPECT_EQ(family_of(claim->at("instanceType").get<std::string>()), "c5d");
  }
  for (int i = 1; i <= 3; ++i) {
    const json* claim = claim_with(plan, "spark/cache-exec-" + std::to_string(i));
    ASSERT_TRUE(claim) << i;
    EXPECT_EQ(claim->at("nodePool"), "spark-memory-optimized");
    EXPECT_EQ(family_of(claim->at("instanceType").get<std::string>()), "r5d");
  }
  // A pod without tolerations never lands on a tainted pool.
  const json* web = claim_with(plan, "default/web");
  ASSERT_TRUE(web);
  EXPECT_EQ(web->at("nodePool"), "general");
  // No claim of a tainted pool holds a pod that does not tolerate its taint.
  for (const json& claim : plan["nodeClaims"]) {
    std::string pool = claim["nodePool"].get<std::string>();
    for (const json& pod : claim["pods"]) {
      std::string name = pod.get<std::string>();
      if (pool == "spark-compute-optimized") {
        EXPECT_THAT(name, HasSubstr("etl-exec-"));
      } else if (pool == "spark-memory-optimized") {
        EXPECT_THAT(name, HasSubstr("cache-exec-"));
      }
    }
  }
  // Selecting the pool's label without tolerating its taint is not enough.
  std::optional<std::string> reason = unschedulable_reason(plan, "spark/tolerates-nothing");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("taint spark-compute-optimized=true:NoSchedule is not tolerated"));
  // Tolerating the other pool's taint is not enough either.
  reason = unschedulable_reason(plan, "spark/wrong-toleration");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("taint spark-memory-optimized=true:NoSchedule is not tolerated"));
  EXPECT_EQ(plan["unschedulable"].size(), 2u);
}

TEST(PlanSpark, GravitonFirstPoolBurstsToX86AtItsCpuLimit) {
  NW_RUN_PLAN(plan, "spark-graviton-first.yaml");
  EXPECT_TRUE(plan["unschedulable"].empty());
  EXPECT_EQ(scheduled_pods(plan), 20u);

  std::vector<json> graviton = claims_of_pool(plan, "graviton");
  std::vector<json> x86 = claims_of_pool(plan, "x86");
  ASSERT_FALSE(graviton.empty()) << "the weight-10 pool is tried first";
  ASSERT_FALSE(x86.empty()) << "the limit must push the rest to x86";
  EXPECT_EQ(graviton.size() + x86.size(), plan["nodeClaims"].size());

  // Whatever the launch picks among each claim's options, the Graviton pool stays within 32 vCPU.
  int64_t worst_case = 0, launched = 0;
  size_t graviton_pods = 0;
  for (const json& claim : graviton) {
    int64_t largest = 0;
    for (const std::string& option : options_of(claim)) {
      EXPECT_EQ(instance_type(option).arch, "arm64") << option;
      largest = std::max(largest, instance_type(option).vcpu);
    }
    worst_case += largest;
    launched += instance_type(claim["instanceType"].get<std::string>()).vcpu;
    graviton_pods += claim["pods"].size();
  }
  EXPECT_LE(worst_case, 32);
  EXPECT_LE(launched, 32);
  // A 32 vCPU Graviton node holds seven 4 vCPU executors (31850m allocatable).
  EXPECT_EQ(graviton_pods, 7u);
  for (const json& claim : x86) {
    for (const std::string& option : options_of(claim)) {
      EXPECT_EQ(instance_type(option).arch, "amd64") << option;
    }
  }
}

}  // namespace
}  // namespace nw::plan_test
