#include "karpenter/budgets.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <vector>

namespace nw::karpenter {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kDay = 24 * 60 * kMinute;
// Days from 1970-01-01 to 2024-01-01, the simulator's time 0.
constexpr int64_t kEpochDays = 19723;

struct CivilTime {
  int minute, hour, day, month, weekday;  // weekday: 0 = Sunday, as cron counts
};

CivilTime civil(Timestamp at) {
  int64_t days = at / kDay + kEpochDays;
  int64_t in_day = at % kDay;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int weekday = static_cast<int>((days + 4) % 7);  // 1970-01-01 was a Thursday
  return {static_cast<int>(in_day / kMinute % 60), static_cast<int>(in_day / (60 * kMinute)), day,
          month, weekday};
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// One cron field ("*", "*/15", "1-5", "0,30", "8-18/2") matched against a value in [lo, hi].
std::optional<bool> field_matches(std::string_view field, int value, int lo, int hi) {
  while (!field.empty()) {
    size_t comma = field.find(',');
    std::string_view part = field.substr(0, comma);
    field = comma == std::string_view::npos ? std::string_view() : field.substr(comma + 1);
    int step = 1;
    if (size_t slash = part.find('/'); slash != std::string_view::npos) {
      auto s = number(part.substr(slash + 1));
      if (!s || *s <= 0) return std::nullopt;
      step = *s;
      part = part.substr(0, slash);
    }
    int first = lo, last = hi;
    if (part != "*") {
      size_t dash = part.find('-');
      auto a = number(part.substr(0, dash));
      auto b = dash == std::string_view::npos ? a : number(part.substr(dash + 1));
      if (!a || !b || *a < lo || *b > hi || *a > *b) return std::nullopt;
      first = *a;
      last = (dash == std::string_view::npos && step > 1) ? hi : *b;
    }
    if (value >= first && value <= last && (value - first) % step == 0) return true;
  }
  return false;
}

std::string_view expand_macro(std::string_view schedule) {
  if (schedule == "@yearly" || schedule == "@annually") return "0 0 1 1 *";
  if (schedule == "@monthly") return "0 0 1 * *";
  if (schedule == "@weekly") return "0 0 * * 0";
  if (schedule == "@daily" || schedule == "@midnight") return "0 0 * * *";
  if (schedule == "@hourly") return "0 * * * *";
  return schedule;
}

bool budget_active(const model::DisruptionBudget& budget, Timestamp now) {
  if (budget.schedule.empty() || !budget.duration) return true;
  // Active when the schedule fired within the last `duration`.
  const Timestamp start = now - budget.duration->millis;
  for (Timestamp minute = now - now % kMinute; minute > start && minute >= 0; minute -= kMinute) {
    if (cron_fires(budget.schedule, minute)) return true;
  }
  return false;
}

}  // namespace

bool cron_fires(std::string_view schedule, Timestamp at) {
  schedule = expand_macro(schedule);
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < schedule.size()) {
    while (i < schedule.size() && schedule[i] == ' ') ++i;
    size_t j = schedule.find(' ', i);
    if (j == std::string_view::npos) j = schedule.size();
    if (j > i) fields.push_back(schedule.substr(i, j - i));
    i = j;
  }
  if (fields.size() != 5) return false;
  const CivilTime t = civil(at);
  const int values[5] = {t.minute, t.hour, t.day, t.month, t.weekday};
  const int lo[5] = {0, 0, 1, 1, 0};
  const int hi[5] = {59, 23, 31, 12, 7};
  bool day_of_month = false, day_of_week = false;
  for (int f = 0; f < 5; ++f) {
    int value = values[f];
    std::optional<bool> match = field_matches(fields[static_cast<size_t>(f)], value, lo[f], hi[f]);
    // Day-of-week 7 is Sunday too.
    if (f == 4 && match && !*match && value == 0) match = field_matches(fields[4], 7, lo[f], hi[f]);
    if (!match) return false;
    if (f == 2) day_of_month = *match;
    if (f == 4) day_of_week = *match;
    if (f < 2 || f == 3) {
      if (!*match) return false;
    }
  }
  // Standard cron: when both day fields are restricted, either may match.
  const bool dom_any = fields[2] == "*", dow_any = fields[4] == "*";
  if (dom_any || dow_any) return day_of_month && day_of_week;
  return day_of_month || day_of_week;
}

int64_t disruptions_allowed(const model::NodePool& pool, model::DisruptionReason reason,
                            const ClusterState& state, Timestamp now) {
  int64_t nodes = 0, disrupting = 0;
  for (const auto& [name, node] : state.nodes) {
    // Only initialized nodes count, as in Karpenter's BuildDisruptionBudgetMapping.
    if (node.node_pool != pool.meta.name || !node.initialized_now()) continue;
    if (!node.deleting()) ++nodes;
    if (node.deleting() || !node.node.ready()) ++disrupting;
  }
  int64_t allowed = std::numeric_limits<int64_t>::max();
  for (const model::DisruptionBudget& budget : pool.budgets) {
    if (!budget.reasons.empty() &&
        std::find(budget.reasons.begin(), budget.reasons.end(), reason) == budget.reasons.end()) {
      continue;
    }
    if (!budget_active(budget, now)) continue;
    int64_t value = budget.percent ? (budget.nodes * nodes + 99) / 100 : budget.nodes;
    allowed = std::min(allowed, value);
  }
  return std::max<int64_t>(allowed - disrupting, 0);
}

}  // namespace nw::karpenter
