#include "scheduling/topology.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace nw::scheduling {
namespace {

// Inverse anti-affinity groups are shared by every pod (running or pending) whose term is the same.
std::string inverse_signature(const model::PodAffinityTerm& term,
                              const std::string& owner_namespace) {
  std::vector<std::string> namespaces =
      term.namespaces.empty() ? std::vector<std::string>{owner_namespace} : term.namespaces;
  std::sort(namespaces.begin(), namespaces.end());
  return fmt::format("inverse|{}|{}|{}|{}", term.topology_key, term.namespace_selector.has_value(),
                     fmt::join(namespaces, ","),
                     term.label_selector ? term.label_selector->to_string() : "<none>");
}

std::string describe_domains(const std::vector<std::string_view>& domains) {
  return domains.empty() ? "none" : fmt::format("{}", fmt::join(domains, ", "));
}

}  // namespace

bool Topology::Group::selects(const model::Pod& pod) const {
  if (!selector) return false;
  if (!all_namespaces &&
      !std::binary_search(namespaces.begin(), namespaces.end(), pod.meta.namespace_)) {
    return false;
  }
  return selector->matches(pod.meta.labels);
}

bool Topology::Group::filter_admits(const model::Requirements& node,
                                    const std::vector<model::Taint>* taints) const {
  if (filter_requirements) {
    bool any = std::any_of(filter_requirements->begin(), filter_requirements->end(),
                           [&](const model::Requirements& alternative) {
                             return node.is_compatible(
                                 alternative, model::Requirements::Undefined::AllowWellKnown);
                           });
    if (!any) return false;
  }
  if (filter_tolerations && taints != nullptr &&
      !model::tolerates_all(*filter_tolerations, *taints)) {
    return false;
  }
  return true;
}

Topology::Topology(const Snapshot& snapshot) : snapshot_(snapshot) {
  for (const ExistingNode& node : snapshot.nodes) hostnames_.insert(node.name);
  // Existing pods with required anti-affinity repel the pods their terms select.
  for (const BoundPod& bound : snapshot.bound_pods) {
    const model::Pod& pod = *bound.pod;
    for (const model::PodAffinityTerm& term : pod.spec.pod_anti_affinity.required) {
      Group group;
      group.type = Group::Type::AntiAffinity;
      group.inverse = true;
      group.key = term.topology_key;
      group.selector = term.label_selector;
      group.all_namespaces = term.namespace_selector.has_value();
      group.namespaces =
          term.namespaces.empty() ? std::vector<std::string>{pod.meta.namespace_} : term.namespaces;
      std::sort(group.namespaces.begin(), group.namespaces.end());
      size_t index = intern(std::move(group), inverse_signature(term, pod.meta.namespace_));
      record_in(groups_[index], snapshot.nodes[bound.node].labels, true);
    }
  }
}

const std::set<std::string>& Topology::universe(const std::string& key) const {
  if (key == model::kLabelHostname) return hostnames_;
  auto [it, inserted] = universe_.try_emplace(key);
  if (inserted) it->second = collect_domains(key, nullptr);
  return it->second;
}

std::set<std::string> Topology::collect_domains(
    const std::string& key, const std::vector<model::Toleration>* tolerations) const {
  std::set<std::string> domains;
  for (const PoolTemplate& pool : snapshot_.pools) {
    if (tolerations && !model::tolerates_all(*tolerations, pool.pool->taints)) continue;
    if (const model::Requirement* r = pool.requirements.get(key); r && !r->complement()) {
      domains.insert(r->values().begin(), r->values().end());
    }
    for (const catalog::InstanceType& type : pool.instance_types) {
      const model::Requirement* offered = type.requirements().get(key);
      if (offered == nullptr || offered->complement()) continue;
      const model::Requirement* allowed = pool.requirements.get(key);
      for (const std::string& value : offered->values()) {
        if (allowed == nullptr || allowed->has(value)) domains.insert(value);
      }
    }
  }
  for (const ExistingNode& node : snapshot_.nodes) {
    if (tolerations && !model::tolerates_all(*tolerations, node.taints)) continue;
    if (const model::Requirement* r = node.labels.get(key); r && !r->complement()) {
      domains.insert(r->values().begin(), r->values().end());
    }
  }
  return domains;
}

void Topology::seed(Group& group) const {
  // nodeTaintsPolicy: Honor seeds only the domains reachable through tolerated taints
  // (karpenter-core.md §1.10), so an untolerated pool's zones do not hold the minimum at 0.
  if (group.type == Group::Type::Spread && group.filter_tolerations &&
      group.key != model::kLabelHostname) {
    for (const std::string& domain : collect_domains(group.key, &*group.filter_tolerations)) {
      group.counts.emplace(domain, 0);
    }
  } else {
    for (const std::string& domain : universe(group.key)) group.counts.emplace(domain, 0);
  }
  if (group.inverse) return;  // inverse groups count owners, recorded by the constructor
  for (const BoundPod& bound : snapshot_.bound_pods) {
    const ExistingNode& node = snapshot_.nodes[bound.node];
    if (!group.selects(*bound.pod)) continue;
    if (group.type == Group::Type::Spread && !group.filter_admits(node.labels, &node.taints)) {
      continue;
    }
    const model::Requirement* value = node.labels.get(group.key);
    if (value == nullptr || value->complement() || value->values().size() != 1) continue;
    if (group.counts[value->values().front()]++ == 0) ++group.populated;
  }
}

size_t Topology::intern(Group group, const std::string& signature) {
  auto it = by_signature_.find(signature);
  if (it != by_signature_.end()) return it->second;
  seed(group);
  groups_.push_back(std::move(group));
  by_signature_.emplace(signature, groups_.size() - 1);
  return groups_.size() - 1;
}

void Topology::add_hostname(const std::string& hostname) {
  hostnames_.insert(hostname);
  for (Group& group : groups_) {
    if (group.key == model::kLabelHostname) group.counts.emplace(hostname, 0);
  }
}

const Topology::ClassInfo& Topology::info(const PodData& data) const {
  ClassInfo& info = classes_[data.class_id];
  if (info.groups_seen != groups_.size()) {
    info.counting.clear();
    info.inverse_selecting.clear();
    for (size_t g = 0; g < groups_.size(); ++g) {
      if (!groups_[g].selects(*data.pod)) continue;
      (groups_[g].inverse ? info.inverse_selecting : info.counting).push_back(g);
    }
    info.groups_seen = groups_.size();
  }
  return info;
}

void Topology::register_pod(PodData& data) {
  auto [id, inserted] = class_ids_.try_emplace(data.equivalence_key, classes_.size());
  data.class_id = id->second;
  if (!inserted) return;
  const model::Pod& pod = *data.pod;
  std::vector<size_t> owned;
  auto namespaces_of = [&](const model::PodAffinityTerm& term, Group& group) {
    group.all_namespaces = term.namespace_selector.has_value();
    group.namespaces =
        term.namespaces.empty() ? std::vector<std::string>{pod.meta.namespace_} : term.namespaces;
    std::sort(group.namespaces.begin(), group.namespaces.end());
  };
  auto signature = [](const Group& g, std::string_view extra) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(g.type), g.inverse, g.key,
                       g.all_namespaces, fmt::join(g.namespaces, ","),
                       g.selector ? g.selector->to_string() : "<none>", g.max_skew,
                       g.min_domains.value_or(0), extra);
  };
  for (const model::TopologySpreadConstraint& tsc : data.spread) {
    Group group;
    group.type = Group::Type::Spread;
    group.key = tsc.topology_key;
    group.namespaces = {pod.meta.namespace_};
    group.max_skew = tsc.max_skew;
    group.min_domains = tsc.min_domains;
    if (tsc.label_selector) {
      model::LabelSelector selector = *tsc.label_selector;
      // matchLabelKeys: the pod's own values for those keys narrow the selector.
      for (const std::string& key : tsc.match_label_keys) {
        if (const std::string* value = model::find_label(pod.meta.labels, key)) {
          model::set_label(selector.match_labels, key, *value);
        }
      }
      group.selector = std::move(selector);
    }
    std::string filter;
    if (tsc.node_affinity_policy == model::TopologySpreadConstraint::InclusionPolicy::Honor) {
      group.filter_requirements = model::node_requirement_alternatives(pod.spec);
      for (const auto& r : *group.filter_requirements) filter += r.to_string() + ";";
    }
    if (tsc.node_taints_policy == model::TopologySpreadConstraint::InclusionPolicy::Honor) {
      group.filter_tolerations = pod.spec.tolerations;
      filter += fmt::format("|tolerations:{}", pod.meta.qualified_name());
    }
    std::string sig = signature(group, filter);
    owned.push_back(intern(std::move(group), sig));
  }
  auto affinity_group = [&](const model::PodAffinityTerm& term, Group::Type type, bool inverse) {
    Group group;
    group.type = type;
    group.inverse = inverse;
    group.key = term.topology_key;
    group.selector = term.label_selector;
    group.max_skew = std::numeric_limits<int32_t>::max();
    namespaces_of(term, group);
    std::string sig = inverse ? inverse_signature(term, pod.meta.namespace_) : signature(group, "");
    return intern(std::move(group), sig);
  };
  for (const auto& term : pod.spec.pod_affinity.required) {
    owned.push_back(affinity_group(term, Group::Type::Affinity, false));
  }
  for (const auto& term : data.preferred_affinity) {
    owned.push_back(affinity_group(term.term, Group::Type::Affinity, false));
  }
  std::vector<size_t> inverse_owned;
  for (const auto& term : pod.spec.pod_anti_affinity.required) {
    owned.push_back(affinity_group(term, Group::Type::AntiAffinity, false));
    inverse_owned.push_back(affinity_group(term, Group::Type::AntiAffinity, true));
  }
  for (const auto& term : data.preferred_anti_affinity) {
    owned.push_back(affinity_group(term.term, Group::Type::AntiAffinity, false));
  }
  ClassInfo registered;
  registered.owned = std::move(owned);
  registered.inverse_owned = std::move(inverse_owned);
  classes_.push_back(std::move(registered));
}

bool Topology::unconstrained(const PodData& pod) const {
  const ClassInfo& c = info(pod);
  return c.owned.empty() && c.inverse_selecting.empty();
}

bool Topology::rejections_are_permanent(const PodData& pod) const {
  auto permanent = [](const Group& g) {
    return g.type == Group::Type::AntiAffinity ||
           (g.type == Group::Type::Spread && g.key == model::kLabelHostname);
  };
  for (size_t index : info(pod).owned) {
    if (!permanent(groups_[index])) return false;
  }
  return true;  // inverse groups are anti-affinity by construction
}

bool Topology::constrain_group(const Group& group, const PodData& pod,
                               const model::Requirements& node, model::Requirements& out,
                               std::string* reason) const {
  const model::Requirement* pod_domains = pod.strict.get(group.key);
  const model::Requirement* node_domains = node.get(group.key);
  auto eligible = [&](std::string_view d) { return !pod_domains || pod_domains->has(d); };
  auto count_of = [&](std::string_view d) -> int64_t {
    auto it = group.counts.find(d);
    return it == group.counts.end() ? 0 : it->second;
  };
  // The domains the node could still be in, with their counts. A node pinned to a few domains
  // (always so for hostname) is looked up directly instead of scanning every domain the group
  // knows, which for hostname groups is every node and claim.
  auto for_each_candidate = [&](auto&& visit) {
    if (node_domains != nullptr && !node_domains->complement()) {
      for (const std::string& domain : node_domains->values()) {
        if (eligible(domain)) visit(domain, count_of(domain));
      }
      return;
    }
    for (const auto& [domain, count] : group.counts) {
      if (eligible(domain) && (node_domains == nullptr || node_domains->has(domain))) {
        visit(domain, count);
      }
    }
  };
  // Views into the group's domains or the node's values, both alive for this call; strings are
  // made only if a requirement has to be added.
  std::vector<std::string_view> chosen;
  switch (group.type) {
    case Group::Type::Spread: {
      // A new node can always open a new hostname, so the hostname minimum is 0.
      int64_t min = 0;
      if (group.key != model::kLabelHostname) {
        size_t eligible_count = 0;
        int64_t lowest = std::numeric_limits<int64_t>::max();
        for (const auto& [domain, count] : group.counts) {
          if (!eligible(domain)) continue;
          ++eligible_count;
          lowest = std::min(lowest, count);
        }
        bool too_few =
            group.min_domains && eligible_count < static_cast<size_t>(*group.min_domains);
        if (eligible_count > 0 && !too_few) min = lowest;
      }
      const int64_t self = group.selects(*pod.pod) ? 1 : 0;
      std::string_view best;
      int64_t best_count = 0;
      bool found = false;
      for_each_candidate([&](std::string_view domain, int64_t count) {
        if (count + self - min > group.max_skew) return;
        if (!found || count < best_count || (count == best_count && domain < best)) {
          best = domain;
          best_count = count;
          found = true;
        }
      });
      if (found) chosen.emplace_back(best);
      if (chosen.empty() && reason) {
        *reason = fmt::format("topology spread on {} (maxSkew {}) has no domain within skew",
                              group.key, group.max_skew);
      }
      break;
    }
    case Group::Type::Affinity: {
      for_each_candidate([&](std::string_view domain, int64_t count) {
        if (count > 0) chosen.emplace_back(domain);
      });
      if (chosen.empty() && group.selects(*pod.pod)) {
        // The first pod of a self-affine group may start it anywhere it is allowed, as long as
        // no domain it could join holds a matching pod yet.
        bool any_populated = false;
        if (pod_domains == nullptr) {
          any_populated = group.populated > 0;
        } else {
          for (const auto& [domain, count] : group.counts) {
            if (count > 0 && eligible(domain)) any_populated = true;
          }
        }
        if (!any_populated) {
          std::string_view first;
          bool found = false;
          for_each_candidate([&](std::string_view domain, int64_t) {
            if (!found || domain < first) first = domain;
            found = true;
          });
          if (found) chosen.emplace_back(first);
        }
      }
      if (chosen.empty() && reason) {
        *reason =
            fmt::format("pod affinity on {}: no reachable domain holds a matching pod", group.key);
      }
      break;
    }
    case Group::Type::AntiAffinity: {
      std::vector<std::string_view> occupied;
      for_each_candidate([&](std::string_view domain, int64_t count) {
        (count == 0 ? chosen : occupied).push_back(domain);
      });
      if (chosen.empty() && reason) {
        *reason = fmt::format("pod anti-affinity on {}: every reachable domain is taken ({})",
                              group.key, describe_domains(occupied));
      }
      break;
    }
  }
  if (chosen.empty()) return false;
  // A node already pinned to exactly the chosen domains needs no new requirement (the common
  // case: a claim's own hostname, a zone it already holds).
  if (node_domains != nullptr && !node_domains->complement() &&
      node_domains->values().size() == chosen.size()) {
    return true;
  }
  out.add(
      model::Requirement::in(group.key, std::vector<std::string>(chosen.begin(), chosen.end())));
  return true;
}

std::optional<model::Requirements> Topology::constrain(const PodData& pod,
                                                       const model::Requirements& node,
                                                       std::string* reason) const {
  model::Requirements out;
  const ClassInfo& c = info(pod);
  for (const std::vector<size_t>* groups : {&c.owned, &c.inverse_selecting}) {
    for (size_t index : *groups) {
      if (!constrain_group(groups_[index], pod, node, out, reason)) return std::nullopt;
    }
  }
  return out;
}

void Topology::record_in(Group& group, const model::Requirements& node, bool all_possible) {
  auto add = [&group](int64_t& count) {
    if (count++ == 0) ++group.populated;
  };
  const model::Requirement* r = node.get(group.key);
  if (r != nullptr && !r->complement()) {
    if (all_possible || r->values().size() == 1) {
      for (const std::string& value : r->values()) add(group.counts[value]);
    }
    return;
  }
  if (!all_possible) return;
  for (auto& [domain, count] : group.counts) {
    if (r == nullptr || r->has(domain)) add(count);
  }
}

void Topology::record(const PodData& pod, const model::Requirements& node,
                      const std::vector<model::Taint>& taints) {
  const ClassInfo& c = info(pod);
  for (size_t index : c.counting) {
    Group& group = groups_[index];
    if (group.type == Group::Type::Spread && !group.filter_admits(node, &taints)) continue;
    // Anti-affinity blocks every domain the node might still land in; spread and affinity count
    // only a domain the node is pinned to.
    record_in(group, node, group.type == Group::Type::AntiAffinity);
  }
  for (size_t index : c.inverse_owned) record_in(groups_[index], node, true);
}

}  // namespace nw::scheduling
