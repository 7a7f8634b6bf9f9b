#include "cloud/aws_cloud_provider.h"

#include <fmt/format.h>

#include "catalog/selection.h"

namespace nw::cloud {

AwsCloudProvider::AwsCloudProvider(const catalog::Catalog& catalog, catalog::Region region,
                                   CatalogInstanceTypes::SettingsFor settings_for, Ec2Api& ec2,
                                   const karpenter::Clock& clock,
                                   scheduling::SpotAllocation spot_allocation)
    : catalog_types_(catalog, std::move(region), std::move(settings_for)),
      ec2_(ec2),
      spot_allocation_(spot_allocation),
      unavailable_(clock) {}

std::vector<catalog::InstanceType> AwsCloudProvider::instance_types(
    const model::NodePool& pool) const {
  auto it = by_pool_.find(pool.meta.name);
  if (it == by_pool_.end()) {
    it = by_pool_.emplace(pool.meta.name, catalog_types_.instance_types(pool)).first;
  }
  std::vector<catalog::InstanceType> types = it->second;
  if (unavailable_.empty()) return types;
  for (catalog::InstanceType& type : types) {
    type.set_availability([&](const catalog::Offering& offering) {
      return !unavailable_.contains(type.name(), offering);
    });
  }
  return types;
}

LaunchResult AwsCloudProvider::create(const LaunchRequest& request) {
  const catalog::OfferingFilter filter(request.requirements);
  std::vector<uint64_t> allowed;
  allowed.reserve(request.instance_types.size());
  for (const catalog::InstanceType* type : request.instance_types) {
    uint64_t bits = 0;
    const std::vector<catalog::Offering>& offerings = type->offerings();
    for (size_t k = 0; k < offerings.size() && k < 64; ++k) {
      // The request's types may predate the latest capacity errors: consult the cache too.
      if (filter.allows(offerings[k]) && !unavailable_.contains(type->name(), offerings[k])) {
        bits |= uint64_t{1} << k;
      }
    }
    allowed.push_back(bits);
  }
  std::vector<scheduling::LaunchChoice> ranked =
      scheduling::rank_launches(request.instance_types, allowed, spot_allocation_);
  if (ranked.empty()) {
    return InsufficientCapacity{"all requested instance types were unavailable during launch"};
  }
  FleetRequest fleet;
  fleet.capacity_type = ranked.front().offering.capacity_type;
  for (scheduling::LaunchChoice& choice : ranked) {
    fleet.overrides.push_back({choice.instance_type, std::move(choice.offering)});
  }
  FleetResult result = ec2_.create_fleet(fleet);
  for (const FleetOverride& failed : result.insufficient_capacity) {
    unavailable_.mark(failed.instance_type->name(), failed.offering);
  }
  if (!result.launched) {
    return InsufficientCapacity{
        fmt::format("insufficient capacity for all {} {} offerings requested",
                    fleet.overrides.size(), catalog::to_string(fleet.capacity_type))};
  }
  return Launched{result.instance_id, result.launched->instance_type, result.launched->offering};
}

}  // namespace nw::cloud
