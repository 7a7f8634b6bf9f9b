// Label and annotation maps as sorted vectors of (key, value).
//
// Assumes: callers build Labels through set_label (or sort them by key themselves); keys are
// unique. Guarantees: find_label is a binary search, set_label keeps the order and uniqueness, so
// equal maps compare equal and iterate in one fixed order (no hash-map order ever decides
// anything).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nw::model {

// Labels the solver and the validators read by name.
inline constexpr std::string_view kLabelHostname = "kubernetes.io/hostname";
inline constexpr std::string_view kLabelNodePool = "karpenter.sh/nodepool";

using Labels = std::vector<std::pair<std::string, std::string>>;  // sorted by key, unique keys

// The value of `key`, or nullptr when absent. The pointer is valid until `labels` changes.
inline const std::string* find_label(const Labels& labels, std::string_view key) {
  auto it = std::lower_bound(labels.begin(), labels.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it == labels.end() || it->first != key) return nullptr;
  return &it->second;
}

// Inserts `key`, or replaces its value, keeping `labels` sorted.
inline void set_label(Labels& labels, std::string key, std::string value) {
  auto it =
      std::lower_bound(labels.begin(), labels.end(), key,
                       [](const auto& entry, const std::string& k) { return entry.first < k; });
  if (it != labels.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    labels.emplace(it, std::move(key), std::move(value));
  }
}

}  // namespace nw::model
