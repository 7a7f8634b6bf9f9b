// Host ports: a node holds each host port for one pod, DaemonSet pods included
// (karpenter-core.md §1.8, §6.2 "daemonset hostports").
#include <gtest/gtest.h>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

TEST(PlanHostPorts, PodsOnTheSameHostPortGetSeparateNodes) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "hostports-pods.yaml");
  const json* a = claim_with(plan, "default/web-a");
  const json* b = claim_with(plan, "default/web-b");
  const json* metrics = claim_with(plan, "default/metrics");
  ASSERT_TRUE(a && b && metrics);
  EXPECT_NE(a, b);
  EXPECT_EQ(plan["nodeClaims"].size(), 2u);
  EXPECT_TRUE(metrics == a || metrics == b);
}

TEST(PlanHostPorts, PodClashingWithADaemonSetPortIsUnschedulable) {
  NW_RUN_PLAN(plan, "pool-m5.yaml", "hostports-daemonset.yaml");
  std::optional<std::string> reason = unschedulable_reason(plan, "default/clash");
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("with a DaemonSet on the same host port"), std::string::npos) << *reason;
  EXPECT_TRUE(claim_with(plan, "default/fine"));
}

}  // namespace
}  // namespace nw::plan_test
