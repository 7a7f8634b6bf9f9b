#include "workloads/dynamic_allocation.h"

#include <algorithm>
#include <limits>
#include <string>

#include "model/quantity.h"

namespace nw::workloads {

AllocationRound allocation_round(const SparkPods& settings, int32_t target,
                                 const std::vector<AllocatorPod>& pods, int64_t idle_timeout_ms,
                                 int64_t now) {
  AllocationRound round;
  int32_t running = 0;
  int32_t unobserved = 0;
  std::vector<const AllocatorPod*> pending;  // observed and not running
  for (const AllocatorPod& pod : pods) {
    if (pod.created >= now) {
      ++unobserved;
    } else if (pod.running) {
      ++running;
    } else {
      pending.push_back(&pod);
    }
  }
  const int32_t count = running + static_cast<int32_t>(pending.size()) + unobserved;
  int32_t not_running = count - running;

  if (count > target) {
    // Unobserved pods are never older than the timeout here (they were created at `now`), so
    // only observed pending pods qualify.
    std::sort(pending.begin(), pending.end(),
              [](const AllocatorPod* a, const AllocatorPod* b) { return a->id < b->id; });
    int32_t excess = count - target;
    for (auto it = pending.begin(); it != pending.end() && excess > 0;) {
      if (now - (*it)->created > idle_timeout_ms) {
        round.deleted.push_back((*it)->id);
        it = pending.erase(it);
        --excess;
        --not_running;
      } else {
        ++it;
      }
    }
  }

  const int32_t free_pending_slots = settings.max_pending_pods - not_running;
  if (unobserved == 0 && count < target && free_pending_slots > 0) {
    round.created = std::min({target - count, settings.allocation_batch_size, free_pending_slots});
  }
  round.outstanding = static_cast<int32_t>(pending.size()) + unobserved + round.created;
  return round;
}

ExecutorAllocationManager::ExecutorAllocationManager(const DynamicAllocation& settings,
                                                     int32_t initial_target,
                                                     int32_t tasks_per_executor)
    : settings_(settings), tasks_per_executor_(tasks_per_executor), target_(initial_target) {}

void ExecutorAllocationManager::stage_submitted(int64_t now) {
  initializing_ = false;
  tasks_requeued(now);
}

void ExecutorAllocationManager::tasks_requeued(int64_t now) {
  // onSchedulerBacklogged: the timer starts unless it runs already.
  if (!add_time_) add_time_ = now + settings_.scheduler_backlog_timeout.millis;
}

void ExecutorAllocationManager::queue_empty() {
  add_time_.reset();
  to_add_ = 1;
}

void ExecutorAllocationManager::job_ended() {
  for (auto& [id, tracker] : executors_) tracker.shuffle_output = false;
}

void ExecutorAllocationManager::executor_added(int32_t id, int64_t now) {
  Tracker& t = executors_[id];
  if (t.running_tasks == 0) t.idle_since = now;
}

void ExecutorAllocationManager::tasks_started(int32_t id, int64_t tasks) {
  auto it = executors_.find(id);
  if (it == executors_.end() || tasks <= 0) return;
  it->second.running_tasks += tasks;
  it->second.idle_since.reset();
}

void ExecutorAllocationManager::tasks_ended(int32_t id, int64_t tasks, bool shuffle_output,
                                            int64_t now) {
  auto it = executors_.find(id);
  if (it == executors_.end()) return;
  Tracker& t = it->second;
  if (shuffle_output && settings_.shuffle_tracking) t.shuffle_output = true;
  t.running_tasks = std::max<int64_t>(0, t.running_tasks - tasks);
  if (t.running_tasks == 0) t.idle_since = now;
}

void ExecutorAllocationManager::executor_removed(int32_t id) {
  executors_.erase(id);
}

std::optional<int64_t> ExecutorAllocationManager::timeout_at(const Tracker& t) const {
  if (!t.idle_since || t.shuffle_output) return std::nullopt;
  return *t.idle_since + settings_.executor_idle_timeout.millis;
}

int32_t ExecutorAllocationManager::max_needed(int64_t tasks) const {
  // ⌈tasks × ratio / (10^18 × tasks per executor)⌉, exactly.
  const model::Int128 numerator = model::Int128{tasks} * settings_.allocation_ratio;
  const model::Int128 denominator =
      model::Int128{DynamicAllocation::kAllocationRatioOne} * tasks_per_executor_;
  const model::Int128 needed = (numerator + denominator - 1) / denominator;
  return static_cast<int32_t>(std::min<model::Int128>(needed, std::numeric_limits<int32_t>::max()));
}

void ExecutorAllocationManager::add_executors(int32_t needed, int64_t now, Tick& tick) {
  if (target_ >= settings_.max_executors) {
    to_add_ = 1;
    return;
  }
  const int32_t registered = static_cast<int32_t>(executors_.size());
  int64_t target = int64_t{std::max(target_, registered)} + to_add_;
  target = std::min<int64_t>(target, needed);
  target = std::max<int64_t>(std::min<int64_t>(target, settings_.max_executors),
                             settings_.min_executors);
  const int64_t delta = target - target_;
  target_ = static_cast<int32_t>(target);
  if (delta == 0) {
    to_add_ = 1;
    return;
  }
  // The cluster manager acknowledged the new total: double the step if it was taken in full.
  to_add_ = delta == to_add_ ? to_add_ * 2 : 1;
  add_time_ = now + settings_.sustained_scheduler_backlog_timeout.millis;
  tick.target_changed = true;
}

ExecutorAllocationManager::Tick ExecutorAllocationManager::tick(int64_t now, int64_t pending,
                                                                int64_t running) {
  Tick tick;
  std::vector<int32_t> timed_out;
  for (const auto& [id, tracker] : executors_) {
    std::optional<int64_t> deadline = timeout_at(tracker);
    if (deadline && *deadline <= now) timed_out.push_back(id);
  }
  if (!timed_out.empty()) initializing_ = false;

  if (!initializing_) {
    const int32_t needed = max_needed(pending + running);
    if (needed < target_) {
      const int32_t lowered = std::max(needed, settings_.min_executors);
      to_add_ = 1;
      if (lowered < target_) tick.target_changed = true;
      target_ = lowered;
    } else if (add_time_ && now >= *add_time_) {
      add_executors(needed, now, tick);
    }
  }

  std::sort(timed_out.begin(), timed_out.end(),
            [](int32_t a, int32_t b) { return std::to_string(a) < std::to_string(b); });
  int32_t remaining = static_cast<int32_t>(executors_.size());
  for (int32_t id : timed_out) {
    if (remaining - 1 < settings_.min_executors || remaining - 1 < target_) continue;
    tick.released.push_back(id);
    executors_.erase(id);
    --remaining;
  }
  return tick;
}

std::optional<int64_t> ExecutorAllocationManager::next_deadline(int64_t now) const {
  std::optional<int64_t> next;
  auto consider = [&](std::optional<int64_t> t) {
    if (t && *t > now && (!next || *t < *next)) next = t;
  };
  consider(add_time_);
  for (const auto& [id, tracker] : executors_) consider(timeout_at(tracker));
  return next;
}

}  // namespace nw::workloads
