#include "model/quantity.h"

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <limits>

namespace nw::model {
namespace {

using i128 = Int128;

constexpr i128 kNanosPerUnit = 1'000'000'000;
constexpr i128 kMaxNanos = static_cast<i128>(std::numeric_limits<int64_t>::max()) * kNanosPerUnit;
// 36 significant digits keep every intermediate product below the int128 range.
constexpr int kMaxMantissaDigits = 36;

i128 pow10(int exponent) {
  i128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Ceiling division for a non-negative divisor, rounding toward +infinity as Kubernetes does when
// a value is finer than a nano-unit.
i128 divide_rounding_up(i128 numerator, i128 divisor) {
  i128 quotient = numerator / divisor;
  if (numerator % divisor != 0 && numerator > 0) ++quotient;
  return quotient;
}

std::string to_decimal_string(i128 value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    int digit = static_cast<int>(value % 10);
    digits.push_back(static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  if (negative) digits.push_back('-');
  return {digits.rbegin(), digits.rend()};
}

struct Suffix {
  int decimal_exponent = 0;  // power of ten
  int binary_exponent = 0;   // power of 1024
  Quantity::Format format = Quantity::Format::DecimalSI;
};

std::variant<Suffix, QuantityError> parse_suffix(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, int>, 6> kBinary = {
      {{"Ki", 1}, {"Mi", 2}, {"Gi", 3}, {"Ti", 4}, {"Pi", 5}, {"Ei", 6}}};
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal = {{{"", 0},
                                                                                 {"n", -9},
                                                                                 {"u", -6},
                                                                                 {"m", -3},
                                                                                 {"k", 3},
                                                                                 {"M", 6},
                                                                                 {"G", 9},
                                                                                 {"T", 12},
                                                                                 {"P", 15},
                                                                                 {"E", 18}}};
  for (auto [text, exponent] : kBinary)
    if (s == text) return Suffix{0, exponent, Quantity::Format::BinarySI};
  for (auto [text, exponent] : kDecimal)
    if (s == text) return Suffix{exponent, 0, Quantity::Format::DecimalSI};
  if (s.size() >= 2 && (s[0] == 'e' || s[0] == 'E')) {
    std::string_view rest = s.substr(1);
    bool negative = false;
    if (rest[0] == '+' || rest[0] == '-') {
      negative = rest[0] == '-';
      rest.remove_prefix(1);
    }
    if (!rest.empty() && rest.size() <= 4 &&
        rest.find_first_not_of("0123456789") == std::string_view::npos) {
      int exponent = std::atoi(std::string(rest).c_str());
      return Suffix{negative ? -exponent : exponent, 0, Quantity::Format::DecimalExponent};
    }
  }
  return QuantityError{
      fmt::format("unknown suffix \"{}\" (expected one of n u m k M G T P E, "
                  "Ki Mi Gi Ti Pi Ei, or an exponent such as e3)",
                  s)};
}

}  // namespace

struct QuantityParser {
  static std::variant<Quantity, QuantityError> parse(std::string_view text) {
    if (text.empty()) return QuantityError{"empty quantity"};
    std::string_view rest = text;
    bool negative = false;
    if (rest[0] == '+' || rest[0] == '-') {
      negative = rest[0] == '-';
      rest.remove_prefix(1);
    }
    // Mantissa: digits with at most one decimal point.
    i128 mantissa = 0;
    int significant_digits = 0;
    int fraction_digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    size_t i = 0;
    for (; i < rest.size(); ++i) {
      char c = rest[i];
      if (c == '.') {
        if (seen_point) return QuantityError{"more than one decimal point"};
        seen_point = true;
        continue;
      }
      if (c < '0' || c > '9') break;
      seen_digit = true;
      if (mantissa == 0 && c == '0') {
        if (seen_point) ++fraction_digits;
        continue;
      }
      if (++significant_digits > kMaxMantissaDigits) return QuantityError{"too many digits"};
      mantissa = mantissa * 10 + (c - '0');
      if (seen_point) ++fraction_digits;
    }
    if (!seen_digit) {
      return QuantityError{fmt::format("\"{}\" does not start with a number", text)};
    }
    auto suffix = parse_suffix(rest.substr(i));
    if (auto* error = std::get_if<QuantityError>(&suffix)) return *error;
    const Suffix& s = std::get<Suffix>(suffix);

    // nanos = mantissa × 10^(9 − fraction_digits + decimal_exponent) × 1024^binary_exponent
    i128 nanos = mantissa;
    for (int b = 0; b < s.binary_exponent; ++b) {
      if (__builtin_mul_overflow(nanos, static_cast<i128>(1024), &nanos)) {
        return QuantityError{"value too large"};
      }
    }
    int scale = 9 - fraction_digits + s.decimal_exponent;
    if (scale >= 0) {
      if (nanos != 0 && (scale > 38 || __builtin_mul_overflow(nanos, pow10(scale), &nanos))) {
        return QuantityError{"value too large"};
      }
    } else {
      nanos = -scale > 38 ? (nanos > 0 ? 1 : 0) : divide_rounding_up(nanos, pow10(-scale));
    }
    if (nanos > kMaxNanos) return QuantityError{"value too large (more than 2^63-1 units)"};
    Quantity q;
    q.nanos_ = negative ? -nanos : nanos;
    q.format_ = s.format;
    return q;
  }
};

std::variant<Quantity, QuantityError> parse_quantity(std::string_view text) {
  return QuantityParser::parse(text);
}

Quantity Quantity::from_milli(int64_t milli) {
  Quantity q;
  q.nanos_ = static_cast<i128>(milli) * 1'000'000;
  return q;
}

Quantity Quantity::from_value(int64_t value, Format format) {
  Quantity q;
  q.nanos_ = static_cast<i128>(value) * kNanosPerUnit;
  q.format_ = format;
  return q;
}

int64_t Quantity::value() const {
  // The parser bounds the magnitude, so the ceiling always fits in int64.
  i128 units = nanos_ / kNanosPerUnit;
  if (nanos_ % kNanosPerUnit > 0) ++units;
  return static_cast<int64_t>(units);
}

bool Quantity::fits_milli() const {
  i128 milli = nanos_ / 1'000'000;
  return milli <= std::numeric_limits<int64_t>::max() &&
         milli >= std::numeric_limits<int64_t>::min() + 1;
}

int64_t Quantity::milli() const {
  if (!fits_milli()) {
    return nanos_ > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  i128 milli = nanos_ / 1'000'000;
  if (nanos_ % 1'000'000 > 0) ++milli;
  return static_cast<int64_t>(milli);
}

bool Quantity::is_integer() const {
  return nanos_ % kNanosPerUnit == 0;
}

std::string Quantity::to_string() const {
  if (nanos_ == 0) return "0";
  if (format_ == Format::BinarySI && is_integer() &&
      (nanos_ >= 1024 * kNanosPerUnit || nanos_ <= -1024 * kNanosPerUnit)) {
    static constexpr std::array<std::string_view, 7> kSuffixes = {"",   "Ki", "Mi", "Gi",
                                                                  "Ti", "Pi", "Ei"};
    i128 units = nanos_ / kNanosPerUnit;
    size_t power = 0;
    while (power + 1 < kSuffixes.size() && units % 1024 == 0) {
      units /= 1024;
      ++power;
    }
    return to_decimal_string(units) + std::string(kSuffixes[power]);
  }
  // Decimal: the largest exponent (a multiple of 3) that keeps the mantissa an integer.
  static constexpr std::array<std::string_view, 10> kSiSuffixes = {"n", "u", "m", "",  "k",
                                                                   "M", "G", "T", "P", "E"};
  i128 mantissa = nanos_;
  size_t step = 0;  // exponent = 3 × step − 9
  while (step + 1 < kSiSuffixes.size() && mantissa % 1000 == 0) {
    mantissa /= 1000;
    ++step;
  }
  int exponent = static_cast<int>(step) * 3 - 9;
  if (format_ == Format::DecimalExponent) {
    return exponent == 0 ? to_decimal_string(mantissa)
                         : fmt::format("{}e{}", to_decimal_string(mantissa), exponent);
  }
  return to_decimal_string(mantissa) + std::string(kSiSuffixes[step]);
}

}  // namespace nw::model
