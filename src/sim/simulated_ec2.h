// EC2 as the simulator models it: an instant CreateFleet that walks its overrides in order and
// launches the first one with capacity — an override is short of capacity while a scripted
// shortage window covers it, or by the per-attempt probability — an instance that is running
// after the `instance_running` latency, and per-second billing from running to terminated with
// the 60 s minimum. Spot interruptions are to be raised from here (not yet modelled).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cloud/ec2.h"
#include "karpenter/clock.h"
#include "sim/rng.h"
#include "sim/scenario.h"

namespace nw::sim {

// What EC2 bills for an instance of `price_micro_usd_per_hour` that was running from `running`
// until `stop`: the time billed per millisecond but at least `minimum_billed_ms`, rounded to the
// micro-dollar; 0 if it never ran (stop <= running). The one billing formula: the simulated
// instances and the reports' cost over time both use it.
int64_t billed_micro_usd(int64_t price_micro_usd_per_hour, SimTime running, SimTime stop,
                         int64_t minimum_billed_ms);

struct Instance {
  std::string instance_type;
  catalog::Offering offering;
  SimTime requested = 0;
  SimTime running = 0;
  SimTime terminated = kForever;  // billing stops here
};

class SimulatedEc2 : public cloud::Ec2Api {
 public:
  SimulatedEc2(const CloudModel& model, Rng& rng, const karpenter::Clock& clock)
      : model_(model), rng_(rng), clock_(clock) {}

  cloud::FleetResult create_fleet(const cloud::FleetRequest& request) override;
  void terminate_instance(const std::string& instance_id) override;

  const Instance& instance(const std::string& id) const { return instances_.at(id); }
  // What the instance costs, billed until `end` if it is still running then.
  int64_t cost_micro_usd(const std::string& id, SimTime end) const;

 private:
  bool short_of_capacity(const cloud::FleetOverride& o);

  const CloudModel& model_;
  Rng& rng_;
  const karpenter::Clock& clock_;
  std::map<std::string, Instance> instances_;
  uint64_t launched_ = 0;
};

}  // namespace nw::sim
