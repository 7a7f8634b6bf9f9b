#include "karpenter/expiration.h"

#include <algorithm>
#include <string>

namespace nw::karpenter {

Timestamp ExpirationController::reconcile() {
  const Timestamp now = clock_.now();
  Timestamp next = kNoWakeup;
  std::vector<std::string> expired;
  for (const auto& [name, node] : state_.nodes) {
    if (node.deleting()) continue;
    for (const model::NodePool& pool : node_pools_) {
      if (pool.meta.name != node.node_pool || !pool.expire_after) continue;
      Timestamp expires = node.created + pool.expire_after->millis;
      if (expires <= now) {
        expired.push_back(name);
      } else {
        next = std::min(next, expires);
      }
    }
  }
  for (const std::string& name : expired) api_.delete_node_claim(name, "expired");
  return next;
}

}  // namespace nw::karpenter
