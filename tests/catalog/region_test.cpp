#include "catalog/region.h"

#include <gtest/gtest.h>

namespace nw::catalog {
namespace {

// std::get throws on an error value, which gtest reports as a failure of the calling test.
Region must_parse(std::string_view name) {
  return std::get<Region>(Region::parse(name));
}

TEST(Region, ZonesPerRegion) {
  using Zones = std::vector<std::string>;
  EXPECT_EQ(must_parse("us-east-1").zones(), (Zones{"us-east-1a", "us-east-1b", "us-east-1c",
                                                    "us-east-1d", "us-east-1e", "us-east-1f"}));
  EXPECT_EQ(must_parse("us-west-2").zones(),
            (Zones{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}));
  EXPECT_EQ(must_parse("eu-west-1").zones(), (Zones{"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  EXPECT_EQ(must_parse("us-gov-west-1").zones().size(), 3u);
  EXPECT_EQ(must_parse("ap-southeast-2").name(), "ap-southeast-2");
}

TEST(Region, MalformedNamesAreErrors) {
  for (const char* bad : {"", "useast1", "US-EAST-1", "us-east-", "us-east-1a", "us--1",
                          "usa-east-1", "u-east-1", "us-east-1-", "us-ea5t-1", "us-east-1 "}) {
    auto parsed = Region::parse(bad);
    ASSERT_TRUE(std::holds_alternative<RegionError>(parsed)) << bad;
    EXPECT_NE(std::get<RegionError>(parsed).message.find(bad), std::string::npos);
  }
}

}  // namespace
}  // namespace nw::catalog
