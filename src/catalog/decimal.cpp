#include "catalog/decimal.h"

namespace nw::catalog {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// value = value * 10 + digit, reporting overflow instead of wrapping.
bool push_digit(int64_t& value, char digit) {
  return !__builtin_mul_overflow(value, int64_t{10}, &value) &&
         !__builtin_add_overflow(value, int64_t{digit - '0'}, &value);
}

}  // namespace

std::optional<int64_t> parse_scaled_decimal(std::string_view text, int scale) {
  if (scale < 0 || scale > 18) return std::nullopt;
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  // "1." and ".5" are rejected: the CSV never writes them, so seeing one means corrupt data.
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;

  int64_t value = 0;
  for (char c : whole) {
    if (!is_digit(c) || !push_digit(value, c)) return std::nullopt;
  }
  for (size_t i = 0; i < static_cast<size_t>(scale); ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (!is_digit(c) || !push_digit(value, c)) return std::nullopt;
  }
  if (fraction.size() > static_cast<size_t>(scale)) {
    for (char c : fraction.substr(scale)) {
      if (!is_digit(c)) return std::nullopt;
    }
    if (fraction[scale] >= '5' && __builtin_add_overflow(value, int64_t{1}, &value)) {
      return std::nullopt;
    }
  }
  return value;
}

}  // namespace nw::catalog
