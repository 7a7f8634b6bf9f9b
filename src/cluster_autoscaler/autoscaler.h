// The Kubernetes Cluster Autoscaler's loop (core/static_autoscaler.go RunOnce;
// cas-yunikorn-spark.md §1.1–1.6) over Auto Scaling groups:
//   1. node-group health: a scale-up whose nodes have not all registered within
//      max_node_provision_time, or whose ASG reports a failed scaling activity (the AWS
//      placeholder fast path), failed: the group backs off (initial_node_group_backoff, doubling
//      up to max_node_group_backoff, reset after 3 h without failure) and its desired capacity
//      drops to its instances (the placeholders go); after a timeout the instances that did not
//      register are terminated too;
//   2. the unschedulable pods (StatePod::unschedulable, unbound, not DaemonSet pods, priority ≥
//      -10) that fit on no Ready node nor on an upcoming one — requested but not Ready yet, put in
//      as Ready copies of its group's template node — and are older than new_pod_scale_up_delay;
//      if all of them are younger than 2 s, the loop waits for the next one (no scale-down either);
//   3. scale-up: per node group not in backoff nor at max size, the equivalence groups of pods its
//      template node takes (estimator.h) become an option; the expanders pick one (expander.h);
//      the count is capped by max size and max_nodes_total, optionally balanced over similar
//      groups (§1.4), and applied with SetDesiredCapacity. One group (set) per loop;
//   4. scale-down: nodes whose utilisation max(cpu, memory requests / allocatable) is at most the
//      threshold, whose group is above min size, and whose pods are all drainable
//      (drainability.h) and fit on the other nodes are unneeded; once unneeded for
//      scale_down_unneeded_time and out of cooldown (delay after add, delete, failure; global, or
//      per group with scale_down_delay_type_local) they are tainted ToBeDeletedByClusterAutoscaler,
//      and node_delete_delay_after_taint later drained and terminated with a decrement. Empty
//      nodes go max_scale_down_parallelism at a time, others max_drain_parallelism at a time.
// Loop timing (loop/trigger.go) is the caller's: run_once every scan_interval, at once when a pod
// becomes unschedulable, and again at once when a loop scaled up or started a deletion.
//
// Reads only the injected clock, the cluster state and the Auto Scaling API; changes the cluster
// only through the APIs. Nothing here knows it is simulated.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "cluster_autoscaler/apis.h"
#include "cluster_autoscaler/expander.h"
#include "cluster_autoscaler/settings.h"
#include "karpenter/cluster_state.h"
#include "model/daemonset.h"

namespace nw::cluster_autoscaler {

inline constexpr std::string_view kToBeDeletedTaint = "ToBeDeletedByClusterAutoscaler";

// Utilisation of a node in parts per million: max(cpu, memory) requested / allocatable.
int64_t utilization_ppm(const model::Resources& requested, const model::Resources& allocatable);

// Balancing (§1.4): `delta` new nodes over groups with `targets` current sizes and `maxima`
// maximum sizes, each node to the currently smallest group with room (ties to the first).
// Returns the nodes each group gets.
std::vector<int32_t> balance(int32_t delta, const std::vector<int32_t>& targets,
                             const std::vector<int32_t>& maxima);

struct LoopOutcome {
  bool scaled_up = false;
  bool deletion_started = false;
  bool run_again() const { return scaled_up || deletion_started; }
};

class ClusterAutoscaler {
 public:
  // `groups` have their zones resolved (non-empty); `instance_types` hold at least each group's
  // first type. `random` serves the random expander.
  ClusterAutoscaler(Settings settings, std::vector<NodeGroup> groups,
                    std::vector<catalog::InstanceType> instance_types, std::string region,
                    std::vector<model::DaemonSet> daemon_sets, const karpenter::ClusterState& state,
                    KubeApi& kube, AutoScalingApi& asg, const karpenter::Clock& clock,
                    Random random);

  LoopOutcome run_once();
  // Drains and terminates tainted nodes whose delay is over; returns when to call it again.
  Timestamp actuate();

 private:
  struct Backoff {
    Timestamp until = karpenter::kNotYet;
    int64_t duration = 0;
    Timestamp last_failure = karpenter::kNotYet;
  };
  struct Deletion {
    Timestamp due = 0;  // taint + node_delete_delay_after_taint
    bool empty = true;
  };

  void check_health(const std::vector<GroupStatus>& status);
  void fail_scale_up(size_t group, const GroupStatus& status, bool timed_out);
  bool scale_up(const std::vector<GroupStatus>& status, std::vector<uint64_t> pods);
  void update_unneeded(const std::vector<GroupStatus>& status);
  bool scale_down(const std::vector<GroupStatus>& status);
  bool in_cooldown(size_t group) const;
  // Which group a node belongs to (by its instance), or nullopt.
  std::optional<size_t> group_of(const karpenter::StateNode& node) const;
  bool usable(const karpenter::StateNode& node) const;

  Settings settings_;
  std::vector<NodeGroup> groups_;
  std::vector<catalog::InstanceType> instance_types_;
  std::vector<const catalog::InstanceType*> types_;  // per group: its first instance type
  std::vector<model::Node> templates_;               // per group
  std::vector<model::DaemonSet> daemon_sets_;
  std::vector<const model::DaemonSet*> daemon_set_ptrs_;
  const karpenter::ClusterState& state_;
  KubeApi& kube_;
  AutoScalingApi& asg_;
  const karpenter::Clock& clock_;
  Random random_;

  std::map<std::string, size_t> instance_group_;  // instance id → group, refreshed every loop
  std::vector<Backoff> backoff_;                  // per group
  std::vector<Timestamp> scale_up_started_;       // per group: oldest unfinished, or kNotYet
  std::vector<Timestamp> failure_seen_;           // per group: last failed activity handled
  // Cooldown timestamps: [groups_.size()] is the global one.
  std::vector<Timestamp> last_scale_up_, last_delete_, last_failure_;
  std::map<std::string, Timestamp> unneeded_since_;  // by node name
  std::map<std::string, Deletion> deletions_;        // tainted, by node name
};

}  // namespace nw::cluster_autoscaler
