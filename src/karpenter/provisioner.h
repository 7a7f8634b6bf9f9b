// Karpenter's provisioning controller (karpenter-core.md §1.1): provisionable pods open a batch
// window that closes after `batch_idle` without a new pod or `batch_max` after it opened; then
// one solve (scheduling/) over the cluster state, with launched-but-not-ready NodeClaims as
// existing capacity (so pods waiting for them are not provisioned twice), and one NodeClaim per
// planned claim through the cloud provider. A launch that finds no capacity leaves its pods
// pending: they provision again in a later batch, with the offering now marked unavailable.
//
// Used unchanged by the simulator and (planned) the live controller: the clock, the cluster
// state, the API and the cloud provider are injected.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cloud/cloud_provider.h"
#include "karpenter/clock.h"
#include "karpenter/cluster_state.h"
#include "karpenter/kube_api.h"
#include "model/daemonset.h"
#include "model/duration.h"
#include "model/nodepool.h"
#include "scheduling/launchable_claim.h"
#include "scheduling/snapshot.h"

namespace nw::karpenter {

struct ProvisionerSettings {
  model::Duration batch_idle = model::Duration::seconds(1);
  model::Duration batch_max = model::Duration::seconds(10);
  bool improve_packing = true;  // nodewright's packing improvement after Karpenter's pass
  scheduling::LaunchLimits launch;
  // How long a nomination keeps disruption away from a NodeClaim the pods are waiting for.
  model::Duration nomination_window = model::Duration::seconds(20);
};

// The batch window: open from the first trigger until idle or max elapses.
class Batcher {
 public:
  Batcher(model::Duration idle, model::Duration max) : idle_(idle.millis), max_(max.millis) {}
  void trigger(Timestamp now) {
    if (!open_) first_ = now;
    open_ = true;
    last_ = now;
  }
  std::optional<Timestamp> closes_at() const {
    if (!open_) return std::nullopt;
    return std::min(last_ + idle_, first_ + max_);
  }
  void close() { open_ = false; }

 private:
  int64_t idle_, max_;
  bool open_ = false;
  Timestamp first_ = 0, last_ = 0;
};

struct ProvisioningOutcome {
  int64_t claims_created = 0;
  int64_t launch_failures = 0;    // insufficient capacity
  int64_t pods_left_pending = 0;  // neither on existing capacity nor on a created claim
};

class Provisioner {
 public:
  Provisioner(ProvisionerSettings settings, std::vector<model::NodePool> node_pools,
              std::vector<model::DaemonSet> daemon_sets, const ClusterState& state, KubeApi& api,
              cloud::CloudProvider& cloud, const Clock& clock);

  // A provisionable pod was seen (it is Unschedulable, unbound and not a DaemonSet pod).
  void trigger() { batcher_.trigger(clock_.now()); }
  // When the open batch window closes; nullopt when none is open.
  std::optional<Timestamp> next_wakeup() const { return batcher_.closes_at(); }
  // Closes the batch window and provisions, if the window is due.
  std::optional<ProvisioningOutcome> reconcile();

  const std::vector<model::NodePool>& node_pools() const { return node_pools_; }
  const std::vector<model::DaemonSet>& daemon_sets() const { return daemon_sets_; }

 private:
  ProvisioningOutcome provision();
  // Whether any pod is provisionable, or bound to a node being deleted.
  bool has_work() const;
  scheduling::Snapshot snapshot(std::vector<model::Pod>& evicted_copies);
  bool over_limits(const model::NodePool& pool) const;
  StateNode node_claim(std::string name, const scheduling::PlannedClaim& planned,
                       const model::NodePool& pool, const cloud::Launched& launched);

  ProvisionerSettings settings_;
  std::vector<model::NodePool> node_pools_;
  std::vector<model::DaemonSet> daemon_sets_;
  std::vector<const model::DaemonSet*> daemon_set_ptrs_;
  const ClusterState& state_;
  KubeApi& api_;
  cloud::CloudProvider& cloud_;
  const Clock& clock_;
  Batcher batcher_;
  // Pool templates, rebuilt when the cloud's offerings change.
  std::optional<uint64_t> templates_version_;
  std::vector<scheduling::PoolTemplate> templates_;
  std::vector<std::string> template_warnings_;
  uint64_t claims_named_ = 0;
  NodeViews node_views_;
};

// The labels a NodeClaim's Node carries: the instance type's single-valued labels, the launched
// zone and capacity type, the NodePool's template labels and name, the claim's other
// single-valued requirements, and the hostname.
model::Labels node_labels(const model::Requirements& claim_requirements,
                          const catalog::InstanceType& type, const catalog::Offering& offering,
                          const model::NodePool& pool, const std::string& name);

}  // namespace nw::karpenter
