// The kubelet settings that change a node's capacity and allocatable (karpenter-core.md §1.9).
// They come from an EC2NodeClass `spec.kubelet`, a v1alpha5 Provisioner `kubeletConfiguration`,
// or a v1beta1 NodePool's spec.template.spec.kubelet (an AWSNodeTemplate contributes only its
// root volume); everything else those objects hold does not change capacity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/resources.h"

namespace nw::model {

// An eviction threshold is either an absolute amount or a percentage of capacity.
struct EvictionThreshold {
  std::string signal;             // "memory.available", "nodefs.available", ...
  std::optional<int64_t> amount;  // canonical units of the signal's resource
  std::optional<int> percent;     // whole percent, 0..100; set instead of `amount`
  friend bool operator==(const EvictionThreshold&, const EvictionThreshold&) = default;
};

struct KubeletConfiguration {
  std::optional<int64_t> max_pods;
  std::optional<int64_t> pods_per_core;
  // (resource, amount in canonical units). Only the resources listed override the defaults, and an
  // explicit zero is an override, which is why these are lists rather than `Resources`.
  std::vector<std::pair<std::string, int64_t>> kube_reserved;
  std::vector<std::pair<std::string, int64_t>> system_reserved;
  std::vector<EvictionThreshold> eviction_hard;  // overrides the defaults signal by signal
  friend bool operator==(const KubeletConfiguration&, const KubeletConfiguration&) = default;
};

// What a node class contributes to capacity: kubelet settings plus the root volume size, which
// becomes the node's ephemeral-storage capacity.
struct CapacitySettings {
  KubeletConfiguration kubelet;
  std::optional<int64_t> root_volume_bytes;  // default: 20Gi, Karpenter's AL2023 root volume
  friend bool operator==(const CapacitySettings&, const CapacitySettings&) = default;
};

}  // namespace nw::model
