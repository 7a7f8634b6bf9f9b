// The two rules by which a Spark driver on Kubernetes decides how many executors it has, as pure
// state driven by the caller's clock (times are milliseconds on that clock). The simulator's Spark
// controller (sim/workloads.cpp) is the mechanism that calls them at the right times.
//
//   - allocation_round: one round of ExecutorPodsAllocator (cas-yunikorn-spark.md §3.3), which
//     runs once per spark.kubernetes.allocation.batch.delay: deletes excess pending pods when the
//     target fell, then requests up to a batch of new executors;
//   - ExecutorAllocationManager: dynamic allocation (§3.4; Spark 3.5's ExecutorAllocationManager
//     and ExecutorMonitor): the target from the task backlog, its exponential ramp-up, and the
//     release of idle executors, keeping those whose shuffle output a running job still needs.
//
// Assumes: one resource profile, no speculative tasks, no cached blocks, no decommissioning (a
// released executor is killed), and an API server that answers at once. Guarantees: integers
// only; the same calls give the same answers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "workloads/spark.h"

namespace nw::workloads {

// ---- ExecutorPodsAllocator --------------------------------------------------------------------

// An executor pod as the allocator's snapshot shows it.
struct AllocatorPod {
  int32_t id = 0;        // executor id
  int64_t created = 0;   // when it was requested
  bool running = false;  // Running (a pod Spark is killing is Running until it is gone)
};

struct AllocationRound {
  std::vector<int32_t> deleted;  // excess pending pods deleted, by id
  int32_t created = 0;           // new executors to request now
  // numOutstandingPods after the round: pods not yet observed or observed pending, the new ones
  // included. When it is 0, a raised target starts a round at once instead of at the next one.
  int32_t outstanding = 0;
};

// One round at `now` for `target` executors. A pod is observed once a snapshot taken after its
// creation has been delivered: Spark's watch delivers a creation before the next round, and
// rounds happen only at round times, so a pod created at an earlier round is observed and one
// created at `now` (by another round at the same instant) is not. While any pod is unobserved no
// new executors are requested. Excess pending pods (more pods than the target) are deleted only
// when older than `idle_timeout_ms` (spark.dynamicAllocation.executorIdleTimeout), oldest first;
// running ones never are. At most min(missing, batch size, maxPendingPods − pods not running)
// are requested.
AllocationRound allocation_round(const SparkPods& settings, int32_t target,
                                 const std::vector<AllocatorPod>& pods, int64_t idle_timeout_ms,
                                 int64_t now);

// ---- ExecutorAllocationManager ------------------------------------------------------------------

// Dynamic allocation's target and releases.
//
// Target: maxNeeded = ⌈(pending + running tasks) × executorAllocationRatio / tasks per
// executor⌉ (the ratio is an exact decimal: Spark's double product can round 30 × 0.1 up to 4).
// When maxNeeded < target the target falls at once to max(maxNeeded, minExecutors). Once the
// backlog (pending tasks) has lasted schedulerBacklogTimeout, each tick at or after the add time
// raises the target to max(target, registered executors) + toAdd, capped at maxNeeded and
// clamped to [min, max]; when the rise equals toAdd, toAdd doubles (1, 2, 4, 8...), otherwise
// it is reset to 1; the next add is sustainedSchedulerBacklogTimeout later. A cleared backlog
// resets the timer and toAdd. The target does not change before the first stage is submitted or
// an executor first times out (Spark's "initializing").
//
// Release: an executor is idle from its registration or its last task's end. An idle executor
// is released executorIdleTimeout after it became idle, unless it holds shuffle output that the
// running job still needs (with shuffle tracking: it completed a task of a shuffle map stage of
// that job), and unless releasing it would leave fewer executors than minExecutors or the target.
// Executors due together are taken in the order of their ids as text, as Spark sorts them. A
// job's shuffle output is taken to be cleaned when the job ends (Spark cleans it when the driver
// garbage-collects the job's shuffle dependencies, which this model cannot time), so
// shuffleTracking.timeout never applies.
//
// Spark evaluates all of this on a 100 ms tick; tick() is that evaluation and may be called at
// any tick time: a tick between events and deadlines changes nothing, so the caller need only
// tick after events and at next_deadline().
class ExecutorAllocationManager {
 public:
  ExecutorAllocationManager(const DynamicAllocation& settings, int32_t initial_target,
                            int32_t tasks_per_executor);

  // The listener's events.
  void stage_submitted(int64_t now);
  void tasks_requeued(int64_t now);  // tasks of a lost executor went back to the queue
  void queue_empty();                // no task is pending any more
  void job_ended();                  // the job's shuffle output is no longer needed
  void executor_added(int32_t id, int64_t now);
  void tasks_started(int32_t id, int64_t tasks);
  // `tasks` tasks ended on executor `id`; `shuffle_output` when they were tasks of a shuffle map
  // stage (whose output the running job needs).
  void tasks_ended(int32_t id, int64_t tasks, bool shuffle_output, int64_t now);
  void executor_removed(int32_t id);  // lost, or released by tick()

  struct Tick {
    bool target_changed = false;
    std::vector<int32_t> released;  // to kill now; already removed from this manager
  };
  // schedule(): `pending` and `running` are the tasks not started and running.
  Tick tick(int64_t now, int64_t pending, int64_t running);

  int32_t target() const { return target_; }
  // The earliest time after `now` at which a tick could act with no event in between.
  std::optional<int64_t> next_deadline(int64_t now) const;

 private:
  struct Tracker {
    int64_t running_tasks = 0;
    std::optional<int64_t> idle_since;  // set while no task runs on it
    bool shuffle_output = false;        // holds output the running job needs
  };
  std::optional<int64_t> timeout_at(const Tracker& t) const;
  int32_t max_needed(int64_t tasks) const;
  void add_executors(int32_t max_needed, int64_t now, Tick& tick);

  DynamicAllocation settings_;
  int32_t tasks_per_executor_;
  int32_t target_;
  int64_t to_add_ = 1;               // doubles: int64 so that it cannot overflow past 2^30
  std::optional<int64_t> add_time_;  // set while tasks are backlogged
  bool initializing_ = true;
  std::map<int32_t, Tracker> executors_;  // registered executors, by id
};

}  // namespace nw::workloads
