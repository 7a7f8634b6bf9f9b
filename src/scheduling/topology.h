// Topology accounting for one solve: pod topology spread, pod affinity and pod anti-affinity
// (including the inverse anti-affinity of pods already running), as Karpenter models them
// (karpenter-core.md §1.10).
//
// A group is one constraint shape (type, topology key, namespaces, selector, maxSkew, node
// filter); pods with identical rules share it. It counts, per domain (a value of its key), the
// pods its selector matches. Existing pods are counted at construction; pods placed during the
// solve are recorded as they are committed. Every pending pod's groups are registered up front,
// so a group created for one pod also counts pods placed before that pod is tried.
//
// Determinism: domains are kept in ordered maps and ties between equally good domains go to the
// lexicographically smallest name (Karpenter breaks them by map order, i.e. at random).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/label_selector.h"
#include "model/pod.h"
#include "model/requirements.h"
#include "scheduling/pod_data.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {

class Topology {
 public:
  explicit Topology(const Snapshot& snapshot);

  // Registers the groups the pod's current constraints define and sets pod.class_id; pods with
  // the same equivalence key share the registration.
  void register_pod(PodData& pod);
  // A new NodeClaim's placeholder hostname becomes a hostname domain.
  void add_hostname(const std::string& hostname);

  // The requirements the pod's topology adds for a node whose requirements are `node`:
  // nullopt with `reason` set when no domain is valid there.
  std::optional<model::Requirements> constrain(const PodData& pod, const model::Requirements& node,
                                               std::string* reason) const;
  // Records the pod as placed on a node whose requirements are `node` and whose taints are
  // `taints` (a NodeClaim's are its NodePool's): spread groups that honor taints count only pods
  // on nodes their owners tolerate.
  void record(const PodData& pod, const model::Requirements& node,
              const std::vector<model::Taint>& taints);

  // True when nothing the pod owns or could be blocked by is topological: the fast path.
  bool unconstrained(const PodData& pod) const;
  // True when a node that turns the pod away for topology will turn its equivalents away for the
  // rest of the solve: every group involved is anti-affinity (domains only fill up) or a
  // hostname spread (a host's count only grows, and the minimum is always 0). Zonal spread and
  // affinity are not: a domain can become valid as other pods land.
  bool rejections_are_permanent(const PodData& pod) const;

 private:
  struct Group {
    enum class Type { Spread, Affinity, AntiAffinity };
    Type type = Type::Spread;
    bool inverse = false;  // anti-affinity seen from the pods its owners repel
    std::string key;
    bool all_namespaces = false;
    std::vector<std::string> namespaces;           // sorted; used unless all_namespaces
    std::optional<model::LabelSelector> selector;  // absent selects nothing
    int32_t max_skew = 0;
    std::optional<int32_t> min_domains;
    // Spread node filter (nodeAffinityPolicy/nodeTaintsPolicy: Honor): the owner's requirement
    // alternatives and tolerations; empty optional when the policy is Ignore.
    std::optional<std::vector<model::Requirements>> filter_requirements;
    std::optional<std::vector<model::Toleration>> filter_tolerations;
    std::map<std::string, int64_t, std::less<>> counts;  // every known domain, zero included
    size_t populated = 0;                                // domains whose count is above zero

    bool selects(const model::Pod& pod) const;
    bool filter_admits(const model::Requirements& node,
                       const std::vector<model::Taint>* taints) const;
  };

  size_t intern(Group group, const std::string& signature);
  void seed(Group& group) const;
  const std::set<std::string>& universe(const std::string& key) const;
  // The domains of `key` reachable through NodePools and nodes whose taints `tolerations`
  // tolerate: the universe of a spread with nodeTaintsPolicy: Honor (not cached).
  std::set<std::string> collect_domains(const std::string& key,
                                        const std::vector<model::Toleration>* tolerations) const;
  // What the solver asks about a class of pods, computed once per class. The lists of groups
  // that select the class are refreshed when groups were added since (relaxation can add some).
  struct ClassInfo {
    std::vector<size_t> owned;              // groups the class's own rules define
    std::vector<size_t> inverse_owned;      // inverse groups of its required anti-affinity
    std::vector<size_t> counting;           // non-inverse groups whose selector selects it
    std::vector<size_t> inverse_selecting;  // inverse groups that repel it
    size_t groups_seen = 0;                 // groups_.size() when the two lists above were made
  };
  const ClassInfo& info(const PodData& pod) const;
  bool constrain_group(const Group& group, const PodData& pod, const model::Requirements& node,
                       model::Requirements& out, std::string* reason) const;
  static void record_in(Group& group, const model::Requirements& node, bool all_possible);

  const Snapshot& snapshot_;
  std::vector<Group> groups_;
  std::map<std::string, size_t> by_signature_;
  // Domain universe per key, computed when a group first needs it.
  mutable std::map<std::string, std::set<std::string>> universe_;
  std::set<std::string> hostnames_;          // existing nodes and NodeClaim placeholders
  std::map<std::string, size_t> class_ids_;  // equivalence key → class id
  mutable std::vector<ClassInfo> classes_;   // by class id; selection lists refreshed lazily
};

}  // namespace nw::scheduling
