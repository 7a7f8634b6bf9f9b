#include "catalog/instance_type.h"

#include <algorithm>
#include <utility>

namespace nw::catalog {
namespace {

using model::Requirement;
using model::Resources;

constexpr int64_t kMiB = int64_t{1} << 20;
constexpr int64_t kGiB = int64_t{1} << 30;
constexpr int64_t kDefaultRootVolumeBytes = 20 * kGiB;  // Karpenter's AL2023 default EBS volume
// Graviton kernels reserve 64 MiB for the contiguous memory allocator; Karpenter subtracts it
// before applying the VM overhead.
constexpr int64_t kGravitonCmaMiB = 64;
constexpr int64_t kVmOverheadPerMille = 75;  // VM_MEMORY_OVERHEAD_PERCENT = 7.5 %

// Ceiling division for non-negative operands.
int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

// The catalog has no GPU-manufacturer column, so the device-plugin resource is inferred from the
// model name. The only non-NVIDIA GPUs in the data are AMD Radeon Pro (g4ad) and Habana Gaudi
// (dl1); every other gpu_name in data/ec2-instance-types.csv is an NVIDIA part.
std::string_view gpu_resource_name(std::string_view gpu_name) {
  if (gpu_name.starts_with("radeon")) return "amd.com/gpu";
  if (gpu_name.starts_with("gaudi")) return "habana.ai/gaudi";
  return "nvidia.com/gpu";
}

int64_t memory_capacity_bytes(const InstanceTypeInfo& info) {
  const int64_t mib = info.memory_mib - (info.arch == "arm64" ? kGravitonCmaMiB : 0);
  const int64_t usable_mib = mib - ceil_div(mib * kVmOverheadPerMille, 1000);
  return std::max<int64_t>(usable_mib, 0) * kMiB;
}

int64_t pods_capacity(const InstanceTypeInfo& info, const model::KubeletConfiguration& kubelet) {
  int64_t pods = kubelet.max_pods.value_or(info.max_pods);
  if (kubelet.pods_per_core.value_or(0) > 0) {
    pods = std::min(pods, *kubelet.pods_per_core * info.vcpu);
  }
  return pods;
}

// Karpenter's kube-reserved cpu: a percentage of each range of millicores, each range's share
// truncated to a whole millicore (Go: int64(float64(millis) * pct)). Basis points keep it exact;
// for whole-core capacities the two agree.
int64_t kube_reserved_cpu_milli(int64_t cpu_milli) {
  struct Range {
    int64_t start;
    int64_t end;
    int64_t basis_points;  // 600 = 6 %
  };
  constexpr Range kRanges[] = {
      {0, 1000, 600}, {1000, 2000, 100}, {2000, 4000, 50}, {4000, int64_t{1} << 31, 25}};
  int64_t reserved = 0;
  for (const Range& range : kRanges) {
    if (cpu_milli < range.start) break;
    reserved += (std::min(cpu_milli, range.end) - range.start) * range.basis_points / 10000;
  }
  return reserved;
}

Overhead compute_overhead(const Resources& capacity, const model::KubeletConfiguration& kubelet) {
  Overhead overhead;
  overhead.kube_reserved.set(model::kCpu, kube_reserved_cpu_milli(capacity.cpu_milli()));
  overhead.kube_reserved.set(model::kMemory, (11 * capacity.pods() + 255) * kMiB);
  overhead.kube_reserved.set(model::kEphemeralStorage, kGiB);
  for (const auto& [resource, amount] : kubelet.kube_reserved) {
    overhead.kube_reserved.set(resource, amount);
  }
  for (const auto& [resource, amount] : kubelet.system_reserved) {
    overhead.system_reserved.set(resource, amount);
  }

  Resources& eviction = overhead.eviction_threshold;
  eviction.set(model::kMemory, 100 * kMiB);
  eviction.set(model::kEphemeralStorage, ceil_div(capacity.ephemeral_bytes() * 10, 100));
  for (const model::EvictionThreshold& threshold : kubelet.eviction_hard) {
    std::string_view resource;
    if (threshold.signal == "memory.available") {
      resource = model::kMemory;
    } else if (threshold.signal == "nodefs.available") {
      resource = model::kEphemeralStorage;
    } else {
      continue;  // other signals (imagefs, pid) do not reduce allocatable
    }
    int64_t amount = threshold.amount.value_or(0);
    if (threshold.percent) {
      // The kubelet treats 100 % as "threshold disabled", and so does Karpenter.
      const int64_t percent = *threshold.percent == 100 ? 0 : *threshold.percent;
      amount = ceil_div(capacity.get(resource) * percent, 100);
    }
    eviction.set(resource, amount);
  }
  return overhead;
}

std::vector<Offering> compute_offerings(const InstanceTypeInfo& info, const Region& region) {
  std::vector<Offering> offerings;
  offerings.reserve(2 * region.zones().size());
  for (const std::string& zone : region.zones()) {
    if (info.od_price_micro_usd_per_hour) {
      offerings.push_back(
          {zone, CapacityType::OnDemand, *info.od_price_micro_usd_per_hour, std::nullopt, true});
    }
    if (info.spot_price_micro_usd_per_hour) {
      offerings.push_back({zone, CapacityType::Spot, *info.spot_price_micro_usd_per_hour,
                           info.interruption_band, true});
    }
  }
  return offerings;
}

model::Requirements compute_requirements(const InstanceTypeInfo& info, const std::string& region,
                                         const std::vector<Offering>& offerings) {
  // Zones and capacity types come from the available offerings, as in Karpenter, so a type with
  // no price has empty sets there and can never match a zone or capacity-type constraint.
  std::vector<std::string> zones;
  std::vector<std::string> capacity_types;
  zones.reserve(offerings.size());
  capacity_types.reserve(offerings.size());
  for (const Offering& offering : offerings) {
    if (!offering.available) continue;
    zones.push_back(offering.zone);
    capacity_types.emplace_back(to_string(offering.capacity_type));
  }

  std::vector<Requirement> items;
  items.reserve(17);  // one per label below
  const auto in = [&](std::string_view key, std::vector<std::string> values) {
    items.push_back(Requirement::in(std::string(key), std::move(values)));
  };
  const auto in_or_absent = [&](std::string_view key, bool present, std::string value) {
    items.push_back(present ? Requirement::in(std::string(key), {std::move(value)})
                            : Requirement::does_not_exist(std::string(key)));
  };
  in(kLabelInstanceType, {info.name});
  in(kLabelArch, {info.arch});
  in(kLabelOs, {"linux"});
  in(kLabelCapacityType, std::move(capacity_types));
  in(kLabelZone, std::move(zones));
  in(kLabelRegion, {region});
  in(kLabelInstanceCategory, {info.category});
  in(kLabelInstanceFamily, {info.family});
  in(kLabelInstanceGeneration, {std::to_string(info.generation)});
  in(kLabelInstanceSize, {info.size});
  in(kLabelInstanceCpu, {std::to_string(info.vcpu)});
  in(kLabelInstanceMemory, {std::to_string(info.memory_mib)});
  in_or_absent(kLabelInstanceLocalNvme, info.local_nvme_gb.has_value(),
               std::to_string(info.local_nvme_gb.value_or(0)));
  in_or_absent(kLabelInstanceGpuCount, info.gpu_count > 0, std::to_string(info.gpu_count));
  in_or_absent(kLabelInstanceGpuName, !info.gpu_name.empty(), info.gpu_name);
  in_or_absent(kLabelInstanceHypervisor, !info.hypervisor.empty(), info.hypervisor);
  in_or_absent(kLabelInstanceNetworkBandwidth, info.network_mbps.has_value(),
               std::to_string(info.network_mbps.value_or(0)));
  return model::Requirements(std::move(items));
}

}  // namespace

void InstanceType::refresh_requirements() {
  requirements_ = compute_requirements(info_, region_, offerings_);
}

std::string_view to_string(CapacityType type) {
  return type == CapacityType::Spot ? "spot" : "on-demand";
}

InstanceType::InstanceType(const InstanceTypeInfo& info, const Region& region,
                           const model::CapacitySettings& settings)
    : info_(info), region_(region.name()), offerings_(compute_offerings(info, region)) {
  requirements_ = compute_requirements(info_, region_, offerings_);
  capacity_.set(model::kCpu, info.vcpu * 1000);
  capacity_.set(model::kMemory, memory_capacity_bytes(info));
  capacity_.set(model::kEphemeralStorage,
                settings.root_volume_bytes.value_or(kDefaultRootVolumeBytes));
  capacity_.set(model::kPods, pods_capacity(info, settings.kubelet));
  if (info.gpu_count > 0) capacity_.set(gpu_resource_name(info.gpu_name), info.gpu_count);
  overhead_ = compute_overhead(capacity_, settings.kubelet);
  allocatable_ = (capacity_ - overhead_.total()).clamped_at_zero();
}

std::optional<int64_t> InstanceType::cheapest_price(CapacityType type) const {
  std::optional<int64_t> cheapest;
  for (const Offering& offering : offerings_) {
    if (!offering.available || offering.capacity_type != type) continue;
    if (!cheapest || offering.price_micro_usd_per_hour < *cheapest) {
      cheapest = offering.price_micro_usd_per_hour;
    }
  }
  return cheapest;
}

std::vector<InstanceType> build_instance_types(const Catalog& catalog, const Region& region,
                                               const model::CapacitySettings& settings) {
  std::vector<InstanceType> types;
  types.reserve(catalog.size());
  for (const InstanceTypeInfo& info : catalog.types()) types.emplace_back(info, region, settings);
  return types;
}

}  // namespace nw::catalog
