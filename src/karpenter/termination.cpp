#include "karpenter/termination.h"

#include <algorithm>

namespace nw::karpenter {

Timestamp TerminationController::reconcile() {
  const Timestamp now = clock_.now();
  Timestamp next = kNoWakeup;
  std::vector<std::string> done;
  std::map<std::string, std::vector<uint64_t>> evictable;
  std::map<std::string, int> waiting;  // do-not-disrupt pods still running, per node
  for (const auto& [id, pod] : state_.pods) {
    if (!pod.pod.bound()) continue;
    auto node = state_.nodes.find(pod.pod.spec.node_name);
    if (node == state_.nodes.end() || !node->second.deleting()) continue;
    const std::string* keep =
        model::find_label(pod.pod.meta.annotations, model::kDoNotDisruptAnnotation);
    if (keep != nullptr && *keep == "true") {
      ++waiting[node->first];
    } else {
      evictable[node->first].push_back(id);
    }
  }
  for (const auto& [name, node] : state_.nodes) {
    if (!node.deleting()) continue;
    if (node.registered == kNotYet) {
      done.push_back(name);
      continue;
    }
    auto [started, inserted] = drain_started_.try_emplace(name, now);
    Timestamp deadline = kNoWakeup;
    for (const model::NodePool& pool : node_pools_) {
      if (pool.meta.name == node.node_pool && pool.termination_grace_period) {
        deadline = node.deletion_requested + pool.termination_grace_period->millis;
      }
    }
    for (uint64_t pod : evictable[name]) api_.evict(pod);
    if (waiting.contains(name)) {
      if (now < deadline) {
        next = std::min(next, deadline);
        continue;
      }
      // The grace period is over: do-not-disrupt pods are deleted too.
      std::vector<uint64_t> rest;
      for (const auto& [id, pod] : state_.pods) {
        if (pod.pod.spec.node_name == name) rest.push_back(id);
      }
      for (uint64_t pod : rest) api_.evict(pod);
    }
    if (now < started->second + kMinDrainTime) {
      next = std::min(next, started->second + kMinDrainTime);
      continue;
    }
    done.push_back(name);
  }
  for (const std::string& name : done) {
    auto it = state_.nodes.find(name);
    cloud_.terminate(it->second.instance_id);
    drain_started_.erase(name);
    api_.remove_node(name);
  }
  return next;
}

}  // namespace nw::karpenter
