// Kubernetes taints and tolerations (core/v1 Taint, Toleration, ToleratesTaint).
//
// Assumes: inputs were validated by the input layer (a toleration with an empty key uses Exists);
// an invalid combination is still evaluated exactly as Kubernetes' ToleratesTaint evaluates it.
// Guarantees: pure functions; taints are examined in the order given, so the taint reported by
// first_untolerated is deterministic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nw::model {

enum class TaintEffect { NoSchedule, PreferNoSchedule, NoExecute };

std::optional<TaintEffect> parse_taint_effect(std::string_view text);  // exact Kubernetes names
std::string_view to_string(TaintEffect effect);

struct Taint {
  std::string key;
  std::string value;  // may be empty
  TaintEffect effect = TaintEffect::NoSchedule;

  std::string to_string() const;  // "key=value:Effect", or "key:Effect" when value is empty
  friend bool operator==(const Taint&, const Taint&) = default;
};

enum class TolerationOperator { Equal, Exists };

// "Equal", "Exists", and "" (Kubernetes defaults an empty operator to Equal).
std::optional<TolerationOperator> parse_toleration_operator(std::string_view text);
std::string_view to_string(TolerationOperator op);

struct Toleration {
  std::string key;  // empty with Exists: tolerates every taint
  TolerationOperator op = TolerationOperator::Equal;
  std::string value;                  // ignored by Exists
  std::optional<TaintEffect> effect;  // empty matches every effect
  // How long a NoExecute taint is tolerated before eviction; scheduling ignores it.
  std::optional<int64_t> toleration_seconds;

  friend bool operator==(const Toleration&, const Toleration&) = default;
};

bool tolerates(const Toleration& toleration, const Taint& taint);

// Whether PreferNoSchedule taints block. The kube-scheduler only prefers to avoid them (Ignore);
// Karpenter's provisioning treats them as blocking until its last relaxation step adds a
// toleration for them (karpenter-core.md §1.12 step 6), which is what Enforce models.
enum class PreferNoSchedule { Ignore, Enforce };

// Every blocking taint (NoSchedule, NoExecute, and PreferNoSchedule under Enforce) is tolerated by
// at least one toleration.
bool tolerates_all(const std::vector<Toleration>& tolerations, const std::vector<Taint>& taints,
                   PreferNoSchedule prefer = PreferNoSchedule::Ignore);

// The first blocking taint no toleration tolerates, for messages; nullopt when tolerates_all.
std::optional<Taint> first_untolerated(const std::vector<Toleration>& tolerations,
                                       const std::vector<Taint>& taints,
                                       PreferNoSchedule prefer = PreferNoSchedule::Ignore);

}  // namespace nw::model
