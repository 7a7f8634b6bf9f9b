#include "catalog/region.h"

#include <algorithm>

namespace nw::catalog {
namespace {

bool all_of(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool well_formed(std::string_view name) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t dash = name.find('-'); dash != std::string_view::npos; dash = name.find('-', start)) {
    parts.push_back(name.substr(start, dash - start));
    start = dash + 1;
  }
  parts.push_back(name.substr(start));
  if (parts.size() < 3 || parts[0].size() != 2 || !all_of(parts[0], is_lower)) return false;
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!all_of(parts[i], is_lower)) return false;
  }
  return all_of(parts.back(), is_digit);
}

char last_zone_letter(std::string_view region) {
  if (region == "us-east-1") return 'f';
  if (region == "us-west-2") return 'd';
  return 'c';
}

}  // namespace

std::variant<Region, RegionError> Region::parse(std::string_view name) {
  if (!well_formed(name)) {
    return RegionError{"invalid region name \"" + std::string(name) +
                       "\": expected lowercase words and a number joined by '-', like us-east-1"};
  }
  Region region;
  region.name_ = std::string(name);
  for (char letter = 'a'; letter <= last_zone_letter(name); ++letter) {
    region.zones_.push_back(region.name_ + letter);
  }
  return region;
}

std::optional<Region> Region::with_zones(const std::vector<std::string>& zones) const {
  if (zones.empty()) return std::nullopt;
  Region subset = *this;
  subset.zones_.clear();
  for (const std::string& zone : zones_) {
    if (std::find(zones.begin(), zones.end(), zone) != zones.end()) subset.zones_.push_back(zone);
  }
  for (const std::string& zone : zones) {
    if (std::find(zones_.begin(), zones_.end(), zone) == zones_.end()) return std::nullopt;
  }
  return subset;
}

}  // namespace nw::catalog
