#include "sim/simulated_ec2.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/quantity.h"

namespace nw::sim {

bool SimulatedEc2::short_of_capacity(const cloud::FleetOverride& o) {
  const SimTime now = clock_.now();
  for (const CapacityShortage& s : model_.shortages) {
    if (now < s.from || now >= s.to) continue;
    if (!s.instance_type.empty() && s.instance_type != o.instance_type->name()) continue;
    if (!s.zone.empty() && s.zone != o.offering.zone) continue;
    if (s.capacity_type && *s.capacity_type != o.offering.capacity_type) continue;
    return true;
  }
  return rng_.chance_ppm(model_.insufficient_capacity_ppm);
}

cloud::FleetResult SimulatedEc2::create_fleet(const cloud::FleetRequest& request) {
  cloud::FleetResult result;
  for (const cloud::FleetOverride& o : request.overrides) {
    if (short_of_capacity(o)) {
      result.insufficient_capacity.push_back(o);
      continue;
    }
    result.launched = o;
    result.instance_id = fmt::format("i-{:017x}", ++launched_);
    const SimTime now = clock_.now();
    instances_[result.instance_id] = {o.instance_type->name(), o.offering, now,
                                      now + rng_.latency(model_.instance_running), kForever};
    break;
  }
  return result;
}

void SimulatedEc2::terminate_instance(const std::string& instance_id) {
  auto it = instances_.find(instance_id);
  if (it == instances_.end() || it->second.terminated != kForever) return;
  it->second.terminated = clock_.now() + rng_.latency(model_.instance_terminated);
}

int64_t billed_micro_usd(int64_t price_micro_usd_per_hour, SimTime running, SimTime stop,
                         int64_t minimum_billed_ms) {
  if (stop <= running) return 0;  // it never ran
  const int64_t billed = std::max(stop - running, minimum_billed_ms);
  const model::Int128 micro = static_cast<model::Int128>(price_micro_usd_per_hour) * billed;
  return static_cast<int64_t>((micro + 1'800'000) / 3'600'000);  // rounded to the micro-dollar
}

int64_t SimulatedEc2::cost_micro_usd(const std::string& id, SimTime end) const {
  const Instance& instance = instances_.at(id);
  return billed_micro_usd(instance.offering.price_micro_usd_per_hour, instance.running,
                          std::min(instance.terminated, end), model_.minimum_billed_ms);
}

}  // namespace nw::sim
