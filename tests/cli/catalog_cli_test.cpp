// `nodewright catalog`, run as a user runs it, on the examples: which instance types a NodePool
// admits (compared with the embedded catalog itself), the capacity arithmetic of one pinned type,
// extra requirements, and the usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "cli/cli_test_util.h"

namespace nw::cli::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int kOk = 0;
constexpr int kInvalidInput = 2;

const char* const kNodePools = "examples/emr-on-eks/nodepools.yaml";
const char* const kProvisioner = "examples/emr-on-eks/provisioner-default.yaml";

// The instance-type names of `catalog -o csv` output, after checking its header.
std::set<std::string> csv_names(const std::string& out) {
  std::vector<std::string> rows = lines(out);
  std::set<std::string> names;
  if (rows.empty()) {
    ADD_FAILURE() << "no CSV output";
    return names;
  }
  EXPECT_EQ(rows[0],
            "name,arch,vcpu,memory_mib,allocatable_cpu_millicores,allocatable_memory_bytes,"
            "allocatable_pods,on_demand_usd_per_hour,spot_usd_per_hour");
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_TRUE(names.insert(rows[i].substr(0, rows[i].find(','))).second) << rows[i];
  }
  return names;
}

// Names of the embedded catalog's rows that satisfy `keep`.
template <typename Predicate>
std::set<std::string> catalog_names(Predicate keep) {
  std::set<std::string> names;
  for (const catalog::InstanceTypeInfo& info : catalog::Catalog::embedded().types()) {
    if (keep(info)) names.insert(info.name);
  }
  return names;
}

TEST(CatalogCliTest, ComputeOptimizedPoolListsExactlyTheC5dSizes) {
  RunResult r = run_nodewright(
      {"catalog", "-f", kNodePools, "--nodepool", "spark-compute-optimized", "-o", "csv"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  EXPECT_EQ(r.err, "");
  std::set<std::string> expected =
      catalog_names([](const catalog::InstanceTypeInfo& info) { return info.family == "c5d"; });
  EXPECT_EQ(csv_names(r.out), expected);
  // The catalog's c5d rows themselves: c5d.large to c5d.metal.
  EXPECT_EQ(expected, (std::set<std::string>{"c5d.large", "c5d.xlarge", "c5d.2xlarge",
                                             "c5d.4xlarge", "c5d.9xlarge", "c5d.12xlarge",
                                             "c5d.18xlarge", "c5d.24xlarge", "c5d.metal"}));
}

TEST(CatalogCliTest, TheReadmeDemoPrintsATableOfNineTypes) {
  RunResult r =
      run_nodewright({"catalog", "-f", kNodePools, "--nodepool", "spark-compute-optimized"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  std::vector<std::string> out = lines(r.out);
  ASSERT_EQ(out.size(), 11u) << r.out;  // header, 9 rows, count
  EXPECT_THAT(out[0], HasSubstr("NAME"));
  EXPECT_THAT(out[1], ::testing::StartsWith("c5d.large "));
  EXPECT_EQ(out[10], "9 instance types");
}

TEST(CatalogCliTest, JsonOutputParsesAndPinsC5dLargeAllocatable) {
  RunResult r = run_nodewright(
      {"catalog", "-f", kNodePools, "--nodepool", "spark-compute-optimized", "-o", "json"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.size(), 9u);
  const nlohmann::json* large = nullptr;
  for (const nlohmann::json& type : list) {
    EXPECT_EQ(type.at("family"), "c5d");
    EXPECT_EQ(type.at("arch"), "amd64");
    // The pool allows us-east-1a..c only.
    EXPECT_EQ(type.at("zones"), (nlohmann::json{"us-east-1a", "us-east-1b", "us-east-1c"}));
    if (type.at("name") == "c5d.large") large = &type;
  }
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(large->at("vcpu"), 2);
  EXPECT_EQ(large->at("memoryMiB"), 4096);
  // nodepools.yaml alone carries no EC2NodeClass, so Karpenter's defaults apply (29 ENI pods).
  // memory: 4096 MiB − ceil(4096 × 0.075) = 308 VM overhead → 3788Mi capacity;
  //         − kube-reserved 11 × 29 + 255 = 574 → 3214; − eviction threshold 100 → 3114Mi.
  // cpu:    2000m − kube-reserved (6 % of core 1 = 60m, 1 % of core 2 = 10m) → 1930m.
  EXPECT_EQ(large->at("capacity").at("memory"), "3788Mi");
  EXPECT_EQ(large->at("capacity").at("cpu"), "2");
  EXPECT_EQ(large->at("allocatable").at("cpu"), "1930m");
  EXPECT_EQ(large->at("allocatable").at("memory"), "3114Mi");
  EXPECT_EQ(large->at("allocatable").at("pods"), "29");
  EXPECT_TRUE(large->at("onDemandPricePerHour").is_number());
  EXPECT_TRUE(large->at("spotPricePerHour").is_number());
}

TEST(CatalogCliTest, TheNodeClassKubeletChangesAllocatableWhenGiven) {
  // With nodeclass.yaml the pool's EC2NodeClass applies: maxPods 58 instead of the ENI limit of
  // 29, and the 100Gi root volume as ephemeral-storage capacity.
  RunResult r =
      run_nodewright({"catalog", "-f", kNodePools, "-f", "examples/emr-on-eks/nodeclass.yaml",
                      "--nodepool", "spark-compute-optimized", "-o", "json"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].at("name"), "c5d.large");
  EXPECT_EQ(list[0].at("allocatable").at("pods"), "58");
  EXPECT_EQ(list[0].at("capacity").at("ephemeral-storage"), "100Gi");
}

TEST(CatalogCliTest, RequirementFlagsNarrowTheList) {
  RunResult r =
      run_nodewright({"catalog", "--requirement", "karpenter.k8s.aws/instance-family In c5d",
                      "--requirement", "karpenter.k8s.aws/instance-cpu Gt 8", "-o", "csv"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  std::set<std::string> expected = catalog_names(
      [](const catalog::InstanceTypeInfo& info) { return info.family == "c5d" && info.vcpu > 8; });
  EXPECT_EQ(csv_names(r.out), expected);
  EXPECT_EQ(expected, (std::set<std::string>{"c5d.4xlarge", "c5d.9xlarge", "c5d.12xlarge",
                                             "c5d.18xlarge", "c5d.24xlarge", "c5d.metal"}));
}

TEST(CatalogCliTest, RequirementFlagsAddToTheNodePools) {
  RunResult r =
      run_nodewright({"catalog", "-f", kNodePools, "--nodepool", "spark-graviton-memory-optimized",
                      "--requirement", "karpenter.k8s.aws/instance-memory Lte 16384", "-o", "csv"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  EXPECT_EQ(csv_names(r.out), (std::set<std::string>{"r6gd.medium", "r6gd.large"}));
}

TEST(CatalogCliTest, TheDefaultProvisionerListsItsFamiliesAndSizesInOneZone) {
  RunResult r = run_nodewright({"catalog", "-f", kProvisioner, "-o", "json"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  const std::set<std::string> families = {"c5", "c5a", "c5d", "c5ad", "m5", "c6a"};
  const std::set<std::string> sizes = {"2xlarge", "4xlarge", "8xlarge", "9xlarge"};
  std::set<std::string> expected = catalog_names([&](const catalog::InstanceTypeInfo& info) {
    return families.count(info.family) > 0 && sizes.count(info.size) > 0;
  });
  // Not every family has every size: 6 × 3 of the 24 combinations exist.
  EXPECT_EQ(expected.size(), 18u);
  EXPECT_EQ(expected.count("c5.9xlarge"), 1u);
  EXPECT_EQ(expected.count("c5.8xlarge"), 0u);

  nlohmann::json list = nlohmann::json::parse(r.out);
  std::set<std::string> names;
  for (const nlohmann::json& type : list) {
    names.insert(type.at("name").get<std::string>());
    EXPECT_EQ(type.at("zones"), nlohmann::json{"us-east-1a"}) << type.at("name");
  }
  EXPECT_EQ(names, expected);
}

TEST(CatalogCliTest, ABadRequirementIsInvalidInputWithAClearMessage) {
  struct Case {
    const char* requirement;
    const char* message;
  };
  for (const Case& c : {
           Case{"karpenter.k8s.aws/instance-cpu Gt four",
                "error: --requirement: \"karpenter.k8s.aws/instance-cpu Gt four\": values[0]: "
                "operator Gt needs a non-negative integer, got \"four\""},
           Case{"kubernetes.io/arch Equals amd64",
                "error: --requirement: \"kubernetes.io/arch Equals amd64\": operator: unknown "
                "operator \"Equals\" (expected In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, "
                "Lte)"},
           Case{"kubernetes.io/hostname In node-1",
                "error: --requirement: \"kubernetes.io/hostname In node-1\": key: label "
                "\"kubernetes.io/hostname\" is restricted and cannot be required"},
           Case{"just-a-key",
                "error: --requirement: \"just-a-key\": expected \"KEY OPERATOR "
                "[VALUE,VALUE...]\""},
           Case{"kubernetes.io/arch In amd64 arm64",
                "error: --requirement: \"kubernetes.io/arch In amd64 arm64\": expected \"KEY "
                "OPERATOR [VALUE,VALUE...]\""},
       }) {
    RunResult r = run_nodewright({"catalog", "--requirement", c.requirement});
    EXPECT_EQ(r.exit_code, kInvalidInput) << c.requirement;
    EXPECT_EQ(r.out, "") << c.requirement;
    EXPECT_THAT(lines(r.err), ElementsAre(c.message));
  }
}

TEST(CatalogCliTest, ABadRegionIsInvalidInput) {
  RunResult r = run_nodewright({"catalog", "--region", "mars-1"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, ::testing::StartsWith("error: --region: "));
  EXPECT_THAT(r.err, HasSubstr("mars-1"));
}

TEST(CatalogCliTest, AnotherRegionChangesTheZones) {
  RunResult r = run_nodewright({"catalog", "--requirement",
                                "node.kubernetes.io/instance-type In "
                                "c5d.large",
                                "--region", "us-west-2", "-o", "json"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("zones"),
            (nlohmann::json{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}));
}

TEST(CatalogCliTest, AnUnknownNodePoolIsInvalidInput) {
  RunResult r = run_nodewright({"catalog", "-f", kNodePools, "--nodepool", "spark-gpu"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: --nodepool: no NodePool or Provisioner \"spark-gpu\" in the inputs\n");
}

TEST(CatalogCliTest, SeveralNodePoolsNeedOneNamed) {
  RunResult r = run_nodewright({"catalog", "-f", kNodePools});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: the inputs hold 3 NodePools; name one with --nodepool\n");
}

TEST(CatalogCliTest, NodePoolWithoutFilesIsInvalidInput) {
  RunResult r = run_nodewright({"catalog", "--nodepool", "x"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.err, "error: --nodepool needs the files that define it (-f)\n");
}

TEST(CatalogCliTest, InvalidInputFilesAreReportedLikeValidate) {
  RunResult r = run_nodewright({"catalog", "-f", "-"},
                               "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: "
                               "x}\nspec:\n  weight: 0\n");
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err),
              ElementsAre(::testing::StartsWith("error: -:"), "1 error; nothing was loaded"));
}

TEST(CatalogCliTest, AnUnknownOutputFormatIsAUsageError) {
  RunResult r = run_nodewright({"catalog", "-o", "yaml"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("yaml"));
}

}  // namespace
}  // namespace nw::cli::testing
