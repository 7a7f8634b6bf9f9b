#include "input/spark_submission.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/decoders.h"

namespace nw::input::decode {
namespace {

constexpr std::string_view kDriverTemplateFile = "spark.kubernetes.driver.podTemplateFile";
constexpr std::string_view kExecutorTemplateFile = "spark.kubernetes.executor.podTemplateFile";

model::PodTemplate template_file(const Field& at, const std::string& value) {
  std::string path = referenced_file_path(at.location().file, value);
  YAML::Node node = read_referenced_yaml(at, path, "pod template file");
  DecodeContext context{path, fmt::format("pod template \"{}\"", value), at.warnings()};
  return spark_pod_template(Field(node, "", &context, node.Mark()));
}

}  // namespace

void SparkSubmission::set(const std::string& key, std::string value, const Field& origin) {
  model::set_label(app_.conf, key, std::move(value));
  origins_.insert_or_assign(key, origin);
}

const std::string* SparkSubmission::find(std::string_view key) const {
  return model::find_label(app_.conf, key);
}

void SparkSubmission::read_template_files() {
  const std::array<std::pair<std::string_view, std::optional<model::PodTemplate>*>, 2> roles = {{
      {kDriverTemplateFile, &app_.driver_template},
      {kExecutorTemplateFile, &app_.executor_template},
  }};
  for (const auto& [key, slot] : roles) {
    const std::string* value = find(key);
    if (value == nullptr || slot->has_value()) continue;
    *slot = template_file(origins_.find(key)->second, *value);
  }
}

workloads::SparkApplication SparkSubmission::finish(const Field& fallback) && {
  auto pods = workloads::spark_pods(app_);
  if (auto* error = std::get_if<workloads::SparkConfError>(&pods)) {
    auto origin = origins_.find(error->key);
    if (origin == origins_.end()) fallback.fail(fmt::format("{}: {}", error->key, error->message));
    origin->second.fail(error->message);
  }
  return std::move(app_);
}

YAML::Node read_referenced_yaml(const Field& at, const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) at.fail(fmt::format("cannot open the {} \"{}\"", what, path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) at.fail(fmt::format("cannot read the {} \"{}\"", what, path));
  YAML::Node node;
  try {
    node = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    at.fail(fmt::format("the {} \"{}\" is not valid YAML or JSON: line {}, column {}: {}", what,
                        path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  if (!node.IsMap()) at.fail(fmt::format("the {} \"{}\" holds no mapping", what, path));
  return node;
}

std::string referenced_file_path(std::string_view referring_file, std::string_view value) {
  namespace fs = std::filesystem;
  fs::path base = referring_file == "-" ? fs::path() : fs::path(referring_file).parent_path();
  if (size_t scheme = value.find("://"); scheme != std::string_view::npos) {
    return (base / fs::path(value.substr(scheme + 3)).filename()).string();
  }
  fs::path path(value);
  return path.is_absolute() ? path.string() : (base / path).string();
}

model::PodTemplate spark_pod_template(const Field& pod) {
  if (auto kind = pod["kind"].optional_string(); kind && *kind != "Pod") {
    pod["kind"].fail(fmt::format("a pod template is a Pod, not a {}", *kind));
  }
  model::PodTemplate result;
  result.meta.labels = labels(pod["metadata"]["labels"]);
  result.meta.annotations = pod["metadata"]["annotations"].string_map();
  result.spec = pod_spec(pod["spec"], PodSpecSource::SparkTemplate);
  return result;
}

}  // namespace nw::input::decode
