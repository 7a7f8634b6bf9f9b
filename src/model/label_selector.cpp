#include "model/label_selector.h"

#include <algorithm>
#include <utility>

namespace nw::model {
namespace {

std::string join_values(std::vector<std::string> values) {
  // Kubernetes prints selector values as a sorted set.
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += values[i];
  }
  return out + ")";
}

}  // namespace

std::optional<SelectorOperator> parse_selector_operator(std::string_view text) {
  for (SelectorOperator op : {SelectorOperator::In, SelectorOperator::NotIn,
                              SelectorOperator::Exists, SelectorOperator::DoesNotExist}) {
    if (to_string(op) == text) return op;
  }
  return std::nullopt;
}

std::string_view to_string(SelectorOperator op) {
  switch (op) {
    case SelectorOperator::In:
      return "In";
    case SelectorOperator::NotIn:
      return "NotIn";
    case SelectorOperator::Exists:
      return "Exists";
    case SelectorOperator::DoesNotExist:
      return "DoesNotExist";
  }
  return "Unknown";
}

bool LabelSelectorRequirement::matches(const Labels& labels) const {
  const std::string* value = find_label(labels, key);
  switch (op) {
    case SelectorOperator::In:
      return value != nullptr && std::ranges::find(values, *value) != values.end();
    case SelectorOperator::NotIn:
      return value == nullptr || std::ranges::find(values, *value) == values.end();
    case SelectorOperator::Exists:
      return value != nullptr;
    case SelectorOperator::DoesNotExist:
      return value == nullptr;
  }
  return false;
}

bool LabelSelector::matches(const Labels& labels) const {
  for (const auto& [key, value] : match_labels) {
    const std::string* actual = find_label(labels, key);
    if (actual == nullptr || *actual != value) return false;
  }
  return std::ranges::all_of(match_expressions, [&labels](const LabelSelectorRequirement& r) {
    return r.matches(labels);
  });
}

std::optional<std::string> LabelSelector::validate() const {
  for (const auto& [key, value] : match_labels) {
    if (key.empty()) return "matchLabels: Required value: label key must be non-empty";
  }
  for (size_t i = 0; i < match_expressions.size(); ++i) {
    const LabelSelectorRequirement& r = match_expressions[i];
    std::string field = "matchExpressions[" + std::to_string(i) + "].";
    if (r.key.empty()) return field + "key: Required value";
    bool listed = r.op == SelectorOperator::In || r.op == SelectorOperator::NotIn;
    if (listed && r.values.empty()) {
      return field + "values: Required value: must be specified when `operator` is 'In' or 'NotIn'";
    }
    if (!listed && !r.values.empty()) {
      return field +
             "values: Forbidden: may not be specified when `operator` is 'Exists' or "
             "'DoesNotExist'";
    }
  }
  return std::nullopt;
}

std::string LabelSelector::to_string() const {
  std::vector<std::pair<std::string_view, std::string>> parts;
  for (const auto& [key, value] : match_labels) parts.emplace_back(key, key + "=" + value);
  for (const LabelSelectorRequirement& r : match_expressions) {
    switch (r.op) {
      case SelectorOperator::In:
        parts.emplace_back(r.key, r.key + " in " + join_values(r.values));
        break;
      case SelectorOperator::NotIn:
        parts.emplace_back(r.key, r.key + " notin " + join_values(r.values));
        break;
      case SelectorOperator::Exists:
        parts.emplace_back(r.key, r.key);
        break;
      case SelectorOperator::DoesNotExist:
        parts.emplace_back(r.key, "!" + r.key);
        break;
    }
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += ',';
    out += part.second;
  }
  return out;
}

}  // namespace nw::model
