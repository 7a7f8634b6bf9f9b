// Karpenter's node-requirement algebra (karpenter-core.md §1.7).
//
// A Requirement constrains one label key to a set of values: either a concrete set ("In") or the
// complement of a set ("NotIn" / "Exists"), optionally narrowed by inclusive integer bounds that
// Gt/Lt/Gte/Lte produce, and optionally carrying minValues (the least number of distinct values a
// launch must keep open). Requirements holds at most one Requirement per key, always under the
// key's canonical (alias-normalised) name.
//
// Guarantees: every operation is pure and deterministic; value lists are kept sorted and unique,
// so equal requirements compare equal and print identically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nw::model {

enum class Operator { In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte };

std::string_view to_string(Operator op);
std::optional<Operator> parse_operator(std::string_view text);

// Maps deprecated aliases (failure-domain.beta.kubernetes.io/zone, beta.kubernetes.io/arch, ...)
// to the label key Karpenter uses; other keys are returned unchanged.
std::string_view normalize_label_key(std::string_view key);

// True for the labels a NodeClaim may leave undefined (core + AWS well-known labels, §1.7/§8.5).
bool is_well_known_label(std::string_view key);

class Requirement {
 public:
  // Builds a requirement as a NodeSelectorRequirement states it. Preconditions are the caller's
  // validation: Gt/Lt/Gte/Lte take exactly one integer value. Values are normalised (sorted,
  // unique); the key is alias-normalised.
  static Requirement from_operator(std::string key, Operator op, std::vector<std::string> values,
                                   std::optional<int> min_values = std::nullopt);
  static Requirement in(std::string key, std::vector<std::string> values);
  static Requirement not_in(std::string key, std::vector<std::string> values);
  static Requirement exists(std::string key);
  static Requirement does_not_exist(std::string key);

  const std::string& key() const { return key_; }
  // In / NotIn / Exists / DoesNotExist, derived as Karpenter's Operator() does.
  Operator op() const;
  bool complement() const { return complement_; }
  // The concrete values (complement()==false) or the excluded values (complement()==true).
  const std::vector<std::string>& values() const { return values_; }
  std::optional<int64_t> greater_or_equal() const { return gte_; }
  std::optional<int64_t> less_or_equal() const { return lte_; }
  std::optional<int> min_values() const { return min_values_; }

  // True when the value satisfies this requirement (bounds included).
  bool has(std::string_view value) const;
  // Number of values for a concrete set; nullopt for a complement (unbounded).
  std::optional<size_t> size() const;
  bool empty() const;  // admits no value at all (DoesNotExist)

  Requirement intersect(const Requirement& other) const;
  bool intersects(const Requirement& other) const;  // !intersect(other).empty(), without allocating

  // "key In [a b]", "key Exists", "key Gt 4" ... for messages.
  std::string to_string() const;

  friend bool operator==(const Requirement&, const Requirement&) = default;

 private:
  std::string key_;
  bool complement_ = false;
  std::vector<std::string> values_;  // sorted, unique
  std::optional<int64_t> gte_;
  std::optional<int64_t> lte_;
  std::optional<int> min_values_;
};

class Requirements {
 public:
  Requirements() = default;
  explicit Requirements(std::vector<Requirement> items);  // same-key entries are intersected
  // A node's labels as requirements: each label becomes "key In [value]".
  static Requirements from_labels(const std::vector<std::pair<std::string, std::string>>& labels);

  // Intersects into the existing entry for the key, or inserts it.
  void add(const Requirement& r);
  const Requirement* get(std::string_view key) const;
  bool has(std::string_view key) const { return get(key) != nullptr; }
  const std::vector<Requirement>& items() const { return items_; }  // sorted by key
  bool empty() const { return items_.empty(); }

  Requirements intersect(const Requirements& other) const;
  // Every shared key has a non-empty intersection (two negative requirements always pass).
  bool intersects(const Requirements& other) const;

  // Karpenter's Compatible(incoming, allowUndefined): nullopt when compatible, otherwise the reason
  // ("label X does not have known values", "key K: In [a] not in NotIn [a]" ...).
  enum class Undefined { Strict, AllowWellKnown };
  std::optional<std::string> compatible(const Requirements& incoming, Undefined mode) const;

  std::string to_string() const;
  friend bool operator==(const Requirements&, const Requirements&) = default;

 private:
  std::vector<Requirement> items_;  // sorted by key, one per key
};

}  // namespace nw::model
