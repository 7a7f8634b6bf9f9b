// Workload controllers the simulator replays as load: Deployments (replicas that run until the
// end) and Jobs (pods that run for a while and complete). Only what shapes the pods they create
// and how long those pods run is modelled; rollout strategies, backoff and the like are not.
#pragma once

#include <cstdint>
#include <optional>

#include "model/duration.h"
#include "model/object_meta.h"
#include "model/pod.h"

namespace nw::model {

// How long a pod of a workload runs once started, for pods that end by themselves: the
// annotation `nodewright.io/run-time` on the object (or its pod template), or the scenario's
// workload item. Absent: the pod runs until the end of the simulation.
inline constexpr std::string_view kRunTimeAnnotation = "nodewright.io/run-time";

struct PodTemplate {
  ObjectMeta meta;  // labels and annotations given to every pod
  PodSpec spec;
  friend bool operator==(const PodTemplate&, const PodTemplate&) = default;
};

struct Deployment {
  ObjectMeta meta;
  int32_t replicas = 1;
  PodTemplate pod_template;
  friend bool operator==(const Deployment&, const Deployment&) = default;
};

struct Job {
  ObjectMeta meta;
  int32_t parallelism = 1;  // pods running at once
  int32_t completions = 1;  // successful pods needed; defaults to parallelism when unset
  PodTemplate pod_template;
  friend bool operator==(const Job&, const Job&) = default;
};

}  // namespace nw::model
