// The binpacking estimator and the template node, on m5.xlarge: 4 vCPU, 16 GiB. Its allocatable
// as the catalog computes it: cpu 4000 − (60 + 10 + 5 + 5) = 3920m; memory 16384 − ceil(7.5 %)
// = 15155 MiB capacity, − (11 × 58 + 255) MiB kube-reserved − 100 MiB eviction = 14162 MiB.
#include "cluster_autoscaler/estimator.h"

#include <gtest/gtest.h>

#include "cluster_autoscaler/ca_test_util.h"
#include "cluster_autoscaler/node_template.h"

namespace nw::cluster_autoscaler {
namespace {

using namespace testing;

model::Node m5_template() {
  NodeGroup g = group("spark", "m5.xlarge");
  g.labels = {{"workload", "spark"}};
  g.taints = {{"dedicated", "spark", model::TaintEffect::NoSchedule}};
  return group_node(g, type("m5.xlarge"), "us-east-1", "us-east-1a", "template");
}

TEST(NodeTemplate, CarriesTheGroupsAndTheWellKnownLabels) {
  const model::Node node = m5_template();
  EXPECT_EQ(node.allocatable.cpu_milli(), 3920);
  EXPECT_EQ(node.allocatable.memory_bytes(), 14162 * kMi);
  EXPECT_EQ(node.capacity.memory_bytes(), 15155 * kMi);
  const model::Labels expected = {{"eks.amazonaws.com/capacityType", "ON_DEMAND"},
                                  {"eks.amazonaws.com/nodegroup", "spark"},
                                  {"kubernetes.io/arch", "amd64"},
                                  {"kubernetes.io/hostname", "template"},
                                  {"kubernetes.io/os", "linux"},
                                  {"node.kubernetes.io/instance-type", "m5.xlarge"},
                                  {"topology.kubernetes.io/region", "us-east-1"},
                                  {"topology.kubernetes.io/zone", "us-east-1a"},
                                  {"workload", "spark"}};
  EXPECT_EQ(node.meta.labels, expected);
  EXPECT_EQ(node.taints.size(), 1U);
}

std::vector<std::vector<const model::Pod*>> groups_of(
    const std::vector<std::vector<model::Pod>>& pods) {
  std::vector<std::vector<const model::Pod*>> out;
  for (const auto& group : pods) {
    out.emplace_back();
    for (const model::Pod& p : group) out.back().push_back(&p);
  }
  return out;
}

model::Pod tolerating(model::Pod p) {
  p.spec.tolerations.push_back({"dedicated", model::TolerationOperator::Equal, "spark",
                                model::TaintEffect::NoSchedule, std::nullopt});
  return p;
}

TEST(Estimator, FirstFitDecreasingByScore) {
  // Listed small first: 4 pods of 1000m/1Gi, then 2 of 2500m/1Gi. By score the big ones go
  // first: node 1 = 2500 + 1000, node 2 = 2500 + 1000 (420m left on each), node 3 = 1000 + 1000.
  std::vector<std::vector<model::Pod>> pods(2);
  for (int i = 0; i < 4; ++i) pods[0].push_back(tolerating(pod("small", 1000, kGi)));
  for (int i = 0; i < 2; ++i) pods[1].push_back(tolerating(pod("big", 2500, kGi)));
  const Estimate e = estimate(m5_template(), groups_of(pods), {}, 10);
  EXPECT_EQ(e.node_count, 3);
  EXPECT_EQ(e.pods.size(), 6U);
}

TEST(Estimator, StopsAtTheNodeLimitAndSkipsPodsNoNodeTakes) {
  std::vector<std::vector<model::Pod>> pods(2);
  for (int i = 0; i < 7; ++i) pods[0].push_back(tolerating(pod("three-per-node", 1000, kGi)));
  pods[1].push_back(tolerating(pod("too-big", 5000, kGi)));
  const Estimate all = estimate(m5_template(), groups_of(pods), {}, 10);
  EXPECT_EQ(all.node_count, 3);  // ceil(7 / 3); the 5-cpu pod fits no m5.xlarge
  EXPECT_EQ(all.pods.size(), 7U);
  const Estimate capped = estimate(m5_template(), groups_of(pods), {}, 2);
  EXPECT_EQ(capped.node_count, 2);
  EXPECT_EQ(capped.pods.size(), 6U);
}

TEST(Estimator, JudgesTaintsWithTheSolversFilters) {
  std::vector<std::vector<model::Pod>> pods = {{pod("intolerant", 100, kMi)}};
  EXPECT_EQ(estimate(m5_template(), groups_of(pods), {}, 10).node_count, 0);
}

}  // namespace
}  // namespace nw::cluster_autoscaler
