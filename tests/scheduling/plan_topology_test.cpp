// Topology and existing-node scenarios through `nodewright plan -o json` (karpenter-core.md §1.10,
// §6.3 "Existing nodes", §6.4): zonal, hostname and capacity-type spread, pod affinity and
// anti-affinity (own, inverse, against running pods), minDomains, ScheduleAnyway relaxation, and
// existing capacity used before new nodes. Most scenarios use pool-m5-abc.yaml (m5 in
// us-east-1a..c).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "scheduling/plan_runner.h"

namespace nw::plan_test {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kPool = "pool-m5-abc.yaml";

// Pods per zone over the new claims.
std::map<std::string, size_t> pods_per_zone(const json& plan) {
  std::map<std::string, size_t> zones;
  for (const json& claim : plan["nodeClaims"]) {
    zones[claim["zone"].get<std::string>()] += claim["pods"].size();
  }
  return zones;
}

// --- Spread ---------------------------------------------------------------------------------

TEST(PlanTopology, ZonalSpreadBalancesAcrossThreeZones) {
  NW_RUN_PLAN(plan, kPool, "topo-zonal-spread.yaml");
  EXPECT_EQ(pods_per_zone(plan), (std::map<std::string, size_t>{
                                     {"us-east-1a", 2}, {"us-east-1b", 2}, {"us-east-1c", 2}}));
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanTopology, ZonalSpreadLimitedByRequiredNodeAffinity) {
  NW_RUN_PLAN(plan, kPool, "topo-zonal-spread-affinity.yaml");
  EXPECT_EQ(pods_per_zone(plan),
            (std::map<std::string, size_t>{{"us-east-1a", 2}, {"us-east-1b", 2}}));
}

TEST(PlanTopology, HostnameSpreadPutsOnePodPerNode) {
  NW_RUN_PLAN(plan, kPool, "topo-hostname-spread.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 4u);
  for (const json& claim : plan["nodeClaims"]) EXPECT_EQ(claim["pods"].size(), 1u);
}

TEST(PlanTopology, HostnameSpreadMaxSkewTwoPutsTwoPerNode) {
  NW_RUN_PLAN(plan, kPool, "topo-hostname-spread-skew2.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 3u);
  for (const json& claim : plan["nodeClaims"]) EXPECT_EQ(claim["pods"].size(), 2u);
}

TEST(PlanTopology, CapacityTypeSpreadBalancesSpotAndOnDemand) {
  NW_RUN_PLAN(plan, kPool, "topo-capacity-type-spread.yaml");
  std::map<std::string, size_t> per_type;
  for (const json& claim : plan["nodeClaims"]) {
    per_type[claim["capacityType"].get<std::string>()] += claim["pods"].size();
  }
  EXPECT_EQ(per_type, (std::map<std::string, size_t>{{"on-demand", 2}, {"spot", 2}}));
}

TEST(PlanTopology, MinDomainsAboveTheAvailableZonesLimitsEachZone) {
  NW_RUN_PLAN(plan, kPool, "topo-min-domains.yaml");
  // Two zones allowed, minDomains 3: the global minimum is 0, so one pod per zone.
  EXPECT_EQ(pods_per_zone(plan),
            (std::map<std::string, size_t>{{"us-east-1a", 1}, {"us-east-1b", 1}}));
  ASSERT_EQ(plan["unschedulable"].size(), 2u);
  for (const json& entry : plan["unschedulable"]) {
    EXPECT_THAT(entry["reason"].get<std::string>(), HasSubstr("topology spread"));
  }
}

TEST(PlanTopology, DoNotScheduleSpreadIsNeverViolated) {
  NW_RUN_PLAN(plan, "topo-spread-donotschedule.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  EXPECT_TRUE(plan["existingNodes"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/w-1");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("topology spread on topology.kubernetes.io/zone"));
}

TEST(PlanTopology, ScheduleAnywaySpreadIsRelaxed) {
  NW_RUN_PLAN(plan, "topo-spread-scheduleanyway.yaml");
  const json* claim = claim_with(plan, "default/w-1");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1a");
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanTopology, NodeTaintsPolicyHonorIgnoresUntoleratedDomains) {
  NW_RUN_PLAN(plan, "topo-node-taints-policy.yaml");
  std::map<std::string, size_t> honor, ignore;
  for (const json& claim : plan["nodeClaims"]) {
    EXPECT_EQ(claim["nodePool"], "open");
    for (const json& pod : claim["pods"]) {
      std::string name = pod.get<std::string>();
      (name.starts_with("default/honor-") ? honor : ignore)[claim["zone"].get<std::string>()]++;
    }
  }
  // Honor: us-east-1c is reachable only through a taint the pods do not tolerate.
  EXPECT_EQ(honor, (std::map<std::string, size_t>{{"us-east-1a", 2}, {"us-east-1b", 2}}));
  // Ignore: the empty us-east-1c domain keeps the minimum at 0.
  EXPECT_EQ(ignore, (std::map<std::string, size_t>{{"us-east-1a", 1}, {"us-east-1b", 1}}));
  ASSERT_EQ(plan["unschedulable"].size(), 2u);
  for (const json& entry : plan["unschedulable"]) {
    EXPECT_THAT(entry["pod"].get<std::string>(), HasSubstr("default/ignore-"));
    EXPECT_THAT(entry["reason"].get<std::string>(), HasSubstr("topology spread"));
  }
}

TEST(PlanTopology, NodeTaintsPolicyHonorIgnoresPodsOnUntoleratedNodes) {
  NW_RUN_PLAN(plan, "topo-honor-ignores-untolerated-pods.yaml");
  const json* special = claim_with(plan, "default/special");
  ASSERT_TRUE(special);
  EXPECT_EQ(special->at("nodePool"), "tainted-c");
  std::map<std::string, size_t> web;
  for (const json& claim : plan["nodeClaims"]) {
    for (const json& pod : claim["pods"]) {
      if (pod.get<std::string>().starts_with("default/web-")) {
        web[claim["zone"].get<std::string>()]++;
      }
    }
  }
  // The special pod in us-east-1c sits on a node the web pods do not tolerate: not counted.
  EXPECT_EQ(web, (std::map<std::string, size_t>{{"us-east-1a", 3}, {"us-east-1b", 3}}));
  EXPECT_TRUE(plan["unschedulable"].empty()) << plan["unschedulable"].dump();
}

TEST(PlanTopology, ExistingNodeTakesItsShareOfTheSpread) {
  NW_RUN_PLAN(plan, kPool, "existing-spread-with-room.yaml");
  ASSERT_TRUE(existing_node_with(plan, "default/w-1") || existing_node_with(plan, "default/w-2") ||
              existing_node_with(plan, "default/w-3") || existing_node_with(plan, "default/w-4") ||
              existing_node_with(plan, "default/w-5"));
  EXPECT_EQ(plan["summary"]["scheduledOnExisting"], 1);  // us-east-1a: 1 running + 1
  EXPECT_EQ(pods_per_zone(plan),
            (std::map<std::string, size_t>{{"us-east-1b", 2}, {"us-east-1c", 2}}));
}

// --- Pod affinity and anti-affinity ---------------------------------------------------------

TEST(PlanTopology, HostnameAntiAffinityGivesEachPodItsOwnNode) {
  NW_RUN_PLAN(plan, kPool, "topo-hostname-anti-affinity.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 3u);
  for (const json& claim : plan["nodeClaims"]) EXPECT_EQ(claim["pods"].size(), 1u);
}

TEST(PlanTopology, PreferredAntiAffinityHonouredWhenPossible) {
  NW_RUN_PLAN(plan, kPool, "topo-preferred-anti-affinity.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 3u);
  for (const json& claim : plan["nodeClaims"]) EXPECT_EQ(claim["pods"].size(), 1u);
}

TEST(PlanTopology, PreferredAntiAffinityViolatedWhenItCannotBeMet) {
  NW_RUN_PLAN(plan, "topo-preferred-anti-affinity-violated.yaml");
  ASSERT_EQ(plan["nodeClaims"].size(), 1u);  // nodes limit 1
  EXPECT_EQ(plan["nodeClaims"][0]["pods"].size(), 3u);
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanTopology, PreferredAffinityToMissingPodsIsRelaxed) {
  NW_RUN_PLAN(plan, kPool, "topo-preferred-affinity-relaxed.yaml");
  EXPECT_TRUE(claim_with(plan, "default/c"));
  EXPECT_TRUE(plan["unschedulable"].empty());
}

TEST(PlanTopology, AntiAffinityOfABatchPeerRepelsThePodsItSelects) {
  NW_RUN_PLAN(plan, kPool, "topo-inverse-anti-affinity-batch.yaml");
  const json* a = claim_with(plan, "default/a");
  const json* b = claim_with(plan, "default/b");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a, b);
}

TEST(PlanTopology, ZonalSelfAffinityKeepsPodsInOneZone) {
  NW_RUN_PLAN(plan, kPool, "topo-zonal-self-affinity.yaml");
  EXPECT_GE(plan["nodeClaims"].size(), 2u);  // 3 × 40 vCPU do not fit one m5
  EXPECT_EQ(pods_per_zone(plan).size(), 1u);
  EXPECT_EQ(scheduled_pods(plan), 3u);
}

TEST(PlanTopology, ZonalAntiAffinityAvoidsThePinnedPeersZone) {
  NW_RUN_PLAN(plan, kPool, "topo-zonal-anti-affinity.yaml");
  const json* pinned = claim_with(plan, "default/z-1");
  const json* other = claim_with(plan, "default/z2-1");
  ASSERT_TRUE(pinned && other);
  EXPECT_EQ(pinned->at("zone"), "us-east-1a");
  EXPECT_NE(other->at("zone"), "us-east-1a");
}

TEST(PlanTopology, ZonalAntiAffinityWithUndecidedZoneWaitsForTheNextRound) {
  NW_RUN_PLAN(plan, kPool, "topo-zonal-anti-affinity-batch.yaml");
  EXPECT_EQ(plan["nodeClaims"].size(), 1u);
  EXPECT_TRUE(claim_with(plan, "default/s-1"));
  std::optional<std::string> reason = unschedulable_reason(plan, "default/s-2");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("anti-affinity"));
}

TEST(PlanTopology, AffinityToPodsThatDoNotExistIsUnschedulable) {
  NW_RUN_PLAN(plan, kPool, "topo-affinity-missing.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  std::optional<std::string> reason = unschedulable_reason(plan, "default/client");
  ASSERT_TRUE(reason);
  EXPECT_THAT(*reason, HasSubstr("pod affinity"));
}

TEST(PlanTopology, AffinityToARunningPodFollowsItsZone) {
  NW_RUN_PLAN(plan, kPool, "existing-pod-affinity.yaml");
  const json* claim = claim_with(plan, "default/client");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("zone"), "us-east-1b");
}

TEST(PlanTopology, InverseAntiAffinityOfARunningPodIsRespected) {
  NW_RUN_PLAN(plan, kPool, "existing-inverse-anti-affinity.yaml");
  // The existing node in us-east-1a has room, but the running pod there repels app: web.
  EXPECT_TRUE(plan["existingNodes"].empty());
  const json* claim = claim_with(plan, "default/web");
  ASSERT_TRUE(claim);
  EXPECT_NE(claim->at("zone"), "us-east-1a");
}

TEST(PlanTopology, HostnameAntiAffinityAgainstARunningPod) {
  NW_RUN_PLAN(plan, kPool, "existing-hostname-anti-affinity.yaml");
  EXPECT_TRUE(plan["existingNodes"].empty());
  EXPECT_TRUE(claim_with(plan, "default/db-1"));
}

TEST(PlanTopology, RunningPodsCountForZonalSpread) {
  NW_RUN_PLAN(plan, kPool, "existing-spread-counts.yaml");
  EXPECT_EQ(pods_per_zone(plan),
            (std::map<std::string, size_t>{{"us-east-1b", 2}, {"us-east-1c", 2}}));
}

// --- Existing nodes -------------------------------------------------------------------------

TEST(PlanExistingNodes, UsedBeforeLaunchingNewNodes) {
  NW_RUN_PLAN(plan, kPool, "existing-used-first.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  EXPECT_EQ(existing_node_with(plan, "default/p1"), "ip-10-0-1-1.ec2.internal");
  EXPECT_EQ(existing_node_with(plan, "default/p2"), "ip-10-0-1-1.ec2.internal");
  EXPECT_EQ(plan["summary"]["scheduledOnExisting"], 2);
}

TEST(PlanExistingNodes, NodeWithoutTheRequiredCustomLabelIsNotUsed) {
  NW_RUN_PLAN(plan, "existing-custom-label.yaml");
  EXPECT_EQ(existing_node_with(plan, "default/anything"), "plain-node");
  EXPECT_FALSE(existing_node_with(plan, "default/needs-team"));
  const json* claim = claim_with(plan, "default/needs-team");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("nodePool"), "labelled");
}

TEST(PlanExistingNodes, CordonedNodeIsNotUsed) {
  NW_RUN_PLAN(plan, kPool, "existing-cordoned.yaml");
  EXPECT_TRUE(plan["existingNodes"].empty());
  EXPECT_TRUE(claim_with(plan, "default/p1"));
}

TEST(PlanExistingNodes, FullNodeTakesOnlyWhatFits) {
  NW_RUN_PLAN(plan, kPool, "existing-full.yaml");
  EXPECT_EQ(existing_node_with(plan, "default/small"), "ip-10-0-1-1.ec2.internal");
  EXPECT_FALSE(existing_node_with(plan, "default/big"));
  EXPECT_TRUE(claim_with(plan, "default/big"));
}

TEST(PlanExistingNodes, UntoleratedNodeTaintSendsThePodToANewNode) {
  NW_RUN_PLAN(plan, kPool, "existing-tainted.yaml");
  EXPECT_TRUE(plan["existingNodes"].empty());
  EXPECT_TRUE(claim_with(plan, "default/p1"));
}

TEST(PlanExistingNodes, DaemonSetStillToComeReservesItsShare) {
  NW_RUN_PLAN(plan, kPool, "existing-daemonset-pending.yaml");
  EXPECT_TRUE(plan["existingNodes"].empty());
  const json* claim = claim_with(plan, "default/p1");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->at("requests")["cpu"], "2");  // the new node runs the DaemonSet too
}

TEST(PlanExistingNodes, UninitializedNodeWithStartupTaintIsInFlightCapacity) {
  NW_RUN_PLAN(plan, kPool, "existing-uninitialized.yaml");
  EXPECT_TRUE(plan["nodeClaims"].empty());
  EXPECT_EQ(existing_node_with(plan, "default/p1"), "ip-10-0-1-1.ec2.internal");
}

}  // namespace
}  // namespace nw::plan_test
