#include "model/duration.h"

#include <fmt/format.h>

#include <array>
#include <limits>

#include "model/quantity.h"

namespace nw::model {

std::variant<Duration, std::string> parse_duration(std::string_view text) {
  // Units in nanoseconds, longest spelling first so "ms" is not read as "m".
  static constexpr std::array<std::pair<std::string_view, int64_t>, 8> kUnits = {{
      {"ns", 1},
      {"us", 1'000},
      {"\u00b5s", 1'000},  // micro sign, as Go accepts
      {"\u03bcs", 1'000},  // Greek small letter mu, as Go accepts
      {"ms", 1'000'000},
      {"s", 1'000'000'000},
      {"m", 60'000'000'000},
      {"h", 3'600'000'000'000},
  }};
  if (text.empty()) return std::string("empty duration");
  std::string_view rest = text;
  bool negative = false;
  if (rest.front() == '+' || rest.front() == '-') {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  // Go's special case: a bare zero needs no unit ("0", "+0", "-0").
  if (rest == "0") return Duration{};
  if (rest.empty()) {
    return fmt::format("invalid duration \"{}\" (expected e.g. 30s, 1h30m, 720h)", text);
  }
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
  // "-0s" is zero, as in Go; any other negative duration is refused.
  if (negative && total_nanos != 0) {
    return fmt::format("duration \"{}\" must not be negative", text);
  }
  return Duration{static_cast<int64_t>((total_nanos + 999'999) / 1'000'000)};
}

std::string Duration::to_string() const {
  if (millis == 0) return "0s";
  // Magnitude as unsigned, so even INT64_MIN prints.
  uint64_t magnitude =
      millis < 0 ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  std::string text = millis < 0 ? "-" : "";
  // Under a second Go prints milliseconds ("500ms"); otherwise hours, minutes and (fractional)
  // seconds, as Go's Duration.String() does, minus its zero components ("1h0m0s" is "1h").
  if (magnitude < 1000) return text + fmt::format("{}ms", magnitude);
  uint64_t hours = magnitude / 3'600'000;
  uint64_t minutes = magnitude / 60'000 % 60;
  uint64_t ms = magnitude % 60'000;
  if (hours != 0) text += fmt::format("{}h", hours);
  if (minutes != 0) text += fmt::format("{}m", minutes);
  if (ms != 0) {
    text += fmt::format("{}", ms / 1000);
    if (ms % 1000 != 0) {
      std::string fraction = fmt::format("{:03}", ms % 1000);
      fraction.erase(fraction.find_last_not_of('0') + 1);
      text += "." + fraction;
    }
    text += 's';
  }
  return text;
}

}  // namespace nw::model
