// Resource lists in canonical units: arithmetic with extended resources, the no-zero-entries
// invariant, fitting, iteration order, printing, and conversion from parsed quantities.
#include "model/resources.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace nw::model {

// Readable failure messages (internal linkage, so each test file may have its own).
[[maybe_unused]] static void PrintTo(const Resources& r, std::ostream* os) {
  *os << r.to_string();
}

namespace {

constexpr int64_t kGi = int64_t{1} << 30;
constexpr int64_t kMi = int64_t{1} << 20;
constexpr std::string_view kGpu = "nvidia.com/gpu";

using Entries = std::vector<std::pair<std::string, int64_t>>;

Resources make(std::initializer_list<std::pair<std::string_view, int64_t>> amounts) {
  Resources r;
  for (const auto& [name, amount] : amounts) r.set(name, amount);
  return r;
}

Quantity parse(std::string_view text) {
  return std::get<Quantity>(parse_quantity(text));
}

// The canonical amount, or -1 with the error recorded in `error`.
int64_t canonical(std::string_view name, std::string_view text, std::string* error = nullptr) {
  auto result = to_canonical_amount(name, parse(text));
  if (auto* message = std::get_if<std::string>(&result)) {
    if (error != nullptr) *error = *message;
    return -1;
  }
  return std::get<int64_t>(result);
}

TEST(ResourcesTest, DefaultIsEmpty) {
  Resources r;
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.entries().empty());
  EXPECT_EQ(r.to_string(), "none");
  EXPECT_EQ(r.get(kCpu), 0);
  EXPECT_EQ(r.get(kGpu), 0);
}

TEST(ResourcesTest, GetAndSetCoreAndExtended) {
  Resources r = make(
      {{kCpu, 1500}, {kMemory, 2 * kGi}, {kEphemeralStorage, 20 * kGi}, {kPods, 3}, {kGpu, 1}});
  EXPECT_EQ(r.cpu_milli(), 1500);
  EXPECT_EQ(r.memory_bytes(), 2 * kGi);
  EXPECT_EQ(r.ephemeral_bytes(), 20 * kGi);
  EXPECT_EQ(r.pods(), 3);
  EXPECT_EQ(r.get(kGpu), 1);
  EXPECT_EQ(r.get("cpu"), 1500);
  r.set(kGpu, 4);
  EXPECT_EQ(r.get(kGpu), 4);
  r.set(kGpu, 0);  // a zero extended amount is removed, not stored
  EXPECT_EQ(r.entries().size(), 4u);
  EXPECT_EQ(r, make({{kCpu, 1500}, {kMemory, 2 * kGi}, {kEphemeralStorage, 20 * kGi}, {kPods, 3}}));
}

TEST(ResourcesTest, AddsWithExtendedResources) {
  Resources a = make({{kCpu, 1000}, {kGpu, 1}});
  Resources b = make({{kMemory, kGi}, {kGpu, 2}, {"aws.amazon.com/neuron", 1}});
  Resources sum = a + b;
  EXPECT_EQ(sum, make({{kCpu, 1000}, {kMemory, kGi}, {kGpu, 3}, {"aws.amazon.com/neuron", 1}}));
  a += b;
  EXPECT_EQ(a, sum);
  // Adding an empty list changes nothing.
  EXPECT_EQ(sum + Resources{}, sum);
}

TEST(ResourcesTest, SubtractDropsZeroEntries) {
  Resources a = make({{kCpu, 1000}, {kMemory, kGi}, {kGpu, 2}, {"example.com/fpga", 1}});
  Resources difference = a - a;
  EXPECT_TRUE(difference.empty());
  EXPECT_EQ(difference, Resources{});  // no lingering "nvidia.com/gpu=0" breaks equality
  EXPECT_TRUE(difference.entries().empty());

  Resources partial = a - make({{kGpu, 2}, {kCpu, 250}});
  EXPECT_EQ(partial.entries(), (Entries{{"cpu", 750}, {"memory", kGi}, {"example.com/fpga", 1}}));
  // Subtraction may go negative; clamped_at_zero removes the negative extended entry.
  Resources negative = make({{kGpu, 1}, {kCpu, 100}}) - make({{kGpu, 3}, {kCpu, 200}});
  EXPECT_EQ(negative.get(kGpu), -2);
  EXPECT_EQ(negative.cpu_milli(), -100);
  EXPECT_TRUE(negative.clamped_at_zero().empty());
  EXPECT_EQ((make({{kGpu, 5}, {kMemory, -1}})).clamped_at_zero(), make({{kGpu, 5}}));
}

TEST(ResourcesTest, ElementWiseMax) {
  Resources a = make({{kCpu, 2000}, {kMemory, kGi}, {kGpu, 1}});
  Resources b = make({{kCpu, 500}, {kMemory, 4 * kGi}, {"example.com/fpga", 2}});
  EXPECT_EQ(Resources::max(a, b),
            make({{kCpu, 2000}, {kMemory, 4 * kGi}, {kGpu, 1}, {"example.com/fpga", 2}}));
  EXPECT_EQ(Resources::max(a, b), Resources::max(b, a));
  EXPECT_EQ(Resources::max(a, Resources{}), a);
  // A negative extended amount maxed with nothing becomes zero, and disappears.
  EXPECT_TRUE(Resources::max(make({{kGpu, -1}}), Resources{}).empty());
}

TEST(ResourcesTest, FitsInAndExceeding) {
  Resources capacity = make({{kCpu, 4000}, {kMemory, 16 * kGi}, {kPods, 110}, {kGpu, 1}});
  EXPECT_TRUE(make({{kCpu, 4000}, {kMemory, 16 * kGi}, {kPods, 110}, {kGpu, 1}}).fits_in(capacity));
  EXPECT_TRUE(Resources{}.fits_in(capacity));
  EXPECT_TRUE(Resources{}.fits_in(Resources{}));
  EXPECT_TRUE(make({{kCpu, 1}}).exceeding(capacity).empty());

  Resources request = make({{kCpu, 4001}, {kMemory, kGi}, {kGpu, 2}, {"example.com/fpga", 1}});
  EXPECT_FALSE(request.fits_in(capacity));
  // Absent from capacity counts as zero; names come in entries() order.
  EXPECT_EQ(request.exceeding(capacity),
            (std::vector<std::string>{"cpu", "example.com/fpga", "nvidia.com/gpu"}));
  EXPECT_FALSE(make({{kGpu, 1}}).fits_in(make({{kCpu, 64000}})));
  EXPECT_EQ(make({{kGpu, 1}}).exceeding(make({{kCpu, 64000}})),
            (std::vector<std::string>{"nvidia.com/gpu"}));
  EXPECT_FALSE(make({{kEphemeralStorage, 1}}).fits_in(capacity));
}

TEST(ResourcesTest, EntriesComeInFixedOrder) {
  // Inserted out of order; iterated as cpu, memory, ephemeral-storage, pods, then extended
  // resources by name.
  Resources r = make({{kGpu, 1},
                      {kPods, 2},
                      {"amd.com/gpu", 3},
                      {kEphemeralStorage, 4},
                      {"example.com/foo", 5},
                      {kMemory, 6},
                      {kCpu, 7},
                      {"hugepages-2Mi", 8}});
  EXPECT_EQ(r.entries(), (Entries{{"cpu", 7},
                                  {"memory", 6},
                                  {"ephemeral-storage", 4},
                                  {"pods", 2},
                                  {"amd.com/gpu", 3},
                                  {"example.com/foo", 5},
                                  {"hugepages-2Mi", 8},
                                  {"nvidia.com/gpu", 1}}));
  // Zero core amounts are skipped.
  EXPECT_EQ(make({{kPods, 1}, {kCpu, 0}}).entries(), (Entries{{"pods", 1}}));
  // Equality does not depend on the order of insertion.
  EXPECT_EQ(make({{"b.io/x", 1}, {"a.io/y", 2}}), make({{"a.io/y", 2}, {"b.io/x", 1}}));
}

TEST(ResourcesTest, ToString) {
  EXPECT_EQ(make({{kCpu, 1500}, {kMemory, 2 * kGi}, {kPods, 3}}).to_string(),
            "cpu=1500m memory=2Gi pods=3");
  EXPECT_EQ(make({{kCpu, 2000}, {kMemory, 1536 * kMi}}).to_string(), "cpu=2 memory=1536Mi");
  // Binary SI below 1Ki prints in decimal SI, as Kubernetes does (NewQuantity(1000, BinarySI)
  // is "1k").
  EXPECT_EQ(make({{kMemory, 1000}}).to_string(), "memory=1k");
  EXPECT_EQ(make({{kMemory, 1023}}).to_string(), "memory=1023");
  EXPECT_EQ(make({{kMemory, 1024}}).to_string(), "memory=1Ki");
  EXPECT_EQ(make({{kMemory, 1500}}).to_string(), "memory=1500");
  EXPECT_EQ(make({{kEphemeralStorage, 20 * kGi}, {"hugepages-2Mi", 4 * kMi}}).to_string(),
            "ephemeral-storage=20Gi hugepages-2Mi=4Mi");
  EXPECT_EQ(make({{kGpu, 4}, {kPods, 110}}).to_string(), "pods=110 nvidia.com/gpu=4");
  EXPECT_EQ(make({{kGpu, 2000}}).to_string(), "nvidia.com/gpu=2k");  // counts print decimal SI
  EXPECT_EQ(make({{kCpu, 250}}).to_string(), "cpu=250m");
}

TEST(ResourcesTest, ToQuantity) {
  EXPECT_EQ(Resources::to_quantity(kCpu, 1500), parse("1.5"));
  EXPECT_EQ(Resources::to_quantity(kMemory, kGi).format(), Quantity::Format::BinarySI);
  EXPECT_EQ(Resources::to_quantity(kGpu, 2).format(), Quantity::Format::DecimalSI);
  EXPECT_TRUE(is_byte_resource(kMemory));
  EXPECT_TRUE(is_byte_resource(kEphemeralStorage));
  EXPECT_TRUE(is_byte_resource("hugepages-1Gi"));
  EXPECT_FALSE(is_byte_resource(kCpu));
  EXPECT_FALSE(is_byte_resource(kPods));
  EXPECT_FALSE(is_byte_resource(kGpu));
}

TEST(ResourcesTest, CanonicalAmounts) {
  // cpu in millicores, rounding finer amounts up.
  EXPECT_EQ(canonical(kCpu, "1.5"), 1500);
  EXPECT_EQ(canonical(kCpu, "100m"), 100);
  EXPECT_EQ(canonical(kCpu, "2"), 2000);
  EXPECT_EQ(canonical(kCpu, "0.1m"), 1);
  EXPECT_EQ(canonical(kCpu, "1500u"), 2);
  EXPECT_EQ(canonical(kCpu, "0"), 0);
  // memory-like resources in bytes; a fractional byte count rounds up.
  EXPECT_EQ(canonical(kMemory, "1.5Gi"), 1536 * kMi);
  EXPECT_EQ(canonical(kMemory, "512Mi"), 512 * kMi);
  EXPECT_EQ(canonical(kMemory, "1G"), 1'000'000'000);
  EXPECT_EQ(canonical(kMemory, "0.5"), 1);
  EXPECT_EQ(canonical(kMemory, "100m"), 1);
  EXPECT_EQ(canonical(kMemory, "1.1Ki"), 1127);  // 1126.4 bytes
  EXPECT_EQ(canonical(kEphemeralStorage, "10Gi"), 10 * kGi);
  EXPECT_EQ(canonical("hugepages-2Mi", "2.5"), 3);
  // Counts must be whole.
  EXPECT_EQ(canonical(kGpu, "1"), 1);
  EXPECT_EQ(canonical(kGpu, "2000m"), 2);
  EXPECT_EQ(canonical(kPods, "110"), 110);
  std::string error;
  EXPECT_EQ(canonical(kGpu, "0.5", &error), -1);
  EXPECT_EQ(error, "nvidia.com/gpu must be a whole number, got 500m");
  EXPECT_EQ(canonical(kPods, "1500m", &error), -1);
  EXPECT_EQ(error, "pods must be a whole number, got 1500m");
  // Negative amounts are refused for every resource.
  for (std::string_view name : {kCpu, kMemory, kPods, kGpu}) {
    error.clear();
    EXPECT_EQ(canonical(name, "-1", &error), -1) << name;
    EXPECT_EQ(error, "must not be negative") << name;
  }
  EXPECT_EQ(canonical(kMemory, "-1n", &error), -1);
  // A cpu amount whose millicores overflow int64.
  EXPECT_EQ(canonical(kCpu, "9223372036854775807", &error), -1);
  EXPECT_EQ(error, "value too large");
  EXPECT_EQ(canonical(kCpu, "9223372036854775807m"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(canonical(kMemory, "9223372036854775807"), std::numeric_limits<int64_t>::max());
}

// Property: printing an amount and reading it back gives the same canonical amount.
TEST(ResourcesTest, PrintedAmountsReadBack) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    int64_t amount = static_cast<int64_t>(rng()) << (rng() % 30);
    for (std::string_view name : {kCpu, kMemory, kPods, kGpu, kEphemeralStorage}) {
      std::string text = Resources::to_quantity(name, amount).to_string();
      EXPECT_EQ(canonical(name, text), amount) << name << " " << text;
    }
  }
}

}  // namespace
}  // namespace nw::model
