// Kubernetes resource quantities: grammar, rounding, canonical printing and round-trips. Expected
// values follow k8s.io/apimachinery/pkg/api/resource (ParseQuantity, Value, MilliValue,
// CanonicalizeBytes); the few deliberate departures are marked.
#include "model/quantity.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <variant>

namespace nw::model {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Quantity parse(std::string_view text) {
  auto parsed = parse_quantity(text);
  if (auto* error = std::get_if<QuantityError>(&parsed)) {
    ADD_FAILURE() << "\"" << text << "\" failed to parse: " << error->message;
    return Quantity{};
  }
  return std::get<Quantity>(parsed);
}

// The error message, or "" when the text parses.
std::string error_of(std::string_view text) {
  auto parsed = parse_quantity(text);
  if (auto* error = std::get_if<QuantityError>(&parsed)) return error->message;
  return "";
}

std::string canonical(std::string_view text) {
  return parse(text).to_string();
}

TEST(QuantityTest, ParsesDecimalSiSuffixes) {
  EXPECT_EQ(parse("100m").milli(), 100);
  EXPECT_EQ(parse("0.5").milli(), 500);
  EXPECT_EQ(parse("4G").value(), 4'000'000'000);
  EXPECT_EQ(parse("2k").value(), 2000);
  EXPECT_EQ(parse("1M").value(), 1'000'000);
  EXPECT_EQ(parse("3T").value(), 3'000'000'000'000);
  EXPECT_EQ(parse("2P").value(), 2'000'000'000'000'000);
  EXPECT_EQ(parse("1E").value(), 1'000'000'000'000'000'000);  // "E" alone is exa, not an exponent
  EXPECT_EQ(parse("5u"), parse("5000n"));
  EXPECT_EQ(parse("1n"), parse("0.001u"));
  for (std::string_view text : {"100m", "0.5", "4G", "2k", "1E", "5u"}) {
    EXPECT_EQ(parse(text).format(), Quantity::Format::DecimalSI) << text;
  }
}

TEST(QuantityTest, ParsesBinarySiSuffixes) {
  EXPECT_EQ(parse("1Ki").value(), 1024);
  EXPECT_EQ(parse("512Mi").value(), 512 * 1024 * 1024);
  EXPECT_EQ(parse("1.5Gi").value(), 1'610'612'736);  // 1.5 × 2^30
  EXPECT_EQ(parse("2Ti").value(), int64_t{2} << 40);
  EXPECT_EQ(parse("3Pi").value(), int64_t{3} << 50);
  EXPECT_EQ(parse("1Ei").value(), int64_t{1} << 60);
  EXPECT_EQ(parse("7Ei").value(), int64_t{7} << 60);
  EXPECT_EQ(parse("0.5Ki").value(), 512);
  EXPECT_EQ(parse("512Mi").format(), Quantity::Format::BinarySI);
  EXPECT_EQ(parse("1Ki"), parse("1024"));  // equality is by value, whatever the format
}

TEST(QuantityTest, ParsesDecimalExponents) {
  EXPECT_EQ(parse("1e3").value(), 1000);
  EXPECT_EQ(parse("1E3").value(), 1000);
  EXPECT_EQ(parse("1e+3").value(), 1000);
  EXPECT_EQ(parse("1e003").value(), 1000);  // Go's ParseInt reads leading zeros
  EXPECT_EQ(parse("1.5e3").value(), 1500);
  EXPECT_EQ(parse("1E-2").milli(), 10);
  EXPECT_EQ(parse("25e-1").milli(), 2500);
  EXPECT_EQ(parse("0e99999999"), Quantity{});
  EXPECT_EQ(parse("1e3").format(), Quantity::Format::DecimalExponent);
  // A vanishing exponent still rounds a non-zero value up to one nano-unit.
  EXPECT_EQ(parse("1e-100"), parse("1n"));
  EXPECT_EQ(parse("1e-99999999"), parse("1n"));
}

TEST(QuantityTest, ParsesSignsAndBarePoints) {
  EXPECT_EQ(parse("+1").value(), 1);
  EXPECT_EQ(parse("-1").value(), -1);
  EXPECT_TRUE(parse("-1").negative());
  EXPECT_FALSE(parse("+1").negative());
  EXPECT_EQ(parse(".5").milli(), 500);
  EXPECT_EQ(parse("5.").value(), 5);
  EXPECT_EQ(parse("1.G").value(), 1'000'000'000);  // Kubernetes allows "1.G" too
  EXPECT_EQ(parse("-0"), Quantity{});
  EXPECT_FALSE(parse("-0").negative());
  EXPECT_EQ(parse("000123"), parse("123"));
  EXPECT_EQ(parse("0.0"), Quantity{});
}

TEST(QuantityTest, RejectsMalformedText) {
  EXPECT_EQ(error_of(""), "empty quantity");
  EXPECT_NE(error_of("1e"), "");  // a bare "e" is neither exa nor an exponent
  EXPECT_NE(error_of("1e-"), "");
  EXPECT_NE(error_of("1E+"), "");
  EXPECT_NE(error_of("10 gb"), "");
  EXPECT_NE(error_of("gb"), "");
  EXPECT_EQ(error_of("1.2.3"), "more than one decimal point");
  EXPECT_NE(error_of("1Kib"), "");
  EXPECT_NE(error_of("1K"), "");  // kilo is lower-case k
  EXPECT_NE(error_of("1ki"), "");
  EXPECT_NE(error_of("1i"), "");
  EXPECT_NE(error_of("1Ke3"), "");
  EXPECT_NE(error_of("1e3.5"), "");
  EXPECT_NE(error_of("1ee3"), "");
  EXPECT_NE(error_of("0x10"), "");
  EXPECT_NE(error_of(" 1"), "");
  EXPECT_NE(error_of("1 "), "");
  EXPECT_NE(error_of("--1"), "");
  EXPECT_NE(error_of("+-1"), "");
  EXPECT_NE(error_of("1,5"), "");
  EXPECT_NE(error_of("1m "), "");
  EXPECT_NE(error_of("Mi"), "");
  // Kubernetes' scanner reads these as zero; we follow the documented grammar (a digit is
  // required), as the published OpenAPI pattern does.
  for (std::string_view text : {"+", "-", ".", "-.", "Ki", "m"}) {
    EXPECT_NE(error_of(text), "") << text;
  }
  EXPECT_NE(error_of("gb").find("does not start with a number"), std::string::npos);
  EXPECT_NE(error_of("1Kib").find("unknown suffix \"Kib\""), std::string::npos);
}

TEST(QuantityTest, RejectsValuesBeyondInt64Units) {
  EXPECT_EQ(parse("9223372036854775807").value(), kMax);
  EXPECT_EQ(parse("-9223372036854775807").value(), -kMax);
  // Kubernetes caps 8Ei (2^63) at 2^63-1; we refuse it rather than change the amount.
  EXPECT_NE(error_of("8Ei").find("too large"), std::string::npos);
  EXPECT_NE(error_of("-8Ei").find("too large"), std::string::npos);
  EXPECT_NE(error_of("9223372036854775808").find("too large"), std::string::npos);
  EXPECT_NE(error_of("9223372036854775807.000000001").find("too large"), std::string::npos);
  EXPECT_NE(error_of("1e19").find("too large"), std::string::npos);
  EXPECT_NE(error_of("10E").find("too large"), std::string::npos);
  EXPECT_NE(error_of("1e99999999").find("too large"), std::string::npos);
  EXPECT_EQ(error_of("9E"), "");
  EXPECT_EQ(error_of("9223372036854775807000m"), "");
}

TEST(QuantityTest, ReadsHundredDigitNumbers) {
  // 100 digits of integer: beyond int64 units.
  EXPECT_NE(error_of("1" + std::string(99, '0')).find("too large"), std::string::npos);
  // 1.000…0 with 100 digits is exactly one; Kubernetes accepts it at any length.
  EXPECT_EQ(parse("1." + std::string(99, '0')), parse("1"));
  EXPECT_EQ(parse("1." + std::string(99, '0') + "Gi").to_string(), "1Gi");
  // 0.000…01 (100 digits) is far below a nano-unit and rounds up to 1n.
  EXPECT_EQ(parse("0." + std::string(98, '0') + "1"), parse("1n"));
  // 0.5000…01: the last of 100 digits lifts the value past 500000000n.
  EXPECT_EQ(parse("0.5" + std::string(97, '0') + "1").to_string(), "500000001n");
  EXPECT_EQ(parse("0.5" + std::string(98, '0')).to_string(), "500m");
  // 39 significant digits × 10^-30 = 123456789.012345678901234567890123456789, whose ceiling in
  // nano-units is 123456789012345679 (printed in the exponent form it was written in).
  EXPECT_EQ(parse("123456789012345678901234567890123456789e-30").to_string(),
            "123456789012345679e-9");
  // 100 digits scaled down into range: 1234567890.1234567890… units → ceiling in nano-units.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += static_cast<char>('0' + (i + 1) % 10);
  EXPECT_EQ(parse(hundred + "e-90").to_string(), "1234567890123456790e-9");
  // More than 36 significant digits before a binary suffix cannot be rounded exactly: refused.
  EXPECT_NE(error_of("1." + std::string(40, '0') + "1Gi"), "");
}

TEST(QuantityTest, BinaryFractionsRoundUpExactly) {
  // 10^-24 × 2^60 = 1152.921504606846976e-9 → 1153n.
  EXPECT_EQ(parse("0.000000000000000000000001Ei").to_string(), "1153n");
  // 1.1Ki = 1126.4, not a whole number of bytes: printed in decimal SI.
  EXPECT_EQ(parse("1.1Ki").to_string(), "1126400m");
  EXPECT_EQ(parse("1.1Ki").value(), 1127);
  // 0.3Mi = 314572.8 → value 314573.
  EXPECT_EQ(parse("0.3Mi").value(), 314573);
  EXPECT_EQ(parse("0.123456789012345678Ei").value(), 142335986942043633);
}

TEST(QuantityTest, ValueAndMilliRoundUp) {
  EXPECT_EQ(parse("100m").value(), 1);
  EXPECT_EQ(parse("1.5").value(), 2);
  EXPECT_EQ(parse("2").value(), 2);
  EXPECT_EQ(parse("1n").value(), 1);
  EXPECT_EQ(parse("1n").milli(), 1);
  EXPECT_EQ(parse("0.1m").milli(), 1);
  EXPECT_EQ(parse("1.0001m").milli(), 2);
  EXPECT_EQ(parse("1500u").milli(), 2);
  EXPECT_EQ(parse("0").value(), 0);
  EXPECT_EQ(parse("0").milli(), 0);
  EXPECT_EQ(parse("1Ki").milli(), 1'024'000);
  // Negative values round away from zero, as Value()/MilliValue() do in Kubernetes.
  EXPECT_EQ(parse("-1.5").value(), -2);
  EXPECT_EQ(parse("-100m").value(), -1);
  EXPECT_EQ(parse("-0.1m").milli(), -1);
  EXPECT_EQ(parse("-1500m").milli(), -1500);
  // Finer than a nano-unit: Kubernetes rounds up (away from zero) to the nearest nano.
  EXPECT_EQ(parse("0.1n"), parse("1n"));
  EXPECT_EQ(parse("1.0000000001"), parse("1000000001n"));
  EXPECT_EQ(parse("-0.1n"), parse("-1n"));
}

TEST(QuantityTest, FitsMilliAndSaturation) {
  EXPECT_TRUE(parse("1").fits_milli());
  EXPECT_TRUE(parse("9223372036854775807m").fits_milli());
  EXPECT_EQ(parse("9223372036854775807m").milli(), kMax);
  EXPECT_TRUE(parse("9223372036854775.807").fits_milli());
  EXPECT_EQ(parse("9223372036854775.807").milli(), kMax);
  // The ceiling of 9223372036854775807.001m is one past int64: it no longer fits, and milli()
  // saturates instead of wrapping (it once returned INT64_MIN here).
  EXPECT_FALSE(parse("9223372036854775807001u").fits_milli());
  EXPECT_EQ(parse("9223372036854775807001u").milli(), kMax);
  EXPECT_FALSE(parse("9223372036854775808m").fits_milli());
  EXPECT_EQ(parse("9223372036854775808m").milli(), kMax);
  EXPECT_FALSE(parse("9223372036854775807").fits_milli());
  EXPECT_EQ(parse("9223372036854775807").milli(), kMax);
  EXPECT_FALSE(parse("-9223372036854775807").fits_milli());
  EXPECT_EQ(parse("-9223372036854775807").milli(), kMin);
  EXPECT_TRUE(parse("-9223372036854775807m").fits_milli());
  EXPECT_EQ(parse("-9223372036854775807m").milli(), -kMax);
}

TEST(QuantityTest, IsIntegerAndOrdering) {
  EXPECT_TRUE(parse("2k").is_integer());
  EXPECT_TRUE(parse("1.5Gi").is_integer());
  EXPECT_FALSE(parse("1.5").is_integer());
  EXPECT_FALSE(parse("1n").is_integer());
  EXPECT_TRUE(parse("0").is_integer());
  EXPECT_LT(parse("999m"), parse("1"));
  EXPECT_LT(parse("1G"), parse("1Gi"));
  EXPECT_GT(parse("1"), parse("-1"));
  EXPECT_EQ(parse("1000M"), parse("1G"));
  EXPECT_EQ(parse("1e9"), parse("1G"));
}

TEST(QuantityTest, Factories) {
  EXPECT_EQ(Quantity::from_milli(1500), parse("1.5"));
  EXPECT_EQ(Quantity::from_milli(1500).to_string(), "1500m");
  EXPECT_EQ(Quantity::from_value(1536 * 1024 * 1024, Quantity::Format::BinarySI).to_string(),
            "1536Mi");
  EXPECT_EQ(Quantity::from_value(2000).to_string(), "2k");
  EXPECT_EQ(Quantity::from_value(2000, Quantity::Format::DecimalExponent).to_string(), "2e3");
  EXPECT_EQ(Quantity::from_value(kMax).value(), kMax);
  EXPECT_EQ(Quantity::from_value(kMin).value(), kMin);
  EXPECT_EQ(Quantity{}.to_string(), "0");
}

struct CanonicalCase {
  const char* text;
  const char* expected;
};

// Each row checked against CanonicalizeBytes: binary SI keeps the largest exact 1024-power suffix
// when the value is an integer of magnitude ≥ 1024, else prints in decimal SI; decimal SI and
// exponent forms take the largest multiple-of-3 exponent that keeps the mantissa an integer.
TEST(QuantityTest, CanonicalPrinting) {
  const CanonicalCase cases[] = {
      {"0", "0"},
      {"0Ki", "0"},
      {"-0", "0"},
      {"0e3", "0"},
      {"100m", "100m"},
      {"0.5", "500m"},
      {"1.5", "1500m"},
      {"1000m", "1"},
      {"1000000u", "1"},
      {"1.000", "1"},
      {"0.001", "1m"},
      {"0.1m", "100u"},
      {"0.1n", "1n"},
      {"-0.1n", "-1n"},
      {"1.23456789", "1234567890n"},
      {"1.0000000001", "1000000001n"},
      {"2048m", "2048m"},
      {"+1", "1"},
      {"-1", "-1"},
      {".5", "500m"},
      {"5.", "5"},
      {"1.G", "1G"},
      {"4G", "4G"},
      {"1000M", "1G"},
      {"2000", "2k"},
      {"2k", "2k"},
      {"1500", "1500"},
      {"1024", "1024"},
      {"1E", "1E"},
      {"9223372036854775807", "9223372036854775807"},
      {"1.5Gi", "1536Mi"},
      {"-1.5Gi", "-1536Mi"},
      {"0.5Gi", "512Mi"},
      {"512Mi", "512Mi"},
      {"1024Mi", "1Gi"},
      {"1Ki", "1Ki"},
      {"-1Ki", "-1Ki"},
      {"1024Ki", "1Mi"},
      {"1536Ki", "1536Ki"},
      {"1000Ki", "1000Ki"},
      {"1.5Ki", "1536"},
      {"0.5Ki", "512"},
      {"1.1Ki", "1126400m"},
      {"1Ti", "1Ti"},
      {"1Pi", "1Pi"},
      {"7Ei", "7Ei"},
      {"1e3", "1e3"},
      {"1E3", "1e3"},
      {"1e+3", "1e3"},
      {"1000e3", "1e6"},
      {"1e9", "1e9"},
      {"12e6", "12e6"},
      {"1.5e3", "1500"},
      {"1E-2", "10e-3"},
      {"100e-3", "100e-3"},
      {"1e-9", "1e-9"},
      {"1e-10", "1e-9"},
      {"-25e-1", "-2500e-3"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(canonical(c.text), c.expected) << "input \"" << c.text << "\"";
  }
}

TEST(QuantityTest, CanonicalFormIsAFixedPoint) {
  for (std::string_view text : {"1.5Gi", "0.5", "2000", "1e3", "1.1Ki", "1E-2", "7Ei", "100m"}) {
    std::string once = canonical(text);
    EXPECT_EQ(canonical(once), once) << text;
    EXPECT_EQ(parse(once), parse(text)) << text;
  }
}

// Property: printing then parsing returns the same amount, for a seeded mix of random digits,
// fractions, signs and every suffix of every format.
TEST(QuantityTest, RoundTripsThroughCanonicalText) {
  static constexpr std::string_view kSuffixes[] = {
      "",   "n",  "u",  "m",  "k",  "M",  "G",   "T",  "P",   "E",   "Ki",  "Mi",
      "Gi", "Ti", "Pi", "Ei", "e0", "e3", "e-3", "E6", "e-9", "e-7", "e12", "e2"};
  std::mt19937 rng(20240611);
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
    return s;
  };
  int parsed = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    if (rng() % 4 == 0) text += rng() % 2 ? "-" : "+";
    text += digits(1 + static_cast<int>(rng() % 12));
    if (rng() % 2) text += "." + digits(static_cast<int>(rng() % 12));
    text += kSuffixes[rng() % std::size(kSuffixes)];
    auto result = parse_quantity(text);
    if (std::holds_alternative<QuantityError>(result)) {
      // Only the range check may refuse these well-formed strings.
      EXPECT_NE(std::get<QuantityError>(result).message.find("too large"), std::string::npos)
          << text;
      continue;
    }
    ++parsed;
    const Quantity& q = std::get<Quantity>(result);
    std::string printed = q.to_string();
    Quantity again = parse(printed);
    EXPECT_EQ(again, q) << text << " printed as " << printed;
    EXPECT_EQ(again.to_string(), printed) << text;
    EXPECT_EQ(again.value(), q.value()) << text;
  }
  EXPECT_GT(parsed, 4000);  // the generator mostly produces in-range values

  // And from amounts: every int64 value and millicore count, in each format.
  for (int i = 0; i < 2000; ++i) {
    int64_t amount = static_cast<int64_t>(rng()) << (rng() % 32);
    if (rng() % 2) amount = -amount;
    for (auto format : {Quantity::Format::DecimalSI, Quantity::Format::BinarySI,
                        Quantity::Format::DecimalExponent}) {
      Quantity q = Quantity::from_value(amount, format);
      EXPECT_EQ(parse(q.to_string()), q) << amount;
      EXPECT_EQ(parse(q.to_string()).value(), amount) << q.to_string();
    }
    Quantity milli = Quantity::from_milli(amount);
    EXPECT_EQ(parse(milli.to_string()).milli(), amount) << milli.to_string();
  }
}

}  // namespace
}  // namespace nw::model
