// One Spark application being built from a form users submit (a Scenario's spark item, a
// SparkApplication object, an EMR StartJobRun request), for the decoders in this folder.
//
// Each property remembers the field that set it, so that a value Spark rejects is reported where
// the user wrote it (spec.executor.memory of a SparkApplication, not the spark.executor.memory
// property the Operator derives from it). Pod-template files named by
// spark.kubernetes.{driver,executor}.podTemplateFile are read relative to the file of the field
// that named them; see referenced_file_path().
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "input/field.h"
#include "model/workload.h"
#include "workloads/spark.h"

namespace nw::input::decode {

class SparkSubmission {
 public:
  explicit SparkSubmission(workloads::SparkApplication app) : app_(std::move(app)) {}

  // Sets a property; a later set of the same key wins, as a later spark-submit --conf does.
  void set(const std::string& key, std::string value, const Field& origin);
  const std::string* find(std::string_view key) const;
  workloads::SparkApplication& app() { return app_; }

  // Reads the pod templates that spark.kubernetes.{driver,executor}.podTemplateFile name, for a
  // role without a template yet. A file that is missing, unreadable or not YAML fails at the
  // property; a bad pod in it fails at its place in that file.
  void read_template_files();

  // Checks the pods Spark would create (workloads::spark_pods) and returns the application. A
  // property Spark rejects fails at the field that set it, or at `fallback`, naming the property,
  // when Spark's default applies.
  workloads::SparkApplication finish(const Field& fallback) &&;

 private:
  workloads::SparkApplication app_;
  std::map<std::string, Field, std::less<>> origins_;
};

// Where a file another file names (a podTemplateFile value, a StartJobRun request) is read from:
// a relative path against the directory of `referring_file` (the working directory for stdin); a
// URI with a scheme (s3://, s3a://, file://, local://, https://...) as its base name in that
// directory, since the simulator has no S3; an absolute path as it is.
std::string referenced_file_path(std::string_view referring_file, std::string_view value);

// The YAML (or JSON) mapping in the file at `path`; a file that is missing, unreadable, not
// YAML or not a mapping fails at `at`, calling it a `what` ("pod template file").
YAML::Node read_referenced_yaml(const Field& at, const std::string& path, std::string_view what);

// A Pod (v1), or a PodTemplateSpec, as Spark reads a pod template: its labels, annotations and
// spec; containers may be absent (Spark adds its own) and unnamed (Spark names its container).
model::PodTemplate spark_pod_template(const Field& pod);

}  // namespace nw::input::decode
