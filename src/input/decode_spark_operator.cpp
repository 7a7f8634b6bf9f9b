// SparkApplication (sparkoperator.k8s.io/v1beta2): converted into the Spark application the
// Spark Operator submits for it, in the Operator's order (workloads/spark_operator.h). Like the
// other Kubernetes kinds, fields this model does not read (image, mainApplicationFile, volumes,
// restartPolicy...) are ignored.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "input/decoders.h"
#include "input/spark_submission.h"
#include "workloads/spark_operator.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr std::string_view kDriverContainer = "spark-kubernetes-driver";
constexpr std::string_view kExecutorContainer = "spark-kubernetes-executor";

// A DNS-1035 label: what the Operator's validator requires of a SparkApplication's name.
bool is_dns1035_label(std::string_view s) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return !s.empty() && s.size() <= 63 && s.front() >= 'a' && s.front() <= 'z' && alnum(s.back()) &&
         std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-'; });
}

workloads::SparkLanguage language(const Field& f) {
  std::string type = f.optional_string().value_or("Scala");
  if (type == "Scala" || type == "Java") return workloads::SparkLanguage::Jvm;
  if (type == "Python") return workloads::SparkLanguage::Python;
  if (type == "R") return workloads::SparkLanguage::R;
  f.fail(fmt::format("unknown type \"{}\" (expected Java, Scala, Python or R)", type));
}

// The Operator's submission id is a random UUID; this one is derived from the object's identity,
// in UUID form, so runs are repeatable.
std::string submission_id(const model::ObjectMeta& meta) {
  std::string hex = workloads::spark_app_id(meta.namespace_, "submission/" + meta.name).substr(6);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20, 12));
}

// Spark's versions before 3.0 cannot read pod templates (the Operator's validator).
bool before_spark_3(std::string_view version) {
  return version.starts_with("1.") || version.starts_with("2.");
}

enum class Role { Driver, Executor };

struct RoleNames {
  std::string_view name;       // "driver"
  std::string_view container;  // Spark's container name, which the Operator's template names
};

RoleNames names(Role role) {
  return role == Role::Driver ? RoleNames{"driver", kDriverContainer}
                              : RoleNames{"executor", kExecutorContainer};
}

// driverConfOption / executorConfOption: the role's labels, sizing, labels and annotations.
void role_conf(SparkSubmission& s, Role role, const Field& spec, const Field& metadata,
               const model::ObjectMeta& meta, const std::string& submission) {
  const std::string_view r = names(role).name;
  Field f = spec[r];
  auto label = [&](std::string_view key, std::string value, const Field& origin) {
    s.set(fmt::format("spark.kubernetes.{}.label.{}", r, key), std::move(value), origin);
  };
  label(workloads::kSparkOperatorAppNameLabel, meta.name, metadata["name"]);
  label(workloads::kSparkOperatorLaunchedLabel, "true", metadata["name"]);
  if (before_spark_3(s.app().spark_version) || !f["template"].present()) {
    label(workloads::kSparkOperatorMutatedLabel, "true", metadata["name"]);
  }
  label(workloads::kSparkOperatorSubmissionIdLabel, submission, metadata["name"]);

  if (role == Role::Executor) {
    if (auto instances = f["instances"].optional_integer(0, kInt32Max)) {
      s.set("spark.executor.instances", std::to_string(*instances), f["instances"]);
    }
  }
  if (auto cores = f["cores"].optional_integer(1, kInt32Max)) {
    s.set(fmt::format("spark.{}.cores", r), std::to_string(*cores), f["cores"]);
  }
  const std::pair<std::string_view, std::string> strings[] = {
      {"coreRequest", fmt::format("spark.kubernetes.{}.request.cores", r)},
      {"coreLimit", fmt::format("spark.kubernetes.{}.limit.cores", r)},
      {"memory", fmt::format("spark.{}.memory", r)},
      {"memoryOverhead", fmt::format("spark.{}.memoryOverhead", r)},
  };
  for (const auto& [field, key] : strings) {
    if (auto value = f[field].optional_string()) s.set(key, *value, f[field]);
  }
  for (const auto& [key, value] : metadata["labels"].string_map()) {
    label(key, value, metadata["labels"][key]);
  }
  for (const auto& [key, value] : f["labels"].string_map()) label(key, value, f["labels"][key]);
  for (const auto& [key, value] : f["annotations"].string_map()) {
    s.set(fmt::format("spark.kubernetes.{}.annotation.{}", r, key), value, f["annotations"][key]);
  }
}

// What the Operator's pod webhook applies to the pod Spark created, written into the role's
// template (which Spark keeps). The role's nodeSelector is written as the role's node-selector
// properties instead: those win over every other selector, as the webhook's merge does.
void webhook_mutations(SparkSubmission& s, Role role, const Field& spec,
                       const std::optional<std::string>& batch_scheduler,
                       std::optional<model::PodTemplate>& pod_template) {
  const std::string_view r = names(role).name;
  Field f = spec[r];
  model::PodSpec given = pod_spec(f, PodSpecSource::SparkTemplate);
  if (f["terminationGracePeriodSeconds"].present()) {
    (void)f["terminationGracePeriodSeconds"].integer(0, std::numeric_limits<int64_t>::max());
  }
  for (const auto& [key, value] : given.node_selector) {
    s.set(fmt::format("spark.kubernetes.{}.node.selector.{}", r, key), value,
          f["nodeSelector"][key]);
  }
  if (!pod_template) pod_template.emplace();
  model::PodSpec& spec_out = pod_template->spec;
  for (model::Container& c : given.init_containers) spec_out.init_containers.push_back(c);
  if (!given.priority_class_name.empty()) {
    spec_out.priority_class_name = given.priority_class_name;
    spec_out.priority = 0;  // the webhook clears it; admission resolves the class again
  }
  if (batch_scheduler) {
    spec_out.scheduler_name = *batch_scheduler;
  } else if (f["schedulerName"].present()) {
    spec_out.scheduler_name = given.scheduler_name;
  }
  if (f["affinity"].present()) {
    spec_out.required_node_affinity = given.required_node_affinity;
    spec_out.preferred_node_affinity = given.preferred_node_affinity;
    spec_out.pod_affinity = given.pod_affinity;
    spec_out.pod_anti_affinity = given.pod_anti_affinity;
  }
  spec_out.tolerations.insert(spec_out.tolerations.end(), given.tolerations.begin(),
                              given.tolerations.end());
}

// driverPodTemplateOption / executorPodTemplateOption: an inline template is written to a file
// that Spark reads, with the container of Spark's own name chosen.
void inline_template(SparkSubmission& s, Role role, const Field& spec,
                     const std::string& submission,
                     std::optional<model::PodTemplate>& pod_template) {
  const RoleNames n = names(role);
  Field t = spec[n.name]["template"];
  if (!t.present()) return;
  if (before_spark_3(s.app().spark_version)) {
    t.fail(fmt::format("pod templates need Spark 3.0.0 or later (sparkVersion is \"{}\")",
                       s.app().spark_version));
  }
  pod_template = spark_pod_template(t);
  s.set(fmt::format("spark.kubernetes.{}.podTemplateFile", n.name),
        fmt::format("/tmp/spark/{}/{}-pod-template.yaml", submission, n.name), t);
  s.set(fmt::format("spark.kubernetes.{}.podTemplateContainerName", n.name),
        std::string(n.container), t);
}

// dynamicAllocationOption: only when enabled; shuffle tracking defaults to on.
void dynamic_allocation(SparkSubmission& s, const Field& da) {
  if (!da["enabled"].optional_boolean().value_or(false)) return;
  s.set("spark.dynamicAllocation.enabled", "true", da["enabled"]);
  const std::pair<std::string_view, std::string_view> counts[] = {
      {"initialExecutors", "spark.dynamicAllocation.initialExecutors"},
      {"minExecutors", "spark.dynamicAllocation.minExecutors"},
      {"maxExecutors", "spark.dynamicAllocation.maxExecutors"},
  };
  for (const auto& [field, key] : counts) {
    if (auto n = da[field].optional_integer(0, kInt32Max)) {
      s.set(std::string(key), std::to_string(*n), da[field]);
    }
  }
  bool tracking = da["shuffleTrackingEnabled"].optional_boolean().value_or(true);
  s.set("spark.dynamicAllocation.shuffleTracking.enabled", tracking ? "true" : "false",
        da["shuffleTrackingEnabled"].present() ? da["shuffleTrackingEnabled"] : da["enabled"]);
  // Milliseconds, written as a bare number (Spark's time strings default to ms).
  if (auto timeout =
          da["shuffleTrackingTimeout"].optional_integer(0, std::numeric_limits<int64_t>::max())) {
    s.set("spark.dynamicAllocation.shuffleTracking.timeout", std::to_string(*timeout),
          da["shuffleTrackingTimeout"]);
  }
}

bool dynamic_allocation_enabled(const SparkSubmission& s, const Field& da) {
  if (da["enabled"].optional_boolean().value_or(false)) return true;
  const std::string* conf = s.find("spark.dynamicAllocation.enabled");
  return conf != nullptr && (*conf == "true" || *conf == "TRUE" || *conf == "True");
}

}  // namespace

void spark_operator_application(const Field& root, Inventory& out) {
  workloads::SparkOperatorApplication result;
  Field metadata = root["metadata"];
  result.meta = object_meta(metadata, true);
  if (!is_dns1035_label(result.meta.name)) {
    metadata["name"].fail(fmt::format(
        "invalid SparkApplication name \"{}\": the Spark Operator requires a DNS-1035 label (at "
        "most 63 lowercase alphanumerics or '-', starting with a letter)",
        result.meta.name));
  }
  Field spec = root["spec"];
  if (!spec.present()) spec.fail("required field is missing (expected the application's spec)");

  workloads::SparkApplication app;
  app.name = result.meta.name;
  app.namespace_ = result.meta.namespace_;
  app.language = language(spec["type"]);
  app.spark_version = spec["sparkVersion"].optional_string().value_or("");
  if (!app.spark_version.empty() && !workloads::spark_release(app.spark_version)) {
    spec["sparkVersion"].fail(
        fmt::format("\"{}\" is not a Spark release such as 3.5.1", app.spark_version));
  }
  SparkSubmission s(std::move(app));
  const std::string submission = submission_id(result.meta);

  std::optional<std::string> batch_scheduler = spec["batchScheduler"].optional_string();
  if (batch_scheduler && *batch_scheduler != "yunikorn" && *batch_scheduler != "volcano" &&
      *batch_scheduler != "kube-scheduler") {
    spec["batchScheduler"].fail(
        fmt::format("unknown batch scheduler \"{}\" (expected yunikorn, volcano or kube-scheduler)",
                    *batch_scheduler));
  }
  if (spec["nodeSelector"].present() &&
      (spec["driver"]["nodeSelector"].present() || spec["executor"]["nodeSelector"].present())) {
    spec["nodeSelector"].fail(
        "node selector cannot be defined at both SparkApplication and Driver/Executor (the "
        "Operator's validation)");
  }

  // The spark-submit --conf list, in the Operator's order (submission.go buildSparkSubmitArgs).
  s.set("spark.kubernetes.namespace", result.meta.namespace_,
        metadata["namespace"].present() ? metadata["namespace"] : metadata);
  if (auto factor = spec["memoryOverheadFactor"].optional_string(); factor && !factor->empty()) {
    s.set("spark.kubernetes.memoryOverheadFactor", *factor, spec["memoryOverheadFactor"]);
  }
  for (const auto& [key, value] : spec["sparkConf"].entries()) {
    if (key == "spark.kubernetes.driver.pod.name") continue;  // the Operator sets it
    s.set(key, value.present() ? value.string() : std::string(), value);
  }
  for (const auto& [key, value] : spec["hadoopConf"].entries()) {
    s.set("spark.hadoop." + key, value.present() ? value.string() : std::string(), value);
  }
  inline_template(s, Role::Driver, spec, submission, s.app().driver_template);
  std::string driver_pod =
      spec["driver"]["podName"].optional_string().value_or(result.meta.name + "-driver");
  s.set("spark.kubernetes.driver.pod.name", driver_pod,
        spec["driver"]["podName"].present() ? spec["driver"]["podName"] : metadata["name"]);
  role_conf(s, Role::Driver, spec, metadata, result.meta, submission);
  inline_template(s, Role::Executor, spec, submission, s.app().executor_template);
  role_conf(s, Role::Executor, spec, metadata, result.meta, submission);
  // The defaulting webhook: one executor when neither the field nor sparkConf gives a count and
  // dynamic allocation is off (Spark alone would start 2).
  if (!s.find("spark.executor.instances") &&
      !dynamic_allocation_enabled(s, spec["dynamicAllocation"])) {
    s.set("spark.executor.instances", "1", spec["executor"]);
  }
  for (const auto& [key, value] : spec["nodeSelector"].string_map()) {
    s.set("spark.kubernetes.node.selector." + key, value, spec["nodeSelector"][key]);
  }
  dynamic_allocation(s, spec["dynamicAllocation"]);
  if (batch_scheduler == "yunikorn") {
    // The YuniKorn integration puts the queue in a label on both roles.
    if (auto queue = spec["batchSchedulerOptions"]["queue"].optional_string()) {
      for (std::string_view r : {"driver", "executor"}) {
        s.set(fmt::format("spark.kubernetes.{}.label.queue", r), *queue,
              spec["batchSchedulerOptions"]["queue"]);
      }
    }
  }

  s.read_template_files();
  webhook_mutations(s, Role::Driver, spec, batch_scheduler, s.app().driver_template);
  webhook_mutations(s, Role::Executor, spec, batch_scheduler, s.app().executor_template);
  s.app().driver_template->meta.owner_references.push_back(model::OwnerReference{
      .api_version = "sparkoperator.k8s.io/v1beta2",
      .kind = "SparkApplication",
      .name = result.meta.name,
      .uid = result.meta.uid,
      .controller = true,
  });
  result.application = std::move(s).finish(spec);
  out.spark_applications.push_back(std::move(result));
}

}  // namespace nw::input::decode
