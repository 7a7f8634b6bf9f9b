// Building blocks shared by every object decoder: metadata, labels, resource lists,
// node-selector requirements, taints, tolerations, label selectors and kubelet settings.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "input/decoders.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Kubernetes "qualified name" part and label value: ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool is_label_name_like(std::string_view s, size_t max_length) {
  if (s.empty() || s.size() > max_length) return false;
  if (!is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  if (!is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// RFC 3339 as Kubernetes writes timestamps: 2024-05-01T10:00:00Z, optional fraction and offset.
std::optional<int64_t> parse_rfc3339(std::string_view s) {
  auto number = [&](size_t pos, size_t len) -> std::optional<int64_t> {
    if (pos + len > s.size()) return std::nullopt;
    int64_t v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second || s.size() < 20 || s[4] != '-' ||
      s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':' || *month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  int64_t offset = 0;
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    auto oh = number(pos + 1, 2), om = number(pos + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset = (*oh * 3600 + *om * 60) * (zone[0] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  return days_from_civil(*year, *month, *day) * 86400 + *hour * 3600 + *minute * 60 + *second -
         offset;
}

}  // namespace

std::optional<std::string> label_key_error(std::string_view key) {
  size_t slash = key.find('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (slash != std::string_view::npos && !is_dns_subdomain(key.substr(0, slash))) {
    return fmt::format("invalid label key \"{}\": the prefix must be a DNS subdomain", key);
  }
  if (!is_label_name_like(name, 63)) {
    return fmt::format(
        "invalid label key \"{}\": the name must be 1-63 alphanumerics, '-', '_' or '.', "
        "starting and ending with an alphanumeric",
        key);
  }
  return std::nullopt;
}

std::optional<std::string> label_value_error(std::string_view value) {
  if (value.empty() || is_label_name_like(value, 63)) return std::nullopt;
  return fmt::format(
      "invalid label value \"{}\": at most 63 alphanumerics, '-', '_' or '.', starting and "
      "ending with an alphanumeric",
      value);
}

bool is_restricted_node_pool_key(std::string_view key) {
  std::string_view canonical = model::normalize_label_key(key);
  return canonical == model::kLabelHostname || canonical == model::kLabelNodePool ||
         (canonical.starts_with("karpenter.sh/") && !model::is_well_known_label(canonical));
}

model::Labels labels(const Field& map) {
  model::Labels result;
  for (const auto& [key, value] : map.entries()) {
    if (auto error = label_key_error(key)) value.fail(*error);
    std::string text = value.present() ? value.string() : std::string();
    if (auto error = label_value_error(text)) value.fail(*error);
    model::set_label(result, key, std::move(text));
  }
  return result;
}

void known_fields_only(const Field& map, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : map.entries()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      value.fail(fmt::format("unknown field \"{}\" (expected {})", key, fmt::join(known, ", ")));
    }
  }
}

model::ObjectMeta object_meta(const Field& metadata, bool namespaced) {
  model::ObjectMeta meta;
  if (!metadata.present())
    metadata.fail("required field is missing (expected the object's metadata)");
  meta.name = metadata["name"].string();
  if (meta.name.empty() || !is_dns_subdomain(meta.name)) {
    metadata["name"].fail(fmt::format(
        "invalid name \"{}\": expected lowercase alphanumerics, '-' or '.', at most 253",
        meta.name));
  }
  if (namespaced) {
    meta.namespace_ = metadata["namespace"].optional_string().value_or("default");
  }
  meta.uid = metadata["uid"].optional_string().value_or("");
  if (auto created = metadata["creationTimestamp"].optional_string()) {
    auto seconds = parse_rfc3339(*created);
    if (!seconds) {
      metadata["creationTimestamp"].fail(fmt::format(
          "invalid timestamp \"{}\" (expected RFC 3339, e.g. 2024-05-01T10:00:00Z)", *created));
    }
    meta.creation_timestamp = seconds;
  }
  meta.labels = labels(metadata["labels"]);
  meta.annotations = metadata["annotations"].string_map();
  for (const Field& ref : metadata["ownerReferences"].items()) {
    meta.owner_references.push_back({ref["apiVersion"].string(), ref["kind"].string(),
                                     ref["name"].string(),
                                     ref["uid"].optional_string().value_or(""),
                                     ref["controller"].optional_boolean().value_or(false)});
  }
  return meta;
}

model::Resources resource_list(const Field& map) {
  model::Resources resources;
  for (const auto& [name, value] : map.entries()) {
    if (auto error = label_key_error(name))
      value.fail(fmt::format("invalid resource name \"{}\"", name));
    auto amount = model::to_canonical_amount(name, value.quantity());
    if (auto* error = std::get_if<std::string>(&amount)) value.fail(*error);
    resources.set(name, std::get<int64_t>(amount));
  }
  return resources;
}

model::Requirements requirements(const Field& list, RequirementDialect dialect) {
  const bool karpenter = dialect == RequirementDialect::KarpenterNodePool;
  std::vector<Field> items = list.items();
  if (karpenter && items.size() > 100) list.fail("at most 100 requirements are allowed");
  model::Requirements result;
  for (const Field& item : items) {
    if (karpenter) item.expect_only({"key", "operator", "values", "minValues"});
    std::string key = item["key"].string();
    if (auto error = label_key_error(key)) item["key"].fail(*error);
    if (karpenter && is_restricted_node_pool_key(key)) {
      item["key"].fail(fmt::format("label \"{}\" is restricted and cannot be required", key));
    }
    std::string op_text = item["operator"].string();
    auto op = model::parse_operator(op_text);
    bool karpenter_only = op && (*op == model::Operator::Gte || *op == model::Operator::Lte);
    if (!op || (karpenter_only && !karpenter)) {
      item["operator"].fail(fmt::format(
          "unknown operator \"{}\" (expected In, NotIn, Exists, DoesNotExist, Gt, Lt{})", op_text,
          karpenter ? ", Gte, Lte" : ""));
    }
    std::vector<std::string> values = item["values"].strings();
    switch (*op) {
      case model::Operator::In:
      case model::Operator::NotIn:
        if (values.empty()) {
          item["values"].fail(fmt::format("operator {} needs at least one value", op_text));
        }
        if (karpenter) {
          for (size_t i = 0; i < values.size(); ++i) {
            if (auto error = label_value_error(values[i])) item["values"].items()[i].fail(*error);
          }
        }
        break;
      case model::Operator::Exists:
      case model::Operator::DoesNotExist:
        if (!values.empty()) {
          item["values"].fail(fmt::format("operator {} takes no values", op_text));
        }
        break;
      default: {  // Gt, Lt, Gte, Lte
        if (values.size() != 1) {
          item["values"].fail(fmt::format("operator {} needs exactly one integer value, got {}",
                                          op_text, values.size()));
        }
        auto bound = model::parse_label_integer(values[0]);
        if (!bound || (karpenter && *bound < 0)) {
          item["values"].items()[0].fail(fmt::format("operator {} needs a{} integer, got \"{}\"",
                                                     op_text, karpenter ? " non-negative" : "n",
                                                     values[0]));
        }
      }
    }
    std::optional<int> min_values;
    if (item["minValues"].present()) {
      if (!karpenter) item["minValues"].fail("minValues is only allowed in NodePool requirements");
      min_values = static_cast<int>(item["minValues"].integer(1, 50));
      if (*op == model::Operator::In && static_cast<size_t>(*min_values) > values.size()) {
        item["minValues"].fail(
            fmt::format("minValues {} is more than the {} value(s) the requirement allows",
                        *min_values, values.size()));
      }
    }
    result.add(model::Requirement::from_operator(key, *op, std::move(values), min_values));
  }
  return result;
}

std::vector<model::Taint> taints(const Field& list) {
  std::vector<model::Taint> result;
  for (const Field& item : list.items()) {
    model::Taint taint;
    taint.key = item["key"].string();
    if (auto error = label_key_error(taint.key)) item["key"].fail(*error);
    taint.value = item["value"].optional_string().value_or("");
    if (auto error = label_value_error(taint.value)) item["value"].fail(*error);
    std::string effect = item["effect"].string();
    auto parsed = model::parse_taint_effect(effect);
    if (!parsed) {
      item["effect"].fail(fmt::format(
          "unknown taint effect \"{}\" (expected NoSchedule, PreferNoSchedule or NoExecute)",
          effect));
    }
    taint.effect = *parsed;
    result.push_back(std::move(taint));
  }
  return result;
}

std::vector<model::Toleration> tolerations(const Field& list) {
  std::vector<model::Toleration> result;
  for (const Field& item : list.items()) {
    model::Toleration toleration;
    toleration.key = item["key"].optional_string().value_or("");
    std::string op = item["operator"].optional_string().value_or("Equal");
    if (op == "Exists") {
      toleration.op = model::TolerationOperator::Exists;
    } else if (op != "Equal") {
      item["operator"].fail(
          fmt::format("unknown toleration operator \"{}\" (expected Equal or Exists)", op));
    }
    toleration.value = item["value"].optional_string().value_or("");
    if (toleration.op == model::TolerationOperator::Exists && !toleration.value.empty()) {
      item["value"].fail("a toleration with operator Exists takes no value");
    }
    if (toleration.key.empty() && toleration.op != model::TolerationOperator::Exists) {
      item["operator"].fail("a toleration with an empty key must use operator Exists");
    }
    if (auto effect = item["effect"].optional_string(); effect && !effect->empty()) {
      auto parsed = model::parse_taint_effect(*effect);
      if (!parsed) {
        item["effect"].fail(fmt::format(
            "unknown taint effect \"{}\" (expected NoSchedule, PreferNoSchedule or NoExecute)",
            *effect));
      }
      toleration.effect = parsed;
    }
    if (item["tolerationSeconds"].present()) {
      if (toleration.effect != model::TaintEffect::NoExecute) {
        item["tolerationSeconds"].fail("tolerationSeconds is only allowed with effect NoExecute");
      }
      toleration.toleration_seconds = item["tolerationSeconds"].integer(
          std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    }
    result.push_back(std::move(toleration));
  }
  return result;
}

model::LabelSelector label_selector(const Field& selector) {
  model::LabelSelector result;
  result.match_labels = labels(selector["matchLabels"]);
  for (const Field& item : selector["matchExpressions"].items()) {
    model::LabelSelectorRequirement requirement;
    requirement.key = item["key"].string();
    if (auto error = label_key_error(requirement.key)) item["key"].fail(*error);
    std::string op = item["operator"].string();
    auto parsed = model::parse_selector_operator(op);
    if (!parsed) {
      item["operator"].fail(
          fmt::format("unknown operator \"{}\" (expected In, NotIn, Exists or DoesNotExist)", op));
    }
    requirement.op = *parsed;
    requirement.values = item["values"].strings();
    bool set_based =
        *parsed == model::SelectorOperator::In || *parsed == model::SelectorOperator::NotIn;
    if (set_based && requirement.values.empty()) {
      item["values"].fail(fmt::format("operator {} needs at least one value", op));
    }
    if (!set_based && !requirement.values.empty()) {
      item["values"].fail(fmt::format("operator {} takes no values", op));
    }
    result.match_expressions.push_back(std::move(requirement));
  }
  return result;
}

model::KubeletConfiguration kubelet_configuration(const Field& kubelet) {
  model::KubeletConfiguration config;
  config.max_pods = kubelet["maxPods"].optional_integer(0, kInt32Max);
  config.pods_per_core = kubelet["podsPerCore"].optional_integer(0, kInt32Max);
  auto reserved = [](const Field& map) {
    static constexpr std::array<std::string_view, 4> kAllowed = {"cpu", "memory",
                                                                 "ephemeral-storage", "pid"};
    std::vector<std::pair<std::string, int64_t>> result;
    for (const auto& [name, value] : map.entries()) {
      if (std::find(kAllowed.begin(), kAllowed.end(), name) == kAllowed.end()) {
        value.fail(fmt::format(
            "unsupported resource \"{}\" (expected cpu, memory, ephemeral-storage or pid)", name));
      }
      auto amount = model::to_canonical_amount(name, value.quantity());
      if (auto* error = std::get_if<std::string>(&amount)) value.fail(*error);
      result.emplace_back(name, std::get<int64_t>(amount));
    }
    std::sort(result.begin(), result.end());
    return result;
  };
  config.kube_reserved = reserved(kubelet["kubeReserved"]);
  config.system_reserved = reserved(kubelet["systemReserved"]);
  for (const auto& [signal, value] : kubelet["evictionHard"].entries()) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSignals = {
        {{"memory.available", "memory"},
         {"nodefs.available", "ephemeral-storage"},
         {"nodefs.inodesFree", ""},
         {"imagefs.available", "ephemeral-storage"},
         {"imagefs.inodesFree", ""},
         {"pid.available", ""}}};
    auto known = std::find_if(kSignals.begin(), kSignals.end(),
                              [&](const auto& s) { return s.first == signal; });
    if (known == kSignals.end()) {
      value.fail(fmt::format("unknown eviction signal \"{}\"", signal));
    }
    model::EvictionThreshold threshold{signal, std::nullopt, std::nullopt};
    std::string text = value.string();
    if (!text.empty() && text.back() == '%') {
      int percent = -1;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, percent);
      if (ec != std::errc() || ptr != text.data() + text.size() - 1 || percent < 0 ||
          percent > 100) {
        value.fail(fmt::format("invalid percentage \"{}\" (expected 0% to 100%)", text));
      }
      threshold.percent = percent;
    } else {
      // Inode and pid signals count items; the others are bytes of their resource.
      std::string_view resource = known->second.empty() ? "pods" : known->second;
      auto amount = model::to_canonical_amount(resource, value.quantity());
      if (auto* error = std::get_if<std::string>(&amount)) value.fail(*error);
      threshold.amount = std::get<int64_t>(amount);
    }
    config.eviction_hard.push_back(std::move(threshold));
  }
  std::sort(config.eviction_hard.begin(), config.eviction_hard.end(),
            [](const auto& a, const auto& b) { return a.signal < b.signal; });
  return config;
}

}  // namespace nw::input::decode
