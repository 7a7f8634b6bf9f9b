// The expanders: how the Cluster Autoscaler chooses one scale-up option among the node groups
// that can help (expander/*; cas-yunikorn-spark.md §1.3). The configured expanders filter the
// options in order; the chain stops as soon as one option is left, and any tie left at the end
// goes to `random`.
//   random       uniform pick (the injected random source);
//   most-pods    keep the options that schedule the most pods;
//   least-nodes  keep the options that add the fewest nodes;
//   least-waste  keep the options whose new nodes leave the least idle: (capacity − requests) /
//                capacity for cpu plus the same for memory, against node CAPACITY (not
//                allocatable), over only the pods the option schedules. Each fraction is taken
//                in parts per billion (CA compares float64s; two scores closer than 1e-9 tie);
//   priority     keep the options of the highest priority whose regexes match the node-group
//                name (Go's MatchString: anywhere in the name); options matching nothing are
//                dropped when another matches; with no match, or an invalid regex (CA reads a
//                malformed ConfigMap as none), every option passes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cluster_autoscaler/settings.h"
#include "model/resources.h"

namespace nw::cluster_autoscaler {

// One node group's answer to the pending pods (CA's expander.Option).
struct Option {
  std::string node_group;
  int64_t node_count = 0;
  std::vector<uint64_t> pods;  // the pending pods the new nodes would take
  model::Resources requests;   // the sum of those pods' requests
  model::Resources capacity;   // one template node's capacity
};

// Uniform in [0, n), n > 0. The simulator passes its seeded generator.
using Random = std::function<size_t(size_t n)>;

// The options (indices into `options`) that `expander` keeps among `candidates`; never empty
// when `candidates` is not.
std::vector<size_t> keep(Expander expander, const std::vector<Option>& options,
                         const std::vector<size_t>& candidates,
                         const std::map<int64_t, std::vector<std::string>>& priorities,
                         const Random& random);

// The least-waste score of one option, in parts per billion (lower is better).
int64_t waste_ppb(const Option& option);

// The option the chain picks (an index into `options`, which is not empty).
size_t best_option(const std::vector<Expander>& chain, const std::vector<Option>& options,
                   const std::map<int64_t, std::vector<std::string>>& priorities,
                   const Random& random);

}  // namespace nw::cluster_autoscaler
