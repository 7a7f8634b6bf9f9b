// The drainability rules in their order (cas-yunikorn-spark.md §1.6), and what they mean for
// Spark pods.
#include "cluster_autoscaler/drainability.h"

#include <gtest/gtest.h>

namespace nw::cluster_autoscaler {
namespace {

model::Pod pod(std::string owner_kind, std::string safe_to_evict = "") {
  model::Pod p;
  p.meta.name = "p";
  p.meta.namespace_ = "default";
  if (!owner_kind.empty()) p.meta.owner_references.push_back({"v1", owner_kind, "o", "", true});
  if (!safe_to_evict.empty()) {
    model::set_label(p.meta.annotations, std::string(kSafeToEvictAnnotation), safe_to_evict);
  }
  return p;
}

Drain outcome(const model::Pod& p, Settings settings = {}) {
  return drainability(p, settings).outcome;
}

TEST(Drainability, SparkPodsBlockUnlessSafeToEvict) {
  EXPECT_EQ(outcome(pod("")), Drain::Blocked);                  // spark-submit's driver
  EXPECT_EQ(outcome(pod("SparkApplication")), Drain::Blocked);  // the operator's driver
  EXPECT_EQ(outcome(pod("Pod")), Drain::Blocked);               // an executor
  EXPECT_EQ(outcome(pod("Pod", "true")), Drain::Drainable);
  EXPECT_EQ(outcome(pod("", "true")), Drain::Drainable);
  EXPECT_EQ(drainability(pod("Pod"), {}).reason, "pod's controller is a Pod, not replicated");
}

TEST(Drainability, ReplicatedPodsAreDrainableUnlessMarked) {
  EXPECT_EQ(outcome(pod("ReplicaSet")), Drain::Drainable);
  EXPECT_EQ(outcome(pod("Job")), Drain::Drainable);
  EXPECT_EQ(outcome(pod("StatefulSet")), Drain::Drainable);
  EXPECT_EQ(outcome(pod("DaemonSet")), Drain::Drainable);
  EXPECT_EQ(outcome(pod("ReplicaSet", "false")), Drain::Blocked);
  EXPECT_EQ(outcome(pod("ReplicaSet", "on-completion")), Drain::Blocked);
  model::Pod system = pod("ReplicaSet");
  system.meta.namespace_ = "kube-system";
  EXPECT_EQ(outcome(system), Drain::Blocked);
}

TEST(Drainability, CustomControllersBlockOnlyWhenConfigured) {
  Settings settings;
  settings.skip_nodes_with_custom_controller_pods = false;
  EXPECT_EQ(outcome(pod("SparkApplication"), settings), Drain::Drainable);
  EXPECT_EQ(outcome(pod(""), settings), Drain::Blocked);  // no controller at all
}

TEST(Drainability, TerminalAndMirrorPods) {
  model::Pod done = pod("");
  done.phase = "Succeeded";
  EXPECT_EQ(outcome(done), Drain::Drainable);
  model::Pod mirror = pod("");
  model::set_label(mirror.meta.annotations, "kubernetes.io/config.mirror", "x");
  EXPECT_EQ(outcome(mirror), Drain::Skip);
}

}  // namespace
}  // namespace nw::cluster_autoscaler
