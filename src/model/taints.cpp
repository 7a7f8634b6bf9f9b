#include "model/taints.h"

#include <algorithm>

namespace nw::model {
namespace {

bool blocks(const Taint& taint, PreferNoSchedule prefer) {
  return taint.effect != TaintEffect::PreferNoSchedule || prefer == PreferNoSchedule::Enforce;
}

const Taint* find_untolerated(const std::vector<Toleration>& tolerations,
                              const std::vector<Taint>& taints, PreferNoSchedule prefer) {
  for (const Taint& taint : taints) {
    if (!blocks(taint, prefer)) continue;
    bool tolerated = std::ranges::any_of(
        tolerations, [&taint](const Toleration& t) { return tolerates(t, taint); });
    if (!tolerated) return &taint;
  }
  return nullptr;
}

}  // namespace

std::optional<TaintEffect> parse_taint_effect(std::string_view text) {
  for (TaintEffect effect :
       {TaintEffect::NoSchedule, TaintEffect::PreferNoSchedule, TaintEffect::NoExecute}) {
    if (to_string(effect) == text) return effect;
  }
  return std::nullopt;
}

std::string_view to_string(TaintEffect effect) {
  switch (effect) {
    case TaintEffect::NoSchedule:
      return "NoSchedule";
    case TaintEffect::PreferNoSchedule:
      return "PreferNoSchedule";
    case TaintEffect::NoExecute:
      return "NoExecute";
  }
  return "Unknown";
}

std::string Taint::to_string() const {
  std::string out = key;
  if (!value.empty()) out += "=" + value;
  out += ":";
  out += nw::model::to_string(effect);
  return out;
}

std::optional<TolerationOperator> parse_toleration_operator(std::string_view text) {
  if (text.empty() || text == "Equal") return TolerationOperator::Equal;
  if (text == "Exists") return TolerationOperator::Exists;
  return std::nullopt;
}

std::string_view to_string(TolerationOperator op) {
  return op == TolerationOperator::Exists ? "Exists" : "Equal";
}

bool tolerates(const Toleration& toleration, const Taint& taint) {
  if (toleration.effect && *toleration.effect != taint.effect) return false;
  if (!toleration.key.empty() && toleration.key != taint.key) return false;
  return toleration.op == TolerationOperator::Exists || toleration.value == taint.value;
}

bool tolerates_all(const std::vector<Toleration>& tolerations, const std::vector<Taint>& taints,
                   PreferNoSchedule prefer) {
  return find_untolerated(tolerations, taints, prefer) == nullptr;
}

std::optional<Taint> first_untolerated(const std::vector<Toleration>& tolerations,
                                       const std::vector<Taint>& taints, PreferNoSchedule prefer) {
  const Taint* taint = find_untolerated(tolerations, taints, prefer);
  if (taint == nullptr) return std::nullopt;
  return *taint;
}

}  // namespace nw::model
