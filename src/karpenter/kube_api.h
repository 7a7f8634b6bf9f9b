// The changes Karpenter's controllers make to the cluster, as calls: the simulator applies them
// to its own cluster at once; the live controller (planned) sends them to the API server.
#pragma once

#include <string>

#include "karpenter/cluster_state.h"

namespace nw::karpenter {

class KubeApi {
 public:
  virtual ~KubeApi() = default;
  // A NodeClaim whose instance the cloud provider has launched.
  virtual void create_node_claim(StateNode claim) = 0;
  // Deletion of a NodeClaim: from here the termination controller drains and terminates it.
  virtual void delete_node_claim(const std::string& name, const std::string& reason) = 0;
  // A provisioning solve placed pending pods on this NodeClaim (Karpenter's nomination).
  virtual void nominate(const std::string& node_claim, Timestamp until) = 0;
  // Eviction API: the pod's owner decides whether it comes back.
  virtual void evict(uint64_t pod) = 0;
  // The NodeClaim's instance is gone: remove the Node and the NodeClaim.
  virtual void remove_node(const std::string& name) = 0;
};

}  // namespace nw::karpenter
