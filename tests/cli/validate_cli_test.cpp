// `nodewright validate`, run as a user runs it: exit status, what goes to stdout and to stderr.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"

namespace nw::cli::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr int kOk = 0;
constexpr int kInvalidInput = 2;

TEST(ValidateCliTest, AcceptsEveryExampleAndListsTheKinds) {
  RunResult r = run_nodewright({"validate", "-f", "examples"});
  EXPECT_EQ(r.exit_code, kOk) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("error")));
  std::vector<std::string> out = lines(r.out);
  ASSERT_FALSE(out.empty());
  EXPECT_THAT(out[0], ::testing::MatchesRegex("[0-9]+ objects valid"));
  // examples/ grows (simulator scenarios); these kinds come from the Karpenter examples.
  for (const char* kind : {"AWSNodeTemplate", "EC2NodeClass", "NodePool", "Pod", "Provisioner"}) {
    EXPECT_THAT(out, Contains(AllOf(StartsWith("  "), HasSubstr(kind)))) << kind;
  }
}

TEST(ValidateCliTest, EmrOnEksExamplesLoadWithoutAnyWarning) {
  RunResult r = run_nodewright({"validate", "-f", "examples/emr-on-eks"});
  EXPECT_EQ(r.exit_code, kOk);
  EXPECT_EQ(r.err, "");  // every NodePool finds its node class and admits instance types
  EXPECT_EQ(r.out,
            "15 objects valid\n"
            "  AWSNodeTemplate    1\n"
            "  EC2NodeClass       3\n"
            "  NodePool           4\n"
            "  Pod                4\n"
            "  Provisioner        1\n"
            "  Scenario           1\n"
            "  StartJobRun        1\n");
}

TEST(ValidateCliTest, AGeneralNodePoolExampleIsComplete) {
  RunResult r = run_nodewright({"validate", "-f", "examples/nodepool-v1-general.yaml"});
  EXPECT_EQ(r.exit_code, kOk);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "2 objects valid\n  EC2NodeClass       1\n  NodePool           1\n");
}

TEST(ValidateCliTest, ABadFileExitsTwoWithLocatedErrorsOnStderrOnly) {
  TempDir dir;
  std::string path = dir.write("bad.yaml", R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spark
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.k8s.aws/instance-cpu
          operator: Gt
          values: ["4", "8"]
)")
                         .string();
  RunResult r = run_nodewright({"validate", "-f", path});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err),
              ElementsAre("error: " + path +
                              ":12:19: NodePool \"spark\": spec.template.spec.requirements[0]."
                              "values: operator Gt needs exactly one integer value, got 2",
                          "1 error; nothing was loaded"));
}

TEST(ValidateCliTest, ReportsEveryBadObjectAcrossFiles) {
  TempDir dir;
  dir.write("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n");
  dir.write("b.yaml", "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: x}\n");
  RunResult r = run_nodewright({"validate", "-f", "."}, "", dir.path());
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err),
              ElementsAre("error: ./a.yaml:4:20: Pod \"default/p\": spec.containers: a pod needs "
                          "at least one container",
                          "error: ./b.yaml:1:1: NodePool \"x\": spec: required field is missing",
                          "2 errors; nothing was loaded"));
}

TEST(ValidateCliTest, ReadsStandardInputAndPrintsWarnings) {
  RunResult r = run_nodewright({"validate", "-f", "-"}, R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: from-stdin
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: missing}
  weigth: 10
)");
  EXPECT_EQ(r.exit_code, kOk);
  // Both warnings count: the loader's and the cross-object check's.
  EXPECT_EQ(r.out, "1 object valid\n  NodePool           1\n2 warnings\n");
  EXPECT_THAT(lines(r.err),
              ElementsAre("warning: -:9:11: NodePool \"from-stdin\": spec.weigth: unknown field "
                          "\"weigth\" is ignored",
                          "warning: NodePool \"from-stdin\": node class EC2NodeClass \"missing\" "
                          "is not among the inputs; default capacity settings apply"));
}

TEST(ValidateCliTest, WarnsAboutANodePoolThatAdmitsNoInstanceType) {
  RunResult r = run_nodewright({"validate", "-f", "-"}, R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: impossible}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.k8s.aws/instance-family, operator: In, values: [c5d]}
        - {key: kubernetes.io/arch, operator: In, values: [arm64]}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec: {}
)");
  EXPECT_EQ(r.exit_code, kOk);
  EXPECT_EQ(r.err, "warning: NodePool \"impossible\": its requirements admit no instance type\n");
}

TEST(ValidateCliTest, AMissingFileIsInvalidInput) {
  RunResult r = run_nodewright({"validate", "-f", "no/such/file.yaml"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err), ElementsAre("error: no/such/file.yaml: no such file or directory",
                                        "1 error; nothing was loaded"));
}

TEST(ValidateCliTest, WithoutFilesIsAUsageError) {
  RunResult r = run_nodewright({"validate"});
  EXPECT_EQ(r.exit_code, kInvalidInput);
  EXPECT_THAT(r.err, HasSubstr("--filename"));
}

}  // namespace
}  // namespace nw::cli::testing
