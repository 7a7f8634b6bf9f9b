#include "model/duration.h"

#include <fmt/format.h>

#include <array>
#include <limits>

#include "model/quantity.h"

namespace nw::model {

std::variant<Duration, std::string> parse_duration(std::string_view text) {
  // Units in nanoseconds, longest spelling first so "ms" is not read as "m".
  static constexpr std::array<std::pair<std::string_view, int64_t>, 7> kUnits = {{
      {"ns", 1},
      {"us", 1'000},
      {"µs", 1'000},
      {"ms", 1'000'000},
      {"s", 1'000'000'000},
      {"m", 60'000'000'000},
      {"h", 3'600'000'000'000},
  }};
  if (text.empty()) return std::string("empty duration");
  if (text.front() == '-') return fmt::format("duration \"{}\" must not be negative", text);
  if (text == "0") return Duration{};
  std::string_view rest = text;
  if (rest.front() == '+') rest.remove_prefix(1);
  Int128 total_nanos = 0;
  while (!rest.empty()) {
    // number: digits [. digits]
    Int128 whole = 0;
    Int128 fraction = 0;
    Int128 fraction_scale = 1;
    size_t i = 0;
    bool any_digit = false;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
      whole = whole * 10 + (rest[i] - '0');
      any_digit = true;
      if (whole > std::numeric_limits<int64_t>::max())
        return fmt::format("duration \"{}\" is too large", text);
    }
    if (i < rest.size() && rest[i] == '.') {
      for (++i; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
        if (fraction_scale < 1'000'000'000'000'000'000) {
          fraction = fraction * 10 + (rest[i] - '0');
          fraction_scale *= 10;
        }
        any_digit = true;
      }
    }
    if (!any_digit) {
      return fmt::format("invalid duration \"{}\" (expected e.g. 30s, 1h30m, 720h)", text);
    }
    rest.remove_prefix(i);
    int64_t unit = 0;
    for (auto [name, nanos] : kUnits) {
      if (rest.starts_with(name)) {
        unit = nanos;
        rest.remove_prefix(name.size());
        break;
      }
    }
    if (unit == 0) {
      return fmt::format("invalid duration \"{}\": missing or unknown unit (ns, us, ms, s, m, h)",
                         text);
    }
    total_nanos += whole * unit + (fraction * unit + fraction_scale - 1) / fraction_scale;
    if (total_nanos > static_cast<Int128>(std::numeric_limits<int64_t>::max())) {
      return fmt::format("duration \"{}\" is too large", text);
    }
  }
  return Duration{static_cast<int64_t>((total_nanos + 999'999) / 1'000'000)};
}

std::string Duration::to_string() const {
  if (millis == 0) return "0s";
  int64_t hours = millis / 3'600'000;
  int64_t minutes = millis / 60'000 % 60;
  int64_t ms = millis % 60'000;
  std::string text;
  if (hours != 0) text += fmt::format("{}h", hours);
  if (minutes != 0) text += fmt::format("{}m", minutes);
  if (ms != 0) {
    text += ms % 1000 == 0 ? fmt::format("{}s", ms / 1000) : fmt::format("{}ms", ms);
  }
  return text;
}

}  // namespace nw::model
