// Karpenter's CloudProvider contract (karpenter-core.md §2.1), as much of it as provisioning and
// termination use: which instance types a NodePool may launch, launching one instance for a
// NodeClaim, and terminating it. The AWS provider (aws_cloud_provider.h) implements it over an
// EC2 API (ec2.h) that is either the real one (planned) or the simulated one (src/sim/).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "catalog/instance_type.h"
#include "model/requirements.h"
#include "scheduling/snapshot.h"

namespace nw::cloud {

// What a NodeClaim asks for: any of `instance_types` (cheapest first) under `requirements`.
struct LaunchRequest {
  std::string node_claim;
  std::vector<const catalog::InstanceType*> instance_types;
  model::Requirements requirements;
};

struct Launched {
  std::string instance_id;
  const catalog::InstanceType* instance_type = nullptr;
  catalog::Offering offering;
};

// Every offering the request allowed was short of capacity (or none was available to begin
// with): Karpenter deletes the NodeClaim and the pods provision again.
struct InsufficientCapacity {
  std::string message;
};

using LaunchResult = std::variant<Launched, InsufficientCapacity>;

class CloudProvider : public scheduling::InstanceTypeProvider {
 public:
  virtual LaunchResult create(const LaunchRequest& request) = 0;
  virtual void terminate(const std::string& instance_id) = 0;
  // Bumped whenever instance_types() may answer differently (an offering became unavailable or
  // available again), so callers may cache what they derive from it.
  virtual uint64_t offerings_version() const = 0;
};

}  // namespace nw::cloud
