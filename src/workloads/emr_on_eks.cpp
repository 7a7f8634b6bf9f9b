#include "workloads/emr_on_eks.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>

#include "workloads/spark.h"

namespace nw::workloads {
namespace {

struct Release {
  int major;
  int minor;
  std::string_view spark;
};

// Amazon EMR Release Guide, "Spark release history" (the releases EMR on EKS runs).
constexpr std::array<Release, 33> kReleases = {{
    {5, 32, "2.4.7"}, {5, 33, "2.4.7"}, {5, 34, "2.4.8"}, {5, 35, "2.4.8"}, {5, 36, "2.4.8"},
    {6, 2, "3.0.1"},  {6, 3, "3.1.1"},  {6, 4, "3.1.2"},  {6, 5, "3.1.2"},  {6, 6, "3.2.0"},
    {6, 7, "3.2.1"},  {6, 8, "3.3.0"},  {6, 9, "3.3.0"},  {6, 10, "3.3.1"}, {6, 11, "3.3.2"},
    {6, 12, "3.4.0"}, {6, 13, "3.4.1"}, {6, 14, "3.4.1"}, {6, 15, "3.4.1"}, {7, 0, "3.5.0"},
    {7, 1, "3.5.0"},  {7, 2, "3.5.1"},  {7, 3, "3.5.1"},  {7, 4, "3.5.2"},  {7, 5, "3.5.2"},
    {7, 6, "3.5.3"},  {7, 7, "3.5.3"},  {7, 8, "3.5.4"},  {7, 9, "3.5.5"},  {7, 10, "3.5.5"},
    {7, 11, "3.5.6"}, {7, 12, "3.5.6"}, {7, 13, "3.5.6"},
}};

// A decimal number at the front of `text`, removed from it.
std::optional<int> take_number(std::string_view& text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(ptr - text.data()));
  return value;
}

bool take(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<std::string> emr_spark_release(std::string_view label) {
  if (!label.starts_with("emr-")) return std::nullopt;
  label.remove_prefix(4);
  std::optional<int> major = take_number(label);
  if (!major || !take(label, '.')) return std::nullopt;
  std::optional<int> minor = take_number(label);
  if (!minor || !take(label, '.') || !take_number(label)) return std::nullopt;
  if (!label.empty() && (label.front() != '-' || label.size() == 1)) return std::nullopt;
  for (const Release& r : kReleases) {
    if (r.major == *major && r.minor == *minor) return std::string(r.spark);
  }
  if (*major == 7) return std::string("3.5");
  return std::nullopt;
}

std::string emr_job_id(std::string_view job_name, size_t item_index) {
  // The first 64 bits of the deterministic hash spark_app_id computes ("spark-" + 32 hex).
  std::string hex = spark_app_id("emr", fmt::format("{}#{}", job_name, item_index)).substr(6, 16);
  uint64_t hash = 0;
  std::from_chars(hex.data(), hex.data() + hex.size(), hash, 16);
  constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string digits(13, '0');
  for (size_t i = digits.size(); i-- > 0 && hash != 0; hash /= 36) digits[i] = kDigits[hash % 36];
  return "000000" + digits;
}

}  // namespace nw::workloads
