#include "model/requirements.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>
#include <limits>
#include <utility>

namespace nw::model {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kAliases = {{
    {"beta.kubernetes.io/arch", "kubernetes.io/arch"},
    {"beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type"},
    {"beta.kubernetes.io/os", "kubernetes.io/os"},
    {"failure-domain.beta.kubernetes.io/region", "topology.kubernetes.io/region"},
    {"failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone"},
}};

// Sorted so lookups can binary-search; the static_assert keeps it that way when edited.
constexpr std::array<std::string_view, 36> kWellKnownLabels = {
    "karpenter.k8s.aws/capacity-reservation-id",
    "karpenter.k8s.aws/capacity-reservation-interruptible",
    "karpenter.k8s.aws/capacity-reservation-type",
    "karpenter.k8s.aws/instance-accelerator-count",
    "karpenter.k8s.aws/instance-accelerator-manufacturer",
    "karpenter.k8s.aws/instance-accelerator-name",
    "karpenter.k8s.aws/instance-capability-flex",
    "karpenter.k8s.aws/instance-category",
    "karpenter.k8s.aws/instance-cpu",
    "karpenter.k8s.aws/instance-cpu-manufacturer",
    "karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz",
    "karpenter.k8s.aws/instance-ebs-bandwidth",
    "karpenter.k8s.aws/instance-encryption-in-transit-supported",
    "karpenter.k8s.aws/instance-family",
    "karpenter.k8s.aws/instance-generation",
    "karpenter.k8s.aws/instance-gpu-count",
    "karpenter.k8s.aws/instance-gpu-manufacturer",
    "karpenter.k8s.aws/instance-gpu-memory",
    "karpenter.k8s.aws/instance-gpu-name",
    "karpenter.k8s.aws/instance-hypervisor",
    "karpenter.k8s.aws/instance-local-nvme",
    "karpenter.k8s.aws/instance-memory",
    "karpenter.k8s.aws/instance-network-bandwidth",
    "karpenter.k8s.aws/instance-size",
    "karpenter.k8s.aws/instance-tenancy",
    "karpenter.k8s.aws/placement-group-id",
    "karpenter.k8s.aws/placement-group-partition",
    "karpenter.sh/capacity-type",
    "karpenter.sh/nodepool",
    "kubernetes.io/arch",
    "kubernetes.io/os",
    "node.kubernetes.io/instance-type",
    "node.kubernetes.io/windows-build",
    "topology.k8s.aws/zone-id",
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
};
static_assert(std::ranges::is_sorted(kWellKnownLabels));

// Karpenter prints at most this many values of a requirement, so messages about requirements
// spanning hundreds of instance types stay readable.
constexpr size_t kMaxPrintedValues = 5;

// A typo hint is offered for keys this close to a defined or well-known key.
constexpr size_t kMaxHintDistance = 2;

bool contains(const std::vector<std::string>& sorted, std::string_view value) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), value,
                             [](const std::string& a, std::string_view b) { return a < b; });
  return it != sorted.end() && *it == value;
}

template <typename T>
std::optional<T> max_of(std::optional<T> a, std::optional<T> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

template <typename T>
std::optional<T> min_of(std::optional<T> a, std::optional<T> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

bool empty_range(std::optional<int64_t> gte, std::optional<int64_t> lte) {
  return gte && lte && *gte > *lte;
}

bool within(std::string_view value, std::optional<int64_t> gte, std::optional<int64_t> lte) {
  if (!gte && !lte) return true;
  std::optional<int64_t> n = parse_label_integer(value);
  if (!n) return false;
  return (!gte || *n >= *gte) && (!lte || *n <= *lte);
}

bool is_negative(Operator op) {
  return op == Operator::NotIn || op == Operator::DoesNotExist;
}

std::string key_of(std::string key) {
  std::string_view canonical = normalize_label_key(key);
  if (canonical == key) return key;
  return std::string(canonical);
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The nearest defined or well-known key to a key that is missing, if one is close enough to be a
// likely typo. Defined keys win ties, then the alphabetically first.
std::string typo_hint(const std::vector<Requirement>& defined, std::string_view key) {
  std::string_view best;
  size_t best_distance = kMaxHintDistance + 1;
  auto consider = [&](std::string_view candidate) {
    if (candidate == key) return;
    size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  };
  for (const Requirement& r : defined) consider(r.key());
  for (std::string_view candidate : kWellKnownLabels) consider(candidate);
  if (best.empty()) return "";
  return " (did you mean \"" + std::string(best) + "\"?)";
}

// Walks two key-sorted lists, calling `on_shared` for each key both hold; stops early when it
// returns false. Returns false iff stopped.
template <typename F>
bool for_each_shared(const std::vector<Requirement>& a, const std::vector<Requirement>& b,
                     F&& on_shared) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->key() < j->key()) {
      ++i;
    } else if (j->key() < i->key()) {
      ++j;
    } else {
      if (!on_shared(*i, *j)) return false;
      ++i;
      ++j;
    }
  }
  return true;
}

bool shared_keys_intersect(const Requirement& existing, const Requirement& incoming) {
  return existing.intersects(incoming) ||
         (is_negative(existing.op()) && is_negative(incoming.op()));
}

// A key the incoming set may not leave undefined on the receiver: custom keys (every key when
// Strict) whose incoming operator needs the label to be present.
bool must_be_defined(const Requirement& incoming, Requirements::Undefined mode) {
  if (mode == Requirements::Undefined::AllowWellKnown && is_well_known_label(incoming.key())) {
    return false;
  }
  return !is_negative(incoming.op());
}

}  // namespace

std::string_view to_string(Operator op) {
  switch (op) {
    case Operator::In:
      return "In";
    case Operator::NotIn:
      return "NotIn";
    case Operator::Exists:
      return "Exists";
    case Operator::DoesNotExist:
      return "DoesNotExist";
    case Operator::Gt:
      return "Gt";
    case Operator::Lt:
      return "Lt";
    case Operator::Gte:
      return "Gte";
    case Operator::Lte:
      return "Lte";
  }
  return "Unknown";
}

std::optional<Operator> parse_operator(std::string_view text) {
  for (Operator op : {Operator::In, Operator::NotIn, Operator::Exists, Operator::DoesNotExist,
                      Operator::Gt, Operator::Lt, Operator::Gte, Operator::Lte}) {
    if (to_string(op) == text) return op;
  }
  return std::nullopt;
}

std::string_view normalize_label_key(std::string_view key) {
  // Every alias is a beta label; most keys are not, and this runs on every lookup.
  if (key.find("beta.") == std::string_view::npos) return key;
  for (const auto& [alias, canonical] : kAliases) {
    if (key == alias) return canonical;
  }
  return key;
}

bool is_well_known_label(std::string_view key) {
  return std::ranges::binary_search(kWellKnownLabels, key);
}

std::optional<int64_t> parse_label_integer(std::string_view text) {
  // from_chars takes a leading '-' but not '+'; Atoi takes either, each followed by a digit.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  }
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Requirement Requirement::from_operator(std::string key, Operator op,
                                       std::vector<std::string> values,
                                       std::optional<int> min_values) {
  Requirement r;
  r.key_ = key_of(std::move(key));
  r.min_values_ = min_values;
  switch (op) {
    case Operator::In:
    case Operator::NotIn:
      r.complement_ = op == Operator::NotIn;
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      r.values_ = std::move(values);
      return r;
    case Operator::Exists:
      r.complement_ = true;
      return r;
    case Operator::DoesNotExist:
      return r;
    case Operator::Gt:
    case Operator::Lt:
    case Operator::Gte:
    case Operator::Lte:
      break;
  }
  std::optional<int64_t> bound =
      values.size() == 1 ? parse_label_integer(values.front()) : std::nullopt;
  if (!bound) return r;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (op == Operator::Gt) {
    if (*bound == kMax) return r;
    r.gte_ = *bound + 1;
  } else if (op == Operator::Lt) {
    if (*bound == kMin) return r;
    r.lte_ = *bound - 1;
  } else if (op == Operator::Gte) {
    r.gte_ = *bound;
  } else {
    r.lte_ = *bound;
  }
  r.complement_ = true;
  return r;
}

Requirement Requirement::in(std::string key, std::vector<std::string> values) {
  return from_operator(std::move(key), Operator::In, std::move(values));
}
Requirement Requirement::not_in(std::string key, std::vector<std::string> values) {
  return from_operator(std::move(key), Operator::NotIn, std::move(values));
}
Requirement Requirement::exists(std::string key) {
  return from_operator(std::move(key), Operator::Exists, {});
}
Requirement Requirement::does_not_exist(std::string key) {
  return from_operator(std::move(key), Operator::DoesNotExist, {});
}

Operator Requirement::op() const {
  if (complement_) return values_.empty() ? Operator::Exists : Operator::NotIn;
  return values_.empty() ? Operator::DoesNotExist : Operator::In;
}

bool Requirement::has(std::string_view value) const {
  if (complement_) return !contains(values_, value) && within(value, gte_, lte_);
  return contains(values_, value);  // concrete sets carry no bounds
}

std::optional<size_t> Requirement::size() const {
  if (complement_) return std::nullopt;
  return values_.size();
}

bool Requirement::empty() const {
  return !complement_ && values_.empty();
}

Requirement Requirement::intersect(const Requirement& other) const {
  Requirement out;
  out.key_ = key_;
  out.min_values_ = max_of(min_values_, other.min_values_);
  std::optional<int64_t> gte = max_of(gte_, other.gte_);
  std::optional<int64_t> lte = min_of(lte_, other.lte_);
  if (empty_range(gte, lte)) return out;  // DoesNotExist

  out.complement_ = complement_ && other.complement_;
  auto sink = std::back_inserter(out.values_);
  if (complement_ && other.complement_) {
    std::set_union(values_.begin(), values_.end(), other.values_.begin(), other.values_.end(),
                   sink);
  } else if (complement_) {
    std::set_difference(other.values_.begin(), other.values_.end(), values_.begin(), values_.end(),
                        sink);
  } else if (other.complement_) {
    std::set_difference(values_.begin(), values_.end(), other.values_.begin(), other.values_.end(),
                        sink);
  } else {
    std::set_intersection(values_.begin(), values_.end(), other.values_.begin(),
                          other.values_.end(), sink);
  }
  if (gte || lte) {
    std::erase_if(out.values_, [&](const std::string& v) { return !within(v, gte, lte); });
  }
  // A concrete set already lists exactly its admitted values, so its bounds would be redundant.
  if (out.complement_) {
    out.gte_ = gte;
    out.lte_ = lte;
  }
  return out;
}

bool Requirement::intersects(const Requirement& other) const {
  std::optional<int64_t> gte = max_of(gte_, other.gte_);
  std::optional<int64_t> lte = min_of(lte_, other.lte_);
  if (empty_range(gte, lte)) return false;
  if (complement_ && other.complement_) return true;
  if (complement_ || other.complement_) {
    const Requirement& set = complement_ ? other : *this;
    const Requirement& excluded = complement_ ? *this : other;
    return std::ranges::any_of(set.values_, [&](const std::string& v) {
      return !contains(excluded.values_, v) && within(v, gte, lte);
    });
  }
  // Two concrete sets: search the larger for each value of the smaller.
  const auto& small = values_.size() <= other.values_.size() ? values_ : other.values_;
  const auto& large = values_.size() <= other.values_.size() ? other.values_ : values_;
  return std::ranges::any_of(small, [&](const std::string& v) { return contains(large, v); });
}

std::string Requirement::describe() const {
  std::string out(nw::model::to_string(op()));
  if (!values_.empty()) {
    out += " [";
    size_t shown = std::min(values_.size(), kMaxPrintedValues);
    for (size_t i = 0; i < shown; ++i) {
      if (i > 0) out += ' ';
      out += values_[i];
    }
    if (values_.size() > shown) out += " and " + std::to_string(values_.size() - shown) + " others";
    out += ']';
  }
  if (gte_ || lte_) {
    // "Exists Gt 2" says nothing "Gt 2" does not.
    if (op() == Operator::Exists) out.clear();
    auto append = [&out](std::string_view text) {
      if (!out.empty()) out += ' ';
      out += text;
    };
    if (gte_) {
      append(*gte_ == std::numeric_limits<int64_t>::min() ? "Gte " + std::to_string(*gte_)
                                                          : "Gt " + std::to_string(*gte_ - 1));
    }
    if (lte_) {
      append(*lte_ == std::numeric_limits<int64_t>::max() ? "Lte " + std::to_string(*lte_)
                                                          : "Lt " + std::to_string(*lte_ + 1));
    }
  }
  if (min_values_) out += " minValues " + std::to_string(*min_values_);
  return out;
}

std::string Requirement::to_string() const {
  return key_ + " " + describe();
}

Requirements::Requirements(std::vector<Requirement> items) {
  for (const Requirement& r : items) add(r);
}

Requirements Requirements::from_labels(const Labels& labels) {
  Requirements out;
  for (const auto& [key, value] : labels) out.add(Requirement::in(key, {value}));
  return out;
}

void Requirements::add(const Requirement& r) {
  auto it =
      std::lower_bound(items_.begin(), items_.end(), r.key(),
                       [](const Requirement& a, const std::string& k) { return a.key() < k; });
  if (it != items_.end() && it->key() == r.key()) {
    *it = it->intersect(r);
  } else {
    items_.insert(it, r);
  }
}

const Requirement* Requirements::get(std::string_view key) const {
  key = normalize_label_key(key);
  auto it = std::lower_bound(items_.begin(), items_.end(), key,
                             [](const Requirement& a, std::string_view k) { return a.key() < k; });
  if (it == items_.end() || it->key() != key) return nullptr;
  return &*it;
}

Requirements Requirements::intersect(const Requirements& other) const {
  Requirements out;
  out.items_.reserve(items_.size() + other.items_.size());
  auto i = items_.begin();
  auto j = other.items_.begin();
  while (i != items_.end() || j != other.items_.end()) {
    if (j == other.items_.end() || (i != items_.end() && i->key() < j->key())) {
      out.items_.push_back(*i++);
    } else if (i == items_.end() || j->key() < i->key()) {
      out.items_.push_back(*j++);
    } else {
      out.items_.push_back(i++->intersect(*j++));
    }
  }
  return out;
}

bool Requirements::intersects(const Requirements& other) const {
  return for_each_shared(items_, other.items_, shared_keys_intersect);
}

std::optional<std::string> Requirements::compatible(const Requirements& incoming,
                                                    Undefined mode) const {
  std::string errors;
  auto append = [&errors](std::string error) {
    if (!errors.empty()) errors += "; ";
    errors += error;
  };
  for (const Requirement& r : incoming.items_) {
    if (must_be_defined(r, mode) && !has(r.key())) {
      append("label \"" + r.key() + "\" does not have known values" + typo_hint(items_, r.key()));
    }
  }
  for_each_shared(items_, incoming.items_, [&](const Requirement& mine, const Requirement& theirs) {
    if (!shared_keys_intersect(mine, theirs)) {
      append("key " + mine.key() + ": " + theirs.describe() + " is incompatible with " +
             mine.describe());
    }
    return true;
  });
  if (errors.empty()) return std::nullopt;
  return errors;
}

bool Requirements::is_compatible(const Requirements& incoming, Undefined mode) const {
  for (const Requirement& r : incoming.items_) {
    if (must_be_defined(r, mode) && !has(r.key())) return false;
  }
  return intersects(incoming);
}

std::string Requirements::to_string() const {
  std::string out;
  for (const Requirement& r : items_) {
    if (!out.empty()) out += ", ";
    out += r.to_string();
  }
  return out;
}

}  // namespace nw::model
