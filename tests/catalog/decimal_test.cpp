#include "catalog/decimal.h"

#include <gtest/gtest.h>

namespace nw::catalog {
namespace {

TEST(ParseScaledDecimal, PricesBecomeExactMicroDollars) {
  EXPECT_EQ(parse_scaled_decimal("0.096", 6), 96000);
  EXPECT_EQ(parse_scaled_decimal("21.957642", 6), 21957642);  // p4d.24xlarge, 6 decimals
  EXPECT_EQ(parse_scaled_decimal("12", 6), 12000000);
  EXPECT_EQ(parse_scaled_decimal("0", 6), 0);
  EXPECT_EQ(parse_scaled_decimal("0.0061", 6), 6100);
}

TEST(ParseScaledDecimal, BandwidthBecomesExactMegabits) {
  EXPECT_EQ(parse_scaled_decimal("0.75", 3), 750);
  EXPECT_EQ(parse_scaled_decimal("16.666", 3), 16666);
  EXPECT_EQ(parse_scaled_decimal("3200", 3), 3200000);
}

// More digits than the scale keeps: round half up on the first dropped digit.
TEST(ParseScaledDecimal, ExtraDigitsRoundHalfUp) {
  EXPECT_EQ(parse_scaled_decimal("1.2345675", 6), 1234568);
  EXPECT_EQ(parse_scaled_decimal("1.2345674999", 6), 1234567);
  EXPECT_EQ(parse_scaled_decimal("0.9999995", 6), 1000000);
  EXPECT_EQ(parse_scaled_decimal("1.2345678", 6), 1234568);
}

TEST(ParseScaledDecimal, RejectsMalformedText) {
  for (const char* bad : {"", ".", "1.", ".5", "-1", "+1", "1e3", "0x1", " 1", "1 ", "1.2.3", "1,5",
                          "1.23a", "1.2345678x"}) {
    EXPECT_EQ(parse_scaled_decimal(bad, 6), std::nullopt) << bad;
  }
}

TEST(ParseScaledDecimal, RejectsOverflow) {
  EXPECT_EQ(parse_scaled_decimal("9223372036854.775807", 6), 9223372036854775807);
  EXPECT_EQ(parse_scaled_decimal("9223372036854.775808", 6), std::nullopt);
  EXPECT_EQ(parse_scaled_decimal("9223372036854.7758075", 6), std::nullopt);  // rounds past max
  EXPECT_EQ(parse_scaled_decimal("99999999999999999999", 0), std::nullopt);
}

}  // namespace
}  // namespace nw::catalog
