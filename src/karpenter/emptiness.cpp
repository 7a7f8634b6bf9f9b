#include "karpenter/emptiness.h"

#include <map>

#include "karpenter/budgets.h"

namespace nw::karpenter {

const model::NodePool* DisruptionController::pool(const std::string& name) const {
  for (const model::NodePool& p : node_pools_)
    if (p.meta.name == name) return &p;
  return nullptr;
}

bool DisruptionController::empty_candidate(const StateNode& node) const {
  const Timestamp now = clock_.now();
  if (!node.initialized_now() || node.deleting() || node.pods > 0 || node.nominated(now)) {
    return false;
  }
  const model::NodePool* p = pool(node.node_pool);
  if (p == nullptr || !p->consolidate_after) return false;
  // The Consolidatable condition: consolidateAfter since the last pod event.
  Timestamp since = node.last_pod_event != kNotYet ? node.last_pod_event : node.initialized;
  return now >= since + p->consolidate_after->millis;
}

std::vector<std::string> DisruptionController::within_budget(
    const std::vector<const StateNode*>& candidates) const {
  std::map<std::string, int64_t> left;
  std::vector<std::string> chosen;
  for (const StateNode* node : candidates) {
    auto [it, inserted] = left.try_emplace(node->node_pool, 0);
    if (inserted) {
      it->second = disruptions_allowed(*pool(node->node_pool), model::DisruptionReason::Empty,
                                       state_, clock_.now());
    }
    if (it->second <= 0) continue;
    --it->second;
    chosen.push_back(node->name);
  }
  return chosen;
}

Timestamp DisruptionController::reconcile() {
  const Timestamp now = clock_.now();
  if (pending_) {
    if (now < pending_->validate_at) return pending_->validate_at;
    // Validation: keep the candidates that are still empty candidates, within budget again.
    std::vector<const StateNode*> still;
    for (const std::string& name : pending_->candidates) {
      auto it = state_.nodes.find(name);
      if (it != state_.nodes.end() && empty_candidate(it->second)) still.push_back(&it->second);
    }
    pending_.reset();
    std::vector<std::string> deleting = within_budget(still);
    for (const std::string& name : deleting) api_.delete_node_claim(name, "empty");
    // A method that acted makes the loop run again at once.
    return deleting.empty() ? now + settings_.poll_period : now;
  }
  std::vector<const StateNode*> candidates;
  for (const auto& [name, node] : state_.nodes) {
    if (empty_candidate(node)) candidates.push_back(&node);
  }
  std::vector<std::string> chosen = within_budget(candidates);
  if (chosen.empty()) return now + settings_.poll_period;
  pending_ = Command{std::move(chosen), now + settings_.validation_delay};
  return pending_->validate_at;
}

}  // namespace nw::karpenter
