// The AWS half of Karpenter's launch (karpenter-core.md §2.3, §2.4) over an EC2 API: instance
// types from the catalog with the offerings in the unavailable-offerings cache marked
// unavailable; Create as one instant CreateFleet whose overrides are every available offering
// the NodeClaim allows, of the capacity type the launch policy picks (scheduling/launch.h), best
// first; every override EC2 reports short of capacity goes into the cache. The same object runs
// in the simulator (over simulated EC2) and, later, in the live controller (over EC2).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "cloud/catalog_instance_types.h"
#include "cloud/cloud_provider.h"
#include "cloud/ec2.h"
#include "cloud/unavailable_offerings.h"
#include "karpenter/clock.h"
#include "scheduling/launch.h"

namespace nw::cloud {

class AwsCloudProvider : public CloudProvider {
 public:
  AwsCloudProvider(const catalog::Catalog& catalog, catalog::Region region,
                   CatalogInstanceTypes::SettingsFor settings_for, Ec2Api& ec2,
                   const karpenter::Clock& clock,
                   scheduling::SpotAllocation spot_allocation =
                       scheduling::SpotAllocation::PriceCapacityOptimized);

  std::vector<catalog::InstanceType> instance_types(const model::NodePool& pool) const override;
  LaunchResult create(const LaunchRequest& request) override;
  void terminate(const std::string& instance_id) override { ec2_.terminate_instance(instance_id); }
  uint64_t offerings_version() const override { return unavailable_.version(); }

 private:
  CatalogInstanceTypes catalog_types_;
  Ec2Api& ec2_;
  scheduling::SpotAllocation spot_allocation_;
  // The catalog's answer per NodePool, built once: building a region's types costs milliseconds.
  mutable std::map<std::string, std::vector<catalog::InstanceType>> by_pool_;
  mutable UnavailableOfferings unavailable_;
};

}  // namespace nw::cloud
