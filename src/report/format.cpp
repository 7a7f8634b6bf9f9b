#include "report/format.h"

#include <algorithm>

#include "sim/result.h"

namespace nw::report::detail {
namespace {

model::Int128 pow10(int exponent) {
  model::Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

model::Int128 floor_div(model::Int128 n, model::Int128 d) {
  model::Int128 q = n / d;
  if ((n % d != 0) && ((n < 0) != (d < 0))) --q;
  return q;
}

// |value| as decimal digits (value fits in 128 bits but its magnitude may not fit in 64).
std::string digits(model::Int128 value) {
  if (value < 0) value = -value;
  if (value == 0) return "0";
  std::string text;
  while (value > 0) {
    text += static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  }
  std::reverse(text.begin(), text.end());
  return text;
}

// `value` / 10^decimals with exactly `decimals` places.
std::string fixed_point(model::Int128 value, int decimals) {
  std::string sign = value < 0 ? "-" : "";
  std::string text = digits(value);
  if (decimals == 0) return sign + text;
  auto places = static_cast<size_t>(decimals);
  if (text.size() <= places) text = std::string(places + 1 - text.size(), '0') + text;
  size_t point = text.size() - places;
  return sign + text.substr(0, point) + "." + text.substr(point);
}

}  // namespace

model::Int128 round_div(model::Int128 n, model::Int128 d) {
  return floor_div(2 * n + d, 2 * d);
}

std::string exact_decimal(int64_t value, int scale) {
  std::string text = fixed_point(value, scale);
  if (scale > 0) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string fixed_decimal(int64_t value, int scale, int decimals) {
  return fixed_point(round_div(value, pow10(scale - decimals)), decimals);
}

int64_t gib_thousandths(int64_t bytes) {
  return static_cast<int64_t>(round_div(model::Int128{bytes} * 1000, model::Int128{1} << 30));
}

std::string seconds_or_empty(int64_t ms) {
  return ms == sim::kNever ? std::string() : exact_decimal(ms, 3);
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace nw::report::detail
