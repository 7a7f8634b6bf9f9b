// A launchable instance type: a catalog row resolved for one region and one node class, as
// Karpenter's AWS provider builds cloudprovider.InstanceType (karpenter-core.md §1.9, §8.5;
// aws/karpenter-provider-aws pkg/providers/instancetype/types.go).
//
// Assumes: AL2023 nodes (ENI-limited pod density, kube-reserved memory from the node's pod count,
// podsPerCore honoured, evictionSoft not counted), Linux only, prices from the us-east-1 columns
// whatever the region (catalog/region.h), and every offering available (no capacity errors are
// simulated here). Kubelet values were validated by the input layer: maxPods and podsPerCore are
// within the API's int32 range and reserved amounts are non-negative.
//
// Guarantees, all in integer canonical units (model/resources.h):
//   capacity.cpu     = vcpu × 1000 m
//   capacity.memory  = (m − ceil(m × 75 / 1000)) MiB, m = memory_mib, minus 64 MiB first on arm64
//                      (Karpenter: Graviton CMA reservation); the 7.5 % is the VM overhead
//                      Karpenter assumes until it has seen a node of the type
//   capacity.ephemeral-storage = root volume (default 20Gi)
//   capacity.pods    = kubelet maxPods if set, else the catalog's ENI-limited max_pods; then
//                      capped at podsPerCore × vcpu when podsPerCore > 0
//   capacity.<gpu>   = gpu_count, under nvidia.com/gpu, amd.com/gpu or habana.ai/gaudi
//   kube-reserved    = cpu 6 % of core 1, 1 % of core 2, 0.5 % of cores 3-4, 0.25 % above
//                      (per range, truncated to whole millicores); memory 11 MiB × pods +
//                      255 MiB; ephemeral-storage 1Gi; kubelet kubeReserved replaces per resource
//   system-reserved  = kubelet systemReserved (nothing by default)
//   eviction         = memory.available 100Mi, nodefs.available 10 %, evictionHard replaces per
//                      signal; a percentage is of capacity, rounded up; 100 % disables (= 0)
//   allocatable      = capacity − kube − system − eviction, clamped at zero.
// Requirements carry one entry per label; a label the type lacks is stated as DoesNotExist, as
// Karpenter does, so that e.g. "instance-gpu-count Gt 0" excludes types without GPUs. The zone
// and capacity-type values are those of the available offerings (all region zones whenever the
// type has any price; empty sets when it has none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "model/kubelet.h"
#include "model/requirements.h"
#include "model/resources.h"

namespace nw::catalog {

inline constexpr std::string_view kLabelInstanceType = "node.kubernetes.io/instance-type";
inline constexpr std::string_view kLabelArch = "kubernetes.io/arch";
inline constexpr std::string_view kLabelOs = "kubernetes.io/os";
inline constexpr std::string_view kLabelCapacityType = "karpenter.sh/capacity-type";
inline constexpr std::string_view kLabelZone = "topology.kubernetes.io/zone";
inline constexpr std::string_view kLabelRegion = "topology.kubernetes.io/region";
inline constexpr std::string_view kLabelInstanceCategory = "karpenter.k8s.aws/instance-category";
inline constexpr std::string_view kLabelInstanceFamily = "karpenter.k8s.aws/instance-family";
inline constexpr std::string_view kLabelInstanceGeneration =
    "karpenter.k8s.aws/instance-generation";
inline constexpr std::string_view kLabelInstanceSize = "karpenter.k8s.aws/instance-size";
inline constexpr std::string_view kLabelInstanceCpu = "karpenter.k8s.aws/instance-cpu";
inline constexpr std::string_view kLabelInstanceMemory = "karpenter.k8s.aws/instance-memory";
inline constexpr std::string_view kLabelInstanceLocalNvme = "karpenter.k8s.aws/instance-local-nvme";
inline constexpr std::string_view kLabelInstanceGpuCount = "karpenter.k8s.aws/instance-gpu-count";
inline constexpr std::string_view kLabelInstanceGpuName = "karpenter.k8s.aws/instance-gpu-name";
inline constexpr std::string_view kLabelInstanceHypervisor =
    "karpenter.k8s.aws/instance-hypervisor";
inline constexpr std::string_view kLabelInstanceNetworkBandwidth =
    "karpenter.k8s.aws/instance-network-bandwidth";

enum class CapacityType { OnDemand, Spot };
// The karpenter.sh/capacity-type label value: "on-demand" or "spot".
std::string_view to_string(CapacityType type);

struct Offering {
  std::string zone;  // "us-east-1a"
  CapacityType capacity_type = CapacityType::OnDemand;
  int64_t price_micro_usd_per_hour = 0;  // >= 0
  std::optional<int> interruption_band;  // Spot only, 0..4, when the advisor lists the type
  bool available = true;
  friend bool operator==(const Offering&, const Offering&) = default;
};

// Karpenter's InstanceTypeOverhead: what the node keeps for itself out of capacity.
struct Overhead {
  model::Resources kube_reserved;
  model::Resources system_reserved;
  model::Resources eviction_threshold;
  model::Resources total() const { return kube_reserved + system_reserved + eviction_threshold; }
};

class InstanceType {
 public:
  InstanceType(const InstanceTypeInfo& info, const Region& region,
               const model::CapacitySettings& settings);

  const std::string& name() const { return info_.name; }
  const InstanceTypeInfo& info() const { return info_; }
  const model::Requirements& requirements() const { return requirements_; }
  // One per (zone × capacity type) that has a price, zone-major, on-demand before spot. Empty
  // when the catalog has no price for the type: it stays in the list of types, but no NodePool
  // admits it (catalog::admitted needs an offering), so it is never listed or launched.
  const std::vector<Offering>& offerings() const { return offerings_; }
  const model::Resources& capacity() const { return capacity_; }
  const Overhead& overhead() const { return overhead_; }
  const model::Resources& allocatable() const { return allocatable_; }
  // Lowest price among available offerings of that capacity type; nullopt when there is none.
  std::optional<int64_t> cheapest_price(CapacityType type) const;

  // Marks each offering available or not by `available(offering)` and narrows the zone and
  // capacity-type requirements to the available offerings, as Karpenter's provider does while
  // an offering sits in its unavailable-offerings cache.
  template <typename Predicate>
  void set_availability(Predicate available) {
    for (Offering& offering : offerings_) offering.available = available(offering);
    refresh_requirements();
  }

 private:
  void refresh_requirements();

  InstanceTypeInfo info_;
  std::string region_;
  model::Requirements requirements_;
  std::vector<Offering> offerings_;
  model::Resources capacity_;
  Overhead overhead_;
  model::Resources allocatable_;  // = (capacity_ − overhead_.total()) clamped at zero
};

// One InstanceType per catalog row, in catalog order.
std::vector<InstanceType> build_instance_types(const Catalog& catalog, const Region& region,
                                               const model::CapacitySettings& settings);

}  // namespace nw::catalog
