// The two Spark forms users submit besides a Scenario's spark item: a Spark Operator
// SparkApplication and an EMR on EKS StartJobRun request, read from tests/fixtures/spark-inputs/.
// Each is converted into a workloads::SparkApplication and sized by spark_pods; every figure is
// computed by hand in the comment beside it (Spark 3.5, cas-yunikorn-spark.md §3.1).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "input/load_helpers.h"
#include "model/pod.h"
#include "workloads/emr_on_eks.h"
#include "workloads/spark.h"
#include "workloads/spark_operator.h"

namespace nw::input::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::MatchesRegex;

constexpr int64_t kMi = int64_t{1} << 20;

std::string fixture(const std::string& name) {
  return std::string(NODEWRIGHT_SOURCE_DIR) + "/tests/fixtures/spark-inputs/" + name;
}

Inventory load_fixture(const std::string& name) {
  std::istringstream no_stdin;
  LoadResult result = load_paths({fixture(name)}, no_stdin);
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&result)) {
    ADD_FAILURE() << "expected " << name << " to load:" << describe(*errors);
    return {};
  }
  return std::get<Inventory>(std::move(result));
}

workloads::SparkPods pods_of(const workloads::SparkApplication& app) {
  auto pods = workloads::spark_pods(app);
  if (auto* error = std::get_if<workloads::SparkConfError>(&pods)) {
    ADD_FAILURE() << error->key << ": " << error->message;
    return {};
  }
  return std::get<workloads::SparkPods>(std::move(pods));
}

const model::Container& spark_container(const model::PodSpec& spec) {
  return spec.containers.back();  // Spark adds its container after the template's others
}

std::string label(const model::ObjectMeta& meta, std::string_view key) {
  const std::string* value = model::find_label(meta.labels, key);
  return value ? *value : "<none>";
}

std::vector<std::string> container_names(const model::PodSpec& spec) {
  std::vector<std::string> names;
  for (const model::Container& c : spec.containers) names.push_back(c.name);
  return names;
}

// ---- SparkApplication (sparkoperator.k8s.io/v1beta2) ------------------------------------------

TEST(SparkOperatorInput, SizesThePodsFromTheFieldsWhichWinOverSparkConf) {
  Inventory inv = load_fixture("spark-pi.yaml");
  ASSERT_EQ(inv.spark_applications.size(), 1u);
  const workloads::SparkApplication& app = inv.spark_applications[0].application;
  EXPECT_EQ(app.name, "spark-pi");
  EXPECT_EQ(app.namespace_, "spark");
  EXPECT_EQ(app.spark_version, "3.5.3");
  workloads::SparkPods pods = pods_of(app);
  // Executor: 1 core; memory 512m (the field, after sparkConf's 2g) + max(floor(0.1 × 512),
  // 384) = 896 MiB, request = limit.
  const model::Container& exec = spark_container(pods.executor.spec);
  EXPECT_EQ(exec.requests.cpu_milli(), 1000);
  EXPECT_EQ(exec.requests.memory_bytes(), 896 * kMi);
  EXPECT_EQ(exec.limits.memory_bytes(), 896 * kMi);
  EXPECT_EQ(pods.executor_instances, 20);
  // Driver: 1 core with coreLimit 1200m; 512m + 384 = 896 MiB.
  const model::Container& driver = spark_container(pods.driver.spec);
  EXPECT_EQ(driver.requests.cpu_milli(), 1000);
  EXPECT_EQ(driver.limits.cpu_milli(), 1200);
  EXPECT_EQ(driver.requests.memory_bytes(), 896 * kMi);
  EXPECT_EQ(pods.driver.meta.name, "spark-pi-driver");
  EXPECT_EQ(pods.driver.meta.namespace_, "spark");
}

TEST(SparkOperatorInput, LabelsOwnerAndSchedulerAreTheOperators) {
  Inventory inv = load_fixture("spark-pi.yaml");
  ASSERT_EQ(inv.spark_applications.size(), 1u);
  workloads::SparkPods pods = pods_of(inv.spark_applications[0].application);
  for (const model::ObjectMeta* meta : {&pods.driver.meta, &pods.executor.meta}) {
    EXPECT_EQ(label(*meta, workloads::kSparkOperatorAppNameLabel), "spark-pi");
    EXPECT_EQ(label(*meta, workloads::kSparkOperatorLaunchedLabel), "true");
    EXPECT_THAT(label(*meta, workloads::kSparkOperatorSubmissionIdLabel),
                MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    EXPECT_EQ(label(*meta, "team"), "analytics");    // the SparkApplication's own labels
    EXPECT_EQ(label(*meta, "queue"), "root.spark");  // batchSchedulerOptions.queue (YuniKorn)
  }
  EXPECT_EQ(label(pods.driver.meta, workloads::kSparkOperatorSubmissionIdLabel),
            label(pods.executor.meta, workloads::kSparkOperatorSubmissionIdLabel));
  // The webhook mutates pods that have no template; the executor has one.
  EXPECT_EQ(label(pods.driver.meta, workloads::kSparkOperatorMutatedLabel), "true");
  EXPECT_EQ(label(pods.executor.meta, workloads::kSparkOperatorMutatedLabel), "<none>");
  EXPECT_EQ(label(pods.driver.meta, "version"), "3.5.3");
  EXPECT_EQ(label(pods.executor.meta, "from-template"), "yes");
  EXPECT_EQ(label(pods.executor.meta, "spark-role"), "executor");
  ASSERT_EQ(pods.driver.meta.owner_references.size(), 1u);
  const model::OwnerReference& owner = pods.driver.meta.owner_references[0];
  EXPECT_EQ(owner.kind, "SparkApplication");
  EXPECT_EQ(owner.api_version, "sparkoperator.k8s.io/v1beta2");
  EXPECT_EQ(owner.name, "spark-pi");
  EXPECT_EQ(owner.uid, "6f1c1d2e-0000-4000-8000-000000000001");
  EXPECT_TRUE(owner.controller);
  EXPECT_EQ(pods.driver.spec.scheduler_name, "yunikorn");
  EXPECT_EQ(pods.executor.spec.scheduler_name, "yunikorn");
}

TEST(SparkOperatorInput, AffinityTolerationsSelectorsAndTemplateReachThePods) {
  Inventory inv = load_fixture("spark-pi.yaml");
  ASSERT_EQ(inv.spark_applications.size(), 1u);
  workloads::SparkPods pods = pods_of(inv.spark_applications[0].application);
  ASSERT_EQ(pods.driver.spec.required_node_affinity.size(), 1u);
  EXPECT_EQ(pods.driver.spec.priority_class_name, "spark-driver");
  EXPECT_EQ(model::find_label(pods.driver.spec.node_selector, "karpenter.sh/capacity-type"),
            nullptr);
  EXPECT_EQ(*model::find_label(pods.executor.spec.node_selector, "karpenter.sh/capacity-type"),
            "spot");
  ASSERT_EQ(pods.executor.spec.tolerations.size(), 1u);
  EXPECT_EQ(pods.executor.spec.tolerations[0].key, "spark");
  // The template's sidecar stays first; Spark's container is the one the Operator names.
  EXPECT_THAT(container_names(pods.executor.spec),
              ElementsAre("sidecar", "spark-kubernetes-executor"));
  EXPECT_EQ(pods.executor.spec.containers[0].requests.cpu_milli(), 100);
}

TEST(SparkOperatorInput, AScenarioItemRunsItWithItsStages) {
  Inventory inv = load_fixture("spark-pi.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  ASSERT_EQ(inv.scenarios[0].workload.size(), 1u);
  const sim::WorkloadItem& item = inv.scenarios[0].workload[0];
  EXPECT_EQ(item.kind, sim::WorkloadItem::Kind::Spark);
  EXPECT_EQ(item.at, 60'000);
  ASSERT_TRUE(item.spark.has_value());
  EXPECT_EQ(item.spark->name, "spark-pi");
  // The stage's tasks default to sparkConf's spark.sql.shuffle.partitions (40).
  ASSERT_EQ(item.spark->stages.size(), 1u);
  EXPECT_EQ(item.spark->stages[0].tasks, 40);
  EXPECT_EQ(item.spark->stages[0].task_duration.millis, 10'000);
}

TEST(SparkOperatorInput, ExecutorsDefaultToOneWithoutDynamicAllocationAndDaMapsToConf) {
  const std::string base = R"(apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: pi}
spec:
  type: Python
)";
  Inventory plain = load_ok(base);
  ASSERT_EQ(plain.spark_applications.size(), 1u);
  const workloads::SparkApplication& app = plain.spark_applications[0].application;
  EXPECT_EQ(app.language, workloads::SparkLanguage::Python);
  EXPECT_EQ(pods_of(app).executor_instances, 1);  // the webhook's default; Spark alone: 2

  Inventory dynamic = load_ok(base + "  dynamicAllocation: {enabled: true, maxExecutors: 8}\n");
  ASSERT_EQ(dynamic.spark_applications.size(), 1u);
  const model::Labels& conf = dynamic.spark_applications[0].application.conf;
  EXPECT_EQ(model::find_label(conf, "spark.executor.instances"), nullptr);
  EXPECT_EQ(*model::find_label(conf, "spark.dynamicAllocation.enabled"), "true");
  EXPECT_EQ(*model::find_label(conf, "spark.dynamicAllocation.maxExecutors"), "8");
  EXPECT_EQ(*model::find_label(conf, "spark.dynamicAllocation.shuffleTracking.enabled"), "true");
}

// ---- StartJobRun (EMR on EKS) -----------------------------------------------------------------

TEST(StartJobRunInput, FlagsBeatConfWhichBeatsSparkDefaults) {
  Inventory inv = load_fixture("emr-scenario.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  ASSERT_EQ(inv.scenarios[0].workload.size(), 2u);
  const workloads::SparkApplication& app = *inv.scenarios[0].workload[0].spark;
  EXPECT_EQ(app.name, "tpcds-q1");
  EXPECT_EQ(app.namespace_, "emr-data");  // virtual cluster abc123
  EXPECT_EQ(app.spark_version, "3.5.1");  // emr-7.2.0
  EXPECT_EQ(app.language, workloads::SparkLanguage::Jvm);
  workloads::SparkPods pods = pods_of(app);
  // Executor: --executor-cores 4 beats --conf spark.executor.cores=2; --conf
  // spark.executor.memory=10g beats spark-defaults' 8g; 10g + 5g overhead = 15360 MiB = 15 GiB.
  const model::Container& exec = spark_container(pods.executor.spec);
  EXPECT_EQ(exec.requests.cpu_milli(), 4000);
  EXPECT_EQ(exec.requests.memory_bytes(), int64_t{15} << 30);
  EXPECT_EQ(pods.executor_instances, 10);  // --num-executors
  // Driver: spark-defaults' 2g + 384 = 2432 MiB, 1 core.
  const model::Container& driver = spark_container(pods.driver.spec);
  EXPECT_EQ(driver.requests.memory_bytes(), 2432 * kMi);
  EXPECT_EQ(driver.requests.cpu_milli(), 1000);
  // Quoted --conf values keep their blanks.
  const std::string* note = model::find_label(pods.executor.meta.annotations, "note");
  const std::string* owner = model::find_label(pods.driver.meta.annotations, "owner");
  EXPECT_EQ(note ? *note : "<none>", "a b");
  EXPECT_EQ(owner ? *owner : "<none>", "data team");
  EXPECT_EQ(inv.scenarios[0].workload[0].spark->stages[0].tasks, 100);
}

TEST(StartJobRunInput, PodTemplateFilesMergeAsSparkMergesThem) {
  Inventory inv = load_fixture("emr-scenario.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  workloads::SparkPods pods = pods_of(*inv.scenarios[0].workload[0].spark);
  // s3://bucket/templates/driver-template.yaml is read as driver-template.yaml beside the JSON.
  // Its sidecar stays; its spark-kubernetes-driver container (EMR's container name) gets Spark's
  // requests instead of the template's 8 cpu / 64Gi.
  EXPECT_THAT(container_names(pods.driver.spec),
              ElementsAre("log-shipper", "spark-kubernetes-driver"));
  EXPECT_EQ(pods.driver.spec.containers[0].requests.memory_bytes(), 128 * kMi);
  EXPECT_EQ(spark_container(pods.driver.spec).requests.cpu_milli(), 1000);
  EXPECT_EQ(*model::find_label(pods.driver.spec.node_selector, "karpenter.sh/capacity-type"),
            "on-demand");
  EXPECT_EQ(label(pods.driver.meta, "template"), "driver");
  // The executor template has no container: Spark adds one under its default name.
  EXPECT_THAT(container_names(pods.executor.spec), ElementsAre("spark-kubernetes-executor"));
  EXPECT_EQ(*model::find_label(pods.executor.spec.node_selector, "topology.kubernetes.io/zone"),
            "us-east-1a");
  ASSERT_EQ(pods.executor.spec.tolerations.size(), 1u);
}

TEST(StartJobRunInput, PodsCarryTheJobAndVirtualClusterLabels) {
  Inventory inv = load_fixture("emr-scenario.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  workloads::SparkPods tpcds = pods_of(*inv.scenarios[0].workload[0].spark);
  workloads::SparkPods etl = pods_of(*inv.scenarios[0].workload[1].spark);
  const std::string job_id = label(tpcds.driver.meta, workloads::kEmrJobIdLabel);
  EXPECT_THAT(job_id, MatchesRegex("000000[0-9a-z]{13}"));
  EXPECT_EQ(job_id, workloads::emr_job_id("tpcds-q1", 0));
  EXPECT_EQ(label(tpcds.executor.meta, workloads::kEmrJobIdLabel), job_id);
  EXPECT_NE(label(etl.driver.meta, workloads::kEmrJobIdLabel), job_id);
  EXPECT_EQ(label(tpcds.driver.meta, workloads::kEmrVirtualClusterIdLabel), "abc123");
  EXPECT_EQ(label(etl.executor.meta, workloads::kEmrVirtualClusterIdLabel), "def456");
  EXPECT_EQ(label(tpcds.driver.meta, workloads::kEmrComponentLabel), "driver");
  EXPECT_EQ(label(tpcds.executor.meta, workloads::kEmrComponentLabel), "executor");
  EXPECT_EQ(label(tpcds.executor.meta, workloads::kEmrResourceTypeLabel), "job.run");
  EXPECT_EQ(etl.driver.meta.namespace_, "emr-etl");
}

TEST(StartJobRunInput, APythonEntryPointTakesThePySparkOverheadFactor) {
  Inventory inv = load_fixture("emr-scenario.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  const workloads::SparkApplication& app = *inv.scenarios[0].workload[1].spark;
  EXPECT_EQ(app.language, workloads::SparkLanguage::Python);
  EXPECT_EQ(app.spark_version, "3.3.1");  // emr-6.10.0
  workloads::SparkPods pods = pods_of(app);
  // Executor 4g: overhead floor(0.4 × 4096) = 1638, so 5734 MiB. Driver 1g: max(409, 384) = 409,
  // so 1433 MiB.
  EXPECT_EQ(spark_container(pods.executor.spec).requests.memory_bytes(), 5734 * kMi);
  EXPECT_EQ(spark_container(pods.driver.spec).requests.memory_bytes(), 1433 * kMi);
  EXPECT_EQ(pods.executor_instances, 3);
  EXPECT_EQ(app.stages[0].tasks, 200);  // no spark.sql.shuffle.partitions: Spark's 200
}

// ---- Pod templates in a Scenario's spark item ---------------------------------------------------

TEST(SparkItemTemplates, InlineTemplatesAndTemplateFilesBesideTheScenario) {
  Inventory inv = load_fixture("spark-item-templates.yaml");
  ASSERT_EQ(inv.scenarios.size(), 1u);
  ASSERT_EQ(inv.scenarios[0].workload.size(), 1u);
  workloads::SparkPods pods = pods_of(*inv.scenarios[0].workload[0].spark);
  // No podTemplateContainerName here: Spark takes the template's first container as its own,
  // keeping its name, and adds it after the others.
  EXPECT_THAT(container_names(pods.driver.spec), ElementsAre("log-shipper", "spark-main"));
  EXPECT_EQ(spark_container(pods.driver.spec).requests.memory_bytes(), 1408 * kMi);
  // The inline executor template: its only container is unnamed, so Spark names it.
  EXPECT_THAT(container_names(pods.executor.spec), ElementsAre("spark-kubernetes-executor"));
  EXPECT_EQ(pods.executor.spec.priority_class_name, "batch");
}

// ---- Helpers --------------------------------------------------------------------------------

TEST(EmrRelease, LabelsMapToTheirSparkRelease) {
  EXPECT_EQ(workloads::emr_spark_release("emr-6.10.0-latest"), "3.3.1");
  EXPECT_EQ(workloads::emr_spark_release("emr-6.14.0-java17-al2023-latest"), "3.4.1");
  EXPECT_EQ(workloads::emr_spark_release("emr-7.2.0-20240610"), "3.5.1");
  EXPECT_EQ(workloads::emr_spark_release("emr-7.99.0"), "3.5");
  EXPECT_EQ(workloads::emr_spark_release("emr-5.36.2"), "2.4.8");
  EXPECT_EQ(workloads::emr_spark_release("emr-6.1.0"), std::nullopt);  // not on EKS
  EXPECT_EQ(workloads::emr_spark_release("emr-6.10"), std::nullopt);
  EXPECT_EQ(workloads::emr_spark_release("6.10.0"), std::nullopt);
  EXPECT_EQ(workloads::emr_spark_release("emr-6.10.0-"), std::nullopt);
}

}  // namespace
}  // namespace nw::input::testing
