#include "sim/simulated_auto_scaling.h"

#include <algorithm>

namespace nw::sim {

SimulatedAutoScaling::SimulatedAutoScaling(const CloudModel& model, Rng& rng, EventLoop& loop,
                                           SimulatedEc2& ec2,
                                           const std::vector<cluster_autoscaler::NodeGroup>& groups,
                                           const std::vector<catalog::InstanceType>& types,
                                           Listener listener)
    : model_(model),
      rng_(rng),
      loop_(loop),
      ec2_(ec2),
      types_(types),
      listener_(std::move(listener)) {
  for (const cluster_autoscaler::NodeGroup& spec : groups) {
    Group& group = groups_[spec.name];
    group.spec = &spec;
    group.desired = spec.desired_capacity;
  }
}

void SimulatedAutoScaling::start() {
  for (auto& [name, group] : groups_) activity(group);
}

cluster_autoscaler::GroupStatus SimulatedAutoScaling::describe(const std::string& name) const {
  cluster_autoscaler::GroupStatus status;
  auto it = groups_.find(name);
  if (it == groups_.end()) return status;
  status.desired_capacity = it->second.desired;
  for (const auto& [id, zone] : it->second.instances) status.instances.push_back(id);
  status.last_failed_activity = it->second.last_failed_activity;
  return status;
}

void SimulatedAutoScaling::set_desired_capacity(const std::string& name, int32_t desired) {
  auto it = groups_.find(name);
  if (it == groups_.end()) return;
  Group& group = it->second;
  group.desired = std::clamp(desired, group.spec->min_size, group.spec->max_size);
  if (group.activity_pending || group.desired <= static_cast<int32_t>(group.instances.size())) {
    return;
  }
  group.activity_pending = true;
  loop_.after(rng_.latency(model_.scaling_activity), [this, &group] {
    group.activity_pending = false;
    activity(group);
  });
}

void SimulatedAutoScaling::terminate_instance(const std::string& instance_id) {
  for (auto& [name, group] : groups_) {
    auto it = std::find_if(group.instances.begin(), group.instances.end(),
                           [&](const auto& instance) { return instance.first == instance_id; });
    if (it == group.instances.end()) continue;
    group.instances.erase(it);
    group.desired = std::max(group.desired - 1, 0);
    ec2_.terminate_instance(instance_id);
    listener_.terminated(instance_id);
    return;
  }
}

const catalog::InstanceType* SimulatedAutoScaling::type(const std::string& name) const {
  for (const catalog::InstanceType& t : types_)
    if (t.name() == name) return &t;
  return nullptr;
}

cloud::FleetRequest SimulatedAutoScaling::fleet(const Group& group) const {
  const cluster_autoscaler::NodeGroup& spec = *group.spec;
  // The zone with the fewest instances first, then the others in their listed order.
  std::vector<std::string> zones = spec.zones;
  auto count = [&](const std::string& zone) {
    return std::count_if(group.instances.begin(), group.instances.end(),
                         [&](const auto& instance) { return instance.second == zone; });
  };
  auto first = std::min_element(zones.begin(), zones.end(),
                                [&](const auto& a, const auto& b) { return count(a) < count(b); });
  if (first != zones.end()) std::rotate(zones.begin(), first, first + 1);
  cloud::FleetRequest request;
  request.capacity_type = spec.capacity_type;
  for (const std::string& zone : zones) {
    for (const std::string& name : spec.instance_types) {
      const catalog::InstanceType* t = type(name);
      if (t == nullptr) continue;
      for (const catalog::Offering& offering : t->offerings()) {
        if (offering.zone == zone && offering.capacity_type == spec.capacity_type) {
          request.overrides.push_back({t, offering});
        }
      }
    }
  }
  if (spec.capacity_type == catalog::CapacityType::Spot) {
    std::stable_sort(request.overrides.begin(), request.overrides.end(),
                     [](const cloud::FleetOverride& a, const cloud::FleetOverride& b) {
                       return a.offering.price_micro_usd_per_hour <
                              b.offering.price_micro_usd_per_hour;
                     });
  }
  return request;
}

void SimulatedAutoScaling::activity(Group& group) {
  while (static_cast<int32_t>(group.instances.size()) < group.desired) {
    cloud::FleetResult result = ec2_.create_fleet(fleet(group));
    if (!result.launched) {
      group.last_failed_activity = loop_.now();
      return;
    }
    group.instances.emplace_back(result.instance_id, result.launched->offering.zone);
    listener_.launched(*group.spec, result.instance_id, *result.launched->instance_type,
                       result.launched->offering);
  }
}

}  // namespace nw::sim
