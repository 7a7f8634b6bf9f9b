#include "sim/workloads.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

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
class SparkWorkload : public Workload {
 public:
  SparkWorkload(WorkloadHost& host, workloads::SparkApplication app, workloads::SparkPods pods)
      : host_(host), app_(std::move(app)), pods_(std::move(pods)) {
    name = app_.name;
    namespace_ = pods_.driver.meta.namespace_;
    kind = "Spark";
  }

  void submit() override { driver_ = host_.create_pod(pods_.driver, *this, "driver"); }

  void on_started(uint64_t pod) override {
    if (done_) return;
    if (pod == driver_) {
      driver_running_ = true;
      allocate();
      return;
    }
    if (!executors_.contains(pod)) return;
    executors_[pod] = true;
    slots_ += pods_.task_slots_per_executor;
    if (!stage_started_) start_stage();
    dispatch();
  }

  void on_lost(uint64_t pod) override {
    if (done_) return;
    if (pod == driver_) {  // the application fails with its driver
      finish(false);
      return;
    }
    auto it = executors_.find(pod);
    if (it == executors_.end()) return;
    if (it->second) {
      slots_ -= pods_.task_slots_per_executor;
      requeue_excess();
    }
    executors_.erase(it);
    allocate();  // Spark replaces a lost executor with a new one
  }

 private:
  struct Wave {
    uint64_t token;
    int64_t tasks;
  };

  // One allocation round: up to batch.size new executors; another round after batch.delay
  // while fewer than the target exist.
  void allocate() {
    if (done_ || !driver_running_ || allocation_scheduled_) return;
    int64_t missing = pods_.executor_instances - static_cast<int64_t>(executors_.size());
    int64_t batch = std::min<int64_t>(missing, pods_.allocation_batch_size);
    for (int64_t i = 0; i < batch; ++i) {
      model::Pod pod = workloads::executor_pod(app_, pods_, ++executor_ids_);
      executors_[host_.create_pod(std::move(pod), *this, "executor")] = false;
    }
    if (missing > batch) {
      allocation_scheduled_ = true;
      host_.after(pods_.allocation_batch_delay.millis, [this] {
        allocation_scheduled_ = false;
        allocate();
      });
    }
  }

  void start_stage() {
    stage_started_ = true;
    remaining_ = app_.stages[stage_].tasks;
    if (remaining_ == 0) stage_done();
  }

  void dispatch() {
    if (done_) return;
    const int64_t free = slots_ - running_;
    if (free <= 0 || remaining_ <= 0) return;
    const int64_t n = std::min(free, remaining_);
    remaining_ -= n;
    running_ += n;
    const uint64_t token = ++waves_started_;
    waves_.push_back({token, n});
    host_.after(app_.stages[stage_].task_duration.millis, [this, token] { wave_done(token); });
  }

  void wave_done(uint64_t token) {
    if (done_) return;
    auto it =
        std::find_if(waves_.begin(), waves_.end(), [&](const Wave& w) { return w.token == token; });
    if (it == waves_.end()) return;  // its tasks were lost with their executors
    running_ -= it->tasks;
    waves_.erase(it);
    if (remaining_ == 0 && running_ == 0) {
      stage_done();
    } else {
      dispatch();
    }
  }

  void stage_done() {
    if (++stage_ == app_.stages.size()) {
      finish(true);
      return;
    }
    start_stage();
    dispatch();
  }

  // Tasks running on more slots than remain go back to the queue, newest waves first.
  void requeue_excess() {
    int64_t excess = running_ - slots_;
    while (excess > 0 && !waves_.empty()) {
      Wave& wave = waves_.back();
      const int64_t take = std::min(excess, wave.tasks);
      wave.tasks -= take;
      running_ -= take;
      remaining_ += take;
      excess -= take;
      if (wave.tasks == 0) waves_.pop_back();
    }
  }

  void finish(bool succeeded) {
    done_ = true;
    for (const auto& [pod, running] : executors_) host_.finish_pod(pod);
    executors_.clear();
    if (succeeded) host_.finish_pod(driver_);
    host_.finish_application(*this);
  }

  WorkloadHost& host_;
  workloads::SparkApplication app_;
  workloads::SparkPods pods_;
  uint64_t driver_ = 0;
  bool driver_running_ = false;
  bool done_ = false;
  bool allocation_scheduled_ = false;
  int32_t executor_ids_ = 0;
  std::map<uint64_t, bool> executors_;  // pod → running
  int64_t slots_ = 0;
  size_t stage_ = 0;
  bool stage_started_ = false;
  int64_t remaining_ = 0;  // tasks of the current stage not started
  int64_t running_ = 0;
  std::deque<Wave> waves_;  // tasks started together, oldest first
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
