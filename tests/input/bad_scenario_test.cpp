// Bad Scenarios, Deployments and Jobs. As in bad_input_test.cpp, each case pins the whole
// diagnostic a user sees (file, line and column, object, field path, the essence of the message)
// and checks that load() returned errors only.
//
// Positions are 1-based and were worked out by hand from the texts below: a value's diagnostic
// points at the value, a missing field's at the mapping that should hold it.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "input/load_helpers.h"
#include "input/loader.h"

namespace nw::input {
namespace {

using testing::BadCase;
using testing::describe;
using testing::expect_located_error;
using testing::load_errors;

// Lines 1-5 of every Scenario case.
const std::string kHeader = R"(apiVersion: nodewright.io/v1alpha1
kind: Scenario
metadata:
  name: s
spec:
)";

// Lines 1-6; the case's own lines start at line 7.
const std::string kScenario = kHeader + "  duration: 1h\n";

const std::string kObject = "Scenario \"s\"";

// A valid NodePool named `name`, to follow a Scenario after "---".
std::string pool(const std::string& name) {
  return "---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: " + name +
         "}\nspec:\n  template:\n    spec:\n"
         "      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}\n";
}

// A Job named etl after "---", with `metadata_extra` added to its metadata mapping.
std::string job(const std::string& metadata_extra = "") {
  return "---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: etl" + metadata_extra +
         "}\nspec:\n  template: {spec: {containers: [{name: c}]}}\n";
}

// A Spark application with one stage, written as a flow mapping.
const std::string kSpark = "{name: a, stages: [{taskDuration: 1s}]}";

// Lines 1-10: a cluster-autoscaler variant whose clusterAutoscaler settings start at line 11.
const std::string kCa = kScenario +
                        "  variants:\n    - name: v\n      autoscaler: cluster-autoscaler\n"
                        "      clusterAutoscaler:\n";

// An eksctl ClusterConfig with one managed node group named `name`, to follow after "---";
// `extra` adds fields to the group's flow mapping.
std::string cluster_config(const std::string& name, const std::string& extra = "") {
  return "---\napiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n"
         "metadata: {name: c, region: us-east-1}\n"
         "managedNodeGroups: [{name: " +
         name + ", instanceType: m5.large" + extra + "}]\n";
}

std::vector<BadCase> cases() {
  return {
      // ---- the object and its spec ----
      {"WrongApiVersion", "apiVersion: nodewright.io/v1\nkind: Scenario\nmetadata: {name: s}\n", 1,
       13, kObject, "apiVersion",
       "apiVersion \"nodewright.io/v1\" is not served for Scenario (expected "
       "nodewright.io/v1alpha1)"},
      {"MissingName",
       "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata:\n  labels: {a: b}\n"
       "spec:\n  duration: 1h\n",
       4, 3, "Scenario", "metadata.name", "required field is missing"},
      {"MissingSpec", "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n",
       1, 1, kObject, "spec", "required field is missing (expected the scenario's spec)"},
      {"UnknownTopLevelField", kScenario + "status: {}\n", 7, 9, kObject, "status",
       "unknown field \"status\" (expected apiVersion, kind, metadata, spec)"},
      {"UnknownSpecField", kScenario + "  zone: [us-east-1a]\n", 7, 9, kObject, "spec.zone",
       "unknown field \"zone\" (expected region, zones, duration, seed, sampleInterval, cloud, "
       "scheduler, virtualClusters, workload, arrivals, variants)"},
      {"MissingDuration", kHeader + "  seed: 3\n", 6, 3, kObject, "spec.duration",
       "required field is missing (expected a duration"},
      {"ZeroDuration", kHeader + "  duration: 0s\n", 6, 13, kObject, "spec.duration",
       "must be more than 0s, got 0s"},
      {"DurationWithoutUnit", kHeader + "  duration: 7200\n", 6, 13, kObject, "spec.duration",
       "missing or unknown unit"},
      {"NegativeSeed", kScenario + "  seed: -1\n", 7, 9, kObject, "spec.seed",
       "must be at least 0, got -1"},
      {"QuotedSeed", kScenario + "  seed: \"42\"\n", 7, 9, kObject, "spec.seed",
       "write it without quotes"},
      {"ZeroSampleInterval", kScenario + "  sampleInterval: 0s\n", 7, 19, kObject,
       "spec.sampleInterval", "must be more than 0s, got 0s"},

      // ---- region and zones ----
      {"MalformedRegion", kScenario + "  region: US-East-1\n", 7, 11, kObject, "spec.region",
       "invalid region name \"US-East-1\""},
      {"ZoneNotInRegion", kScenario + "  region: us-west-2\n  zones: [us-west-2a, us-east-1a]\n", 8,
       23, kObject, "spec.zones[1]",
       "zone \"us-east-1a\" is not in region us-west-2 (its zones: us-west-2a, us-west-2b, "
       "us-west-2c, us-west-2d)"},
      {"ZoneOfTheDefaultRegion", kScenario + "  zones: [us-east-1g]\n", 7, 11, kObject,
       "spec.zones[0]", "zone \"us-east-1g\" is not in region us-east-1"},
      {"NoZones", kScenario + "  zones: []\n", 7, 10, kObject, "spec.zones",
       "at least one zone is needed (omit zones for every zone of the region)"},
      {"ZoneListedTwice", kScenario + "  zones: [us-east-1a, us-east-1a]\n", 7, 23, kObject,
       "spec.zones[1]", "zone \"us-east-1a\" is listed twice"},

      // ---- cloud ----
      {"LatencyMinAboveMax", kScenario + "  cloud:\n    nodeReady: {min: 12s, max: 8s}\n", 8, 22,
       kObject, "spec.cloud.nodeReady.min", "min 12s is more than max 8s"},
      {"LatencyMinNotADuration", kScenario + "  cloud:\n    nodeReady: {min: soon, max: 8s}\n", 8,
       22, kObject, "spec.cloud.nodeReady.min", "invalid duration \"soon\""},
      {"LatencyMaxMissing", kScenario + "  cloud:\n    nodeReady: {min: 1s}\n", 8, 16, kObject,
       "spec.cloud.nodeReady.max", "required field is missing"},
      {"LatencyUnknownKey", kScenario + "  cloud:\n    nodeReady: {min: 1s, maximum: 2s}\n", 8, 35,
       kObject, "spec.cloud.nodeReady.maximum", "unknown field \"maximum\" (expected min, max)"},
      {"LatencyAsAList", kScenario + "  cloud:\n    instanceRunning: [1s, 2s]\n", 8, 22, kObject,
       "spec.cloud.instanceRunning",
       "expected a duration such as 10s (a fixed latency) or {min: 8s, max: 12s}, got a list"},
      {"NegativeLatency", kScenario + "  scheduler:\n    podStartup: -1s\n", 8, 17, kObject,
       "spec.scheduler.podStartup", "duration \"-1s\" must not be negative"},
      {"UnknownCloudField", kScenario + "  cloud:\n    nodeReadyy: 8s\n", 8, 17, kObject,
       "spec.cloud.nodeReadyy", "unknown field \"nodeReadyy\""},
      {"ProbabilityAboveOne", kScenario + "  cloud:\n    insufficientCapacityProbability: 1.5\n", 8,
       38, kObject, "spec.cloud.insufficientCapacityProbability",
       "expected a probability between 0 and 1 such as 0.05, got \"1.5\""},
      {"ProbabilityWithSevenDecimals",
       kScenario + "  cloud:\n    insufficientCapacityProbability: 0.0000001\n", 8, 38, kObject,
       "spec.cloud.insufficientCapacityProbability",
       "probability \"0.0000001\" has more than 6 decimals"},
      {"ProbabilityAsAPercentage",
       kScenario + "  cloud:\n    insufficientCapacityProbability: 5%\n", 8, 38, kObject,
       "spec.cloud.insufficientCapacityProbability", "got \"5%\""},
      {"NegativeProbability", kScenario + "  cloud:\n    insufficientCapacityProbability: -0.1\n",
       8, 38, kObject, "spec.cloud.insufficientCapacityProbability", "got \"-0.1\""},
      {"BadCapacityType",
       kScenario +
           "  cloud:\n    insufficientCapacity:\n      - {zone: us-east-1a, capacityType: Spot}\n",
       9, 42, kObject, "spec.cloud.insufficientCapacity[0].capacityType",
       "unknown capacity type \"Spot\" (expected spot or on-demand)"},
      {"ShortageZoneOutsideTheScenario",
       kScenario +
           "  zones: [us-east-1a]\n  cloud:\n    insufficientCapacity: [{zone: us-east-1b}]\n",
       9, 35, kObject, "spec.cloud.insufficientCapacity[0].zone",
       "zone \"us-east-1b\" is not one of the scenario's zones (us-east-1a)"},
      {"ShortageEndingBeforeItStarts",
       kScenario + "  cloud:\n    insufficientCapacity:\n      - {from: 30m, to: 10m}\n", 9, 25,
       kObject, "spec.cloud.insufficientCapacity[0].to", "to (10m) must be after from (30m)"},
      {"ShortageUnknownField",
       kScenario + "  cloud:\n    insufficientCapacity:\n      - {type: c5d.large}\n", 9, 16,
       kObject, "spec.cloud.insufficientCapacity[0].type", "unknown field \"type\""},

      // ---- scheduler ----
      {"BadScoringStrategy", kScenario + "  scheduler:\n    scoringStrategy: BinPacking\n", 8, 22,
       kObject, "spec.scheduler.scoringStrategy",
       "unknown scoring strategy \"BinPacking\" (expected LeastAllocated or MostAllocated)"},

      // ---- workload ----
      {"WorkloadItemWithNothingToRun", kScenario + "  workload:\n    - {at: 1m}\n", 8, 7, kObject,
       "spec.workload[0]",
       "a workload item needs one of pod, deployment, job, spark, sparkApplication or startJobRun"},
      {"WorkloadItemWithTwoThingsToRun", kScenario + "  workload:\n    - {pod: a, job: b}\n", 8, 21,
       kObject, "spec.workload[0].job",
       "a workload item has exactly one of pod, deployment, job, spark, sparkApplication or "
       "startJobRun (this one has pod and job)"},
      {"WorkloadItemAtTheEnd", kScenario + "  workload:\n    - {at: 1h, pod: a}\n", 8, 12, kObject,
       "spec.workload[0].at", "at 1h is not before the end of the scenario (1h)"},
      {"DeploymentItemWithRunTime",
       kScenario + "  workload:\n    - {deployment: web, runTime: 5m}\n", 8, 34, kObject,
       "spec.workload[0].runTime", "a Deployment's pods run until the end of the scenario"},
      {"UnknownWorkloadItemField", kScenario + "  workload:\n    - {pod: a, after: 1m}\n", 8, 23,
       kObject, "spec.workload[0].after",
       "unknown field \"after\" (expected at, pod, deployment, job, spark, sparkApplication, "
       "startJobRun, namespace, runTime, stages)"},
      {"SparkItemWithANamespace",
       kScenario + "  workload:\n    - namespace: spark\n      spark: " + kSpark + "\n", 8, 18,
       kObject, "spec.workload[0].namespace",
       "namespace belongs inside spark for a Spark application (spark.namespace)"},

      // ---- Spark applications ----
      {"SparkWithoutName", kScenario + "  workload:\n    - spark: {stages: [{taskDuration: 1s}]}\n",
       8, 14, kObject, "spec.workload[0].spark.name", "required field is missing"},
      {"SparkWithAnEmptyName",
       kScenario + "  workload:\n    - spark: {name: \"\", stages: [{taskDuration: 1s}]}\n", 8, 21,
       kObject, "spec.workload[0].spark.name", "the application name must not be empty"},
      {"SparkNamespaceNotADnsLabel",
       kScenario +
           "  workload:\n    - spark: {name: pi, namespace: Spark, stages: [{taskDuration: 1s}]}\n",
       8, 36, kObject, "spec.workload[0].spark.namespace", "invalid namespace \"Spark\""},
      {"SparkWithoutStages", kScenario + "  workload:\n    - spark: {name: pi}\n", 8, 14, kObject,
       "spec.workload[0].spark.stages", "a Spark application needs at least one stage"},
      {"SparkStageWithBothDurations",
       kScenario +
           "  workload:\n    - spark: {name: pi, stages: [{taskDuration: 1s, coreSeconds: 5}]}\n",
       8, 66, kObject, "spec.workload[0].spark.stages[0].coreSeconds",
       "give taskDuration or coreSeconds, not both"},
      {"SparkStageWithNoDuration",
       kScenario + "  workload:\n    - spark: {name: pi, stages: [{tasks: 4}]}\n", 8, 34, kObject,
       "spec.workload[0].spark.stages[0]", "a stage needs taskDuration or coreSeconds"},
      {"SparkStageWithZeroTasks",
       kScenario + "  workload:\n    - spark: {name: pi, stages: [{tasks: 0, coreSeconds: 5}]}\n",
       8, 42, kObject, "spec.workload[0].spark.stages[0].tasks", "must be at least 1, got 0"},
      {"SparkBadLanguage",
       kScenario +
           "  workload:\n    - spark: {name: pi, language: Go, stages: [{taskDuration: 1s}]}\n",
       8, 35, kObject, "spec.workload[0].spark.language",
       "unknown language \"Go\" (expected Scala, Java, Python or R)"},
      {"SparkExecutorMemoryWithASpace",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.executor.memory: 10 gb\n        stages: [{taskDuration: 1s}]\n",
       11, 34, kObject, "spec.workload[0].spark.conf.spark.executor.memory",
       "\"10 gb\" is not a JVM memory string such as 512m or 10g"},
      {"SparkPropertyThatSparkDefaults",
       kScenario + "  workload:\n    - spark:\n        name: pi\n"
                   "        conf: {spark.memory.offHeap.enabled: true}\n"
                   "        stages: [{taskDuration: 1s}]\n",
       10, 15, kObject, "spec.workload[0].spark.conf",
       "spark.memory.offHeap.size: \"0\" must be at least 1 MiB when spark.memory.offHeap.enabled "
       "is true"},
      {"SparkPropertyNotAScalar",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.executor.memory: {size: 4g}\n"
                   "        stages: [{taskDuration: 1s}]\n",
       11, 34, kObject, "spec.workload[0].spark.conf.spark.executor.memory",
       "expected a string, got a mapping"},
      {"ShufflePartitionsNotAnInteger",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.sql.shuffle.partitions: many\n"
                   "        stages: [{coreSeconds: 10}]\n",
       11, 41, kObject, "spec.workload[0].spark.conf.spark.sql.shuffle.partitions",
       "expected a positive integer, got \"many\""},

      // Dynamic allocation's properties, read when spark.dynamicAllocation.enabled is true.
      {"DynamicAllocationEnabledNotABoolean",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: maybe\n"
                   "        stages: [{taskDuration: 1s}]\n",
       11, 44, kObject, "spec.workload[0].spark.conf.spark.dynamicAllocation.enabled",
       "\"maybe\" is not a boolean (true or false)"},
      {"DynamicAllocationMinAboveMax",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.minExecutors: 5\n"
                   "          spark.dynamicAllocation.maxExecutors: 2\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 49, kObject, "spec.workload[0].spark.conf.spark.dynamicAllocation.minExecutors",
       "\"5\" is more than spark.dynamicAllocation.maxExecutors (2)"},
      {"DynamicAllocationNegativeInitialExecutors",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.initialExecutors: -1\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 53, kObject, "spec.workload[0].spark.conf.spark.dynamicAllocation.initialExecutors",
       "\"-1\" must be an integer of at least 0"},
      {"DynamicAllocationIdleTimeoutNotATime",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.executorIdleTimeout: soon\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 56, kObject, "spec.workload[0].spark.conf.spark.dynamicAllocation.executorIdleTimeout",
       "\"soon\" is not a time such as 60s, 2m or 1h"},
      {"DynamicAllocationBacklogTimeoutUnderASecond",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.schedulerBacklogTimeout: 500ms\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 60, kObject,
       "spec.workload[0].spark.conf.spark.dynamicAllocation.schedulerBacklogTimeout",
       "\"500ms\" must be at least 1s (Spark reads it in whole seconds)"},
      {"DynamicAllocationRatioAboveOne",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.executorAllocationRatio: 1.5\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 60, kObject,
       "spec.workload[0].spark.conf.spark.dynamicAllocation.executorAllocationRatio",
       "\"1.5\" must be more than 0 and at most 1"},
      {"DynamicAllocationWithoutShuffleTracking",
       kScenario + "  workload:\n    - spark:\n        name: pi\n        conf:\n"
                   "          spark.dynamicAllocation.enabled: true\n"
                   "          spark.dynamicAllocation.shuffleTracking.enabled: false\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 60, kObject,
       "spec.workload[0].spark.conf.spark.dynamicAllocation.shuffleTracking.enabled",
       "dynamic allocation needs shuffle tracking (true), an external shuffle service"},
      {"StagesOfAJobApart",
       kScenario + "  workload:\n    - spark: {name: pi, stages: [{taskDuration: 1s, job: a}, "
                   "{taskDuration: 1s, job: b}, {taskDuration: 1s, job: a}]}\n",
       8, 114, kObject, "spec.workload[0].spark.stages[2].job",
       "job \"a\" has ended: the stages of a job must follow one another"},

      // ---- arrivals ----
      {"ArrivalsCountZero",
       kScenario + "  arrivals:\n    - {meanInterval: 1m, count: 0, spark: " + kSpark + "}\n", 8,
       33, kObject, "spec.arrivals[0].count", "must be between 1 and 1000000, got 0"},
      {"ArrivalsWithoutMeanInterval",
       kScenario + "  arrivals:\n    - {count: 3, spark: " + kSpark + "}\n", 8, 7, kObject,
       "spec.arrivals[0].meanInterval", "required field is missing"},
      {"ArrivalsWithoutSpark", kScenario + "  arrivals:\n    - {meanInterval: 1m, count: 3}\n", 8,
       7, kObject, "spec.arrivals[0].spark",
       "required field is missing (expected a Spark application)"},
      {"ArrivalsSparkExecutorMemoryWithASpace",
       kScenario + "  arrivals:\n    - meanInterval: 1m\n      count: 3\n      spark:\n"
                   "        name: pi\n        conf: {spark.executor.memory: 10 gb}\n"
                   "        stages: [{taskDuration: 1s}]\n",
       12, 39, kObject, "spec.arrivals[0].spark.conf.spark.executor.memory", "10 gb"},

      // ---- variants ----
      {"DuplicateVariantName", kScenario + "  variants:\n    - name: a\n    - name: a\n", 9, 13,
       kObject, "spec.variants[1].name", "duplicate variant name \"a\" (also spec.variants[0])"},
      {"VariantNameNotALabel", kScenario + "  variants:\n    - name: Karpenter_1\n", 8, 13, kObject,
       "spec.variants[0].name", "invalid variant name \"Karpenter_1\""},
      {"VariantWithoutName", kScenario + "  variants:\n    - nodePools: [x]\n", 8, 7, kObject,
       "spec.variants[0].name", "required field is missing"},
      {"NoVariants", kScenario + "  variants: []\n", 7, 13, kObject, "spec.variants",
       "at least one variant is needed"},
      {"VariantWithNoNodePools", kScenario + "  variants:\n    - {name: a, nodePools: []}\n", 8, 28,
       kObject, "spec.variants[0].nodePools",
       "at least one NodePool is needed (omit nodePools for every NodePool)"},
      {"UnknownKarpenterSetting",
       kScenario + "  variants:\n    - name: a\n      karpenter: {consolidation: true}\n", 9, 34,
       kObject, "spec.variants[0].karpenter.consolidation",
       "unknown field \"consolidation\" (expected batchIdleDuration, batchMaxDuration, "
       "improvePacking)"},
      {"ZeroBatchIdleDuration",
       kScenario + "  variants:\n    - name: a\n      karpenter: {batchIdleDuration: 0s}\n", 9, 38,
       kObject, "spec.variants[0].karpenter.batchIdleDuration", "must be more than 0s, got 0s"},

      {"UnknownAutoscaler", kScenario + "  variants:\n    - {name: v, autoscaler: cas}\n", 8, 29,
       kObject, "spec.variants[0].autoscaler",
       "unknown autoscaler \"cas\" (expected karpenter or cluster-autoscaler)"},
      {"NodePoolsOnAClusterAutoscalerVariant",
       kScenario + "  variants:\n    - {name: v, autoscaler: cluster-autoscaler, nodePools: [a]}\n",
       8, 60, kObject, "spec.variants[0].nodePools",
       "nodePools does not apply to this variant, whose autoscaler is cluster-autoscaler"},
      {"KarpenterSettingsOnAClusterAutoscalerVariant",
       kScenario + "  variants:\n    - {name: v, autoscaler: cluster-autoscaler, karpenter: {}}\n",
       8, 60, kObject, "spec.variants[0].karpenter",
       "karpenter does not apply to this variant, whose autoscaler is cluster-autoscaler"},
      {"ClusterAutoscalerSettingsOnAKarpenterVariant",
       kScenario + "  variants:\n    - {name: v, clusterAutoscaler: {}}\n", 8, 36, kObject,
       "spec.variants[0].clusterAutoscaler",
       "clusterAutoscaler does not apply to this variant, whose autoscaler is karpenter"},
      {"NodeGroupsOnAKarpenterVariant",
       kScenario + "  variants:\n    - {name: v, autoscaler: karpenter, nodeGroups: [g]}\n", 8, 52,
       kObject, "spec.variants[0].nodeGroups",
       "nodeGroups does not apply to this variant, whose autoscaler is karpenter"},
      {"VariantWithNoNodeGroups",
       kScenario + "  variants:\n    - {name: v, autoscaler: cluster-autoscaler, nodeGroups: []}\n",
       8, 61, kObject, "spec.variants[0].nodeGroups",
       "at least one node group is needed (omit nodeGroups for every node group)"},
      {"NodeGroupListedTwice",
       kScenario +
           "  variants:\n    - {name: v, autoscaler: cluster-autoscaler, nodeGroups: [a, a]}\n",
       8, 65, kObject, "spec.variants[0].nodeGroups[1]", "node group \"a\" is listed twice"},

      // ---- Cluster Autoscaler settings ----
      {"UnknownClusterAutoscalerSetting", kCa + "        scanIntervall: 5s\n", 11, 24, kObject,
       "spec.variants[0].clusterAutoscaler.scanIntervall",
       "unknown field \"scanIntervall\" (expected scanInterval, expander, priorities, "},
      {"ZeroScanInterval", kCa + "        scanInterval: 0s\n", 11, 23, kObject,
       "spec.variants[0].clusterAutoscaler.scanInterval", "must be more than 0s, got 0s"},
      {"PriceExpander", kCa + "        expander: price\n", 11, 19, kObject,
       "spec.variants[0].clusterAutoscaler.expander",
       "the price expander is not available on AWS (Pricing() is not implemented)"},
      {"GrpcExpander", kCa + "        expander: least-waste,grpc\n", 11, 19, kObject,
       "spec.variants[0].clusterAutoscaler.expander",
       "the grpc expander (an external gRPC server) is not supported"},
      {"UnknownExpander", kCa + "        expander: cheapest\n", 11, 19, kObject,
       "spec.variants[0].clusterAutoscaler.expander",
       "unknown expander \"cheapest\" (expected random, most-pods, least-nodes, least-waste or "
       "priority)"},
      {"ExpanderListedTwice", kCa + "        expander: least-waste,priority,least-waste\n", 11, 19,
       kObject, "spec.variants[0].clusterAutoscaler.expander",
       "expander \"least-waste\" is listed twice"},
      {"ExpanderAfterRandom", kCa + "        expander: random,priority\n", 11, 19, kObject,
       "spec.variants[0].clusterAutoscaler.expander",
       "nothing may follow random (it always leaves one option), got \"random,priority\""},
      {"EmptyExpanderName", kCa + "        expander: \"priority,\"\n", 11, 19, kObject,
       "spec.variants[0].clusterAutoscaler.expander", "empty expander name in \"priority,\""},
      {"PriorityNotAnInteger", kCa + "        priorities: {high: [spot]}\n", 11, 28, kObject,
       "spec.variants[0].clusterAutoscaler.priorities.high", "priority \"high\" is not an integer"},
      {"PriorityRegexDoesNotCompile", kCa + "        priorities: {10: [\"(spot\"]}\n", 11, 27,
       kObject, "spec.variants[0].clusterAutoscaler.priorities.10[0]",
       "invalid regular expression \"(spot\""},
      {"PriorityRegexTooLong", kCa + "        priorities: {10: [" + std::string(1001, 'a') + "]}\n",
       11, 27, kObject, "spec.variants[0].clusterAutoscaler.priorities.10[0]",
       "a regular expression may have at most 1000 characters, this one has 1001"},
      {"PriorityNotAList", kCa + "        priorities: {10: spot}\n", 11, 26, kObject,
       "spec.variants[0].clusterAutoscaler.priorities.10",
       "expected a list of regular expressions matched against node-group names"},
      {"PrioritiesAList", kCa + "        priorities: [spot]\n", 11, 21, kObject,
       "spec.variants[0].clusterAutoscaler.priorities",
       "expected a mapping of priority to a list of regular expressions"},
      {"PrioritiesStringWithABadRegex",
       kCa + "        priorities: |-\n          10:\n            - .*spot.*\n          20:\n"
             "            - \"[a-\"\n",
       11, 21, kObject, "spec.variants[0].clusterAutoscaler.priorities",
       "in the priorities string, line 4, column 5 (20[0]): invalid regular expression \"[a-\""},
      {"PrioritiesStringNotYaml", kCa + "        priorities: \"10: [a\"\n", 11, 21, kObject,
       "spec.variants[0].clusterAutoscaler.priorities", "the priorities string is not valid YAML"},
      {"ZeroUtilizationThreshold", kCa + "        scaleDownUtilizationThreshold: 0\n", 11, 40,
       kObject, "spec.variants[0].clusterAutoscaler.scaleDownUtilizationThreshold",
       "must be more than 0"},
      {"UtilizationThresholdAboveOne", kCa + "        scaleDownUtilizationThreshold: 1.5\n", 11, 40,
       kObject, "spec.variants[0].clusterAutoscaler.scaleDownUtilizationThreshold",
       "expected a utilization threshold between 0 and 1 such as 0.5, got \"1.5\""},
      {"UtilizationThresholdTooPrecise", kCa + "        scaleDownUtilizationThreshold: 0.1234567\n",
       11, 40, kObject, "spec.variants[0].clusterAutoscaler.scaleDownUtilizationThreshold",
       "utilization threshold \"0.1234567\" has more than 6 decimals"},
      {"MaxBackoffBelowInitial",
       kCa + "        initialNodeGroupBackoffDuration: 10m\n        maxNodeGroupBackoffDuration: "
             "5m\n",
       12, 38, kObject, "spec.variants[0].clusterAutoscaler.maxNodeGroupBackoffDuration",
       "is less than initialNodeGroupBackoffDuration"},
      {"InitialBackoffAboveTheDefaultMax", kCa + "        initialNodeGroupBackoffDuration: 1h\n",
       11, 42, kObject, "spec.variants[0].clusterAutoscaler.initialNodeGroupBackoffDuration",
       "is less than initialNodeGroupBackoffDuration"},
      {"ZeroScaleDownParallelism", kCa + "        maxScaleDownParallelism: 0\n", 11, 34, kObject,
       "spec.variants[0].clusterAutoscaler.maxScaleDownParallelism", "must be at least 1, got 0"},
      {"NegativeMaxNodesTotal", kCa + "        maxNodesTotal: -1\n", 11, 24, kObject,
       "spec.variants[0].clusterAutoscaler.maxNodesTotal", "must be at least 0, got -1"},
      {"QuotedBalanceSimilarNodeGroups", kCa + "        balanceSimilarNodeGroups: \"true\"\n", 11,
       35, kObject, "spec.variants[0].clusterAutoscaler.balanceSimilarNodeGroups",
       "write it without quotes"},
      {"NegativeUnneededTime", kCa + "        scaleDownUnneededTime: -1m\n", 11, 32, kObject,
       "spec.variants[0].clusterAutoscaler.scaleDownUnneededTime", "must not be negative"},
      {"ScalingActivityMinAboveMax",
       kScenario + "  cloud:\n    scalingActivity: {min: 20s, max: 5s}\n", 8, 28, kObject,
       "spec.cloud.scalingActivity.min", "min 20s is more than max 5s"},

      // ---- references to other objects, checked once everything is decoded ----
      {"ClusterAutoscalerVariantWithoutNodeGroups",
       kScenario + "  variants: [{name: v, autoscaler: cluster-autoscaler}]\n", 7, 36, kObject,
       "spec.variants[0].autoscaler",
       "a cluster-autoscaler variant needs node groups, and no eksctl ClusterConfig among the "
       "inputs has managedNodeGroups or nodeGroups"},
      {"VariantNamesAMissingNodeGroup",
       kScenario + "  variants: [{name: v, autoscaler: cluster-autoscaler, nodeGroups: [x]}]\n" +
           cluster_config("g"),
       7, 69, kObject, "spec.variants[0].nodeGroups[0]",
       "node group \"x\" is not among the inputs (no eksctl ClusterConfig defines it)"},
      {"NodeGroupOutsideTheScenarioZones",
       kScenario +
           "  zones: [us-east-1a]\n"
           "  variants: [{name: v, autoscaler: cluster-autoscaler, nodeGroups: [g]}]\n" +
           cluster_config("g", ", availabilityZones: [us-east-1c, us-east-1d]"),
       8, 69, kObject, "spec.variants[0].nodeGroups[0]",
       "node group \"g\" launches only in us-east-1c, us-east-1d, none of which the scenario "
       "simulates (us-east-1a)"},
      {"ANodeGroupOutsideTheScenarioRegion",
       kScenario +
           "  region: us-west-2\n  variants: [{name: v, autoscaler: cluster-autoscaler}]\n" +
           cluster_config("g", ", availabilityZones: [us-east-1a]"),
       8, 36, kObject, "spec.variants[0].autoscaler",
       "node group \"g\" launches only in us-east-1a, none of which the scenario simulates "
       "(us-west-2a, us-west-2b, us-west-2c, us-west-2d)"},
      {"VariantNamesAMissingNodePool",
       kScenario + "  variants:\n    - {name: a, nodePools: [general, spark]}\n" + pool("general"),
       8, 38, kObject, "spec.variants[0].nodePools[1]",
       "NodePool \"spark\" is not among the inputs"},
      {"WorkloadItemNamesAMissingJob",
       kScenario + "  workload:\n    - {at: 1m, job: etl, runTime: 5m}\n" + pool("general"), 8, 21,
       kObject, "spec.workload[0].job", "Job \"default/etl\" is not among the inputs"},
      {"WorkloadItemNamesAPodOfAnotherNamespace",
       kScenario + "  workload:\n    - {pod: web-0}\n---\napiVersion: v1\nkind: Pod\n"
                   "metadata: {name: web-0, namespace: shop}\nspec: {containers: [{name: c}]}\n",
       8, 13, kObject, "spec.workload[0].pod",
       "Pod \"default/web-0\" is not among the inputs (there is one in namespace \"shop\")"},
      {"WorkloadItemNamesAMissingDeployment",
       kScenario + "  workload:\n    - {deployment: api, namespace: shop}\n", 8, 20, kObject,
       "spec.workload[0].deployment", "Deployment \"shop/api\" is not among the inputs"},
      {"JobWithoutARunTime", kScenario + "  workload:\n    - {job: etl}\n" + job(), 8, 13, kObject,
       "spec.workload[0].job",
       "a Job needs a run time: set runTime on this item, or the nodewright.io/run-time "
       "annotation on Job \"default/etl\" or its pod template"},

      // ---- Deployments and Jobs ----
      {"NegativeReplicas",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n"
       "  template: {spec: {containers: [{name: c}]}}\n",
       5, 13, "Deployment \"default/web\"", "spec.replicas", "must be at least 0, got -1"},
      {"DeploymentTemplateWithoutContainers",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n"
       "  template: {spec: {containers: []}}\n",
       6, 33, "Deployment \"default/web\"", "spec.template.spec.containers",
       "a pod needs at least one container"},
      {"DeploymentOfAnotherApiVersion",
       "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\n", 1, 13,
       "Deployment \"default/web\"", "apiVersion",
       "apiVersion \"extensions/v1beta1\" is not served for Deployment (expected apps/v1)"},
      {"ZeroParallelism",
       "apiVersion: batch/v1\nkind: Job\nmetadata: {name: etl}\nspec:\n  parallelism: 0\n"
       "  template: {spec: {containers: [{name: c}]}}\n",
       5, 16, "Job \"default/etl\"", "spec.parallelism", "must be at least 1, got 0"},
      {"ZeroCompletions",
       "apiVersion: batch/v1\nkind: Job\nmetadata: {name: etl}\nspec:\n  completions: 0\n"
       "  template: {spec: {containers: [{name: c}]}}\n",
       5, 16, "Job \"default/etl\"", "spec.completions", "must be at least 1, got 0"},
      {"JobRunTimeAnnotationNotADuration",
       "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: etl\n"
       "  annotations: {nodewright.io/run-time: soon}\nspec:\n"
       "  template: {spec: {containers: [{name: c}]}}\n",
       5, 41, "Job \"default/etl\"", "metadata.annotations.nodewright.io/run-time",
       "invalid duration \"soon\""},
      {"JobTemplateRunTimeAnnotationNegative",
       "apiVersion: batch/v1\nkind: Job\nmetadata: {name: etl}\nspec:\n  template:\n"
       "    metadata: {annotations: {nodewright.io/run-time: -5m}}\n"
       "    spec: {containers: [{name: c}]}\n",
       6, 54, "Job \"default/etl\"", "spec.template.metadata.annotations.nodewright.io/run-time",
       "duration \"-5m\" must not be negative"},
      {"PodRunTimeAnnotationNotADuration",
       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
       "  annotations: {nodewright.io/run-time: 10}\nspec: {containers: [{name: c}]}\n",
       5, 41, "Pod \"default/p\"", "metadata.annotations.nodewright.io/run-time",
       "missing or unknown unit"},
  };
}

NW_LOCATED_ERROR_CORPUS(BadScenarioTest, cases)

// ---- whole-input behaviour -------------------------------------------------------------------

TEST(BadScenarioTest, AReferenceToAnObjectThatFailedToDecodeIsNotReportedAgain) {
  std::vector<Diagnostic> errors = load_errors(
      {{"scenario.yaml",
        kScenario +
            "  workload:\n    - {job: etl}\n  variants:\n    - {name: a, nodePools: [p]}\n"},
       {"objects.yaml", job(", annotations: {nodewright.io/run-time: soon}") +
                            "---\napiVersion: karpenter.sh/v1\nkind: NodePool\n"
                            "metadata: {name: p}\nspec: {weight: 0}\n"}});
  ASSERT_EQ(errors.size(), 2u) << describe(errors);
  EXPECT_EQ(errors[0].object, "Job \"default/etl\"");
  EXPECT_EQ(errors[1].object, "NodePool \"p\"");
}

TEST(BadScenarioTest, ANodeGroupOfAClusterConfigThatFailedToDecodeIsNotReportedAgain) {
  std::vector<Diagnostic> errors = load_errors(
      kScenario + "  variants: [{name: v, autoscaler: cluster-autoscaler, nodeGroups: [g]}]\n" +
      "---\napiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: c}\n"
      "managedNodeGroups: [{name: g}]\n");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].object, "ClusterConfig \"c\"");
  EXPECT_EQ(errors[0].field, "managedNodeGroups[0]");
}

TEST(BadScenarioTest, ReferenceErrorsFollowTheDecodingErrorsOneForEachScenario) {
  std::vector<Diagnostic> errors =
      load_errors({{"a.yaml", kScenario + "  workload:\n    - {pod: nope}\n"},
                   {"b.yaml",
                    "apiVersion: nodewright.io/v1alpha1\nkind: Scenario\nmetadata: {name: t}\n"
                    "spec:\n  duration: 1h\n  variants: [{name: v, nodePools: [x]}, "
                    "{name: w, nodePools: [y]}]\n"},
                   {"c.yaml",
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
                    "spec: {replicas: -2, template: {spec: {containers: [{name: c}]}}}\n"}});
  ASSERT_EQ(errors.size(), 3u) << describe(errors);
  EXPECT_EQ(errors[0].to_string(),
            "c.yaml:4:18: Deployment \"default/d\": spec.replicas: must be at least 0, got -2");
  EXPECT_EQ(errors[1].to_string(),
            "a.yaml:8:13: Scenario \"s\": spec.workload[0].pod: Pod \"default/nope\" is not "
            "among the inputs");
  // Only the first bad reference of a Scenario is reported, as for any other object.
  EXPECT_EQ(errors[2].to_string(),
            "b.yaml:6:36: Scenario \"t\": spec.variants[0].nodePools[0]: NodePool \"x\" is not "
            "among the inputs");
}

TEST(BadScenarioTest, AReferenceErrorInsideAListNamesTheItem) {
  std::vector<Diagnostic> errors = load_errors(R"(apiVersion: v1
kind: List
items:
  - apiVersion: nodewright.io/v1alpha1
    kind: Scenario
    metadata: {name: s}
    spec:
      duration: 1h
      workload: [{job: etl, runTime: 1m}]
)");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].to_string(),
            "input.yaml:9:24: Scenario \"s\": items[0].spec.workload[0].job: Job \"default/etl\" "
            "is not among the inputs");
}

TEST(BadScenarioTest, DuplicateScenarioNamesAreAnError) {
  std::vector<Diagnostic> errors = load_errors(kScenario + "---\n" + kScenario);
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].to_string(),
            "input.yaml:11:9: Scenario \"s\": metadata.name: duplicate name: Scenario \"s\" is "
            "already defined at input.yaml:4");
}

}  // namespace
}  // namespace nw::input
