// What one variant's run produced: a record per pod, node and application, and the timeline,
// all in integers (milliseconds, micro-dollars). Reports (src/report/) derive every figure they
// show from these records, so the summary, the CSVs and the table cannot disagree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/quantity.h"
#include "sim/scenario.h"

namespace nw::sim {

inline constexpr SimTime kNever = -1;  // an event that did not happen before the run ended

struct PodRecord {
  std::string name;
  std::string namespace_;
  std::string application;  // the Spark application or workload object it belongs to; may be ""
  std::string role;         // "driver", "executor", or "" for other pods
  int64_t cpu_millis = 0;   // requests
  int64_t memory_bytes = 0;
  SimTime created = 0;
  SimTime bound = kNever;  // the pending time is bound − created
  SimTime started = kNever;
  SimTime finished = kNever;  // completed, deleted or evicted
  std::string node;           // where it was bound; "" if never
  // The pod's share of its node's cost while it was bound there: the node's price × the mean of
  // the pod's cpu and memory fractions of the node's allocatable, over the time bound.
  int64_t cost_micro_usd = 0;
};

struct NodeRecord {
  std::string name;  // the NodeClaim's name; the Node has the same name
  std::string node_pool;
  std::string instance_type;
  std::string zone;
  catalog::CapacityType capacity_type = catalog::CapacityType::OnDemand;
  int64_t price_micro_usd_per_hour = 0;
  int64_t allocatable_cpu_millis = 0;
  int64_t allocatable_memory_bytes = 0;
  SimTime launched = 0;      // the NodeClaim was created and the instance requested
  SimTime running = kNever;  // the instance was running: EC2 bills from here
  SimTime ready = kNever;
  SimTime emptied = kNever;     // the last time its last non-DaemonSet pod left
  SimTime deleted = kNever;     // the instance was terminated
  SimTime terminated = kNever;  // EC2 stopped billing (deleted + the termination latency)
  std::string deletion_reason;  // "empty", "expired", "insufficient capacity", ...
  // billed_micro_usd(price, running, terminated, or the end if kNever) (sim/simulated_ec2.h)
  int64_t cost_micro_usd = 0;
};

struct ApplicationRecord {
  std::string name;
  std::string namespace_;
  std::string kind;  // "Spark", "Job", "Deployment", "Pod"
  SimTime submitted = 0;
  SimTime finished = kNever;  // the duration is finished − submitted
  int64_t pods = 0;
  int64_t cost_micro_usd = 0;  // the sum of its pods' costs
};

// The cluster at one instant (sampled every Scenario::sample_interval, and at the end).
struct TimelineSample {
  SimTime at = 0;
  int64_t nodes_on_demand = 0;  // launched and not yet terminated
  int64_t nodes_spot = 0;
  int64_t pending_pods = 0;  // created and not yet bound
  int64_t cost_rate_micro_usd_per_hour = 0;
  int64_t requested_cpu_millis = 0;    // by pods bound to ready nodes
  int64_t allocatable_cpu_millis = 0;  // of ready nodes
  int64_t requested_memory_bytes = 0;
  int64_t allocatable_memory_bytes = 0;
};

struct RunStatistics {
  int64_t events = 0;             // discrete events processed
  int64_t provisioning_runs = 0;  // Karpenter's provisioning solves, or Cluster Autoscaler loops
  int64_t scheduling_runs = 0;    // kube-scheduler passes
};

struct VariantResult {
  std::string variant;
  AutoscalerKind autoscaler = AutoscalerKind::Karpenter;
  // What an operator maintains for this autoscaler: NodePools, or node groups (ASGs).
  int64_t configuration_objects = 0;
  SimTime ended = 0;                            // the scenario's duration
  std::vector<PodRecord> pods;                  // in creation order
  std::vector<NodeRecord> nodes;                // in launch order
  std::vector<ApplicationRecord> applications;  // in submission order
  std::vector<TimelineSample> timeline;
  // Time-weighted utilisation over the run: ∫ requests dt / ∫ allocatable dt over ready nodes.
  model::Int128 cpu_request_millis_ms = 0, cpu_allocatable_millis_ms = 0;
  model::Int128 memory_request_bytes_ms = 0, memory_allocatable_bytes_ms = 0;
  RunStatistics statistics;
};

}  // namespace nw::sim
