// The immutable picture of a cluster that one provisioning decision is made from: existing nodes
// with what is bound to them, the NodePools with the instance types each may launch, the
// DaemonSets, and the pending pods. `plan` builds it from input files; the simulator and the live
// controller (both planned) are to build the same type, so the solver is never forked.
//
// Assumes: the model objects it points to (ClusterObjects) outlive it. Guarantees: everything the
// solver iterates is in a fixed order independent of input hashing — pools by weight descending
// then name descending (Karpenter's OrderByWeight), nodes initialized-first then by name, pending
// pods in input order.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalog/instance_type.h"
#include "model/daemonset.h"
#include "model/node.h"
#include "model/nodepool.h"
#include "model/pod.h"
#include "model/requirements.h"
#include "model/resources.h"

namespace nw::scheduling {

struct PoolFacts;
class OfferingIndex;

// The Kubernetes objects a snapshot is built from (views; the caller owns the objects).
struct ClusterObjects {
  std::span<const model::NodePool> node_pools;
  std::span<const model::Node> nodes;
  std::span<const model::Pod> pods;  // bound (spec.nodeName set) and pending alike
  std::span<const model::DaemonSet> daemon_sets;
};

// The cloud provider's answer to "which instance types may this NodePool launch": Karpenter's
// CloudProvider.GetInstanceTypes. The catalog implements it (cloud/catalog_instance_types.h); a
// simulated cloud is to wrap it to mark offerings unavailable during capacity shortages.
class InstanceTypeProvider {
 public:
  virtual ~InstanceTypeProvider() = default;
  virtual std::vector<catalog::InstanceType> instance_types(const model::NodePool& pool) const = 0;
};

// One NodePool ready to open NodeClaims (Karpenter's NodeClaimTemplate).
struct PoolTemplate {
  const model::NodePool* pool = nullptr;
  // Template requirements ∧ template labels ∧ karpenter.sh/nodepool In [name].
  model::Requirements requirements;
  // The types whose requirements and offerings the template admits, in provider order.
  std::vector<catalog::InstanceType> instance_types;
  // Parallel to instance_types: the requests of the DaemonSet pods that would run on a node of
  // that type from this pool (karpenter-core.md §1.8).
  std::vector<model::Resources> daemon_overhead;
  // Parallel to instance_types: the host ports those DaemonSet pods bind, sorted.
  std::vector<std::vector<int32_t>> daemon_host_ports;
  // Derived from the fields above by make_pool_template (scheduling/pool_facts.h). It points
  // into instance_types, which is why a template can be moved (the types stay where they are)
  // but not copied.
  std::shared_ptr<const PoolFacts> facts;
  // Which types a claim's zone and capacity-type requirements allow: a cache filled as solves
  // ask, shared by every solve over this template.
  std::shared_ptr<OfferingIndex> offerings;

  PoolTemplate() = default;
  PoolTemplate(PoolTemplate&&) = default;
  PoolTemplate& operator=(PoolTemplate&&) = default;
  PoolTemplate(const PoolTemplate&) = delete;
  PoolTemplate& operator=(const PoolTemplate&) = delete;
};

// A node already in the cluster (or launched and not yet registered).
struct ExistingNode {
  const model::Node* node = nullptr;
  std::string name;
  model::Requirements labels;        // the node's labels, plus kubernetes.io/hostname
  std::vector<model::Taint> taints;  // ephemeral start-up taints already removed
  model::Resources available;        // allocatable − bound pods − DaemonSet pods still to come
  std::vector<int32_t> host_ports;   // bound by its pods and DaemonSet pods to come, sorted
  std::string node_pool;             // karpenter.sh/nodepool label; empty if unmanaged
  bool initialized = true;
  bool schedulable = true;  // false when cordoned: it still counts for topology
};

struct BoundPod {
  const model::Pod* pod = nullptr;
  size_t node = 0;  // index into Snapshot::nodes
};

struct Snapshot {
  std::vector<PoolTemplate> pools;
  std::vector<ExistingNode> nodes;
  std::vector<BoundPod> bound_pods;
  std::vector<const model::Pod*> pending;
  std::vector<const model::DaemonSet*> daemon_sets;
  // Problems with the input that do not stop a plan (a NodePool admitting no instance type...).
  std::vector<std::string> warnings;
};

// What a pool may still launch under its limits: limits − the capacity of its existing nodes,
// each also counting as one `nodes`. nullopt when the pool sets no limits.
std::optional<model::Resources> remaining_limits(const Snapshot& snapshot,
                                                 const PoolTemplate& pool);

// Builds the snapshot. Pods bound to a node that is not among `objects.nodes` are ignored with a
// warning; pods owned by a DaemonSet are never pending work.
Snapshot make_snapshot(const ClusterObjects& objects, const InstanceTypeProvider& provider);

// The pieces make_snapshot is assembled from, for callers that keep a snapshot's parts between
// decisions (the simulator and the controller re-use pool templates while the offerings do not
// change, and a node's labels while the node does not).
//
// NodePools in the order the solver tries them: weight descending, then name descending
// (Karpenter's OrderByWeight).
std::vector<const model::NodePool*> pools_by_weight(std::span<const model::NodePool> pools);
// The pool's template, or nullopt (with a warning appended) when it admits no instance type.
std::optional<PoolTemplate> make_pool_template(
    const model::NodePool& pool, const std::vector<const model::DaemonSet*>& daemon_sets,
    const InstanceTypeProvider& provider, std::vector<std::string>& warnings);
// The node as the solver sees it before pods are charged: `available` is its allocatable.
// `pool` is the NodePool named by its karpenter.sh/nodepool label, if among the inputs.
ExistingNode make_existing_node(const model::Node& node, const model::NodePool* pool);
// Orders snapshot.nodes as the solver expects (initialized first, then by name).
void sort_nodes(Snapshot& snapshot);
// Charges `pods` to snapshot.nodes (already sorted) — bound pods take their node's capacity,
// unbound ones become pending — then charges the DaemonSet pods each node still expects.
void add_pods(Snapshot& snapshot, std::span<const model::Pod* const> pods);

}  // namespace nw::scheduling
