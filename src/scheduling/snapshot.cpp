#include "scheduling/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/selection.h"
#include "scheduling/offering_index.h"
#include "scheduling/pool_facts.h"

namespace nw::scheduling {
namespace {

constexpr std::string_view kInitializedLabel = "karpenter.sh/initialized";

bool owned_by_daemon_set(const model::Pod& pod) {
  return std::any_of(pod.meta.owner_references.begin(), pod.meta.owner_references.end(),
                     [](const model::OwnerReference& ref) { return ref.kind == "DaemonSet"; });
}

// A DaemonSet pod lands on nodes of (template, type) when it tolerates the template's taints and
// one of its requirement alternatives is compatible with the template and intersects the type
// (karpenter-core.md §1.8: an intersection against the type, so custom keys are not checked there).
bool daemon_runs_on(const model::DaemonSet& ds, const PoolTemplate& pool,
                    const catalog::InstanceType& type) {
  if (!model::tolerates_all(ds.template_spec.tolerations, pool.pool->taints)) return false;
  for (const model::Requirements& alternative :
       model::node_requirement_alternatives(ds.template_spec)) {
    if (pool.requirements.is_compatible(alternative,
                                        model::Requirements::Undefined::AllowWellKnown) &&
        alternative.intersects(type.requirements())) {
      return true;
    }
  }
  return false;
}

bool daemon_runs_on(const model::DaemonSet& ds, const ExistingNode& node) {
  if (!model::tolerates_all(ds.template_spec.tolerations, node.taints)) return false;
  for (const model::Requirements& alternative :
       model::node_requirement_alternatives(ds.template_spec)) {
    if (node.labels.is_compatible(alternative, model::Requirements::Undefined::Strict)) return true;
  }
  return false;
}

// Start-up taints that an autoscaler assumes will go away on a node that is not initialized yet.
bool is_ephemeral_taint(const model::Taint& taint, const model::NodePool* pool) {
  if (taint.key == "node.kubernetes.io/not-ready" || taint.key == "karpenter.sh/unregistered" ||
      taint.key == "node.cloudprovider.kubernetes.io/uninitialized" ||
      taint.key.starts_with("readiness.k8s.io/") ||
      (taint.key == "node.kubernetes.io/unreachable" &&
       taint.effect == model::TaintEffect::NoSchedule)) {
    return true;
  }
  return pool != nullptr && std::find(pool->startup_taints.begin(), pool->startup_taints.end(),
                                      taint) != pool->startup_taints.end();
}

}  // namespace

std::optional<model::Resources> remaining_limits(const Snapshot& snapshot,
                                                 const PoolTemplate& pool) {
  if (!pool.pool->has_limits) return std::nullopt;
  model::Resources remaining = pool.pool->limits;
  for (const ExistingNode& node : snapshot.nodes) {
    if (node.node_pool != pool.pool->meta.name) continue;
    remaining -= node.node->capacity;
    remaining.set(model::kNodesLimit, remaining.get(model::kNodesLimit) - 1);
  }
  return remaining;
}

std::vector<const model::NodePool*> pools_by_weight(std::span<const model::NodePool> pools) {
  std::vector<const model::NodePool*> ordered;
  for (const model::NodePool& pool : pools) ordered.push_back(&pool);
  // karpenter-core.md §1.3.
  std::sort(ordered.begin(), ordered.end(), [](const model::NodePool* a, const model::NodePool* b) {
    return a->weight != b->weight ? a->weight > b->weight : a->meta.name > b->meta.name;
  });
  return ordered;
}

std::optional<PoolTemplate> make_pool_template(
    const model::NodePool& pool, const std::vector<const model::DaemonSet*>& daemon_sets,
    const InstanceTypeProvider& provider, std::vector<std::string>& warnings) {
  PoolTemplate tmpl;
  tmpl.pool = &pool;
  tmpl.requirements = model::template_requirements(pool);
  tmpl.requirements.add(
      model::Requirement::in(std::string(model::kLabelNodePool), {pool.meta.name}));
  std::vector<catalog::InstanceType> offered = provider.instance_types(pool);
  for (const catalog::InstanceType* type : catalog::admitted(offered, tmpl.requirements)) {
    tmpl.instance_types.push_back(*type);
  }
  if (tmpl.instance_types.empty()) {
    warnings.push_back(
        fmt::format("NodePool \"{}\": its requirements admit no instance type", pool.meta.name));
    return std::nullopt;
  }
  for (const catalog::InstanceType& type : tmpl.instance_types) {
    model::Resources overhead;
    std::vector<int32_t> ports;
    for (const model::DaemonSet* ds : daemon_sets) {
      if (!daemon_runs_on(*ds, tmpl, type)) continue;
      overhead += model::effective_requests(ds->template_spec);
      model::merge_ports(ports, model::host_ports(ds->template_spec));
    }
    tmpl.daemon_overhead.push_back(std::move(overhead));
    tmpl.daemon_host_ports.push_back(std::move(ports));
  }
  tmpl.facts = std::make_shared<const PoolFacts>(pool_facts(tmpl));
  tmpl.offerings = std::make_shared<OfferingIndex>(tmpl.instance_types);
  return tmpl;
}

ExistingNode make_existing_node(const model::Node& node, const model::NodePool* pool) {
  ExistingNode existing;
  existing.node = &node;
  existing.name = node.meta.name;
  model::Labels labels = node.meta.labels;
  if (model::find_label(labels, model::kLabelHostname) == nullptr) {
    model::set_label(labels, std::string(model::kLabelHostname), node.meta.name);
  }
  existing.labels = model::Requirements::from_labels(labels);
  const std::string* pool_name = model::find_label(labels, model::kLabelNodePool);
  existing.node_pool = pool_name != nullptr ? *pool_name : "";
  const std::string* initialized = model::find_label(labels, kInitializedLabel);
  existing.initialized = pool_name == nullptr || (initialized != nullptr && *initialized == "true");
  for (const model::Taint& taint : node.taints) {
    if (existing.initialized || !is_ephemeral_taint(taint, pool)) existing.taints.push_back(taint);
  }
  existing.available = node.allocatable;
  existing.schedulable = !node.unschedulable;
  return existing;
}

void sort_nodes(Snapshot& snapshot) {
  std::sort(snapshot.nodes.begin(), snapshot.nodes.end(),
            [](const ExistingNode& a, const ExistingNode& b) {
              return a.initialized != b.initialized ? a.initialized : a.name < b.name;
            });
}

void add_pods(Snapshot& snapshot, std::span<const model::Pod* const> pods) {
  std::map<std::string_view, size_t, std::less<>> node_index;
  for (size_t i = 0; i < snapshot.nodes.size(); ++i) node_index.emplace(snapshot.nodes[i].name, i);

  std::vector<std::vector<std::string_view>> daemons_on_node(snapshot.nodes.size());
  for (const model::Pod* pod : pods) {
    if (pod->phase == "Succeeded" || pod->phase == "Failed") continue;
    if (!pod->bound()) {
      if (!owned_by_daemon_set(*pod)) snapshot.pending.push_back(pod);
      continue;
    }
    auto it = node_index.find(pod->spec.node_name);
    if (it == node_index.end()) {
      snapshot.warnings.push_back(fmt::format(
          "Pod \"{}\" is bound to node \"{}\", which is not among the inputs; it is ignored",
          pod->meta.qualified_name(), pod->spec.node_name));
      continue;
    }
    snapshot.bound_pods.push_back({pod, it->second});
    snapshot.nodes[it->second].available -= model::effective_requests(pod->spec);
    model::merge_ports(snapshot.nodes[it->second].host_ports, model::host_ports(pod->spec));
    for (const model::OwnerReference& ref : pod->meta.owner_references) {
      if (ref.kind == "DaemonSet") daemons_on_node[it->second].push_back(ref.name);
    }
  }
  // DaemonSet pods that belong on a node but are not there yet will take their share first.
  for (size_t i = 0; i < snapshot.nodes.size(); ++i) {
    ExistingNode& node = snapshot.nodes[i];
    for (const model::DaemonSet* ds : snapshot.daemon_sets) {
      bool present = std::find(daemons_on_node[i].begin(), daemons_on_node[i].end(),
                               ds->meta.name) != daemons_on_node[i].end();
      if (!present && daemon_runs_on(*ds, node)) {
        node.available -= model::effective_requests(ds->template_spec);
        model::merge_ports(node.host_ports, model::host_ports(ds->template_spec));
      }
    }
  }
}

Snapshot make_snapshot(const ClusterObjects& objects, const InstanceTypeProvider& provider) {
  Snapshot snapshot;
  for (const model::DaemonSet& ds : objects.daemon_sets) snapshot.daemon_sets.push_back(&ds);

  for (const model::NodePool* pool : pools_by_weight(objects.node_pools)) {
    auto tmpl = make_pool_template(*pool, snapshot.daemon_sets, provider, snapshot.warnings);
    if (tmpl) snapshot.pools.push_back(std::move(*tmpl));
  }

  for (const model::Node& node : objects.nodes) {
    const model::NodePool* pool = nullptr;
    const std::string* pool_name = model::find_label(node.meta.labels, model::kLabelNodePool);
    for (const model::NodePool& p : objects.node_pools)
      if (pool_name != nullptr && p.meta.name == *pool_name) pool = &p;
    snapshot.nodes.push_back(make_existing_node(node, pool));
  }
  sort_nodes(snapshot);
  std::vector<const model::Pod*> pods;
  for (const model::Pod& pod : objects.pods) pods.push_back(&pod);
  add_pods(snapshot, pods);
  return snapshot;
}

}  // namespace nw::scheduling
