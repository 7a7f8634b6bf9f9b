#include "model/resources.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace nw::model {
namespace {

constexpr std::array<std::string_view, 4> kCoreNames = {kCpu, kMemory, kEphemeralStorage, kPods};

int core_index(std::string_view name) {
  // Dispatch on length first: the four core names have distinct lengths (3, 6, 17, 4).
  switch (name.size()) {
    case 3:
      return name == kCpu ? 0 : -1;
    case 6:
      return name == kMemory ? 1 : -1;
    case 17:
      return name == kEphemeralStorage ? 2 : -1;
    case 4:
      return name == kPods ? 3 : -1;
    default:
      return -1;
  }
}

// Applies `op(own, theirs)` to every extended resource either list has, keeping the invariant
// (sorted, no zero entries). Core resources are the caller's: applying `op` to them here as well
// would count them twice in `+=` and `-=`.
template <typename Op>
void combine_extended(Resources& self, const Resources& other, Op op) {
  for (const auto& [name, amount] : other.entries()) {
    if (core_index(name) < 0) self.set(name, op(self.get(name), amount));
  }
  for (const auto& [name, amount] : self.entries()) {
    if (core_index(name) < 0 && other.get(name) == 0) self.set(name, op(amount, 0));
  }
}

// Applies `op` to every resource, core and extended.
template <typename Op>
void combine(Resources& self, const Resources& other, Op op) {
  for (std::string_view name : kCoreNames) self.set(name, op(self.get(name), other.get(name)));
  combine_extended(self, other, op);
}

}  // namespace

bool is_byte_resource(std::string_view name) {
  return name == kMemory || name == kEphemeralStorage || name.starts_with("hugepages-");
}

int64_t Resources::get(std::string_view name) const {
  if (int i = core_index(name); i >= 0) return core_[i];
  auto it = std::lower_bound(extended_.begin(), extended_.end(), name,
                             [](const auto& entry, std::string_view n) { return entry.first < n; });
  return it != extended_.end() && it->first == name ? it->second : 0;
}

void Resources::set(std::string_view name, int64_t amount) {
  if (int i = core_index(name); i >= 0) {
    core_[i] = amount;
    return;
  }
  auto it = std::lower_bound(extended_.begin(), extended_.end(), name,
                             [](const auto& entry, std::string_view n) { return entry.first < n; });
  bool present = it != extended_.end() && it->first == name;
  if (amount == 0) {
    if (present) extended_.erase(it);
  } else if (present) {
    it->second = amount;
  } else {
    extended_.insert(it, {std::string(name), amount});
  }
}

bool Resources::empty() const {
  return extended_.empty() && std::all_of(std::begin(core_), std::end(core_),
                                          [](int64_t amount) { return amount == 0; });
}

Resources& Resources::operator+=(const Resources& other) {
  for (size_t i = 0; i < 4; ++i) core_[i] += other.core_[i];
  if (!other.extended_.empty()) {
    combine_extended(*this, other, [](int64_t a, int64_t b) { return a + b; });
  }
  return *this;
}

Resources& Resources::operator-=(const Resources& other) {
  for (size_t i = 0; i < 4; ++i) core_[i] -= other.core_[i];
  if (!other.extended_.empty()) {
    combine_extended(*this, other, [](int64_t a, int64_t b) { return a - b; });
  }
  return *this;
}

void Resources::raise_extended_to(const Resources& other) {
  combine_extended(*this, other, [](int64_t x, int64_t y) { return std::max(x, y); });
}

void Resources::lower_extended_to(const Resources& other) {
  combine_extended(*this, other, [](int64_t x, int64_t y) { return std::min(x, y); });
}

Resources Resources::max(Resources a, const Resources& b) {
  return a.raise_to(b);
}

Resources Resources::min(Resources a, const Resources& b) {
  return a.lower_to(b);
}

Resources Resources::clamped_at_zero() const {
  Resources result = *this;
  combine(result, Resources{}, [](int64_t x, int64_t) { return std::max<int64_t>(x, 0); });
  return result;
}

bool Resources::extended_fit_in(const Resources& capacity) const {
  for (const auto& [name, amount] : extended_)
    if (amount > capacity.get(name)) return false;
  return true;
}

std::vector<std::string> Resources::exceeding(const Resources& capacity) const {
  std::vector<std::string> names;
  for (const auto& [name, amount] : entries())
    if (amount > capacity.get(name)) names.push_back(name);
  return names;
}

std::vector<std::pair<std::string, int64_t>> Resources::entries() const {
  std::vector<std::pair<std::string, int64_t>> result;
  for (size_t i = 0; i < 4; ++i)
    if (core_[i] != 0) result.emplace_back(std::string(kCoreNames[i]), core_[i]);
  result.insert(result.end(), extended_.begin(), extended_.end());
  return result;
}

Quantity Resources::to_quantity(std::string_view name, int64_t amount) {
  if (name == kCpu) return Quantity::from_milli(amount);
  return Quantity::from_value(
      amount, is_byte_resource(name) ? Quantity::Format::BinarySI : Quantity::Format::DecimalSI);
}

std::string Resources::to_string() const {
  std::string text;
  for (const auto& [name, amount] : entries()) {
    if (!text.empty()) text += ' ';
    text += fmt::format("{}={}", name, to_quantity(name, amount).to_string());
  }
  return text.empty() ? "none" : text;
}

std::variant<int64_t, std::string> to_canonical_amount(std::string_view name, const Quantity& q) {
  if (q.negative()) return std::string("must not be negative");
  if (name == kCpu) {
    if (!q.fits_milli()) return std::string("value too large");
    return q.milli();
  }
  if (!is_byte_resource(name) && !q.is_integer()) {
    return fmt::format("{} must be a whole number, got {}", name, q.to_string());
  }
  return q.value();
}

}  // namespace nw::model
