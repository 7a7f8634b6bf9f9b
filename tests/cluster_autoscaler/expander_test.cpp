// The expanders' rules (cas-yunikorn-spark.md §1.3), on options whose figures are worked by hand.
#include "cluster_autoscaler/expander.h"

#include <gtest/gtest.h>

namespace nw::cluster_autoscaler {
namespace {

constexpr int64_t kGi = int64_t{1} << 30;

Option option(std::string group, int64_t nodes, int64_t pods, int64_t pod_cpu, int64_t pod_mem,
              int64_t node_cpu, int64_t node_mem) {
  Option o;
  o.node_group = std::move(group);
  o.node_count = nodes;
  for (int64_t i = 0; i < pods; ++i) o.pods.push_back(static_cast<uint64_t>(i));
  o.requests.set(model::kCpu, pods * pod_cpu);
  o.requests.set(model::kMemory, pods * pod_mem);
  o.capacity.set(model::kCpu, node_cpu);
  o.capacity.set(model::kMemory, node_mem);
  return o;
}

const Random kFirst = [](size_t) { return size_t{0}; };
const Random kLast = [](size_t n) { return n - 1; };

TEST(Expander, LeastWasteMeasuresIdleCapacityOfTheNewNodes) {
  // 4 pods of 1 cpu / 3 GiB. A 4 cpu / 8 GiB node holds 2 → 2 nodes: idle cpu (8−4)/8 = 0.5,
  // idle memory (16−12)/16 = 0.25, score 0.75. A 4 cpu / 32 GiB node holds 3 (cpu) → 2 nodes:
  // 0.5 + (64−12)/64 = 0.5 + 0.8125 = 1.3125.
  const std::vector<Option> options = {option("r", 2, 4, 1000, 3 * kGi, 4000, 32 * kGi),
                                       option("c", 2, 4, 1000, 3 * kGi, 4000, 8 * kGi)};
  EXPECT_EQ(waste_ppb(options[0]), 1'312'500'000);
  EXPECT_EQ(waste_ppb(options[1]), 750'000'000);
  EXPECT_EQ(best_option({Expander::LeastWaste}, options, {}, kFirst), 1U);
}

TEST(Expander, MostPodsAndLeastNodes) {
  const std::vector<Option> options = {option("a", 3, 5, 100, kGi, 4000, 16 * kGi),
                                       option("b", 1, 4, 100, kGi, 4000, 16 * kGi),
                                       option("c", 2, 5, 100, kGi, 4000, 16 * kGi)};
  EXPECT_EQ(keep(Expander::MostPods, options, {0, 1, 2}, {}, kFirst), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(keep(Expander::LeastNodes, options, {0, 1, 2}, {}, kFirst), (std::vector<size_t>{1}));
  // A chain filters in order: most-pods keeps a and c, least-nodes then picks c.
  EXPECT_EQ(best_option({Expander::MostPods, Expander::LeastNodes}, options, {}, kFirst), 2U);
}

TEST(Expander, TiesGoToTheRandomSource) {
  const std::vector<Option> options = {option("a", 1, 1, 100, kGi, 4000, 16 * kGi),
                                       option("b", 1, 1, 100, kGi, 4000, 16 * kGi)};
  EXPECT_EQ(best_option({Expander::LeastWaste}, options, {}, kFirst), 0U);
  EXPECT_EQ(best_option({Expander::LeastWaste}, options, {}, kLast), 1U);
}

TEST(Expander, PriorityFollowsTheConfigMap) {
  const std::vector<Option> options = {option("spark-c5", 1, 1, 100, kGi, 4000, 8 * kGi),
                                       option("spark-r5", 1, 1, 100, kGi, 4000, 32 * kGi),
                                       option("batch-m5", 1, 1, 100, kGi, 4000, 16 * kGi)};
  // The highest matching priority wins, however wasteful; regexes match anywhere in the name.
  const std::map<int64_t, std::vector<std::string>> priorities = {{10, {"c5"}}, {50, {"r5$"}}};
  EXPECT_EQ(keep(Expander::Priority, options, {0, 1, 2}, priorities, kFirst),
            (std::vector<size_t>{1}));
  // Options matching nothing are dropped while another matches...
  EXPECT_EQ(keep(Expander::Priority, options, {0, 2}, {{10, {"^spark-"}}}, kFirst),
            (std::vector<size_t>{0}));
  // ...and all pass when none matches, or the ConfigMap is malformed.
  EXPECT_EQ(keep(Expander::Priority, options, {0, 1, 2}, {{10, {"gpu"}}}, kFirst),
            (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(keep(Expander::Priority, options, {0, 1, 2}, {{10, {"c5("}}}, kFirst),
            (std::vector<size_t>{0, 1, 2}));
  // priority, then least-waste among equal priorities.
  EXPECT_EQ(
      best_option({Expander::Priority, Expander::LeastWaste}, options, {{10, {"spark"}}}, kLast),
      0U);
}

}  // namespace
}  // namespace nw::cluster_autoscaler
