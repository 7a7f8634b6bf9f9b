// Scheduling-constraint scenarios through `nodewright plan -o json` (karpenter-core.md §6.3):
// custom labels, the operator truth table on undefined keys, well-known labels with In, NotIn,
// Gt and Lt, required node affinity with several terms, and preferred node affinity. All run
// against tests/fixtures/plan/pool-general.yaml: c/m/r generation 5+, amd64 or arm64, spot or
// on-demand, zones us-east-1a..c, template label team: data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kPool = "pool-general.yaml";

// --- Custom labels --------------------------------------------------------------------------

TEST(PlanLabels, UndefinedCustomKeyIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "label-undefined-custom.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/undefined-key");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("\"owner\""));
}

TEST(PlanLabels, SelectorMatchingTemplateLabelSchedules) {
  NW_RUN_PLAN(plan, kPool, "label-matching-template.yaml");
  const json* claim = claim_with(plan, "default/team-data");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "general");
}

TEST(PlanLabels, SelectorConflictingWithTemplateLabelIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "label-conflicting-template.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/team-web");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("team"));
}

// --- Operators on a key no NodePool defines -------------------------------------------------

TEST(PlanOperators, NotInOnUndefinedKeySchedules) {
  NW_RUN_PLAN(plan, kPool, "op-notin-undefined.yaml");
  EXPECT_TRUE(claim_with(plan, "default/notin-undefined"));
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanOperators, DoesNotExistOnUndefinedKeySchedules) {
  NW_RUN_PLAN(plan, kPool, "op-doesnotexist-undefined.yaml");
  EXPECT_TRUE(claim_with(plan, "default/dne-undefined"));
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanOperators, ExistsOnUndefinedKeyIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "op-exists-undefined.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/exists-undefined");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("\"owner\""));
}

// --- Well-known labels ----------------------------------------------------------------------

TEST(PlanWellKnownLabels, InstanceCpuGt) {
  NW_RUN_PLAN(plan, kPool, "wk-cpu-gt.yaml");
  const json* claim = claim_with(plan, "default/cpu-gt");
  ASSERT_TRUE(claim);
  EXPECT_GT(instance_type(claim->at("instanceType").get<std::string>()).vcpu, 8);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_GT(instance_type(option).vcpu, 8) << option;
  }
}

TEST(PlanWellKnownLabels, InstanceCpuLt) {
  NW_RUN_PLAN(plan, kPool, "wk-cpu-lt.yaml");
  const json* claim = claim_with(plan, "default/cpu-lt");
  ASSERT_TRUE(claim);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_LT(instance_type(option).vcpu, 4) << option;
  }
}

TEST(PlanWellKnownLabels, InstanceGenerationGt) {
  NW_RUN_PLAN(plan, kPool, "wk-generation-gt.yaml");
  const json* claim = claim_with(plan, "default/gen-gt");
  ASSERT_TRUE(claim);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_GT(instance_type(option).generation, 6) << option;
  }
}

TEST(PlanWellKnownLabels, FamilyNotIn) {
  NW_RUN_PLAN(plan, kPool, "wk-family-notin.yaml");
  const json* claim = claim_with(plan, "default/family-notin");
  ASSERT_TRUE(claim);
  const std::set<std::string> excluded = {"c6g", "c7g", "c6a", "c5a", "c6i"};
  for (const std::string& option : options_of(*claim)) {
    EXPECT_FALSE(excluded.contains(family_of(option))) << option;
    EXPECT_EQ(instance_type(option).category, "c") << option;
  }
}

TEST(PlanWellKnownLabels, ArchArm64GivesAGravitonNode) {
  NW_RUN_PLAN(plan, kPool, "wk-arch-arm64.yaml");
  const json* claim = claim_with(plan, "default/arm");
  ASSERT_TRUE(claim);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_EQ(instance_type(option).arch, "arm64") << option;
  }
}

TEST(PlanWellKnownLabels, ZoneSelectorPinsTheZone) {
  NW_RUN_PLAN(plan, kPool, "wk-zone.yaml");
  const json* claim = claim_with(plan, "default/zoned");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1c");
}

TEST(PlanWellKnownLabels, ZoneOutsideThePoolIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "wk-zone-outside-pool.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/zoned-out");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("topology.kubernetes.io/zone"));
}

TEST(PlanWellKnownLabels, UnknownZoneIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "wk-zone-unknown.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/zoned-nowhere");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("us-west-2a"));
}

TEST(PlanWellKnownLabels, CapacityTypeOnDemand) {
  NW_RUN_PLAN(plan, kPool, "wk-capacity-on-demand.yaml");
  const json* claim = claim_with(plan, "default/od");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("capacityType"), "on-demand");
}

TEST(PlanWellKnownLabels, HostnameSelectorIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "wk-hostname.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/pinned-host");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("kubernetes.io/hostname"));
}

TEST(PlanWellKnownLabels, InstanceTypeSelector) {
  NW_RUN_PLAN(plan, kPool, "wk-instance-type.yaml");
  const json* claim = claim_with(plan, "default/exact-type");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("instanceType"), "r6i.2xlarge");
  EXPECT_EQ(options_of(*claim), std::vector<std::string>{"r6i.2xlarge"});
}

// --- Required node affinity -----------------------------------------------------------------

TEST(PlanNodeAffinity, SecondRequiredTermIsUsedWhenTheFirstFails) {
  NW_RUN_PLAN(plan, kPool, "affinity-required-second-term.yaml");
  const json* claim = claim_with(plan, "default/two-terms");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1b");
}

TEST(PlanNodeAffinity, LastRequiredTermIsNeverRelaxed) {
  NW_RUN_PLAN(plan, kPool, "affinity-required-no-term.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/no-term");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("topology.kubernetes.io/zone"));
}

// --- Preferred node affinity ----------------------------------------------------------------

TEST(PlanNodeAffinity, PreferenceIsHonouredWhenPossible) {
  NW_RUN_PLAN(plan, kPool, "affinity-preferred-honoured.yaml");
  const json* claim = claim_with(plan, "default/prefers-b");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1b");  // without it the zone would be us-east-1a
}

TEST(PlanNodeAffinity, UnsatisfiablePreferenceIsRelaxed) {
  NW_RUN_PLAN(plan, kPool, "affinity-preferred-relaxed.yaml");
  const json* claim = claim_with(plan, "default/prefers-e");
  ASSERT_TRUE(claim);
  EXPECT_NE(claim->at("zone"), "us-east-1e");
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanNodeAffinity, LighterPreferenceUsedWhenHeaviestFails) {
  NW_RUN_PLAN(plan, kPool, "affinity-preferred-lighter.yaml");
  const json* claim = claim_with(plan, "default/prefers-two");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1c");
}

TEST(PlanNodeAffinity, RequirementWinsOverConflictingPreference) {
  NW_RUN_PLAN(plan, kPool, "affinity-preferred-vs-required.yaml");
  const json* claim = claim_with(plan, "default/req-and-pref");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1a");
}

TEST(PlanNodeAffinity, PreferenceSteersTheInstanceChoice) {
  NW_RUN_PLAN(plan, kPool, "affinity-preferred-arch.yaml");
  const json* claim = claim_with(plan, "default/prefers-x86");
  ASSERT_TRUE(claim);
  for (const std::string& option : options_of(*claim)) {
    EXPECT_EQ(instance_type(option).arch, "amd64") << option;
  }
}

}  // namespace
}  // namespace nw::plan_test
