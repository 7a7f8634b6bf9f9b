// What the Cluster Autoscaler calls: the Auto Scaling API of its node groups (the AWS cloud
// provider's slice, cloudprovider/aws/auto_scaling_groups.go) and the Kubernetes API. The
// simulator implements both (sim/simulated_auto_scaling.h, sim/simulation.cpp); a live face would
// send them to AWS and the API server.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "karpenter/clock.h"

namespace nw::cluster_autoscaler {

using karpenter::Timestamp;

// DescribeAutoScalingGroups and DescribeScalingActivities, as much as CA reads.
struct GroupStatus {
  int32_t desired_capacity = 0;
  std::vector<std::string> instances;  // the group's instances (pending or in service)
  // The latest scaling activity that failed to launch an instance (InsufficientInstanceCapacity),
  // or kNotYet. CA then marks its placeholders `placeholder-cannot-be-fulfilled` (§1.5).
  Timestamp last_failed_activity = karpenter::kNotYet;
};

class AutoScalingApi {
 public:
  virtual ~AutoScalingApi() = default;
  virtual GroupStatus describe(const std::string& group) const = 0;
  // SetDesiredCapacity with HonorCooldown=false.
  virtual void set_desired_capacity(const std::string& group, int32_t desired) = 0;
  // TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity=true.
  virtual void terminate_instance(const std::string& instance_id) = 0;
};

class KubeApi {
 public:
  virtual ~KubeApi() = default;
  // Taints the node ToBeDeletedByClusterAutoscaler:NoSchedule; `reason` is CA's event message
  // ("scale-down (empty)", "scale-down (underutilized)").
  virtual void taint_to_be_deleted(const std::string& node, const std::string& reason) = 0;
  virtual void evict(uint64_t pod) = 0;
};

}  // namespace nw::cluster_autoscaler
