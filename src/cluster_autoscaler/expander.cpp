#include "cluster_autoscaler/expander.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <regex>

#include "model/quantity.h"

namespace nw::cluster_autoscaler {
namespace {

// (available − used) / available in parts per billion; 0 when nothing is available.
int64_t idle_ppb(int64_t available, int64_t used) {
  if (available <= 0) return 0;
  return static_cast<int64_t>(static_cast<model::Int128>(available - used) * 1'000'000'000 /
                              available);
}

// Keeps the candidates with the lowest (or highest) `value`.
template <typename Value>
std::vector<size_t> keep_best(const std::vector<size_t>& candidates, Value value, bool lowest) {
  std::vector<size_t> kept;
  std::optional<int64_t> best;
  for (size_t i : candidates) {
    const int64_t v = value(i);
    if (!best || (lowest ? v < *best : v > *best)) {
      best = v;
      kept.clear();
    }
    if (v == *best) kept.push_back(i);
  }
  return kept;
}

// The highest priority whose regexes match `name`, or nullopt. `valid` turns false when a regex
// does not compile.
std::optional<int64_t> priority_of(const std::string& name,
                                   const std::map<int64_t, std::vector<std::string>>& priorities,
                                   bool& valid) {
  for (auto it = priorities.rbegin(); it != priorities.rend(); ++it) {
    for (const std::string& pattern : it->second) {
      try {
        if (std::regex_search(name, std::regex(pattern))) return it->first;
      } catch (const std::regex_error&) {
        valid = false;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

int64_t waste_ppb(const Option& option) {
  const int64_t cpu = option.capacity.cpu_milli() * option.node_count;
  const int64_t memory = option.capacity.memory_bytes() * option.node_count;
  return idle_ppb(cpu, option.requests.cpu_milli()) +
         idle_ppb(memory, option.requests.memory_bytes());
}

std::vector<size_t> keep(Expander expander, const std::vector<Option>& options,
                         const std::vector<size_t>& candidates,
                         const std::map<int64_t, std::vector<std::string>>& priorities,
                         const Random& random) {
  if (candidates.empty()) return candidates;
  switch (expander) {
    case Expander::Random:
      return {candidates[random(candidates.size())]};
    case Expander::MostPods:
      return keep_best(
          candidates, [&](size_t i) { return static_cast<int64_t>(options[i].pods.size()); },
          false);
    case Expander::LeastNodes: {
      std::vector<size_t> adding;
      for (size_t i : candidates)
        if (options[i].node_count > 0) adding.push_back(i);
      if (adding.empty()) return candidates;
      return keep_best(
          adding, [&](size_t i) { return options[i].node_count; }, true);
    }
    case Expander::LeastWaste:
      return keep_best(
          candidates, [&](size_t i) { return waste_ppb(options[i]); }, true);
    case Expander::Priority: {
      bool valid = true;
      std::vector<std::optional<int64_t>> found;
      for (size_t i : candidates)
        found.push_back(priority_of(options[i].node_group, priorities, valid));
      if (!valid) return candidates;
      std::vector<size_t> matched;
      std::optional<int64_t> best;
      for (size_t k = 0; k < candidates.size(); ++k) {
        if (!found[k]) continue;
        if (!best || *found[k] > *best) {
          best = found[k];
          matched.clear();
        }
        if (*found[k] == *best) matched.push_back(candidates[k]);
      }
      return matched.empty() ? candidates : matched;
    }
  }
  return candidates;
}

size_t best_option(const std::vector<Expander>& chain, const std::vector<Option>& options,
                   const std::map<int64_t, std::vector<std::string>>& priorities,
                   const Random& random) {
  std::vector<size_t> candidates(options.size());
  for (size_t i = 0; i < options.size(); ++i) candidates[i] = i;
  for (Expander expander : chain) {
    if (candidates.size() <= 1) break;
    candidates = keep(expander, options, candidates, priorities, random);
  }
  if (candidates.size() > 1)
    candidates = keep(Expander::Random, options, candidates, priorities, random);
  return candidates.front();
}

}  // namespace nw::cluster_autoscaler
