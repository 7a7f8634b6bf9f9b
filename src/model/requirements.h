// Karpenter's node-requirement algebra (karpenter-core.md §1.7).
//
// A Requirement constrains one label key to a set of values: either a concrete set ("In") or the
// complement of a set ("NotIn" / "Exists"), optionally narrowed by inclusive integer bounds that
// Gt/Lt/Gte/Lte produce, and optionally carrying minValues (the least number of distinct values a
// launch must keep open). Requirements holds at most one Requirement per key, always under the
// key's canonical (alias-normalised) name.
//
// Semantics follow Karpenter exactly, including one imprecision kept on purpose: a complement whose
// bounds leave room only for excluded values (e.g. "Gte 3, Lte 3, NotIn [3]") is not reported
// empty, as in Karpenter; has() still rejects every value, and any concrete set it meets (instance
// types, offerings, node labels) intersects to empty.
//
// Guarantees: every operation is pure and deterministic; value lists are kept sorted and unique,
// so equal requirements compare equal and print identically. intersects() never allocates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/labels.h"

namespace nw::model {

enum class Operator { In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte };

std::string_view to_string(Operator op);
std::optional<Operator> parse_operator(std::string_view text);  // exact, case-sensitive names

// Maps deprecated aliases (failure-domain.beta.kubernetes.io/zone, beta.kubernetes.io/arch, ...)
// to the label key Karpenter uses; other keys are returned unchanged (the same view).
std::string_view normalize_label_key(std::string_view key);

// True for the labels a NodeClaim may leave undefined (core + AWS well-known labels, §1.7/§8.5).
bool is_well_known_label(std::string_view key);

// How bounded requirements read a label value, as Go's strconv.Atoi does: an optional sign, then
// decimal digits, within int64. Validators of Gt/Lt/Gte/Lte values should use the same rule.
std::optional<int64_t> parse_label_integer(std::string_view text);

class Requirement {
 public:
  // Builds a requirement as a NodeSelectorRequirement states it. Validation is the caller's: Gt/Lt/
  // Gte/Lte take exactly one integer value; a bound that is missing, unreadable or beyond int64
  // ("Gt 9223372036854775807") admits no value, so the result is DoesNotExist. Values are
  // normalised (sorted, unique); the key is alias-normalised.
  static Requirement from_operator(std::string key, Operator op, std::vector<std::string> values,
                                   std::optional<int> min_values = std::nullopt);
  static Requirement in(std::string key, std::vector<std::string> values);
  static Requirement not_in(std::string key, std::vector<std::string> values);
  static Requirement exists(std::string key);
  static Requirement does_not_exist(std::string key);

  const std::string& key() const { return key_; }
  // In / NotIn / Exists / DoesNotExist, derived as Karpenter's Operator() does: a bounded
  // complement with no excluded values ("Gt 4") reports Exists.
  Operator op() const;
  bool complement() const { return complement_; }
  // The concrete values (complement()==false) or the excluded values (complement()==true).
  const std::vector<std::string>& values() const { return values_; }
  std::optional<int64_t> greater_or_equal() const { return gte_; }
  std::optional<int64_t> less_or_equal() const { return lte_; }
  std::optional<int> min_values() const { return min_values_; }

  // True when the value satisfies this requirement (bounds included: a bounded requirement rejects
  // a value that is not an integer).
  bool has(std::string_view value) const;
  // Number of values for a concrete set; nullopt for a complement (unbounded).
  std::optional<size_t> size() const;
  bool empty() const;  // admits no value at all (DoesNotExist)

  // Precondition: both requirements have the same key; the result keeps this one's.
  Requirement intersect(const Requirement& other) const;
  bool intersects(const Requirement& other) const;  // !intersect(other).empty(), without allocating

  // For messages: "key In [a b]", "key NotIn [a]", "key Exists", "key DoesNotExist". Bounds print
  // in Kubernetes' exclusive form whatever operator produced them ("Gte 3" prints as "Gt 2"), after
  // the operator unless it is a bare Exists: "key Gt 2", "key Gt 2 Lt 9", "key NotIn [5] Gt 2".
  // Only a bound with no exclusive form in int64 prints inclusive ("Gte -9223372036854775808").
  // More than five values print as the first five and "and N others", as Karpenter does; then
  // " minValues N" when set.
  std::string to_string() const;
  // The same without the leading key: "In [a b]".
  std::string describe() const;

  friend bool operator==(const Requirement&, const Requirement&) = default;

 private:
  std::string key_;
  bool complement_ = false;
  std::vector<std::string> values_;  // sorted, unique; when bounded, every value lies within bounds
  std::optional<int64_t> gte_;       // set only on a complement (concrete sets drop their bounds)
  std::optional<int64_t> lte_;       // as gte_; gte_ <= lte_ whenever both are set
  std::optional<int> min_values_;
};

class Requirements {
 public:
  Requirements() = default;
  explicit Requirements(std::vector<Requirement> items);  // same-key entries are intersected
  // A node's labels as requirements: each label becomes "key In [value]".
  static Requirements from_labels(const Labels& labels);

  // Intersects into the existing entry for the key, or inserts it.
  void add(const Requirement& r);
  // Looks the key up under its canonical name, so aliases find their entry.
  const Requirement* get(std::string_view key) const;
  bool has(std::string_view key) const { return get(key) != nullptr; }
  const std::vector<Requirement>& items() const { return items_; }  // sorted by key
  bool empty() const { return items_.empty(); }

  Requirements intersect(const Requirements& other) const;
  // Every shared key has a non-empty intersection (two negative requirements, each NotIn or
  // DoesNotExist, always pass: a node without the label satisfies both). Never allocates.
  bool intersects(const Requirements& other) const;

  // Karpenter's Compatible(incoming, allowUndefined): nullopt when compatible, otherwise every
  // reason joined by "; ", undefined labels first, then conflicting keys, each in key order:
  //   label "team" does not have known values (did you mean "teams"?)
  //   key node.kubernetes.io/instance-type: In [m5.large] is incompatible with In [c5.large]
  // (incoming requirement first, then this one). Strict is for existing nodes, where even a
  // well-known key must be defined; AllowWellKnown is for NodeClaims, offerings and DaemonSets.
  enum class Undefined { Strict, AllowWellKnown };
  std::optional<std::string> compatible(const Requirements& incoming, Undefined mode) const;
  // compatible(incoming, mode) == nullopt, without building messages or allocating: for the
  // solver's inner loops.
  bool is_compatible(const Requirements& incoming, Undefined mode) const;

  std::string to_string() const;  // each requirement's to_string(), joined by ", "
  friend bool operator==(const Requirements&, const Requirements&) = default;

 private:
  std::vector<Requirement> items_;  // sorted by key, one per key
};

}  // namespace nw::model
