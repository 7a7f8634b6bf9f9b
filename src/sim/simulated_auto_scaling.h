// EC2 Auto Scaling as the simulator models it, for the Cluster Autoscaler's node groups: each
// group keeps a desired capacity and its instances. SetDesiredCapacity above the instance count
// starts a scaling activity `CloudModel::scaling_activity` later, which launches the missing
// instances one by one through the simulated EC2's CreateFleet:
//   - zones: each instance goes to the group's zone with the fewest instances (ties to the
//     first listed), as an ASG balances across its availabilityZones; the other zones follow as
//     fallbacks, in order;
//   - instance types: the group's list in order (the on-demand `prioritized` strategy); for Spot
//     the overrides are ordered by price, cheapest first, as the stand-in for
//     `price-capacity-optimized` (EC2's capacity weighting is not published);
//   - an instance every override of which is short of capacity fails the activity
//     (InsufficientInstanceCapacity): it is recorded for DescribeScalingActivities and the
//     group stops launching until its desired capacity is set again.
// TerminateInstanceInAutoScalingGroup terminates the EC2 instance and decrements the desired
// capacity. Lowering the desired capacity below the instance count terminates nothing (the
// Cluster Autoscaler never does it: it terminates instances by id). At the start, each group's
// `desired_capacity` instances are launched at once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "cluster_autoscaler/apis.h"
#include "cluster_autoscaler/settings.h"
#include "sim/event_loop.h"
#include "sim/rng.h"
#include "sim/simulated_ec2.h"

namespace nw::sim {

class SimulatedAutoScaling : public cluster_autoscaler::AutoScalingApi {
 public:
  // Hears about each instance launched (the node lifecycle starts) and terminated by request.
  struct Listener {
    std::function<void(const cluster_autoscaler::NodeGroup&, const std::string& instance_id,
                       const catalog::InstanceType&, const catalog::Offering&)>
        launched;
    std::function<void(const std::string& instance_id)> terminated;
  };

  // `groups` have their zones resolved; `types` holds every instance type they name.
  SimulatedAutoScaling(const CloudModel& model, Rng& rng, EventLoop& loop, SimulatedEc2& ec2,
                       const std::vector<cluster_autoscaler::NodeGroup>& groups,
                       const std::vector<catalog::InstanceType>& types, Listener listener);

  // Launches every group's desired capacity (call at time 0).
  void start();

  cluster_autoscaler::GroupStatus describe(const std::string& group) const override;
  void set_desired_capacity(const std::string& group, int32_t desired) override;
  void terminate_instance(const std::string& instance_id) override;

 private:
  struct Group {
    const cluster_autoscaler::NodeGroup* spec = nullptr;
    int32_t desired = 0;
    std::vector<std::pair<std::string, std::string>> instances;  // (id, zone), launch order
    cluster_autoscaler::Timestamp last_failed_activity = karpenter::kNotYet;
    bool activity_pending = false;
  };

  void activity(Group& group);
  cloud::FleetRequest fleet(const Group& group) const;
  const catalog::InstanceType* type(const std::string& name) const;

  const CloudModel& model_;
  Rng& rng_;
  EventLoop& loop_;
  SimulatedEc2& ec2_;
  const std::vector<catalog::InstanceType>& types_;
  Listener listener_;
  std::map<std::string, Group> groups_;  // by name
};

}  // namespace nw::sim
