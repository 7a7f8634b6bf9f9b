// A simulation scenario: the cloud, the cluster's scheduler, the workload and the autoscaler
// variants to compare on it. Read from a `kind: Scenario` object (nodewright.io/v1alpha1) next
// to the Kubernetes objects it refers to (docs/scenario.md); values here have their defaults
// applied and have passed validation.
//
// Times are milliseconds since the scenario starts (SimTime); probabilities are parts per
// million, so no decision reads a floating-point number.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/instance_type.h"
#include "cluster_autoscaler/settings.h"
#include "model/duration.h"
#include "workloads/spark.h"

namespace nw::sim {

using SimTime = int64_t;  // milliseconds since the start of the scenario
inline constexpr SimTime kForever = std::numeric_limits<SimTime>::max();

// A latency drawn uniformly from [min, max] milliseconds; min == max is a fixed latency.
struct Latency {
  int64_t min_ms = 0;
  int64_t max_ms = 0;
  friend bool operator==(const Latency&, const Latency&) = default;
};

// Offerings EC2 has no capacity for: those matching every field set here, while the window is
// open. An unset field matches every value.
struct CapacityShortage {
  std::string instance_type;
  std::string zone;
  std::optional<catalog::CapacityType> capacity_type;
  SimTime from = 0;
  SimTime to = kForever;  // exclusive
  friend bool operator==(const CapacityShortage&, const CapacityShortage&) = default;
};

// The simulated EC2. The defaults put a Karpenter scale-up (pod pending → running on a new node)
// at about 50 s: 1–2 s of batching, 10 s to a running instance, 25 s to register, 8 s to Ready,
// then the pod's start-up delay (SchedulerModel).
struct CloudModel {
  Latency instance_running{8'000, 12'000};  // CreateFleet → instance running
  Latency node_registered{22'000, 28'000};  // running → Node object registered
  Latency node_ready{6'000, 10'000};        // registered → Node Ready
  Latency instance_terminated{0, 0};        // TerminateInstances → billing stops
  // SetDesiredCapacity → the Auto Scaling group's scaling activity launches the instance (Cluster
  // Autoscaler variants only; Karpenter calls CreateFleet itself). A simulator assumption, not a
  // published figure: an ASG's activity typically starts within seconds of the request.
  Latency scaling_activity{5'000, 15'000};
  // Chance that one launch attempt finds an offering short of capacity, independently per
  // offering tried.
  int64_t insufficient_capacity_ppm = 0;
  std::vector<CapacityShortage> shortages;
  int64_t minimum_billed_ms = 60'000;  // EC2 per-second billing with a 60 s minimum
  friend bool operator==(const CloudModel&, const CloudModel&) = default;
};

// kube-scheduler's NodeResourcesFit scoring strategy (cas-yunikorn-spark.md §6).
enum class ScoringStrategy { LeastAllocated, MostAllocated };

struct SchedulerModel {
  ScoringStrategy scoring = ScoringStrategy::LeastAllocated;
  Latency pod_startup{3'000, 5'000};  // bound → running (image pull, container start)
  friend bool operator==(const SchedulerModel&, const SchedulerModel&) = default;
};

// Karpenter's settings that are not on a NodePool (karpenter-core.md §1.1).
struct KarpenterSettings {
  model::Duration batch_idle = model::Duration::seconds(1);
  model::Duration batch_max = model::Duration::seconds(10);
  // nodewright's packing improvement after Karpenter's pass (off: Karpenter's own choices).
  bool improve_packing = true;
  friend bool operator==(const KarpenterSettings&, const KarpenterSettings&) = default;
};

enum class AutoscalerKind { Karpenter, ClusterAutoscaler };
// As a Scenario spells it: "karpenter" or "cluster-autoscaler".
inline std::string_view to_string(AutoscalerKind kind) {
  return kind == AutoscalerKind::Karpenter ? "karpenter" : "cluster-autoscaler";
}

// One autoscaler configuration to run the workload under: Karpenter with some of the inputs'
// NodePools, or the Cluster Autoscaler with some of the node groups of the inputs' eksctl
// ClusterConfigs.
struct Variant {
  std::string name;
  AutoscalerKind autoscaler = AutoscalerKind::Karpenter;
  std::vector<std::string> node_pools;  // Karpenter: names of NodePools; empty = all
  KarpenterSettings karpenter;
  std::vector<std::string> node_groups;  // Cluster Autoscaler: node-group names; empty = all
  cluster_autoscaler::Settings cluster_autoscaler;
  friend bool operator==(const Variant&, const Variant&) = default;
};

// Something submitted to the cluster at a time: a Pod, Deployment or Job among the inputs (by
// name), or a Spark application.
struct WorkloadItem {
  enum class Kind { Pod, Deployment, Job, Spark };
  Kind kind = Kind::Pod;
  SimTime at = 0;
  std::string name;        // the object's name (Pod, Deployment, Job)
  std::string namespace_;  // the object's namespace; empty matches the default namespace
  std::optional<model::Duration> run_time;  // overrides the object's run-time annotation
  std::optional<workloads::SparkApplication> spark;
  friend bool operator==(const WorkloadItem&, const WorkloadItem&) = default;
};

// `count` copies of a Spark application submitted at exponentially distributed intervals with
// mean `mean_interval` from `start` (a Poisson process), drawn from the scenario's seed. Copy i
// is named "<name>-<i>" (i from 1).
struct SparkArrivals {
  SimTime start = 0;
  model::Duration mean_interval;
  int64_t count = 0;
  workloads::SparkApplication application;
  friend bool operator==(const SparkArrivals&, const SparkArrivals&) = default;
};

struct Scenario {
  std::string name;
  std::string region = "us-east-1";
  std::vector<std::string> zones;  // the subnets' zones; empty = every zone of the region
  SimTime duration = 3'600'000;    // the simulation stops here, whatever is still running
  uint64_t seed = 1;
  model::Duration sample_interval = model::Duration::seconds(10);  // timeline CSV resolution
  CloudModel cloud;
  SchedulerModel scheduler;
  std::vector<WorkloadItem> workload;  // sorted by `at`, stable
  std::vector<SparkArrivals> arrivals;
  std::vector<Variant> variants;  // at least one
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace nw::sim
