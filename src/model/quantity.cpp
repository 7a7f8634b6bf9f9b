#include "model/quantity.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <optional>

namespace nw::model {
namespace {

using i128 = Int128;
__extension__ typedef unsigned __int128 u128;

constexpr i128 kNanosPerUnit = 1'000'000'000;
constexpr i128 kMaxNanos = static_cast<i128>(std::numeric_limits<int64_t>::max()) * kNanosPerUnit;
// 36 significant digits keep every intermediate product below the int128 range; digits beyond
// them can only round the value up (or overflow it), so they are folded into a sticky flag.
constexpr int kMaxMantissaDigits = 36;
// Larger exponents overflow any non-zero mantissa, or round it up to 1n; saturating keeps the
// arithmetic in int range.
constexpr int kMaxExponent = 100'000;

i128 pow10(int exponent) {
  i128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
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
    // Any number of digits, as Go's strconv.ParseInt reads them ("e003" is e3). Magnitudes beyond
    // kMaxExponent saturate: they overflow (or round up to 1n) whatever the mantissa is.
    if (!rest.empty() && rest.find_first_not_of("0123456789") == std::string_view::npos) {
      int exponent = 0;
      for (char c : rest) exponent = std::min(exponent * 10 + (c - '0'), kMaxExponent);
      return Suffix{negative ? -exponent : exponent, 0, Quantity::Format::DecimalExponent};
    }
  }
  return QuantityError{
      fmt::format("unknown suffix \"{}\" (expected one of n u m k M G T P E, "
                  "Ki Mi Gi Ti Pi Ei, or an exponent such as e3)",
                  s)};
}

}  // namespace

namespace {

// ceil(m × 2^bits / 10^t) for m ≥ 0 and t > 0, exactly; `sticky` says that m was truncated (the
// true mantissa lies strictly between m and m + 1). nullopt when the result overflows, or when a
// truncated mantissa meets a binary suffix and the ceiling cannot be decided.
std::optional<i128> scale_down(i128 m, int bits, int t, bool sticky) {
  // Cancel the factors of two the binary suffix shares with 10^t: m × 2^x / (5^t × 2^y).
  int common = std::min(bits, t);
  int x = bits - common;
  i128 den = 1;
  bool saturated = false;
  for (int i = 0; i < t && !saturated; ++i) saturated = __builtin_mul_overflow(den, 5, &den);
  for (int i = 0; i < t - common && !saturated; ++i)
    saturated = __builtin_mul_overflow(den, 2, &den);
  // m has at most 36 digits; a denominator beyond int128 leaves a positive value below one nano.
  if (saturated) return m > 0 || sticky ? 1 : 0;
  i128 whole = m / den;
  i128 remainder = m % den;
  i128 result = 0;
  if (__builtin_mul_overflow(whole, static_cast<i128>(1) << x, &result)) return std::nullopt;
  if (x == 0) return result + (remainder != 0 || sticky ? 1 : 0);
  if (sticky) return std::nullopt;
  // remainder × 2^x < min(m, 5^t) × 2^(60 − t) stays below 2^128.
  u128 scaled = static_cast<u128>(remainder) << x;
  u128 udiv = static_cast<u128>(den);
  return result + static_cast<i128>(scaled / udiv + (scaled % udiv != 0 ? 1 : 0));
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
    // Mantissa: digits with at most one decimal point. The first kMaxMantissaDigits significant
    // digits are kept; later ones only move the exponent (integer part) and set `sticky` when
    // non-zero, so an arbitrarily long input still rounds up exactly.
    i128 mantissa = 0;
    int significant_digits = 0;
    int fraction_digits = 0;
    int dropped_integer_digits = 0;
    bool sticky = false;
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
      if (significant_digits == kMaxMantissaDigits) {
        sticky = sticky || c != '0';
        if (!seen_point)
          dropped_integer_digits = std::min(dropped_integer_digits + 1, kMaxExponent);
        continue;
      }
      ++significant_digits;
      mantissa = mantissa * 10 + (c - '0');
      if (seen_point) fraction_digits = std::min(fraction_digits + 1, kMaxExponent);
    }
    if (!seen_digit) {
      return QuantityError{fmt::format("\"{}\" does not start with a number", text)};
    }
    auto suffix = parse_suffix(rest.substr(i));
    if (auto* error = std::get_if<QuantityError>(&suffix)) return *error;
    const Suffix& s = std::get<Suffix>(suffix);

    // nanos = (mantissa + sticky) × 10^scale × 1024^binary_exponent, rounded up.
    const QuantityError too_large{"value too large (more than 2^63-1 units)"};
    int scale = 9 - fraction_digits + s.decimal_exponent + dropped_integer_digits;
    int bits = 10 * s.binary_exponent;
    i128 nanos = mantissa;
    if (mantissa == 0 && !sticky) {
      nanos = 0;
    } else if (scale >= 0) {
      // A truncated mantissa has 36 digits, so with scale ≥ 0 it is far beyond the range.
      if (sticky || scale > 38 || __builtin_mul_overflow(nanos, pow10(scale), &nanos) ||
          __builtin_mul_overflow(nanos, static_cast<i128>(1) << bits, &nanos)) {
        return too_large;
      }
    } else {
      auto scaled = scale_down(mantissa, bits, -scale, sticky);
      if (!scaled) {
        return sticky ? QuantityError{"too many significant digits for a binary suffix"}
                      : too_large;
      }
      nanos = *scaled;
    }
    if (nanos > kMaxNanos) return too_large;
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

namespace {

// nanos / divisor, rounded away from zero as Kubernetes' Value() and MilliValue() round
// ("-1.5" has Value() -2).
i128 divide_away_from_zero(i128 nanos, i128 divisor) {
  i128 quotient = nanos / divisor;
  i128 remainder = nanos % divisor;
  if (remainder > 0) ++quotient;
  if (remainder < 0) --quotient;
  return quotient;
}

}  // namespace

int64_t Quantity::value() const {
  // The parser bounds the magnitude, so the rounded value always fits in int64.
  return static_cast<int64_t>(divide_away_from_zero(nanos_, kNanosPerUnit));
}

bool Quantity::fits_milli() const {
  i128 milli = divide_away_from_zero(nanos_, 1'000'000);
  return milli <= std::numeric_limits<int64_t>::max() &&
         milli >= std::numeric_limits<int64_t>::min() + 1;
}

int64_t Quantity::milli() const {
  if (!fits_milli()) {
    return nanos_ > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(divide_away_from_zero(nanos_, 1'000'000));
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
