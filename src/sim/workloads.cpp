#include "sim/workloads.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "workloads/dynamic_allocation.h"

namespace nw::sim {
namespace {

model::Pod from_template(const model::PodTemplate& tmpl, std::string name, const std::string& ns,
                         std::string_view owner_kind, const std::string& owner_name) {
  model::Pod pod;
  pod.meta = tmpl.meta;
  pod.meta.name = std::move(name);
  pod.meta.namespace_ = ns;
  pod.meta.owner_references = {{"apps/v1", std::string(owner_kind), owner_name, "", true}};
  pod.spec = tmpl.spec;
  return pod;
}

class PodWorkload : public Workload {
 public:
  PodWorkload(WorkloadHost& host, model::Pod pod, std::optional<model::Duration> run_time)
      : host_(host), pod_(std::move(pod)), run_time_(run_time) {
    name = pod_.meta.name;
    namespace_ = pod_.meta.namespace_;
    kind = "Pod";
  }
  void submit() override { host_.create_pod(pod_, *this, ""); }
  void on_started(uint64_t pod) override {
    if (!run_time_) return;
    host_.after(run_time_->millis, [this, pod] {
      host_.finish_pod(pod);
      host_.finish_application(*this);
    });
  }
  // A bare pod has no controller to bring it back.
  void on_lost(uint64_t) override { host_.finish_application(*this); }

 private:
  WorkloadHost& host_;
  model::Pod pod_;
  std::optional<model::Duration> run_time_;
};

class DeploymentWorkload : public Workload {
 public:
  DeploymentWorkload(WorkloadHost& host, const model::Deployment& deployment)
      : host_(host), deployment_(deployment) {
    name = deployment.meta.name;
    namespace_ = deployment.meta.namespace_;
    kind = "Deployment";
  }
  void submit() override {
    for (int32_t i = 0; i < deployment_.replicas; ++i) replace();
  }
  void on_lost(uint64_t) override { replace(); }

 private:
  void replace() {
    host_.create_pod(
        from_template(deployment_.pod_template, fmt::format("{}-{:05}", name, ++created_),
                      namespace_, "ReplicaSet", name),
        *this, "");
  }
  WorkloadHost& host_;
  model::Deployment deployment_;
  int64_t created_ = 0;
};

class JobWorkload : public Workload {
 public:
  JobWorkload(WorkloadHost& host, const model::Job& job, model::Duration run_time)
      : host_(host), job_(job), run_time_(run_time) {
    name = job.meta.name;
    namespace_ = job.meta.namespace_;
    kind = "Job";
  }
  void submit() override { top_up(); }
  void on_started(uint64_t pod) override {
    host_.after(run_time_.millis, [this, pod] {
      if (!active_.erase(pod)) return;  // lost meanwhile
      host_.finish_pod(pod);
      if (++succeeded_ == job_.completions) {
        host_.finish_application(*this);
      } else {
        top_up();
      }
    });
  }
  void on_lost(uint64_t pod) override {
    if (active_.erase(pod)) top_up();
  }

 private:
  // Keeps `parallelism` pods active while completions are outstanding.
  void top_up() {
    while (static_cast<int32_t>(active_.size()) < job_.parallelism &&
           succeeded_ + static_cast<int32_t>(active_.size()) < job_.completions) {
      active_.insert(host_.create_pod(
          from_template(job_.pod_template, fmt::format("{}-{:05}", name, ++created_), namespace_,
                        "Job", name),
          *this, ""));
    }
  }
  WorkloadHost& host_;
  model::Job job_;
  model::Duration run_time_;
  std::set<uint64_t> active_;
  int32_t succeeded_ = 0;
  int64_t created_ = 0;
};

// A Spark application: the driver, its executors and the stages they work through.
//
// Two clocks of the driver are modelled, both anchored at the driver's start: the allocator's
// rounds, every allocation.batch.delay (ExecutorPodsAllocator), and dynamic allocation's ticks,
// every 100 ms (ExecutorAllocationManager). Only the rounds and ticks at which something can
// change are simulated (each is a pure function of the state and the time, and the time matters
// only through deadlines, which are scheduled): after an event that affects one, the next one on
// its grid runs. At the same instant the round runs before the tick, as Spark starts the allocator
// before the allocation manager.
//
// Tasks are offered as Spark's scheduler backend offers them: a new stage to every executor, a
// free slot to the executor it is on, a new executor to itself; across several executors one task
// per executor per pass (in id order where Spark shuffles the offers), so a narrow stage is spread.
class SparkWorkload : public Workload {
 public:
  SparkWorkload(WorkloadHost& host, workloads::SparkApplication app, workloads::SparkPods pods)
      : host_(host), app_(std::move(app)), pods_(std::move(pods)) {
    name = app_.name;
    namespace_ = pods_.driver.meta.namespace_;
    kind = "Spark";
    if (pods_.dynamic_allocation) {
      manager_.emplace(*pods_.dynamic_allocation, pods_.executor_instances,
                       pods_.task_slots_per_executor);
    }
  }

  void submit() override { driver_ = host_.create_pod(pods_.driver, *this, "driver"); }

  void on_started(uint64_t pod) override {
    if (done_) return;
    if (pod == driver_) {
      driver_started();
      return;
    }
    auto id = executor_of(pod);
    if (!id) return;
    Executor& e = executors_.at(*id);
    e.running = true;
    if (manager_) manager_->executor_added(*id, host_.now());
    dispatch({*id});
    request_round();
    request_tick();
  }

  void on_lost(uint64_t pod) override {
    if (done_) return;
    if (pod == driver_) {  // the application fails with its driver
      finish(false);
      return;
    }
    auto id = executor_of(pod);
    if (!id) return;
    // Its running tasks go back to the queue (a lost executor's shuffle output is not recomputed).
    for (Wave& wave : waves_) wave.tasks.erase(*id);
    const int64_t requeued = executors_.at(*id).busy;
    executors_.erase(*id);
    pod_ids_.erase(pod);
    running_ -= requeued;
    remaining_ += requeued;
    if (manager_) {
      manager_->executor_removed(*id);
      if (requeued > 0) manager_->tasks_requeued(host_.now());
    }
    dispatch(offerable());
    request_round();  // Spark replaces a lost executor with a new one (a new id)
    request_tick();
  }

 private:
  struct Executor {
    uint64_t pod = 0;
    int64_t created = 0;
    bool running = false;
    bool released = false;  // killed by dynamic allocation; its pod goes after the grace period
    int64_t busy = 0;       // tasks running on it
  };
  // Tasks started together (same stage, same end), per executor.
  struct Wave {
    uint64_t token;
    bool shuffle_output;
    std::map<int32_t, int64_t> tasks;  // executor id → tasks (lost executors' are removed)
  };

  std::optional<int32_t> executor_of(uint64_t pod) const {
    auto it = pod_ids_.find(pod);
    if (it == pod_ids_.end()) return std::nullopt;
    return it->second;
  }

  int32_t target() const { return manager_ ? manager_->target() : pods_.executor_instances; }

  void driver_started() {
    driver_running_ = true;
    anchor_ = host_.now();
    last_tick_ = anchor_;  // the allocation manager's first tick, before the first job
    start_stage();
    run_round();
  }

  // ---- The allocator ---------------------------------------------------------------------------

  // The first grid time (anchor + k × period) at or after `t` and after `last`.
  SimTime next_grid(SimTime t, SimTime last, int64_t period) const {
    SimTime from = std::max(t, last + 1);
    const SimTime k = (from - anchor_ + period - 1) / period;
    return anchor_ + k * period;
  }

  // Schedules `action` at `when` unless an event of `pending` is due by then.
  void schedule(std::set<SimTime>& pending, SimTime when, void (SparkWorkload::*action)()) {
    if (!pending.empty() && *pending.begin() <= when) return;
    pending.insert(when);
    host_.after(when - host_.now(), [this, &pending, when, action] {
      if (done_ || !pending.erase(when)) return;
      (this->*action)();
    });
  }

  void request_round(SimTime at_or_after) {
    if (!driver_running_ || done_) return;
    schedule(rounds_, next_grid(at_or_after, last_round_, pods_.allocation_batch_delay.millis),
             &SparkWorkload::run_round);
  }
  void request_round() { request_round(host_.now()); }

  void run_round() {
    const SimTime now = host_.now();
    last_round_ = now;
    std::vector<workloads::AllocatorPod> pods;
    for (const auto& [id, e] : executors_) pods.push_back({id, e.created, e.running});
    const int64_t idle_timeout = pods_.dynamic_allocation
                                     ? pods_.dynamic_allocation->executor_idle_timeout.millis
                                     : kDefaultIdleTimeoutMs;
    workloads::AllocationRound round =
        workloads::allocation_round(pods_, target(), pods, idle_timeout, now);
    for (int32_t id : round.deleted) {
      host_.finish_pod(executors_.at(id).pod);
      pod_ids_.erase(executors_.at(id).pod);
      executors_.erase(id);
    }
    for (int32_t i = 0; i < round.created; ++i) {
      const int32_t id = ++executor_ids_;
      const uint64_t pod =
          host_.create_pod(workloads::executor_pod(app_, pods_, id), *this, "executor");
      executors_[id] = Executor{pod, now, false, false, 0};
      pod_ids_[pod] = id;
    }
    outstanding_ = round.outstanding;
    // The next round observes the new pods and requests the rest.
    if (round.created > 0) request_round(now + 1);
    // An excess pending pod becomes deletable once older than the idle timeout.
    if (static_cast<int64_t>(executors_.size()) > target()) {
      for (const auto& [id, e] : executors_) {
        if (!e.running && e.created + idle_timeout >= now) {
          request_round(e.created + idle_timeout + 1);
          break;
        }
      }
    }
  }

  // setTotalExpectedExecutors: a round at once when nothing is outstanding, else at the next.
  void target_changed() {
    if (outstanding_ == 0) {
      rounds_.erase(host_.now());
      run_round();
    } else {
      request_round();
    }
  }

  // ---- Dynamic allocation ----------------------------------------------------------------------

  void request_tick(SimTime at_or_after) {
    if (!manager_ || !driver_running_ || done_) return;
    schedule(ticks_, next_grid(at_or_after, last_tick_, kTickMs), &SparkWorkload::run_tick);
  }
  void request_tick() { request_tick(host_.now()); }

  void run_tick() {
    const SimTime now = host_.now();
    // The allocator's round at this instant comes first; if none was due, it ran with nothing to
    // do, so a round this tick asks for is the next one.
    if (rounds_.erase(now)) {
      run_round();
    } else if ((now - anchor_) % pods_.allocation_batch_delay.millis == 0) {
      last_round_ = std::max(last_round_, now);
    }
    last_tick_ = now;
    workloads::ExecutorAllocationManager::Tick tick = manager_->tick(now, remaining_, running_);
    for (int32_t id : tick.released) release(id);
    if (tick.target_changed) target_changed();
    if (auto deadline = manager_->next_deadline(now)) request_tick(*deadline);
  }

  // Kills an idle executor: it takes no more tasks, and its pod is deleted after the grace period
  // (until then the allocator counts it as running).
  void release(int32_t id) {
    Executor& e = executors_.at(id);
    e.released = true;
    const uint64_t pod = e.pod;
    host_.after(pods_.dynamic_allocation->delete_grace_period.millis, [this, id, pod] {
      if (done_ || !pod_ids_.erase(pod)) return;
      executors_.erase(id);
      host_.finish_pod(pod);
      request_round();
    });
  }

  // ---- Stages and tasks ------------------------------------------------------------------------

  const workloads::SparkStage& stage() const { return app_.stages[stage_]; }

  // Every stage of a job but its last writes shuffle output.
  bool shuffle_map_stage() const {
    return stage_ + 1 < app_.stages.size() && app_.stages[stage_ + 1].job == stage().job;
  }

  std::vector<int32_t> offerable() const {
    std::vector<int32_t> ids;
    for (const auto& [id, e] : executors_)
      if (e.running && !e.released) ids.push_back(id);
    return ids;
  }

  void start_stage() {
    remaining_ = stage().tasks;
    if (manager_) {
      manager_->stage_submitted(host_.now());
      request_tick();
    }
    dispatch(offerable());
  }

  // Offers free slots of `ids` (in id order), one task per executor per pass.
  void dispatch(const std::vector<int32_t>& ids) {
    if (done_ || remaining_ <= 0) return;
    std::map<int32_t, int64_t> assigned;
    bool progress = true;
    while (remaining_ > 0 && progress) {
      progress = false;
      for (int32_t id : ids) {
        auto it = executors_.find(id);
        if (it == executors_.end() || !it->second.running || it->second.released) continue;
        Executor& e = it->second;
        if (e.busy >= pods_.task_slots_per_executor || remaining_ == 0) continue;
        ++e.busy;
        ++assigned[id];
        --remaining_;
        ++running_;
        progress = true;
      }
    }
    if (assigned.empty()) return;
    if (manager_) {
      for (const auto& [id, n] : assigned) manager_->tasks_started(id, n);
      if (remaining_ == 0) manager_->queue_empty();
      request_tick();
    }
    const uint64_t token = ++waves_started_;
    waves_.push_back({token, shuffle_map_stage(), std::move(assigned)});
    host_.after(stage().task_duration.millis, [this, token] { wave_done(token); });
  }

  void wave_done(uint64_t token) {
    if (done_) return;
    auto it =
        std::find_if(waves_.begin(), waves_.end(), [&](const Wave& w) { return w.token == token; });
    if (it == waves_.end()) return;
    Wave wave = std::move(*it);
    waves_.erase(it);
    std::vector<int32_t> freed;
    for (const auto& [id, n] : wave.tasks) {
      Executor& e = executors_.at(id);
      e.busy -= n;
      running_ -= n;
      freed.push_back(id);
      if (manager_) manager_->tasks_ended(id, n, wave.shuffle_output, host_.now());
    }
    if (manager_) request_tick();
    if (remaining_ == 0 && running_ == 0) {
      stage_done();
    } else {
      dispatch(freed);
    }
  }

  void stage_done() {
    const bool job_ends = !shuffle_map_stage();
    if (job_ends && manager_) manager_->job_ended();
    if (++stage_ == app_.stages.size()) {
      finish(true);
      return;
    }
    start_stage();
  }

  void finish(bool succeeded) {
    done_ = true;
    for (const auto& [id, e] : executors_) host_.finish_pod(e.pod);
    executors_.clear();
    pod_ids_.clear();
    if (succeeded) host_.finish_pod(driver_);
    host_.finish_application(*this);
  }

  static constexpr int64_t kTickMs = 100;  // ExecutorAllocationManager's schedule interval
  // spark.dynamicAllocation.executorIdleTimeout's default, which the allocator reads even
  // without dynamic allocation (where the target never falls, so it never matters).
  static constexpr int64_t kDefaultIdleTimeoutMs = 60'000;

  WorkloadHost& host_;
  workloads::SparkApplication app_;
  workloads::SparkPods pods_;
  std::optional<workloads::ExecutorAllocationManager> manager_;  // with dynamic allocation
  uint64_t driver_ = 0;
  bool driver_running_ = false;
  bool done_ = false;
  SimTime anchor_ = 0;                     // the driver's start: both grids count from it
  SimTime last_round_ = 0;                 // the last allocator round simulated
  SimTime last_tick_ = 0;                  // the last allocation-manager tick simulated
  std::set<SimTime> rounds_, ticks_;       // scheduled and not yet run
  int32_t outstanding_ = 0;                // numOutstandingPods after the last round
  int32_t executor_ids_ = 0;               // the last executor id given
  std::map<int32_t, Executor> executors_;  // executors with a pod, by id
  std::map<uint64_t, int32_t> pod_ids_;    // their pods → ids
  size_t stage_ = 0;
  int64_t remaining_ = 0;  // tasks of the current stage not started
  int64_t running_ = 0;    // tasks running
  std::deque<Wave> waves_;
  uint64_t waves_started_ = 0;
};

}  // namespace

std::unique_ptr<Workload> make_pod_workload(WorkloadHost& host, model::Pod pod,
                                            std::optional<model::Duration> run_time) {
  return std::make_unique<PodWorkload>(host, std::move(pod), run_time);
}
std::unique_ptr<Workload> make_deployment_workload(WorkloadHost& host,
                                                   const model::Deployment& deployment) {
  return std::make_unique<DeploymentWorkload>(host, deployment);
}
std::unique_ptr<Workload> make_job_workload(WorkloadHost& host, const model::Job& job,
                                            model::Duration run_time) {
  return std::make_unique<JobWorkload>(host, job, run_time);
}
std::unique_ptr<Workload> make_spark_workload(WorkloadHost& host, workloads::SparkApplication app,
                                              workloads::SparkPods pods) {
  return std::make_unique<SparkWorkload>(host, std::move(app), std::move(pods));
}

}  // namespace nw::sim
