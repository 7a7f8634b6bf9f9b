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

// Everything the solver reads from a pod, serialised: equal strings mean interchangeable pods.
std::string make_equivalence_key(const PodData& data) {
  const model::Pod& pod = *data.pod;
  // Built for every pending pod, so plain appends rather than formatting where it is hot.
  std::string key = pod.meta.namespace_ + '|';
  for (const auto& [name, amount] : data.requests.entries()) {
    key += name + '=' + std::to_string(amount) + ',';
  }
  key += '|' + data.requirements.to_string() + '|' + data.strict.to_string() + '|' +
         (data.tolerates_prefer_no_schedule ? "1|" : "0|");
  for (const auto& [k, v] : pod.meta.labels) key += k + '=' + v + ',';
  key += '|';
  for (const model::Toleration& t : pod.spec.tolerations) {
    key += fmt::format("{}:{}:{}:{},", t.key, model::to_string(t.op), t.value,
                       t.effect ? model::to_string(*t.effect) : "");
  }
  key += '|';
  auto affinity = [&](const model::PodAffinityTerm& term) {
    key += fmt::format("{}/{}/{}/{};", term.topology_key,
                       term.label_selector ? term.label_selector->to_string() : "<none>",
                       fmt::join(term.namespaces, ","),
                       term.namespace_selector ? term.namespace_selector->to_string() : "");
  };
  for (const auto& term : pod.spec.pod_affinity.required) affinity(term);
  key += '|';
  for (const auto& term : pod.spec.pod_anti_affinity.required) affinity(term);
  key += '|';
  for (const auto& term : data.preferred_affinity) affinity(term.term);
  key += '|';
  for (const auto& term : data.preferred_anti_affinity) affinity(term.term);
  key += '|';
  for (const auto& tsc : data.spread) {
    key += fmt::format("{}/{}/{}/{}/{};", tsc.topology_key, tsc.max_skew,
                       tsc.label_selector ? tsc.label_selector->to_string() : "<none>",
                       tsc.min_domains.value_or(0), static_cast<int>(tsc.when_unsatisfiable));
  }
  key += fmt::format("|{}|{}|{}", data.required_term, pod.spec.required_node_affinity.size(),
                     fmt::join(data.host_ports, ","));
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
