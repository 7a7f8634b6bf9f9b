// EMR on EKS StartJobRun requests (the JSON of `aws emr-containers start-job-run
// --cli-input-json`), named by a Scenario's startJobRun item and converted into the Spark
// application EMR submits (cas-yunikorn-spark.md §5).
//
// Properties, lowest precedence first, as EMR's job submitter runs spark-submit: EMR's own
// spark-defaults (the Spark container names of its pod templates), the request's spark-defaults
// classification, then sparkSubmitParameters (--conf, then the dedicated flags, which win:
// workloads/spark_submit.h). EMR's own settings come last: the virtual cluster's namespace and
// the job's labels on the driver and executor pods. Like the AWS CLI, an unknown field is an
// error; executionRoleArn, clientToken, tags, retryPolicyConfiguration and
// monitoringConfiguration are accepted and do not shape pods.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "input/decoders.h"
#include "input/spark_submission.h"
#include "workloads/emr_on_eks.h"
#include "workloads/spark_submit.h"

namespace nw::input::decode {
namespace {

workloads::SparkLanguage language_of_entry_point(std::string_view entry_point) {
  if (entry_point.ends_with(".py")) return workloads::SparkLanguage::Python;
  if (entry_point.ends_with(".R") || entry_point.ends_with(".r"))
    return workloads::SparkLanguage::R;
  return workloads::SparkLanguage::Jvm;
}

void application_configuration(SparkSubmission& s, const Field& list) {
  for (const Field& item : list.items()) {
    known_fields_only(item, {"classification", "properties", "configurations"});
    std::string classification = item["classification"].string();
    // Other classifications (spark-log4j, emr-job-submitter, core-site...) shape no pod; nested
    // configurations belong to classifications with sub-files.
    if (classification != "spark-defaults") continue;
    for (const auto& [key, value] : item["properties"].entries()) {
      s.set(key, value.present() ? value.string() : std::string(), value);
    }
  }
}

void spark_submit_parameters(SparkSubmission& s, const Field& f) {
  if (!f.present()) return;
  auto parsed = workloads::parse_spark_submit_parameters(f.string());
  if (auto* error = std::get_if<std::string>(&parsed)) f.fail(*error);
  const auto& parameters = std::get<workloads::SparkSubmitParameters>(parsed);
  for (const auto& [key, value] : parameters.conf) s.set(key, value, f);
  for (const auto& [key, value] : parameters.flags) s.set(key, value, f);
}

}  // namespace

workloads::SparkApplication start_job_run(const Field& reference, size_t item_index,
                                          const VirtualClusters& virtual_clusters) {
  const std::string value = reference.string();
  if (value.empty()) reference.fail("the StartJobRun file name must not be empty");
  const std::string path = referenced_file_path(reference.location().file, value);
  YAML::Node node = read_referenced_yaml(reference, path, "StartJobRun request");
  DecodeContext context{path, "StartJobRun", reference.warnings()};
  Field root(node, "", &context, node.Mark());
  if (auto name = root["name"].optional_string()) {
    context.object = fmt::format("StartJobRun \"{}\"", *name);
  }
  known_fields_only(root,
                    {"name", "virtualClusterId", "clientToken", "executionRoleArn", "releaseLabel",
                     "jobDriver", "configurationOverrides", "tags", "retryPolicyConfiguration"});

  workloads::SparkApplication app;
  // A job run's name is optional; the file's name stands in for it.
  app.name = root["name"].optional_string().value_or(std::filesystem::path(path).stem().string());
  if (app.name.empty()) root["name"].fail("the job name must not be empty");
  const std::string cluster = root["virtualClusterId"].string();
  auto mapped = std::find_if(virtual_clusters.begin(), virtual_clusters.end(),
                             [&](const auto& vc) { return vc.first == cluster; });
  if (mapped == virtual_clusters.end()) {
    std::vector<std::string> ids;
    for (const auto& vc : virtual_clusters) ids.push_back(vc.first);
    root["virtualClusterId"].fail(fmt::format(
        "virtual cluster \"{}\" is not mapped to a namespace by the scenario's "
        "spec.virtualClusters ({})",
        cluster, ids.empty() ? std::string("none is") : fmt::format("{}", fmt::join(ids, ", "))));
  }
  app.namespace_ = mapped->second;
  const std::string release = root["releaseLabel"].string();
  std::optional<std::string> spark = workloads::emr_spark_release(release);
  if (!spark) {
    root["releaseLabel"].fail(fmt::format(
        "unknown EMR release label \"{}\" (expected emr-<major>.<minor>.<patch>[-suffix] of a "
        "release EMR on EKS runs: 5.32.0 and later, 6.2.0 and later, 7.x)",
        release));
  }
  app.spark_version = *spark;

  Field job_driver = root["jobDriver"];
  known_fields_only(job_driver, {"sparkSubmitJobDriver", "sparkSqlJobDriver"});
  Field driver = job_driver["sparkSubmitJobDriver"];
  if (!driver.present()) {
    job_driver.fail(job_driver["sparkSqlJobDriver"].present()
                        ? "sparkSqlJobDriver is not supported (give a sparkSubmitJobDriver)"
                        : "required field sparkSubmitJobDriver is missing");
  }
  known_fields_only(driver, {"entryPoint", "entryPointArguments", "sparkSubmitParameters"});
  app.language = language_of_entry_point(driver["entryPoint"].string());
  (void)driver["entryPointArguments"].strings();
  Field overrides = root["configurationOverrides"];
  known_fields_only(overrides, {"applicationConfiguration", "monitoringConfiguration"});

  SparkSubmission s(std::move(app));
  for (std::string_view role : {"driver", "executor"}) {
    s.set(fmt::format("spark.kubernetes.{}.podTemplateContainerName", role),
          fmt::format("spark-kubernetes-{}", role), root);
  }
  application_configuration(s, overrides["applicationConfiguration"]);
  spark_submit_parameters(s, driver["sparkSubmitParameters"]);

  const std::string job_id = workloads::emr_job_id(s.app().name, item_index);
  s.set("spark.kubernetes.namespace", s.app().namespace_, root["virtualClusterId"]);
  for (std::string_view role : {"driver", "executor"}) {
    auto label = [&](std::string_view key, std::string label_value) {
      s.set(fmt::format("spark.kubernetes.{}.label.{}", role, key), std::move(label_value),
            root["virtualClusterId"]);
    };
    label(workloads::kEmrJobIdLabel, job_id);
    label(workloads::kEmrVirtualClusterIdLabel, cluster);
    label(workloads::kEmrResourceTypeLabel, "job.run");
    label(workloads::kEmrComponentLabel, std::string(role));
  }
  s.read_template_files();
  return std::move(s).finish(
      driver["sparkSubmitParameters"].present() ? driver["sparkSubmitParameters"] : root);
}

}  // namespace nw::input::decode
