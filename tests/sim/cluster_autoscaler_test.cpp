// The Cluster Autoscaler baseline in the simulator: node groups and settings are built here in
// C++ (the scenario decoder is separate), the pods come from small YAML documents, and the run's
// records are checked against times worked out by hand.
//
// Every cloud latency is fixed: the ASG's scaling activity 5 s after SetDesiredCapacity, the
// instance running 10 s after launch, the Node registered 25 s later and Ready 8 s after that;
// pods start 4 s after binding. CA's loop runs at every multiple of the 10 s scan interval, at
// once when a pod becomes unschedulable (where the "all pods new" rule makes it wait: a pod is
// new for 2 s), and again at once after a loop that scaled up or started a deletion.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "cluster_autoscaler/ca_test_util.h"
#include "input/load_helpers.h"
#include "sim/simulation.h"

namespace nw::sim {
namespace {

using cluster_autoscaler::Expander;
using cluster_autoscaler::NodeGroup;
using cluster_autoscaler::testing::group;

// Pods of `cpu` and `memory` named <prefix>-1..n, with optional extra metadata (YAML lines
// indented for `metadata:`).
std::string pods(const std::string& prefix, int n, const std::string& cpu,
                 const std::string& memory, const std::string& metadata = "") {
  std::string text;
  for (int i = 1; i <= n; ++i) {
    text += "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + prefix + "-" + std::to_string(i) +
            "\n" + metadata +
            "spec:\n  containers:\n    - name: main\n      resources: {requests: {cpu: \"" + cpu +
            "\", memory: " + memory + "}}\n---\n";
  }
  return text;
}

struct CaRun {
  input::Inventory inventory;
  Scenario scenario;

  explicit CaRun(const std::string& yaml, SimTime duration = 30 * 60'000) {
    inventory = input::testing::load_ok(yaml);
    scenario.name = "ca";
    scenario.duration = duration;
    scenario.cloud.scaling_activity = {5'000, 5'000};
    scenario.cloud.instance_running = {10'000, 10'000};
    scenario.cloud.node_registered = {25'000, 25'000};
    scenario.cloud.node_ready = {8'000, 8'000};
    scenario.scheduler.pod_startup = {4'000, 4'000};
    Variant variant;
    variant.name = "cluster-autoscaler";
    variant.autoscaler = AutoscalerKind::ClusterAutoscaler;
    scenario.variants = {variant};
  }
  cluster_autoscaler::Settings& settings() { return scenario.variants[0].cluster_autoscaler; }
  void submit(const std::string& pod, SimTime at) {
    WorkloadItem item;
    item.kind = WorkloadItem::Kind::Pod;
    item.at = at;
    item.name = pod;
    scenario.workload.push_back(item);
  }
  VariantResult result() {
    std::stable_sort(scenario.workload.begin(), scenario.workload.end(),
                     [](const WorkloadItem& a, const WorkloadItem& b) { return a.at < b.at; });
    return simulate(scenario, inventory, catalog::Catalog::embedded()).front();
  }
};

std::vector<std::string> groups_launched(const VariantResult& result) {
  std::vector<std::string> out;
  for (const NodeRecord& node : result.nodes) out.push_back(node.node_pool);
  return out;
}

const PodRecord& pod_record(const VariantResult& result, const std::string& name) {
  for (const PodRecord& pod : result.pods)
    if (pod.name == name) return pod;
  throw std::invalid_argument(name);
}

TEST(ClusterAutoscalerSim, ScaleUpPathIsScanThenAsgThenBootThenRegistration) {
  CaRun run(pods("solo", 1, "1", "1Gi"), 10 * 60'000);
  run.inventory.node_groups = {group("general", "m5.xlarge")};
  run.submit("solo-1", 303'000);
  const VariantResult result = run.result();
  EXPECT_EQ(result.autoscaler, AutoscalerKind::ClusterAutoscaler);
  EXPECT_EQ(result.configuration_objects, 1);
  // Unschedulable at 303 s; the loop it triggers finds it new; the 310 s scan sets the desired
  // capacity; the activity launches at 315 s; running 325 s, registered 350 s, Ready 358 s.
  ASSERT_EQ(result.nodes.size(), 1U);
  EXPECT_EQ(result.nodes[0].node_pool, "general");
  EXPECT_EQ(result.nodes[0].instance_type, "m5.xlarge");
  EXPECT_EQ(result.nodes[0].zone, "us-east-1a");
  EXPECT_EQ(result.nodes[0].launched, 315'000);
  EXPECT_EQ(result.nodes[0].ready, 358'000);
  const PodRecord& pod = pod_record(result, "solo-1");
  EXPECT_EQ(pod.bound, 358'000);
  EXPECT_EQ(pod.started, 362'000);
}

TEST(ClusterAutoscalerSim, RunsBesideKarpenterOnTheSameWorkload) {
  CaRun run(pods("solo", 1, "1", "1Gi") + R"(
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge]}
)",
            10 * 60'000);
  run.inventory.node_groups = {group("general", "m5.xlarge"), group("unused", "c5.xlarge")};
  run.scenario.variants[0].node_groups = {"general"};
  Variant karpenter;
  karpenter.name = "karpenter";
  run.scenario.variants.insert(run.scenario.variants.begin(), karpenter);
  run.submit("solo-1", 303'000);
  run.scenario.workload.front().run_time = model::Duration::seconds(60);
  const std::vector<VariantResult> results =
      simulate(run.scenario, run.inventory, catalog::Catalog::embedded());
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].autoscaler, AutoscalerKind::Karpenter);
  EXPECT_EQ(results[0].configuration_objects, 1);  // the NodePool
  EXPECT_EQ(results[0].nodes.at(0).node_pool, "default");
  EXPECT_EQ(results[1].autoscaler, AutoscalerKind::ClusterAutoscaler);
  EXPECT_EQ(results[1].configuration_objects, 1);  // the one node group the variant names
  EXPECT_EQ(results[1].nodes.at(0).node_pool, "general");
  // Karpenter: 1 s batch, then the instance, registration and Ready (10 + 25 + 8 s).
  EXPECT_EQ(pod_record(results[0], "solo-1").bound, 347'000);
  EXPECT_EQ(pod_record(results[1], "solo-1").bound, 358'000);
}

TEST(ClusterAutoscalerSim, AsgSpreadsInstancesOverItsZones) {
  // Four 3-cpu pods need four m5.xlarge nodes (3920m allocatable each).
  CaRun run(pods("big", 4, "3", "1Gi"), 10 * 60'000);
  run.inventory.node_groups = {group("general", "m5.xlarge")};
  for (int i = 1; i <= 4; ++i) run.submit("big-" + std::to_string(i), 303'000);
  const VariantResult result = run.result();
  ASSERT_EQ(result.nodes.size(), 4U);
  std::vector<std::string> zones;
  for (const NodeRecord& node : result.nodes) zones.push_back(node.zone);
  EXPECT_EQ(zones,
            (std::vector<std::string>{"us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"}));
}

// Four pods of 1 cpu / 3 GiB. Allocatable (4 vCPU each): c5.xlarge 3920m / 6584 MiB → 2 pods a
// node; m5.xlarge 3920m / 14162 MiB and r5.xlarge 3920m / 29317 MiB → 3 pods a node (cpu). Each
// group needs 2 nodes. Waste against capacity (memory 7577, 15155, 30310 MiB): cpu (8000 −
// 4000)/8000 = 0.5 for all; memory c5 (15154 − 12288)/15154 = 0.19, m5 (30310 − 12288)/30310 =
// 0.59, r5 (60620 − 12288)/60620 = 0.80.
CaRun three_groups() {
  CaRun run(pods("mem", 4, "1", "3Gi"), 10 * 60'000);
  run.inventory.node_groups = {group("spark-m5", "m5.xlarge"), group("spark-r5", "r5.xlarge"),
                               group("spark-c5", "c5.xlarge")};
  for (int i = 1; i <= 4; ++i) run.submit("mem-" + std::to_string(i), 303'000);
  return run;
}

TEST(ClusterAutoscalerSim, LeastWastePicksTheGroupThatIdlesLeast) {
  CaRun run = three_groups();
  EXPECT_EQ(run.settings().expanders, std::vector<Expander>{Expander::LeastWaste});
  EXPECT_EQ(groups_launched(run.result()), (std::vector<std::string>{"spark-c5", "spark-c5"}));
}

TEST(ClusterAutoscalerSim, PriorityExpanderFollowsTheConfigMap) {
  CaRun run = three_groups();
  run.settings().expanders = {Expander::Priority, Expander::LeastWaste};
  // The highest priority wins even though r5 wastes the most.
  run.settings().priorities = {{10, {"c5"}}, {50, {"r5"}}};
  EXPECT_EQ(groups_launched(run.result()), (std::vector<std::string>{"spark-r5", "spark-r5"}));
  // Groups matching no regex are dropped: only m5 matches, though c5 would waste less.
  run.settings().priorities = {{10, {"-m5$"}}};
  EXPECT_EQ(groups_launched(run.result()), (std::vector<std::string>{"spark-m5", "spark-m5"}));
}

TEST(ClusterAutoscalerSim, MaxNodesTotalIsNeverExceeded) {
  CaRun run(pods("big", 6, "3", "1Gi"), 10 * 60'000);
  run.inventory.node_groups = {group("a", "m5.xlarge"), group("b", "c5.xlarge")};
  run.settings().max_nodes_total = 3;
  for (int i = 1; i <= 6; ++i) run.submit("big-" + std::to_string(i), 303'000);
  const VariantResult result = run.result();
  EXPECT_EQ(result.nodes.size(), 3U);
  int bound = 0;
  for (const PodRecord& pod : result.pods) bound += pod.bound != kNever ? 1 : 0;
  EXPECT_EQ(bound, 3);
  for (const TimelineSample& s : result.timeline) EXPECT_LE(s.nodes_on_demand, 3);
}

TEST(ClusterAutoscalerSim, InsufficientCapacityBacksTheGroupOffAndAnotherTakesOver) {
  CaRun run = three_groups();
  CapacityShortage shortage;
  shortage.instance_type = "c5.xlarge";
  run.scenario.cloud.shortages = {shortage};
  // 310 s: c5 chosen; 315 s: its activity fails (every zone short); the 320 s scan sees the
  // failed activity: c5 backs off and m5, the next least wasteful, is scaled at once.
  const VariantResult result = run.result();
  EXPECT_EQ(groups_launched(result), (std::vector<std::string>{"spark-m5", "spark-m5"}));
  EXPECT_EQ(result.nodes[0].launched, 325'000);
}

TEST(ClusterAutoscalerSim, ProvisionTimeoutBacksOffExponentially) {
  CaRun run(pods("solo", 1, "1", "1Gi"), 25 * 60'000);
  run.inventory.node_groups = {group("general", "m5.xlarge")};
  // 30 s is shorter than activity + boot + registration (40 s): every scale-up times out.
  run.settings().max_node_provision_time = model::Duration::seconds(30);
  run.submit("solo-1", 303'000);
  const VariantResult result = run.result();
  // Scale-up at 310 s, timed out at the 340 s scan: backoff 5 min. Scale-up at 640 s, launched
  // 645 s, timed out at 670 s: backoff 10 min. Scale-up at 1270 s, launched 1275 s, timed out
  // at 1300 s: backoff 20 min, past the end.
  ASSERT_EQ(result.nodes.size(), 3U);
  const SimTime launched[] = {315'000, 645'000, 1'275'000};
  const SimTime deleted[] = {340'000, 670'000, 1'300'000};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(result.nodes[i].launched, launched[i]) << i;
    EXPECT_EQ(result.nodes[i].deleted, deleted[i]) << i;
    EXPECT_EQ(result.nodes[i].deletion_reason, "provision timeout") << i;
    EXPECT_EQ(result.nodes[i].ready, kNever) << i;
  }
}

// Two nodes from the start (desired capacity 2: launched at 0 s, Ready at 43 s); at 60 s two
// executor-like pods (owned by a driver Pod) of 500m each, one on each node (LeastAllocated).
// Each node is 13 % used, below the 50 % threshold.
CaRun executors(const std::string& annotations) {
  CaRun run(pods("exec", 2, "500m", "1Gi",
                 "  ownerReferences: [{apiVersion: v1, kind: Pod, name: driver, uid: d, "
                 "controller: true}]\n" +
                     annotations),
            30 * 60'000);
  run.inventory.node_groups = {group("spark", "m5.xlarge")};
  run.inventory.node_groups[0].desired_capacity = 2;
  run.submit("exec-1", 60'000);
  run.submit("exec-2", 60'000);
  return run;
}

TEST(ClusterAutoscalerSim, SparkPodsBlockScaleDown) {
  const VariantResult result = executors("").result();
  ASSERT_EQ(result.nodes.size(), 2U);
  EXPECT_EQ(result.nodes[0].launched, 0);
  EXPECT_EQ(result.nodes[0].ready, 43'000);
  for (const NodeRecord& node : result.nodes) EXPECT_EQ(node.deleted, kNever) << node.name;
}

TEST(ClusterAutoscalerSim, SafeToEvictLetsAnUnderusedNodeGo) {
  const VariantResult result =
      executors("  annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: \"true\"}\n")
          .result();
  // Both nodes are empty and unneeded at the 50 s scan. From 60 s the first node's pod could
  // move to the second, but not both ways: the first stays unneeded since 50 s and is tainted
  // at the 650 s scan, drained and terminated 5 s later.
  ASSERT_EQ(result.nodes.size(), 2U);
  EXPECT_EQ(result.nodes[0].deleted, 655'000);
  EXPECT_EQ(result.nodes[0].deletion_reason, "scale-down (underutilized)");
  EXPECT_EQ(result.nodes[1].deleted, kNever);
  EXPECT_EQ(pod_record(result, "exec-1").finished, 655'000);  // evicted; a bare pod stays gone
}

// An empty node of group "idle" from the start (unneeded from the 50 s scan); a pod at 300 s
// makes CA scale group "work" up at the 310 s scan.
CaRun scale_up_then_idle() {
  CaRun run(pods("solo", 1, "1", "1Gi"), 20 * 60'000);
  NodeGroup idle = group("idle", "m5.xlarge");
  idle.desired_capacity = 1;
  idle.labels = {{"role", "idle"}};
  NodeGroup work = group("work", "m5.xlarge");
  work.labels = {{"role", "work"}};
  run.inventory.node_groups = {idle, work};
  run.inventory.pods[0].spec.node_selector = {{"role", "work"}};
  run.submit("solo-1", 300'000);
  return run;
}

TEST(ClusterAutoscalerSim, ScaleUpHoldsScaleDownBackGlobally) {
  const VariantResult result = scale_up_then_idle().result();
  ASSERT_EQ(result.nodes.size(), 2U);
  // Unneeded long enough at 650 s, but within 10 min of the 310 s scale-up until 910 s.
  EXPECT_EQ(result.nodes[0].node_pool, "idle");
  EXPECT_EQ(result.nodes[0].deleted, 915'000);
  EXPECT_EQ(result.nodes[0].deletion_reason, "scale-down (empty)");
}

TEST(ClusterAutoscalerSim, LocalDelayOnlyHoldsTheScaledGroup) {
  CaRun run = scale_up_then_idle();
  run.settings().scale_down_delay_type_local = true;
  const VariantResult result = run.result();
  ASSERT_EQ(result.nodes.size(), 2U);
  EXPECT_EQ(result.nodes[0].deleted, 655'000);  // tainted at the 650 s scan
}

}  // namespace
}  // namespace nw::sim
