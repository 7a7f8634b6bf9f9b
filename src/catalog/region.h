// An AWS region and the availability zones nodewright simulates in it.
//
// Assumes: the catalog only has us-east-1 prices, so every region is priced with the us-east-1
// columns (on-demand and Spot alike); shapes, labels and max pods are region-independent. Zone
// counts follow AWS's public zone lists for the two regions modelled in detail: us-east-1 has
// zones a..f, us-west-2 has a..d; any other region is given a..c (every commercial region has at
// least three). Zone IDs (use1-az1 ...) are not modelled.
//
// Guarantees: a Region always has a well-formed name and at least one zone, zones in
// alphabetical order; malformed names are reported as a RegionError value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nw::catalog {

struct RegionError {
  std::string message;  // names the rejected text and the expected shape
};

class Region {
 public:
  // Accepts names shaped like "us-east-1" or "us-gov-west-1": a two-letter lowercase prefix,
  // one or more lowercase words, and a number, joined by '-'.
  static std::variant<Region, RegionError> parse(std::string_view name);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& zones() const { return zones_; }  // "us-east-1a", ...
  // The region with only `zones` (a non-empty subset of zones()); nullopt otherwise.
  std::optional<Region> with_zones(const std::vector<std::string>& zones) const;

  friend bool operator==(const Region&, const Region&) = default;

 private:
  Region() = default;  // only parse() makes Regions, so none is ever malformed

  std::string name_;
  std::vector<std::string> zones_;  // non-empty, sorted
};

}  // namespace nw::catalog
