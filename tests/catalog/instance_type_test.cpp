#include "catalog/instance_type.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace nw::catalog {
namespace {

constexpr int64_t kMiB = int64_t{1} << 20;
constexpr int64_t kGiB = int64_t{1} << 30;

InstanceType build(std::string_view name, const model::CapacitySettings& settings = {},
                   std::string_view region = "us-east-1") {
  const InstanceTypeInfo* info = Catalog::embedded().find(name);
  if (info == nullptr) throw std::runtime_error("not in catalog: " + std::string(name));
  return InstanceType(*info, std::get<Region>(Region::parse(region)), settings);
}

model::Resources resources(int64_t cpu_milli, int64_t memory_bytes, int64_t ephemeral_bytes,
                           int64_t pods) {
  model::Resources r;
  r.set(model::kCpu, cpu_milli);
  r.set(model::kMemory, memory_bytes);
  r.set(model::kEphemeralStorage, ephemeral_bytes);
  r.set(model::kPods, pods);
  return r;
}

// c5d.large: 2 vCPU, 4096 MiB, ENI max pods 29, amd64; default node class (20Gi root volume).
TEST(InstanceType, C5dLargeDefaults) {
  const InstanceType it = build("c5d.large");
  // memory: 4096 − ceil(4096 × 0.075 = 307.2) = 4096 − 308 = 3788 MiB
  EXPECT_EQ(it.capacity(), resources(2000, 3788 * kMiB, 20 * kGiB, 29));
  // cpu: 6 % of 1000m = 60 + 1 % of 1000m = 10 → 70m; memory 11 × 29 + 255 = 574 MiB
  EXPECT_EQ(it.overhead().kube_reserved, resources(70, 574 * kMiB, 1 * kGiB, 0));
  EXPECT_TRUE(it.overhead().system_reserved.empty());
  // eviction: memory 100Mi, nodefs 10 % of 20Gi = 2Gi
  EXPECT_EQ(it.overhead().eviction_threshold, resources(0, 100 * kMiB, 2 * kGiB, 0));
  // cpu 2000 − 70 = 1930m; memory 3788 − 574 − 100 = 3114 MiB; storage 20 − 1 − 2 = 17Gi
  EXPECT_EQ(it.allocatable(), resources(1930, 3114 * kMiB, 17 * kGiB, 29));
}

// c5d.9xlarge: 36 vCPU, 73728 MiB, 234 pods.
TEST(InstanceType, C5d9xlargeDefaults) {
  const InstanceType it = build("c5d.9xlarge");
  // memory: 73728 − ceil(5529.6) = 73728 − 5530 = 68198 MiB
  EXPECT_EQ(it.capacity(), resources(36000, 68198 * kMiB, 20 * kGiB, 234));
  // cpu: 60 + 10 + 0.5 % × 2000m = 10 + 0.25 % × 32000m = 80 → 160m
  // memory: 11 × 234 + 255 = 2829 MiB
  EXPECT_EQ(it.overhead().kube_reserved, resources(160, 2829 * kMiB, 1 * kGiB, 0));
  // cpu 36000 − 160 = 35840m; memory 68198 − 2829 − 100 = 65269 MiB
  EXPECT_EQ(it.allocatable(), resources(35840, 65269 * kMiB, 17 * kGiB, 234));
}

// m5.xlarge: 4 vCPU, 16384 MiB, 58 pods.
TEST(InstanceType, M5XlargeDefaults) {
  const InstanceType it = build("m5.xlarge");
  // memory: 16384 − ceil(1228.8) = 16384 − 1229 = 15155 MiB
  EXPECT_EQ(it.capacity(), resources(4000, 15155 * kMiB, 20 * kGiB, 58));
  // cpu: 60 + 10 + 0.5 % × 2000m = 10 → 80m; memory 11 × 58 + 255 = 893 MiB
  EXPECT_EQ(it.overhead().kube_reserved, resources(80, 893 * kMiB, 1 * kGiB, 0));
  // cpu 3920m; memory 15155 − 893 − 100 = 14162 MiB
  EXPECT_EQ(it.allocatable(), resources(3920, 14162 * kMiB, 17 * kGiB, 58));
}

// r6gd.2xlarge: Graviton (arm64), 8 vCPU, 65536 MiB, 58 pods. Karpenter removes the 64 MiB CMA
// reservation before the 7.5 % VM overhead on arm64.
TEST(InstanceType, R6gd2xlargeArm64) {
  const InstanceType it = build("r6gd.2xlarge");
  // memory: 65536 − 64 = 65472; 65472 − ceil(4910.4) = 65472 − 4911 = 60561 MiB
  EXPECT_EQ(it.capacity(), resources(8000, 60561 * kMiB, 20 * kGiB, 58));
  // cpu: 60 + 10 + 10 + 0.25 % × 4000m = 10 → 90m; memory 893 MiB
  EXPECT_EQ(it.overhead().kube_reserved, resources(90, 893 * kMiB, 1 * kGiB, 0));
  // cpu 7910m; memory 60561 − 893 − 100 = 59568 MiB
  EXPECT_EQ(it.allocatable(), resources(7910, 59568 * kMiB, 17 * kGiB, 58));
  EXPECT_EQ(it.requirements().get(kLabelArch)->values(), std::vector<std::string>{"arm64"});
}

// kubelet maxPods 110 replaces the ENI limit; podsPerCore 4 then caps it at 4 × vCPU.
TEST(InstanceType, MaxPodsAndPodsPerCore) {
  model::CapacitySettings settings;
  settings.kubelet.max_pods = 110;
  settings.kubelet.pods_per_core = 4;

  // m5.xlarge: min(110, 4 × 4) = 16 pods; kube memory 11 × 16 + 255 = 431 MiB
  const InstanceType m5 = build("m5.xlarge", settings);
  EXPECT_EQ(m5.capacity().pods(), 16);
  EXPECT_EQ(m5.overhead().kube_reserved.memory_bytes(), 431 * kMiB);
  // memory 15155 − 431 − 100 = 14624 MiB
  EXPECT_EQ(m5.allocatable(), resources(3920, 14624 * kMiB, 17 * kGiB, 16));

  // c5d.9xlarge: min(110, 4 × 36 = 144) = 110 pods, below its ENI limit of 234
  const InstanceType c5d = build("c5d.9xlarge", settings);
  EXPECT_EQ(c5d.capacity().pods(), 110);
  EXPECT_EQ(c5d.overhead().kube_reserved.memory_bytes(), (11 * 110 + 255) * kMiB);

  // podsPerCore alone caps the ENI limit: c5d.large min(29, 10 × 2) = 20
  model::CapacitySettings per_core;
  per_core.kubelet.pods_per_core = 10;
  EXPECT_EQ(build("c5d.large", per_core).capacity().pods(), 20);
}

// Every kind of override at once on c5d.9xlarge.
TEST(InstanceType, KubeletOverrides) {
  model::CapacitySettings settings;
  settings.root_volume_bytes = 100 * kGiB;
  settings.kubelet.max_pods = 110;
  settings.kubelet.pods_per_core = 4;
  settings.kubelet.kube_reserved = {{"cpu", 500}};
  settings.kubelet.system_reserved = {{"memory", 200 * kMiB}};
  settings.kubelet.eviction_hard = {{"memory.available", std::nullopt, 5},
                                    {"nodefs.available", 1 * kGiB, std::nullopt},
                                    {"imagefs.available", std::nullopt, 50}};
  const InstanceType it = build("c5d.9xlarge", settings);

  // capacity memory 68198 MiB = 71510786048 bytes; pods min(110, 144) = 110
  EXPECT_EQ(it.capacity(), resources(36000, 71510786048, 100 * kGiB, 110));
  // cpu replaced by 500m; memory keeps the default formula: 11 × 110 + 255 = 1465 MiB
  EXPECT_EQ(it.overhead().kube_reserved, resources(500, 1465 * kMiB, 1 * kGiB, 0));
  EXPECT_EQ(it.overhead().system_reserved, resources(0, 200 * kMiB, 0, 0));
  // memory.available 5 % of 71510786048 = 3575539302.4 → 3575539303; nodefs 1Gi; imagefs ignored
  EXPECT_EQ(it.overhead().eviction_threshold, resources(0, 3575539303, 1 * kGiB, 0));
  // cpu 36000 − 500 = 35500m
  // memory 71510786048 − 1465 MiB (1536163840) − 200 MiB (209715200) − 3575539303 = 66189367705
  // storage 100Gi − 1Gi − 1Gi = 98Gi
  EXPECT_EQ(it.allocatable(), resources(35500, 66189367705, 98 * kGiB, 110));
}

// An explicit zero is an override, and 100 % disables an eviction threshold (kubelet semantics).
TEST(InstanceType, ZeroOverridesAndDisabledThresholds) {
  model::CapacitySettings settings;
  settings.kubelet.kube_reserved = {{"memory", 0}, {"ephemeral-storage", 0}};
  settings.kubelet.eviction_hard = {{"memory.available", std::nullopt, 100},
                                    {"nodefs.available", std::nullopt, 100}};
  const InstanceType it = build("c5d.large", settings);
  EXPECT_EQ(it.overhead().kube_reserved, resources(70, 0, 0, 0));
  EXPECT_TRUE(it.overhead().eviction_threshold.empty());
  EXPECT_EQ(it.allocatable(), resources(1930, 3788 * kMiB, 20 * kGiB, 29));
}

TEST(InstanceType, AllocatableIsClampedAtZero) {
  model::CapacitySettings settings;
  settings.kubelet.kube_reserved = {{"cpu", 5000}};  // more than c5d.large's 2000m
  EXPECT_EQ(build("c5d.large", settings).allocatable().cpu_milli(), 0);
}

TEST(InstanceType, GpuCapacityByManufacturer) {
  EXPECT_EQ(build("p3.2xlarge").capacity().get("nvidia.com/gpu"), 1);  // v100
  EXPECT_EQ(build("g4ad.xlarge").capacity().get("amd.com/gpu"), 1);    // radeon-pro-v520
  EXPECT_EQ(build("g4ad.xlarge").capacity().get("nvidia.com/gpu"), 0);
  EXPECT_EQ(build("dl1.24xlarge").capacity().get("habana.ai/gaudi"), 8);
  // g6f is a fractional GPU: gpu_count 0 in the data, so no whole-GPU resource
  EXPECT_EQ(build("g6f.large").capacity().get("nvidia.com/gpu"), 0);
  EXPECT_EQ(build("p3.2xlarge").allocatable().get("nvidia.com/gpu"), 1);
}

TEST(InstanceType, OfferingsPerRegion) {
  const InstanceType east = build("c5d.large");
  ASSERT_EQ(east.offerings().size(), 12u);  // 6 zones × {on-demand, spot}
  EXPECT_EQ(east.offerings()[0],
            (Offering{"us-east-1a", CapacityType::OnDemand, 96000, std::nullopt, true}));
  EXPECT_EQ(east.offerings()[1], (Offering{"us-east-1a", CapacityType::Spot, 31600, 1, true}));
  EXPECT_EQ(east.offerings()[11].zone, "us-east-1f");

  const InstanceType west = build("c5d.large", {}, "us-west-2");
  ASSERT_EQ(west.offerings().size(), 8u);
  EXPECT_EQ(west.offerings()[7], (Offering{"us-west-2d", CapacityType::Spot, 31600, 1, true}));

  const InstanceType eu = build("c5d.large", {}, "eu-west-1");
  ASSERT_EQ(eu.offerings().size(), 6u);
  EXPECT_EQ(eu.offerings()[0].price_micro_usd_per_hour, 96000);  // us-east-1 price everywhere
  EXPECT_EQ(eu.requirements().get(kLabelRegion)->values(), std::vector<std::string>{"eu-west-1"});
}

TEST(InstanceType, CheapestPriceAndMissingPrices) {
  const InstanceType c5d = build("c5d.large");
  EXPECT_EQ(c5d.cheapest_price(CapacityType::OnDemand), 96000);
  EXPECT_EQ(c5d.cheapest_price(CapacityType::Spot), 31600);

  const InstanceType t2 = build("t2.nano");  // on-demand price only
  EXPECT_EQ(t2.offerings().size(), 6u);
  EXPECT_EQ(t2.cheapest_price(CapacityType::Spot), std::nullopt);
  EXPECT_EQ(t2.requirements().get(kLabelCapacityType)->values(),
            std::vector<std::string>{"on-demand"});

  const InstanceType hpc = build("hpc7a.12xlarge");  // no price at all: kept, not launchable
  EXPECT_TRUE(hpc.offerings().empty());
  EXPECT_EQ(hpc.cheapest_price(CapacityType::OnDemand), std::nullopt);
  EXPECT_TRUE(hpc.requirements().get(kLabelCapacityType)->values().empty());
}

TEST(InstanceType, RequirementsCarryEveryLabel) {
  const InstanceType it = build("c5d.large");
  const auto values = [&](std::string_view key) {
    const model::Requirement* r = it.requirements().get(key);
    EXPECT_NE(r, nullptr) << key;
    return r ? r->values() : std::vector<std::string>{};
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(values(kLabelInstanceType), V{"c5d.large"});
  EXPECT_EQ(values(kLabelArch), V{"amd64"});
  EXPECT_EQ(values(kLabelOs), V{"linux"});
  EXPECT_EQ(values(kLabelCapacityType), (V{"on-demand", "spot"}));
  EXPECT_EQ(values(kLabelZone).size(), 6u);
  EXPECT_EQ(values(kLabelRegion), V{"us-east-1"});
  EXPECT_EQ(values(kLabelInstanceCategory), V{"c"});
  EXPECT_EQ(values(kLabelInstanceFamily), V{"c5d"});
  EXPECT_EQ(values(kLabelInstanceGeneration), V{"5"});
  EXPECT_EQ(values(kLabelInstanceSize), V{"large"});
  EXPECT_EQ(values(kLabelInstanceCpu), V{"2"});
  EXPECT_EQ(values(kLabelInstanceMemory), V{"4096"});
  EXPECT_EQ(values(kLabelInstanceLocalNvme), V{"50"});
  EXPECT_EQ(values(kLabelInstanceHypervisor), V{"nitro"});
  EXPECT_EQ(values(kLabelInstanceNetworkBandwidth), V{"750"});
  // Labels the type lacks are DoesNotExist, not missing.
  EXPECT_EQ(it.requirements().get(kLabelInstanceGpuCount)->op(), model::Operator::DoesNotExist);
  EXPECT_EQ(it.requirements().get(kLabelInstanceGpuName)->op(), model::Operator::DoesNotExist);

  EXPECT_EQ(build("c4.large").requirements().get(kLabelInstanceNetworkBandwidth)->op(),
            model::Operator::DoesNotExist);
  EXPECT_EQ(build("c5d.metal").requirements().get(kLabelInstanceHypervisor)->op(),
            model::Operator::DoesNotExist);
  const InstanceType g6f = build("g6f.large");  // fractional GPU: a name, no count
  EXPECT_EQ(g6f.requirements().get(kLabelInstanceGpuName)->values(), V{"l4"});
  EXPECT_EQ(g6f.requirements().get(kLabelInstanceGpuCount)->op(), model::Operator::DoesNotExist);
  EXPECT_EQ(build("p3.2xlarge").requirements().get(kLabelInstanceGpuCount)->values(), V{"1"});
}

TEST(BuildInstanceTypes, OnePerRowInCatalogOrder) {
  const Catalog& catalog = Catalog::embedded();
  const std::vector<InstanceType> types =
      build_instance_types(catalog, std::get<Region>(Region::parse("us-east-1")), {});
  ASSERT_EQ(types.size(), catalog.size());
  for (size_t i = 0; i < types.size(); ++i) EXPECT_EQ(types[i].name(), catalog.types()[i].name);
}

}  // namespace
}  // namespace nw::catalog
