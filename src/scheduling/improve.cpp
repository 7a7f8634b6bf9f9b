#include "scheduling/improve.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "catalog/selection.h"
#include "model/quantity.h"
#include "scheduling/pod_data.h"

namespace nw::scheduling {
namespace {

// A label selector with the namespaces it applies in; empty namespaces means every namespace.
struct Selector {
  const model::LabelSelector* selector;
  std::vector<std::string> namespaces;
  bool selects(const model::Pod& pod) const {
    if (!namespaces.empty() &&
        std::find(namespaces.begin(), namespaces.end(), pod.meta.namespace_) == namespaces.end()) {
      return false;
    }
    return selector->matches(pod.meta.labels);
  }
};

// Pods whose placement depends on their neighbours: topology rules, or host ports.
bool placement_depends_on_neighbours(const model::PodSpec& spec) {
  return !spec.topology_spread.empty() || !spec.pod_affinity.empty() ||
         !spec.pod_anti_affinity.empty() || !model::host_ports(spec).empty();
}

// Every selector a topology rule reads: pending pods' spread and (anti-)affinity terms, and the
// required anti-affinity of running pods.
std::vector<Selector> topology_selectors(const Snapshot& snapshot) {
  std::vector<Selector> selectors;
  auto add_term = [&](const model::PodAffinityTerm& term, const model::Pod& owner) {
    if (!term.label_selector) return;
    std::vector<std::string> namespaces;
    if (!term.namespace_selector) {
      namespaces = term.namespaces.empty() ? std::vector<std::string>{owner.meta.namespace_}
                                           : term.namespaces;
    }
    selectors.push_back({&*term.label_selector, std::move(namespaces)});
  };
  for (const model::Pod* pod : snapshot.pending) {
    const model::PodSpec& spec = pod->spec;
    for (const auto& tsc : spec.topology_spread) {
      if (tsc.label_selector) selectors.push_back({&*tsc.label_selector, {pod->meta.namespace_}});
    }
    for (const auto& term : spec.pod_affinity.required) add_term(term, *pod);
    for (const auto& term : spec.pod_affinity.preferred) add_term(term.term, *pod);
    for (const auto& term : spec.pod_anti_affinity.required) add_term(term, *pod);
    for (const auto& term : spec.pod_anti_affinity.preferred) add_term(term.term, *pod);
  }
  for (const BoundPod& bound : snapshot.bound_pods) {
    for (const auto& term : bound.pod->spec.pod_anti_affinity.required) add_term(term, *bound.pod);
  }
  return selectors;
}

class Improver {
 public:
  Improver(const Snapshot& snapshot, const ImproveOptions& options)
      : snapshot_(snapshot), options_(options) {
    for (const PoolTemplate& pool : snapshot.pools) {
      std::vector<model::Resources> room;
      for (size_t i = 0; i < pool.instance_types.size(); ++i) {
        room.push_back(pool.instance_types[i].allocatable() - pool.daemon_overhead[i]);
      }
      room_.push_back(std::move(room));
      remaining_.push_back(remaining_limits(snapshot, pool));
    }
    for (const model::Pod* pod : snapshot.pending)
      requests_.push_back(model::effective_requests(pod->spec));
  }

  Plan run(Plan plan) {
    std::vector<Selector> selectors = topology_selectors(snapshot_);
    // Movable pods grouped by (pool, requirements); the map orders groups deterministically.
    std::map<std::pair<size_t, std::string>, std::vector<size_t>> groups;
    for (const PlannedClaim& claim : plan.claims) {
      for (size_t pod : claim.pods) {
        const model::Pod& p = *snapshot_.pending[pod];
        if (placement_depends_on_neighbours(p.spec)) continue;
        if (std::any_of(selectors.begin(), selectors.end(),
                        [&](const Selector& s) { return s.selects(p); })) {
          continue;
        }
        groups[{claim.pool, PodData::make(p, pod).requirements.to_string()}].push_back(pod);
      }
    }
    for (const auto& [key, pods] : groups) {
      if (std::optional<Plan> better = repack(plan, key.first, pods)) plan = std::move(*better);
    }
    return plan;
  }

 private:
  // Types of `pool` that the requirements admit and that have an allowed offering; cached, as
  // the same requirements come back for every claim of a group.
  const std::vector<uint32_t>& admitted(size_t pool, const model::Requirements& requirements) {
    auto [it, inserted] = admitted_.try_emplace({pool, requirements.to_string()});
    if (inserted) {
      const PoolTemplate& tmpl = snapshot_.pools[pool];
      const catalog::OfferingFilter offerings(requirements);
      for (uint32_t i = 0; i < tmpl.instance_types.size(); ++i) {
        const catalog::InstanceType& type = tmpl.instance_types[i];
        if (type.requirements().intersects(requirements) && offerings.allows_any(type)) {
          it->second.push_back(i);
        }
      }
    }
    return it->second;
  }

  // The admitted types that hold `requests` besides their DaemonSet overhead.
  std::vector<uint32_t> fitting(size_t pool, const model::Requirements& requirements,
                                const model::Resources& requests) {
    std::vector<uint32_t> result;
    for (uint32_t i : admitted(pool, requirements)) {
      if (requests.fits_in(room_[pool][i])) result.push_back(i);
    }
    return result;
  }

  model::Resources requests_of(const std::vector<size_t>& pods) const {
    model::Resources total;
    for (size_t pod : pods) total += requests_[pod];
    return total;
  }

  // Launches `pods` under `requirements` on the cheapest fitting option; nullopt if none.
  std::optional<PlannedClaim> launch(size_t pool, const model::Requirements& requirements,
                                     std::vector<size_t> pods) {
    model::Resources requests = requests_of(pods);
    std::vector<uint32_t> options = fitting(pool, requirements, requests);
    if (options.empty()) return std::nullopt;
    auto launchable =
        make_launchable(snapshot_, pool, *snapshot_.pools[pool].offerings, requirements, options,
                        requests, std::move(pods), options_.launch);
    if (std::holds_alternative<std::string>(launchable)) return std::nullopt;
    return std::get<PlannedClaim>(std::move(launchable));
  }

  // Whether every pool's claims, each reserving its largest option, stay within the limits.
  bool within_limits(const Plan& plan) const {
    for (size_t p = 0; p < snapshot_.pools.size(); ++p) {
      if (!remaining_[p]) continue;
      model::Resources reserved;
      for (const PlannedClaim& claim : plan.claims) {
        if (claim.pool != p) continue;
        model::Resources largest;
        for (const catalog::InstanceType* type : claim.options) {
          largest.raise_to(type->capacity());
        }
        largest.set(model::kNodesLimit, 1);
        reserved += largest;
      }
      for (const auto& [name, limit] : snapshot_.pools[p].pool->limits.entries()) {
        if (reserved.get(name) > remaining_[p]->get(name)) return false;
      }
    }
    return true;
  }

  // The group's pods packed first-fit-decreasing into nodes of type `shape`, each node then
  // launched as its cheapest fitting option.
  std::optional<std::vector<PlannedClaim>> pack(size_t pool,
                                                const model::Requirements& requirements,
                                                std::vector<size_t> pods, uint32_t shape) {
    std::stable_sort(pods.begin(), pods.end(), [&](size_t a, size_t b) {
      const model::Resources& x = requests_[a];
      const model::Resources& y = requests_[b];
      if (x.cpu_milli() != y.cpu_milli()) return x.cpu_milli() > y.cpu_milli();
      return x.memory_bytes() > y.memory_bytes();
    });
    const model::Resources& room = room_[pool][shape];
    std::vector<std::vector<size_t>> bins;
    std::vector<model::Resources> used;
    for (size_t pod : pods) {
      const model::Resources& requests = requests_[pod];
      if (!requests.fits_in(room)) return std::nullopt;
      size_t b = 0;
      while (b < bins.size() && !(used[b] + requests).fits_in(room)) ++b;
      if (b == bins.size()) {
        bins.emplace_back();
        used.emplace_back();
      }
      bins[b].push_back(pod);
      used[b] += requests;
    }
    std::vector<PlannedClaim> claims;
    for (std::vector<size_t>& bin : bins) {
      std::optional<PlannedClaim> claim = launch(pool, requirements, std::move(bin));
      if (!claim) return std::nullopt;
      claims.push_back(std::move(*claim));
    }
    return claims;
  }

  uint32_t index_of(size_t pool, const catalog::InstanceType* type) const {
    return static_cast<uint32_t>(type - snapshot_.pools[pool].instance_types.data());
  }

  static int64_t cost(const std::vector<PlannedClaim>& claims) {
    int64_t total = 0;
    for (const PlannedClaim& claim : claims) total += claim.offering.price_micro_usd_per_hour;
    return total;
  }

  std::optional<Plan> repack(const Plan& plan, size_t pool, const std::vector<size_t>& group) {
    const model::Pod& sample = *snapshot_.pending[group.front()];
    model::Requirements requirements = snapshot_.pools[pool].requirements.intersect(
        PodData::make(sample, group.front()).requirements);

    // The claims that hold the group's pods shrink to what is left of them.
    std::vector<bool> in_group(snapshot_.pending.size(), false);
    for (size_t pod : group) in_group[pod] = true;
    std::vector<size_t> affected;
    std::vector<PlannedClaim> shrunk;
    for (size_t c = 0; c < plan.claims.size(); ++c) {
      const PlannedClaim& claim = plan.claims[c];
      std::vector<size_t> kept;
      for (size_t pod : claim.pods)
        if (!in_group[pod]) kept.push_back(pod);
      if (kept.size() == claim.pods.size()) continue;
      affected.push_back(c);
      if (kept.empty()) continue;
      std::optional<PlannedClaim> smaller = launch(claim.pool, claim.requirements, kept);
      if (!smaller) {  // keep the node it had
        smaller = claim;
        smaller->pods = kept;
      }
      shrunk.push_back(std::move(*smaller));
    }
    int64_t before = 0;
    for (size_t c : affected) before += plan.claims[c].offering.price_micro_usd_per_hour;

    // Candidate shapes: the types with the lowest estimated cost for the group's demand,
    // price × the most nodes any one resource would need (in millionths of a node, exact
    // integers so that the ranking never depends on rounding).
    model::Resources demand = requests_of(group);
    std::vector<std::pair<model::Int128, uint32_t>> estimates;
    for (uint32_t i : fitting(pool, requirements, model::Resources{})) {
      std::optional<int64_t> price =
          catalog::cheapest_allowed_price(snapshot_.pools[pool].instance_types[i], requirements);
      if (!price) continue;
      model::Int128 micro_nodes = 0;
      bool holds_every_resource = true;
      for (const auto& [name, amount] : demand.entries()) {
        int64_t room = room_[pool][i].get(name);
        if (room <= 0) {
          holds_every_resource = false;
          break;
        }
        model::Int128 needed = (model::Int128{amount} * 1'000'000 + room - 1) / room;
        micro_nodes = std::max(micro_nodes, needed);
      }
      if (holds_every_resource) estimates.emplace_back(micro_nodes * *price, i);
    }
    std::stable_sort(estimates.begin(), estimates.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (estimates.size() > options_.candidate_types) estimates.resize(options_.candidate_types);

    std::optional<std::vector<PlannedClaim>> best;
    for (const auto& [estimate, shape] : estimates) {
      auto packed = pack(pool, requirements, group, shape);
      if (packed && (!best || cost(*packed) < cost(*best))) best = std::move(packed);
    }
    if (!best || cost(shrunk) + cost(*best) >= before) return std::nullopt;
    Plan better;
    better.existing = plan.existing;
    better.unschedulable = plan.unschedulable;
    for (size_t c = 0; c < plan.claims.size(); ++c) {
      if (!std::binary_search(affected.begin(), affected.end(), c)) {
        better.claims.push_back(plan.claims[c]);
      }
    }
    const size_t first_new = better.claims.size();
    for (PlannedClaim& claim : shrunk) better.claims.push_back(std::move(claim));
    for (PlannedClaim& claim : *best) better.claims.push_back(std::move(claim));
    if (within_limits(better)) return better;
    // Each claim reserves its largest option against the limits. Near a limit, pin the claims
    // this change makes to the type each launches, so they reserve exactly what they use.
    for (size_t c = first_new; c < better.claims.size(); ++c) {
      PlannedClaim& claim = better.claims[c];
      std::vector<uint32_t> chosen = {index_of(claim.pool, claim.instance_type)};
      if (min_values_shortfall(snapshot_.pools[claim.pool], claim.requirements, chosen)) {
        return std::nullopt;
      }
      claim.options = {claim.instance_type};
    }
    if (within_limits(better)) return better;
    return std::nullopt;
  }

  const Snapshot& snapshot_;
  ImproveOptions options_;
  std::vector<std::vector<model::Resources>> room_;  // per pool, per type
  std::vector<std::optional<model::Resources>> remaining_;
  std::map<std::pair<size_t, std::string>, std::vector<uint32_t>> admitted_;
  std::vector<model::Resources> requests_;  // per pending pod
};

}  // namespace

Plan improve_packing(const Snapshot& snapshot, Plan plan, const ImproveOptions& options) {
  return Improver(snapshot, options).run(std::move(plan));
}

}  // namespace nw::scheduling
