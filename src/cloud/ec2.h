// The slice of the EC2 API the AWS provider calls: an instant CreateFleet for one instance, and
// TerminateInstances. The simulator implements it (src/sim/simulated_ec2.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/instance_type.h"

namespace nw::cloud {

// One launch-template override: an instance type in a zone at its price.
struct FleetOverride {
  const catalog::InstanceType* instance_type = nullptr;
  catalog::Offering offering;
};

struct FleetRequest {
  catalog::CapacityType capacity_type = catalog::CapacityType::OnDemand;
  // In the order EC2 should prefer them under the allocation strategy (the provider ranks them;
  // EC2's own price-capacity weighting is not published, launch.h explains the stand-in).
  std::vector<FleetOverride> overrides;
};

struct FleetResult {
  std::optional<FleetOverride> launched;  // the override EC2 filled
  std::string instance_id;
  // Overrides EC2 reported InsufficientInstanceCapacity for, before it filled one.
  std::vector<FleetOverride> insufficient_capacity;
};

class Ec2Api {
 public:
  virtual ~Ec2Api() = default;
  virtual FleetResult create_fleet(const FleetRequest& request) = 0;
  virtual void terminate_instance(const std::string& instance_id) = 0;
};

}  // namespace nw::cloud
