#include "input/loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "input/decoders.h"

namespace nw::input {
namespace {

using Decoder = void (*)(const Field&, Inventory&);

struct KindVersion {
  std::string_view api_version;
  Decoder decode;
};

struct KindInfo {
  std::string_view kind;
  // Objects of kinds with the same identity share one name space: a Provisioner and a NodePool
  // both become NodePools, so they may not share a name.
  std::string_view identity;
  bool namespaced;
  std::vector<KindVersion> versions;
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> table = {
      {"NodePool",
       "NodePool",
       false,
       {{"karpenter.sh/v1", decode::node_pool_v1},
        {"karpenter.sh/v1beta1", decode::node_pool_v1beta1}}},
      {"Provisioner", "NodePool", false, {{"karpenter.sh/v1alpha5", decode::provisioner_v1alpha5}}},
      {"EC2NodeClass",
       "EC2NodeClass",
       false,
       {{"karpenter.k8s.aws/v1", decode::ec2_node_class},
        {"karpenter.k8s.aws/v1beta1", decode::ec2_node_class}}},
      {"AWSNodeTemplate",
       "AWSNodeTemplate",
       false,
       {{"karpenter.k8s.aws/v1alpha1", decode::aws_node_template}}},
      {"Pod", "Pod", true, {{"v1", decode::pod}}},
      {"Node", "Node", false, {{"v1", decode::node}}},
      {"DaemonSet", "DaemonSet", true, {{"apps/v1", decode::daemon_set}}},
      {"Deployment", "Deployment", true, {{"apps/v1", decode::deployment}}},
      {"Job", "Job", true, {{"batch/v1", decode::job}}},
      {"SparkApplication",
       "SparkApplication",
       true,
       {{"sparkoperator.k8s.io/v1beta2", decode::spark_operator_application}}},
      {"Scenario", "Scenario", false, {{"nodewright.io/v1alpha1", decode::scenario}}},
      {"ClusterConfig", "ClusterConfig", false, {{"eksctl.io/v1alpha5", decode::cluster_config}}},
  };
  return table;
}

const KindInfo* find_kind(std::string_view kind) {
  for (const KindInfo& info : kinds())
    if (info.kind == kind) return &info;
  return nullptr;
}

class Loader {
 public:
  void load_source(const Source& source) {
    std::vector<YAML::Node> documents;
    try {
      documents = YAML::LoadAll(without_trailing_space(source.text));
    } catch (const YAML::Exception& e) {
      errors_.push_back(syntax_error(source, e));
      return;
    }
    for (const YAML::Node& document : documents) {
      if (!document.IsDefined() || document.IsNull()) continue;  // an empty document
      load_object(source.name, document, "");
    }
  }

  LoadResult finish() {
    check_scenarios();
    if (!errors_.empty()) return std::move(errors_);
    return std::move(inventory_);
  }

 private:
  // Decodes one object; `path` is its position inside a List ("items[3]") or empty.
  void load_object(const std::string& file, const YAML::Node& node, const std::string& path) {
    DecodeContext context{file, "", &inventory_.warnings};
    Field root(node, path, &context, node.Mark());
    std::optional<decode::ObjectKey> key;  // known once the kind is
    try {
      if (!node.IsMap())
        root.fail("expected a Kubernetes object (a mapping with apiVersion and kind)");
      if (is_start_job_run_request(root)) {
        // Found by a directory walk: it is read through the Scenario item that names it.
        ++inventory_.objects_by_kind["StartJobRun"];
        return;
      }
      std::string kind = root["kind"].string();
      std::string api_version = root["apiVersion"].string();
      if (kind == "List") {
        for (const Field& item : root["items"].items()) {
          load_object(file, node["items"][item_index(item.path())], item.path());
        }
        return;
      }
      ++inventory_.objects_by_kind[kind];
      const KindInfo* info = find_kind(kind);
      if (info == nullptr) {
        root["kind"].warn(fmt::format("unknown kind \"{}\" ({}) is ignored", kind, api_version));
        return;
      }
      context.object = describe(kind, root["metadata"], info->namespaced);
      key = lenient_key(*info, root["metadata"]);
      auto version =
          std::find_if(info->versions.begin(), info->versions.end(),
                       [&](const KindVersion& v) { return v.api_version == api_version; });
      if (version == info->versions.end()) {
        std::vector<std::string_view> served;
        for (const KindVersion& v : info->versions) served.push_back(v.api_version);
        root["apiVersion"].fail(fmt::format("apiVersion \"{}\" is not served for {} (expected {})",
                                            api_version, kind, fmt::join(served, " or ")));
      }
      if (info->kind == "Scenario") {
        // Decoded last (check_scenarios), once every object a Scenario may name is.
        scenarios_.push_back({file, path, context.object, node});
        return;
      }
      version->decode(root, inventory_);
      check_unique(*info, root["metadata"]);
    } catch (const DecodeFailure& failure) {
      errors_.push_back(failure.diagnostic);
      if (key) failed_.insert(*key);
    }
  }

  // Scenarios are decoded once every other object is: a sparkApplication item takes its
  // application from the decoded SparkApplication, and references to other objects are checked.
  // Their errors follow those of the other objects, in the order of the Scenarios.
  void check_scenarios() {
    const KindInfo& info = *find_kind("Scenario");
    for (const ScenarioDocument& doc : scenarios_) {
      DecodeContext context{doc.file, doc.object, &inventory_.warnings};
      Field root(doc.node, doc.path, &context, doc.node.Mark());
      try {
        info.versions.front().decode(root, inventory_);
        check_unique(info, root["metadata"]);
        decode::scenario_references(root, inventory_, failed_);
      } catch (const DecodeFailure& failure) {
        errors_.push_back(failure.diagnostic);
      }
    }
  }

  // An EMR StartJobRun request (aws emr-containers start-job-run --cli-input-json): no kind, a
  // jobDriver.
  static bool is_start_job_run_request(const Field& root) {
    return !root["kind"].present() && root["jobDriver"].present();
  }

  // yaml-cpp 0.7 accepts a quoted string left open at the end of the input when a line break
  // follows it, silently swallowing the rest of the file into the string; without the final line
  // breaks it reports the missing quote. Trailing blank space carries no content (except in a
  // keep-chomped `|+` block scalar ending the input, which no decoded field depends on), and
  // removing it moves no line or column before it.
  static std::string without_trailing_space(const std::string& text) {
    size_t end = text.find_last_not_of(" \t\r\n");
    return end == std::string::npos ? std::string() : text.substr(0, end + 1);
  }

  // A parser error, with yaml-cpp's terse wording explained where it has a usual cause.
  static Diagnostic syntax_error(const Source& source, const YAML::Exception& e) {
    Location where{source.name, e.mark.is_null() ? 0 : e.mark.line + 1,
                   e.mark.is_null() ? 0 : e.mark.column + 1};
    // Tabs are whitespace inside JSON-style flow collections but never YAML indentation; yaml-cpp
    // then reports some other construct as illegal. Name the tab when the failing line starts
    // with one (and the input is not JSON, where tab indentation is fine).
    size_t first = source.text.find_first_not_of(" \t\r\n");
    bool json =
        first != std::string::npos && (source.text[first] == '{' || source.text[first] == '[');
    if (!json && where.line > 0) {
      size_t begin = 0;
      for (int line = 1; line < where.line && begin != std::string::npos; ++line) {
        begin = source.text.find('\n', begin);
        if (begin != std::string::npos) ++begin;
      }
      if (begin != std::string::npos) {
        size_t indent_end = source.text.find_first_not_of(" \t", begin);
        size_t tab = source.text.find('\t', begin);
        if (tab != std::string::npos && (indent_end == std::string::npos || tab < indent_end)) {
          return Diagnostic{{source.name, where.line, static_cast<int>(tab - begin) + 1},
                            "",
                            "",
                            "invalid YAML: a tab character is used for indentation (YAML indents "
                            "with spaces only)"};
        }
      }
    }
    std::string message = e.msg;
    if (message == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
      message = "expected ',' or ']' in a flow sequence (is a closing ']' missing?)";
    } else if (message == YAML::ErrorMsg::END_OF_MAP_FLOW) {
      message = "expected ',' or '}' in a flow mapping (is a ',' or a closing '}' missing?)";
    } else if (message == YAML::ErrorMsg::EOF_IN_SCALAR) {
      message = "the input ends inside a quoted string (is a closing quote missing?)";
    } else if (message == YAML::ErrorMsg::END_OF_MAP || message == YAML::ErrorMsg::END_OF_SEQ ||
               message == YAML::ErrorMsg::MAP_VALUE || message == YAML::ErrorMsg::BLOCK_ENTRY) {
      message += " (check the indentation of this line and the one before)";
    }
    return Diagnostic{where, "", "", fmt::format("invalid YAML/JSON: {}", message)};
  }

  static size_t item_index(const std::string& path) {
    size_t open = path.rfind('[');
    return static_cast<size_t>(std::stoul(path.substr(open + 1)));
  }

  // `NodePool "spark"`, `Pod "default/exec-1"`; the name is read leniently so that a missing one
  // is reported by the decoder, at its field, rather than here.
  static std::string describe(std::string_view kind, const Field& metadata, bool namespaced) {
    std::string name;
    try {
      name = metadata["name"].optional_string().value_or("");
      if (namespaced && !name.empty()) {
        name = metadata["namespace"].optional_string().value_or("default") + "/" + name;
      }
    } catch (const DecodeFailure&) {
      name.clear();
    }
    return name.empty() ? std::string(kind) : fmt::format("{} \"{}\"", kind, name);
  }

  // The object's identity, read leniently (nullopt without a readable name).
  static std::optional<decode::ObjectKey> lenient_key(const KindInfo& info, const Field& metadata) {
    try {
      auto name = metadata["name"].optional_string();
      if (!name) return std::nullopt;
      std::string ns = info.namespaced ? metadata["namespace"].optional_string().value_or("default")
                                       : std::string();
      return decode::ObjectKey{std::string(info.identity), ns, *name};
    } catch (const DecodeFailure&) {
      return std::nullopt;
    }
  }

  void check_unique(const KindInfo& info, const Field& metadata) {
    std::string ns = info.namespaced ? metadata["namespace"].optional_string().value_or("default")
                                     : std::string();
    auto key = std::make_tuple(std::string(info.identity), ns, metadata["name"].string());
    Location here = metadata["name"].location();
    auto [it, inserted] = seen_.emplace(key, here);
    if (!inserted) {
      metadata["name"].fail(fmt::format("duplicate name: {} \"{}\" is already defined at {}:{}",
                                        info.identity, std::get<2>(key), it->second.file,
                                        it->second.line));
    }
  }

  // A decoded Scenario's document, read again by check_scenarios().
  struct ScenarioDocument {
    std::string file;
    std::string path;
    std::string object;
    YAML::Node node;
  };

  Inventory inventory_;
  std::vector<Diagnostic> errors_;
  std::vector<ScenarioDocument> scenarios_;
  std::set<decode::ObjectKey> failed_;  // objects among the inputs that did not decode
  std::map<std::tuple<std::string, std::string, std::string>, Location> seen_;
};

}  // namespace

const model::NodePool* Inventory::find_node_pool(std::string_view name) const {
  for (const model::NodePool& pool : node_pools)
    if (pool.meta.name == name) return &pool;
  return nullptr;
}

const model::NodeClass* Inventory::find_node_class(const model::NodeClassRef& ref) const {
  for (const model::NodeClass& nc : node_classes)
    if (nc.kind == ref.kind && nc.meta.name == ref.name) return &nc;
  return nullptr;
}

namespace {

template <typename T>
const T* find_namespaced(const std::vector<T>& objects, std::string_view namespace_,
                         std::string_view name) {
  for (const T& object : objects)
    if (object.meta.namespace_ == namespace_ && object.meta.name == name) return &object;
  return nullptr;
}

}  // namespace

const model::Pod* Inventory::find_pod(std::string_view namespace_, std::string_view name) const {
  return find_namespaced(pods, namespace_, name);
}

const model::Deployment* Inventory::find_deployment(std::string_view namespace_,
                                                    std::string_view name) const {
  return find_namespaced(deployments, namespace_, name);
}

const model::Job* Inventory::find_job(std::string_view namespace_, std::string_view name) const {
  return find_namespaced(jobs, namespace_, name);
}

const workloads::SparkOperatorApplication* Inventory::find_spark_application(
    std::string_view namespace_, std::string_view name) const {
  return find_namespaced(spark_applications, namespace_, name);
}

model::CapacitySettings Inventory::capacity_settings(const model::NodePool& pool) const {
  model::CapacitySettings settings;
  if (const model::NodeClass* nc = find_node_class(pool.node_class_ref)) settings = nc->capacity;
  if (pool.kubelet) settings.kubelet = *pool.kubelet;
  return settings;
}

LoadResult load(const std::vector<Source>& sources) {
  Loader loader;
  for (const Source& source : sources) loader.load_source(source);
  return loader.finish();
}

LoadResult load_paths(const std::vector<std::string>& paths, std::istream& standard_input) {
  auto sources = read_sources(paths, standard_input);
  if (auto* error = std::get_if<Diagnostic>(&sources)) return std::vector<Diagnostic>{*error};
  return load(std::get<std::vector<Source>>(sources));
}

}  // namespace nw::input
