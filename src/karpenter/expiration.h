// Forceful expiration (karpenter-core.md §3.13): a NodeClaim older than its NodePool's
// expireAfter is deleted directly — no budget, no simulation, no replacement up front, and
// do-not-disrupt does not hold it. Its pods provision again as the node drains.
#pragma once

#include <vector>

#include "karpenter/clock.h"
#include "karpenter/cluster_state.h"
#include "karpenter/kube_api.h"
#include "model/nodepool.h"

namespace nw::karpenter {

class ExpirationController {
 public:
  ExpirationController(const std::vector<model::NodePool>& node_pools, const ClusterState& state,
                       KubeApi& api, const Clock& clock)
      : node_pools_(node_pools), state_(state), api_(api), clock_(clock) {}

  // Deletes the NodeClaims that have expired; returns when the next one expires.
  Timestamp reconcile();

 private:
  const std::vector<model::NodePool>& node_pools_;
  const ClusterState& state_;
  KubeApi& api_;
  const Clock& clock_;
};

}  // namespace nw::karpenter
