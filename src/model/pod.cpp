#include "model/pod.h"

#include <algorithm>

namespace nw::model {

Resources effective_requests(const PodSpec& spec) {
  Resources total;
  for (const Container& c : spec.containers) total += c.requests;
  // Init containers run one at a time before the main containers, except sidecars, which
  // start in order and keep running; each regular init container therefore runs beside the
  // sidecars started before it.
  Resources sidecars;
  Resources init_peak;
  for (const Container& c : spec.init_containers) {
    if (c.restartable) {
      total += c.requests;
      sidecars += c.requests;
      init_peak = Resources::max(init_peak, sidecars);
    } else {
      init_peak = Resources::max(init_peak, sidecars + c.requests);
    }
  }
  total = Resources::max(total, init_peak);
  // Pod-level requests replace the container-derived figure resource by resource.
  if (spec.pod_requests) {
    for (const auto& [name, amount] : spec.pod_requests->entries()) total.set(name, amount);
  }
  total += spec.overhead;
  total.set(kPods, total.pods() + 1);
  return total;
}

std::vector<int32_t> host_ports(const PodSpec& spec) {
  std::vector<int32_t> ports;
  for (const auto* list : {&spec.containers, &spec.init_containers}) {
    for (const Container& c : *list)
      ports.insert(ports.end(), c.host_ports.begin(), c.host_ports.end());
  }
  std::sort(ports.begin(), ports.end());
  ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
  return ports;
}

void merge_ports(std::vector<int32_t>& ports, const std::vector<int32_t>& more) {
  if (more.empty()) return;
  ports.insert(ports.end(), more.begin(), more.end());
  std::sort(ports.begin(), ports.end());
  ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
}

bool share_a_port(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

Requirements node_requirements(const PodSpec& spec, size_t term_index) {
  Requirements requirements = Requirements::from_labels(spec.node_selector);
  if (term_index < spec.required_node_affinity.size()) {
    requirements =
        requirements.intersect(spec.required_node_affinity[term_index].match_expressions);
  }
  return requirements;
}

std::vector<Requirements> node_requirement_alternatives(const PodSpec& spec) {
  std::vector<Requirements> alternatives;
  size_t terms = std::max<size_t>(spec.required_node_affinity.size(), 1);
  for (size_t i = 0; i < terms; ++i) alternatives.push_back(node_requirements(spec, i));
  return alternatives;
}

}  // namespace nw::model
