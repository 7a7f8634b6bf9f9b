// The controllers that turn the scenario's workload into pods: a bare Pod, a Deployment (its
// replicas run until the end and are replaced when evicted), a Job (pods that run for the run
// time and complete, until `completions` have), and a Spark application (the driver first; once
// it runs, executors requested as Spark's ExecutorPodsAllocator requests them, and with dynamic
// allocation as many as its ExecutorAllocationManager wants (workloads/dynamic_allocation.h);
// stages of tasks run on the executors' task slots; at the last stage's end the executors are
// deleted and the driver completes). They talk to the simulated cluster through WorkloadHost.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/pod.h"
#include "model/workload.h"
#include "sim/scenario.h"
#include "workloads/spark.h"

namespace nw::sim {

class Workload;

// What a workload may do to the cluster.
class WorkloadHost {
 public:
  virtual ~WorkloadHost() = default;
  virtual SimTime now() const = 0;
  virtual void after(int64_t delay_ms, std::function<void()> action) = 0;
  // Creates a pending pod owned by `owner`; `role` is "driver", "executor" or "".
  virtual uint64_t create_pod(model::Pod pod, Workload& owner, std::string role) = 0;
  // The pod ends by itself (completed, or deleted by its owner).
  virtual void finish_pod(uint64_t pod) = 0;
  virtual void finish_application(Workload& workload) = 0;
};

class Workload {
 public:
  virtual ~Workload() = default;
  virtual void submit() = 0;
  virtual void on_started(uint64_t /*pod*/) {}
  // The pod was evicted or its node went away; the owner decides whether to replace it.
  virtual void on_lost(uint64_t /*pod*/) {}

  std::string name, namespace_, kind;
  size_t record = 0;  // index of its ApplicationRecord, set by the host
};

std::unique_ptr<Workload> make_pod_workload(WorkloadHost& host, model::Pod pod,
                                            std::optional<model::Duration> run_time);
std::unique_ptr<Workload> make_deployment_workload(WorkloadHost& host,
                                                   const model::Deployment& deployment);
std::unique_ptr<Workload> make_job_workload(WorkloadHost& host, const model::Job& job,
                                            model::Duration run_time);
// `pods` must be spark_pods(app)'s result (the scenario decoder has validated the app).
std::unique_ptr<Workload> make_spark_workload(WorkloadHost& host, workloads::SparkApplication app,
                                              workloads::SparkPods pods);

}  // namespace nw::sim
