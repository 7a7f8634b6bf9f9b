// Pods as the scheduler sees them: what they request and every constraint on where they may run.
//
// Decoding (src/input/) applies the API server's defaults before a Pod is built (a container
// limit with no request becomes the request; the default namespace; topology-spread policies), so
// the values here are the effective ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/label_selector.h"
#include "model/object_meta.h"
#include "model/requirements.h"
#include "model/resources.h"
#include "model/taints.h"

namespace nw::model {

struct Container {
  std::string name;
  Resources requests;
  Resources limits;
  std::vector<int32_t> host_ports;  // TCP host ports; a node can hold each port once
  // An init container with restartPolicy: Always is a sidecar: it keeps running beside the main
  // containers, so its requests add to theirs instead of being a start-up peak.
  bool restartable = false;
  friend bool operator==(const Container&, const Container&) = default;
};

// One NodeSelectorTerm: its expressions are ANDed (held as one Requirements), terms are ORed.
struct NodeSelectorTerm {
  Requirements match_expressions;
  Requirements match_fields;  // only metadata.name is meaningful
  friend bool operator==(const NodeSelectorTerm&, const NodeSelectorTerm&) = default;
};

struct PreferredSchedulingTerm {
  int32_t weight = 0;  // 1..100
  NodeSelectorTerm preference;
  friend bool operator==(const PreferredSchedulingTerm&, const PreferredSchedulingTerm&) = default;
};

struct PodAffinityTerm {
  std::optional<LabelSelector> label_selector;  // absent selects no pods
  std::vector<std::string> namespaces;          // empty with no namespace selector: the pod's own
  std::optional<LabelSelector> namespace_selector;
  std::string topology_key;
  std::vector<std::string> match_label_keys;
  std::vector<std::string> mismatch_label_keys;
  friend bool operator==(const PodAffinityTerm&, const PodAffinityTerm&) = default;
};

struct WeightedPodAffinityTerm {
  int32_t weight = 0;  // 1..100
  PodAffinityTerm term;
  friend bool operator==(const WeightedPodAffinityTerm&, const WeightedPodAffinityTerm&) = default;
};

struct PodAffinityRules {
  std::vector<PodAffinityTerm> required;
  std::vector<WeightedPodAffinityTerm> preferred;
  bool empty() const { return required.empty() && preferred.empty(); }
  friend bool operator==(const PodAffinityRules&, const PodAffinityRules&) = default;
};

struct TopologySpreadConstraint {
  enum class WhenUnsatisfiable { DoNotSchedule, ScheduleAnyway };
  enum class InclusionPolicy { Honor, Ignore };

  int32_t max_skew = 1;
  std::string topology_key;
  WhenUnsatisfiable when_unsatisfiable = WhenUnsatisfiable::DoNotSchedule;
  std::optional<LabelSelector> label_selector;
  std::optional<int32_t> min_domains;
  std::vector<std::string> match_label_keys;
  InclusionPolicy node_affinity_policy = InclusionPolicy::Honor;  // Kubernetes defaults
  InclusionPolicy node_taints_policy = InclusionPolicy::Ignore;
  friend bool operator==(const TopologySpreadConstraint&,
                         const TopologySpreadConstraint&) = default;
};

struct PodSpec {
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  Resources overhead;                     // RuntimeClass overhead, added to the requests
  std::optional<Resources> pod_requests;  // pod-level resources (spec.resources.requests)
  Labels node_selector;
  std::vector<NodeSelectorTerm> required_node_affinity;  // ORed terms; empty = no constraint
  std::vector<PreferredSchedulingTerm> preferred_node_affinity;
  PodAffinityRules pod_affinity;
  PodAffinityRules pod_anti_affinity;
  std::vector<TopologySpreadConstraint> topology_spread;
  std::vector<Toleration> tolerations;
  int32_t priority = 0;
  std::string priority_class_name;
  std::string scheduler_name = "default-scheduler";
  std::string node_name;  // set once the pod is bound
  friend bool operator==(const PodSpec&, const PodSpec&) = default;
};

struct Pod {
  ObjectMeta meta;
  PodSpec spec;
  std::string phase = "Pending";

  bool bound() const { return !spec.node_name.empty(); }
  friend bool operator==(const Pod&, const Pod&) = default;
};

// What the pod asks a node for, as Kubernetes computes it (resource helpers, PodRequests):
// max(sum of containers + sidecars, peak of the init sequence) + overhead, or the pod-level
// requests where given; plus one `pods` slot, as Karpenter counts it.
Resources effective_requests(const PodSpec& spec);

// The host ports the pod binds (every container's, init containers included), sorted and
// unique: a node can hold each port for one pod only.
std::vector<int32_t> host_ports(const PodSpec& spec);
// Adds `more` to the sorted, unique list `ports`.
void merge_ports(std::vector<int32_t>& ports, const std::vector<int32_t>& more);
// Whether two sorted port lists share a port.
bool share_a_port(const std::vector<int32_t>& a, const std::vector<int32_t>& b);

// The pod's node requirements for one required node-affinity term: nodeSelector ∧ term.
// With no terms the result is the nodeSelector alone.
Requirements node_requirements(const PodSpec& spec, size_t term_index = 0);

// Every requirement set the pod may be placed under: node_requirements for each required
// node-affinity term (the terms are ORed), or the nodeSelector alone when there are none.
std::vector<Requirements> node_requirement_alternatives(const PodSpec& spec);

// Annotation values the autoscalers read.
inline constexpr std::string_view kDoNotDisruptAnnotation = "karpenter.sh/do-not-disrupt";
inline constexpr std::string_view kSafeToEvictAnnotation =
    "cluster-autoscaler.kubernetes.io/safe-to-evict";

}  // namespace nw::model
