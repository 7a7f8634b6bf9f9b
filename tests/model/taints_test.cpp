#include "model/taints.h"

#include <gtest/gtest.h>

#include <vector>

namespace nw::model {
namespace {

Taint taint(std::string key, std::string value, TaintEffect effect) {
  return Taint{std::move(key), std::move(value), effect};
}

Toleration equal(std::string key, std::string value,
                 std::optional<TaintEffect> effect = std::nullopt) {
  return Toleration{std::move(key), TolerationOperator::Equal, std::move(value), effect, {}};
}

Toleration exists(std::string key, std::optional<TaintEffect> effect = std::nullopt) {
  return Toleration{std::move(key), TolerationOperator::Exists, "", effect, {}};
}

const Taint kGpu = taint("nvidia.com/gpu", "true", TaintEffect::NoSchedule);

TEST(TaintEffectTest, ParsesAndPrintsKubernetesNames) {
  for (TaintEffect e :
       {TaintEffect::NoSchedule, TaintEffect::PreferNoSchedule, TaintEffect::NoExecute}) {
    EXPECT_EQ(parse_taint_effect(to_string(e)), e);
  }
  EXPECT_EQ(parse_taint_effect("noschedule"), std::nullopt);
  EXPECT_EQ(parse_taint_effect(""), std::nullopt);
}

TEST(TolerationOperatorTest, EmptyMeansEqual) {
  EXPECT_EQ(parse_toleration_operator(""), TolerationOperator::Equal);
  EXPECT_EQ(parse_toleration_operator("Equal"), TolerationOperator::Equal);
  EXPECT_EQ(parse_toleration_operator("Exists"), TolerationOperator::Exists);
  EXPECT_EQ(parse_toleration_operator("exists"), std::nullopt);
  EXPECT_EQ(to_string(TolerationOperator::Exists), "Exists");
  EXPECT_EQ(to_string(TolerationOperator::Equal), "Equal");
}

TEST(TaintTest, Prints) {
  EXPECT_EQ(kGpu.to_string(), "nvidia.com/gpu=true:NoSchedule");
  EXPECT_EQ(taint("karpenter.sh/disrupted", "", TaintEffect::NoSchedule).to_string(),
            "karpenter.sh/disrupted:NoSchedule");
  EXPECT_EQ(taint("k", "v", TaintEffect::NoExecute).to_string(), "k=v:NoExecute");
}

TEST(ToleratesTest, EqualNeedsKeyAndValue) {
  EXPECT_TRUE(tolerates(equal("nvidia.com/gpu", "true"), kGpu));
  EXPECT_FALSE(tolerates(equal("nvidia.com/gpu", "false"), kGpu));
  EXPECT_FALSE(tolerates(equal("other", "true"), kGpu));
  EXPECT_TRUE(tolerates(equal("k", ""), taint("k", "", TaintEffect::NoSchedule)));
}

TEST(ToleratesTest, ExistsIgnoresValue) {
  EXPECT_TRUE(tolerates(exists("nvidia.com/gpu"), kGpu));
  Toleration with_value = exists("nvidia.com/gpu");
  with_value.value = "ignored";
  EXPECT_TRUE(tolerates(with_value, kGpu));
  EXPECT_FALSE(tolerates(exists("other"), kGpu));
}

TEST(ToleratesTest, EmptyKeyWithExistsToleratesEverything) {
  for (TaintEffect e :
       {TaintEffect::NoSchedule, TaintEffect::PreferNoSchedule, TaintEffect::NoExecute}) {
    EXPECT_TRUE(tolerates(exists(""), taint("any", "thing", e)));
  }
  // ...but an effect still restricts it.
  EXPECT_FALSE(tolerates(exists("", TaintEffect::NoExecute), kGpu));
  // Kubernetes evaluates an (invalid) empty key with Equal as a value match on any key.
  EXPECT_TRUE(tolerates(equal("", "true"), kGpu));
  EXPECT_FALSE(tolerates(equal("", "false"), kGpu));
}

TEST(ToleratesTest, EffectMustMatchWhenGiven) {
  EXPECT_TRUE(tolerates(equal("nvidia.com/gpu", "true", TaintEffect::NoSchedule), kGpu));
  EXPECT_FALSE(tolerates(equal("nvidia.com/gpu", "true", TaintEffect::NoExecute), kGpu));
  EXPECT_FALSE(tolerates(exists("nvidia.com/gpu", TaintEffect::PreferNoSchedule), kGpu));
}

TEST(ToleratesTest, TolerationSecondsDoNotAffectScheduling) {
  Toleration t = exists("node.kubernetes.io/not-ready", TaintEffect::NoExecute);
  t.toleration_seconds = 300;
  EXPECT_TRUE(tolerates(t, taint("node.kubernetes.io/not-ready", "", TaintEffect::NoExecute)));
}

TEST(ToleratesAllTest, EveryBlockingTaintNeedsAToleration) {
  std::vector<Taint> taints = {kGpu, taint("dedicated", "spark", TaintEffect::NoExecute)};
  EXPECT_TRUE(tolerates_all({}, {}));
  EXPECT_FALSE(tolerates_all({}, taints));
  EXPECT_FALSE(tolerates_all({exists("nvidia.com/gpu")}, taints));
  EXPECT_TRUE(tolerates_all({exists("nvidia.com/gpu"), equal("dedicated", "spark")}, taints));
  EXPECT_TRUE(tolerates_all({exists("")}, taints));
  EXPECT_EQ(first_untolerated({exists("nvidia.com/gpu")}, taints), taints[1]);
  EXPECT_EQ(first_untolerated({}, taints), taints[0]);
  EXPECT_EQ(first_untolerated({exists("")}, taints), std::nullopt);
}

TEST(ToleratesAllTest, PreferNoScheduleBlocksOnlyWhenEnforced) {
  std::vector<Taint> taints = {taint("spot", "true", TaintEffect::PreferNoSchedule)};
  EXPECT_TRUE(tolerates_all({}, taints));
  EXPECT_EQ(first_untolerated({}, taints), std::nullopt);
  EXPECT_FALSE(tolerates_all({}, taints, PreferNoSchedule::Enforce));
  EXPECT_EQ(first_untolerated({}, taints, PreferNoSchedule::Enforce), taints[0]);
  // Karpenter's relaxation step: one toleration for every PreferNoSchedule taint.
  EXPECT_TRUE(tolerates_all({exists("", TaintEffect::PreferNoSchedule)}, taints,
                            PreferNoSchedule::Enforce));
}

}  // namespace
}  // namespace nw::model
