#include "scheduling/pod_data.h"

#include <fmt/format.h>

#include <algorithm>

namespace nw::scheduling {
namespace {

template <typename Term>
void sort_by_weight_descending(std::vector<Term>& terms) {
  std::stable_sort(terms.begin(), terms.end(),
                   [](const Term& a, const Term& b) { return a.weight > b.weight; });
}

void append_selector(std::string& key, const std::optional<model::LabelSelector>& selector) {
  if (!selector) {
    key += "<none>";
    return;
  }
  for (const auto& [k, v] : selector->match_labels) key += k + '=' + v + ',';
  for (const model::LabelSelectorRequirement& r : selector->match_expressions) {
    key += r.key + ' ' + std::string(model::to_string(r.op));
    for (const std::string& v : r.values) key += ' ' + v;
    key += ',';
  }
}

void append_list(std::string& key, const std::vector<std::string>& values) {
  for (const std::string& v : values) key += v + ',';
  key += ';';
}

// Everything the solver reads from a pod, serialised: equal strings mean interchangeable pods.
// Built for every pending pod, so plain appends rather than formatting.
std::string make_equivalence_key(const PodData& data) {
  const model::Pod& pod = *data.pod;
  std::string key = pod.meta.namespace_ + '|';
  for (const auto& [name, amount] : data.requests.entries()) {
    key += name + '=' + std::to_string(amount) + ',';
  }
  key += '|' + data.requirements.to_string() + '|' + data.strict.to_string() + '|' +
         (data.tolerates_prefer_no_schedule ? "1|" : "0|");
  for (const auto& [k, v] : pod.meta.labels) key += k + '=' + v + ',';
  key += '|';
  for (const model::Toleration& t : pod.spec.tolerations) {
    key += t.key + ':' + std::string(model::to_string(t.op)) + ':' + t.value + ':' +
           (t.effect ? std::string(model::to_string(*t.effect)) : std::string()) + ',';
  }
  auto affinity = [&](const model::PodAffinityTerm& term, int32_t weight) {
    key += term.topology_key + '/' + std::to_string(weight) + '/';
    append_selector(key, term.label_selector);
    key += '/';
    append_list(key, term.namespaces);
    append_selector(key, term.namespace_selector);
    key += '/';
    append_list(key, term.match_label_keys);
    append_list(key, term.mismatch_label_keys);
  };
  key += "|a:";
  for (const auto& term : pod.spec.pod_affinity.required) affinity(term, 0);
  key += "|aa:";
  for (const auto& term : pod.spec.pod_anti_affinity.required) affinity(term, 0);
  key += "|pa:";
  for (const auto& term : data.preferred_affinity) affinity(term.term, term.weight);
  key += "|paa:";
  for (const auto& term : data.preferred_anti_affinity) affinity(term.term, term.weight);
  key += "|s:";
  for (const auto& tsc : data.spread) {
    key += tsc.topology_key + '/' + std::to_string(tsc.max_skew) + '/' +
           std::to_string(tsc.min_domains.value_or(0)) + '/' +
           std::to_string(static_cast<int>(tsc.when_unsatisfiable)) + '/' +
           std::to_string(static_cast<int>(tsc.node_affinity_policy)) + '/' +
           std::to_string(static_cast<int>(tsc.node_taints_policy)) + '/';
    append_selector(key, tsc.label_selector);
    key += '/';
    append_list(key, tsc.match_label_keys);
  }
  key += '|' + std::to_string(data.required_term) + '|';
  for (const model::NodeSelectorTerm& term : pod.spec.required_node_affinity) {
    key += term.match_expressions.to_string() + ';';
  }
  key += '|';
  for (int32_t port : data.host_ports) key += std::to_string(port) + ',';
  return key;
}

}  // namespace

PodData PodData::make(const model::Pod& pod, size_t index) {
  PodData data;
  data.pod = &pod;
  data.index = index;
  data.requests = model::effective_requests(pod.spec);
  data.host_ports = model::host_ports(pod.spec);
  data.preferred_node = pod.spec.preferred_node_affinity;
  sort_by_weight_descending(data.preferred_node);
  data.preferred_affinity = pod.spec.pod_affinity.preferred;
  sort_by_weight_descending(data.preferred_affinity);
  data.preferred_anti_affinity = pod.spec.pod_anti_affinity.preferred;
  sort_by_weight_descending(data.preferred_anti_affinity);
  data.spread = pod.spec.topology_spread;
  data.refresh_requirements();
  return data;
}

void PodData::refresh_requirements() {
  strict = model::node_requirements(pod->spec, required_term);
  requirements = strict;
  if (!preferred_node.empty()) {
    requirements = requirements.intersect(preferred_node.front().preference.match_expressions);
  }
  equivalence_key = make_equivalence_key(*this);
}

bool PodData::relax(bool pools_have_prefer_no_schedule) {
  using TSC = model::TopologySpreadConstraint;
  if (required_term + 1 < pod->spec.required_node_affinity.size()) {
    ++required_term;
  } else if (!preferred_affinity.empty()) {
    preferred_affinity.erase(preferred_affinity.begin());
  } else if (!preferred_anti_affinity.empty()) {
    preferred_anti_affinity.erase(preferred_anti_affinity.begin());
  } else if (!preferred_node.empty()) {
    preferred_node.erase(preferred_node.begin());
  } else if (auto soft = std::find_if(spread.begin(), spread.end(),
                                      [](const TSC& tsc) {
                                        return tsc.when_unsatisfiable ==
                                               TSC::WhenUnsatisfiable::ScheduleAnyway;
                                      });
             soft != spread.end()) {
    spread.erase(soft);
  } else if (pools_have_prefer_no_schedule && !tolerates_prefer_no_schedule) {
    tolerates_prefer_no_schedule = true;
  } else {
    return false;
  }
  refresh_requirements();
  return true;
}

}  // namespace nw::scheduling
