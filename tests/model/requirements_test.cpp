#include "model/requirements.h"

#include <gtest/gtest.h>

#include <array>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace nw::model {
namespace {

using Undefined = Requirements::Undefined;

constexpr std::string_view kArch = "kubernetes.io/arch";
constexpr std::string_view kType = "node.kubernetes.io/instance-type";
constexpr std::string_view kCpu = "karpenter.k8s.aws/instance-cpu";
constexpr std::string_view kGen = "karpenter.k8s.aws/instance-generation";

Requirement req(std::string_view key, Operator op, std::vector<std::string> values = {},
                std::optional<int> min_values = std::nullopt) {
  return Requirement::from_operator(std::string(key), op, std::move(values), min_values);
}

// ---- operators, keys, parsing ----------------------------------------------------------------

TEST(OperatorTest, RoundTripsEveryName) {
  for (Operator op : {Operator::In, Operator::NotIn, Operator::Exists, Operator::DoesNotExist,
                      Operator::Gt, Operator::Lt, Operator::Gte, Operator::Lte}) {
    EXPECT_EQ(parse_operator(to_string(op)), op);
  }
  EXPECT_EQ(parse_operator("in"), std::nullopt);  // Kubernetes operator names are case-sensitive
  EXPECT_EQ(parse_operator(""), std::nullopt);
  EXPECT_EQ(parse_operator("Equals"), std::nullopt);
}

TEST(LabelKeyTest, NormalisesDeprecatedAliases) {
  EXPECT_EQ(normalize_label_key("failure-domain.beta.kubernetes.io/zone"),
            "topology.kubernetes.io/zone");
  EXPECT_EQ(normalize_label_key("failure-domain.beta.kubernetes.io/region"),
            "topology.kubernetes.io/region");
  EXPECT_EQ(normalize_label_key("beta.kubernetes.io/arch"), "kubernetes.io/arch");
  EXPECT_EQ(normalize_label_key("beta.kubernetes.io/os"), "kubernetes.io/os");
  EXPECT_EQ(normalize_label_key("beta.kubernetes.io/instance-type"),
            "node.kubernetes.io/instance-type");
  EXPECT_EQ(normalize_label_key("team"), "team");
  EXPECT_EQ(normalize_label_key("kubernetes.io/arch"), "kubernetes.io/arch");
}

TEST(LabelKeyTest, KnowsCoreAndAwsWellKnownLabels) {
  for (std::string_view key : {"karpenter.sh/nodepool",
                               "topology.kubernetes.io/zone",
                               "topology.kubernetes.io/region",
                               "node.kubernetes.io/instance-type",
                               "kubernetes.io/arch",
                               "kubernetes.io/os",
                               "karpenter.sh/capacity-type",
                               "node.kubernetes.io/windows-build",
                               "karpenter.k8s.aws/instance-category",
                               "karpenter.k8s.aws/instance-family",
                               "karpenter.k8s.aws/instance-generation",
                               "karpenter.k8s.aws/instance-size",
                               "karpenter.k8s.aws/instance-cpu",
                               "karpenter.k8s.aws/instance-cpu-manufacturer",
                               "karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz",
                               "karpenter.k8s.aws/instance-memory",
                               "karpenter.k8s.aws/instance-local-nvme",
                               "karpenter.k8s.aws/instance-hypervisor",
                               "karpenter.k8s.aws/instance-ebs-bandwidth",
                               "karpenter.k8s.aws/instance-network-bandwidth",
                               "karpenter.k8s.aws/instance-gpu-name",
                               "karpenter.k8s.aws/instance-gpu-manufacturer",
                               "karpenter.k8s.aws/instance-gpu-count",
                               "karpenter.k8s.aws/instance-gpu-memory",
                               "karpenter.k8s.aws/instance-accelerator-name",
                               "karpenter.k8s.aws/instance-accelerator-manufacturer",
                               "karpenter.k8s.aws/instance-accelerator-count",
                               "karpenter.k8s.aws/instance-encryption-in-transit-supported",
                               "karpenter.k8s.aws/instance-capability-flex",
                               "karpenter.k8s.aws/instance-tenancy",
                               "karpenter.k8s.aws/capacity-reservation-id",
                               "karpenter.k8s.aws/capacity-reservation-type",
                               "karpenter.k8s.aws/capacity-reservation-interruptible",
                               "karpenter.k8s.aws/placement-group-id",
                               "karpenter.k8s.aws/placement-group-partition",
                               "topology.k8s.aws/zone-id"}) {
    EXPECT_TRUE(is_well_known_label(key)) << key;
  }
  EXPECT_FALSE(is_well_known_label("team"));
  EXPECT_FALSE(is_well_known_label("kubernetes.io/hostname"));  // restricted, not well-known
  EXPECT_FALSE(is_well_known_label("karpenter.sh/initialized"));
  EXPECT_FALSE(is_well_known_label("beta.kubernetes.io/arch"));  // callers normalise first
}

TEST(ParseLabelIntegerTest, FollowsGoAtoi) {
  EXPECT_EQ(parse_label_integer("0"), 0);
  EXPECT_EQ(parse_label_integer("42"), 42);
  EXPECT_EQ(parse_label_integer("-7"), -7);
  EXPECT_EQ(parse_label_integer("+7"), 7);
  EXPECT_EQ(parse_label_integer("007"), 7);
  EXPECT_EQ(parse_label_integer("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(parse_label_integer("-9223372036854775808"), std::numeric_limits<int64_t>::min());
  for (std::string_view bad : {"", "+", "-", "+-1", "++1", "1.5", " 1", "1 ", "1e3", "0x10",
                               "9223372036854775808", "large", "1_000"}) {
    EXPECT_EQ(parse_label_integer(bad), std::nullopt) << bad;
  }
}

// ---- construction -------------------------------------------------------------------------------

TEST(RequirementTest, OperatorsMapToSetsAsKarpenterDoes) {
  Requirement in = req(kArch, Operator::In, {"arm64", "amd64", "arm64"});
  EXPECT_FALSE(in.complement());
  EXPECT_EQ(in.values(), (std::vector<std::string>{"amd64", "arm64"}));
  EXPECT_EQ(in.op(), Operator::In);
  EXPECT_EQ(in.size(), 2u);

  Requirement not_in = req(kArch, Operator::NotIn, {"arm64"});
  EXPECT_TRUE(not_in.complement());
  EXPECT_EQ(not_in.op(), Operator::NotIn);
  EXPECT_EQ(not_in.size(), std::nullopt);

  Requirement exists = req(kArch, Operator::Exists, {"ignored"});
  EXPECT_TRUE(exists.complement());
  EXPECT_TRUE(exists.values().empty());
  EXPECT_EQ(exists.op(), Operator::Exists);

  Requirement dne = req(kArch, Operator::DoesNotExist);
  EXPECT_FALSE(dne.complement());
  EXPECT_EQ(dne.op(), Operator::DoesNotExist);
  EXPECT_TRUE(dne.empty());

  EXPECT_EQ(req(kArch, Operator::In, {}), dne);  // In with no values admits nothing
  EXPECT_EQ(req(kArch, Operator::NotIn, {}), exists);
  EXPECT_EQ(Requirement::in(std::string(kArch), {"amd64", "arm64"}), in);
  EXPECT_EQ(Requirement::not_in(std::string(kArch), {"arm64"}), not_in);
  EXPECT_EQ(Requirement::exists(std::string(kArch)), exists);
  EXPECT_EQ(Requirement::does_not_exist(std::string(kArch)), dne);
}

TEST(RequirementTest, GtAndLtBecomeInclusiveBounds) {
  Requirement gt = req(kCpu, Operator::Gt, {"4"});
  EXPECT_TRUE(gt.complement());
  EXPECT_EQ(gt.greater_or_equal(), 5);
  EXPECT_EQ(gt.less_or_equal(), std::nullopt);
  EXPECT_EQ(gt.op(), Operator::Exists);
  EXPECT_EQ(gt, req(kCpu, Operator::Gte, {"5"}));

  Requirement lt = req(kCpu, Operator::Lt, {"10"});
  EXPECT_EQ(lt.less_or_equal(), 9);
  EXPECT_EQ(lt, req(kCpu, Operator::Lte, {"9"}));
}

TEST(RequirementTest, UnreadableOrUnreachableBoundsAdmitNothing) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_TRUE(req(kCpu, Operator::Gt, {"four"}).empty());
  EXPECT_TRUE(req(kCpu, Operator::Gt, {}).empty());
  EXPECT_TRUE(req(kCpu, Operator::Lt, {"1", "2"}).empty());
  EXPECT_TRUE(req(kCpu, Operator::Gt, {std::to_string(kMax)}).empty());
  EXPECT_TRUE(req(kCpu, Operator::Lt, {std::to_string(kMin)}).empty());
  EXPECT_EQ(req(kCpu, Operator::Gte, {std::to_string(kMax)}).greater_or_equal(), kMax);
  EXPECT_TRUE(req(kCpu, Operator::Gte, {std::to_string(kMax)}).has(std::to_string(kMax)));
}

TEST(RequirementTest, NormalisesAliasKeysAndKeepsMinValues) {
  Requirement r = req("failure-domain.beta.kubernetes.io/zone", Operator::In, {"us-east-1a"}, 2);
  EXPECT_EQ(r.key(), "topology.kubernetes.io/zone");
  EXPECT_EQ(r.min_values(), 2);
}

// ---- has ----------------------------------------------------------------------------------------

TEST(RequirementTest, HasChecksSetsComplementsAndBounds) {
  EXPECT_TRUE(req(kArch, Operator::In, {"amd64"}).has("amd64"));
  EXPECT_FALSE(req(kArch, Operator::In, {"amd64"}).has("arm64"));
  EXPECT_FALSE(req(kArch, Operator::NotIn, {"amd64"}).has("amd64"));
  EXPECT_TRUE(req(kArch, Operator::NotIn, {"amd64"}).has("arm64"));
  EXPECT_TRUE(req(kArch, Operator::Exists).has("anything"));
  EXPECT_FALSE(req(kArch, Operator::DoesNotExist).has("anything"));

  Requirement gt = req(kCpu, Operator::Gt, {"4"});
  EXPECT_FALSE(gt.has("4"));
  EXPECT_TRUE(gt.has("5"));
  EXPECT_TRUE(gt.has("+5"));
  EXPECT_FALSE(gt.has("large"));  // bounded requirements reject non-integers
  EXPECT_FALSE(gt.has(""));
  Requirement lte = req(kCpu, Operator::Lte, {"8"});
  EXPECT_TRUE(lte.has("8"));
  EXPECT_TRUE(lte.has("-3"));
  EXPECT_FALSE(lte.has("9"));
}

// ---- intersection -------------------------------------------------------------------------------

TEST(RequirementTest, IntersectsSetsAndComplements) {
  Requirement ab = req(kType, Operator::In, {"a", "b"});
  Requirement bc = req(kType, Operator::In, {"b", "c"});
  EXPECT_EQ(ab.intersect(bc), req(kType, Operator::In, {"b"}));
  EXPECT_EQ(ab.intersect(req(kType, Operator::In, {"c"})), req(kType, Operator::DoesNotExist));

  // complement ∧ complement: union of the excluded values.
  EXPECT_EQ(req(kType, Operator::NotIn, {"a"}).intersect(req(kType, Operator::NotIn, {"b"})),
            req(kType, Operator::NotIn, {"a", "b"}));
  // complement ∧ set: the set minus the excluded values, from either side.
  EXPECT_EQ(req(kType, Operator::NotIn, {"a"}).intersect(ab), req(kType, Operator::In, {"b"}));
  EXPECT_EQ(ab.intersect(req(kType, Operator::NotIn, {"a"})), req(kType, Operator::In, {"b"}));
  EXPECT_EQ(ab.intersect(req(kType, Operator::Exists)), ab);
  EXPECT_EQ(req(kType, Operator::Exists).intersect(req(kType, Operator::NotIn, {"a"})),
            req(kType, Operator::NotIn, {"a"}));
  EXPECT_EQ(ab.intersect(req(kType, Operator::DoesNotExist)), req(kType, Operator::DoesNotExist));
}

TEST(RequirementTest, BoundsIntersectAndFilterValues) {
  Requirement gt2 = req(kGen, Operator::Gt, {"2"});
  Requirement lt9 = req(kGen, Operator::Lt, {"9"});
  Requirement range = gt2.intersect(lt9);
  EXPECT_TRUE(range.complement());
  EXPECT_EQ(range.greater_or_equal(), 3);
  EXPECT_EQ(range.less_or_equal(), 8);
  EXPECT_EQ(range.op(), Operator::Exists);

  // gte takes the maximum, lte the minimum.
  Requirement tighter =
      range.intersect(req(kGen, Operator::Gte, {"5"})).intersect(req(kGen, Operator::Lte, {"20"}));
  EXPECT_EQ(tighter.greater_or_equal(), 5);
  EXPECT_EQ(tighter.less_or_equal(), 8);

  // An empty range is DoesNotExist, keeping minValues.
  Requirement none = req(kGen, Operator::Gt, {"5"}, 3).intersect(req(kGen, Operator::Lt, {"6"}));
  EXPECT_EQ(none, req(kGen, Operator::DoesNotExist, {}, 3));
  EXPECT_FALSE(req(kGen, Operator::Gt, {"5"}).intersects(req(kGen, Operator::Lt, {"6"})));
  // A single admitted integer is not empty.
  EXPECT_TRUE(req(kGen, Operator::Gte, {"5"}).intersects(req(kGen, Operator::Lte, {"5"})));

  // Against a concrete set: values outside the bounds (and non-integers) are dropped, and the
  // bounds go with them.
  Requirement set = req(kGen, Operator::In, {"1", "3", "8", "9", "x"});
  Requirement filtered = set.intersect(range);
  EXPECT_EQ(filtered, req(kGen, Operator::In, {"3", "8"}));
  EXPECT_EQ(filtered.greater_or_equal(), std::nullopt);
  EXPECT_EQ(range.intersect(set), filtered);

  // Against a complement: excluded values the bounds already exclude are dropped.
  Requirement not_in = req(kGen, Operator::NotIn, {"1", "4", "x"});
  Requirement both = range.intersect(not_in);
  EXPECT_TRUE(both.complement());
  EXPECT_EQ(both.values(), (std::vector<std::string>{"4"}));
  EXPECT_EQ(both.op(), Operator::NotIn);
  EXPECT_EQ(both.greater_or_equal(), 3);
  EXPECT_FALSE(both.has("4"));
  EXPECT_TRUE(both.has("5"));
}

TEST(RequirementTest, KeepsKarpentersImprecisionForFullyExcludedRanges) {
  Requirement only_three =
      req(kGen, Operator::Gte, {"3"}).intersect(req(kGen, Operator::Lte, {"3"}));
  Requirement r = only_three.intersect(req(kGen, Operator::NotIn, {"3"}));
  EXPECT_FALSE(r.empty());  // as Karpenter: the complement is not recognised as empty
  EXPECT_FALSE(r.has("3"));
  EXPECT_FALSE(r.intersects(req(kGen, Operator::In, {"3", "4"})));
}

TEST(RequirementTest, MinValuesTakesTheMaximum) {
  EXPECT_EQ(req(kType, Operator::Exists, {}, 2)
                .intersect(req(kType, Operator::Exists, {}, 5))
                .min_values(),
            5);
  EXPECT_EQ(req(kType, Operator::Exists).intersect(req(kType, Operator::In, {"a"}, 3)).min_values(),
            3);
  EXPECT_EQ(req(kType, Operator::Exists).intersect(req(kType, Operator::Exists)).min_values(),
            std::nullopt);
}

// ---- printing -----------------------------------------------------------------------------------

TEST(RequirementTest, PrintsLikeKarpenterWithExclusiveBounds) {
  EXPECT_EQ(req(kArch, Operator::In, {"arm64", "amd64"}).to_string(),
            "kubernetes.io/arch In [amd64 arm64]");
  EXPECT_EQ(req(kArch, Operator::NotIn, {"arm64"}).to_string(), "kubernetes.io/arch NotIn [arm64]");
  EXPECT_EQ(req(kArch, Operator::Exists).to_string(), "kubernetes.io/arch Exists");
  EXPECT_EQ(req(kArch, Operator::DoesNotExist).to_string(), "kubernetes.io/arch DoesNotExist");
  EXPECT_EQ(req(kGen, Operator::Gt, {"2"}).to_string(),
            "karpenter.k8s.aws/instance-generation Gt 2");
  EXPECT_EQ(req(kGen, Operator::Gte, {"3"}).to_string(),
            "karpenter.k8s.aws/instance-generation Gt 2");
  EXPECT_EQ(req(kGen, Operator::Lte, {"8"}).to_string(),
            "karpenter.k8s.aws/instance-generation Lt 9");
  EXPECT_EQ(req(kGen, Operator::Gt, {"2"}).intersect(req(kGen, Operator::Lt, {"9"})).describe(),
            "Gt 2 Lt 9");
  EXPECT_EQ(req(kGen, Operator::Gt, {"2"}).intersect(req(kGen, Operator::NotIn, {"5"})).describe(),
            "NotIn [5] Gt 2");
  EXPECT_EQ(req(kType, Operator::In, {"a", "b", "c", "d", "e", "f", "g"}).describe(),
            "In [a b c d e and 2 others]");
  EXPECT_EQ(req(kType, Operator::In, {"a"}, 1).describe(), "In [a] minValues 1");
  EXPECT_EQ(req(kGen, Operator::Gte, {"-9223372036854775808"}).describe(),
            "Gte -9223372036854775808");
  EXPECT_EQ(req(kGen, Operator::Lte, {"9223372036854775807"}).describe(),
            "Lte 9223372036854775807");
}

// ---- Requirements -------------------------------------------------------------------------------

TEST(RequirementsTest, KeepsOneEntryPerCanonicalKeySorted) {
  Requirements rs({req("zeta", Operator::Exists), req(kArch, Operator::In, {"amd64", "arm64"}),
                   req("beta.kubernetes.io/arch", Operator::In, {"arm64"})});
  ASSERT_EQ(rs.items().size(), 2u);
  EXPECT_EQ(rs.items()[0], req(kArch, Operator::In, {"arm64"}));
  EXPECT_EQ(rs.items()[1].key(), "zeta");
  EXPECT_EQ(rs.get("beta.kubernetes.io/arch"), &rs.items()[0]);
  EXPECT_TRUE(rs.has(kArch));
  EXPECT_FALSE(rs.has("team"));
  EXPECT_EQ(rs.to_string(), "kubernetes.io/arch In [arm64], zeta Exists");
  EXPECT_TRUE(Requirements().empty());
  EXPECT_EQ(Requirements().to_string(), "");
}

TEST(RequirementsTest, FromLabels) {
  Labels labels;
  set_label(labels, "team", "data");
  set_label(labels, "failure-domain.beta.kubernetes.io/zone", "us-east-1a");
  Requirements rs = Requirements::from_labels(labels);
  ASSERT_EQ(rs.items().size(), 2u);
  EXPECT_EQ(*rs.get("team"), req("team", Operator::In, {"data"}));
  EXPECT_EQ(*rs.get("topology.kubernetes.io/zone"),
            req("topology.kubernetes.io/zone", Operator::In, {"us-east-1a"}));
}

TEST(RequirementsTest, IntersectMergesKeys) {
  Requirements a({req(kArch, Operator::In, {"amd64", "arm64"}), req("team", Operator::Exists)});
  Requirements b({req(kArch, Operator::NotIn, {"arm64"}), req(kType, Operator::In, {"m5.large"})});
  Requirements c = a.intersect(b);
  EXPECT_EQ(c, Requirements({req(kArch, Operator::In, {"amd64"}), req("team", Operator::Exists),
                             req(kType, Operator::In, {"m5.large"})}));
  EXPECT_EQ(b.intersect(a), c);
  Requirements d = a;
  for (const Requirement& r : b.items()) d.add(r);
  EXPECT_EQ(d, c);
}

TEST(RequirementsTest, IntersectsOnlyLooksAtSharedKeys) {
  Requirements a({req(kArch, Operator::In, {"amd64"}), req("team", Operator::In, {"x"})});
  EXPECT_TRUE(a.intersects(Requirements({req(kType, Operator::In, {"m5.large"})})));
  EXPECT_FALSE(a.intersects(Requirements({req(kArch, Operator::In, {"arm64"})})));
  // Two negative requirements always pass, even with no common value.
  Requirements dne({req("team", Operator::DoesNotExist)});
  EXPECT_TRUE(dne.intersects(Requirements({req("team", Operator::NotIn, {"x"})})));
  EXPECT_TRUE(dne.intersects(dne));
  EXPECT_FALSE(dne.intersects(Requirements({req("team", Operator::In, {"x"})})));
  EXPECT_FALSE(dne.intersects(Requirements({req("team", Operator::Exists)})));
}

// §6.3 "Scheduling logic (operator truth table)": a pod's operator against a NodePool that does
// not define the (custom) key.
TEST(RequirementsTest, UndefinedCustomKeyTruthTable) {
  Requirements nodepool({req(kArch, Operator::In, {"amd64"})});
  auto pod = [](Operator op, std::vector<std::string> values) {
    return Requirements({req("team", op, std::move(values))});
  };
  for (Undefined mode : {Undefined::Strict, Undefined::AllowWellKnown}) {
    EXPECT_TRUE(nodepool.compatible(pod(Operator::In, {"a"}), mode).has_value());
    EXPECT_FALSE(nodepool.compatible(pod(Operator::NotIn, {"a"}), mode).has_value());
    EXPECT_TRUE(nodepool.compatible(pod(Operator::Exists, {}), mode).has_value());
    EXPECT_FALSE(nodepool.compatible(pod(Operator::DoesNotExist, {}), mode).has_value());
    EXPECT_TRUE(nodepool.compatible(pod(Operator::Gt, {"1"}), mode).has_value());
  }
  EXPECT_EQ(nodepool.compatible(pod(Operator::In, {"a"}), Undefined::AllowWellKnown),
            "label \"team\" does not have known values");
}

TEST(RequirementsTest, WellKnownKeysMayBeUndefinedOnlyWhenAllowed) {
  Requirements node({req("team", Operator::In, {"a"})});
  Requirements pod({req("topology.kubernetes.io/zone", Operator::In, {"us-east-1a"}),
                    req(kCpu, Operator::Gt, {"4"})});
  EXPECT_EQ(node.compatible(pod, Undefined::AllowWellKnown), std::nullopt);
  EXPECT_TRUE(node.is_compatible(pod, Undefined::AllowWellKnown));
  EXPECT_EQ(node.compatible(pod, Undefined::Strict),
            "label \"karpenter.k8s.aws/instance-cpu\" does not have known values; "
            "label \"topology.kubernetes.io/zone\" does not have known values");
  EXPECT_FALSE(node.is_compatible(pod, Undefined::Strict));
}

TEST(RequirementsTest, SharedKeysMustIntersect) {
  Requirements nodeclaim({req(kType, Operator::In, {"c5.large"})});
  Requirements pod({req(kType, Operator::In, {"m5.large"})});
  EXPECT_EQ(nodeclaim.compatible(pod, Undefined::AllowWellKnown),
            "key node.kubernetes.io/instance-type: In [m5.large] is incompatible with In "
            "[c5.large]");
  EXPECT_FALSE(nodeclaim.is_compatible(pod, Undefined::AllowWellKnown));

  Requirements numeric({req(kCpu, Operator::In, {"2", "4"})});
  EXPECT_TRUE(
      numeric.is_compatible(Requirements({req(kCpu, Operator::Gt, {"3"})}), Undefined::Strict));
  EXPECT_EQ(numeric.compatible(Requirements({req(kCpu, Operator::Gt, {"4"})}), Undefined::Strict),
            "key karpenter.k8s.aws/instance-cpu: Gt 4 is incompatible with In [2 4]");

  // Both negative: always fine.
  Requirements not_amd({req(kArch, Operator::NotIn, {"amd64"})});
  EXPECT_TRUE(
      Requirements({req(kArch, Operator::DoesNotExist)}).is_compatible(not_amd, Undefined::Strict));
}

TEST(RequirementsTest, ReportsEveryReasonWithATypoHint) {
  Requirements nodepool({req("teams", Operator::In, {"a"}), req(kArch, Operator::In, {"amd64"})});
  Requirements pod({req("team", Operator::In, {"a"}), req(kArch, Operator::In, {"arm64"}),
                    req("kubernetes.io/arc", Operator::Exists),
                    req("unrelated", Operator::Exists)});
  EXPECT_EQ(nodepool.compatible(pod, Undefined::AllowWellKnown),
            "label \"kubernetes.io/arc\" does not have known values (did you mean "
            "\"kubernetes.io/arch\"?); "
            "label \"team\" does not have known values (did you mean \"teams\"?); "
            "label \"unrelated\" does not have known values; "
            "key kubernetes.io/arch: In [arm64] is incompatible with In [amd64]");
}

TEST(RequirementsTest, EmptySetsAreCompatibleWithEverything) {
  Requirements some({req(kArch, Operator::In, {"amd64"})});
  EXPECT_TRUE(Requirements().is_compatible(Requirements(), Undefined::Strict));
  EXPECT_TRUE(some.is_compatible(Requirements(), Undefined::Strict));
  EXPECT_TRUE(Requirements().is_compatible(some, Undefined::AllowWellKnown));
  EXPECT_FALSE(Requirements().is_compatible(some, Undefined::Strict));
}

// ---- properties -------------------------------------------------------------------------------

// Values drawn from a small universe, mixing words with small integers, including two spellings
// of 3 that only bounds treat as equal.
const std::array<std::string, 12> kUniverse = {"a", "b", "c", "-1", "0",  "1",
                                               "2", "3", "4", "5",  "03", "+3"};

class RandomRequirements {
 public:
  explicit RandomRequirements(uint32_t seed) : rng_(seed) {}

  Requirement next(std::string_view key) {
    auto op = static_cast<Operator>(pick(8));
    std::vector<std::string> values;
    if (op == Operator::In || op == Operator::NotIn) {
      size_t n = pick(4);
      for (size_t i = 0; i < n; ++i) values.push_back(kUniverse[pick(kUniverse.size())]);
    } else if (op >= Operator::Gt) {
      values.push_back(std::to_string(static_cast<int>(pick(8)) - 2));
    }
    std::optional<int> min_values;
    if (pick(4) == 0) min_values = static_cast<int>(pick(3)) + 1;
    return req(key, op, std::move(values), min_values);
  }

  // A random requirement, or a random intersection of two, so derived shapes are covered too.
  Requirement next_derived(std::string_view key) {
    Requirement r = next(key);
    return pick(2) == 0 ? r : r.intersect(next(key));
  }

  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  std::mt19937 rng_;
};

constexpr int kIterations = 4000;

TEST(RequirementPropertyTest, IntersectionIsCommutativeAssociativeAndMembershipExact) {
  RandomRequirements gen(20240611);
  for (int i = 0; i < kIterations; ++i) {
    Requirement a = gen.next_derived("k");
    Requirement b = gen.next_derived("k");
    Requirement c = gen.next_derived("k");
    SCOPED_TRACE(a.to_string() + " | " + b.to_string() + " | " + c.to_string());
    Requirement ab = a.intersect(b);
    EXPECT_EQ(ab, b.intersect(a));
    EXPECT_EQ(ab.intersect(c), a.intersect(b.intersect(c)));
    EXPECT_EQ(a.intersect(a), a);
    EXPECT_EQ(req("k", Operator::Exists).intersect(a), a);

    bool some_shared = false;
    for (const std::string& v : kUniverse) {
      EXPECT_EQ(ab.has(v), a.has(v) && b.has(v)) << v;
      some_shared = some_shared || (a.has(v) && b.has(v));
    }
    EXPECT_EQ(a.intersects(b), !ab.empty());
    EXPECT_EQ(a.intersects(b), b.intersects(a));
    // intersects() never misses a shared value; it can only over-approximate when both sides
    // are complements (Karpenter's imprecision, see the header).
    if (some_shared) {
      EXPECT_TRUE(a.intersects(b));
    }
    if (!a.complement() || !b.complement()) {
      EXPECT_EQ(a.intersects(b), some_shared);
    }
    if (ab.empty()) {
      for (const std::string& v : kUniverse) EXPECT_FALSE(ab.has(v));
    }
  }
}

TEST(RequirementPropertyTest, CompatibleAgreesWithIntersectionOnSharedKeys) {
  RandomRequirements gen(7);
  for (int i = 0; i < kIterations; ++i) {
    Requirement existing = gen.next_derived("k");
    Requirement incoming = gen.next_derived("k");
    SCOPED_TRACE(existing.to_string() + " | " + incoming.to_string());
    Requirements mine({existing});
    Requirements theirs({incoming});
    bool negative = (existing.op() == Operator::NotIn || existing.op() == Operator::DoesNotExist) &&
                    (incoming.op() == Operator::NotIn || incoming.op() == Operator::DoesNotExist);
    bool expected = !existing.intersect(incoming).empty() || negative;
    for (Undefined mode : {Undefined::Strict, Undefined::AllowWellKnown}) {
      EXPECT_EQ(mine.compatible(theirs, mode) == std::nullopt, expected);
      EXPECT_EQ(mine.is_compatible(theirs, mode), expected);
    }
    EXPECT_EQ(mine.intersects(theirs), expected);
  }
}

TEST(RequirementPropertyTest, RequirementsSetsBehaveLikeTheirKeys) {
  RandomRequirements gen(99);
  const std::array<std::string_view, 3> keys = {kArch, "team", kCpu};
  auto random_set = [&] {
    std::vector<Requirement> items;
    for (std::string_view key : keys) {
      if (gen.pick(3) != 0) items.push_back(gen.next_derived(key));
    }
    return Requirements(std::move(items));
  };
  for (int i = 0; i < kIterations; ++i) {
    Requirements a = random_set();
    Requirements b = random_set();
    SCOPED_TRACE(a.to_string() + " | " + b.to_string());
    Requirements ab = a.intersect(b);
    EXPECT_EQ(ab, b.intersect(a));
    bool all_shared_intersect = true;
    for (std::string_view key : keys) {
      const Requirement* ra = a.get(key);
      const Requirement* rb = b.get(key);
      const Requirement* rab = ab.get(key);
      EXPECT_EQ(rab != nullptr, ra != nullptr || rb != nullptr);
      if (ra && rb) {
        EXPECT_EQ(*rab, ra->intersect(*rb));
        bool negative = (ra->op() == Operator::NotIn || ra->op() == Operator::DoesNotExist) &&
                        (rb->op() == Operator::NotIn || rb->op() == Operator::DoesNotExist);
        all_shared_intersect = all_shared_intersect && (ra->intersects(*rb) || negative);
      }
    }
    EXPECT_EQ(a.intersects(b), all_shared_intersect);
    EXPECT_EQ(a.intersects(b), b.intersects(a));
    for (Undefined mode : {Undefined::Strict, Undefined::AllowWellKnown}) {
      EXPECT_EQ(a.is_compatible(b, mode), a.compatible(b, mode) == std::nullopt);
      // Compatibility is intersection plus the definedness rule: with every key defined on the
      // receiver, the two agree.
      if (ab.items().size() == a.items().size()) {
        EXPECT_EQ(a.is_compatible(b, mode), all_shared_intersect);
      }
    }
  }
}

}  // namespace
}  // namespace nw::model
