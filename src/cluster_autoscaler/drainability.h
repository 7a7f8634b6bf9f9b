// Whether the Cluster Autoscaler may move a pod off a node it wants to remove: its drainability
// rules in their order (simulator/drainability/rules/rules.go; cas-yunikorn-spark.md §1.6), with
// the flags nodewright models. The first rule that decides, decides:
//   1. a mirror (static) pod is skipped: it goes with its node;
//   2. a DaemonSet pod is drainable;
//   3. `cluster-autoscaler.kubernetes.io/safe-to-evict: "true"` makes the pod drainable;
//   4. a terminal pod (Succeeded, Failed) is drainable;
//   5. `safe-to-evict: "on-completion"` blocks until the pod completes;
//   6. a pod with no controller blocks, and (skip_nodes_with_custom_controller_pods) so does one
//      whose controller is not a ReplicationController, Job, ReplicaSet or StatefulSet — so Spark
//      drivers (no owner, or a SparkApplication) and executors (owned by the driver Pod) block;
//   7. a kube-system pod blocks (no PodDisruptionBudgets are modelled, so none ever allows it);
//   8. `safe-to-evict: "false"` blocks;
//   9. otherwise the pod is drainable.
// Not modelled: local storage (pods carry no volumes here; Spark pods block by rule 6 anyway),
// PodDisruptionBudgets, long-terminating pods and --min-replica-count (0 by default).
#pragma once

#include <string>
#include <string_view>

#include "cluster_autoscaler/settings.h"
#include "model/pod.h"

namespace nw::cluster_autoscaler {

inline constexpr std::string_view kSafeToEvictAnnotation =
    "cluster-autoscaler.kubernetes.io/safe-to-evict";

enum class Drain { Skip, Drainable, Blocked };

struct Drainability {
  Drain outcome = Drain::Drainable;
  std::string reason;  // why it blocks; empty otherwise
};

Drainability drainability(const model::Pod& pod, const Settings& settings);

}  // namespace nw::cluster_autoscaler
