// The binpacking estimator (estimator/binpacking_estimator.go; cas-yunikorn-spark.md §1.2 step 4):
// how many nodes of one group the pending pods need. First-fit decreasing: equivalence groups of
// pods by descending score, score = pod cpu / template allocatable cpu + pod memory / template
// allocatable memory; each pod goes to the first new node that takes it, a node is added only
// when the pod fits none of them, and adding stops at `max_nodes`. CA tries the new nodes so far,
// then the last one, then a fresh node only if the last is not empty; a pod that an empty
// template node cannot take fits no new node, so first-fit over up to `max_nodes` template nodes
// places the same pods on the same number of nodes.
//
// Every fit (resources with the DaemonSet pods the template node would run, taints, node
// affinity, host ports, pod affinity and spread among the new nodes) is the provisioning
// solver's own (scheduling/scheduler.h), run on template nodes as existing nodes. Simplification:
// the existing cluster's pods are not seen by the new nodes' topology rules.
#pragma once

#include <cstdint>
#include <vector>

#include "model/daemonset.h"
#include "model/node.h"
#include "model/pod.h"

namespace nw::cluster_autoscaler {

struct Estimate {
  int64_t node_count = 0;               // new nodes that received at least one pod
  std::vector<const model::Pod*> pods;  // the pods they take
};

// `groups`: the pending pods in equivalence groups (pods of one group are interchangeable).
Estimate estimate(const model::Node& template_node,
                  const std::vector<std::vector<const model::Pod*>>& groups,
                  const std::vector<const model::DaemonSet*>& daemon_sets, int64_t max_nodes);

}  // namespace nw::cluster_autoscaler
