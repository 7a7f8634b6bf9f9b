// The Cluster Autoscaler's loop against fake Auto Scaling and Kubernetes APIs and a hand-built
// cluster state: what one RunOnce asks for.
#include "cluster_autoscaler/autoscaler.h"

#include <gtest/gtest.h>

#include "cluster_autoscaler/ca_test_util.h"

namespace nw::cluster_autoscaler {
namespace {

using namespace testing;

class FakeClock : public karpenter::Clock {
 public:
  Timestamp now() const override { return now_; }
  Timestamp now_ = 0;
};

class FakeAsg : public AutoScalingApi {
 public:
  GroupStatus describe(const std::string& group) const override {
    auto it = groups.find(group);
    return it == groups.end() ? GroupStatus{} : it->second;
  }
  void set_desired_capacity(const std::string& group, int32_t desired) override {
    calls.emplace_back(group, desired);
    groups[group].desired_capacity = desired;
  }
  void terminate_instance(const std::string& id) override { terminated.push_back(id); }

  std::map<std::string, GroupStatus> groups;
  std::vector<std::pair<std::string, int32_t>> calls;
  std::vector<std::string> terminated;
};

class FakeKube : public KubeApi {
 public:
  void taint_to_be_deleted(const std::string& node, const std::string& reason) override {
    tainted.emplace_back(node, reason);
  }
  void evict(uint64_t pod) override { evicted.push_back(pod); }
  std::vector<std::pair<std::string, std::string>> tainted;
  std::vector<uint64_t> evicted;
};

struct Fixture {
  Settings settings;
  std::vector<NodeGroup> groups;
  karpenter::ClusterState state;
  FakeClock clock;
  FakeAsg asg;
  FakeKube kube;

  ClusterAutoscaler make() {
    return ClusterAutoscaler(settings, groups, us_east_1_types(), "us-east-1", {}, state, kube, asg,
                             clock, [](size_t) { return size_t{0}; });
  }
  void pending(uint64_t id, model::Pod p, Timestamp created = 0) {
    state.pods.emplace(id, karpenter::StatePod{id, std::move(p), created, true});
  }
};

model::Pod selecting(model::Pod p, const std::string& pool) {
  model::set_label(p.spec.node_selector, "pool", pool);
  return p;
}

TEST(ClusterAutoscaler, ScalesOneGroupPerLoop) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge"), group("b", "m5.xlarge")};
  f.groups[0].labels = {{"pool", "a"}};
  f.groups[1].labels = {{"pool", "b"}};
  f.pending(1, selecting(pod("for-a", 1000, kGi), "a"));
  f.pending(2, selecting(pod("for-b", 1000, kGi), "b"));
  f.clock.now_ = 10'000;
  ClusterAutoscaler ca = f.make();
  EXPECT_TRUE(ca.run_once().scaled_up);
  ASSERT_EQ(f.asg.calls.size(), 1U);
  EXPECT_EQ(f.asg.calls[0], (std::pair<std::string, int32_t>{"a", 1}));
  // The next loop (at once, since this one scaled up): a's pod fits its upcoming node.
  EXPECT_TRUE(ca.run_once().scaled_up);
  ASSERT_EQ(f.asg.calls.size(), 2U);
  EXPECT_EQ(f.asg.calls[1], (std::pair<std::string, int32_t>{"b", 1}));
  EXPECT_FALSE(ca.run_once().scaled_up);
}

TEST(ClusterAutoscaler, WaitsALoopWhenAllPodsAreNew) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge")};
  f.pending(1, pod("p", 1000, kGi), 9'000);
  f.clock.now_ = 10'000;  // 1 s old: younger than 2 s
  ClusterAutoscaler ca = f.make();
  EXPECT_FALSE(ca.run_once().scaled_up);
  f.clock.now_ = 11'000;
  EXPECT_TRUE(ca.run_once().scaled_up);
}

TEST(ClusterAutoscaler, RespectsMaxNodesTotalAndGroupMax) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge", 4)};
  for (uint64_t i = 1; i <= 10; ++i) f.pending(i, pod("three-cpu", 3000, kGi));
  f.settings.max_nodes_total = 3;
  f.clock.now_ = 10'000;
  {
    ClusterAutoscaler ca = f.make();
    ca.run_once();
    EXPECT_EQ(f.asg.calls, (std::vector<std::pair<std::string, int32_t>>{{"a", 3}}));
  }
  f.asg = {};
  f.settings.max_nodes_total = 0;
  ClusterAutoscaler ca = f.make();
  ca.run_once();
  EXPECT_EQ(f.asg.calls, (std::vector<std::pair<std::string, int32_t>>{{"a", 4}}));
}

TEST(ClusterAutoscaler, FailedActivityDropsPlaceholdersOnly) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge")};
  f.asg.groups["a"] = {3, {"i-1"}, 5'000};  // desired 3, one instance launched, then ICE
  f.clock.now_ = 10'000;
  ClusterAutoscaler ca = f.make();
  ca.run_once();
  EXPECT_EQ(f.asg.calls, (std::vector<std::pair<std::string, int32_t>>{{"a", 1}}));
  EXPECT_TRUE(f.asg.terminated.empty());
  // The group is in backoff for 5 min: a pending pod gets no scale-up before then.
  f.pending(1, pod("p", 3000, kGi));
  f.asg.calls.clear();
  f.clock.now_ = 10'000 + 5 * 60'000 - 1;
  ca.run_once();
  EXPECT_TRUE(f.asg.calls.empty());
  f.clock.now_ += 1;
  ca.run_once();
  // The launched instance is upcoming (not registered) and takes the pod: nothing to add.
  EXPECT_TRUE(f.asg.calls.empty());
}

TEST(ClusterAutoscaler, ProvisionTimeoutTerminatesUnregisteredInstances) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge")};
  f.asg.groups["a"] = {2, {"i-1", "i-2"}, karpenter::kNotYet};
  karpenter::StateNode registered;
  registered.name = "a-1";
  registered.instance_id = "i-1";
  registered.registered = 1'000;
  f.state.nodes.emplace(registered.name, registered);
  ClusterAutoscaler ca = f.make();
  ca.run_once();  // at 0: the scale-up is seen to start
  f.clock.now_ = 15 * 60'000 - 1;
  ca.run_once();
  EXPECT_TRUE(f.asg.terminated.empty());
  f.clock.now_ += 1;
  ca.run_once();
  EXPECT_EQ(f.asg.terminated, std::vector<std::string>{"i-2"});
  EXPECT_EQ(f.asg.calls, (std::vector<std::pair<std::string, int32_t>>{{"a", 1}}));
}

TEST(ClusterAutoscaler, BalanceLevelsSimilarGroups) {
  // 5 new nodes over groups of sizes 3, 1, 1 with maxima 10, 10, 2: b and c get one each (2, 2),
  // c is then full, a and b alternate from b.
  EXPECT_EQ(balance(5, {3, 1, 1}, {10, 10, 2}), (std::vector<int32_t>{1, 3, 1}));
  EXPECT_EQ(balance(10, {0, 0}, {2, 3}), (std::vector<int32_t>{2, 3}));
}

TEST(ClusterAutoscaler, BalancedScaleUpSplitsOverSimilarGroups) {
  Fixture f;
  f.groups = {group("a", "m5.xlarge"), group("b", "m5.xlarge"), group("c", "c5.xlarge")};
  f.groups[0].zones = {"us-east-1a"};
  f.groups[1].zones = {"us-east-1b"};
  f.groups[2].zones = {"us-east-1a"};
  f.settings.balance_similar_node_groups = true;
  f.settings.expanders = {Expander::LeastNodes};
  for (uint64_t i = 1; i <= 4; ++i) f.pending(i, pod("three-cpu", 3000, kGi));
  f.clock.now_ = 10'000;
  ClusterAutoscaler ca = f.make();
  ca.run_once();
  // 4 nodes (one pod each), chosen in a (all tie; the random source says first); b only differs
  // by zone, c by shape.
  EXPECT_EQ(f.asg.calls, (std::vector<std::pair<std::string, int32_t>>{{"a", 2}, {"b", 2}}));
}

TEST(ClusterAutoscaler, UtilisationIsTheLargerFraction) {
  model::Resources requested, allocatable;
  requested.set(model::kCpu, 980);
  requested.set(model::kMemory, 7 * kGi);
  allocatable.set(model::kCpu, 3920);
  allocatable.set(model::kMemory, 14 * kGi);
  EXPECT_EQ(utilization_ppm(requested, allocatable), 500'000);  // memory: 7/14; cpu 0.25
}

}  // namespace
}  // namespace nw::cluster_autoscaler
