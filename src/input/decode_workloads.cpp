// Pods, DaemonSets, Deployments, Jobs and Nodes (core/v1, apps/v1, batch/v1).
#include <fmt/format.h>

#include <limits>

#include "input/decoders.h"
#include "model/workload.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();

model::Container container(const Field& item, bool init, PodSpecSource source) {
  model::Container c;
  c.name = source == PodSpecSource::SparkTemplate ? item["name"].optional_string().value_or("")
                                                  : item["name"].string();
  c.requests = resource_list(item["resources"]["requests"]);
  c.limits = resource_list(item["resources"]["limits"]);
  // API defaulting: a resource with a limit and no request requests its limit.
  for (const auto& [name, amount] : c.limits.entries()) {
    if (c.requests.get(name) == 0) c.requests.set(name, amount);
  }
  for (const auto& [name, amount] : c.requests.entries()) {
    int64_t limit = c.limits.get(name);
    if (limit != 0 && amount > limit) {
      item["resources"]["requests"][name].fail(
          fmt::format("request {} is more than the limit {}",
                      model::Resources::to_quantity(name, amount).to_string(),
                      model::Resources::to_quantity(name, limit).to_string()));
    }
  }
  for (const Field& port : item["ports"].items()) {
    if (auto host_port = port["hostPort"].optional_integer(0, 65535); host_port && *host_port > 0) {
      c.host_ports.push_back(static_cast<int32_t>(*host_port));
    }
  }
  if (auto policy = item["restartPolicy"].optional_string()) {
    if (!init || *policy != "Always") {
      item["restartPolicy"].fail(
          init ? fmt::format("unsupported restartPolicy \"{}\" (only Always is allowed)", *policy)
               : "restartPolicy is only allowed on init containers");
    }
    c.restartable = true;
  }
  return c;
}

model::NodeSelectorTerm node_selector_term(const Field& term) {
  model::NodeSelectorTerm result;
  result.match_expressions = requirements(term["matchExpressions"], RequirementDialect::Kubernetes);
  result.match_fields = requirements(term["matchFields"], RequirementDialect::Kubernetes);
  return result;
}

model::PodAffinityTerm pod_affinity_term(const Field& term) {
  model::PodAffinityTerm result;
  if (term["labelSelector"].present())
    result.label_selector = label_selector(term["labelSelector"]);
  result.namespaces = term["namespaces"].strings();
  if (term["namespaceSelector"].present()) {
    result.namespace_selector = label_selector(term["namespaceSelector"]);
  }
  result.topology_key = term["topologyKey"].string();
  if (result.topology_key.empty()) term["topologyKey"].fail("topologyKey must not be empty");
  result.match_label_keys = term["matchLabelKeys"].strings();
  result.mismatch_label_keys = term["mismatchLabelKeys"].strings();
  return result;
}

model::PodAffinityRules pod_affinity_rules(const Field& rules) {
  model::PodAffinityRules result;
  for (const Field& term : rules["requiredDuringSchedulingIgnoredDuringExecution"].items()) {
    result.required.push_back(pod_affinity_term(term));
  }
  for (const Field& item : rules["preferredDuringSchedulingIgnoredDuringExecution"].items()) {
    result.preferred.push_back({static_cast<int32_t>(item["weight"].integer(1, 100)),
                                pod_affinity_term(item["podAffinityTerm"])});
  }
  return result;
}

model::TopologySpreadConstraint topology_spread(const Field& item) {
  using TSC = model::TopologySpreadConstraint;
  TSC result;
  result.max_skew = static_cast<int32_t>(item["maxSkew"].integer(1, kInt32Max));
  result.topology_key = item["topologyKey"].string();
  if (result.topology_key.empty()) item["topologyKey"].fail("topologyKey must not be empty");
  std::string when = item["whenUnsatisfiable"].string();
  if (when == "ScheduleAnyway") {
    result.when_unsatisfiable = TSC::WhenUnsatisfiable::ScheduleAnyway;
  } else if (when != "DoNotSchedule") {
    item["whenUnsatisfiable"].fail(
        fmt::format("unknown value \"{}\" (expected DoNotSchedule or ScheduleAnyway)", when));
  }
  if (item["labelSelector"].present())
    result.label_selector = label_selector(item["labelSelector"]);
  if (item["minDomains"].present()) {
    if (result.when_unsatisfiable != TSC::WhenUnsatisfiable::DoNotSchedule) {
      item["minDomains"].fail("minDomains is only allowed with whenUnsatisfiable: DoNotSchedule");
    }
    result.min_domains = static_cast<int32_t>(item["minDomains"].integer(1, kInt32Max));
  }
  result.match_label_keys = item["matchLabelKeys"].strings();
  auto policy = [](const Field& f, TSC::InclusionPolicy fallback) {
    auto text = f.optional_string();
    if (!text) return fallback;
    if (*text == "Honor") return TSC::InclusionPolicy::Honor;
    if (*text == "Ignore") return TSC::InclusionPolicy::Ignore;
    f.fail(fmt::format("unknown policy \"{}\" (expected Honor or Ignore)", *text));
  };
  result.node_affinity_policy = policy(item["nodeAffinityPolicy"], TSC::InclusionPolicy::Honor);
  result.node_taints_policy = policy(item["nodeTaintsPolicy"], TSC::InclusionPolicy::Ignore);
  return result;
}

// The nodewright.io/run-time annotation, where it is given, must be a duration.
void check_run_time_annotation(const Field& metadata) {
  Field annotation = metadata["annotations"][model::kRunTimeAnnotation];
  if (annotation.present()) (void)annotation.duration();
}

// A workload's spec.template: labels, annotations (in the workload's namespace) and pod spec.
model::PodTemplate pod_template(const Field& tmpl, const std::string& namespace_) {
  model::PodTemplate result;
  result.meta.labels = labels(tmpl["metadata"]["labels"]);
  result.meta.annotations = tmpl["metadata"]["annotations"].string_map();
  result.meta.namespace_ = namespace_;
  result.spec = pod_spec(tmpl["spec"]);
  return result;
}

}  // namespace

model::PodSpec pod_spec(const Field& spec, PodSpecSource source) {
  model::PodSpec result;
  std::vector<Field> containers = spec["containers"].items();
  if (containers.empty() && source == PodSpecSource::Kubernetes) {
    spec["containers"].fail("a pod needs at least one container");
  }
  for (const Field& item : containers) result.containers.push_back(container(item, false, source));
  for (const Field& item : spec["initContainers"].items()) {
    result.init_containers.push_back(container(item, true, PodSpecSource::Kubernetes));
  }
  result.overhead = resource_list(spec["overhead"]);
  if (spec["resources"]["requests"].present()) {
    result.pod_requests = resource_list(spec["resources"]["requests"]);
  }
  result.node_selector = labels(spec["nodeSelector"]);
  Field node_affinity = spec["affinity"]["nodeAffinity"];
  Field required = node_affinity["requiredDuringSchedulingIgnoredDuringExecution"];
  if (required.present()) {
    std::vector<Field> terms = required["nodeSelectorTerms"].items();
    if (terms.empty()) required["nodeSelectorTerms"].fail("at least one term is required");
    for (const Field& term : terms)
      result.required_node_affinity.push_back(node_selector_term(term));
  }
  for (const Field& item :
       node_affinity["preferredDuringSchedulingIgnoredDuringExecution"].items()) {
    result.preferred_node_affinity.push_back({static_cast<int32_t>(item["weight"].integer(1, 100)),
                                              node_selector_term(item["preference"])});
  }
  result.pod_affinity = pod_affinity_rules(spec["affinity"]["podAffinity"]);
  result.pod_anti_affinity = pod_affinity_rules(spec["affinity"]["podAntiAffinity"]);
  for (const Field& item : spec["topologySpreadConstraints"].items()) {
    result.topology_spread.push_back(topology_spread(item));
  }
  result.tolerations = tolerations(spec["tolerations"]);
  result.priority =
      static_cast<int32_t>(spec["priority"].optional_integer(kInt32Min, kInt32Max).value_or(0));
  result.priority_class_name = spec["priorityClassName"].optional_string().value_or("");
  result.scheduler_name = spec["schedulerName"].optional_string().value_or(result.scheduler_name);
  result.node_name = spec["nodeName"].optional_string().value_or("");
  return result;
}

void pod(const Field& root, Inventory& out) {
  model::Pod p;
  p.meta = object_meta(root["metadata"], true);
  check_run_time_annotation(root["metadata"]);
  p.spec = pod_spec(root["spec"]);
  p.phase = root["status"]["phase"].optional_string().value_or(p.phase);
  out.pods.push_back(std::move(p));
}

void daemon_set(const Field& root, Inventory& out) {
  model::DaemonSet ds;
  ds.meta = object_meta(root["metadata"], true);
  Field tmpl = root["spec"]["template"];
  ds.template_meta.labels = labels(tmpl["metadata"]["labels"]);
  ds.template_meta.annotations = tmpl["metadata"]["annotations"].string_map();
  ds.template_meta.namespace_ = ds.meta.namespace_;
  ds.template_spec = pod_spec(tmpl["spec"]);
  out.daemon_sets.push_back(std::move(ds));
}

void deployment(const Field& root, Inventory& out) {
  model::Deployment d;
  d.meta = object_meta(root["metadata"], true);
  d.replicas =
      static_cast<int32_t>(root["spec"]["replicas"].optional_integer(0, kInt32Max).value_or(1));
  d.pod_template = pod_template(root["spec"]["template"], d.meta.namespace_);
  out.deployments.push_back(std::move(d));
}

void job(const Field& root, Inventory& out) {
  model::Job j;
  j.meta = object_meta(root["metadata"], true);
  check_run_time_annotation(root["metadata"]);
  Field spec = root["spec"];
  j.parallelism =
      static_cast<int32_t>(spec["parallelism"].optional_integer(1, kInt32Max).value_or(1));
  j.completions = static_cast<int32_t>(
      spec["completions"].optional_integer(1, kInt32Max).value_or(j.parallelism));
  check_run_time_annotation(spec["template"]["metadata"]);
  j.pod_template = pod_template(spec["template"], j.meta.namespace_);
  out.jobs.push_back(std::move(j));
}

void node(const Field& root, Inventory& out) {
  model::Node n;
  n.meta = object_meta(root["metadata"], false);
  n.taints = taints(root["spec"]["taints"]);
  n.unschedulable = root["spec"]["unschedulable"].optional_boolean().value_or(false);
  n.provider_id = root["spec"]["providerID"].optional_string().value_or("");
  n.capacity = resource_list(root["status"]["capacity"]);
  n.allocatable = root["status"]["allocatable"].present()
                      ? resource_list(root["status"]["allocatable"])
                      : n.capacity;
  for (const Field& c : root["status"]["conditions"].items()) {
    n.conditions.push_back({c["type"].string(), c["status"].string()});
  }
  out.nodes.push_back(std::move(n));
}

}  // namespace nw::input::decode
