// Karpenter's emptiness method (karpenter-core.md §3.4, §3.5, §3.10), run by the disruption
// loop every 10 s: an initialized node with no pods, not nominated, whose NodePool consolidates
// (consolidateAfter is not Never) and whose consolidateAfter has passed since its last pod event
// (or since it initialized) is a candidate. Candidates within their NodePool's budget for Empty
// form one command; after the 15 s validation delay the candidates still valid are deleted.
//
// Underutilised consolidation and drift are further methods of the same loop (not yet built);
// they plug in beside this one, and the loop runs at most one method's command at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "karpenter/clock.h"
#include "karpenter/cluster_state.h"
#include "karpenter/kube_api.h"
#include "model/nodepool.h"

namespace nw::karpenter {

struct DisruptionSettings {
  Timestamp poll_period = 10'000;
  Timestamp validation_delay = 15'000;
};

class DisruptionController {
 public:
  DisruptionController(DisruptionSettings settings, const std::vector<model::NodePool>& node_pools,
                       const ClusterState& state, KubeApi& api, const Clock& clock)
      : settings_(settings), node_pools_(node_pools), state_(state), api_(api), clock_(clock) {}

  // One pass; returns when the next is due.
  Timestamp reconcile();

 private:
  const model::NodePool* pool(const std::string& name) const;
  bool empty_candidate(const StateNode& node) const;
  // Candidates within budget, in name order, taking from each pool's budget.
  std::vector<std::string> within_budget(const std::vector<const StateNode*>& candidates) const;

  DisruptionSettings settings_;
  const std::vector<model::NodePool>& node_pools_;
  const ClusterState& state_;
  KubeApi& api_;
  const Clock& clock_;
  struct Command {
    std::vector<std::string> candidates;
    Timestamp validate_at = 0;
  };
  std::optional<Command> pending_;
};

}  // namespace nw::karpenter
