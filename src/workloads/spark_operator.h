// The Spark Operator's SparkApplication (sparkoperator.k8s.io/v1beta2, cas-yunikorn-spark.md §4)
// as the simulator keeps it: the object's identity and the Spark application the Operator submits
// for it. src/input/ converts the object's fields the way the Operator does, so that pods are
// sized by spark_pods like every other Spark input:
//
//   - spark-submit `--conf`s in the Operator's order (later wins): spark.kubernetes.namespace,
//     memoryOverheadFactor, sparkConf, the driver's fields (labels, pod name "<name>-driver",
//     cores, coreRequest, coreLimit, memory, memoryOverhead, labels, annotations), the
//     executor's (the same, plus instances), spec.nodeSelector, dynamicAllocation
//     (controller/sparkapplication/submission.go). So a field wins over the same sparkConf key;
//   - what the Operator's mutating webhook applies to the created pods
//     (webhook/sparkpod_defaulter.go) is written into the pod templates, which Spark keeps: the
//     driver's ownerReference to the SparkApplication, priorityClassName, schedulerName
//     (batchScheduler first), the role's nodeSelector (winning over Spark's selectors),
//     affinity (replacing the template's), tolerations (appended).
#pragma once

#include <string_view>

#include "model/object_meta.h"
#include "workloads/spark.h"

namespace nw::workloads {

inline constexpr std::string_view kSparkOperatorAppNameLabel = "sparkoperator.k8s.io/app-name";
inline constexpr std::string_view kSparkOperatorLaunchedLabel =
    "sparkoperator.k8s.io/launched-by-spark-operator";
inline constexpr std::string_view kSparkOperatorMutatedLabel =
    "sparkoperator.k8s.io/mutated-by-spark-operator";
inline constexpr std::string_view kSparkOperatorSubmissionIdLabel =
    "sparkoperator.k8s.io/submission-id";

struct SparkOperatorApplication {
  model::ObjectMeta meta;
  // Named after the object, in its namespace; no stages (a Scenario's workload item gives them).
  SparkApplication application;
  friend bool operator==(const SparkOperatorApplication&,
                         const SparkOperatorApplication&) = default;
};

}  // namespace nw::workloads
