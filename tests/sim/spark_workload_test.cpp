// The Spark controller (sim/workloads.cpp) through a fake WorkloadHost: a virtual clock (the
// simulator's EventLoop) and pods that start when the test says, or a fixed time after their
// creation. Every time below is hand-computed from Spark's rules (cas-yunikorn-spark.md §3.3,
// §3.4), in milliseconds from the driver's start unless said otherwise.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/event_loop.h"
#include "sim/workloads.h"
#include "workloads/spark.h"

namespace nw::sim {
namespace {

struct CreatedPod {
  uint64_t id;
  SimTime at;
  std::string name;
  std::string role;
};

class FakeHost : public WorkloadHost {
 public:
  SimTime now() const override { return loop_.now(); }
  void after(int64_t delay_ms, std::function<void()> action) override {
    loop_.after(delay_ms, std::move(action));
  }
  uint64_t create_pod(model::Pod pod, Workload& owner, std::string role) override {
    const uint64_t id = ++pods_;
    created.push_back({id, loop_.now(), pod.meta.name, role});
    pod_specs[id] = std::move(pod);
    live[id] = &owner;
    if (startup_ms && role == "executor") {
      loop_.after(*startup_ms, [this, id] { start(id); });
    }
    return id;
  }
  void finish_pod(uint64_t pod) override {
    if (live.erase(pod)) finished[pod] = loop_.now();
  }
  void finish_application(Workload&) override { application_finished = loop_.now(); }

  void start(uint64_t pod) {
    if (auto it = live.find(pod); it != live.end()) it->second->on_started(pod);
  }
  void lose(uint64_t pod) {
    if (auto it = live.find(pod); it != live.end()) {
      Workload* owner = it->second;
      live.erase(it);
      owner->on_lost(pod);
    }
  }
  void run_until(SimTime end) { loop_.run_until(end); }
  void at(SimTime time, std::function<void()> action) { loop_.at(time, std::move(action)); }

  // Executor pods created at each time: time → count.
  std::map<SimTime, int> executors_created_at() const {
    std::map<SimTime, int> out;
    for (const CreatedPod& p : created)
      if (p.role == "executor") ++out[p.at];
    return out;
  }
  std::vector<uint64_t> executor_pods() const {
    std::vector<uint64_t> out;
    for (const CreatedPod& p : created)
      if (p.role == "executor") out.push_back(p.id);
    return out;
  }

  std::optional<int64_t> startup_ms;  // executors start this long after creation when set
  std::vector<CreatedPod> created;
  std::map<uint64_t, model::Pod> pod_specs;
  std::map<uint64_t, Workload*> live;
  std::map<uint64_t, SimTime> finished;
  std::optional<SimTime> application_finished;

 private:
  EventLoop loop_;
  uint64_t pods_ = 0;
};

using Conf = std::vector<std::pair<std::string, std::string>>;

workloads::SparkApplication app(Conf conf, std::vector<workloads::SparkStage> stages,
                                std::string version = "") {
  workloads::SparkApplication a;
  a.name = "etl";
  a.spark_version = std::move(version);
  for (const auto& [k, v] : conf) model::set_label(a.conf, k, v);
  a.stages = std::move(stages);
  return a;
}

workloads::SparkStage stage(int64_t tasks, int64_t seconds, int32_t job = 0) {
  return {tasks, model::Duration::seconds(seconds), job};
}

std::unique_ptr<Workload> spark(FakeHost& host, const workloads::SparkApplication& a) {
  auto pods = workloads::spark_pods(a);
  EXPECT_TRUE(std::holds_alternative<workloads::SparkPods>(pods));
  return make_spark_workload(host, a, std::get<workloads::SparkPods>(std::move(pods)));
}

// Submits at 0 and starts the driver at `driver_start`.
std::unique_ptr<Workload> submitted(FakeHost& host, const workloads::SparkApplication& a,
                                    SimTime driver_start) {
  auto w = spark(host, a);
  w->submit();
  host.at(driver_start, [&host] { host.start(host.created.front().id); });
  return w;
}

// ---- Executor allocation ----------------------------------------------------------------------

TEST(SparkWorkload, ExecutorsComeInBatchesOnePerBatchDelayOnceTheDriverRuns) {
  FakeHost host;  // executors stay pending: pending pods do not hold back the next batch
  auto w = submitted(host, app({{"spark.executor.instances", "12"}}, {stage(1, 10)}), 10'000);
  host.run_until(9'999);
  EXPECT_EQ(host.created.size(), 1u) << "no executor before the driver runs";
  host.run_until(60'000);
  // Batch size 5 (Spark 3.5), delay 1 s: 5 at the driver's start, 5 a second later, then 2.
  EXPECT_EQ(host.executors_created_at(),
            (std::map<SimTime, int>{{10'000, 5}, {11'000, 5}, {12'000, 2}}));
  EXPECT_EQ(host.created[1].name, "etl-exec-1");
  EXPECT_EQ(host.created[12].name, "etl-exec-12");
  const model::Pod& executor = host.pod_specs.at(host.created[1].id);
  ASSERT_EQ(executor.meta.owner_references.size(), 1u);
  EXPECT_EQ(executor.meta.owner_references[0].kind, "Pod");
  EXPECT_EQ(executor.meta.owner_references[0].name, "etl-driver");
  EXPECT_TRUE(executor.meta.owner_references[0].controller);
}

TEST(SparkWorkload, BatchSizeFollowsTheSparkRelease) {
  FakeHost host;
  auto w = submitted(host, app({{"spark.executor.instances", "12"}}, {stage(1, 10)}, "4.0.0"), 0);
  host.run_until(60'000);
  EXPECT_EQ(host.executors_created_at(), (std::map<SimTime, int>{{0, 10}, {1'000, 2}}));
}

TEST(SparkWorkload, MaxPendingPodsHoldsBackBatchesUntilPodsRun) {
  FakeHost host;
  auto w = submitted(
      host,
      app({{"spark.executor.instances", "6"}, {"spark.kubernetes.allocation.maxPendingPods", "2"}},
          {stage(1, 100)}),
      0);
  host.run_until(5'000);
  EXPECT_EQ(host.executors_created_at(), (std::map<SimTime, int>{{0, 2}}));
  // Executor 1 runs at 5.5 s: the round at 6 s sees one pending pod, so one more may be pending.
  host.at(5'500, [&host] { host.start(host.executor_pods()[0]); });
  host.run_until(20'000);
  EXPECT_EQ(host.executors_created_at(), (std::map<SimTime, int>{{0, 2}, {6'000, 1}}));
}

TEST(SparkWorkload, LostExecutorIsReplacedWithANewId) {
  FakeHost host;
  host.startup_ms = 2'000;
  auto w = submitted(host, app({}, {stage(4, 100)}), 0);  // 2 executors (the default)
  host.run_until(10'000);
  ASSERT_EQ(host.executor_pods().size(), 2u);
  // Lost at 10.3 s: the next round, at 11 s, requests executor 3.
  host.at(10'300, [&host] { host.lose(host.executor_pods()[0]); });
  host.run_until(20'000);
  ASSERT_EQ(host.executor_pods().size(), 3u);
  EXPECT_EQ(host.created.back().name, "etl-exec-3");
  EXPECT_EQ(host.created.back().at, 11'000);
}

TEST(SparkWorkload, StagesRunAsWavesOfTasksOnTheSlots) {
  FakeHost host;
  host.startup_ms = 5'000;
  // 2 executors of 2 cores (2 task slots each), started at 5 s. Stage 1: 6 tasks of 10 s → 4 at
  // 5 s, 2 at 15 s (both on executor 1, whose slots freed first), done at 25 s. Stage 2: 1 task
  // of 10 s, done at 35 s: the application ends and its driver pod is deleted.
  auto w = submitted(host, app({{"spark.executor.cores", "2"}}, {stage(6, 10), stage(1, 10)}), 0);
  host.run_until(100'000);
  EXPECT_EQ(host.application_finished, 35'000);
  EXPECT_EQ(host.finished.at(host.created.front().id), 35'000);
}

// ---- Dynamic allocation -----------------------------------------------------------------------

TEST(SparkWorkload, DynamicAllocationRampsUpExponentiallyWhileTheBacklogLasts) {
  FakeHost host;  // no node ever comes: every executor stays pending, the backlog stays 40 tasks
  auto w = submitted(host,
                     app({{"spark.dynamicAllocation.enabled", "true"},
                          {"spark.kubernetes.allocation.batch.size", "100"}},
                         {stage(40, 30)}),
                     0);
  host.run_until(30'000);
  // maxNeeded = ⌈40 × 1.0 / 1⌉ = 40. The stage is submitted at 0; the backlog has lasted 1 s at
  // the tick at 1 s: target max(0, 0 registered) + 1 = 1, and toAdd doubles to 2. Nothing is
  // outstanding, so the allocator runs a round at once: 1 pod at 1 s. Then every second:
  //   2 s: target 1 + 2 = 3 (toAdd 4); 1 pod pending is outstanding: the next round, at 3 s
  //        (the one at 2 s ran before the tick), requests 3 − 1 = 2;
  //   3 s: round first (2 pods), then target 3 + 4 = 7 (toAdd 8);
  //   4 s: round 7 − 3 = 4 pods; target 7 + 8 = 15 (toAdd 16);
  //   5 s: round 8 pods; target 15 + 16 = 31 (toAdd 32);
  //   6 s: round 16 pods; target min(31 + 32, 40) = 40: +9 ≠ 32, toAdd back to 1;
  //   7 s: round 9 pods, 40 in all; the target stays at maxNeeded.
  EXPECT_EQ(host.executors_created_at(),
            (std::map<SimTime, int>{
                {1'000, 1}, {3'000, 2}, {4'000, 4}, {5'000, 8}, {6'000, 16}, {7'000, 9}}));
}

TEST(SparkWorkload, DynamicAllocationMaxExecutorsCapsTheRamp) {
  FakeHost host;
  auto w = submitted(host,
                     app({{"spark.dynamicAllocation.enabled", "true"},
                          {"spark.dynamicAllocation.maxExecutors", "5"}},
                         {stage(40, 30)}),
                     0);
  host.run_until(30'000);
  // Targets 1, 3, 7 → capped at 5. Pods: 1 at 1 s, 2 at 3 s, 2 at 4 s.
  EXPECT_EQ(host.executors_created_at(),
            (std::map<SimTime, int>{{1'000, 1}, {3'000, 2}, {4'000, 2}}));
}

TEST(SparkWorkload, ExcessPendingExecutorsGoOnlyOnceOlderThanTheIdleTimeout) {
  FakeHost host;  // executors stay pending
  auto w = submitted(host,
                     app({{"spark.dynamicAllocation.enabled", "true"},
                          {"spark.dynamicAllocation.initialExecutors", "10"}},
                         {stage(2, 30)}),
                     0);
  host.run_until(200'000);
  // 5 pods at 0 (a batch); at the tick at 0.1 s the target falls to ⌈2 / 1⌉ = 2, so no second
  // batch. The 3 excess pending pods may go once more than 60 s old: the round at 61 s deletes
  // the oldest three.
  EXPECT_EQ(host.executors_created_at(), (std::map<SimTime, int>{{0, 5}}));
  std::map<uint64_t, SimTime> expected;
  for (size_t i = 0; i < 3; ++i) expected[host.executor_pods()[i]] = 61'000;
  EXPECT_EQ(host.finished, expected);
}

// Stage 1: 4 tasks of 10 s on the 4 initial executors (started at 1 s: tasks 1 s–11 s); then a
// narrow stage of 1 task of 200 s on executor 1 (11 s–211 s); then, in the tests that have it, a
// third stage of 1 task of 100 s (211 s–311 s).
workloads::SparkApplication narrowing(Conf extra, int32_t second_job, bool third_stage) {
  Conf conf = {{"spark.dynamicAllocation.enabled", "true"},
               {"spark.dynamicAllocation.initialExecutors", "4"}};
  conf.insert(conf.end(), extra.begin(), extra.end());
  std::vector<workloads::SparkStage> stages = {stage(4, 10, 0), stage(1, 200, second_job)};
  if (third_stage) stages.push_back(stage(1, 100, second_job + 1));
  return app(conf, stages);
}

std::map<std::string, SimTime> executor_ends(const FakeHost& host) {
  std::map<std::string, SimTime> out;
  for (const CreatedPod& p : host.created) {
    if (p.role != "executor") continue;
    auto it = host.finished.find(p.id);
    if (it != host.finished.end()) out[p.name] = it->second;
  }
  return out;
}

TEST(SparkWorkload, IdleExecutorsAreReleasedAfterTheIdleTimeout) {
  FakeHost host;
  host.startup_ms = 1'000;
  // Two single-stage jobs: no shuffle output to keep. Executors 2–4 are idle from 11 s, timed
  // out at 71 s (the target fell to maxNeeded = 1 at 11 s), and their pods go after the 5 s grace
  // period: 76 s. Executor 1 runs the 200 s task and ends with the application at 211 s.
  auto w = submitted(host, narrowing({}, 1, false), 0);
  host.run_until(400'000);
  EXPECT_EQ(executor_ends(host), (std::map<std::string, SimTime>{{"etl-exec-1", 211'000},
                                                                 {"etl-exec-2", 76'000},
                                                                 {"etl-exec-3", 76'000},
                                                                 {"etl-exec-4", 76'000}}));
  EXPECT_EQ(host.executor_pods().size(), 4u) << "a released executor is not replaced";
}

TEST(SparkWorkload, MinExecutorsAreKept) {
  FakeHost host;
  host.startup_ms = 1'000;
  // minExecutors 2: the target falls to max(1, 2) = 2; at 71 s executors 2 and 3 go (4 → 2 left)
  // and executor 4 stays.
  auto w = submitted(host, narrowing({{"spark.dynamicAllocation.minExecutors", "2"}}, 1, false), 0);
  host.run_until(400'000);
  EXPECT_EQ(executor_ends(host), (std::map<std::string, SimTime>{{"etl-exec-1", 211'000},
                                                                 {"etl-exec-2", 76'000},
                                                                 {"etl-exec-3", 76'000},
                                                                 {"etl-exec-4", 211'000}}));
}

TEST(SparkWorkload, ShuffleTrackingKeepsExecutorsUntilTheirJobEnds) {
  FakeHost host;
  host.startup_ms = 1'000;
  // Stages 1 and 2 are one job: stage 1 is a shuffle map stage, whose output on executors 1–4 the
  // job needs until stage 2 ends at 211 s. Then they are idle since 11 s, so executors 2–4 go at
  // once (pods at 216 s); executor 1 runs stage 3 (a second job) and ends at 311 s.
  auto w = submitted(host, narrowing({}, 0, true), 0);
  host.run_until(400'000);
  EXPECT_EQ(executor_ends(host), (std::map<std::string, SimTime>{{"etl-exec-1", 311'000},
                                                                 {"etl-exec-2", 216'000},
                                                                 {"etl-exec-3", 216'000},
                                                                 {"etl-exec-4", 216'000}}));
}

TEST(SparkWorkload, WithoutShuffleTrackingTheSameJobReleasesAtTheIdleTimeout) {
  FakeHost host;
  host.startup_ms = 1'000;
  // An external shuffle service serves the shuffle output: executors 2–4 go at 71 s + 5 s.
  auto w = submitted(host, narrowing({{"spark.shuffle.service.enabled", "true"}}, 0, true), 0);
  host.run_until(400'000);
  EXPECT_EQ(executor_ends(host), (std::map<std::string, SimTime>{{"etl-exec-1", 311'000},
                                                                 {"etl-exec-2", 76'000},
                                                                 {"etl-exec-3", 76'000},
                                                                 {"etl-exec-4", 76'000}}));
}

}  // namespace
}  // namespace nw::sim
