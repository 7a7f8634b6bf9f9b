// Run records built field by field for the report tests (sim/result.h), every field given.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "sim/result.h"

namespace nw::report::testing {

inline sim::PodRecord pod(std::string ns, std::string name, std::string application,
                          std::string role, std::string node, int64_t cpu, int64_t memory,
                          sim::SimTime created, sim::SimTime bound, sim::SimTime started,
                          sim::SimTime finished, int64_t cost) {
  sim::PodRecord p;
  p.namespace_ = std::move(ns);
  p.name = std::move(name);
  p.application = std::move(application);
  p.role = std::move(role);
  p.node = std::move(node);
  p.cpu_millis = cpu;
  p.memory_bytes = memory;
  p.created = created;
  p.bound = bound;
  p.started = started;
  p.finished = finished;
  p.cost_micro_usd = cost;
  return p;
}

inline sim::NodeRecord node(std::string name, std::string pool, std::string type, std::string zone,
                            catalog::CapacityType capacity, int64_t price, int64_t cpu,
                            int64_t memory, sim::SimTime launched, sim::SimTime ready,
                            sim::SimTime emptied, sim::SimTime deleted, std::string reason,
                            int64_t cost) {
  sim::NodeRecord n;
  n.name = std::move(name);
  n.node_pool = std::move(pool);
  n.instance_type = std::move(type);
  n.zone = std::move(zone);
  n.capacity_type = capacity;
  n.price_micro_usd_per_hour = price;
  n.allocatable_cpu_millis = cpu;
  n.allocatable_memory_bytes = memory;
  n.launched = launched;
  n.ready = ready;
  n.emptied = emptied;
  n.deleted = deleted;
  n.deletion_reason = std::move(reason);
  n.cost_micro_usd = cost;
  return n;
}

inline sim::ApplicationRecord application(std::string ns, std::string name, std::string kind,
                                          sim::SimTime submitted, sim::SimTime finished,
                                          int64_t pods, int64_t cost) {
  sim::ApplicationRecord a;
  a.namespace_ = std::move(ns);
  a.name = std::move(name);
  a.kind = std::move(kind);
  a.submitted = submitted;
  a.finished = finished;
  a.pods = pods;
  a.cost_micro_usd = cost;
  return a;
}

}  // namespace nw::report::testing
