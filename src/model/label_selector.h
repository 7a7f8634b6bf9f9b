// Kubernetes label selectors (metav1.LabelSelector), as pod affinity and topology spread use them.
//
// Assumes: callers handle a null selector themselves (what it means differs by field: a nil
// affinity selector selects no pods); selectors were checked with validate(). An invalid selector
// is still evaluated literally (In with no values matches nothing; Exists ignores values).
// Guarantees: an empty selector matches every label set; matching never allocates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/labels.h"

namespace nw::model {

enum class SelectorOperator { In, NotIn, Exists, DoesNotExist };

std::optional<SelectorOperator> parse_selector_operator(std::string_view text);  // exact names
std::string_view to_string(SelectorOperator op);

struct LabelSelectorRequirement {
  std::string key;
  SelectorOperator op = SelectorOperator::In;
  std::vector<std::string> values;  // In/NotIn: at least one; Exists/DoesNotExist: none

  // In: present with a listed value; NotIn: absent or unlisted; Exists: present; DoesNotExist:
  // absent.
  bool matches(const Labels& labels) const;
  friend bool operator==(const LabelSelectorRequirement&,
                         const LabelSelectorRequirement&) = default;
};

struct LabelSelector {
  Labels match_labels;  // sorted by key; each must be present with exactly this value
  std::vector<LabelSelectorRequirement> match_expressions;  // ANDed with match_labels

  bool empty() const { return match_labels.empty() && match_expressions.empty(); }
  bool matches(const Labels& labels) const;
  // The first structural error, as the API server reports it ("key: Required value", "values:
  // Required value: must be specified when `operator` is 'In' or 'NotIn'", ...); nullopt when
  // valid. Label name and value syntax are the input layer's to check.
  std::optional<std::string> validate() const;
  // Kubernetes' selector string, requirements sorted by key: "app=web,tier in (a,b),!canary".
  // An empty selector prints as "" (as labels.Everything() does).
  std::string to_string() const;

  friend bool operator==(const LabelSelector&, const LabelSelector&) = default;
};

}  // namespace nw::model
