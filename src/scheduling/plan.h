// The result of one provisioning solve: which NodeClaims to launch (and what each will hold),
// which pending pods go to existing nodes, and why the rest cannot be placed. A Plan is a value
// with its reasons; every renderer (`plan -o table|json|yaml`, and later the simulator's reports)
// renders this one value.
//
// Assumes: the Snapshot it was solved from outlives it (claims point at its instance types).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "model/requirements.h"
#include "model/resources.h"

namespace nw::scheduling {

struct PlannedClaim {
  size_t pool = 0;  // index into Snapshot::pools
  // Instance types the launch may use, cheapest allowed offering first, truncated to the
  // launch limit; every one fits all pods plus its DaemonSet overhead.
  std::vector<const catalog::InstanceType*> options;
  const catalog::InstanceType* instance_type = nullptr;  // the launch choice
  catalog::Offering offering;                            // its zone, capacity type and price
  model::Requirements requirements;                      // final, as the NodeClaim carries them
  model::Resources requests;  // pods + the least DaemonSet overhead among the options
  std::vector<size_t> pods;   // indices into Snapshot::pending
};

struct ExistingPlacement {
  size_t node = 0;  // index into Snapshot::nodes
  std::vector<size_t> pods;
};

struct Unschedulable {
  size_t pod = 0;
  std::string reason;  // per NodePool, "; "-separated
};

struct Plan {
  std::vector<PlannedClaim> claims;
  std::vector<ExistingPlacement> existing;   // only nodes that receive pods, in node order
  std::vector<Unschedulable> unschedulable;  // in pending order

  int64_t cost_micro_usd_per_hour() const {
    int64_t total = 0;
    for (const PlannedClaim& claim : claims) total += claim.offering.price_micro_usd_per_hour;
    return total;
  }
};

}  // namespace nw::scheduling
