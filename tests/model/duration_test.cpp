// Go duration grammar ("30s", "1h30m", "1.5h") as Karpenter's NodePool fields use it, held in
// whole milliseconds, and the compact canonical printing.
#include "model/duration.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <variant>

namespace nw::model {
namespace {

// Milliseconds, or -1 when the text is refused.
int64_t millis(std::string_view text) {
  auto parsed = parse_duration(text);
  if (std::holds_alternative<std::string>(parsed)) return -1;
  return std::get<Duration>(parsed).millis;
}

std::string error_of(std::string_view text) {
  auto parsed = parse_duration(text);
  if (auto* error = std::get_if<std::string>(&parsed)) return *error;
  return "";
}

TEST(DurationTest, ParsesGoDurations) {
  EXPECT_EQ(millis("30s"), 30'000);
  EXPECT_EQ(millis("1h30m"), 5'400'000);
  EXPECT_EQ(millis("720h"), 2'592'000'000);
  EXPECT_EQ(millis("1.5h"), 5'400'000);
  EXPECT_EQ(millis("100ms"), 100);
  EXPECT_EQ(millis("0"), 0);
  EXPECT_EQ(millis("0s"), 0);
  EXPECT_EQ(millis("1m0.5s"), 60'500);
  EXPECT_EQ(millis("1h1m1s1ms"), 3'661'001);
  EXPECT_EQ(millis("2h45m"), 9'900'000);
  EXPECT_EQ(millis("+5s"), 5'000);
  EXPECT_EQ(millis(".5s"), 500);
  EXPECT_EQ(millis("5.s"), 5'000);
  EXPECT_EQ(millis("0.25m"), 15'000);
  EXPECT_EQ(millis("1s1s"), 2'000);  // Go sums repeated units
  EXPECT_EQ(millis("1000000ns"), 1);
  EXPECT_EQ(millis("1500us"), 2);  // sub-millisecond parts round up
  EXPECT_EQ(millis("1us"), 1);
  EXPECT_EQ(millis("1ns"), 1);
  EXPECT_EQ(millis("1\u00b5s"), 1);  // micro sign
  EXPECT_EQ(millis("1\u03bcs"), 1);  // Greek mu, which Go also accepts
  EXPECT_EQ(millis("1.0005s"), 1'001);
  // Go's bare-zero special case, with a sign.
  EXPECT_EQ(millis("+0"), 0);
  EXPECT_EQ(millis("-0"), 0);
  EXPECT_EQ(millis("-0s"), 0);  // negative zero is zero, not negative
  // The largest Go duration.
  EXPECT_EQ(millis("2562047h47m16.854775807s"), 9'223'372'036'855);
  EXPECT_EQ(Duration::seconds(30).millis, 30'000);
}

TEST(DurationTest, RejectsMalformedText) {
  EXPECT_EQ(error_of(""), "empty duration");
  EXPECT_NE(error_of("30").find("missing or unknown unit"), std::string::npos);
  EXPECT_NE(error_of("30 seconds"), "");
  EXPECT_NE(error_of("-5s").find("must not be negative"), std::string::npos);
  EXPECT_NE(error_of("1d"), "");  // Go has no day unit
  EXPECT_NE(error_of("1w"), "");
  EXPECT_NE(error_of("s"), "");
  EXPECT_NE(error_of(".s"), "");
  EXPECT_NE(error_of("1h 30m"), "");
  EXPECT_NE(error_of("1.2.3s"), "");
  EXPECT_NE(error_of("1hr"), "");
  EXPECT_NE(error_of("5S"), "");
  EXPECT_NE(error_of("1e3s"), "");
  EXPECT_NE(error_of("00"), "");
  EXPECT_NE(error_of("+"), "");
  EXPECT_NE(error_of("-"), "");
  EXPECT_NE(error_of("Never"), "");  // callers handle "Never" before parsing
  EXPECT_NE(error_of("2562048h").find("too large"), std::string::npos);
  EXPECT_NE(error_of("2562047h47m16.854775808s").find("too large"), std::string::npos);
  EXPECT_NE(error_of("99999999999999999999s").find("too large"), std::string::npos);
}

TEST(DurationTest, PrintsCanonicalForms) {
  EXPECT_EQ(Duration{0}.to_string(), "0s");
  EXPECT_EQ(Duration{1}.to_string(), "1ms");
  EXPECT_EQ(Duration{500}.to_string(), "500ms");
  EXPECT_EQ(Duration{1'000}.to_string(), "1s");
  EXPECT_EQ(Duration{1'500}.to_string(), "1.5s");  // Go: 1.5s
  EXPECT_EQ(Duration{1'010}.to_string(), "1.01s");
  EXPECT_EQ(Duration{30'000}.to_string(), "30s");
  EXPECT_EQ(Duration{60'000}.to_string(), "1m");
  EXPECT_EQ(Duration{90'000}.to_string(), "1m30s");
  EXPECT_EQ(Duration{90'500}.to_string(), "1m30.5s");  // Go: 1m30.5s
  EXPECT_EQ(Duration{3'600'000}.to_string(), "1h");
  EXPECT_EQ(Duration{5'400'000}.to_string(), "1h30m");
  EXPECT_EQ(Duration{3'600'500}.to_string(), "1h0.5s");  // Go: 1h0m0.5s
  EXPECT_EQ(Duration{3'661'001}.to_string(), "1h1m1.001s");
  EXPECT_EQ(Duration{2'592'000'000}.to_string(), "720h");  // Go: 720h0m0s
  EXPECT_EQ(Duration{-1'500}.to_string(), "-1.5s");
  EXPECT_EQ(Duration::seconds(90).to_string(), "1m30s");
}

TEST(DurationTest, OrdersByLength) {
  EXPECT_LT(Duration{999}, Duration{1'000});
  EXPECT_EQ(Duration::seconds(60), Duration{60'000});
}

// Property: the printed form reads back to the same duration.
TEST(DurationTest, RoundTripsThroughText) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 5000; ++i) {
    // Up to the largest duration Go can read back (int64 nanoseconds).
    int64_t ms = static_cast<int64_t>((rng() >> (rng() % 63 + 1)) % 9'223'372'036'854);
    Duration d{ms};
    EXPECT_EQ(millis(d.to_string()), ms) << d.to_string();
  }
}

}  // namespace
}  // namespace nw::model
