// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity), exactly.
//
// Grammar: <sign><digits>[.<digits>]<suffix>, suffix one of the binary SI suffixes (Ki Mi Gi Ti Pi
// Ei), the decimal SI suffixes (n u m "" k M G T P E) or a decimal exponent (e3, E-2). Values are
// held exactly in nano-units (10^-9), the finest precision Kubernetes keeps; anything finer rounds
// up, as Kubernetes does. A quantity whose whole-unit value does not fit in int64 is rejected.
//
// Canonical printing follows Kubernetes: the format is the one the text was written in (binary
// SI, decimal SI, exponent) and the largest suffix that keeps the mantissa an integer is chosen;
// binary SI falls back to decimal SI when the value is not a whole multiple of 1024.
//
// Deliberate departures from apimachinery, both on inputs no manifest should hold:
//   - Kubernetes keeps decimal values beyond int64 exactly and caps binary ones at 2^63-1 ("8Ei"
//     becomes 9223372036854775807); here both are errors, so no amount is silently changed.
//   - Kubernetes' scanner reads a sign, a point or a bare suffix with no digits ("-", ".", "Ki")
//     as zero; here a number needs a digit, as the grammar and the published OpenAPI pattern say.
// A binary-suffixed value with more than 36 significant digits is also refused (the ceiling
// could not be decided exactly); long decimal inputs are read exactly at any length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace nw::model {

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Int128;

class Quantity {
 public:
  enum class Format { DecimalSI, BinarySI, DecimalExponent };

  Quantity() = default;
  static Quantity from_milli(int64_t milli);  // decimal SI
  static Quantity from_value(int64_t value, Format format = Format::DecimalSI);

  // The value in whole units / thousandths, rounded away from zero as Kubernetes' Value() and
  // MilliValue() round (the ceiling for the non-negative amounts resources hold). milli()
  // saturates at the int64 range; callers that need exactness check fits_milli().
  int64_t value() const;
  int64_t milli() const;
  bool fits_milli() const;
  bool is_integer() const;  // no fractional part
  bool negative() const { return nanos_ < 0; }
  Format format() const { return format_; }

  std::string to_string() const;  // canonical form

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.nanos_ == b.nanos_; }
  friend auto operator<=>(const Quantity& a, const Quantity& b) { return a.nanos_ <=> b.nanos_; }

 private:
  friend struct QuantityParser;
  Int128 nanos_ = 0;
  Format format_ = Format::DecimalSI;
};

struct QuantityError {
  std::string message;  // e.g. "unknown suffix \"gb\"", "value too large"
};

// Parses a quantity; returns the error instead of throwing, so callers can attach a location.
std::variant<Quantity, QuantityError> parse_quantity(std::string_view text);

}  // namespace nw::model
