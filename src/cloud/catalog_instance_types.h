// The instance types a NodePool may launch, answered from the EC2 catalog: what `plan` and the
// simulator use in place of EC2's DescribeInstanceTypes. Capacity follows each NodePool's node
// class (kubelet settings, root volume), so two NodePools may see the same type with different
// allocatable resources.
#pragma once

#include <functional>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "model/kubelet.h"
#include "scheduling/snapshot.h"

namespace nw::cloud {

class CatalogInstanceTypes : public scheduling::InstanceTypeProvider {
 public:
  using SettingsFor = std::function<model::CapacitySettings(const model::NodePool&)>;
  CatalogInstanceTypes(const catalog::Catalog& catalog, catalog::Region region,
                       SettingsFor settings_for)
      : catalog_(catalog), region_(std::move(region)), settings_for_(std::move(settings_for)) {}

  std::vector<catalog::InstanceType> instance_types(const model::NodePool& pool) const override {
    return catalog::build_instance_types(catalog_, region_, settings_for_(pool));
  }

 private:
  const catalog::Catalog& catalog_;
  catalog::Region region_;
  SettingsFor settings_for_;
};

}  // namespace nw::cloud
