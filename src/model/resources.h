// Resource lists in integer canonical units: cpu in millicores, every other resource in whole
// units (bytes for memory, ephemeral-storage and hugepages; counts for pods and extended
// resources such as nvidia.com/gpu). This is the unit the Kubernetes scheduler compares in.
//
// Invariant: the four core resources live in fixed slots; extended resources are kept sorted by
// name with no zero entries, so equal lists compare equal and iterate in one fixed order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/quantity.h"

namespace nw::model {

inline constexpr std::string_view kCpu = "cpu";
inline constexpr std::string_view kMemory = "memory";
inline constexpr std::string_view kEphemeralStorage = "ephemeral-storage";
inline constexpr std::string_view kPods = "pods";

class Resources {
 public:
  int64_t cpu_milli() const { return core_[0]; }
  int64_t memory_bytes() const { return core_[1]; }
  int64_t ephemeral_bytes() const { return core_[2]; }
  int64_t pods() const { return core_[3]; }

  int64_t get(std::string_view name) const;
  void set(std::string_view name, int64_t amount);
  bool empty() const;
  bool has_extended() const { return !extended_.empty(); }

  Resources& operator+=(const Resources& other);
  Resources& operator-=(const Resources& other);
  friend Resources operator+(Resources a, const Resources& b) { return a += b; }
  friend Resources operator-(Resources a, const Resources& b) { return a -= b; }
  // Element-wise maximum, as Kubernetes combines init containers with the main containers.
  static Resources max(Resources a, const Resources& b);
  static Resources min(Resources a, const Resources& b);
  // The same in place, without a copy: for loops over many lists.
  // Inline for the core resources, which the solver's inner loops compare most.
  Resources& raise_to(const Resources& other) {
    for (size_t i = 0; i < 4; ++i) core_[i] = core_[i] < other.core_[i] ? other.core_[i] : core_[i];
    if (!extended_.empty() || !other.extended_.empty()) raise_extended_to(other);
    return *this;
  }
  Resources& lower_to(const Resources& other) {
    for (size_t i = 0; i < 4; ++i) core_[i] = other.core_[i] < core_[i] ? other.core_[i] : core_[i];
    if (!extended_.empty() || !other.extended_.empty()) lower_extended_to(other);
    return *this;
  }
  // Element-wise max(0, x): clamps results of subtraction, as allocatable never goes negative.
  Resources clamped_at_zero() const;

  // Every amount here is ≤ the same resource in `capacity` (absent counts as zero).
  bool fits_in(const Resources& capacity) const {
    for (size_t i = 0; i < 4; ++i)
      if (core_[i] > capacity.core_[i]) return false;
    return extended_.empty() || extended_fit_in(capacity);
  }
  // Names of the resources where this list exceeds `capacity`, in iteration order.
  std::vector<std::string> exceeding(const Resources& capacity) const;

  // (name, amount) pairs for every non-zero resource: cpu, memory, ephemeral-storage, pods, then
  // extended resources by name.
  std::vector<std::pair<std::string, int64_t>> entries() const;

  // A quantity for printing: cpu as millicores, memory-like resources in binary SI.
  static Quantity to_quantity(std::string_view name, int64_t amount);
  std::string to_string() const;  // "cpu=1500m memory=2Gi pods=3"

  friend bool operator==(const Resources&, const Resources&) = default;

 private:
  void raise_extended_to(const Resources& other);
  void lower_extended_to(const Resources& other);
  bool extended_fit_in(const Resources& capacity) const;

  int64_t core_[4] = {0, 0, 0, 0};
  std::vector<std::pair<std::string, int64_t>> extended_;  // sorted by name, no zero amounts
};

// Converts a parsed quantity into the canonical unit of `name`. Errors (as text) for a cpu amount
// finer than a millicore's range, negative amounts, and fractional counts of countable resources.
std::variant<int64_t, std::string> to_canonical_amount(std::string_view name, const Quantity& q);

// Memory-like resources are measured in bytes and printed in binary SI.
bool is_byte_resource(std::string_view name);

}  // namespace nw::model
