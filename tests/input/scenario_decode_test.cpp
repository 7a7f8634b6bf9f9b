// Decoding valid Scenarios (nodewright.io/v1alpha1) and the workload kinds they refer to
// (Deployment apps/v1, Job batch/v1): every default, every field, latencies fixed and ranged,
// exact probabilities, the stable order of workload items, arrivals and variants, and the
// references to other objects that a valid input satisfies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input/load_helpers.h"
#include "input/loader.h"
#include "model/workload.h"
#include "sim/scenario.h"
#include "workloads/spark.h"

namespace nw::input {
namespace {

using model::Duration;
using testing::load_ok;

const std::string kPool = R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: spark-compute-optimized}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
)";

const std::string kOtherPool = R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: general}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
)";

const std::string kWebPod = R"(apiVersion: v1
kind: Pod
metadata: {name: web-0}
spec:
  containers: [{name: c, resources: {requests: {cpu: 1}}}]
)";

const std::string kWebDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, resources: {requests: {cpu: 500m}}}]
)";

const std::string kEtlJob = R"(apiVersion: batch/v1
kind: Job
metadata:
  name: etl
  annotations: {nodewright.io/run-time: 15m}
spec:
  template:
    spec:
      containers: [{name: c, resources: {requests: {cpu: 2}}}]
)";

std::string scenario_with(const std::string& spec) {
  return "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n" + spec;
}

sim::Scenario only_scenario(const Inventory& inventory) {
  EXPECT_EQ(inventory.scenarios.size(), 1u);
  return inventory.scenarios.empty() ? sim::Scenario{} : inventory.scenarios[0];
}

// ---- Scenario -------------------------------------------------------------------------------

TEST(ScenarioDecodeTest, AppliesEveryDefault) {
  Inventory inv = load_ok(scenario_with("  duration: 2h\n"));
  sim::Scenario s = only_scenario(inv);
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(s.region, "us-east-1");
  EXPECT_TRUE(s.zones.empty());
  EXPECT_EQ(s.duration, 7'200'000);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.sample_interval, Duration::seconds(10));
  EXPECT_EQ(s.cloud.instance_running, (sim::Latency{8'000, 12'000}));
  EXPECT_EQ(s.cloud.node_registered, (sim::Latency{22'000, 28'000}));
  EXPECT_EQ(s.cloud.node_ready, (sim::Latency{6'000, 10'000}));
  EXPECT_EQ(s.cloud.instance_terminated, (sim::Latency{0, 0}));
  EXPECT_EQ(s.cloud.insufficient_capacity_ppm, 0);
  EXPECT_TRUE(s.cloud.shortages.empty());
  EXPECT_EQ(s.cloud.minimum_billed_ms, 60'000);
  EXPECT_EQ(s.scheduler.scoring, sim::ScoringStrategy::LeastAllocated);
  EXPECT_EQ(s.scheduler.pod_startup, (sim::Latency{3'000, 5'000}));
  EXPECT_TRUE(s.workload.empty());
  EXPECT_TRUE(s.arrivals.empty());
  ASSERT_EQ(s.variants.size(), 1u);
  EXPECT_EQ(s.variants[0].name, "karpenter");
  EXPECT_TRUE(s.variants[0].node_pools.empty());
  EXPECT_EQ(s.variants[0].karpenter.batch_idle, Duration::seconds(1));
  EXPECT_EQ(s.variants[0].karpenter.batch_max, Duration::seconds(10));
  EXPECT_TRUE(s.variants[0].karpenter.improve_packing);
  EXPECT_EQ(inv.objects_by_kind.at("Scenario"), 1);
  EXPECT_TRUE(inv.warnings.empty());
}

TEST(ScenarioDecodeTest, ReadsEveryField) {
  Inventory inv = load_ok(kPool + "---\n" + kOtherPool + "---\n" + kWebPod + "---\n" +
                          kWebDeployment + "---\n" + kEtlJob + "---\n" + scenario_with(R"(
  region: us-west-2
  zones: [us-west-2b, us-west-2a]
  duration: 1h30m
  seed: 42
  sampleInterval: 5s
  cloud:
    instanceRunning: 10s
    nodeRegistered: {min: 20s, max: 30s}
    nodeReady: 8s
    instanceTerminated: 0s
    insufficientCapacityProbability: 0.05
    insufficientCapacity:
      - {instanceType: c5d.4xlarge, zone: us-west-2a, capacityType: spot, from: 10m, to: 30m}
      - {capacityType: on-demand}
      - {}
    minimumBilledDuration: 0s
  scheduler:
    scoringStrategy: MostAllocated
    podStartup: {min: 1s, max: 2s}
  workload:
    - {at: 0s, pod: web-0, runTime: 10m}
    - {at: 30s, deployment: web, namespace: default}
    - {at: 1m, job: etl}
    - at: 2m
      spark:
        name: pi
        namespace: spark
        language: Python
        conf: {spark.executor.instances: 20, spark.executor.memory: 4g, spark.dynamicAllocation.enabled: false}
        stages:
          - {tasks: 100, taskDuration: 30s}
          - {coreSeconds: 6000}
  arrivals:
    - start: 5m
      meanInterval: 86s
      count: 1000
      spark:
        name: etl
        stages: [{tasks: 7, coreSeconds: 10}]
  variants:
    - name: karpenter
      nodePools: [spark-compute-optimized]
    - name: wide
      nodePools: [spark-compute-optimized, general]
      karpenter: {batchIdleDuration: 2s, batchMaxDuration: 20s, improvePacking: false}
)"));
  sim::Scenario s = only_scenario(inv);
  EXPECT_EQ(s.region, "us-west-2");
  EXPECT_EQ(s.zones, (std::vector<std::string>{"us-west-2b", "us-west-2a"}));
  EXPECT_EQ(s.duration, 5'400'000);
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.sample_interval, Duration::seconds(5));

  sim::CloudModel cloud;
  cloud.instance_running = {10'000, 10'000};
  cloud.node_registered = {20'000, 30'000};
  cloud.node_ready = {8'000, 8'000};
  cloud.instance_terminated = {0, 0};
  cloud.insufficient_capacity_ppm = 50'000;
  cloud.shortages = {
      {"c5d.4xlarge", "us-west-2a", catalog::CapacityType::Spot, 600'000, 1'800'000},
      {"", "", catalog::CapacityType::OnDemand, 0, sim::kForever},
      {"", "", std::nullopt, 0, sim::kForever},
  };
  cloud.minimum_billed_ms = 0;
  EXPECT_EQ(s.cloud, cloud);
  EXPECT_EQ(s.scheduler.scoring, sim::ScoringStrategy::MostAllocated);
  EXPECT_EQ(s.scheduler.pod_startup, (sim::Latency{1'000, 2'000}));

  ASSERT_EQ(s.workload.size(), 4u);
  using Kind = sim::WorkloadItem::Kind;
  EXPECT_EQ(s.workload[0].kind, Kind::Pod);
  EXPECT_EQ(s.workload[0].at, 0);
  EXPECT_EQ(s.workload[0].name, "web-0");
  EXPECT_EQ(s.workload[0].namespace_, "default");
  EXPECT_EQ(s.workload[0].run_time, Duration{600'000});
  EXPECT_EQ(s.workload[1].kind, Kind::Deployment);
  EXPECT_EQ(s.workload[1].at, 30'000);
  EXPECT_EQ(s.workload[1].name, "web");
  EXPECT_EQ(s.workload[1].namespace_, "default");
  EXPECT_EQ(s.workload[1].run_time, std::nullopt);
  EXPECT_EQ(s.workload[2].kind, Kind::Job);
  EXPECT_EQ(s.workload[2].at, 60'000);
  EXPECT_EQ(s.workload[2].name, "etl");
  EXPECT_EQ(s.workload[2].run_time, std::nullopt);  // from the Job's annotation
  EXPECT_EQ(s.workload[3].kind, Kind::Spark);
  EXPECT_EQ(s.workload[3].at, 120'000);
  EXPECT_TRUE(s.workload[3].name.empty());
  ASSERT_TRUE(s.workload[3].spark.has_value());
  workloads::SparkApplication pi;
  pi.name = "pi";
  pi.namespace_ = "spark";
  pi.language = workloads::SparkLanguage::Python;
  // Numbers and booleans are kept as written, sorted by key.
  pi.conf = {{"spark.dynamicAllocation.enabled", "false"},
             {"spark.executor.instances", "20"},
             {"spark.executor.memory", "4g"}};
  // coreSeconds 6000 over the default 200 tasks: 30 s each.
  pi.stages = {{100, Duration::seconds(30)}, {200, Duration::seconds(30)}};
  EXPECT_EQ(*s.workload[3].spark, pi);

  ASSERT_EQ(s.arrivals.size(), 1u);
  EXPECT_EQ(s.arrivals[0].start, 300'000);
  EXPECT_EQ(s.arrivals[0].mean_interval, Duration::seconds(86));
  EXPECT_EQ(s.arrivals[0].count, 1000);
  workloads::SparkApplication etl;
  etl.name = "etl";
  etl.stages = {{7, Duration{1429}}};  // ceil(10 000 ms / 7)
  EXPECT_EQ(s.arrivals[0].application, etl);
  EXPECT_EQ(s.arrivals[0].application.namespace_, "default");
  EXPECT_EQ(s.arrivals[0].application.language, workloads::SparkLanguage::Jvm);

  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].name, "karpenter");
  EXPECT_EQ(s.variants[0].node_pools, (std::vector<std::string>{"spark-compute-optimized"}));
  EXPECT_EQ(s.variants[0].karpenter, sim::KarpenterSettings{});
  EXPECT_EQ(s.variants[1].name, "wide");
  EXPECT_EQ(s.variants[1].node_pools,
            (std::vector<std::string>{"spark-compute-optimized", "general"}));
  EXPECT_EQ(s.variants[1].karpenter.batch_idle, Duration::seconds(2));
  EXPECT_EQ(s.variants[1].karpenter.batch_max, Duration::seconds(20));
  EXPECT_FALSE(s.variants[1].karpenter.improve_packing);
  EXPECT_TRUE(inv.warnings.empty());
}

TEST(ScenarioDecodeTest, ALatencyIsFixedOrAUniformRange) {
  sim::Scenario s = only_scenario(load_ok(scenario_with(R"(  duration: 1h
  cloud:
    instanceRunning: 1.5s
    nodeRegistered: {min: 0s, max: 0s}
    nodeReady: {min: 100ms, max: 1m}
    instanceTerminated: 2s
  scheduler:
    podStartup: 0s
)")));
  EXPECT_EQ(s.cloud.instance_running, (sim::Latency{1'500, 1'500}));
  EXPECT_EQ(s.cloud.node_registered, (sim::Latency{0, 0}));
  EXPECT_EQ(s.cloud.node_ready, (sim::Latency{100, 60'000}));
  EXPECT_EQ(s.cloud.instance_terminated, (sim::Latency{2'000, 2'000}));
  EXPECT_EQ(s.scheduler.pod_startup, (sim::Latency{0, 0}));
}

TEST(ScenarioDecodeTest, ProbabilitiesAreReadExactlyInPartsPerMillion) {
  const std::vector<std::pair<std::string, int64_t>> cases = {
      {"0.05", 50'000}, {"0", 0},        {"1", 1'000'000}, {"1.000000", 1'000'000},
      {"0.1", 100'000}, {"0.000001", 1}, {"0.3", 300'000}, {"0.999999", 999'999},
  };
  for (const auto& [text, ppm] : cases) {
    sim::Scenario s = only_scenario(load_ok(scenario_with(
        "  duration: 1h\n  cloud:\n    insufficientCapacityProbability: " + text + "\n")));
    EXPECT_EQ(s.cloud.insufficient_capacity_ppm, ppm) << text;
  }
}

TEST(ScenarioDecodeTest, WorkloadItemsAreSortedByTimeKeepingTheOrderOfTies) {
  Inventory inv = load_ok(kWebPod + "---\n" + kWebDeployment + "---\n" + kEtlJob + "---\n" +
                          scenario_with(R"(  duration: 1h
  workload:
    - {at: 5m, pod: web-0}
    - {at: 1m, deployment: web}
    - {at: 5m, job: etl, runTime: 1m}
    - {pod: web-0, runTime: 30s}
    - {at: 1m, spark: {name: a, stages: [{taskDuration: 1s}]}}
    - {at: 5m, deployment: web}
)"));
  sim::Scenario s = only_scenario(inv);
  using Kind = sim::WorkloadItem::Kind;
  std::vector<std::pair<sim::SimTime, Kind>> order;
  for (const sim::WorkloadItem& item : s.workload) order.emplace_back(item.at, item.kind);
  EXPECT_EQ(order, (std::vector<std::pair<sim::SimTime, Kind>>{{0, Kind::Pod},
                                                               {60'000, Kind::Deployment},
                                                               {60'000, Kind::Spark},
                                                               {300'000, Kind::Pod},
                                                               {300'000, Kind::Job},
                                                               {300'000, Kind::Deployment}}));
  EXPECT_EQ(s.workload[0].run_time, Duration::seconds(30));
  EXPECT_EQ(s.workload[4].run_time, Duration::seconds(60));
}

TEST(ScenarioDecodeTest, StageTasksDefaultToTheShufflePartitions) {
  sim::Scenario s = only_scenario(load_ok(scenario_with(R"(  duration: 1h
  workload:
    - spark:
        name: q
        language: Scala
        conf: {spark.sql.shuffle.partitions: 64}
        stages: [{coreSeconds: 1}, {tasks: 3, taskDuration: 1m}, {coreSeconds: 640}]
    - spark:
        name: r
        language: R
        stages: [{coreSeconds: 1}]
    - spark:
        name: j
        language: Java
        stages: [{taskDuration: 250ms}]
)")));
  ASSERT_EQ(s.workload.size(), 3u);
  const workloads::SparkApplication& q = *s.workload[0].spark;
  EXPECT_EQ(q.language, workloads::SparkLanguage::Jvm);
  EXPECT_EQ(q.stages, (std::vector<workloads::SparkStage>{{64, Duration{16}},  // ceil(1000 / 64)
                                                          {3, Duration::seconds(60)},
                                                          {64, Duration::seconds(10)}}));
  const workloads::SparkApplication& r = *s.workload[1].spark;
  EXPECT_EQ(r.language, workloads::SparkLanguage::R);
  EXPECT_EQ(r.stages, (std::vector<workloads::SparkStage>{{200, Duration{5}}}));
  const workloads::SparkApplication& j = *s.workload[2].spark;
  EXPECT_EQ(j.language, workloads::SparkLanguage::Jvm);
  EXPECT_EQ(j.stages, (std::vector<workloads::SparkStage>{{200, Duration{250}}}));
}

TEST(ScenarioDecodeTest, StagesBelongToJobsNamedWhereTheyStart) {
  sim::Scenario s = only_scenario(load_ok(scenario_with(R"(  duration: 1h
  workload:
    - spark:
        name: q
        stages:
          - {taskDuration: 1s}
          - {taskDuration: 1s, job: load}
          - {taskDuration: 1s}
          - {taskDuration: 1s, job: load}
          - {taskDuration: 1s, job: report}
    - spark:
        name: r
        stages: [{taskDuration: 1s, job: a}, {taskDuration: 1s}]
)")));
  ASSERT_EQ(s.workload.size(), 2u);
  // The unnamed first job, then "load" (three stages, the one without a name included), then
  // "report".
  std::vector<int32_t> jobs;
  for (const workloads::SparkStage& stage : s.workload[0].spark->stages) jobs.push_back(stage.job);
  EXPECT_EQ(jobs, (std::vector<int32_t>{0, 1, 1, 1, 2}));
  jobs.clear();
  for (const workloads::SparkStage& stage : s.workload[1].spark->stages) jobs.push_back(stage.job);
  EXPECT_EQ(jobs, (std::vector<int32_t>{0, 0}));
}

TEST(ScenarioDecodeTest, SeveralScenariosMayBeLoadedAndAListMayHoldOne) {
  Inventory inv = load_ok(scenario_with("  duration: 1h\n") + "---\n" + R"(apiVersion: v1
kind: List
items:
  - apiVersion: nodewright.io/v1alpha1
    kind: Scenario
    metadata: {name: t}
    spec: {duration: 10m, seed: 0}
)");
  ASSERT_EQ(inv.scenarios.size(), 2u);
  EXPECT_EQ(inv.scenarios[0].name, "s");
  EXPECT_EQ(inv.scenarios[1].name, "t");
  EXPECT_EQ(inv.scenarios[1].duration, 600'000);
  EXPECT_EQ(inv.scenarios[1].seed, 0u);
  EXPECT_EQ(inv.objects_by_kind.at("Scenario"), 2);
}

TEST(ScenarioDecodeTest, ReferencesResolveWhateverTheOrderOfTheObjects) {
  // The Scenario comes first; the objects it names follow, in another file.
  Inventory inv = load_ok({{"scenario.yaml", scenario_with(R"(  duration: 1h
  workload:
    - {pod: web-0}
    - {deployment: api, namespace: shop}
    - {job: batch, namespace: shop}
  variants:
    - {name: only-general, nodePools: [general]}
)")},
                           {"objects.yaml", kOtherPool + "---\n" + kWebPod + R"(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec: {containers: [{name: c}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch, namespace: shop}
spec:
  template:
    metadata: {annotations: {nodewright.io/run-time: 90s}}
    spec: {containers: [{name: c}]}
)"}});
  sim::Scenario s = only_scenario(inv);
  ASSERT_EQ(s.workload.size(), 3u);
  EXPECT_EQ(s.workload[1].namespace_, "shop");
  EXPECT_NE(inv.find_pod("default", "web-0"), nullptr);
  EXPECT_NE(inv.find_deployment("shop", "api"), nullptr);
  EXPECT_EQ(inv.find_deployment("default", "api"), nullptr);
  EXPECT_NE(inv.find_job("shop", "batch"), nullptr);
}

// ---- Deployment and Job ---------------------------------------------------------------------

TEST(DecodeDeploymentTest, ReadsReplicasAndThePodTemplate) {
  Inventory inv = load_ok(kWebDeployment + R"(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle, namespace: ops}
spec:
  template:
    metadata:
      annotations: {team: ops}
    spec:
      containers: [{name: c}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: off}
spec:
  replicas: 0
  template: {spec: {containers: [{name: c}]}}
)");
  ASSERT_EQ(inv.deployments.size(), 3u);
  const model::Deployment& web = inv.deployments[0];
  EXPECT_EQ(web.meta.name, "web");
  EXPECT_EQ(web.meta.namespace_, "default");
  EXPECT_EQ(web.replicas, 3);
  EXPECT_EQ(web.pod_template.meta.labels, (model::Labels{{"app", "web"}}));
  EXPECT_EQ(web.pod_template.meta.namespace_, "default");
  ASSERT_EQ(web.pod_template.spec.containers.size(), 1u);
  EXPECT_EQ(web.pod_template.spec.containers[0].requests.get("cpu"), 500);
  const model::Deployment& idle = inv.deployments[1];
  EXPECT_EQ(idle.replicas, 1);  // the default
  EXPECT_EQ(idle.pod_template.meta.namespace_, "ops");
  EXPECT_EQ(idle.pod_template.meta.annotations, (model::Labels{{"team", "ops"}}));
  EXPECT_EQ(inv.deployments[2].replicas, 0);
  EXPECT_EQ(inv.objects_by_kind.at("Deployment"), 3);
  EXPECT_TRUE(inv.warnings.empty());
}

TEST(DecodeJobTest, CompletionsDefaultToParallelismWhichDefaultsToOne) {
  Inventory inv = load_ok(kEtlJob + R"(---
apiVersion: batch/v1
kind: Job
metadata: {name: wide, namespace: batch}
spec:
  parallelism: 8
  template:
    metadata:
      labels: {app: wide}
      annotations: {nodewright.io/run-time: 1h30m}
    spec: {containers: [{name: c}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: counted}
spec:
  parallelism: 2
  completions: 10
  template: {spec: {containers: [{name: c}]}}
)");
  ASSERT_EQ(inv.jobs.size(), 3u);
  const model::Job& etl = inv.jobs[0];
  EXPECT_EQ(etl.parallelism, 1);
  EXPECT_EQ(etl.completions, 1);
  EXPECT_EQ(etl.meta.annotations, (model::Labels{{std::string(model::kRunTimeAnnotation), "15m"}}));
  EXPECT_EQ(etl.pod_template.spec.containers[0].requests.get("cpu"), 2000);
  const model::Job& wide = inv.jobs[1];
  EXPECT_EQ(wide.parallelism, 8);
  EXPECT_EQ(wide.completions, 8);
  EXPECT_EQ(wide.pod_template.meta.namespace_, "batch");
  EXPECT_EQ(wide.pod_template.meta.labels, (model::Labels{{"app", "wide"}}));
  EXPECT_EQ(wide.pod_template.meta.annotations,
            (model::Labels{{std::string(model::kRunTimeAnnotation), "1h30m"}}));
  EXPECT_EQ(inv.jobs[2].parallelism, 2);
  EXPECT_EQ(inv.jobs[2].completions, 10);
  EXPECT_EQ(inv.objects_by_kind.at("Job"), 3);
}

TEST(DecodeJobTest, APodMayCarryARunTimeAnnotation) {
  Inventory inv = load_ok(R"(apiVersion: v1
kind: Pod
metadata:
  name: once
  annotations: {nodewright.io/run-time: 2m}
spec: {containers: [{name: c}]}
)");
  ASSERT_EQ(inv.pods.size(), 1u);
  EXPECT_EQ(*model::find_label(inv.pods[0].meta.annotations, model::kRunTimeAnnotation), "2m");
}

}  // namespace
}  // namespace nw::input
