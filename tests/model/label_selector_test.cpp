#include "model/label_selector.h"

#include <gtest/gtest.h>

namespace nw::model {
namespace {

Labels labels(std::initializer_list<std::pair<std::string, std::string>> entries) {
  Labels out;
  for (const auto& [k, v] : entries) set_label(out, k, v);
  return out;
}

LabelSelectorRequirement expr(std::string key, SelectorOperator op,
                              std::vector<std::string> values = {}) {
  return LabelSelectorRequirement{std::move(key), op, std::move(values)};
}

TEST(LabelsTest, SetKeepsSortedAndReplaces) {
  Labels l;
  set_label(l, "b", "1");
  set_label(l, "a", "2");
  set_label(l, "c", "3");
  set_label(l, "b", "4");
  EXPECT_EQ(l, (Labels{{"a", "2"}, {"b", "4"}, {"c", "3"}}));
  ASSERT_NE(find_label(l, "b"), nullptr);
  EXPECT_EQ(*find_label(l, "b"), "4");
  EXPECT_EQ(find_label(l, "d"), nullptr);
  EXPECT_EQ(find_label(l, ""), nullptr);
  EXPECT_EQ(find_label(Labels{}, "a"), nullptr);
}

TEST(SelectorOperatorTest, RoundTrips) {
  for (SelectorOperator op : {SelectorOperator::In, SelectorOperator::NotIn,
                              SelectorOperator::Exists, SelectorOperator::DoesNotExist}) {
    EXPECT_EQ(parse_selector_operator(to_string(op)), op);
  }
  EXPECT_EQ(parse_selector_operator("Gt"), std::nullopt);  // node selectors only
  EXPECT_EQ(parse_selector_operator("in"), std::nullopt);
}

TEST(LabelSelectorTest, EmptyMatchesEverything) {
  LabelSelector s;
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(s.matches({}));
  EXPECT_TRUE(s.matches(labels({{"app", "web"}})));
  EXPECT_EQ(s.to_string(), "");
}

TEST(LabelSelectorTest, MatchLabelsNeedExactValues) {
  LabelSelector s;
  set_label(s.match_labels, "app", "spark");
  set_label(s.match_labels, "role", "executor");
  EXPECT_TRUE(s.matches(labels({{"app", "spark"}, {"role", "executor"}, {"x", "y"}})));
  EXPECT_FALSE(s.matches(labels({{"app", "spark"}})));
  EXPECT_FALSE(s.matches(labels({{"app", "spark"}, {"role", "driver"}})));
  EXPECT_EQ(s.to_string(), "app=spark,role=executor");
}

TEST(LabelSelectorTest, ExpressionOperators) {
  Labels web = labels({{"app", "web"}, {"tier", "frontend"}});
  Labels bare = labels({{"tier", "backend"}});
  auto match = [](LabelSelectorRequirement r, const Labels& l) {
    return LabelSelector{{}, {std::move(r)}}.matches(l);
  };
  EXPECT_TRUE(match(expr("app", SelectorOperator::In, {"db", "web"}), web));
  EXPECT_FALSE(match(expr("app", SelectorOperator::In, {"db"}), web));
  EXPECT_FALSE(match(expr("app", SelectorOperator::In, {"web"}), bare));  // absent
  EXPECT_FALSE(match(expr("app", SelectorOperator::NotIn, {"web"}), web));
  EXPECT_TRUE(match(expr("app", SelectorOperator::NotIn, {"db"}), web));
  EXPECT_TRUE(match(expr("app", SelectorOperator::NotIn, {"web"}), bare));  // absent passes
  EXPECT_TRUE(match(expr("app", SelectorOperator::Exists), web));
  EXPECT_FALSE(match(expr("app", SelectorOperator::Exists), bare));
  EXPECT_FALSE(match(expr("app", SelectorOperator::DoesNotExist), web));
  EXPECT_TRUE(match(expr("app", SelectorOperator::DoesNotExist), bare));
  EXPECT_FALSE(match(expr("app", SelectorOperator::In, {}), web));  // invalid: matches nothing
}

TEST(LabelSelectorTest, LabelsAndExpressionsAreAnded) {
  LabelSelector s;
  set_label(s.match_labels, "app", "spark");
  s.match_expressions = {expr("spark-role", SelectorOperator::In, {"executor"}),
                         expr("canary", SelectorOperator::DoesNotExist)};
  EXPECT_TRUE(s.matches(labels({{"app", "spark"}, {"spark-role", "executor"}})));
  EXPECT_FALSE(s.matches(labels({{"app", "spark"}, {"spark-role", "driver"}})));
  EXPECT_FALSE(s.matches(labels({{"app", "other"}, {"spark-role", "executor"}})));
  EXPECT_FALSE(
      s.matches(labels({{"app", "spark"}, {"spark-role", "executor"}, {"canary", "true"}})));
}

TEST(LabelSelectorTest, PrintsAsKubernetesSelectorString) {
  LabelSelector s;
  set_label(s.match_labels, "tier", "web");
  s.match_expressions = {expr("zone", SelectorOperator::NotIn, {"b", "a"}),
                         expr("app", SelectorOperator::In, {"y", "x", "y"}),
                         expr("canary", SelectorOperator::DoesNotExist),
                         expr("team", SelectorOperator::Exists)};
  EXPECT_EQ(s.to_string(), "app in (x,y),!canary,team,tier=web,zone notin (a,b)");
}

TEST(LabelSelectorTest, ValidateReportsStructuralErrors) {
  LabelSelector ok{{{"app", "web"}},
                   {expr("a", SelectorOperator::In, {"x"}), expr("b", SelectorOperator::Exists)}};
  EXPECT_EQ(ok.validate(), std::nullopt);
  EXPECT_EQ(LabelSelector{}.validate(), std::nullopt);
  EXPECT_EQ((LabelSelector{{}, {expr("a", SelectorOperator::NotIn)}}.validate()),
            "matchExpressions[0].values: Required value: must be specified when `operator` is "
            "'In' or 'NotIn'");
  EXPECT_EQ((LabelSelector{{},
                           {expr("a", SelectorOperator::Exists),
                            expr("b", SelectorOperator::DoesNotExist, {"x"})}}
                 .validate()),
            "matchExpressions[1].values: Forbidden: may not be specified when `operator` is "
            "'Exists' or 'DoesNotExist'");
  EXPECT_EQ((LabelSelector{{}, {expr("", SelectorOperator::Exists)}}.validate()),
            "matchExpressions[0].key: Required value");
  EXPECT_EQ((LabelSelector{{{"", "v"}}, {}}.validate()),
            "matchLabels: Required value: label key must be non-empty");
}

}  // namespace
}  // namespace nw::model
