// Spark applications as spark-submit describes them (`--conf` properties), and the pods Spark on
// Kubernetes creates for them, sized exactly as Spark sizes them (cas-yunikorn-spark.md §3.1):
// memory request = limit = memory + overhead (max(factor × memory, 384 MiB) unless given), the
// factor 0.10 for JVM and 0.40 for Python/R applications; cpu request = request.cores or cores;
// a cpu limit only when limit.cores is set; node selectors, labels and the reserved Spark labels.
//
// Other Spark front ends (the Spark Operator's SparkApplication, EMR StartJobRun) are converted
// into a SparkApplication, so sizing has one definition.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/duration.h"
#include "model/labels.h"
#include "model/pod.h"
#include "model/workload.h"

namespace nw::workloads {

// One stage of the application's work: `tasks` tasks of `task_duration` each, run on the
// executors' task slots as they become free. Stages run one after another.
struct SparkStage {
  int64_t tasks = 0;
  model::Duration task_duration;
  friend bool operator==(const SparkStage&, const SparkStage&) = default;
};

enum class SparkLanguage { Jvm, Python, R };

struct SparkApplication {
  std::string name;  // the application name (spark.app.name); names its pods
  std::string namespace_ = "default";
  SparkLanguage language = SparkLanguage::Jvm;
  model::Labels conf;  // `--conf` properties, sorted by key
  // Pod templates (spark.kubernetes.{driver,executor}.podTemplateFile), already read.
  std::optional<model::PodTemplate> driver_template;
  std::optional<model::PodTemplate> executor_template;
  std::vector<SparkStage> stages;
  friend bool operator==(const SparkApplication&, const SparkApplication&) = default;
};

// What Spark creates for an application, and the settings that pace it.
struct SparkPods {
  std::string app_id;  // spark-app-selector: "spark-" + 32 hex digits, derived from the name
  model::Pod driver;   // named "<name>-driver"
  // Executor pods are this template named "<name>-exec-<id>" with spark-exec-id=<id>.
  model::PodTemplate executor;
  int32_t executor_instances = 2;      // spark.executor.instances
  int32_t task_slots_per_executor = 1;  // floor(executor cores / spark.task.cpus)
  int32_t allocation_batch_size = 5;    // spark.kubernetes.allocation.batch.size (Spark 3.5)
  model::Duration allocation_batch_delay = model::Duration::seconds(1);
  friend bool operator==(const SparkPods&, const SparkPods&) = default;
};

// A property that Spark would reject, or that cannot be read.
struct SparkConfError {
  std::string key;  // the property, e.g. "spark.executor.memory"
  std::string message;
};

std::variant<SparkPods, SparkConfError> spark_pods(const SparkApplication& app);

// The executor pod with id `id` (1, 2, ...), as Spark names and labels it.
model::Pod executor_pod(const SparkApplication& app, const SparkPods& pods, int32_t id);

// A JVM memory string ("512m", "10g", "1024k", "2gb"; case-insensitive) in MiB, rounded down as
// Spark's byteStringAsMb does; a bare number is in `default_unit` ('m' for MiB, 'b' for bytes...).
// nullopt when malformed ("10 gb", "ten", "-1g").
std::optional<int64_t> parse_spark_memory_mib(std::string_view text, char default_unit = 'm');

}  // namespace nw::workloads
