// Runs the real `nodewright plan -o json` on fixtures under tests/fixtures/plan/ and answers
// questions about the plan it prints (which claim holds a pod, why a pod is unschedulable...).
// The scenario tests drive the solver only through the CLI, as a user would.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace nw::plan_test {

using nlohmann::json;

struct PlanRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  json plan;        // stdout parsed; null when it is not JSON
};

// The absolute path of a fixture, given its name relative to tests/fixtures/plan/.
std::string fixture(std::string_view name);

// `nodewright plan -f F1 -f F2 ... -o json`, fixtures named relative to tests/fixtures/plan/.
// `flags` are passed after the fixtures (e.g. "--karpenter-compatible").
PlanRun run_plan(const std::vector<std::string_view>& fixtures,
                 const std::vector<std::string>& flags = {});
inline PlanRun run_plan(std::initializer_list<std::string_view> fixtures) {
  return run_plan(std::vector<std::string_view>(fixtures));
}

// The nodeClaims entry that holds `pod` ("namespace/name"); nullptr when none does.
const json* claim_with(const json& plan, std::string_view pod);
// The existingNodes entry (node name) that receives `pod`, if any.
std::optional<std::string> existing_node_with(const json& plan, std::string_view pod);
// The reason `pod` is unschedulable; nullopt when it is not listed as unschedulable.
std::optional<std::string> unschedulable_reason(const json& plan, std::string_view pod);
// The nodeClaims of one NodePool, in output order.
std::vector<json> claims_of_pool(const json& plan, std::string_view pool);
// Pods placed on new nodes plus pods placed on existing nodes.
size_t scheduled_pods(const json& plan);

// The EC2 catalog row of an instance type (the embedded data/ec2-instance-types.csv); fails the
// calling test and returns a blank row when the type is unknown.
const catalog::InstanceTypeInfo& instance_type(std::string_view name);
// "m5" for "m5.large".
std::string family_of(std::string_view instance_type);
// The options of a claim, as strings.
std::vector<std::string> options_of(const json& claim);

}  // namespace nw::plan_test

// Runs the plan and binds `var` to its JSON; fails the test (fatally) when the command fails or
// its output is not a JSON object.
#define NW_RUN_PLAN(var, ...)                                                          \
  const ::nw::plan_test::PlanRun var##_run = ::nw::plan_test::run_plan({__VA_ARGS__}); \
  ASSERT_EQ(var##_run.exit_code, 0) << var##_run.err;                                  \
  ASSERT_TRUE(var##_run.plan.is_object()) << var##_run.out << var##_run.err;           \
  const ::nlohmann::json& var = var##_run.plan
