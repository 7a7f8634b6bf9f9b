// Termination of a deleted NodeClaim (karpenter-core.md §3.14): the node is tainted
// karpenter.sh/disrupted:NoSchedule (the state's deletion mark; schedulers skip such nodes), its
// pods are evicted — except pods annotated karpenter.sh/do-not-disrupt, which are waited for
// until the NodePool's terminationGracePeriod runs out — and once no pod is left and at least
// MinDrainTime (5 s) has passed, the instance is terminated and the Node and NodeClaim removed.
// A NodeClaim whose Node never registered is terminated at once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cloud/cloud_provider.h"
#include "karpenter/clock.h"
#include "karpenter/cluster_state.h"
#include "karpenter/kube_api.h"
#include "model/nodepool.h"

namespace nw::karpenter {

class TerminationController {
 public:
  static constexpr Timestamp kMinDrainTime = 5'000;

  TerminationController(const std::vector<model::NodePool>& node_pools, const ClusterState& state,
                        KubeApi& api, cloud::CloudProvider& cloud, const Clock& clock)
      : node_pools_(node_pools), state_(state), api_(api), cloud_(cloud), clock_(clock) {}

  // Drains and terminates what it can; returns when it should look again.
  Timestamp reconcile();

 private:
  const std::vector<model::NodePool>& node_pools_;
  const ClusterState& state_;
  KubeApi& api_;
  cloud::CloudProvider& cloud_;
  const Clock& clock_;
  std::map<std::string, Timestamp> drain_started_;
};

}  // namespace nw::karpenter
