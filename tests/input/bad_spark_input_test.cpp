// Bad Spark inputs: SparkApplication objects, a Scenario's sparkApplication and startJobRun
// items, StartJobRun request files and pod-template files. As in bad_scenario_test.cpp, each case
// pins the whole diagnostic (file, line and column, object, field, the essence of the message);
// positions were worked out by hand. A value Spark rejects is reported at the field the user
// wrote (spec.executor.memory), not at the Spark property derived from it.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "input/load_helpers.h"
#include "input/loader.h"

namespace nw::input {
namespace {

using testing::BadCase;
using testing::describe;
using testing::expect_located_error;

// Lines 1-4 of every SparkApplication case; the case's lines start at line 5.
const std::string kApp = R"(apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: pi}
spec:
)";
const std::string kAppObject = "SparkApplication \"default/pi\"";

// Lines 1-7 of every Scenario case; the items start at line 8.
const std::string kScenario = R"(apiVersion: nodewright.io/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  duration: 1h
  virtualClusters: [{id: abc123, namespace: emr}]
  workload:
)";
const std::string kScenarioObject = "Scenario \"s\"";

std::vector<BadCase> cases() {
  return {
      // ---- SparkApplication fields the conversion reads ----
      {"UnknownType", kApp + "  type: Rust\n", 5, 9, kAppObject, "spec.type",
       "unknown type \"Rust\" (expected Java, Scala, Python or R)"},
      {"UnknownSparkVersion", kApp + "  sparkVersion: three\n", 5, 17, kAppObject,
       "spec.sparkVersion", "\"three\" is not a Spark release such as 3.5.1"},
      {"UnknownBatchScheduler", kApp + "  batchScheduler: slurm\n", 5, 19, kAppObject,
       "spec.batchScheduler",
       "unknown batch scheduler \"slurm\" (expected yunikorn, volcano or kube-scheduler)"},
      // Spark's byteStringAs rejects the blank; the error is at the field, not the property.
      {"ExecutorMemoryWithASpace", kApp + "  executor:\n    memory: 10 gb\n", 6, 13, kAppObject,
       "spec.executor.memory", "\"10 gb\" is not a JVM memory string such as 512m or 10g"},
      // The Operator passes memory as given (submission.go: --conf spark.executor.memory=), so an
      // empty memory next to a memoryOverhead reaches Spark, which cannot read it.
      {"EmptyExecutorMemory", kApp + "  executor:\n    memory: \"\"\n    memoryOverhead: 1g\n", 6,
       13, kAppObject, "spec.executor.memory", "is not a JVM memory string"},
      {"DriverCoresZero", kApp + "  driver: {cores: 0}\n", 5, 19, kAppObject, "spec.driver.cores",
       "must be at least 1, got 0"},
      {"SparkConfValueSparkRejects", kApp + "  sparkConf: {spark.executor.cores: \"two\"}\n", 5, 37,
       kAppObject, "spec.sparkConf.spark.executor.cores", "two"},
      {"CoreLimitBelowTheRequest", kApp + "  executor: {cores: 2, coreLimit: 500m}\n", 5, 35,
       kAppObject, "spec.executor.coreLimit", "is below the cpu request"},
      // The Operator's validating webhook (sparkapplication_validator.go).
      {"NameNotADns1035Label",
       "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: "
       "1pi}\nspec: {}\n",
       3, 18, "SparkApplication \"default/1pi\"", "metadata.name",
       "the Spark Operator requires a DNS-1035 label"},
      {"NodeSelectorAtBothLevels",
       kApp + "  nodeSelector: {a: b}\n  driver: {nodeSelector: {c: d}}\n", 5, 17, kAppObject,
       "spec.nodeSelector",
       "node selector cannot be defined at both SparkApplication and Driver/Executor"},
      {"TemplateBeforeSpark3",
       kApp + "  sparkVersion: 2.4.8\n  driver:\n    template: {spec: {}}\n", 7, 15, kAppObject,
       "spec.driver.template", "pod templates need Spark 3.0.0 or later"},
      {"MissingSpec",
       "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
       "metadata: {name: pi}\n",
       1, 1, kAppObject, "spec", "required field is missing"},

      // ---- Scenario items ----
      {"SparkApplicationNotAmongTheInputs",
       kScenario + "    - {sparkApplication: pi, namespace: spark, stages: [{taskDuration: 1s}]}\n",
       8, 26, kScenarioObject, "spec.workload[0].sparkApplication",
       "SparkApplication \"spark/pi\" is not among the inputs"},
      {"SparkApplicationItemWithoutStages",
       kScenario + "    - {sparkApplication: pi}\n---\n" + kApp + "  type: Scala\n", 8, 7,
       kScenarioObject, "spec.workload[0].stages", "a Spark application needs at least one stage"},
      {"SparkApplicationItemWithARunTime",
       kScenario + "    - {sparkApplication: pi, runTime: 5m, stages: [{taskDuration: 1s}]}\n", 8,
       39, kScenarioObject, "spec.workload[0].runTime", "run time comes from its stages"},
      {"StartJobRunItemWithANamespace",
       kScenario + "    - {startJobRun: j.json, namespace: x, stages: [{taskDuration: 1s}]}\n", 8,
       40, kScenarioObject, "spec.workload[0].namespace", "virtual cluster's namespace"},
      {"StartJobRunFileMissing",
       kScenario + "    - {startJobRun: missing.json, stages: [{taskDuration: 1s}]}\n", 8, 21,
       kScenarioObject, "spec.workload[0].startJobRun",
       "cannot open the StartJobRun request \"missing.json\""},
      {"StagesOnAPodItem", kScenario + "    - {pod: web, stages: [{taskDuration: 1s}]}\n", 8, 26,
       kScenarioObject, "spec.workload[0].stages",
       "stages apply to spark, sparkApplication and startJobRun items"},
      {"VirtualClusterIdWithCapitals",
       "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n"
       "  duration: 1h\n  virtualClusters: [{id: ABC, namespace: emr}]\n",
       6, 26, kScenarioObject, "spec.virtualClusters[0].id", "invalid virtual cluster id \"ABC\""},
      {"TemplateFileMissing",
       kScenario + "    - spark:\n        name: etl\n        conf:\n"
                   "          spark.kubernetes.executor.podTemplateFile: s3://b/nowhere.yaml\n"
                   "        stages: [{taskDuration: 1s}]\n",
       11, 54, kScenarioObject,
       "spec.workload[0].spark.conf.spark.kubernetes.executor.podTemplateFile",
       "cannot open the pod template file \"nowhere.yaml\""},
      {"InlineTemplateAndTemplateFile",
       kScenario + "    - spark:\n        name: etl\n"
                   "        conf: {spark.kubernetes.driver.podTemplateFile: d.yaml}\n"
                   "        driverTemplate: {spec: {}}\n        stages: [{taskDuration: 1s}]\n",
       11, 25, kScenarioObject, "spec.workload[0].spark.driverTemplate",
       "give driverTemplate or the spark.kubernetes.driver.podTemplateFile property, not both"},
  };
}

NW_LOCATED_ERROR_CORPUS(BadSparkInputTest, cases)

// ---- StartJobRun request files and pod-template files, written beside a scenario ----

// A request whose sparkSubmitParameters (line 7, the value at column 30) is `params`.
std::string job(const std::string& params, const std::string& release = "emr-7.2.0-latest",
                const std::string& cluster = "abc123") {
  return "{\n  \"name\": \"q1\",\n  \"virtualClusterId\": \"" + cluster +
         "\",\n  \"releaseLabel\": \"" + release +
         "\",\n  \"jobDriver\": {\"sparkSubmitJobDriver\": {\n"
         "    \"entryPoint\": \"s3://b/q.jar\",\n    \"sparkSubmitParameters\": \"" +
         params + "\"}}\n}\n";
}

struct Located {
  std::string file;  // relative to the temporary directory
  int line;
  int column;
  std::string object;
  std::string field;
  std::string message;
};

// Writes the scenario (its one item names job.json) and `files`, loads the scenario, and expects
// exactly the one error `expected`.
void expect_error(const std::vector<std::pair<std::string, std::string>>& files,
                  const Located& expected) {
  cli::testing::TempDir dir;
  std::filesystem::path scenario = dir.write(
      "scenario.yaml", kScenario + "    - {startJobRun: job.json, stages: [{taskDuration: 1s}]}\n");
  for (const auto& [name, text] : files) dir.write(name, text);
  std::istringstream no_stdin;
  LoadResult result = load_paths({scenario.string()}, no_stdin);
  ASSERT_TRUE(std::holds_alternative<std::vector<Diagnostic>>(result)) << "expected errors";
  const auto& errors = std::get<std::vector<Diagnostic>>(result);
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  const Diagnostic& d = errors[0];
  EXPECT_EQ(d.where.file, (dir.path() / expected.file).string());
  EXPECT_EQ(d.where.line, expected.line) << d.to_string();
  EXPECT_EQ(d.where.column, expected.column) << d.to_string();
  EXPECT_EQ(d.object, expected.object) << d.to_string();
  EXPECT_EQ(d.field, expected.field) << d.to_string();
  EXPECT_NE(d.message.find(expected.message), std::string::npos) << d.to_string();
}

const std::string kParams = "jobDriver.sparkSubmitJobDriver.sparkSubmitParameters";
const std::string kJobObject = "StartJobRun \"q1\"";

TEST(BadStartJobRun, AnUnknownSparkSubmitFlagIsNamed) {
  expect_error({{"job.json", job("--conf spark.executor.cores=2 --executer-memory 4g")}},
               {"job.json", 7, 30, kJobObject, kParams,
                "unknown spark-submit option \"--executer-memory\""});
}

TEST(BadStartJobRun, AConfWithoutAnEqualsSign) {
  expect_error(
      {{"job.json", job("--conf spark.executor.cores")}},
      {"job.json", 7, 30, kJobObject, kParams, "--conf \"spark.executor.cores\" has no '='"});
}

TEST(BadStartJobRun, AnUnclosedQuote) {
  expect_error({{"job.json", job("--conf 'spark.executor.cores=2")}},
               {"job.json", 7, 30, kJobObject, kParams, "is never closed"});
}

TEST(BadStartJobRun, AFlagWithoutItsValue) {
  expect_error({{"job.json", job("--executor-memory")}},
               {"job.json", 7, 30, kJobObject, kParams,
                "spark-submit option \"--executor-memory\" needs a value"});
}

TEST(BadStartJobRun, AMemoryStringSparkRejectsIsReportedAtTheParameters) {
  expect_error({{"job.json", job("--executor-memory 10gig")}},
               {"job.json", 7, 30, kJobObject, kParams, "\"10gig\" is not a JVM memory string"});
}

TEST(BadStartJobRun, AnUnmappedVirtualCluster) {
  expect_error({{"job.json", job("", "emr-7.2.0-latest", "zzz9")}},
               {"job.json", 3, 23, kJobObject, "virtualClusterId",
                "virtual cluster \"zzz9\" is not mapped to a namespace by the scenario's "
                "spec.virtualClusters (abc123)"});
}

TEST(BadStartJobRun, AnUnknownReleaseLabel) {
  expect_error({{"job.json", job("", "emr-6.1.0")}}, {"job.json", 4, 19, kJobObject, "releaseLabel",
                                                      "unknown EMR release label \"emr-6.1.0\""});
}

TEST(BadStartJobRun, ASparkDefaultsPropertyIsReportedWhereItIsWritten) {
  std::string text = R"({"name": "q1", "virtualClusterId": "abc123", "releaseLabel": "emr-7.2.0",
 "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "q.jar"}},
 "configurationOverrides": {"applicationConfiguration": [
   {"classification": "spark-defaults", "properties": {"spark.driver.memory": "2 g"}}]}}
)";
  expect_error({{"job.json", text}},
               {"job.json", 4, 79, kJobObject,
                "configurationOverrides.applicationConfiguration[0].properties.spark.driver.memory",
                "\"2 g\" is not a JVM memory string"});
}

TEST(BadStartJobRun, AnUnknownFieldIsAnErrorAsTheAwsCliMakesIt) {
  std::string text = R"({"name": "q1", "virtualClusterId": "abc123", "releaseLabel": "emr-7.2.0",
 "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "q.jar"}}, "releaseLable": "x"}
)";
  expect_error({{"job.json", text}},
               {"job.json", 2, 82, kJobObject, "releaseLable", "unknown field \"releaseLable\""});
}

TEST(BadStartJobRun, InvalidJsonIsReportedAtTheScenarioItem) {
  expect_error({{"job.json", "{\"name\": \"q1\",\n  \"releaseLabel\" \"emr-7.2.0\"}\n"}},
               {"scenario.yaml", 8, 21, kScenarioObject, "spec.workload[0].startJobRun",
                "is not valid YAML or JSON: line 2"});
}

TEST(BadStartJobRun, ATemplateFileThatIsNotYamlIsReportedAtTheProperty) {
  expect_error({{"job.json", job("--conf spark.kubernetes.driver.podTemplateFile=t.yaml")},
                {"t.yaml", "spec: [unclosed\n"}},
               {"job.json", 7, 30, kJobObject, kParams, "the pod template file"});
}

TEST(BadStartJobRun, ABadPodInATemplateFileIsReportedInThatFile) {
  expect_error(
      {{"job.json", job("--conf spark.kubernetes.executor.podTemplateFile=t.yaml")},
       {"t.yaml",
        "apiVersion: v1\nkind: Pod\nspec:\n  tolerations:\n"
        "    - {key: spot, operator: Sometimes}\n"}},
      {"t.yaml", 5, 29, "pod template \"t.yaml\"", "spec.tolerations[0].operator", "Sometimes"});
}

}  // namespace
}  // namespace nw::input
