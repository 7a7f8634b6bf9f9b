// Scenario (nodewright.io/v1alpha1): a simulation's cloud, scheduler, workload and autoscaler
// variants (docs/scenario.md). Unlike the Kubernetes kinds, a Scenario is nodewright's own format,
// so an unknown field anywhere in it is an error rather than a warning: a misspelt latency or
// probability would otherwise silently simulate the default.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "catalog/decimal.h"
#include "catalog/region.h"
#include "input/decoders.h"
#include "input/spark_submission.h"
#include "workloads/spark.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kMaxArrivals = 1'000'000;
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

// A probability written as a decimal in [0, 1] with at most 6 decimals, in parts per million,
// read from the text exactly.
int64_t probability_ppm(const Field& f) {
  std::string text = f.string();
  size_t dot = text.find('.');
  if (dot != std::string::npos && text.size() - dot - 1 > 6) {
    f.fail(fmt::format("probability \"{}\" has more than 6 decimals (the resolution is 0.000001)",
                       text));
  }
  std::optional<int64_t> ppm = catalog::parse_scaled_decimal(text, 6);
  if (!ppm || *ppm > 1'000'000) {
    f.fail(fmt::format("expected a probability between 0 and 1 such as 0.05, got \"{}\"", text));
  }
  return *ppm;
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
      f, {"instanceRunning", "nodeRegistered", "nodeReady", "instanceTerminated",
          "insufficientCapacityProbability", "insufficientCapacity", "minimumBilledDuration"});
  result.instance_running = latency(f["instanceRunning"], result.instance_running);
  result.node_registered = latency(f["nodeRegistered"], result.node_registered);
  result.node_ready = latency(f["nodeReady"], result.node_ready);
  result.instance_terminated = latency(f["instanceTerminated"], result.instance_terminated);
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
  known_fields_only(item, {"tasks", "taskDuration", "coreSeconds"});
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

std::vector<workloads::SparkStage> stages(const Field& list, int64_t default_tasks) {
  std::vector<Field> items = list.items();
  if (items.empty()) list.fail("a Spark application needs at least one stage");
  std::vector<workloads::SparkStage> result;
  for (const Field& item : items) result.push_back(stage(item, default_tasks));
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

sim::Variant variant(const Field& item) {
  known_fields_only(item, {"name", "nodePools", "karpenter"});
  sim::Variant result;
  result.name = dns_label(item["name"], "variant name");
  if (item["nodePools"].present()) {
    std::vector<Field> pools = item["nodePools"].items();
    if (pools.empty()) {
      item["nodePools"].fail("at least one NodePool is needed (omit nodePools for every NodePool)");
    }
    for (const Field& pool : pools) {
      std::string name = pool.string();
      if (std::find(result.node_pools.begin(), result.node_pools.end(), name) !=
          result.node_pools.end()) {
        pool.fail(fmt::format("NodePool \"{}\" is listed twice", name));
      }
      result.node_pools.push_back(std::move(name));
    }
  }
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
  for (const Field& item : root["spec"]["variants"].items()) {
    for (const Field& pool : item["nodePools"].items()) {
      std::string name = pool.string();
      if (!inventory.find_node_pool(name) && !failed.contains({"NodePool", "", name})) {
        pool.fail(fmt::format("NodePool \"{}\" is not among the inputs", name));
      }
    }
  }
}

}  // namespace nw::input::decode
