// What Karpenter's controllers know about the cluster (Karpenter's cluster state): every
// NodeClaim with its Node once registered, and every pod that is not finished. The simulator
// keeps it directly; the live controller (planned) is to fill it from informers. Controllers
// read it and change the cluster only through KubeApi (kube_api.h), so the two faces differ in
// who applies a change, never in what is decided.
//
// Invariants: `pods` holds live pods only (a pod that finishes or is evicted leaves); a pod's
// spec.nodeName names a key of `nodes`; StateNode::pods counts the pods bound to it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "karpenter/clock.h"
#include "model/node.h"
#include "model/pod.h"
#include "scheduling/snapshot.h"

namespace nw::karpenter {

// The taint Karpenter puts on a node it is about to disrupt, so nothing new schedules there.
inline constexpr std::string_view kDisruptedTaintKey = "karpenter.sh/disrupted";
inline constexpr std::string_view kInitializedLabel = "karpenter.sh/initialized";

struct StatePod {
  uint64_t id = 0;  // creation order
  model::Pod pod;   // spec.nodeName is set once bound
  Timestamp created = 0;
  // kube-scheduler tried and failed (PodScheduled=False, reason Unschedulable): the signal
  // autoscalers react to.
  bool unschedulable = false;
};

// A NodeClaim and, once registered, its Node.
struct StateNode {
  std::string name;  // the NodeClaim's and the Node's
  std::string node_pool;
  std::string instance_id;
  std::string instance_type;
  catalog::Offering offering;  // the zone, capacity type and price launched
  // Labels, taints, capacity and allocatable as the Node has (or will have) them; the Ready
  // condition once the node is ready. Launched-but-unregistered claims are in the solver's
  // snapshot through this too, so pods are not provisioned twice.
  model::Node node;
  Timestamp created = 0;
  Timestamp registered = kNotYet;
  Timestamp initialized = kNotYet;
  // The last bind or removal of a pod (status.lastPodEventTime); kNotYet before the first.
  Timestamp last_pod_event = kNotYet;
  Timestamp deletion_requested = kNotYet;  // marked for deletion (by any controller)
  std::string deletion_reason;
  // A provisioning solve placed pending pods here; disruption leaves it alone until then.
  Timestamp nominated_until = kNotYet;
  int32_t pods = 0;  // pods bound to it (DaemonSet pods are not modelled as pods)
  // Bumped by whoever changes `node` (labels, taints, conditions, resources), so views derived
  // from it can be kept until it changes (NodeViews).
  uint64_t revision = 0;

  bool initialized_now() const { return initialized != kNotYet; }
  bool deleting() const { return deletion_requested != kNotYet; }
  bool nominated(Timestamp now) const { return nominated_until > now; }
};

struct ClusterState {
  std::map<uint64_t, StatePod> pods;       // by id: creation order
  std::map<std::string, StateNode> nodes;  // by name
};

// The solver's view of each node (labels as requirements, taints...), rebuilt only when the
// node's revision changes: building it is most of the cost of a snapshot otherwise.
class NodeViews {
 public:
  const scheduling::ExistingNode& view(const StateNode& node, const model::NodePool* pool) {
    auto [it, inserted] = views_.try_emplace(node.name);
    if (inserted || it->second.revision != node.revision || it->second.view.node != &node.node) {
      it->second = {node.revision, scheduling::make_existing_node(node.node, pool)};
    }
    return it->second.view;
  }
  // Forgets nodes no longer in `state`.
  void prune(const ClusterState& state) {
    std::erase_if(views_, [&](const auto& entry) { return !state.nodes.contains(entry.first); });
  }

 private:
  struct Entry {
    uint64_t revision = 0;
    scheduling::ExistingNode view;
  };
  std::map<std::string, Entry> views_;
};

}  // namespace nw::karpenter
