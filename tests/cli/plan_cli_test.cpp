// `nodewright plan` as a user runs it: the packing improvement against the Karpenter-equivalent
// pass, the cost lower bound, and the three output formats carrying the same plan.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_test_util.h"

namespace nw::cli::testing {
namespace {

const std::string kFixture = "tests/fixtures/plan/improve-spark-zones.yaml";

nlohmann::json plan_json(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"plan", "-f", kFixture, "-o", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult result = run_nodewright(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

// pod → (zone, capacity type) of the claim that holds it.
std::map<std::string, std::pair<std::string, std::string>> placements(const nlohmann::json& plan) {
  std::map<std::string, std::pair<std::string, std::string>> where;
  for (const auto& claim : plan["nodeClaims"]) {
    for (const auto& pod : claim["pods"]) {
      where[pod.get<std::string>()] = {claim["zone"].get<std::string>(),
                                       claim["capacityType"].get<std::string>()};
    }
  }
  return where;
}

TEST(PlanCli, ImprovementCostsLessThanTheKarpenterPassAndKeepsConstraints) {
  nlohmann::json improved = plan_json();
  nlohmann::json karpenter = plan_json({"--karpenter-compatible"});
  double improved_cost = improved["summary"]["newNodesCostPerHour"].get<double>();
  double karpenter_cost = karpenter["summary"]["newNodesCostPerHour"].get<double>();
  double bound = improved["summary"]["costLowerBoundPerHour"].get<double>();
  EXPECT_LT(improved_cost, karpenter_cost);
  EXPECT_LE(bound, improved_cost);
  EXPECT_DOUBLE_EQ(bound, karpenter["summary"]["costLowerBoundPerHour"].get<double>());
  EXPECT_EQ(improved["summary"]["unschedulable"], 0);
  EXPECT_EQ(improved["summary"]["scheduledOnNew"], 66);

  // Every pod still runs in its application's zone, drivers on-demand, executors on spot.
  const std::string zones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};
  auto where = placements(improved);
  ASSERT_EQ(where.size(), 66u);
  for (int app = 0; app < 6; ++app) {
    for (int e = -1; e < 10; ++e) {
      std::string pod = e < 0 ? "spark/app" + std::to_string(app) + "-driver"
                              : "spark/app" + std::to_string(app) + "-exec-" + std::to_string(e);
      ASSERT_TRUE(where.contains(pod)) << pod;
      EXPECT_EQ(where[pod].first, zones[app % 3]) << pod;
      EXPECT_EQ(where[pod].second, e < 0 ? "on-demand" : "spot") << pod;
    }
  }
}

TEST(PlanCli, YamlOutputCarriesTheSamePlanAsJson) {
  nlohmann::json json = plan_json();
  RunResult yaml = run_nodewright({"plan", "-f", kFixture, "-o", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  YAML::Node doc = YAML::Load(yaml.out);
  ASSERT_EQ(doc["nodeClaims"].size(), json["nodeClaims"].size());
  for (size_t i = 0; i < json["nodeClaims"].size(); ++i) {
    const auto& claim = json["nodeClaims"][i];
    EXPECT_EQ(doc["nodeClaims"][i]["instanceType"].as<std::string>(),
              claim["instanceType"].get<std::string>());
    EXPECT_EQ(doc["nodeClaims"][i]["pods"].size(), claim["pods"].size());
    EXPECT_DOUBLE_EQ(doc["nodeClaims"][i]["pricePerHour"].as<double>(),
                     claim["pricePerHour"].get<double>());
  }
  EXPECT_DOUBLE_EQ(doc["summary"]["newNodesCostPerHour"].as<double>(),
                   json["summary"]["newNodesCostPerHour"].get<double>());
}

TEST(PlanCli, TableOutputSummarisesThePlanAndTheBound) {
  RunResult table = run_nodewright({"plan", "-f", kFixture});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("66 pending pods: 0 on existing nodes, 66 on"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("(LP lower bound)"), std::string::npos) << table.out;
}

TEST(PlanCli, BadInputExitsWithStatusTwoAndNoPlan) {
  TempDir dir;
  auto file = dir.write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n");
  RunResult result = run_nodewright({"plan", "-f", file.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("bad.yaml:4:7: Pod \"default/p\": spec.containers"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace nw::cli::testing
