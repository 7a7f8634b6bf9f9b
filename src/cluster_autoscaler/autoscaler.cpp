#include "cluster_autoscaler/autoscaler.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "cluster_autoscaler/drainability.h"
#include "cluster_autoscaler/estimator.h"
#include "cluster_autoscaler/node_template.h"
#include "model/quantity.h"
#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::cluster_autoscaler {
namespace {

using karpenter::kNotYet;
using karpenter::StateNode;
using karpenter::StatePod;

constexpr int64_t kMaxNodesPerScaleUp = 1000;              // --max-nodes-per-scaleup
constexpr int64_t kUnschedulablePodTimeBuffer = 2'000;     // the "all pods new" rule
constexpr int64_t kBackoffResetTimeout = 3 * 3600 * 1000;  // --node-group-backoff-reset-timeout
constexpr int32_t kExpendablePodsPriorityCutoff = -10;

// Labels that may differ between similar groups (compare_nodegroups.go, aws_nodegroups.go).
constexpr std::array<std::string_view, 14> kBalancingIgnoredLabels = {
    "kubernetes.io/hostname",
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/region",
    "alpha.eksctl.io/instance-id",
    "alpha.eksctl.io/nodegroup-name",
    "eks.amazonaws.com/nodegroup",
    "k8s.amazonaws.com/eniConfig",
    "lifecycle",
    "topology.ebs.csi.aws.com/zone",
    "topology.k8s.aws/zone-id",
    "topology.k8s.aws/network-node-layer-1",
    "beta.kubernetes.io/instance-type"};

bool controlled_by_daemon_set(const model::Pod& pod) {
  for (const model::OwnerReference& ref : pod.meta.owner_references)
    if (ref.controller && ref.kind == "DaemonSet") return true;
  return false;
}

// larger − smaller ≤ larger × ratio (ratio in ppm).
bool within(int64_t a, int64_t b, int64_t ratio_ppm) {
  const int64_t larger = std::max(a, b), smaller = std::min(a, b);
  return static_cast<model::Int128>(larger - smaller) * 1'000'000 <=
         static_cast<model::Int128>(larger) * ratio_ppm;
}

model::Labels compared_labels(const model::Labels& labels) {
  model::Labels kept;
  for (const auto& [key, value] : labels) {
    if (std::find(kBalancingIgnoredLabels.begin(), kBalancingIgnoredLabels.end(), key) ==
        kBalancingIgnoredLabels.end()) {
      kept.emplace_back(key, value);
    }
  }
  return kept;
}

// --balance-similar-node-groups' test on two template nodes (§1.4): equal capacity except memory
// within 1.5 %, allocatable within 5 %, equal labels but the ignored ones.
bool similar(const model::Node& a, const model::Node& b) {
  if (a.capacity.cpu_milli() != b.capacity.cpu_milli() ||
      a.capacity.get(model::kPods) != b.capacity.get(model::kPods) ||
      !within(a.capacity.memory_bytes(), b.capacity.memory_bytes(), 15'000)) {
    return false;
  }
  if (!within(a.allocatable.cpu_milli(), b.allocatable.cpu_milli(), 50'000) ||
      !within(a.allocatable.memory_bytes(), b.allocatable.memory_bytes(), 50'000)) {
    return false;
  }
  return compared_labels(a.meta.labels) == compared_labels(b.meta.labels);
}

// Equivalence groups (core/scaleup/equivalence/groups.go): pods of one controller with equal
// labels and spec. A pod without a controller is a group of its own.
std::vector<std::vector<const model::Pod*>> equivalence_groups(
    const std::vector<const model::Pod*>& pods) {
  std::vector<std::vector<const model::Pod*>> groups;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<size_t>> by_controller;
  for (const model::Pod* pod : pods) {
    const model::OwnerReference* controller = nullptr;
    for (const model::OwnerReference& ref : pod->meta.owner_references)
      if (ref.controller) controller = &ref;
    if (controller == nullptr) {
      groups.push_back({pod});
      continue;
    }
    std::vector<size_t>& same_controller =
        by_controller[{controller->kind, controller->name, controller->uid}];
    auto it = std::find_if(same_controller.begin(), same_controller.end(), [&](size_t g) {
      const model::Pod& other = *groups[g].front();
      return other.meta.labels == pod->meta.labels && other.spec == pod->spec;
    });
    if (it == same_controller.end()) {
      same_controller.push_back(groups.size());
      groups.push_back({pod});
    } else {
      groups[*it].push_back(pod);
    }
  }
  return groups;
}

}  // namespace

int64_t utilization_ppm(const model::Resources& requested, const model::Resources& allocatable) {
  auto ppm = [](int64_t used, int64_t total) -> int64_t {
    if (total <= 0) return 0;
    return static_cast<int64_t>(static_cast<model::Int128>(used) * 1'000'000 / total);
  };
  return std::max(ppm(requested.cpu_milli(), allocatable.cpu_milli()),
                  ppm(requested.memory_bytes(), allocatable.memory_bytes()));
}

std::vector<int32_t> balance(int32_t delta, const std::vector<int32_t>& targets,
                             const std::vector<int32_t>& maxima) {
  std::vector<int32_t> added(targets.size(), 0);
  for (int32_t n = 0; n < delta; ++n) {
    std::optional<size_t> smallest;
    for (size_t g = 0; g < targets.size(); ++g) {
      if (targets[g] + added[g] >= maxima[g]) continue;
      if (!smallest || targets[g] + added[g] < targets[*smallest] + added[*smallest]) smallest = g;
    }
    if (!smallest) break;
    ++added[*smallest];
  }
  return added;
}

ClusterAutoscaler::ClusterAutoscaler(Settings settings, std::vector<NodeGroup> groups,
                                     std::vector<catalog::InstanceType> instance_types,
                                     std::string region, std::vector<model::DaemonSet> daemon_sets,
                                     const karpenter::ClusterState& state, KubeApi& kube,
                                     AutoScalingApi& asg, const karpenter::Clock& clock,
                                     Random random)
    : settings_(std::move(settings)),
      groups_(std::move(groups)),
      instance_types_(std::move(instance_types)),
      daemon_sets_(std::move(daemon_sets)),
      state_(state),
      kube_(kube),
      asg_(asg),
      clock_(clock),
      random_(std::move(random)),
      backoff_(groups_.size()),
      scale_up_started_(groups_.size(), kNotYet),
      failure_seen_(groups_.size(), kNotYet),
      last_scale_up_(groups_.size() + 1, kNotYet),
      last_delete_(groups_.size() + 1, kNotYet) {
  for (const model::DaemonSet& ds : daemon_sets_) daemon_set_ptrs_.push_back(&ds);
  for (const NodeGroup& group : groups_) {
    // CA builds the template from the first instance type only (§1.7).
    const catalog::InstanceType* type = nullptr;
    for (const catalog::InstanceType& t : instance_types_)
      if (!group.instance_types.empty() && t.name() == group.instance_types.front()) type = &t;
    types_.push_back(type);
    templates_.push_back(type == nullptr ? model::Node{}
                                         : group_node(group, *type, region, group.zones.front(),
                                                      "template-node-for-" + group.name));
  }
}

std::optional<size_t> ClusterAutoscaler::group_of(const StateNode& node) const {
  auto it = instance_group_.find(node.instance_id);
  if (it == instance_group_.end()) return std::nullopt;
  return it->second;
}

bool ClusterAutoscaler::usable(const StateNode& node) const {
  return node.registered != kNotYet && node.node.ready() && !node.deleting();
}

LoopOutcome ClusterAutoscaler::run_once() {
  LoopOutcome outcome;
  const Timestamp now = clock_.now();
  auto describe = [&] {
    std::vector<GroupStatus> status;
    instance_group_.clear();
    for (size_t g = 0; g < groups_.size(); ++g) {
      status.push_back(asg_.describe(groups_[g].name));
      for (const std::string& id : status.back().instances) instance_group_[id] = g;
    }
    return status;
  };
  std::vector<GroupStatus> status = describe();
  check_health(status);
  status = describe();

  // Pods to help: unschedulable, unbound, not DaemonSet pods, not expendable.
  std::vector<const model::Pod*> unschedulable;
  std::map<const model::Pod*, const StatePod*> by_pod;
  for (const auto& [id, pod] : state_.pods) {
    if (pod.pod.bound() || !pod.unschedulable || controlled_by_daemon_set(pod.pod) ||
        pod.pod.spec.priority < kExpendablePodsPriorityCutoff) {
      continue;
    }
    unschedulable.push_back(&pod.pod);
    by_pod[&pod.pod] = &pod;
  }

  std::vector<uint64_t> to_help;
  if (!unschedulable.empty()) {
    // Drop the pods that fit on Ready nodes or on upcoming ones (filter_out_schedulable.go).
    scheduling::Snapshot snapshot;
    snapshot.daemon_sets = daemon_set_ptrs_;
    std::vector<int32_t> ready(groups_.size(), 0);
    for (const auto& [name, node] : state_.nodes) {
      if (node.registered == kNotYet || !node.node.ready()) continue;
      if (auto g = group_of(node)) ++ready[*g];
      if (!node.deleting())
        snapshot.nodes.push_back(scheduling::make_existing_node(node.node, nullptr));
    }
    std::vector<model::Node> upcoming;
    for (size_t g = 0; g < groups_.size(); ++g) {
      if (types_[g] == nullptr) continue;
      for (int32_t i = ready[g]; i < status[g].desired_capacity; ++i) {
        upcoming.push_back(templates_[g]);
        upcoming.back().meta.name = fmt::format("upcoming-{}-{:06}", groups_[g].name, i);
      }
    }
    for (model::Node& node : upcoming) {
      model::set_label(node.meta.labels, std::string(model::kLabelHostname), node.meta.name);
      snapshot.nodes.push_back(scheduling::make_existing_node(node, nullptr));
    }
    std::vector<const model::Pod*> pods;
    for (const auto& [id, pod] : state_.pods) {
      if (pod.pod.bound()) {
        auto node = state_.nodes.find(pod.pod.spec.node_name);
        if (node != state_.nodes.end() && usable(node->second)) pods.push_back(&pod.pod);
      }
    }
    pods.insert(pods.end(), unschedulable.begin(), unschedulable.end());
    scheduling::add_pods(snapshot, pods);
    scheduling::SchedulerOptions options;
    options.pod_order = scheduling::PodOrder::Queue;
    const scheduling::Plan plan = scheduling::schedule(snapshot, options);
    for (const scheduling::Unschedulable& u : plan.unschedulable) {
      const StatePod& pod = *by_pod.at(snapshot.pending[u.pod]);
      if (now - pod.created >= settings_.new_pod_scale_up_delay.millis) to_help.push_back(pod.id);
    }
    std::sort(to_help.begin(), to_help.end());
  }

  bool scale_down_allowed = true;
  const bool all_new =
      !to_help.empty() && std::all_of(to_help.begin(), to_help.end(), [&](uint64_t id) {
        return now - state_.pods.at(id).created < kUnschedulablePodTimeBuffer;
      });
  if (all_new) {
    scale_down_allowed = false;  // wait one loop for more pods to come
  } else if (!to_help.empty()) {
    outcome.scaled_up = scale_up(status, std::move(to_help));
    if (outcome.scaled_up) status = describe();
  }

  if (settings_.scale_down_enabled) {
    update_unneeded(status);
    if (scale_down_allowed && !outcome.scaled_up) outcome.deletion_started = scale_down(status);
  }
  return outcome;
}

void ClusterAutoscaler::check_health(const std::vector<GroupStatus>& status) {
  const Timestamp now = clock_.now();
  for (size_t g = 0; g < groups_.size(); ++g) {
    int32_t registered = 0;
    for (const auto& [name, node] : state_.nodes) {
      if (node.registered != kNotYet && group_of(node) == g) ++registered;
    }
    if (registered >= status[g].desired_capacity) {
      scale_up_started_[g] = kNotYet;
      continue;
    }
    if (scale_up_started_[g] == kNotYet) scale_up_started_[g] = now;
    const bool activity_failed = status[g].last_failed_activity != kNotYet &&
                                 status[g].last_failed_activity != failure_seen_[g];
    const bool timed_out = now >= scale_up_started_[g] + settings_.max_node_provision_time.millis;
    if (activity_failed || timed_out) fail_scale_up(g, status[g], timed_out);
  }
}

void ClusterAutoscaler::fail_scale_up(size_t g, const GroupStatus& status, bool timed_out) {
  const Timestamp now = clock_.now();
  Backoff& backoff = backoff_[g];
  const bool recent =
      backoff.last_failure != kNotYet && now - backoff.last_failure < kBackoffResetTimeout;
  backoff.duration = recent
                         ? std::min(backoff.duration * 2, settings_.max_node_group_backoff.millis)
                         : settings_.initial_node_group_backoff.millis;
  backoff.until = now + backoff.duration;
  backoff.last_failure = now;
  failure_seen_[g] = status.last_failed_activity;
  scale_up_started_[g] = kNotYet;
  // The placeholders (desired capacity without an instance) go; after a timeout, so do the
  // instances that did not register in time.
  int32_t kept = static_cast<int32_t>(status.instances.size());
  if (timed_out) {
    std::set<std::string> registered;
    for (const auto& [name, node] : state_.nodes)
      if (node.registered != kNotYet) registered.insert(node.instance_id);
    for (const std::string& id : status.instances) {
      if (!registered.contains(id)) {
        asg_.terminate_instance(id);
        --kept;
      }
    }
  }
  asg_.set_desired_capacity(groups_[g].name, kept);
}

bool ClusterAutoscaler::scale_up(const std::vector<GroupStatus>& status,
                                 std::vector<uint64_t> pod_ids) {
  const Timestamp now = clock_.now();
  int64_t total = 0;
  for (const GroupStatus& s : status) total += s.desired_capacity;
  if (settings_.max_nodes_total > 0 && total >= settings_.max_nodes_total) return false;

  // The groups that may grow, with how much.
  std::vector<std::pair<size_t, int64_t>> growable;
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (types_[g] == nullptr || backoff_[g].until > now) continue;
    int64_t room = groups_[g].max_size - status[g].desired_capacity;
    if (settings_.max_nodes_total > 0) room = std::min(room, settings_.max_nodes_total - total);
    room = std::min(room, kMaxNodesPerScaleUp);
    if (room > 0) growable.emplace_back(g, room);
  }
  if (growable.empty()) return false;

  std::vector<const model::Pod*> pods;
  std::map<const model::Pod*, uint64_t> id_of;
  for (uint64_t id : pod_ids) {
    pods.push_back(&state_.pods.at(id).pod);
    id_of[pods.back()] = id;
  }
  const std::vector<std::vector<const model::Pod*>> classes = equivalence_groups(pods);
  // Whether a class fits an empty template node depends on its spec alone: each distinct spec
  // is checked once per group (Spark executors differ in labels, so each is a class of its own).
  std::vector<const model::Pod*> distinct;
  std::vector<size_t> spec_of;
  for (const auto& c : classes) {
    auto it = std::find_if(distinct.begin(), distinct.end(),
                           [&](const model::Pod* p) { return p->spec == c.front()->spec; });
    spec_of.push_back(static_cast<size_t>(it - distinct.begin()));
    if (it == distinct.end()) distinct.push_back(c.front());
  }

  std::vector<Option> options;
  std::vector<size_t> option_group;
  for (const auto& [g, room] : growable) {
    // The predicate check: the classes an empty template node takes.
    std::vector<bool> takes;
    for (const model::Pod* pod : distinct) {
      takes.push_back(estimate(templates_[g], {{pod}}, daemon_set_ptrs_, 1).node_count > 0);
    }
    std::vector<std::vector<const model::Pod*>> fitting;
    for (size_t c = 0; c < classes.size(); ++c)
      if (takes[spec_of[c]]) fitting.push_back(classes[c]);
    if (fitting.empty()) continue;
    Estimate e = estimate(templates_[g], fitting, daemon_set_ptrs_, room);
    if (e.node_count == 0) continue;
    Option option;
    option.node_group = groups_[g].name;
    option.node_count = e.node_count;
    for (const model::Pod* pod : e.pods) {
      option.pods.push_back(id_of.at(pod));
      option.requests += model::effective_requests(pod->spec);
    }
    option.capacity = templates_[g].capacity;
    options.push_back(std::move(option));
    option_group.push_back(g);
  }
  if (options.empty()) return false;
  const size_t best = best_option(settings_.expanders, options, settings_.priorities, random_);
  const size_t chosen = option_group[best];
  int32_t delta = static_cast<int32_t>(options[best].node_count);

  std::vector<size_t> targets_of{chosen};
  if (settings_.balance_similar_node_groups) {
    for (size_t k = 0; k < options.size(); ++k) {
      const size_t g = option_group[k];
      if (g != chosen && similar(templates_[g], templates_[chosen])) targets_of.push_back(g);
    }
  }
  std::vector<int32_t> targets, maxima;
  for (size_t g : targets_of) {
    targets.push_back(status[g].desired_capacity);
    maxima.push_back(groups_[g].max_size);
  }
  const std::vector<int32_t> added = balance(delta, targets, maxima);
  bool scaled = false;
  for (size_t k = 0; k < targets_of.size(); ++k) {
    if (added[k] == 0) continue;
    const size_t g = targets_of[k];
    asg_.set_desired_capacity(groups_[g].name, targets[k] + added[k]);
    last_scale_up_[g] = now;
    if (scale_up_started_[g] == kNotYet) scale_up_started_[g] = now;
    scaled = true;
  }
  if (scaled) last_scale_up_[groups_.size()] = now;
  return scaled;
}

void ClusterAutoscaler::update_unneeded(const std::vector<GroupStatus>& status) {
  const Timestamp now = clock_.now();
  // Every usable node with what is bound to it: available = allocatable − pods − DaemonSets.
  scheduling::Snapshot cluster;
  cluster.daemon_sets = daemon_set_ptrs_;
  for (const auto& [name, node] : state_.nodes)
    if (usable(node)) cluster.nodes.push_back(scheduling::make_existing_node(node.node, nullptr));
  std::map<std::string, std::vector<const model::Pod*>> pods_on;
  std::vector<const model::Pod*> bound;
  for (const auto& [id, pod] : state_.pods) {
    if (!pod.pod.bound()) continue;
    auto node = state_.nodes.find(pod.pod.spec.node_name);
    if (node == state_.nodes.end() || !usable(node->second)) continue;
    bound.push_back(&pod.pod);
    pods_on[pod.pod.spec.node_name].push_back(&pod.pod);
  }
  scheduling::add_pods(cluster, bound);

  std::vector<int32_t> leaving(groups_.size(), 0);  // deletions started or chosen now
  for (const auto& [name, deletion] : deletions_) {
    auto node = state_.nodes.find(name);
    if (node == state_.nodes.end()) continue;
    if (auto g = group_of(node->second)) ++leaving[*g];
  }
  std::set<std::string> unneeded;
  for (const scheduling::ExistingNode& candidate : cluster.nodes) {
    const StateNode& node = state_.nodes.at(candidate.name);
    const std::optional<size_t> g = group_of(node);
    if (!g) continue;
    const std::string* disabled = model::find_label(
        node.node.meta.annotations, "cluster-autoscaler.kubernetes.io/scale-down-disabled");
    if (disabled != nullptr && *disabled == "true") continue;
    const model::Resources requested = node.node.allocatable - candidate.available;
    if (utilization_ppm(requested, node.node.allocatable) >
        settings_.scale_down_utilization_threshold_ppm) {
      continue;
    }
    if (status[*g].desired_capacity - leaving[*g] <= groups_[*g].min_size) continue;
    bool drainable = true;
    for (const model::Pod* pod : pods_on[candidate.name]) {
      drainable = drainable && drainability(*pod, settings_).outcome != Drain::Blocked;
    }
    if (!drainable) continue;
    if (!pods_on[candidate.name].empty()) {
      // Re-place the pods of every node chosen so far plus this one on the others.
      scheduling::Snapshot rest;
      rest.daemon_sets = daemon_set_ptrs_;
      for (const auto& [other_name, other] : state_.nodes) {
        if (usable(other) && other_name != candidate.name && !unneeded.contains(other_name)) {
          rest.nodes.push_back(scheduling::make_existing_node(other.node, nullptr));
        }
      }
      std::vector<model::Pod> moved;
      for (const std::string& n : unneeded)
        for (const model::Pod* pod : pods_on[n]) moved.push_back(*pod);
      for (const model::Pod* pod : pods_on[candidate.name]) moved.push_back(*pod);
      std::vector<const model::Pod*> pods;
      for (const model::Pod* pod : bound) {
        if (pod->spec.node_name != candidate.name && !unneeded.contains(pod->spec.node_name)) {
          pods.push_back(pod);
        }
      }
      for (model::Pod& pod : moved) {
        pod.spec.node_name.clear();
        if (drainability(pod, settings_).outcome != Drain::Skip) pods.push_back(&pod);
      }
      scheduling::add_pods(rest, pods);
      if (!scheduling::schedule(rest, {}).unschedulable.empty()) continue;
    }
    unneeded.insert(candidate.name);
    ++leaving[*g];
  }
  std::erase_if(unneeded_since_,
                [&](const auto& entry) { return !unneeded.contains(entry.first); });
  for (const std::string& name : unneeded) unneeded_since_.try_emplace(name, now);
}

bool ClusterAutoscaler::in_cooldown(size_t group) const {
  const Timestamp now = clock_.now();
  const size_t k = settings_.scale_down_delay_type_local ? group : groups_.size();
  auto holds = [&](Timestamp since, const model::Duration& delay) {
    return since != kNotYet && now < since + delay.millis;
  };
  return holds(last_scale_up_[k], settings_.scale_down_delay_after_add) ||
         holds(last_delete_[k], settings_.scale_down_delay_after_delete);
}

bool ClusterAutoscaler::scale_down(const std::vector<GroupStatus>& status) {
  const Timestamp now = clock_.now();
  int32_t empty_in_progress = 0, drains_in_progress = 0;
  std::vector<int32_t> leaving(groups_.size(), 0);
  for (const auto& [name, deletion] : deletions_) {
    ++(deletion.empty ? empty_in_progress : drains_in_progress);
    auto node = state_.nodes.find(name);
    if (node != state_.nodes.end())
      if (auto g = group_of(node->second)) ++leaving[*g];
  }
  std::vector<std::string> started;
  for (const auto& [name, since] : unneeded_since_) {
    if (now - since < settings_.scale_down_unneeded_time.millis) continue;
    const StateNode& node = state_.nodes.at(name);
    const size_t g = *group_of(node);
    if (in_cooldown(g)) continue;
    if (status[g].desired_capacity - leaving[g] <= groups_[g].min_size) continue;
    bool empty = true;
    for (const auto& [id, pod] : state_.pods) {
      if (pod.pod.spec.node_name == name && drainability(pod.pod, settings_).outcome != Drain::Skip)
        empty = false;
    }
    if (empty ? empty_in_progress >= settings_.max_scale_down_parallelism
              : drains_in_progress >= settings_.max_drain_parallelism) {
      continue;
    }
    ++(empty ? empty_in_progress : drains_in_progress);
    ++leaving[g];
    kube_.taint_to_be_deleted(name, empty ? "scale-down (empty)" : "scale-down (underutilized)");
    deletions_[name] = {now + settings_.node_delete_delay_after_taint.millis, empty};
    last_delete_[g] = last_delete_[groups_.size()] = now;
    started.push_back(name);
  }
  for (const std::string& name : started) unneeded_since_.erase(name);
  return !started.empty();
}

Timestamp ClusterAutoscaler::actuate() {
  const Timestamp now = clock_.now();
  Timestamp next = karpenter::kNoWakeup;
  std::vector<std::string> done;
  for (const auto& [name, deletion] : deletions_) {
    if (deletion.due > now) {
      next = std::min(next, deletion.due);
      continue;
    }
    done.push_back(name);
  }
  for (const std::string& name : done) {
    deletions_.erase(name);
    auto node = state_.nodes.find(name);
    if (node == state_.nodes.end()) continue;
    std::vector<uint64_t> evicted;
    for (const auto& [id, pod] : state_.pods) {
      if (pod.pod.spec.node_name == name && drainability(pod.pod, settings_).outcome != Drain::Skip)
        evicted.push_back(id);
    }
    for (uint64_t id : evicted) kube_.evict(id);
    asg_.terminate_instance(node->second.instance_id);
  }
  return next;
}

}  // namespace nw::cluster_autoscaler
