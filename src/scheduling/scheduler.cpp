#include "scheduling/scheduler.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "catalog/selection.h"
#include "scheduling/launchable_claim.h"
#include "scheduling/pod_data.h"
#include "scheduling/pool_facts.h"
#include "scheduling/topology.h"

namespace nw::scheduling {
namespace {

using Undefined = model::Requirements::Undefined;

// The four core resources by position, for loops over them.
constexpr std::array<std::string_view, 4> kCoreResources = {model::kCpu, model::kMemory,
                                                            model::kEphemeralStorage, model::kPods};

// A NodeClaim opened during this solve: a growing set of pods and a shrinking list of instance
// types, every one of which fits all the pods plus its own DaemonSet overhead and has an offering
// the claim's requirements allow (karpenter-core.md §1.6).
struct Claim {
  size_t pool = 0;
  std::string hostname;
  model::Requirements requirements;
  std::vector<uint32_t> options;  // indices into the pool's instance_types
  model::Resources requests;      // the pods' requests, without DaemonSet overhead
  std::vector<size_t> pods;
  std::vector<int32_t> host_ports;  // bound by its pods, sorted
  // Limit reservation: the largest capacity among the options, plus one node. Options only
  // shrink, so a stale reservation is too large, never too small.
  model::Resources reserved;
  bool reservation_stale = false;
  // Element-wise maximum and minimum over options of what is left for pods (allocatable −
  // DaemonSets − requests). A pod that does not fit the headroom fits no option and is rejected
  // without a scan; a pod that fits the floor fits every option, so none is dropped.
  model::Resources headroom;
  model::Resources floor;
  // Per instance type of the pool: 1 while it is among the options. With the pool's types
  // sorted by room on each core resource (PoolFacts::by_room), positions before low[k] and from
  // high[k] on hold only types that are gone, so the types a growing claim no longer fits are
  // found at the low end of each order without walking every option.
  std::vector<uint8_t> alive;
  std::array<uint32_t, 4> low{};
  std::array<uint32_t, 4> high{};
};

// The outcome of checking one pod against one claim.
struct Addition {
  std::optional<model::Requirements> requirements;  // set only when the pod narrowed them
  std::optional<std::vector<uint32_t>> options;     // set when options were re-filtered
  std::vector<uint32_t> dropped;  // or: the options that no longer fit (resources only)
  std::optional<std::array<uint32_t, 4>> low, high;  // the cursors after `dropped`
  model::Resources headroom;
  model::Resources floor;
};

// Karpenter's queue: pods that fail go to the back, and a full cycle without progress ends it.
class RetryQueue {
 public:
  explicit RetryQueue(std::vector<size_t> order) : queue_(order.begin(), order.end()) {}
  std::optional<size_t> pop() {
    if (queue_.empty()) return std::nullopt;
    size_t pod = queue_.front();
    auto pushed = length_at_push_.find(pod);
    if (pushed != length_at_push_.end() && pushed->second == queue_.size()) return std::nullopt;
    queue_.pop_front();
    return pod;
  }
  void push_back(size_t pod) {
    queue_.push_back(pod);
    length_at_push_[pod] = queue_.size();
  }

 private:
  std::deque<size_t> queue_;
  std::unordered_map<size_t, size_t> length_at_push_;
};

class Scheduler {
 public:
  Scheduler(const Snapshot& snapshot, const SchedulerOptions& options)
      : snapshot_(snapshot), options_(options), topology_(snapshot) {
    for (const ExistingNode& node : snapshot.nodes) {
      node_available_.push_back(node.available);
      node_ports_.push_back(node.host_ports);
    }
    node_pods_.resize(snapshot.nodes.size());
    for (const PoolTemplate& pool : snapshot.pools) {
      for (const model::Taint& taint : pool.pool->taints) {
        if (taint.effect == model::TaintEffect::PreferNoSchedule) pools_prefer_no_schedule_ = true;
      }
      remaining_.push_back(remaining_limits(snapshot, pool));
      stale_reservations_.emplace_back();
      pools_.push_back(pool.facts ? pool.facts
                                  : std::make_shared<const PoolFacts>(pool_facts(pool)));
    }
    for (size_t i = 0; i < snapshot.pending.size(); ++i) {
      pod_data_.push_back(PodData::make(*snapshot.pending[i], i));
      topology_.register_pod(pod_data_.back());
    }
  }

  Plan run() {
    RetryQueue queue(pod_order());
    std::map<size_t, std::string> errors;
    while (std::optional<size_t> index = queue.pop()) {
      std::string reason;
      bool placed = place(pod_data_[*index], reason);
      if (!placed) {
        // Relax a copy: a pod that still fails goes back to the queue with every preference.
        PodData relaxed = pod_data_[*index];
        while (!placed && relaxed.relax(pools_prefer_no_schedule_)) {
          topology_.register_pod(relaxed);
          placed = place(relaxed, reason);
        }
      }
      if (placed) {
        errors.erase(*index);
      } else {
        errors[*index] = std::move(reason);
        queue.push_back(*index);
      }
    }
    return finalize(errors);
  }

 private:
  // Karpenter's: pods by CPU then memory request descending, then creation time, UID and name
  // ascending.
  std::vector<size_t> pod_order() const {
    std::vector<size_t> order(pod_data_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (options_.pod_order == PodOrder::Snapshot) return order;
    if (options_.pod_order == PodOrder::Queue) {
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return pod_data_[a].pod->spec.priority > pod_data_[b].pod->spec.priority;
      });
      return order;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const PodData& x = pod_data_[a];
      const PodData& y = pod_data_[b];
      if (x.requests.cpu_milli() != y.requests.cpu_milli()) {
        return x.requests.cpu_milli() > y.requests.cpu_milli();
      }
      if (x.requests.memory_bytes() != y.requests.memory_bytes()) {
        return x.requests.memory_bytes() > y.requests.memory_bytes();
      }
      auto created = [](const PodData& p) { return p.pod->meta.creation_timestamp.value_or(0); };
      if (created(x) != created(y)) return created(x) < created(y);
      if (x.pod->meta.uid != y.pod->meta.uid) return x.pod->meta.uid < y.pod->meta.uid;
      return x.pod->meta.qualified_name() < y.pod->meta.qualified_name();
    });
    return order;
  }

  // The pool's types that one more node may use without passing a limit; `over` collects the
  // limited resources that excluded some type, for messages. Stale reservations only ever
  // overstate what is used, so they are refreshed only when they may have excluded a type: the
  // answer is the same as with every reservation exact.
  std::vector<uint32_t> types_within_limits(size_t pool, std::set<std::string>& over) {
    std::vector<uint32_t> within = types_within_remaining(pool, over);
    if (within.size() < pools_[pool]->needs.size() && !stale_reservations_[pool].empty()) {
      for (size_t c : stale_reservations_[pool]) refresh_reservation(claims_[c]);
      stale_reservations_[pool].clear();
      over.clear();
      within = types_within_remaining(pool, over);
    }
    return within;
  }

  std::vector<uint32_t> types_within_remaining(size_t pool, std::set<std::string>& over) const {
    const PoolFacts& facts = *pools_[pool];
    std::vector<int64_t> left;
    for (const std::string& name : facts.limited) left.push_back(remaining_[pool]->get(name));
    // Far from every limit, every type fits.
    bool all_fit = true;
    for (size_t k = 0; k < left.size(); ++k) all_fit = all_fit && facts.largest_needs[k] <= left[k];
    if (all_fit) return facts.all_types;
    std::vector<uint32_t> within;
    for (uint32_t i = 0; i < facts.needs.size(); ++i) {
      bool fits = true;
      for (size_t k = 0; k < left.size(); ++k) {
        if (facts.needs[i][k] > left[k]) {
          fits = false;
          over.insert(facts.limited[k]);
        }
      }
      if (fits) within.push_back(i);
    }
    return within;
  }

  void refresh_reservation(Claim& claim) {
    model::Resources reserved;
    if (claim.options.size() == pools_[claim.pool]->all_types.size()) {
      reserved = pools_[claim.pool]->largest_capacity;
    } else {
      for (uint32_t i : claim.options) {
        reserved.raise_to(snapshot_.pools[claim.pool].instance_types[i].capacity());
      }
    }
    reserved.set(model::kNodesLimit, 1);
    *remaining_[claim.pool] += claim.reserved;
    *remaining_[claim.pool] -= reserved;
    claim.reserved = std::move(reserved);
    claim.reservation_stale = false;
  }

  bool place(const PodData& pod, std::string& reason) {
    if (place_on_existing(pod)) return true;
    if (place_on_open_claim(pod)) return true;
    return place_on_new_claim(pod, reason);
  }

  model::PreferNoSchedule prefer_policy(const PodData& pod) const {
    return pod.tolerates_prefer_no_schedule ? model::PreferNoSchedule::Ignore
                                            : model::PreferNoSchedule::Enforce;
  }

  bool takes(size_t n, const PodData& pod) {
    const ExistingNode& node = snapshot_.nodes[n];
    if (!node.schedulable || !pod.requests.fits_in(node_available_[n])) return false;
    if (!model::tolerates_all(pod.pod->spec.tolerations, node.taints, prefer_policy(pod)))
      return false;
    if (model::share_a_port(pod.host_ports, node_ports_[n])) return false;
    if (!node.labels.is_compatible(pod.requirements, Undefined::Strict)) return false;
    if (!topology_.unconstrained(pod)) {
      auto topo = topology_.constrain(pod, node.labels, nullptr);
      if (!topo || !node.labels.is_compatible(*topo, Undefined::Strict)) return false;
    }
    return true;
  }

  // kube-scheduler's NodeResourcesFit score (0..100) of node n with the pod on it, cpu and memory
  // weighted equally, in its integer arithmetic.
  int64_t fit_score(size_t n, const PodData& pod) const {
    const model::Resources& allocatable = snapshot_.nodes[n].node->allocatable;
    auto score = [&](int64_t capacity, int64_t available, int64_t request) -> int64_t {
      if (capacity <= 0) return 0;
      int64_t requested = capacity - available + request;
      if (options_.node_choice == NodeChoice::LeastAllocated) {
        return requested > capacity ? 0 : (capacity - requested) * 100 / capacity;
      }
      return std::min(requested, capacity) * 100 / capacity;
    };
    return (score(allocatable.cpu_milli(), node_available_[n].cpu_milli(),
                  pod.requests.cpu_milli()) +
            score(allocatable.memory_bytes(), node_available_[n].memory_bytes(),
                  pod.requests.memory_bytes())) /
           2;
  }

  bool place_on_existing(const PodData& pod) {
    std::optional<size_t> chosen;
    int64_t best = -1;
    for (size_t n = 0; n < snapshot_.nodes.size(); ++n) {
      if (!takes(n, pod)) continue;
      if (options_.node_choice == NodeChoice::FirstFit) {
        chosen = n;
        break;
      }
      // Ties go to the first node in snapshot order (kube-scheduler breaks them at random).
      if (int64_t score = fit_score(n, pod); score > best) {
        best = score;
        chosen = n;
      }
    }
    if (!chosen) return false;
    const ExistingNode& node = snapshot_.nodes[*chosen];
    node_available_[*chosen] -= pod.requests;
    model::merge_ports(node_ports_[*chosen], pod.host_ports);
    node_pods_[*chosen].push_back(pod.index);
    topology_.record(pod, node.labels, node.taints);
    return true;
  }

  bool place_on_open_claim(const PodData& pod) {
    // The emptiest claim gets the first chance (Karpenter sorts by ascending pod count).
    if (!topology_.rejections_are_permanent(pod)) {
      for (auto [count, c] : claim_order_) {
        if (try_claim(c, pod)) return true;
      }
      return false;
    }
    // A claim that turned a pod away for a permanent reason turns its equivalents away for the
    // rest of the solve (claims only narrow as pods are added), so it is not asked again. Once
    // most claims have turned a class away, the few that have not are tracked explicitly, so
    // finding them costs their number rather than a walk over every claim.
    Rejections& seen = rejections_[pod.class_id];
    if (!seen.candidates && seen.rejected.size() * 4 > claims_.size() * 3) {
      seen.candidates.emplace();
      for (size_t c = 0; c < claims_.size(); ++c)
        if (!seen.rejected.contains(c)) seen.candidates->push_back(c);
      seen.known = claims_.size();
    }
    if (!seen.candidates) {
      for (auto [count, c] : claim_order_) {
        if (seen.rejected.contains(c)) continue;
        if (try_claim(c, pod)) return true;
        seen.rejected.insert(c);
      }
      return false;
    }
    std::vector<size_t>& candidates = *seen.candidates;
    for (; seen.known < claims_.size(); ++seen.known) candidates.push_back(seen.known);
    std::sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) {
      return std::pair(claims_[a].pods.size(), a) < std::pair(claims_[b].pods.size(), b);
    });
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (try_claim(candidates[i], pod)) {
        candidates.erase(candidates.begin(), candidates.begin() + static_cast<long>(i));
        return true;
      }
    }
    candidates.clear();
    return false;
  }

  // Adds the pod to open claim `c` if the claim takes it.
  bool try_claim(size_t c, const PodData& pod) {
    std::optional<Addition> addition = can_add(claims_[c], pod, nullptr);
    if (!addition) return false;
    size_t count = claims_[c].pods.size();
    // Re-key the claim's entry in place: no allocation per added pod.
    auto entry = claim_order_.extract({count, c});
    entry.value().first = count + 1;
    commit(claims_[c], std::move(*addition), pod);
    claim_order_.insert(std::move(entry));
    return true;
  }

  bool place_on_new_claim(const PodData& pod, std::string& reason) {
    std::vector<std::string> reasons;
    for (size_t p = 0; p < snapshot_.pools.size(); ++p) {
      const PoolTemplate& pool = snapshot_.pools[p];
      Claim claim;
      claim.pool = p;
      claim.hostname = fmt::format("hostname-placeholder-{:04}", claims_.size());
      claim.requirements = pool.requirements;
      claim.requirements.add(
          model::Requirement::in(std::string(model::kLabelHostname), {claim.hostname}));
      const PoolFacts& facts = *pools_[p];
      if (remaining_[p]) {
        std::set<std::string> over;
        claim.options = types_within_limits(p, over);
        if (claim.options.empty()) {
          reasons.push_back(fmt::format("NodePool \"{}\": limits exceeded ({})",
                                        pool.pool->meta.name, fmt::join(over, ", ")));
          continue;
        }
      } else {
        claim.options = facts.all_types;
      }
      if (claim.options.size() == pool.instance_types.size()) {
        claim.headroom = facts.headroom;
        claim.floor = facts.floor;
      } else {
        claim.headroom = claim.floor = facts.room[claim.options.front()];
        for (uint32_t i : claim.options) {
          claim.headroom.raise_to(facts.room[i]);
          claim.floor.lower_to(facts.room[i]);
        }
      }
      claim.alive.assign(pool.instance_types.size(), 0);
      for (uint32_t i : claim.options) claim.alive[i] = 1;
      for (size_t k = 0; k < 4; ++k) {
        claim.high[k] = static_cast<uint32_t>(pool.instance_types.size());
      }
      topology_.add_hostname(claim.hostname);
      std::string why;
      std::optional<Addition> addition = can_add(claim, pod, &why);
      if (!addition) {
        reasons.push_back(fmt::format("NodePool \"{}\": {}", pool.pool->meta.name, why));
        continue;
      }
      claims_.push_back(std::move(claim));
      commit(claims_.back(), std::move(*addition), pod);
      claim_order_.emplace(1, claims_.size() - 1);
      return true;
    }
    if (snapshot_.pools.empty()) reasons.push_back("no NodePool can launch nodes");
    reason = fmt::format("{}", fmt::join(reasons, "; "));
    return false;
  }

  std::optional<Addition> can_add(const Claim& claim, const PodData& pod,
                                  std::string* reason) const {
    const PoolTemplate& pool = snapshot_.pools[claim.pool];
    if (!reason && !pod.requests.fits_in(claim.headroom)) return std::nullopt;
    if (auto taint = model::first_untolerated(pod.pod->spec.tolerations, pool.pool->taints,
                                              prefer_policy(pod))) {
      if (reason) *reason = fmt::format("taint {} is not tolerated", taint->to_string());
      return std::nullopt;
    }
    if (model::share_a_port(pod.host_ports, claim.host_ports)) {
      if (reason) *reason = "a host port the pod binds is taken by another pod on the node";
      return std::nullopt;
    }
    if (!claim.requirements.is_compatible(pod.requirements, Undefined::AllowWellKnown)) {
      if (reason) {
        *reason =
            "incompatible requirements: " +
            claim.requirements.compatible(pod.requirements, Undefined::AllowWellKnown).value_or("");
      }
      return std::nullopt;
    }
    Addition addition;
    if (!pod.requirements.empty()) {
      addition.requirements = claim.requirements.intersect(pod.requirements);
    }
    if (!topology_.unconstrained(pod)) {
      const model::Requirements& current = addition.requirements.value_or(claim.requirements);
      std::optional<model::Requirements> topo = topology_.constrain(pod, current, reason);
      if (!topo) return std::nullopt;
      if (!current.is_compatible(*topo, Undefined::AllowWellKnown)) {
        if (reason) {
          *reason =
              "topology: " + current.compatible(*topo, Undefined::AllowWellKnown).value_or("");
        }
        return std::nullopt;
      }
      // Usually the node is already where topology wants it (its hostname, its pinned zone).
      bool narrows =
          std::any_of(topo->items().begin(), topo->items().end(), [&](const model::Requirement& r) {
            const model::Requirement* now = current.get(r.key());
            return now == nullptr || !(*now == r);
          });
      if (narrows) addition.requirements = current.intersect(*topo);
    }
    const model::Requirements& requirements =
        addition.requirements ? *addition.requirements : claim.requirements;
    // Every option already intersects the claim's requirements and has an offering they allow,
    // so only the keys this pod narrowed need re-checking (often none).
    const PoolFacts& facts = *pools_[claim.pool];
    // Narrowed keys on which types differ, with each type's column; uniform keys are decided
    // here once for every type.
    std::vector<std::pair<const model::Requirement*, const PoolFacts::KeyColumn*>> narrowed;
    bool offerings_narrowed = false;
    if (addition.requirements) {
      for (const model::Requirement& r : addition.requirements->items()) {
        auto column = facts.columns.find(r.key());
        if (column == facts.columns.end()) continue;
        const model::Requirement* before = claim.requirements.get(r.key());
        if (before != nullptr && *before == r) continue;
        if (r.key() == catalog::kLabelZone || r.key() == catalog::kLabelCapacityType) {
          offerings_narrowed = true;
        }
        if (!column->second.uniform) {
          narrowed.emplace_back(&r, &column->second);
        } else if (const model::Requirement* all = column->second.per_type.front();
                   all != nullptr && !all->intersects(r)) {
          if (reason) {
            *reason = fmt::format("no instance type offers {}", r.to_string());
          }
          return std::nullopt;
        }
      }
    }
    // DaemonSet pods bind host ports per instance type, so a pod with ports re-checks options.
    const bool ports_matter = !pod.host_ports.empty() && facts.daemon_ports;
    if (narrowed.empty() && !offerings_narrowed && !ports_matter &&
        pod.requests.fits_in(claim.floor)) {
      // The pod fits what every option has left: nothing to re-check, nothing dropped.
      addition.headroom = claim.headroom - pod.requests;
      addition.floor = claim.floor - pod.requests;
      return addition;
    }
    if (narrowed.empty() && !offerings_narrowed && !ports_matter && facts.core_only &&
        !pod.requests.has_extended() &&
        std::none_of(requirements.items().begin(), requirements.items().end(),
                     [](const model::Requirement& r) { return r.min_values().has_value(); })) {
      // Only resources can drop options now: find them through the sorted orders.
      return drop_outgrown(claim, pod, reason, std::move(addition));
    }
    const OfferingIndex::Entry* offerings =
        offerings_narrowed ? &snapshot_.pools[claim.pool].offerings->lookup(requirements) : nullptr;
    const model::Resources total = claim.requests + pod.requests;
    const std::vector<model::Resources>& room = facts.room;
    std::vector<uint32_t> kept;
    kept.reserve(claim.options.size());
    size_t incompatible = 0, too_small = 0, no_offering = 0, port_conflicts = 0;
    for (uint32_t i : claim.options) {
      if (!total.fits_in(room[i])) {
        ++too_small;
      } else if (ports_matter && model::share_a_port(pod.host_ports, pool.daemon_host_ports[i])) {
        ++port_conflicts;
      } else if (!std::all_of(narrowed.begin(), narrowed.end(), [&](const auto& key) {
                   const model::Requirement* offered = key.second->per_type[i];
                   return offered == nullptr || offered->intersects(*key.first);
                 })) {
        ++incompatible;
      } else if (offerings != nullptr && !offerings->allows(i)) {
        ++no_offering;
      } else {
        if (kept.empty()) {
          addition.headroom = addition.floor = room[i];
        } else {
          addition.headroom.raise_to(room[i]);
          addition.floor.lower_to(room[i]);
        }
        kept.push_back(i);
      }
    }
    if (kept.empty()) {
      if (reason) {
        *reason = fmt::format(
            "no instance type fits {} plus DaemonSets ({} of {} too small, {} with conflicting "
            "labels, {} without an allowed offering, {} with a DaemonSet on the same host port)",
            total.to_string(), too_small, claim.options.size(), incompatible, no_offering,
            port_conflicts);
      }
      return std::nullopt;
    }
    addition.headroom -= total;
    addition.floor -= total;
    if (auto shortfall = min_values_shortfall(pool, requirements, kept)) {
      if (reason) *reason = *shortfall;
      return std::nullopt;
    }
    if (kept.size() < claim.options.size()) addition.options = std::move(kept);
    return addition;
  }

  // The resource-only part of can_add: the options the claim outgrows with this pod are at the
  // low end of the pool's by-room orders, past the claim's cursors.
  std::optional<Addition> drop_outgrown(const Claim& claim, const PodData& pod, std::string* reason,
                                        Addition addition) const {
    const PoolFacts& facts = *pools_[claim.pool];
    const model::Resources total = claim.requests + pod.requests;
    std::vector<uint8_t>& gone = scratch_;  // all zero between calls
    gone.resize(facts.room.size(), 0);
    std::array<uint32_t, 4> low{}, high{};
    for (size_t k = 0; k < 4; ++k) {
      const std::vector<uint32_t>& order = facts.by_room[k];
      const int64_t need = core_amount(total, k);
      uint32_t pos = claim.low[k];
      while (pos < claim.high[k] && core_amount(facts.room[order[pos]], k) < need) {
        uint32_t i = order[pos++];
        if (claim.alive[i] && !gone[i]) {
          gone[i] = 1;
          addition.dropped.push_back(i);
        }
      }
      low[k] = pos;
    }
    const bool fits_some = addition.dropped.size() < claim.options.size();
    model::Resources most, least;
    if (fits_some) {
      auto kept = [&](uint32_t i) { return claim.alive[i] && !gone[i]; };
      for (size_t k = 0; k < 4; ++k) {
        const std::vector<uint32_t>& order = facts.by_room[k];
        while (!kept(order[low[k]])) ++low[k];
        high[k] = claim.high[k];
        while (!kept(order[high[k] - 1])) --high[k];
        least.set(kCoreResources[k], core_amount(facts.room[order[low[k]]], k));
        most.set(kCoreResources[k], core_amount(facts.room[order[high[k] - 1]], k));
      }
    }
    for (uint32_t i : addition.dropped) gone[i] = 0;
    if (!fits_some) {
      if (reason) {
        *reason = fmt::format("no instance type fits {} plus DaemonSets ({} of {} too small)",
                              total.to_string(), claim.options.size(), claim.options.size());
      }
      return std::nullopt;
    }
    addition.low = low;
    addition.high = high;
    addition.headroom = most - total;
    addition.floor = least - total;
    return addition;
  }

  void commit(Claim& claim, Addition&& addition, const PodData& pod) {
    if (addition.requirements) claim.requirements = std::move(*addition.requirements);
    const bool options_changed = addition.options.has_value() || !addition.dropped.empty();
    if (addition.options) {
      claim.options = std::move(*addition.options);
      std::fill(claim.alive.begin(), claim.alive.end(), 0);
      for (uint32_t i : claim.options) claim.alive[i] = 1;
      claim.low = {};
      claim.high.fill(static_cast<uint32_t>(claim.alive.size()));
    } else if (addition.low) {
      for (uint32_t i : addition.dropped) claim.alive[i] = 0;
      if (!addition.dropped.empty()) {
        std::erase_if(claim.options, [&](uint32_t i) { return !claim.alive[i]; });
      }
      claim.low = *addition.low;
      claim.high = *addition.high;
    }
    claim.headroom = std::move(addition.headroom);
    claim.floor = std::move(addition.floor);
    claim.requests += pod.requests;
    claim.pods.push_back(pod.index);
    model::merge_ports(claim.host_ports, pod.host_ports);
    if (remaining_[claim.pool]) {
      if (claim.pods.size() == 1) {
        refresh_reservation(claim);
      } else if (options_changed && !claim.reservation_stale) {
        // Re-computed only when a limit decision needs it (types_within_limits).
        claim.reservation_stale = true;
        stale_reservations_[claim.pool].push_back(static_cast<size_t>(&claim - claims_.data()));
      }
    }
    topology_.record(pod, claim.requirements, snapshot_.pools[claim.pool].pool->taints);
  }

  Plan finalize(const std::map<size_t, std::string>& errors) {
    Plan plan;
    for (size_t n = 0; n < node_pods_.size(); ++n) {
      if (!node_pods_[n].empty()) plan.existing.push_back({n, node_pods_[n]});
    }
    std::map<size_t, std::string> unschedulable(errors.begin(), errors.end());
    for (Claim& claim : claims_) {
      auto launchable = make_launchable(snapshot_, claim.pool,
                                        *snapshot_.pools[claim.pool].offerings, claim.requirements,
                                        claim.options, claim.requests, claim.pods, options_.launch);
      if (auto* reason = std::get_if<std::string>(&launchable)) {
        for (size_t pod : claim.pods) unschedulable[pod] = *reason;
        continue;
      }
      plan.claims.push_back(std::get<PlannedClaim>(std::move(launchable)));
    }
    for (const auto& [pod, reason] : unschedulable) plan.unschedulable.push_back({pod, reason});
    return plan;
  }

  const Snapshot& snapshot_;
  SchedulerOptions options_;
  Topology topology_;
  std::vector<PodData> pod_data_;
  std::vector<model::Resources> node_available_;
  std::vector<std::vector<size_t>> node_pods_;
  std::vector<std::vector<int32_t>> node_ports_;  // host ports taken per existing node, sorted
  std::vector<Claim> claims_;
  std::set<std::pair<size_t, size_t>> claim_order_;      // (pod count, index into claims_)
  std::vector<std::shared_ptr<const PoolFacts>> pools_;  // parallel to snapshot_.pools
  mutable std::vector<uint8_t> scratch_;  // drop_outgrown's marks, all zero between calls
  std::vector<std::optional<model::Resources>> remaining_;  // per pool; nullopt: no limits
  std::vector<std::vector<size_t>> stale_reservations_;     // per pool: claims to re-compute
  bool pools_prefer_no_schedule_ = false;
  // Per equivalence class with permanent rejections: the claims that turned it away, and, once
  // those are most claims, the ones that have not (`known` claims were sorted into either).
  struct Rejections {
    std::unordered_set<size_t> rejected;
    std::optional<std::vector<size_t>> candidates;
    size_t known = 0;
  };
  std::unordered_map<size_t, Rejections> rejections_;  // by class id
};

}  // namespace

Plan schedule(const Snapshot& snapshot, const SchedulerOptions& options) {
  return Scheduler(snapshot, options).run();
}

}  // namespace nw::scheduling
