// The allocator's round and the dynamic-allocation policy on their own, driven by hand-set times
// (milliseconds). Every expectation is computed by hand from Spark's rules in the comment beside
// it (cas-yunikorn-spark.md §3.3, §3.4).
#include "workloads/dynamic_allocation.h"

#include <gtest/gtest.h>

#include <vector>

namespace nw::workloads {
namespace {

SparkPods allocator(int32_t batch, int32_t max_pending) {
  SparkPods p;
  p.allocation_batch_size = batch;
  p.max_pending_pods = max_pending;
  return p;
}

constexpr int64_t kIdle = 60'000;

TEST(AllocationRound, RequestsAtMostABatchOfTheMissingExecutors) {
  AllocationRound r = allocation_round(allocator(5, 1000), 12, {}, kIdle, 0);
  EXPECT_EQ(r.created, 5);
  EXPECT_EQ(r.outstanding, 5);
  // A second later the five are observed (pending): five more.
  std::vector<AllocatorPod> pods = {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}};
  EXPECT_EQ(allocation_round(allocator(5, 1000), 12, pods, kIdle, 1'000).created, 5);
}

TEST(AllocationRound, AnUnobservedPodHoldsBackTheNextBatch) {
  // Pod 6 was created at this very instant (by another round): not in any snapshot yet.
  std::vector<AllocatorPod> pods = {{1, 0, true}, {2, 0}, {6, 1'000}};
  AllocationRound r = allocation_round(allocator(5, 1000), 12, pods, kIdle, 1'000);
  EXPECT_EQ(r.created, 0);
  EXPECT_EQ(r.outstanding, 2);  // pod 2 pending, pod 6 unobserved
  // Once observed, pending pods do not hold anything back: 12 − 3 = 9, a batch of 5.
  EXPECT_EQ(allocation_round(allocator(5, 1000), 12, pods, kIdle, 2'000).created, 5);
}

TEST(AllocationRound, MaxPendingPodsCapsThePodsNotRunning) {
  std::vector<AllocatorPod> pods = {{1, 0, true}, {2, 0}, {3, 0}};
  // 2 pending of at most 3: one more.
  EXPECT_EQ(allocation_round(allocator(5, 3), 10, pods, kIdle, 1'000).created, 1);
  EXPECT_EQ(allocation_round(allocator(5, 2), 10, pods, kIdle, 1'000).created, 0);
}

TEST(AllocationRound, ExcessPendingPodsAreDeletedOnlyOnceOlderThanTheIdleTimeout) {
  // Target fell to 1; pods 2 and 3 pending since 0 and 30 s, pod 1 running.
  std::vector<AllocatorPod> pods = {{1, 0, true}, {2, 0}, {3, 30'000}};
  EXPECT_TRUE(allocation_round(allocator(5, 1000), 1, pods, kIdle, 60'000).deleted.empty())
      << "60 s old is not older than 60 s";
  EXPECT_EQ(allocation_round(allocator(5, 1000), 1, pods, kIdle, 60'001).deleted,
            std::vector<int32_t>{2});
  AllocationRound later = allocation_round(allocator(5, 1000), 1, pods, kIdle, 90'001);
  EXPECT_EQ(later.deleted, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(later.outstanding, 0);
  // A running executor is never deleted here, even far beyond the target.
  EXPECT_TRUE(
      allocation_round(allocator(5, 1000), 0, {{1, 0, true}}, kIdle, 1'000'000).deleted.empty());
}

DynamicAllocation da() {
  return DynamicAllocation{};
}

TEST(ExecutorAllocationManager, TargetRampsUpOneTwoFourEightCappedAtMaxNeeded) {
  ExecutorAllocationManager m(da(), 0, 1);
  m.stage_submitted(0);  // 40 tasks pending from 0
  EXPECT_FALSE(m.tick(900, 40, 0).target_changed) << "the backlog has not lasted 1 s";
  EXPECT_EQ(m.next_deadline(900), 1'000);
  // 1 s: 0 + 1; 2 s: 1 + 2; 3 s: 3 + 4; 4 s: 7 + 8; 5 s: 15 + 16; 6 s: min(31 + 32, 40).
  std::vector<int32_t> targets;
  for (int64_t t = 1'000; t <= 6'000; t += 1'000) {
    EXPECT_TRUE(m.tick(t, 40, 0).target_changed) << t;
    targets.push_back(m.target());
    EXPECT_FALSE(m.tick(t + 500, 40, 0).target_changed) << "no add before the sustained timeout";
  }
  EXPECT_EQ(targets, (std::vector<int32_t>{1, 3, 7, 15, 31, 40}));
  EXPECT_FALSE(m.tick(7'000, 40, 0).target_changed) << "at maxNeeded";
}

TEST(ExecutorAllocationManager, RatioAndSlotsScaleMaxNeeded) {
  DynamicAllocation half = da();
  half.allocation_ratio = DynamicAllocation::kAllocationRatioOne / 2;
  ExecutorAllocationManager m(half, 100, 4);
  m.stage_submitted(0);
  // ⌈30 × 0.5 / 4⌉ = ⌈3.75⌉ = 4: the target falls from 100 to 4 at the first tick.
  EXPECT_TRUE(m.tick(100, 30, 0).target_changed);
  EXPECT_EQ(m.target(), 4);
}

TEST(ExecutorAllocationManager, TargetFallsToMinWhenTheWorkShrinks) {
  DynamicAllocation settings = da();
  settings.min_executors = 3;
  ExecutorAllocationManager m(settings, 10, 1);
  EXPECT_FALSE(m.tick(0, 1, 0).target_changed) << "initializing: no stage yet";
  m.stage_submitted(0);
  EXPECT_TRUE(m.tick(100, 1, 0).target_changed);
  EXPECT_EQ(m.target(), 3);  // max(⌈1 / 1⌉, 3)
}

TEST(ExecutorAllocationManager, ClearedBacklogResetsTheRamp) {
  ExecutorAllocationManager m(da(), 0, 1);
  m.stage_submitted(0);
  m.tick(1'000, 40, 0);
  m.tick(2'000, 40, 0);  // target 3, next step 4
  m.queue_empty();
  EXPECT_FALSE(m.tick(3'000, 0, 3).target_changed) << "3 running tasks need 3";
  m.stage_submitted(10'000);  // a new backlog: the first add 1 s later, of 1
  EXPECT_FALSE(m.tick(10'500, 50, 3).target_changed);
  m.tick(11'000, 50, 3);
  EXPECT_EQ(m.target(), 4);
}

TEST(ExecutorAllocationManager, IdleExecutorsTimeOutUnlessTheyHoldLiveShuffleOutput) {
  ExecutorAllocationManager m(da(), 2, 1);
  m.stage_submitted(0);
  m.executor_added(1, 0);
  m.executor_added(2, 0);
  m.tasks_started(1, 1);
  m.tasks_started(2, 1);
  m.tasks_ended(1, 1, true, 10'000);   // executor 1 wrote shuffle output
  m.tasks_ended(2, 1, false, 10'000);  // executor 2 ran a result task
  m.queue_empty();
  EXPECT_EQ(m.next_deadline(10'000), 70'000);
  // At 70 s executor 2 has been idle 60 s; maxNeeded 0 lowered the target to 0 at 10 s.
  EXPECT_TRUE(m.tick(10'000, 0, 0).target_changed);
  EXPECT_TRUE(m.tick(69'900, 0, 0).released.empty());
  EXPECT_EQ(m.tick(70'000, 0, 0).released, std::vector<int32_t>{2});
  EXPECT_EQ(m.next_deadline(70'000), std::nullopt) << "executor 1's shuffle output is needed";
  m.job_ended();
  EXPECT_EQ(m.tick(200'000, 0, 0).released, std::vector<int32_t>{1})
      << "idle since 10 s: due at once when its job ends";
}

TEST(ExecutorAllocationManager, ReleasesKeepMinExecutorsAndTheTarget) {
  DynamicAllocation settings = da();
  settings.min_executors = 1;
  ExecutorAllocationManager m(settings, 2, 1);
  m.stage_submitted(0);
  for (int32_t id : {10, 9, 2}) m.executor_added(id, 0);
  // All three idle since 0; target max(0, 1) = 1. Taken as text: "10", "2", "9": 10 and 2 go.
  m.tick(100, 0, 0);
  EXPECT_EQ(m.tick(60'000, 0, 0).released, (std::vector<int32_t>{10, 2}));
}

TEST(ExecutorAllocationManager, WithoutShuffleTrackingShuffleOutputDoesNotKeepExecutors) {
  DynamicAllocation settings = da();
  settings.shuffle_tracking = false;
  ExecutorAllocationManager m(settings, 1, 1);
  m.stage_submitted(0);
  m.executor_added(1, 0);
  m.tasks_started(1, 1);
  m.tasks_ended(1, 1, true, 5'000);
  m.tick(5'000, 0, 0);
  EXPECT_EQ(m.tick(65'000, 0, 0).released, std::vector<int32_t>{1});
}

}  // namespace
}  // namespace nw::workloads
