// NodePools (karpenter.sh/v1) — the one model every NodePool-like input is converted into:
// v1 NodePools as written, v1beta1 NodePools and v1alpha5 Provisioners through the mapping in
// karpenter-core.md §8.3. Values here have their defaults applied and have passed validation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/duration.h"
#include "model/kubelet.h"
#include "model/labels.h"
#include "model/object_meta.h"
#include "model/requirements.h"
#include "model/resources.h"
#include "model/taints.h"

namespace nw::model {

// The pseudo-resource `spec.limits.nodes` counts nodes; every node uses one.
inline constexpr std::string_view kNodesLimit = "nodes";

struct NodeClassRef {
  std::string group;  // karpenter.k8s.aws
  std::string kind;   // EC2NodeClass (or AWSNodeTemplate for a converted Provisioner)
  std::string name;
  friend bool operator==(const NodeClassRef&, const NodeClassRef&) = default;
};

enum class ConsolidationPolicy { WhenEmpty, WhenEmptyOrUnderutilized, Balanced };
std::string_view to_string(ConsolidationPolicy policy);

enum class DisruptionReason { Underutilized, Empty, Drifted };
std::string_view to_string(DisruptionReason reason);

struct DisruptionBudget {
  int64_t nodes = 0;                      // a count, or a percentage when `percent` is set
  bool percent = false;                   // "10%" → {10, true}
  std::string schedule;                   // cron; empty = always active
  std::optional<Duration> duration;       // set exactly when `schedule` is
  std::vector<DisruptionReason> reasons;  // empty = every reason
  friend bool operator==(const DisruptionBudget&, const DisruptionBudget&) = default;
};

struct NodePool {
  // Which API the object was written in; messages quote it, semantics do not depend on it.
  enum class Source { V1, V1Beta1, V1Alpha5Provisioner };

  ObjectMeta meta;
  Source source = Source::V1;
  Labels template_labels;
  Labels template_annotations;
  Requirements requirements;  // minValues kept per key
  std::vector<Taint> taints;
  std::vector<Taint> startup_taints;
  NodeClassRef node_class_ref;
  std::optional<Duration> expire_after = Duration::seconds(720 * 3600);  // nullopt = Never
  std::optional<Duration> termination_grace_period;
  ConsolidationPolicy consolidation_policy = ConsolidationPolicy::WhenEmptyOrUnderutilized;
  std::optional<Duration> consolidate_after = Duration{};  // nullopt = Never
  std::vector<DisruptionBudget> budgets = {DisruptionBudget{10, true, "", std::nullopt, {}}};
  Resources limits;
  bool has_limits = false;  // an empty `limits: {}` differs from none only for display
  int32_t weight = 0;       // 0 when unset; 1..100 otherwise, higher is tried first
  // Kubelet settings carried by the NodePool itself (v1alpha5 kubeletConfiguration, v1beta1
  // spec.template.spec.kubelet). When present they replace the node class's kubelet settings as
  // a whole, as Karpenter used them before the settings moved to the node class.
  std::optional<KubeletConfiguration> kubelet;

  friend bool operator==(const NodePool&, const NodePool&) = default;
};

// The requirements every node of the pool satisfies: the template requirements plus each
// template label as "key In [value]" (Karpenter's NodeClaimTemplate).
Requirements template_requirements(const NodePool& pool);

}  // namespace nw::model
