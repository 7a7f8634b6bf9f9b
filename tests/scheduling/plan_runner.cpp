#include "scheduling/plan_runner.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nw::plan_test {
namespace {

std::string shell_quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string fixture(std::string_view name) {
  return std::string(NODEWRIGHT_SOURCE_DIR) + "/tests/fixtures/plan/" + std::string(name);
}

PlanRun run_plan(const std::vector<std::string_view>& fixtures,
                 const std::vector<std::string>& flags) {
  PlanRun run;
  std::string err_path = ::testing::TempDir() + "nodewright-plan-stderr-XXXXXX";
  int fd = mkstemp(err_path.data());
  if (fd < 0) {
    ADD_FAILURE() << "mkstemp failed for " << err_path;
    return run;
  }
  close(fd);
  std::string command = shell_quote(NODEWRIGHT_BIN) + " plan";
  for (std::string_view name : fixtures) command += " -f " + shell_quote(fixture(name));
  for (const std::string& flag : flags) command += " " + shell_quote(flag);
  command += " -o json 2>" + shell_quote(err_path);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    std::remove(err_path.c_str());
    return run;
  }
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err_path);
  std::remove(err_path.c_str());
  run.plan = json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (run.plan.is_discarded()) run.plan = json();
  return run;
}

const json* claim_with(const json& plan, std::string_view pod) {
  for (const json& claim : plan.at("nodeClaims")) {
    for (const json& name : claim.at("pods")) {
      if (name.get<std::string>() == pod) return &claim;
    }
  }
  return nullptr;
}

std::optional<std::string> existing_node_with(const json& plan, std::string_view pod) {
  for (const json& node : plan.at("existingNodes")) {
    for (const json& name : node.at("pods")) {
      if (name.get<std::string>() == pod) return node.at("name").get<std::string>();
    }
  }
  return std::nullopt;
}

std::optional<std::string> unschedulable_reason(const json& plan, std::string_view pod) {
  for (const json& entry : plan.at("unschedulable")) {
    if (entry.at("pod").get<std::string>() == pod) return entry.at("reason").get<std::string>();
  }
  return std::nullopt;
}

std::vector<json> claims_of_pool(const json& plan, std::string_view pool) {
  std::vector<json> claims;
  for (const json& claim : plan.at("nodeClaims")) {
    if (claim.at("nodePool").get<std::string>() == pool) claims.push_back(claim);
  }
  return claims;
}

size_t scheduled_pods(const json& plan) {
  size_t count = 0;
  for (const json& claim : plan.at("nodeClaims")) count += claim.at("pods").size();
  for (const json& node : plan.at("existingNodes")) count += node.at("pods").size();
  return count;
}

const catalog::InstanceTypeInfo& instance_type(std::string_view name) {
  static const catalog::InstanceTypeInfo blank;
  const catalog::InstanceTypeInfo* info = catalog::Catalog::embedded().find(name);
  if (info == nullptr) {
    ADD_FAILURE() << "instance type " << name << " is not in the catalog";
    return blank;
  }
  return *info;
}

std::string family_of(std::string_view type) {
  return std::string(type.substr(0, type.find('.')));
}

std::vector<std::string> options_of(const json& claim) {
  std::vector<std::string> options;
  for (const json& name : claim.at("instanceTypeOptions"))
    options.push_back(name.get<std::string>());
  return options;
}

}  // namespace nw::plan_test
