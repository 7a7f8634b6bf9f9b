#include "karpenter/provisioner.h"

#include <fmt/format.h>

#include "scheduling/improve.h"
#include "scheduling/scheduler.h"

namespace nw::karpenter {
namespace {

void set_single_values(model::Labels& labels, const model::Requirements& requirements) {
  for (const model::Requirement& r : requirements.items()) {
    if (r.op() == model::Operator::In && r.values().size() == 1 &&
        model::find_label(labels, r.key()) == nullptr) {
      model::set_label(labels, r.key(), r.values().front());
    }
  }
}

}  // namespace

model::Labels node_labels(const model::Requirements& claim_requirements,
                          const catalog::InstanceType& type, const catalog::Offering& offering,
                          const model::NodePool& pool, const std::string& name) {
  model::Labels labels = pool.template_labels;
  model::set_label(labels, std::string(catalog::kLabelZone), offering.zone);
  model::set_label(labels, std::string(catalog::kLabelCapacityType),
                   std::string(catalog::to_string(offering.capacity_type)));
  model::set_label(labels, std::string(model::kLabelNodePool), pool.meta.name);
  model::set_label(labels, std::string(model::kLabelHostname), name);
  set_single_values(labels, type.requirements());
  set_single_values(labels, claim_requirements);
  return labels;
}

Provisioner::Provisioner(ProvisionerSettings settings, std::vector<model::NodePool> node_pools,
                         std::vector<model::DaemonSet> daemon_sets, const ClusterState& state,
                         KubeApi& api, cloud::CloudProvider& cloud, const Clock& clock)
    : settings_(std::move(settings)),
      node_pools_(std::move(node_pools)),
      daemon_sets_(std::move(daemon_sets)),
      state_(state),
      api_(api),
      cloud_(cloud),
      clock_(clock),
      batcher_(settings_.batch_idle, settings_.batch_max) {
  for (const model::DaemonSet& ds : daemon_sets_) daemon_set_ptrs_.push_back(&ds);
}

std::optional<ProvisioningOutcome> Provisioner::reconcile() {
  std::optional<Timestamp> closes = batcher_.closes_at();
  if (!closes || *closes > clock_.now()) return std::nullopt;
  batcher_.close();
  return provision();
}

scheduling::Snapshot Provisioner::snapshot(std::vector<model::Pod>& evicted_copies) {
  scheduling::Snapshot snapshot;
  snapshot.daemon_sets = daemon_set_ptrs_;
  const uint64_t version = cloud_.offerings_version();
  if (templates_version_ != version) {
    templates_.clear();
    template_warnings_.clear();
    for (const model::NodePool* pool : scheduling::pools_by_weight(node_pools_)) {
      auto tmpl =
          scheduling::make_pool_template(*pool, daemon_set_ptrs_, cloud_, template_warnings_);
      if (tmpl) templates_.push_back(std::move(*tmpl));
    }
    templates_version_ = version;
  }
  // Moved in for the solve and back after it: the plan's claims point into these types.
  snapshot.pools = std::move(templates_);

  for (const auto& [name, node] : state_.nodes) {
    const model::NodePool* pool = nullptr;
    for (const model::NodePool& p : node_pools_)
      if (p.meta.name == node.node_pool) pool = &p;
    scheduling::ExistingNode existing = node_views_.view(node, pool);
    // A node being deleted takes no pods but still counts against its NodePool's limits.
    if (node.deleting()) existing.schedulable = false;
    snapshot.nodes.push_back(std::move(existing));
  }
  scheduling::sort_nodes(snapshot);
  node_views_.prune(state_);

  // Pods on nodes being deleted are re-provisioned ahead of their eviction, as pending copies.
  size_t on_deleting = 0;
  for (const auto& [id, pod] : state_.pods) {
    if (!pod.pod.bound()) continue;
    auto node = state_.nodes.find(pod.pod.spec.node_name);
    if (node != state_.nodes.end() && node->second.deleting()) ++on_deleting;
  }
  evicted_copies.reserve(on_deleting);  // pointers into it are taken below
  std::vector<const model::Pod*> pods;
  for (const auto& [id, pod] : state_.pods) {
    if (!pod.pod.bound()) {
      if (pod.unschedulable) pods.push_back(&pod.pod);
      continue;
    }
    auto node = state_.nodes.find(pod.pod.spec.node_name);
    if (node != state_.nodes.end() && node->second.deleting()) {
      evicted_copies.push_back(pod.pod);
      evicted_copies.back().spec.node_name.clear();
      pods.push_back(&evicted_copies.back());
    } else {
      pods.push_back(&pod.pod);
    }
  }
  scheduling::add_pods(snapshot, pods);
  return snapshot;
}

bool Provisioner::over_limits(const model::NodePool& pool) const {
  if (!pool.has_limits) return false;
  model::Resources used;
  for (const auto& [name, node] : state_.nodes) {
    if (node.node_pool != pool.meta.name) continue;
    used += node.node.capacity;
    used.set(model::kNodesLimit, used.get(model::kNodesLimit) + 1);
  }
  // Karpenter rejects a NodeClaim only once usage already exceeds a limit (strictly).
  for (const auto& [resource, limit] : pool.limits.entries()) {
    if (used.get(resource) > limit) return true;
  }
  return false;
}

StateNode Provisioner::node_claim(std::string name, const scheduling::PlannedClaim& planned,
                                  const model::NodePool& pool, const cloud::Launched& launched) {
  StateNode claim;
  claim.name = std::move(name);
  claim.node_pool = pool.meta.name;
  claim.instance_id = launched.instance_id;
  claim.instance_type = launched.instance_type->name();
  claim.offering = launched.offering;
  claim.node.meta.name = claim.name;
  claim.node.meta.labels = node_labels(planned.requirements, *launched.instance_type,
                                       launched.offering, pool, claim.name);
  claim.node.taints = pool.taints;
  claim.node.taints.insert(claim.node.taints.end(), pool.startup_taints.begin(),
                           pool.startup_taints.end());
  claim.node.capacity = launched.instance_type->capacity();
  claim.node.allocatable = launched.instance_type->allocatable();
  claim.node.provider_id = "aws:///" + launched.offering.zone + "/" + launched.instance_id;
  claim.created = clock_.now();
  return claim;
}

bool Provisioner::has_work() const {
  for (const auto& [id, pod] : state_.pods) {
    if (!pod.pod.bound() ? pod.unschedulable : state_.nodes.at(pod.pod.spec.node_name).deleting())
      return true;
  }
  return false;
}

ProvisioningOutcome Provisioner::provision() {
  ProvisioningOutcome outcome;
  if (!has_work()) return outcome;
  std::vector<model::Pod> evicted_copies;
  scheduling::Snapshot snap = snapshot(evicted_copies);
  scheduling::Plan plan = scheduling::schedule(snap, {settings_.launch});
  if (settings_.improve_packing) {
    plan = scheduling::improve_packing(snap, std::move(plan), {settings_.launch});
  }
  const Timestamp nominated_until = clock_.now() + settings_.nomination_window.millis;
  for (const scheduling::ExistingPlacement& placement : plan.existing) {
    api_.nominate(snap.nodes[placement.node].name, nominated_until);
  }
  for (const scheduling::PlannedClaim& planned : plan.claims) {
    const model::NodePool& pool = *snap.pools[planned.pool].pool;
    if (over_limits(pool)) {
      outcome.pods_left_pending += static_cast<int64_t>(planned.pods.size());
      continue;
    }
    // Karpenter names claims "<nodepool>-<random suffix>"; a counter keeps runs reproducible.
    std::string name = fmt::format("{}-{:05}", pool.meta.name, ++claims_named_);
    cloud::LaunchResult launched = cloud_.create({name, planned.options, planned.requirements});
    if (auto* ok = std::get_if<cloud::Launched>(&launched)) {
      api_.create_node_claim(node_claim(name, planned, pool, *ok));
      api_.nominate(name, nominated_until);
      ++outcome.claims_created;
    } else {
      ++outcome.launch_failures;
      outcome.pods_left_pending += static_cast<int64_t>(planned.pods.size());
    }
  }
  outcome.pods_left_pending += static_cast<int64_t>(plan.unschedulable.size());
  templates_ = std::move(snap.pools);
  return outcome;
}

}  // namespace nw::karpenter
