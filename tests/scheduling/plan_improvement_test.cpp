// The packing improvement under a NodePool limit: it may only keep an arrangement whose claims,
// each reserving its largest option, stay within the limit.
#include <gtest/gtest.h>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

int64_t reserved_vcpus(const json& plan) {
  int64_t total = 0;
  for (const json& claim : plan["nodeClaims"]) {
    int64_t largest = 0;
    for (const std::string& name : options_of(claim)) {
      largest = std::max(largest, instance_type(name).vcpu);
    }
    total += largest;
  }
  return total;
}

TEST(PlanImprovement, FindsTheCheaperPackingWithinACpuLimit) {
  NW_RUN_PLAN(improved, "improve-under-limit.yaml");
  const PlanRun karpenter = run_plan({"improve-under-limit.yaml"}, {"--karpenter-compatible"});
  ASSERT_EQ(karpenter.exit_code, 0) << karpenter.err;
  EXPECT_LT(improved["summary"]["newNodesCostPerHour"].get<double>(),
            karpenter.plan["summary"]["newNodesCostPerHour"].get<double>());
  EXPECT_EQ(improved["summary"]["unschedulable"], 0);
  // Whatever each claim launches among its options, the pool stays within cpu: 200.
  EXPECT_LE(reserved_vcpus(improved), 200);
}

}  // namespace
}  // namespace nw::plan_test
