// Spark applications as spark-submit describes them (`--conf` properties), and the pods Spark on
// Kubernetes creates for them, sized exactly as Spark 3.5 sizes them (cas-yunikorn-spark.md §3):
//
//   - memory request = limit = memory + overhead (+ off-heap and PySpark memory for executors);
//     overhead = memoryOverhead if given, else max(floor(factor × memory), minMemoryOverhead or
//     384 MiB); factor = the role's memoryOverheadFactor, else
//     spark.kubernetes.memoryOverheadFactor, else 0.10 for JVM and 0.40 for Python/R applications.
//     The factor is read as an exact decimal (digits beyond 10^-18 are dropped) and the product is
//     floored in integers. Spark floors a double product, which can come out 1 MiB lower (0.29 ×
//     1500 is 434.99999999999994 in doubles; 435 here);
//   - cpu request = request.cores (a Kubernetes quantity) or cores (an integer); a cpu limit only
//     when limit.cores is set;
//   - node selectors (common, then per role, which wins), labels, annotations ({{APP_ID}} and
//     {{EXECUTOR_ID}} substituted in annotation values, as Spark does) and the reserved Spark
//     labels, which a `spark.kubernetes.{driver,executor}.label.<k>` property may not set;
//   - pod templates: the template's pod is kept (tolerations, affinity, priority, sidecars...); the
//     Spark container (podTemplateContainerName if present, else the first) has its cpu and memory
//     requests and memory limit overwritten (its cpu limit too when limit.cores is set) and, as in
//     Spark, is placed after the template's other containers.
//
// Values are read as Spark reads them: integers and booleans after trimming blanks, JVM memory
// and time strings as JavaUtils does. A malformed or out-of-range value is a SparkConfError naming
// the property; properties this model does not read are ignored, as Spark ignores unknown ones.
// Integers only: no floating point, clock or random number decides anything.
//
// Executor allocation and dynamic allocation are read here into their settings (SparkPods,
// DynamicAllocation) with Spark's defaults, some of which depend on the Spark release
// (spark_release); the rules that use them are in workloads/dynamic_allocation.h and the
// simulator's Spark controller (sim/workloads.h).
//
// Not modelled: custom resources (spark.{driver,executor}.resource.<r>.amount), the spark-version
// label, volumes.
//
// Other Spark front ends (the Spark Operator's SparkApplication, EMR StartJobRun) are converted
// into a SparkApplication, so sizing has one definition.
#pragma once

#include <cstdint>
#include <limits>
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
//
// Stages belong to Spark jobs: consecutive stages with the same `job` form one job, and every
// stage of a job but its last is a shuffle map stage, whose output (held by the executors that ran
// its tasks) is needed until the job's last stage ends. Jobs are numbered from 0 in order.
struct SparkStage {
  int64_t tasks = 0;
  model::Duration task_duration;
  int32_t job = 0;
  friend bool operator==(const SparkStage&, const SparkStage&) = default;
};

enum class SparkLanguage { Jvm, Python, R };

struct SparkApplication {
  // The application name (spark.app.name, which is read when this is empty; "spark" when both
  // are); names its pods through spark_name_prefix.
  std::string name;
  std::string namespace_ = "default";
  SparkLanguage language = SparkLanguage::Jvm;
  // The Spark release the application runs on ("3.5.1"; from a SparkApplication's sparkVersion
  // or an EMR release label). Defaults that changed between releases follow it; empty = 3.5.
  std::string spark_version;
  model::Labels conf;  // `--conf` properties, sorted by key
  // Pod templates (spark.kubernetes.{driver,executor}.podTemplateFile), already read.
  std::optional<model::PodTemplate> driver_template;
  std::optional<model::PodTemplate> executor_template;
  std::vector<SparkStage> stages;
  friend bool operator==(const SparkApplication&, const SparkApplication&) = default;
};

// Labels Spark sets on its pods. A `spark.kubernetes.<role>.label.<k>` property may not set one
// that Spark sets on that role's pods (the driver has no spark-exec-id or resource-profile label).
inline constexpr std::string_view kSparkAppSelectorLabel = "spark-app-selector";
inline constexpr std::string_view kSparkRoleLabel = "spark-role";  // "driver" or "executor"
inline constexpr std::string_view kSparkAppNameLabel = "spark-app-name";
inline constexpr std::string_view kSparkExecIdLabel = "spark-exec-id";
inline constexpr std::string_view kSparkResourceProfileIdLabel = "spark-exec-resourceprofile-id";

// spark.dynamicAllocation.* (and spark.kubernetes.dynamicAllocation.deleteGracePeriod), with
// Spark's defaults and checks (ExecutorAllocationManager.validateSettings). Times that Spark reads
// in whole seconds (the backlog and idle timeouts) are truncated to seconds as Spark truncates
// them. Read and checked but without effect here: cachedExecutorIdleTimeout (no cached blocks are
// modelled) and shuffleTracking.timeout (a job's shuffle output is taken to be cleaned when the job
// ends, so it never outlives its job; see workloads/dynamic_allocation.h).
struct DynamicAllocation {
  int32_t min_executors = 0;                                    // minExecutors, ≤ max_executors
  int32_t max_executors = std::numeric_limits<int32_t>::max();  // maxExecutors, ≥ 1
  // executorAllocationRatio as an exact decimal in parts per 10^18: in (0, 10^18].
  int64_t allocation_ratio = kAllocationRatioOne;
  model::Duration scheduler_backlog_timeout = model::Duration::seconds(1);            // ≥ 1 s
  model::Duration sustained_scheduler_backlog_timeout = model::Duration::seconds(1);  // ≥ 1 s
  model::Duration executor_idle_timeout = model::Duration::seconds(60);
  // shuffleTracking.enabled (default true since Spark 3.4, false before), and no external
  // shuffle service (spark.shuffle.service.enabled), which would serve the shuffle data instead.
  bool shuffle_tracking = true;
  model::Duration delete_grace_period = model::Duration::seconds(5);
  static constexpr int64_t kAllocationRatioOne = 1'000'000'000'000'000'000;
  friend bool operator==(const DynamicAllocation&, const DynamicAllocation&) = default;
};

// What Spark creates for an application, and the settings that pace it.
struct SparkPods {
  std::string app_id;  // spark-app-selector: spark_app_id(namespace, name)
  // Named "<name>-driver" (spark.kubernetes.driver.pod.name if set), in the application's
  // namespace (spark.kubernetes.namespace if set). No uid is set.
  model::Pod driver;
  // Executor pods are this template named "<name>-exec-<id>" with spark-exec-id=<id> (see
  // executor_pod). Its meta has the namespace, labels, annotations and the ownerReference to the
  // driver; its name is left empty.
  model::PodTemplate executor;
  // The executors requested at the start: spark.executor.instances (default 2); with dynamic
  // allocation max(minExecutors, initialExecutors, spark.executor.instances (default 0)).
  int32_t executor_instances = 2;
  int32_t task_slots_per_executor = 1;  // floor(executor cores / spark.task.cpus)
  // spark.kubernetes.allocation.batch.size; its default follows the release: 5 up to 3.5, 10 in
  // 4.0 and 4.1, 20 from 4.2.
  int32_t allocation_batch_size = 5;
  // spark.kubernetes.allocation.batch.delay: the time between the allocator's rounds.
  model::Duration allocation_batch_delay = model::Duration::seconds(1);
  // spark.kubernetes.allocation.maxPendingPods: executor pods not running, at most.
  int32_t max_pending_pods = std::numeric_limits<int32_t>::max();
  // Set when spark.dynamicAllocation.enabled is true.
  std::optional<DynamicAllocation> dynamic_allocation;
  friend bool operator==(const SparkPods&, const SparkPods&) = default;
};

// A property that Spark would reject, or that cannot be read.
struct SparkConfError {
  std::string key;      // the property, e.g. "spark.executor.memory"
  std::string message;  // quotes the bad value and says what is expected
  friend bool operator==(const SparkConfError&, const SparkConfError&) = default;
};

// The pods for `app`, or the first property (in a fixed order) that Spark would reject. A
// spark_version that spark_release cannot read is reported with the key "sparkVersion".
std::variant<SparkPods, SparkConfError> spark_pods(const SparkApplication& app);

// A Spark release's major and minor version.
struct SparkRelease {
  int32_t major = 3;
  int32_t minor = 5;
  friend auto operator<=>(const SparkRelease&, const SparkRelease&) = default;
};

// "3.5.1", "4.0", "4.1.0-preview2" → {3, 5}, {4, 0}, {4, 1}: digits, '.', digits, then nothing or
// '.' or '-' and anything. Empty text is 3.5 (SparkApplication::spark_version's default). nullopt
// when malformed ("4", "v3.5", "3.x", "3.5a").
std::optional<SparkRelease> spark_release(std::string_view version);

// The executor pod with id `id` (1, 2, ...), as Spark names and labels it: `pods.executor` named
// "<prefix>-exec-<id>", labelled spark-exec-id=<id>, with {{EXECUTOR_ID}} substituted in the
// annotation values the application's properties give. `pods` must be spark_pods(app).
model::Pod executor_pod(const SparkApplication& app, const SparkPods& pods, int32_t id);

// The application's name as Spark turns it into a resource-name prefix: lower case, every
// character outside [a-z0-9-] becomes '-', runs of '-' collapse to one, leading and trailing '-'
// are dropped; "spark" when nothing is left. ("My App_2" → "my-app-2".)
std::string spark_name_prefix(std::string_view name);

// "spark-" + 32 lowercase hex digits: two 64-bit FNV-1a hashes (different offset bases) of
// "<namespace>/<name>". Stands in for Spark's random UUID, deterministically.
std::string spark_app_id(std::string_view namespace_, std::string_view name);

// A JVM memory string ("512m", "10g", "1024k", "2gb"; case-insensitive) in MiB, rounded down as
// Spark's byteStringAsMb does; a bare number is in `default_unit` ('m' for MiB, 'b' for bytes...).
// `default_unit` is one of b k m g t p. Blanks around the text are ignored, as Spark trims them.
// nullopt when malformed ("10 gb", "1.5g", "ten", "", "-1g") or beyond int64 once converted.
std::optional<int64_t> parse_spark_memory_mib(std::string_view text, char default_unit = 'm');

// A Spark time string read as whole seconds (JavaUtils.timeStringAsSec): a bare number is in
// seconds and finer units are truncated toward zero ("1500ms" is 1). nullopt when malformed or
// beyond int64 milliseconds once converted back.
std::optional<int64_t> parse_spark_time_s(std::string_view text);

// A Spark time string ("1s", "500ms", "2m", "1min", "3h", "1d", "250us"; case-insensitive) in
// milliseconds, as JavaUtils.timeStringAs(text, MILLISECONDS) reads it: an optionally negative
// integer and an optional unit (us ms s m min h d); a bare number is in milliseconds; finer units
// are truncated toward zero. Blanks around the text are ignored. nullopt when malformed ("1.5s",
// "1 s", "soon") or beyond int64 milliseconds.
std::optional<int64_t> parse_spark_time_ms(std::string_view text);

}  // namespace nw::workloads
