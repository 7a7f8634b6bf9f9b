// Scenario (nodewright.io/v1alpha1): a simulation's cloud, scheduler, workload and autoscaler
// variants (docs/scenario.md). Unlike the Kubernetes kinds, a Scenario is nodewright's own format,
// so an unknown field anywhere in it is an error rather than a warning: a misspelt latency or
// probability would otherwise silently simulate the default.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>

#include "catalog/decimal.h"
#include "catalog/region.h"
#include "input/decoders.h"
#include "input/spark_submission.h"
#include "workloads/spark.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kMaxArrivals = 1'000'000;
constexpr size_t kMaxPatternLength = 1000;          // a priority expander regular expression
constexpr int64_t kDefaultShufflePartitions = 200;  // spark.sql.shuffle.partitions
constexpr std::string_view kShufflePartitions = "spark.sql.shuffle.partitions";

// Whether a present value is a scalar, or a list; read without failing.
bool is_scalar(const Field& f) {
  if (!f.present()) return false;
  try {
    (void)f.string();
    return true;
  } catch (const DecodeFailure&) {
    return false;
  }
}

bool is_list(const Field& f) {
  if (!f.present()) return false;
  try {
    (void)f.items();
    return true;
  } catch (const DecodeFailure&) {
    return false;
  }
}

// A lowercase RFC 1123 label: a variant's name, a namespace.
bool is_dns_label(std::string_view s) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return !s.empty() && s.size() <= 63 && alnum(s.front()) && alnum(s.back()) &&
         std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-'; });
}

std::string dns_label(const Field& f, std::string_view what) {
  std::string text = f.string();
  if (!is_dns_label(text)) {
    f.fail(fmt::format(
        "invalid {} \"{}\": expected at most 63 lowercase alphanumerics or '-', starting and "
        "ending with an alphanumeric",
        what, text));
  }
  return text;
}

model::Duration positive_duration(const Field& f) {
  model::Duration d = f.duration();
  if (d.millis <= 0) f.fail(fmt::format("must be more than 0s, got {}", d.to_string()));
  return d;
}

model::Duration duration_or(const Field& f, model::Duration fallback) {
  return f.present() ? f.duration() : fallback;
}

// A duration (fixed) or {min, max} (uniform), min <= max.
sim::Latency latency(const Field& f, sim::Latency fallback) {
  if (!f.present()) return fallback;
  if (is_scalar(f)) {
    int64_t ms = f.duration().millis;
    return {ms, ms};
  }
  if (is_list(f)) {
    f.fail("expected a duration such as 10s (a fixed latency) or {min: 8s, max: 12s}, got a list");
  }
  known_fields_only(f, {"min", "max"});
  model::Duration min = f["min"].duration();
  model::Duration max = f["max"].duration();
  if (min > max) {
    f["min"].fail(fmt::format("min {} is more than max {}", min.to_string(), max.to_string()));
  }
  return {min.millis, max.millis};
}

// A fraction written as a decimal in [0, 1] with at most 6 decimals, in parts per million, read
// from the text exactly; `what` names it in messages ("probability") and `example` shows one.
int64_t fraction_ppm(const Field& f, std::string_view what, std::string_view example) {
  std::string text = f.string();
  size_t dot = text.find('.');
  if (dot != std::string::npos && text.size() - dot - 1 > 6) {
    f.fail(
        fmt::format("{} \"{}\" has more than 6 decimals (the resolution is 0.000001)", what, text));
  }
  std::optional<int64_t> ppm = catalog::parse_scaled_decimal(text, 6);
  if (!ppm || *ppm > 1'000'000) {
    f.fail(
        fmt::format("expected a {} between 0 and 1 such as {}, got \"{}\"", what, example, text));
  }
  return *ppm;
}

int64_t probability_ppm(const Field& f) {
  return fraction_ppm(f, "probability", "0.05");
}

catalog::Region region(const Field& f) {
  std::string name = f.optional_string().value_or("us-east-1");
  auto parsed = catalog::Region::parse(name);
  if (auto* error = std::get_if<catalog::RegionError>(&parsed)) f.fail(error->message);
  return std::get<catalog::Region>(std::move(parsed));
}

std::vector<std::string> zones(const Field& f, const catalog::Region& region) {
  if (!f.present()) return {};
  std::vector<Field> items = f.items();
  if (items.empty())
    f.fail("at least one zone is needed (omit zones for every zone of the region)");
  std::vector<std::string> result;
  for (const Field& item : items) {
    std::string zone = item.string();
    const auto& known = region.zones();
    if (std::find(known.begin(), known.end(), zone) == known.end()) {
      item.fail(fmt::format("zone \"{}\" is not in region {} (its zones: {})", zone, region.name(),
                            fmt::join(known, ", ")));
    }
    if (std::find(result.begin(), result.end(), zone) != result.end()) {
      item.fail(fmt::format("zone \"{}\" is listed twice", zone));
    }
    result.push_back(std::move(zone));
  }
  return result;
}

sim::CapacityShortage shortage(const Field& item, const std::vector<std::string>& zones,
                               const catalog::Region& region) {
  known_fields_only(item, {"instanceType", "zone", "capacityType", "from", "to"});
  sim::CapacityShortage result;
  result.instance_type = item["instanceType"].optional_string().value_or("");
  if (auto zone = item["zone"].optional_string()) {
    const std::vector<std::string>& simulated = zones.empty() ? region.zones() : zones;
    if (std::find(simulated.begin(), simulated.end(), *zone) == simulated.end()) {
      item["zone"].fail(fmt::format("zone \"{}\" is not one of the scenario's zones ({})", *zone,
                                    fmt::join(simulated, ", ")));
    }
    result.zone = *zone;
  }
  if (auto type = item["capacityType"].optional_string()) {
    if (*type == "spot") {
      result.capacity_type = catalog::CapacityType::Spot;
    } else if (*type == "on-demand") {
      result.capacity_type = catalog::CapacityType::OnDemand;
    } else {
      item["capacityType"].fail(
          fmt::format("unknown capacity type \"{}\" (expected spot or on-demand)", *type));
    }
  }
  result.from = duration_or(item["from"], {}).millis;
  if (item["to"].present()) {
    model::Duration to = item["to"].duration();
    if (to.millis <= result.from) {
      item["to"].fail(fmt::format("to ({}) must be after from ({})", to.to_string(),
                                  model::Duration{result.from}.to_string()));
    }
    result.to = to.millis;
  }
  return result;
}

sim::CloudModel cloud(const Field& f, const std::vector<std::string>& zones,
                      const catalog::Region& region) {
  sim::CloudModel result;
  known_fields_only(
      f, {"instanceRunning", "nodeRegistered", "nodeReady", "instanceTerminated", "scalingActivity",
          "insufficientCapacityProbability", "insufficientCapacity", "minimumBilledDuration"});
  result.instance_running = latency(f["instanceRunning"], result.instance_running);
  result.node_registered = latency(f["nodeRegistered"], result.node_registered);
  result.node_ready = latency(f["nodeReady"], result.node_ready);
  result.instance_terminated = latency(f["instanceTerminated"], result.instance_terminated);
  result.scaling_activity = latency(f["scalingActivity"], result.scaling_activity);
  if (f["insufficientCapacityProbability"].present()) {
    result.insufficient_capacity_ppm = probability_ppm(f["insufficientCapacityProbability"]);
  }
  for (const Field& item : f["insufficientCapacity"].items()) {
    result.shortages.push_back(shortage(item, zones, region));
  }
  result.minimum_billed_ms =
      duration_or(f["minimumBilledDuration"], {result.minimum_billed_ms}).millis;
  return result;
}

sim::SchedulerModel scheduler(const Field& f) {
  sim::SchedulerModel result;
  known_fields_only(f, {"scoringStrategy", "podStartup"});
  if (auto strategy = f["scoringStrategy"].optional_string()) {
    if (*strategy == "LeastAllocated") {
      result.scoring = sim::ScoringStrategy::LeastAllocated;
    } else if (*strategy == "MostAllocated") {
      result.scoring = sim::ScoringStrategy::MostAllocated;
    } else {
      f["scoringStrategy"].fail(fmt::format(
          "unknown scoring strategy \"{}\" (expected LeastAllocated or MostAllocated)", *strategy));
    }
  }
  result.pod_startup = latency(f["podStartup"], result.pod_startup);
  return result;
}

// A positive integer written as a Spark property value (its text, as kept in conf).
std::optional<int64_t> positive_integer_text(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// The conf entry of `key`, to point a failure at; the conf mapping itself when the property is
// not written there (a default Spark applies).
Field conf_field(const Field& conf, std::string_view key) {
  for (const auto& [name, value] : conf.entries()) {
    if (name == key) return value;
  }
  return conf;
}

workloads::SparkStage stage(const Field& item, int64_t default_tasks) {
  known_fields_only(item, {"tasks", "taskDuration", "coreSeconds", "job"});
  workloads::SparkStage result;
  result.tasks = item["tasks"].optional_integer(1, kInt32Max).value_or(default_tasks);
  bool has_duration = item["taskDuration"].present();
  bool has_core_seconds = item["coreSeconds"].present();
  if (!has_duration && !has_core_seconds) {
    item.fail("a stage needs taskDuration or coreSeconds");
  }
  if (has_duration && has_core_seconds) {
    item["coreSeconds"].fail("give taskDuration or coreSeconds, not both");
  }
  if (has_duration) {
    result.task_duration = positive_duration(item["taskDuration"]);
  } else {
    // Bounded so that the milliseconds fit comfortably in int64.
    int64_t core_seconds =
        item["coreSeconds"].integer(1, std::numeric_limits<int64_t>::max() / 1'000'000);
    result.task_duration = {(core_seconds * 1000 + result.tasks - 1) / result.tasks};
  }
  return result;
}

// The tasks of a stage that does not say: spark.sql.shuffle.partitions (200 by default). A bad
// value fails at `at`: the property's own entry, or the field naming the application it is in.
int64_t default_stage_tasks(const workloads::SparkApplication& app, const Field& at) {
  const std::string* partitions = model::find_label(app.conf, kShufflePartitions);
  if (partitions == nullptr) return kDefaultShufflePartitions;
  auto value = positive_integer_text(*partitions);
  if (!value || *value > kInt32Max) {
    std::string message = fmt::format("expected a positive integer, got \"{}\"", *partitions);
    at.fail(at.path().ends_with(kShufflePartitions)
                ? message
                : fmt::format("{}: {}", kShufflePartitions, message));
  }
  return *value;
}

// A stage's `job` names its Spark job; a stage without one continues the previous stage's job
// (the first stage's: one unnamed job). A job's stages are consecutive.
std::vector<workloads::SparkStage> stages(const Field& list, int64_t default_tasks) {
  std::vector<Field> items = list.items();
  if (items.empty()) list.fail("a Spark application needs at least one stage");
  std::vector<workloads::SparkStage> result;
  std::set<std::string> ended_jobs;
  std::optional<std::string> job_name;
  int32_t job = 0;
  for (const Field& item : items) {
    workloads::SparkStage next = stage(item, default_tasks);
    if (std::optional<std::string> name = item["job"].optional_string()) {
      if (name->empty()) item["job"].fail("a job name must not be empty");
      if (!result.empty() && name != job_name) {
        if (ended_jobs.contains(*name)) {
          item["job"].fail(fmt::format(
              "job \"{}\" has ended: the stages of a job must follow one another", *name));
        }
        if (job_name) ended_jobs.insert(*job_name);
        ++job;
      }
      job_name = std::move(name);
    }
    next.job = job;
    result.push_back(next);
  }
  return result;
}

// driverTemplate / executorTemplate: a pod template given inline, in place of the
// spark.kubernetes.<role>.podTemplateFile property.
void inline_template(const Field& f, std::string_view field, std::string_view property,
                     const SparkSubmission& s, std::optional<model::PodTemplate>& out) {
  if (!f[field].present()) return;
  if (s.find(property)) {
    f[field].fail(fmt::format("give {} or the {} property, not both", field, property));
  }
  out = spark_pod_template(f[field]);
}

workloads::SparkApplication spark_application(const Field& f) {
  if (!f.present()) f.fail("required field is missing (expected a Spark application)");
  known_fields_only(
      f, {"name", "namespace", "language", "conf", "driverTemplate", "executorTemplate", "stages"});
  workloads::SparkApplication app;
  // Any text, as spark.app.name: Spark derives its pods' names from it (spark_name_prefix).
  app.name = f["name"].string();
  if (app.name.empty()) f["name"].fail("the application name must not be empty");
  if (f["namespace"].present()) app.namespace_ = dns_label(f["namespace"], "namespace");
  if (auto language = f["language"].optional_string()) {
    if (*language == "Scala" || *language == "Java") {
      app.language = workloads::SparkLanguage::Jvm;
    } else if (*language == "Python") {
      app.language = workloads::SparkLanguage::Python;
    } else if (*language == "R") {
      app.language = workloads::SparkLanguage::R;
    } else {
      f["language"].fail(
          fmt::format("unknown language \"{}\" (expected Scala, Java, Python or R)", *language));
    }
  }
  SparkSubmission s(std::move(app));
  Field conf = f["conf"];
  for (const auto& [key, value] : conf.entries()) {
    if (!value.present()) value.fail(fmt::format("Spark property \"{}\" has no value", key));
    s.set(key, value.string(), value);
  }
  inline_template(f, "driverTemplate", "spark.kubernetes.driver.podTemplateFile", s,
                  s.app().driver_template);
  inline_template(f, "executorTemplate", "spark.kubernetes.executor.podTemplateFile", s,
                  s.app().executor_template);
  s.app().stages =
      stages(f["stages"], default_stage_tasks(s.app(), conf_field(conf, kShufflePartitions)));
  s.read_template_files();
  return std::move(s).finish(conf);
}

// What a workload item may submit, by the key naming it.
struct ItemForm {
  std::string_view key;
  sim::WorkloadItem::Kind kind;
};
constexpr std::string_view kItemForms =
    "pod, deployment, job, spark, sparkApplication or startJobRun";

// The Spark application of a sparkApplication item: the SparkApplication's, with the item's
// stages. Absent when the SparkApplication is not among the inputs (scenario_references says so;
// the stages are still checked).
std::optional<workloads::SparkApplication> referenced_application(const Field& item,
                                                                  const Inventory& inventory) {
  const Field reference = item["sparkApplication"];
  std::string name = reference.string();
  if (name.empty()) reference.fail("the name must not be empty");
  std::string namespace_ = item["namespace"].optional_string().value_or("default");
  const workloads::SparkOperatorApplication* found =
      inventory.find_spark_application(namespace_, name);
  if (found == nullptr) {
    (void)stages(item["stages"], kDefaultShufflePartitions);
    return std::nullopt;
  }
  workloads::SparkApplication app = found->application;
  app.stages = stages(item["stages"], default_stage_tasks(app, reference));
  return app;
}

sim::WorkloadItem workload_item(const Field& item, size_t index, sim::SimTime end,
                                const Inventory& inventory,
                                const VirtualClusters& virtual_clusters) {
  known_fields_only(item, {"at", "pod", "deployment", "job", "spark", "sparkApplication",
                           "startJobRun", "namespace", "runTime", "stages"});
  sim::WorkloadItem result;
  if (item["at"].present()) {
    result.at = item["at"].duration().millis;
    if (result.at >= end) {
      item["at"].fail(fmt::format("at {} is not before the end of the scenario ({})",
                                  model::Duration{result.at}.to_string(),
                                  model::Duration{end}.to_string()));
    }
  }
  using Kind = sim::WorkloadItem::Kind;
  const ItemForm forms[] = {
      {"pod", Kind::Pod},     {"deployment", Kind::Deployment},  {"job", Kind::Job},
      {"spark", Kind::Spark}, {"sparkApplication", Kind::Spark}, {"startJobRun", Kind::Spark}};
  std::optional<std::string_view> chosen;
  for (const auto& [key, kind] : forms) {
    if (!item[key].present()) continue;
    if (chosen) {
      item[key].fail(fmt::format("a workload item has exactly one of {} (this one has {} and {})",
                                 kItemForms, *chosen, key));
    }
    chosen = key;
    result.kind = kind;
  }
  if (!chosen) item.fail(fmt::format("a workload item needs one of {}", kItemForms));
  if (result.kind == Kind::Spark) {
    if (item["runTime"].present()) {
      item["runTime"].fail(
          "a Spark application's run time comes from its stages; runTime applies to pod and job "
          "items");
    }
    if (*chosen == "spark") {
      if (item["namespace"].present()) {
        item["namespace"].fail(
            "namespace belongs inside spark for a Spark application (spark.namespace)");
      }
      if (item["stages"].present()) {
        item["stages"].fail("stages belong inside spark for a Spark application (spark.stages)");
      }
      result.spark = spark_application(item["spark"]);
    } else if (*chosen == "sparkApplication") {
      result.spark = referenced_application(item, inventory);
    } else {
      if (item["namespace"].present()) {
        item["namespace"].fail(
            "a StartJobRun runs in its virtual cluster's namespace (spec.virtualClusters)");
      }
      workloads::SparkApplication app = start_job_run(item["startJobRun"], index, virtual_clusters);
      app.stages = stages(item["stages"], default_stage_tasks(app, item["startJobRun"]));
      result.spark = std::move(app);
    }
    return result;
  }
  if (item["stages"].present()) {
    item["stages"].fail("stages apply to spark, sparkApplication and startJobRun items");
  }
  result.name = item[*chosen].string();
  if (result.name.empty()) item[*chosen].fail("the name must not be empty");
  result.namespace_ = item["namespace"].optional_string().value_or("default");
  if (item["runTime"].present()) {
    if (result.kind == Kind::Deployment) {
      item["runTime"].fail(
          "a Deployment's pods run until the end of the scenario; runTime applies to pod and job "
          "items");
    }
    result.run_time = item["runTime"].duration();
  }
  return result;
}

// spec.virtualClusters: EMR virtual cluster ids ([0-9a-z], 1 to 64 characters) and the namespace
// each maps to.
VirtualClusters virtual_clusters(const Field& list) {
  VirtualClusters result;
  for (const Field& item : list.items()) {
    known_fields_only(item, {"id", "namespace"});
    std::string id = item["id"].string();
    bool valid = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    });
    if (!valid) {
      item["id"].fail(fmt::format(
          "invalid virtual cluster id \"{}\": expected 1 to 64 lowercase letters or digits", id));
    }
    for (const auto& [known, namespace_] : result) {
      if (known == id) item["id"].fail(fmt::format("virtual cluster \"{}\" is listed twice", id));
    }
    result.emplace_back(id, dns_label(item["namespace"], "namespace"));
  }
  return result;
}

sim::SparkArrivals arrivals(const Field& item, sim::SimTime end) {
  known_fields_only(item, {"start", "meanInterval", "count", "spark"});
  sim::SparkArrivals result;
  result.start = duration_or(item["start"], {}).millis;
  if (result.start >= end) {
    item["start"].fail(fmt::format("start {} is not before the end of the scenario ({})",
                                   model::Duration{result.start}.to_string(),
                                   model::Duration{end}.to_string()));
  }
  result.mean_interval = positive_duration(item["meanInterval"]);
  result.count = item["count"].integer(1, kMaxArrivals);
  result.application = spark_application(item["spark"]);
  return result;
}

// --expander: a comma list such as "priority,least-waste", checked as CA's expander factory
// checks it (cas-yunikorn-spark.md §1.3): known names, no repeats, nothing after random.
std::vector<cluster_autoscaler::Expander> expanders(const Field& f) {
  using cluster_autoscaler::Expander;
  static constexpr std::pair<std::string_view, Expander> kNames[] = {
      {"random", Expander::Random},
      {"most-pods", Expander::MostPods},
      {"least-nodes", Expander::LeastNodes},
      {"least-waste", Expander::LeastWaste},
      {"priority", Expander::Priority}};
  std::string text = f.string();
  std::vector<Expander> result;
  size_t begin = 0;
  while (true) {
    size_t comma = text.find(',', begin);
    std::string_view name = std::string_view(text).substr(
        begin, comma == std::string::npos ? std::string::npos : comma - begin);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) f.fail(fmt::format("empty expander name in \"{}\"", text));
    if (name == "price") {
      f.fail("the price expander is not available on AWS (Pricing() is not implemented)");
    }
    if (name == "grpc") {
      f.fail("the grpc expander (an external gRPC server) is not supported by nodewright");
    }
    auto known = std::find_if(std::begin(kNames), std::end(kNames),
                              [&](const auto& entry) { return entry.first == name; });
    if (known == std::end(kNames)) {
      f.fail(fmt::format(
          "unknown expander \"{}\" (expected random, most-pods, least-nodes, least-waste or "
          "priority)",
          name));
    }
    if (!result.empty() && result.back() == Expander::Random) {
      f.fail(
          fmt::format("nothing may follow random (it always leaves one option), got \"{}\"", text));
    }
    if (std::find(result.begin(), result.end(), known->second) != result.end()) {
      f.fail(fmt::format("expander \"{}\" is listed twice", name));
    }
    result.push_back(known->second);
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return result;
}

// The priority expander's ConfigMap value, decoded from a mapping of integer priority to a list
// of regular expressions.
std::map<int64_t, std::vector<std::string>> priority_map(const Field& map) {
  if (is_scalar(map) || is_list(map)) {
    map.fail(
        "expected a mapping of priority to a list of regular expressions, such as "
        "{10: [\".*spot.*\"]}");
  }
  std::map<int64_t, std::vector<std::string>> result;
  for (const auto& [key, value] : map.entries()) {
    int64_t priority = 0;
    auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), priority);
    if (key.empty() || ec != std::errc() || ptr != key.data() + key.size()) {
      value.fail(fmt::format("priority \"{}\" is not an integer", key));
    }
    if (result.contains(priority)) value.fail(fmt::format("priority {} is given twice", priority));
    if (!is_list(value)) {
      value.fail("expected a list of regular expressions matched against node-group names");
    }
    std::vector<Field> items = value.items();
    std::vector<std::string>& patterns = result[priority];
    for (const Field& item : items) {
      std::string pattern = item.string();
      // std::regex compiles recursively: a long enough pattern of nested groups would exhaust the
      // stack. Node-group names have at most 63 characters, so no useful pattern comes near this.
      if (pattern.size() > kMaxPatternLength) {
        item.fail(
            fmt::format("a regular expression may have at most {} characters, this one has {}",
                        kMaxPatternLength, pattern.size()));
      }
      try {
        std::regex compiled(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        item.fail(fmt::format("invalid regular expression \"{}\": {}", pattern, e.what()));
      }
      patterns.push_back(std::move(pattern));
    }
  }
  return result;
}

// `priorities`: the mapping itself, or the ConfigMap's literal string value (a YAML document
// inside a string, as users paste it from the ConfigMap). An error inside the string is reported
// at `priorities`, with its position inside the string.
std::map<int64_t, std::vector<std::string>> priorities(const Field& f) {
  if (!is_scalar(f)) return priority_map(f);
  YAML::Node document;
  try {
    document = YAML::Load(f.string());
  } catch (const YAML::Exception& e) {
    f.fail(
        fmt::format("the priorities string is not valid YAML: {} (line {}, column {} of the "
                    "string)",
                    e.msg, e.mark.line + 1, e.mark.column + 1));
  }
  std::vector<Diagnostic> ignored;
  DecodeContext inner{"", "", &ignored};
  try {
    return priority_map(Field(document, "", &inner, document.Mark()));
  } catch (const DecodeFailure& failure) {
    const Diagnostic& d = failure.diagnostic;
    f.fail(fmt::format("in the priorities string, line {}, column {}{}: {}", d.where.line,
                       d.where.column, d.field.empty() ? "" : fmt::format(" ({})", d.field),
                       d.message));
  }
}

// The Cluster Autoscaler's flags, in camelCase (cas-yunikorn-spark.md §1.8); CA's defaults.
cluster_autoscaler::Settings cluster_autoscaler_settings(const Field& f) {
  known_fields_only(f, {"scanInterval",
                        "expander",
                        "priorities",
                        "balanceSimilarNodeGroups",
                        "maxNodesTotal",
                        "maxNodeProvisionTime",
                        "newPodScaleUpDelay",
                        "initialNodeGroupBackoffDuration",
                        "maxNodeGroupBackoffDuration",
                        "scaleDownEnabled",
                        "scaleDownUtilizationThreshold",
                        "scaleDownUnneededTime",
                        "scaleDownDelayAfterAdd",
                        "scaleDownDelayAfterDelete",
                        "scaleDownDelayAfterFailure",
                        "scaleDownDelayTypeLocal",
                        "maxScaleDownParallelism",
                        "maxDrainParallelism",
                        "nodeDeleteDelayAfterTaint",
                        "skipNodesWithLocalStorage",
                        "skipNodesWithCustomControllerPods"});
  cluster_autoscaler::Settings s;
  if (f["scanInterval"].present()) s.scan_interval = positive_duration(f["scanInterval"]);
  if (f["expander"].present()) s.expanders = expanders(f["expander"]);
  if (f["priorities"].present()) s.priorities = priorities(f["priorities"]);
  bool priority_chosen = std::find(s.expanders.begin(), s.expanders.end(),
                                   cluster_autoscaler::Expander::Priority) != s.expanders.end();
  if (priority_chosen && !f["priorities"].present()) {
    f["expander"].warn(
        "the priority expander has no priorities: as with a missing ConfigMap, it passes every "
        "option on to the next expander");
  }
  if (!priority_chosen && f["priorities"].present()) {
    f["priorities"].warn("priorities are used only by the priority expander, which is not chosen");
  }
  s.balance_similar_node_groups =
      f["balanceSimilarNodeGroups"].optional_boolean().value_or(s.balance_similar_node_groups);
  s.max_nodes_total = f["maxNodesTotal"].optional_integer(0, kInt32Max).value_or(s.max_nodes_total);
  if (f["maxNodeProvisionTime"].present()) {
    s.max_node_provision_time = positive_duration(f["maxNodeProvisionTime"]);
  }
  s.new_pod_scale_up_delay = duration_or(f["newPodScaleUpDelay"], s.new_pod_scale_up_delay);
  if (f["initialNodeGroupBackoffDuration"].present()) {
    s.initial_node_group_backoff = positive_duration(f["initialNodeGroupBackoffDuration"]);
  }
  if (f["maxNodeGroupBackoffDuration"].present()) {
    s.max_node_group_backoff = positive_duration(f["maxNodeGroupBackoffDuration"]);
  }
  if (s.max_node_group_backoff < s.initial_node_group_backoff) {
    Field at = f["maxNodeGroupBackoffDuration"].present() ? f["maxNodeGroupBackoffDuration"]
                                                          : f["initialNodeGroupBackoffDuration"];
    at.fail(fmt::format(
        "maxNodeGroupBackoffDuration ({}) is less than initialNodeGroupBackoffDuration ({})",
        s.max_node_group_backoff.to_string(), s.initial_node_group_backoff.to_string()));
  }
  s.scale_down_enabled = f["scaleDownEnabled"].optional_boolean().value_or(s.scale_down_enabled);
  if (Field threshold = f["scaleDownUtilizationThreshold"]; threshold.present()) {
    s.scale_down_utilization_threshold_ppm =
        fraction_ppm(threshold, "utilization threshold", "0.5");
    if (s.scale_down_utilization_threshold_ppm == 0) {
      threshold.fail("must be more than 0 (no node is ever below a utilization of 0)");
    }
  }
  s.scale_down_unneeded_time = duration_or(f["scaleDownUnneededTime"], s.scale_down_unneeded_time);
  s.scale_down_delay_after_add =
      duration_or(f["scaleDownDelayAfterAdd"], s.scale_down_delay_after_add);
  s.scale_down_delay_after_delete =
      duration_or(f["scaleDownDelayAfterDelete"], s.scale_down_delay_after_delete);
  s.scale_down_delay_after_failure =
      duration_or(f["scaleDownDelayAfterFailure"], s.scale_down_delay_after_failure);
  s.scale_down_delay_type_local =
      f["scaleDownDelayTypeLocal"].optional_boolean().value_or(s.scale_down_delay_type_local);
  s.max_scale_down_parallelism = static_cast<int32_t>(f["maxScaleDownParallelism"]
                                                          .optional_integer(1, kInt32Max)
                                                          .value_or(s.max_scale_down_parallelism));
  s.max_drain_parallelism = static_cast<int32_t>(
      f["maxDrainParallelism"].optional_integer(1, kInt32Max).value_or(s.max_drain_parallelism));
  s.node_delete_delay_after_taint =
      duration_or(f["nodeDeleteDelayAfterTaint"], s.node_delete_delay_after_taint);
  s.skip_nodes_with_local_storage =
      f["skipNodesWithLocalStorage"].optional_boolean().value_or(s.skip_nodes_with_local_storage);
  s.skip_nodes_with_custom_controller_pods =
      f["skipNodesWithCustomControllerPods"].optional_boolean().value_or(
          s.skip_nodes_with_custom_controller_pods);
  return s;
}

// A variant's list of NodePool or node-group names: at least one when given, no repeats.
std::vector<std::string> object_names(const Field& list, std::string_view kind,
                                      std::string_view omit_hint) {
  std::vector<std::string> result;
  if (!list.present()) return result;
  std::vector<Field> items = list.items();
  if (items.empty()) {
    list.fail(
        fmt::format("at least one {} is needed (omit {} for every {})", kind, omit_hint, kind));
  }
  for (const Field& item : items) {
    std::string name = item.string();
    if (std::find(result.begin(), result.end(), name) != result.end()) {
      item.fail(fmt::format("{} \"{}\" is listed twice", kind, name));
    }
    result.push_back(std::move(name));
  }
  return result;
}

// The settings of the other autoscaler are an error rather than silently ignored.
void reject_other_autoscaler(const Field& item, std::string_view autoscaler,
                             std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (item[key].present()) {
      item[key].fail(fmt::format("{} does not apply to this variant, whose autoscaler is {}", key,
                                 autoscaler));
    }
  }
}

sim::Variant variant(const Field& item) {
  known_fields_only(
      item, {"name", "autoscaler", "nodePools", "karpenter", "nodeGroups", "clusterAutoscaler"});
  sim::Variant result;
  result.name = dns_label(item["name"], "variant name");
  std::string autoscaler = item["autoscaler"].optional_string().value_or("karpenter");
  if (autoscaler == "cluster-autoscaler") {
    result.autoscaler = sim::AutoscalerKind::ClusterAutoscaler;
    reject_other_autoscaler(item, autoscaler, {"nodePools", "karpenter"});
    result.node_groups = object_names(item["nodeGroups"], "node group", "nodeGroups");
    result.cluster_autoscaler = cluster_autoscaler_settings(item["clusterAutoscaler"]);
    return result;
  }
  if (autoscaler != "karpenter") {
    item["autoscaler"].fail(fmt::format(
        "unknown autoscaler \"{}\" (expected karpenter or cluster-autoscaler)", autoscaler));
  }
  reject_other_autoscaler(item, autoscaler, {"nodeGroups", "clusterAutoscaler"});
  result.node_pools = object_names(item["nodePools"], "NodePool", "nodePools");
  Field karpenter = item["karpenter"];
  known_fields_only(karpenter, {"batchIdleDuration", "batchMaxDuration", "improvePacking"});
  if (karpenter["batchIdleDuration"].present()) {
    result.karpenter.batch_idle = positive_duration(karpenter["batchIdleDuration"]);
  }
  if (karpenter["batchMaxDuration"].present()) {
    result.karpenter.batch_max = positive_duration(karpenter["batchMaxDuration"]);
  }
  result.karpenter.improve_packing =
      karpenter["improvePacking"].optional_boolean().value_or(result.karpenter.improve_packing);
  return result;
}

// A Cluster Autoscaler variant's references: there are node groups, each one it names is among
// the inputs, and each group it uses can launch in at least one of the scenario's zones (a group
// whose zones are all outside them could never add a node, which is surely a mistake).
void node_group_references(const Field& spec, const Field& item, const Inventory& inventory) {
  if (item["autoscaler"].optional_string() != "cluster-autoscaler") return;
  if (inventory.node_groups.empty()) {
    item["autoscaler"].fail(
        "a cluster-autoscaler variant needs node groups, and no eksctl ClusterConfig among the "
        "inputs has managedNodeGroups or nodeGroups");
  }
  catalog::Region reg = region(spec["region"]);
  std::vector<std::string> simulated = zones(spec["zones"], reg);
  if (simulated.empty()) simulated = reg.zones();
  auto check_zones = [&](const cluster_autoscaler::NodeGroup& group, const Field& at) {
    bool reachable =
        group.zones.empty() ||
        std::any_of(group.zones.begin(), group.zones.end(), [&](const std::string& zone) {
          return std::find(simulated.begin(), simulated.end(), zone) != simulated.end();
        });
    if (!reachable) {
      at.fail(fmt::format(
          "node group \"{}\" launches only in {}, none of which the scenario simulates ({})",
          group.name, fmt::join(group.zones, ", "), fmt::join(simulated, ", ")));
    }
  };
  std::vector<Field> listed = item["nodeGroups"].items();
  if (listed.empty()) {
    for (const cluster_autoscaler::NodeGroup& group : inventory.node_groups) {
      check_zones(group, item["autoscaler"]);
    }
  }
  for (const Field& entry : listed) {
    std::string name = entry.string();
    auto group =
        std::find_if(inventory.node_groups.begin(), inventory.node_groups.end(),
                     [&](const cluster_autoscaler::NodeGroup& g) { return g.name == name; });
    if (group == inventory.node_groups.end()) {
      entry.fail(fmt::format(
          "node group \"{}\" is not among the inputs (no eksctl ClusterConfig defines it)", name));
    }
    check_zones(*group, entry);
  }
}

std::string qualified(const std::string& namespace_, const std::string& name) {
  return namespace_ + "/" + name;
}

// `Job "default/etl" is not among the inputs`, with a hint when the name exists in another
// namespace.
template <typename T>
std::string missing_message(std::string_view kind, const std::vector<T>& objects,
                            const std::string& namespace_, const std::string& name) {
  std::string message =
      fmt::format("{} \"{}\" is not among the inputs", kind, qualified(namespace_, name));
  for (const T& object : objects) {
    if (object.meta.name == name) {
      message += fmt::format(" (there is one in namespace \"{}\")", object.meta.namespace_);
      break;
    }
  }
  return message;
}

}  // namespace

void scenario(const Field& root, Inventory& out) {
  known_fields_only(root, {"apiVersion", "kind", "metadata", "spec"});
  sim::Scenario s;
  s.name = object_meta(root["metadata"], false).name;
  Field spec = root["spec"];
  if (!spec.present()) spec.fail("required field is missing (expected the scenario's spec)");
  known_fields_only(spec, {"region", "zones", "duration", "seed", "sampleInterval", "cloud",
                           "scheduler", "virtualClusters", "workload", "arrivals", "variants"});
  catalog::Region reg = region(spec["region"]);
  s.region = reg.name();
  s.zones = zones(spec["zones"], reg);
  s.duration = positive_duration(spec["duration"]).millis;
  s.seed = static_cast<uint64_t>(
      spec["seed"].optional_integer(0, std::numeric_limits<int64_t>::max()).value_or(1));
  if (spec["sampleInterval"].present()) {
    s.sample_interval = positive_duration(spec["sampleInterval"]);
  }
  s.cloud = cloud(spec["cloud"], s.zones, reg);
  s.scheduler = scheduler(spec["scheduler"]);
  VirtualClusters clusters = virtual_clusters(spec["virtualClusters"]);
  std::vector<Field> workload = spec["workload"].items();
  for (size_t i = 0; i < workload.size(); ++i) {
    s.workload.push_back(workload_item(workload[i], i, s.duration, out, clusters));
  }
  std::stable_sort(
      s.workload.begin(), s.workload.end(),
      [](const sim::WorkloadItem& a, const sim::WorkloadItem& b) { return a.at < b.at; });
  for (const Field& item : spec["arrivals"].items()) {
    s.arrivals.push_back(arrivals(item, s.duration));
  }
  if (spec["variants"].present()) {
    std::vector<Field> items = spec["variants"].items();
    if (items.empty()) {
      spec["variants"].fail(
          "at least one variant is needed (omit variants for one Karpenter variant using every "
          "NodePool)");
    }
    for (const Field& item : items) {
      sim::Variant v = variant(item);
      for (size_t i = 0; i < s.variants.size(); ++i) {
        if (s.variants[i].name == v.name) {
          item["name"].fail(
              fmt::format("duplicate variant name \"{}\" (also spec.variants[{}])", v.name, i));
        }
      }
      s.variants.push_back(std::move(v));
    }
  } else {
    sim::Variant karpenter;
    karpenter.name = "karpenter";
    s.variants.push_back(std::move(karpenter));
  }
  out.scenarios.push_back(std::move(s));
}

void scenario_references(const Field& root, const Inventory& inventory,
                         const std::set<ObjectKey>& failed) {
  for (const Field& item : root["spec"]["workload"].items()) {
    std::string namespace_ = item["namespace"].optional_string().value_or("default");
    if (item["pod"].present()) {
      std::string name = item["pod"].string();
      if (!inventory.find_pod(namespace_, name) && !failed.contains({"Pod", namespace_, name})) {
        item["pod"].fail(missing_message("Pod", inventory.pods, namespace_, name));
      }
    } else if (item["deployment"].present()) {
      std::string name = item["deployment"].string();
      if (!inventory.find_deployment(namespace_, name) &&
          !failed.contains({"Deployment", namespace_, name})) {
        item["deployment"].fail(
            missing_message("Deployment", inventory.deployments, namespace_, name));
      }
    } else if (item["sparkApplication"].present()) {
      std::string name = item["sparkApplication"].string();
      if (!inventory.find_spark_application(namespace_, name) &&
          !failed.contains({"SparkApplication", namespace_, name})) {
        item["sparkApplication"].fail(
            missing_message("SparkApplication", inventory.spark_applications, namespace_, name));
      }
    } else if (item["job"].present()) {
      std::string name = item["job"].string();
      const model::Job* job = inventory.find_job(namespace_, name);
      if (!job) {
        if (failed.contains({"Job", namespace_, name})) continue;
        item["job"].fail(missing_message("Job", inventory.jobs, namespace_, name));
      }
      bool annotated =
          model::find_label(job->meta.annotations, model::kRunTimeAnnotation) != nullptr ||
          model::find_label(job->pod_template.meta.annotations, model::kRunTimeAnnotation) !=
              nullptr;
      if (!item["runTime"].present() && !annotated) {
        item["job"].fail(fmt::format(
            "a Job needs a run time: set runTime on this item, or the {} annotation on Job "
            "\"{}\" or its pod template",
            model::kRunTimeAnnotation, qualified(namespace_, name)));
      }
    }
  }
  // A node-group name missing from the inputs may belong to a ClusterConfig that failed to decode
  // (its own error says what is wrong); the loader knows the failed object, not its groups.
  bool failed_cluster_config = std::any_of(failed.begin(), failed.end(), [](const ObjectKey& key) {
    return std::get<0>(key) == "ClusterConfig";
  });
  for (const Field& item : root["spec"]["variants"].items()) {
    if (!failed_cluster_config) node_group_references(root["spec"], item, inventory);
    for (const Field& pool : item["nodePools"].items()) {
      std::string name = pool.string();
      if (!inventory.find_node_pool(name) && !failed.contains({"NodePool", "", name})) {
        pool.fail(fmt::format("NodePool \"{}\" is not among the inputs", name));
      }
    }
  }
}

}  // namespace nw::input::decode
