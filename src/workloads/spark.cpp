#include "workloads/spark.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "model/quantity.h"
#include "model/resources.h"

namespace nw::workloads {
namespace {

using model::Int128;
using model::Labels;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int kMiBShift = 20;
constexpr int64_t kMiB = int64_t{1} << kMiBShift;
// The largest MiB figure whose byte count fits in int64.
constexpr int64_t kMaxMiB = kInt64Max / kMiB;
constexpr int64_t kDefaultMemoryMiB = 1024;      // spark.{driver,executor}.memory = 1g
constexpr int64_t kDefaultMinOverheadMiB = 384;  // ResourceProfile.MEMORY_OVERHEAD_MIN_MIB
constexpr int kFactorDigits = 18;                // overhead factors are kept to 10^-18
constexpr Int128 kFactorScale = 1'000'000'000'000'000'000;
constexpr Int128 kJvmFactor = kFactorScale / 10;         // 0.1
constexpr Int128 kNonJvmFactor = kFactorScale / 10 * 4;  // 0.4
// "-exec-2147483647": what Spark reserves after an executor pod-name prefix in a 63-character
// DNS label (Config.scala, isValidExecutorPodNamePrefix).
constexpr size_t kMaxExecutorPrefixLength = 63 - 16;
constexpr size_t kMaxLabelValueLength = 63;

constexpr std::string_view kDriverContainer = "spark-kubernetes-driver";
constexpr std::string_view kExecutorContainer = "spark-kubernetes-executor";

// ---- Text helpers, as Java and Scala read configuration values -------------------------------

// Java's String.trim(): drops every character up to U+0020 at both ends.
std::string_view java_trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lower_letter(char c) {
  return c >= 'a' && c <= 'z';
}

// The leading run of characters satisfying `pred`, removed from `s`.
template <typename Pred>
std::string_view take_while(std::string_view& s, Pred pred) {
  size_t n = 0;
  while (n < s.size() && pred(s[n])) ++n;
  std::string_view head = s.substr(0, n);
  s.remove_prefix(n);
  return head;
}

// Decimal digits as an int64 (Long.parseLong on [0-9]+); nullopt when empty or beyond int64.
std::optional<int64_t> parse_digits(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    int64_t d = c - '0';
    if (value > (kInt64Max - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

// ---- JVM byte strings (JavaUtils.byteStringAs) ------------------------------------------------

// log2 of the unit's size in bytes: b k m g t p, with the optional "b" of kb mb gb tb pb.
std::optional<int> byte_unit_shift(std::string_view unit) {
  if (unit.size() == 2 && unit[1] == 'b' && unit[0] != 'b') unit.remove_suffix(1);
  if (unit.size() != 1) return std::nullopt;
  switch (unit[0]) {
    case 'b':
      return 0;
    case 'k':
      return 10;
    case 'm':
      return 20;
    case 'g':
      return 30;
    case 't':
      return 40;
    case 'p':
      return 50;
    default:
      return std::nullopt;
  }
}

enum class ByteStringProblem { None, Malformed, Fraction, TooLarge };

struct ByteString {
  int64_t mib = 0;
  ByteStringProblem problem = ByteStringProblem::None;
};

ByteString read_byte_string_mib(std::string_view text, char default_unit) {
  std::optional<int> default_shift = byte_unit_shift(std::string_view(&default_unit, 1));
  std::string lowered = ascii_lower(java_trim(text));
  std::string_view rest = lowered;
  std::string_view digits = take_while(rest, is_digit);
  if (digits.empty() || !default_shift) return {0, ByteStringProblem::Malformed};
  if (!rest.empty() && rest.front() == '.') {
    std::string_view after = rest.substr(1);
    std::string_view fraction = take_while(after, is_digit);
    take_while(after, is_lower_letter);
    if (!fraction.empty() && after.empty()) return {0, ByteStringProblem::Fraction};
    return {0, ByteStringProblem::Malformed};
  }
  std::string_view unit = take_while(rest, is_lower_letter);
  if (!rest.empty()) return {0, ByteStringProblem::Malformed};
  std::optional<int> shift = unit.empty() ? default_shift : byte_unit_shift(unit);
  if (!shift) return {0, ByteStringProblem::Malformed};
  std::optional<int64_t> value = parse_digits(digits);
  if (!value) return {0, ByteStringProblem::TooLarge};
  // ByteUnit.convertTo: multiply up (refusing overflow) or divide down (rounding down).
  if (*shift >= kMiBShift) {
    int64_t ratio = int64_t{1} << (*shift - kMiBShift);
    if (*value > kInt64Max / ratio) return {0, ByteStringProblem::TooLarge};
    return {*value * ratio, ByteStringProblem::None};
  }
  return {*value >> (kMiBShift - *shift), ByteStringProblem::None};
}

// ---- Overhead factors: exact decimals --------------------------------------------------------

// A non-negative decimal as parts per 10^18; nullopt when not a plain decimal number.
// Accepts what Double.parseDouble accepts in positional notation: "0.1", ".1", "1.", "+0.25".
// A leading '-' is read (so the range check can say what is wrong) and reported in `negative`.
struct Decimal {
  Int128 scaled = 0;  // |value| × 10^18, digits beyond 10^-18 dropped
  bool negative = false;
};

std::optional<Decimal> parse_decimal(std::string_view text) {
  Decimal d;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    d.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::string_view whole = take_while(text, is_digit);
  std::string_view fraction;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    fraction = take_while(text, is_digit);
  }
  if (!text.empty() || (whole.empty() && fraction.empty())) return std::nullopt;
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  if (whole.size() > kFactorDigits) return std::nullopt;  // beyond 10^18: no sensible factor
  Int128 value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  for (int i = 0; i < kFactorDigits; ++i) {
    value = value * 10 + (static_cast<size_t>(i) < fraction.size() ? fraction[i] - '0' : 0);
  }
  d.scaled = value;
  return d;
}

std::string substitute_ids(std::string value, std::string_view app_id, std::string_view exec_id) {
  // Utils.substituteAppNExecIds: every occurrence of each placeholder.
  auto replace_all = [&value](std::string_view from, std::string_view to) {
    for (size_t at = value.find(from); at != std::string::npos;
         at = value.find(from, at + to.size())) {
      value.replace(at, from.size(), to);
    }
  };
  replace_all("{{APP_ID}}", app_id);
  replace_all("{{EXECUTOR_ID}}", exec_id);
  return value;
}

// ---- Reading properties ----------------------------------------------------------------------

// Reads typed properties; the first bad one is kept as the error and later reads return their
// defaults, so a caller checks error() once after a group of reads.
class ConfReader {
 public:
  explicit ConfReader(const Labels& conf) : conf_(conf) {}

  const std::optional<SparkConfError>& error() const { return error_; }

  void fail(std::string_view key, std::string message) {
    if (!error_) error_ = SparkConfError{std::string(key), std::move(message)};
  }

  const std::string* find(std::string_view key) const { return model::find_label(conf_, key); }

  // A non-empty string property.
  std::optional<std::string> string(std::string_view key) const {
    const std::string* v = find(key);
    if (!v || v->empty()) return std::nullopt;
    return *v;
  }

  // Integer.parseInt after trimming, then at least `min`.
  int32_t integer(std::string_view key, int32_t fallback, int32_t min) {
    const std::string* v = find(key);
    if (!v) return fallback;
    std::string_view text = java_trim(*v);
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
      negative = text.front() == '-';
      text.remove_prefix(1);
    }
    std::optional<int64_t> magnitude = parse_digits(text);
    if (!magnitude || *magnitude > int64_t{kInt32Max} + (negative ? 1 : 0)) {
      fail(key, fmt::format("\"{}\" is not an integer (a whole number such as {})", *v, fallback));
      return fallback;
    }
    int64_t value = negative ? -*magnitude : *magnitude;
    if (value < min) {
      fail(key, min == 1 ? fmt::format("\"{}\" must be a positive integer", *v)
                         : fmt::format("\"{}\" must be an integer of at least {}", *v, min));
      return fallback;
    }
    return static_cast<int32_t>(value);
  }

  // Scala's String.toBoolean after trimming: "true" or "false" in any case.
  bool boolean(std::string_view key, bool fallback) {
    const std::string* v = find(key);
    if (!v) return fallback;
    std::string lowered = ascii_lower(java_trim(*v));
    if (lowered == "true") return true;
    if (lowered == "false") return false;
    fail(key, fmt::format("\"{}\" is not a boolean (true or false)", *v));
    return fallback;
  }

  // A JVM memory string in MiB; a bare number is in `default_unit`.
  std::optional<int64_t> memory_mib(std::string_view key, char default_unit) {
    const std::string* v = find(key);
    if (!v) return std::nullopt;
    ByteString read = read_byte_string_mib(*v, default_unit);
    switch (read.problem) {
      case ByteStringProblem::None:
        return read.mib;
      case ByteStringProblem::Fraction:
        fail(key, fmt::format("\"{}\" is not a JVM memory string such as 512m or 10g: fractions "
                              "are not supported, use a smaller unit",
                              *v));
        break;
      case ByteStringProblem::TooLarge:
        fail(key, fmt::format("\"{}\" is too large", *v));
        break;
      case ByteStringProblem::Malformed:
        fail(key, fmt::format("\"{}\" is not a JVM memory string such as 512m or 10g", *v));
        break;
    }
    return std::nullopt;
  }

  // An overhead factor as parts per 10^18: greater than 0, or at least 0 when `zero_allowed`.
  std::optional<Int128> factor(std::string_view key, bool zero_allowed) {
    const std::string* v = find(key);
    if (!v) return std::nullopt;
    std::optional<Decimal> d = parse_decimal(java_trim(*v));
    if (!d) {
      fail(key, fmt::format("\"{}\" is not a decimal number such as 0.1", *v));
      return std::nullopt;
    }
    if ((d->negative && d->scaled != 0) || (!zero_allowed && d->scaled == 0)) {
      fail(key, zero_allowed ? fmt::format("\"{}\" must not be negative", *v)
                             : fmt::format("\"{}\" must be greater than 0", *v));
      return std::nullopt;
    }
    return d->scaled;
  }

  // A Kubernetes cpu quantity ("3500m", "0.5", "2") in millicores.
  std::optional<int64_t> cpu_milli(std::string_view key) {
    const std::string* v = find(key);
    if (!v) return std::nullopt;
    auto parsed = model::parse_quantity(*v);
    if (const auto* err = std::get_if<model::QuantityError>(&parsed)) {
      fail(key, fmt::format("\"{}\" is not a Kubernetes cpu quantity such as 500m or 2 ({})", *v,
                            err->message));
      return std::nullopt;
    }
    auto amount = model::to_canonical_amount(model::kCpu, std::get<model::Quantity>(parsed));
    if (const auto* err = std::get_if<std::string>(&amount)) {
      fail(key, fmt::format("\"{}\" is not a usable cpu amount: {}", *v, *err));
      return std::nullopt;
    }
    return std::get<int64_t>(amount);
  }

  // A Spark time string read in whole seconds (timeConf(SECONDS)), at least `min_s`.
  std::optional<int64_t> time_s(std::string_view key, int64_t min_s) {
    const std::string* v = find(key);
    if (!v) return std::nullopt;
    std::optional<int64_t> seconds = parse_spark_time_s(*v);
    if (!seconds) {
      fail(key, fmt::format("\"{}\" is not a time such as 60s, 2m or 1h", *v));
      return std::nullopt;
    }
    if (*seconds < min_s) {
      fail(key, min_s == 0
                    ? fmt::format("\"{}\" must not be negative", *v)
                    : fmt::format("\"{}\" must be at least {}s (Spark reads it in whole seconds)",
                                  *v, min_s));
      return std::nullopt;
    }
    return seconds;
  }

  // A Spark time string in milliseconds (timeConf(MILLISECONDS)), at least `min_ms` (0 or 1).
  std::optional<int64_t> time_ms(std::string_view key, int64_t min_ms) {
    const std::string* v = find(key);
    if (!v) return std::nullopt;
    std::optional<int64_t> ms = parse_spark_time_ms(*v);
    if (!ms) {
      fail(key, fmt::format("\"{}\" is not a time such as 1s, 500ms or 2m", *v));
      return std::nullopt;
    }
    if (*ms < min_ms) {
      fail(key, min_ms > 0 ? fmt::format("\"{}\" must be a positive time", *v)
                           : fmt::format("\"{}\" must not be negative", *v));
      return std::nullopt;
    }
    return ms;
  }

  // Every property `<prefix><name>`, as (name, value) pairs sorted by name
  // (KubernetesUtils.parsePrefixedKeyValuePairs). An empty name is an error.
  Labels prefixed(std::string_view prefix) {
    Labels out;
    auto it = std::lower_bound(
        conf_.begin(), conf_.end(), prefix,
        [](const auto& entry, std::string_view p) { return std::string_view(entry.first) < p; });
    for (; it != conf_.end() && std::string_view(it->first).starts_with(prefix); ++it) {
      if (it->first.size() == prefix.size()) {
        fail(it->first, "names nothing: a name must follow the prefix");
        continue;
      }
      out.emplace_back(it->first.substr(prefix.size()), it->second);
    }
    return out;
  }

 private:
  const Labels& conf_;
  std::optional<SparkConfError> error_;
};

// ---- Sizing ----------------------------------------------------------------------------------

enum class Role { Driver, Executor };

std::string_view role_name(Role role) {
  return role == Role::Driver ? "driver" : "executor";
}

std::string key(Role role, std::string_view suffix) {
  return fmt::format("spark.{}.{}", role_name(role), suffix);
}

std::string k8s_key(Role role, std::string_view suffix) {
  return fmt::format("spark.kubernetes.{}.{}", role_name(role), suffix);
}

struct Sizing {
  int32_t cores = 1;  // spark.<role>.cores
  int64_t cpu_request_milli = 1000;
  std::optional<int64_t> cpu_limit_milli;
  int64_t memory_mib = 0;  // request = limit
};

// memory + overhead (+ off-heap and PySpark memory for executors), in MiB.
int64_t memory_mib(ConfReader& r, Role role, SparkLanguage language) {
  const std::string memory_key = key(role, "memory");
  int64_t memory = r.memory_mib(memory_key, 'm').value_or(kDefaultMemoryMiB);

  int64_t overhead = 0;
  if (std::optional<int64_t> given = r.memory_mib(key(role, "memoryOverhead"), 'm')) {
    overhead = *given;
  } else {
    std::optional<Int128> factor = r.factor(key(role, "memoryOverheadFactor"), false);
    if (!factor) factor = r.factor("spark.kubernetes.memoryOverheadFactor", true);
    if (!factor) factor = language == SparkLanguage::Jvm ? kJvmFactor : kNonJvmFactor;
    int64_t floor_mib =
        r.memory_mib(key(role, "minMemoryOverhead"), 'm').value_or(kDefaultMinOverheadMiB);
    Int128 scaled = *factor;
    if (scaled != 0 && memory > std::numeric_limits<Int128>::max() / scaled) {
      r.fail(memory_key, fmt::format("{} MiB times the overhead factor is too large", memory));
      return 0;
    }
    Int128 product = scaled * memory / kFactorScale;  // both non-negative: this is the floor
    overhead = product > kMaxMiB ? kMaxMiB + 1 : static_cast<int64_t>(product);
    overhead = std::max(overhead, floor_mib);
  }

  Int128 total = Int128{memory} + overhead;
  if (role == Role::Executor) {
    if (r.boolean("spark.memory.offHeap.enabled", false)) {
      // Bytes by default; Utils.memoryStringToMb rounds down to whole MiB.
      int64_t off_heap = r.memory_mib("spark.memory.offHeap.size", 'b').value_or(0);
      if (off_heap <= 0 && !r.error()) {
        const std::string* size = r.find("spark.memory.offHeap.size");
        r.fail(
            "spark.memory.offHeap.size",
            fmt::format("\"{}\" must be at least 1 MiB when spark.memory.offHeap.enabled is true",
                        size ? *size : "0"));
      }
      total += off_heap;
    }
    if (language == SparkLanguage::Python) {
      total += r.memory_mib("spark.executor.pyspark.memory", 'm').value_or(0);
    }
  }
  if (total > kMaxMiB && !r.error()) {
    r.fail(memory_key,
           fmt::format("the {} pod's memory ({} MiB with overhead) is too large", role_name(role),
                       static_cast<int64_t>(std::min<Int128>(total, kInt64Max))));
  }
  return total > kMaxMiB ? 0 : static_cast<int64_t>(total);
}

Sizing size(ConfReader& r, Role role, SparkLanguage language) {
  Sizing s;
  s.cores = r.integer(key(role, "cores"), 1, 1);
  s.cpu_request_milli =
      r.cpu_milli(k8s_key(role, "request.cores")).value_or(int64_t{s.cores} * 1000);
  const std::string limit_key = k8s_key(role, "limit.cores");
  s.cpu_limit_milli = r.cpu_milli(limit_key);
  if (s.cpu_limit_milli && *s.cpu_limit_milli < s.cpu_request_milli && !r.error()) {
    // Kubernetes rejects a container whose cpu request exceeds its limit.
    r.fail(
        limit_key,
        fmt::format("\"{}\" is below the cpu request ({}): Kubernetes rejects a "
                    "limit under the request",
                    *r.find(limit_key),
                    model::Resources::to_quantity(model::kCpu, s.cpu_request_milli).to_string()));
  }
  s.memory_mib = memory_mib(r, role, language);
  return s;
}

// ---- Allocation ------------------------------------------------------------------------------

int32_t default_batch_size(const SparkRelease& release) {
  if (release < SparkRelease{4, 0}) return 5;
  if (release < SparkRelease{4, 2}) return 10;
  return 20;  // SPARK-54422
}

// spark.dynamicAllocation.*, as ExecutorAllocationManager reads and checks them.
DynamicAllocation dynamic_allocation(ConfReader& r, const SparkRelease& release) {
  DynamicAllocation da;
  const std::string min_key = "spark.dynamicAllocation.minExecutors";
  const std::string max_key = "spark.dynamicAllocation.maxExecutors";
  da.min_executors = r.integer(min_key, 0, 0);
  da.max_executors = r.integer(max_key, kInt32Max, 1);
  if (!r.error() && da.min_executors > da.max_executors) {
    r.fail(min_key, fmt::format("\"{}\" is more than spark.dynamicAllocation.maxExecutors ({})",
                                *r.find(min_key), da.max_executors));
  }
  const std::string ratio_key = "spark.dynamicAllocation.executorAllocationRatio";
  if (const std::string* v = r.find(ratio_key)) {
    std::optional<Decimal> d = parse_decimal(java_trim(*v));
    if (!d) {
      r.fail(ratio_key, fmt::format("\"{}\" is not a decimal number such as 0.5", *v));
    } else if (d->negative || d->scaled == 0 ||
               d->scaled > DynamicAllocation::kAllocationRatioOne) {
      r.fail(ratio_key, fmt::format("\"{}\" must be more than 0 and at most 1", *v));
    } else {
      da.allocation_ratio = static_cast<int64_t>(d->scaled);
    }
  }
  const int64_t backlog_s =
      r.time_s("spark.dynamicAllocation.schedulerBacklogTimeout", 1).value_or(1);
  da.scheduler_backlog_timeout = model::Duration::seconds(backlog_s);
  da.sustained_scheduler_backlog_timeout = model::Duration::seconds(
      r.time_s("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", 1).value_or(backlog_s));
  da.executor_idle_timeout = model::Duration::seconds(
      r.time_s("spark.dynamicAllocation.executorIdleTimeout", 0).value_or(60));
  // Checked as Spark checks them; see DynamicAllocation for why they have no effect here.
  r.time_s("spark.dynamicAllocation.cachedExecutorIdleTimeout", 0);
  r.time_ms("spark.dynamicAllocation.shuffleTracking.timeout", 0);
  da.delete_grace_period = model::Duration{
      r.time_ms("spark.kubernetes.dynamicAllocation.deleteGracePeriod", 0).value_or(5000)};

  const bool shuffle_service = r.boolean("spark.shuffle.service.enabled", false);
  const bool tracking =
      r.boolean("spark.dynamicAllocation.shuffleTracking.enabled", !(release < SparkRelease{3, 4}));
  const bool decommission_shuffle =
      r.boolean("spark.decommission.enabled", false) &&
      r.boolean("spark.storage.decommission.shuffleBlocks.enabled", true);
  if (!r.error() && !shuffle_service && !tracking && !decommission_shuffle) {
    r.fail("spark.dynamicAllocation.shuffleTracking.enabled",
           "dynamic allocation needs shuffle tracking (true), an external shuffle service "
           "(spark.shuffle.service.enabled) or shuffle-block decommissioning "
           "(spark.decommission.enabled)");
  }
  da.shuffle_tracking = tracking && !shuffle_service;
  return da;
}

// ---- Pods ------------------------------------------------------------------------------------

struct RoleMeta {
  Labels node_selector;  // common, then per role (which wins)
  Labels labels;         // user labels, then Spark's
  Labels annotations;    // user annotations, {{APP_ID}} and {{EXECUTOR_ID}} substituted
  std::optional<std::string> scheduler_name;
  std::optional<std::string> container_name;  // podTemplateContainerName
};

// `preset`: the labels Spark sets (they win over the user's); `reserved`: the keys a user label
// may not have. `exec_id` replaces {{EXECUTOR_ID}} in annotation values.
RoleMeta role_meta(ConfReader& r, Role role, const Labels& preset, const Labels& reserved,
                   std::string_view app_id, std::string_view exec_id) {
  RoleMeta m;
  for (auto& [k, v] : r.prefixed("spark.kubernetes.node.selector."))
    model::set_label(m.node_selector, k, v);
  for (auto& [k, v] : r.prefixed(k8s_key(role, "node.selector.")))
    model::set_label(m.node_selector, k, v);

  const std::string label_prefix = k8s_key(role, "label.");
  for (auto& [k, v] : r.prefixed(label_prefix)) {
    if (model::find_label(reserved, k)) {
      r.fail(label_prefix + k, fmt::format("label \"{}\" is reserved for Spark", k));
    }
    model::set_label(m.labels, k, v);
  }
  for (const auto& [k, v] : preset) model::set_label(m.labels, k, v);

  for (auto& [k, v] : r.prefixed(k8s_key(role, "annotation."))) {
    model::set_label(m.annotations, k, substitute_ids(v, app_id, exec_id));
  }

  m.scheduler_name = r.string(k8s_key(role, "scheduler.name"));
  if (!m.scheduler_name) m.scheduler_name = r.string("spark.kubernetes.scheduler.name");
  m.container_name = r.string(k8s_key(role, "podTemplateContainerName"));
  return m;
}

// The pod Spark builds for one role: from the template if any, with Spark's overrides.
model::PodTemplate build_pod(const std::optional<model::PodTemplate>& pod_template,
                             const Sizing& sizing, const RoleMeta& meta,
                             std::string_view default_container) {
  model::PodTemplate pod;
  if (pod_template) pod = *pod_template;
  pod.meta.name.clear();
  pod.meta.uid.clear();
  pod.meta.creation_timestamp.reset();

  // KubernetesUtils.selectSparkContainer: the named container if present, else the first. It is
  // taken out of the list and, once built, added after the others.
  std::vector<model::Container>& containers = pod.spec.containers;
  auto chosen = containers.begin();
  if (meta.container_name) {
    auto named = std::find_if(containers.begin(), containers.end(), [&](const model::Container& c) {
      return c.name == *meta.container_name;
    });
    if (named != containers.end()) chosen = named;
  }
  model::Container spark;
  if (chosen != containers.end()) {
    spark = std::move(*chosen);
    containers.erase(chosen);
  }
  if (spark.name.empty()) spark.name = std::string(default_container);
  const int64_t memory_bytes = sizing.memory_mib * kMiB;
  spark.requests.set(model::kCpu, sizing.cpu_request_milli);
  spark.requests.set(model::kMemory, memory_bytes);
  spark.limits.set(model::kMemory, memory_bytes);
  if (sizing.cpu_limit_milli) spark.limits.set(model::kCpu, *sizing.cpu_limit_milli);
  containers.push_back(std::move(spark));

  for (const auto& [k, v] : meta.node_selector) model::set_label(pod.spec.node_selector, k, v);
  for (const auto& [k, v] : meta.labels) model::set_label(pod.meta.labels, k, v);
  for (const auto& [k, v] : meta.annotations) model::set_label(pod.meta.annotations, k, v);
  if (meta.scheduler_name) pod.spec.scheduler_name = *meta.scheduler_name;
  return pod;
}

std::string app_name(const SparkApplication& app) {
  if (!app.name.empty()) return app.name;
  const std::string* conf_name = model::find_label(app.conf, "spark.app.name");
  return conf_name && !conf_name->empty() ? *conf_name : "spark";
}

std::string executor_prefix(const SparkApplication& app) {
  const std::string* prefix =
      model::find_label(app.conf, "spark.kubernetes.executor.podNamePrefix");
  return prefix && !prefix->empty() ? *prefix : spark_name_prefix(app_name(app));
}

// A DNS-1123 subdomain: dot-separated labels of [a-z0-9-] that start and end alphanumeric.
bool is_dns_subdomain(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!is_digit(c) && !is_lower_letter(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

uint64_t fnv1a(uint64_t basis, std::string_view text) {
  uint64_t hash = basis;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string spark_name_prefix(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : java_trim(name)) {
    c = ascii_lower(c);
    bool keep = is_digit(c) || is_lower_letter(c);
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');  // leading dashes are never written; runs collapse to one
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? std::string("spark") : out;
}

std::string spark_app_id(std::string_view namespace_, std::string_view name) {
  std::string key = fmt::format("{}/{}", namespace_, name);
  constexpr uint64_t kBasis = 0xcbf29ce484222325ULL;                // FNV-1a's offset basis
  constexpr uint64_t kOtherBasis = kBasis ^ 0x9e3779b97f4a7c15ULL;  // a second, independent one
  return fmt::format("spark-{:016x}{:016x}", fnv1a(kBasis, key), fnv1a(kOtherBasis, key));
}

std::optional<int64_t> parse_spark_memory_mib(std::string_view text, char default_unit) {
  ByteString read = read_byte_string_mib(text, ascii_lower(default_unit));
  if (read.problem != ByteStringProblem::None) return std::nullopt;
  return read.mib;
}

namespace {

// A time string as JavaUtils.timeStringAs reads it: the number and its unit in microseconds;
// a bare number is in `default_unit_us`.
struct TimeString {
  int64_t value = 0;
  int64_t unit_us = 0;
};

std::optional<TimeString> read_time_string(std::string_view text, int64_t default_unit_us) {
  std::string lowered = ascii_lower(java_trim(text));
  std::string_view rest = lowered;
  bool negative = !rest.empty() && rest.front() == '-';
  if (negative) rest.remove_prefix(1);
  std::optional<int64_t> value = parse_digits(take_while(rest, is_digit));
  std::string_view unit = take_while(rest, is_lower_letter);
  if (!value || !rest.empty()) return std::nullopt;
  constexpr int64_t kMs = 1000;
  int64_t unit_us = 0;
  if (unit.empty()) {
    unit_us = default_unit_us;
  } else if (unit == "us") {
    unit_us = 1;
  } else if (unit == "ms") {
    unit_us = kMs;
  } else if (unit == "s") {
    unit_us = 1000 * kMs;
  } else if (unit == "m" || unit == "min") {
    unit_us = 60'000 * kMs;
  } else if (unit == "h") {
    unit_us = 3'600'000 * kMs;
  } else if (unit == "d") {
    unit_us = 86'400'000 * kMs;
  } else {
    return std::nullopt;
  }
  return TimeString{negative ? -*value : *value, unit_us};
}

// The time in units of `target_us` (TimeUnit.convert: coarser units truncate toward zero); nullopt
// beyond int64 milliseconds.
std::optional<int64_t> convert_time(const TimeString& t, int64_t target_us) {
  constexpr int64_t kMsUs = 1000;
  const int64_t magnitude = t.value < 0 ? -t.value : t.value;
  if (t.unit_us > kMsUs && magnitude > kInt64Max / (t.unit_us / kMsUs)) return std::nullopt;
  if (t.unit_us >= target_us) return t.value * (t.unit_us / target_us);
  return t.value / (target_us / t.unit_us);
}

}  // namespace

std::optional<int64_t> parse_spark_time_ms(std::string_view text) {
  std::optional<TimeString> t = read_time_string(text, 1000);
  return t ? convert_time(*t, 1000) : std::nullopt;
}

std::optional<int64_t> parse_spark_time_s(std::string_view text) {
  std::optional<TimeString> t = read_time_string(text, 1'000'000);
  return t ? convert_time(*t, 1'000'000) : std::nullopt;
}

std::optional<SparkRelease> spark_release(std::string_view version) {
  if (version.empty()) return SparkRelease{};
  std::string_view rest = version;
  std::optional<int64_t> major = parse_digits(take_while(rest, is_digit));
  if (!major || rest.empty() || rest.front() != '.') return std::nullopt;
  rest.remove_prefix(1);
  std::optional<int64_t> minor = parse_digits(take_while(rest, is_digit));
  if (!minor || *major > kInt32Max || *minor > kInt32Max) return std::nullopt;
  if (!rest.empty() && rest.front() != '.' && rest.front() != '-') return std::nullopt;
  return SparkRelease{static_cast<int32_t>(*major), static_cast<int32_t>(*minor)};
}

std::variant<SparkPods, SparkConfError> spark_pods(const SparkApplication& app) {
  ConfReader r(app.conf);
  SparkPods pods;

  const std::string name = app_name(app);
  const std::string prefix = spark_name_prefix(name);
  std::string namespace_ = r.string("spark.kubernetes.namespace")
                               .value_or(app.namespace_.empty() ? "default" : app.namespace_);
  pods.app_id = spark_app_id(namespace_, name);

  // Sizing and pacing.
  Sizing driver = size(r, Role::Driver, app.language);
  Sizing executor = size(r, Role::Executor, app.language);
  std::optional<SparkRelease> release = spark_release(app.spark_version);
  if (!release) {
    return SparkConfError{"sparkVersion", fmt::format("\"{}\" is not a Spark release such as 3.5.1",
                                                      app.spark_version)};
  }
  const std::string instances_key = "spark.executor.instances";
  if (r.boolean("spark.dynamicAllocation.enabled", false)) {
    DynamicAllocation da = dynamic_allocation(r, *release);
    // Utils.getDynamicAllocationInitialExecutors.
    const int32_t initial =
        r.integer("spark.dynamicAllocation.initialExecutors", da.min_executors, 0);
    pods.executor_instances = std::max({da.min_executors, initial, r.integer(instances_key, 0, 0)});
    pods.dynamic_allocation = da;
  } else {
    pods.executor_instances = r.integer(instances_key, 2, 0);
  }
  const int32_t task_cpus = r.integer("spark.task.cpus", 1, 1);
  if (!r.error() && executor.cores / task_cpus < 1) {
    r.fail("spark.task.cpus",
           fmt::format("\"{}\" is more than spark.executor.cores ({}): an executor would have no "
                       "task slot",
                       task_cpus, executor.cores));
  }
  pods.task_slots_per_executor = executor.cores / task_cpus;
  pods.allocation_batch_size =
      r.integer("spark.kubernetes.allocation.batch.size", default_batch_size(*release), 1);
  pods.allocation_batch_delay =
      model::Duration{r.time_ms("spark.kubernetes.allocation.batch.delay", 1).value_or(1000)};
  pods.max_pending_pods = r.integer("spark.kubernetes.allocation.maxPendingPods", kInt32Max, 1);

  // Names.
  std::string driver_name =
      r.string("spark.kubernetes.driver.pod.name").value_or(prefix + "-driver");
  if (std::optional<std::string> exec_prefix =
          r.string("spark.kubernetes.executor.podNamePrefix")) {
    if (!is_dns_subdomain(*exec_prefix) || exec_prefix->size() > kMaxExecutorPrefixLength) {
      r.fail("spark.kubernetes.executor.podNamePrefix",
             fmt::format("\"{}\" must be a DNS-1123 subdomain (lower-case letters, digits, '-' "
                         "and '.') of at most {} characters, leaving room for \"-exec-<id>\"",
                         *exec_prefix, kMaxExecutorPrefixLength));
    }
  }

  // Labels, selectors, annotations.
  std::string app_name_label = prefix.substr(0, kMaxLabelValueLength);
  while (!app_name_label.empty() && app_name_label.back() == '-') app_name_label.pop_back();
  Labels driver_preset;
  model::set_label(driver_preset, std::string(kSparkAppSelectorLabel), pods.app_id);
  model::set_label(driver_preset, std::string(kSparkRoleLabel), "driver");
  model::set_label(driver_preset, std::string(kSparkAppNameLabel), app_name_label);
  Labels executor_preset;
  model::set_label(executor_preset, std::string(kSparkAppSelectorLabel), pods.app_id);
  model::set_label(executor_preset, std::string(kSparkRoleLabel), "executor");
  model::set_label(executor_preset, std::string(kSparkAppNameLabel), app_name_label);
  model::set_label(executor_preset, std::string(kSparkResourceProfileIdLabel), "0");
  // spark-exec-id is each executor's own, set by executor_pod; it is reserved all the same.
  Labels executor_reserved = executor_preset;
  model::set_label(executor_reserved, std::string(kSparkExecIdLabel), "");
  RoleMeta driver_meta = role_meta(r, Role::Driver, driver_preset, driver_preset, pods.app_id, "");
  // The template keeps {{EXECUTOR_ID}}; executor_pod substitutes each executor's id.
  RoleMeta executor_meta = role_meta(r, Role::Executor, executor_preset, executor_reserved,
                                     pods.app_id, "{{EXECUTOR_ID}}");

  if (r.error()) return *r.error();

  model::PodTemplate driver_pod =
      build_pod(app.driver_template, driver, driver_meta, kDriverContainer);
  pods.driver.meta = std::move(driver_pod.meta);
  pods.driver.spec = std::move(driver_pod.spec);
  pods.driver.meta.name = driver_name;
  pods.driver.meta.namespace_ = namespace_;

  pods.executor = build_pod(app.executor_template, executor, executor_meta, kExecutorContainer);
  pods.executor.meta.namespace_ = namespace_;
  pods.executor.meta.owner_references.push_back(model::OwnerReference{
      .api_version = "v1",
      .kind = "Pod",
      .name = driver_name,
      .uid = pods.driver.meta.uid,
      .controller = true,
  });
  return pods;
}

model::Pod executor_pod(const SparkApplication& app, const SparkPods& pods, int32_t id) {
  model::Pod pod;
  pod.meta = pods.executor.meta;
  pod.spec = pods.executor.spec;
  const std::string exec_id = std::to_string(id);
  pod.meta.name = fmt::format("{}-exec-{}", executor_prefix(app), exec_id);
  model::set_label(pod.meta.labels, std::string(kSparkExecIdLabel), exec_id);
  // The annotations the properties give, with this executor's id (template annotations are kept
  // as they are, as Spark keeps them).
  constexpr std::string_view kPrefix = "spark.kubernetes.executor.annotation.";
  auto it = std::lower_bound(
      app.conf.begin(), app.conf.end(), kPrefix,
      [](const auto& entry, std::string_view p) { return std::string_view(entry.first) < p; });
  for (; it != app.conf.end() && std::string_view(it->first).starts_with(kPrefix); ++it) {
    if (it->first.size() == kPrefix.size()) continue;
    model::set_label(pod.meta.annotations, it->first.substr(kPrefix.size()),
                     substitute_ids(it->second, pods.app_id, exec_id));
  }
  return pod;
}

}  // namespace nw::workloads
