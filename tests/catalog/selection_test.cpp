#include "catalog/selection.h"

#include <gtest/gtest.h>

#include <string>

namespace nw::catalog {
namespace {

using model::Operator;
using model::Requirement;
using model::Requirements;

const std::vector<InstanceType>& us_east_1_types() {
  static const std::vector<InstanceType> types =
      build_instance_types(Catalog::embedded(), std::get<Region>(Region::parse("us-east-1")), {});
  return types;
}

std::vector<std::string> names(const std::vector<const InstanceType*>& types) {
  std::vector<std::string> out;
  for (const InstanceType* t : types) out.push_back(t->name());
  return out;
}

TEST(Admitted, FamilyInSelectsExactlyThatFamily) {
  const Requirements reqs({Requirement::in(std::string(kLabelInstanceFamily), {"c5d"})});
  EXPECT_EQ(names(admitted(us_east_1_types(), reqs)),
            (std::vector<std::string>{"c5d.large", "c5d.xlarge", "c5d.2xlarge", "c5d.4xlarge",
                                      "c5d.9xlarge", "c5d.12xlarge", "c5d.18xlarge", "c5d.24xlarge",
                                      "c5d.metal"}));
}

TEST(Admitted, GenerationGtIsNumeric) {
  const Requirements reqs({
      Requirement::in(std::string(kLabelInstanceFamily), {"c5d", "c6gd", "c7gd"}),
      Requirement::from_operator(std::string(kLabelInstanceGeneration), Operator::Gt, {"5"}),
      Requirement::in(std::string(kLabelInstanceSize), {"large", "xlarge"}),
  });
  EXPECT_EQ(names(admitted(us_east_1_types(), reqs)),
            (std::vector<std::string>{"c6gd.large", "c6gd.xlarge", "c7gd.large", "c7gd.xlarge"}));
}

TEST(Admitted, EmptyRequirementsAdmitEveryPricedType) {
  // The 18 rows without an on-demand price (data/README.md caveat 2) have no Spot price either,
  // so they have no offerings; every other row is admitted.
  size_t unpriced = 0;
  for (const InstanceType& t : us_east_1_types()) unpriced += t.offerings().empty() ? 1 : 0;
  EXPECT_EQ(unpriced, 18u);
  EXPECT_EQ(admitted(us_east_1_types(), Requirements{}).size(), 1332u - 18u);
}

TEST(Admitted, OfferingMustMatchZoneAndCapacityType) {
  const Requirement t2 = Requirement::in(std::string(kLabelInstanceType), {"t2.nano", "t3.nano"});
  const Requirement spot = Requirement::in(std::string(kLabelCapacityType), {"spot"});
  // t2.nano has no Spot price, so a Spot-only pool cannot launch it.
  EXPECT_EQ(names(admitted(us_east_1_types(), Requirements({t2, spot}))),
            std::vector<std::string>{"t3.nano"});
  // A zone outside the region matches no offering.
  const Requirement far_zone = Requirement::in(std::string(kLabelZone), {"us-west-2a"});
  EXPECT_TRUE(admitted(us_east_1_types(), Requirements({t2, far_zone})).empty());
  const Requirement zone = Requirement::in(std::string(kLabelZone), {"us-east-1c"});
  EXPECT_EQ(admitted(us_east_1_types(), Requirements({t2, zone})).size(), 2u);
}

TEST(Admitted, MissingLabelsDoNotMatchPositiveConstraints) {
  // gpu-count is DoesNotExist on CPU types, so "Gt 0" keeps only GPU types.
  const Requirements reqs(
      {Requirement::from_operator(std::string(kLabelInstanceGpuCount), Operator::Gt, {"0"})});
  const auto gpu_types = admitted(us_east_1_types(), reqs);
  EXPECT_FALSE(gpu_types.empty());
  for (const InstanceType* t : gpu_types) EXPECT_GT(t->info().gpu_count, 0) << t->name();
  // A NotIn on a label the type lacks is fine (two negative requirements always intersect).
  const Requirements not_t4(
      {Requirement::not_in(std::string(kLabelInstanceGpuName), {"t4"}),
       Requirement::in(std::string(kLabelInstanceType), {"m5.xlarge", "g4dn.xlarge"})});
  EXPECT_EQ(names(admitted(us_east_1_types(), not_t4)), std::vector<std::string>{"m5.xlarge"});
}

TEST(Admitted, ArchitectureAndOs) {
  const Requirements windows({Requirement::in(std::string(kLabelOs), {"windows"})});
  EXPECT_TRUE(admitted(us_east_1_types(), windows).empty());
  const Requirements arm({Requirement::in(std::string(kLabelArch), {"arm64"}),
                          Requirement::in(std::string(kLabelInstanceFamily), {"c5d", "c6gd"})});
  for (const InstanceType* t : admitted(us_east_1_types(), arm))
    EXPECT_EQ(t->info().family, "c6gd");
}

}  // namespace
}  // namespace nw::catalog
