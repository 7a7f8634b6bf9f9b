// Decoding valid inputs: stream shapes (multi-document, List, JSON, stdin, directories), each kind
// with the API server's defaults and the older Karpenter APIs converted to the v1 model, pod
// effective requests, and the warnings that do not stop a load.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "input/load_helpers.h"
#include "input/loader.h"
#include "input/sources.h"
#include "model/pod.h"

namespace nw::input {
namespace {

using model::ConsolidationPolicy;
using model::Duration;
using model::Operator;
using testing::describe;
using testing::load_errors;
using testing::load_ok;

constexpr int64_t kMi = int64_t{1} << 20;
constexpr int64_t kGi = int64_t{1} << 30;

std::vector<std::string> pool_names(const Inventory& inventory) {
  std::vector<std::string> names;
  for (const model::NodePool& pool : inventory.node_pools) names.push_back(pool.meta.name);
  return names;
}

std::string v1_pool(const std::string& name) {
  return "apiVersion: karpenter.sh/v1\n"
         "kind: NodePool\n"
         "metadata:\n"
         "  name: " +
         name +
         "\n"
         "spec:\n"
         "  template:\n"
         "    spec:\n"
         "      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}\n";
}

// ---- stream shapes ---------------------------------------------------------------------------

TEST(DecodeStreamTest, ReadsEveryDocumentOfAMultiDocumentStreamAndSkipsEmptyOnes) {
  Inventory inv = load_ok(v1_pool("a") + "---\n---\n# only a comment\n---\n" + v1_pool("b") +
                          "---\n"
                          "apiVersion: v1\n"
                          "kind: Pod\n"
                          "metadata: {name: p, namespace: spark}\n"
                          "spec:\n"
                          "  containers: [{name: c}]\n");
  EXPECT_EQ(pool_names(inv), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(inv.pods.size(), 1u);
  EXPECT_EQ(inv.pods[0].meta.qualified_name(), "spark/p");
  EXPECT_EQ(inv.objects_by_kind, (std::map<std::string, int>{{"NodePool", 2}, {"Pod", 1}}));
  EXPECT_TRUE(inv.warnings.empty()) << describe(inv.warnings);
}

TEST(DecodeStreamTest, UnpacksKindListCountingItemsByTheirOwnKind) {
  Inventory inv = load_ok(R"(apiVersion: v1
kind: List
items:
  - apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: first}
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
  - apiVersion: v1
    kind: Pod
    metadata: {name: driver}
    spec:
      containers: [{name: spark-kubernetes-driver}]
  - apiVersion: karpenter.k8s.aws/v1
    kind: EC2NodeClass
    metadata: {name: default}
    spec: {}
)");
  EXPECT_EQ(pool_names(inv), (std::vector<std::string>{"first"}));
  ASSERT_EQ(inv.pods.size(), 1u);
  EXPECT_EQ(inv.pods[0].meta.qualified_name(), "default/driver");
  ASSERT_EQ(inv.node_classes.size(), 1u);
  EXPECT_EQ(inv.objects_by_kind,
            (std::map<std::string, int>{{"EC2NodeClass", 1}, {"NodePool", 1}, {"Pod", 1}}));
}

TEST(DecodeStreamTest, ReadsJsonIncludingAJsonList) {
  Inventory inv = load_ok(R"({
  "apiVersion": "v1",
  "kind": "List",
  "items": [
    {
      "apiVersion": "karpenter.sh/v1",
      "kind": "NodePool",
      "metadata": {"name": "json-pool"},
      "spec": {
        "template": {
          "spec": {
            "nodeClassRef": {"group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "x"},
            "requirements": [
              {"key": "karpenter.k8s.aws/instance-cpu", "operator": "Gt", "values": ["4"]}
            ]
          }
        },
        "limits": {"cpu": 100, "memory": "400Gi"},
        "weight": 7
      }
    }
  ]
})",
                          "pools.json");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.meta.name, "json-pool");
  EXPECT_EQ(pool.weight, 7);
  EXPECT_EQ(pool.limits.cpu_milli(), 100'000);
  EXPECT_EQ(pool.limits.memory_bytes(), 400 * kGi);
  const model::Requirement* cpu = pool.requirements.get("karpenter.k8s.aws/instance-cpu");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->greater_or_equal(), 5);
  EXPECT_FALSE(cpu->has("4"));
  EXPECT_TRUE(cpu->has("5"));
}

TEST(DecodeStreamTest, ReadsStandardInputForDashAndNamesItDash) {
  std::istringstream in(v1_pool("from-stdin") +
                        "  bogus: 1\n");  // an unknown field, to see the location's file name
  LoadResult result = load_paths({"-"}, in);
  ASSERT_TRUE(std::holds_alternative<Inventory>(result))
      << describe(std::get<std::vector<Diagnostic>>(result));
  const Inventory& inv = std::get<Inventory>(result);
  EXPECT_EQ(pool_names(inv), (std::vector<std::string>{"from-stdin"}));
  ASSERT_EQ(inv.warnings.size(), 1u);
  EXPECT_EQ(inv.warnings[0].where.file, "-");
  EXPECT_EQ(inv.warnings[0].where.line, 9);
  EXPECT_EQ(inv.warnings[0].field, "spec.bogus");
}

class DecodeDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("nodewright-decode-") + info->name() + "-" +
            std::to_string(static_cast<long>(::getpid())));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "b-sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& relative, const std::string& text) {
    std::ofstream(dir_ / relative) << text;
  }

  std::filesystem::path dir_;
};

TEST_F(DecodeDirectoryTest, ReadsManifestsRecursivelyInSortedPathOrder) {
  // Written in an order unlike the sorted one, with a file that is not a manifest.
  write("c.yml", v1_pool("c"));
  write("b-sub/inner.yaml", v1_pool("b-inner"));
  write("a.json",
        R"({"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "a"},
            "spec": {"template": {"spec": {"nodeClassRef":
              {"group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "d"}}}}})");
  write("README.md", "not: [a manifest");
  write("b.yaml", v1_pool("b"));

  std::istringstream no_stdin;
  auto sources = read_sources({dir_.string()}, no_stdin);
  ASSERT_TRUE(std::holds_alternative<std::vector<Source>>(sources));
  std::vector<std::string> names;
  for (const Source& s : std::get<std::vector<Source>>(sources)) {
    names.push_back(std::filesystem::path(s.name).lexically_relative(dir_).string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "b-sub/inner.yaml", "b.yaml", "c.yml"}));

  LoadResult result = load_paths({dir_.string()}, no_stdin);
  ASSERT_TRUE(std::holds_alternative<Inventory>(result));
  EXPECT_EQ(pool_names(std::get<Inventory>(result)),
            (std::vector<std::string>{"a", "b-inner", "b", "c"}));
}

TEST_F(DecodeDirectoryTest, AMissingPathIsAnError) {
  std::istringstream no_stdin;
  LoadResult result = load_paths({(dir_ / "nope.yaml").string()}, no_stdin);
  ASSERT_TRUE(std::holds_alternative<std::vector<Diagnostic>>(result));
  const auto& errors = std::get<std::vector<Diagnostic>>(result);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.file, (dir_ / "nope.yaml").string());
  EXPECT_EQ(errors[0].message, "no such file or directory");
}

// ---- NodePool v1 -----------------------------------------------------------------------------

TEST(DecodeNodePoolV1Test, AppliesTheApiDefaults) {
  Inventory inv = load_ok(v1_pool("defaults"));
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.source, model::NodePool::Source::V1);
  EXPECT_EQ(pool.expire_after, Duration::seconds(720 * 3600));
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmptyOrUnderutilized);
  EXPECT_EQ(pool.consolidate_after, Duration{});
  ASSERT_EQ(pool.budgets.size(), 1u);
  EXPECT_EQ(pool.budgets[0], (model::DisruptionBudget{10, true, "", std::nullopt, {}}));
  EXPECT_EQ(pool.weight, 0);
  EXPECT_FALSE(pool.has_limits);
  EXPECT_TRUE(pool.limits.empty());
  EXPECT_FALSE(pool.termination_grace_period.has_value());
  EXPECT_FALSE(pool.kubelet.has_value());
  EXPECT_EQ(pool.node_class_ref,
            (model::NodeClassRef{"karpenter.k8s.aws", "EC2NodeClass", "default"}));
  EXPECT_TRUE(pool.requirements.empty());
}

TEST(DecodeNodePoolV1Test, ReadsEveryField) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: full
  labels: {team: data}
spec:
  template:
    metadata:
      labels: {workload: spark}
      annotations: {note: hello}
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: nvme}
      requirements:
        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: [c5d, m5d, r5d]
          minValues: 2
        - key: failure-domain.beta.kubernetes.io/zone
          operator: In
          values: [us-east-1a]
      taints: [{key: spark, value: "true", effect: NoSchedule}]
      startupTaints: [{key: agent-not-ready, effect: NoExecute}]
      expireAfter: Never
      terminationGracePeriod: 1h30m
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: Never
    budgets:
      - nodes: "3"
        reasons: [Empty, Drifted]
      - nodes: "0%"
        schedule: "@daily"
        duration: 10m
  limits: {cpu: "1.5k", memory: 1Ti, nvidia.com/gpu: 8}
  weight: 100
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.meta.labels, (model::Labels{{"team", "data"}}));
  EXPECT_EQ(pool.template_labels, (model::Labels{{"workload", "spark"}}));
  EXPECT_EQ(pool.template_annotations, (model::Labels{{"note", "hello"}}));
  const model::Requirement* family = pool.requirements.get("karpenter.k8s.aws/instance-family");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->values(), (std::vector<std::string>{"c5d", "m5d", "r5d"}));
  EXPECT_EQ(family->min_values(), 2);
  // The deprecated zone label is stored under its current name.
  ASSERT_NE(pool.requirements.get("topology.kubernetes.io/zone"), nullptr);
  EXPECT_EQ(pool.requirements.items().size(), 2u);
  ASSERT_EQ(pool.taints.size(), 1u);
  EXPECT_EQ(pool.taints[0].to_string(), "spark=true:NoSchedule");
  ASSERT_EQ(pool.startup_taints.size(), 1u);
  EXPECT_EQ(pool.startup_taints[0].to_string(), "agent-not-ready:NoExecute");
  EXPECT_EQ(pool.expire_after, std::nullopt);
  EXPECT_EQ(pool.termination_grace_period, Duration::seconds(5400));
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmpty);
  EXPECT_EQ(pool.consolidate_after, std::nullopt);
  ASSERT_EQ(pool.budgets.size(), 2u);
  EXPECT_EQ(pool.budgets[0], (model::DisruptionBudget{3,
                                                      false,
                                                      "",
                                                      std::nullopt,
                                                      {model::DisruptionReason::Empty,
                                                       model::DisruptionReason::Drifted}}));
  EXPECT_EQ(pool.budgets[1],
            (model::DisruptionBudget{0, true, "@daily", Duration::seconds(600), {}}));
  EXPECT_TRUE(pool.has_limits);
  EXPECT_EQ(pool.limits.cpu_milli(), 1'500'000);
  EXPECT_EQ(pool.limits.memory_bytes(), 1024 * kGi);
  EXPECT_EQ(pool.limits.get("nvidia.com/gpu"), 8);
  EXPECT_EQ(pool.weight, 100);
}

TEST(DecodeNodePoolV1Test, WarnsAboutAnUnknownSpecFieldAndStillLoads) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: typo
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
  disruption:
    consolidationPolicy: WhenEmpty
  wieght: 10
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  EXPECT_EQ(inv.node_pools[0].weight, 0);  // the misspelt field is ignored, not guessed
  ASSERT_EQ(inv.warnings.size(), 1u) << describe(inv.warnings);
  const Diagnostic& w = inv.warnings[0];
  EXPECT_EQ(w.where.file, "input.yaml");
  EXPECT_EQ(w.where.line, 11);
  EXPECT_EQ(w.where.column, 11);
  EXPECT_EQ(w.object, "NodePool \"typo\"");
  EXPECT_EQ(w.field, "spec.wieght");
  EXPECT_EQ(w.message, "unknown field \"wieght\" is ignored");
}

TEST(DecodeNodePoolV1Test, WarnsAboutAnUnknownRequirementField) {
  Inventory inv = load_ok(v1_pool("x") + R"(      requirements:
        - key: kubernetes.io/arch
          operator: In
          values: [arm64]
          minvalues: 1
)");
  ASSERT_EQ(inv.warnings.size(), 1u) << describe(inv.warnings);
  EXPECT_EQ(inv.warnings[0].field, "spec.template.spec.requirements[0].minvalues");
  EXPECT_EQ(inv.warnings[0].where.line, 13);
}

// ---- NodePool v1beta1 ------------------------------------------------------------------------

TEST(DecodeNodePoolV1Beta1Test, ConvertsToTheV1ModelWithV1Beta1Defaults) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: old}
spec:
  template:
    spec:
      nodeClassRef: {name: default}
      kubelet:
        maxPods: 110
        kubeReserved: {cpu: 200m}
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.source, model::NodePool::Source::V1Beta1);
  // WhenUnderutilized (the v1beta1 default) is v1's WhenEmptyOrUnderutilized.
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmptyOrUnderutilized);
  EXPECT_EQ(pool.consolidate_after, Duration{});
  EXPECT_EQ(pool.expire_after, Duration::seconds(720 * 3600));
  EXPECT_EQ(pool.node_class_ref,
            (model::NodeClassRef{"karpenter.k8s.aws", "EC2NodeClass", "default"}));
  ASSERT_TRUE(pool.kubelet.has_value());
  EXPECT_EQ(pool.kubelet->max_pods, 110);
  EXPECT_EQ(pool.kubelet->kube_reserved,
            (std::vector<std::pair<std::string, int64_t>>{{"cpu", 200}}));
}

TEST(DecodeNodePoolV1Beta1Test, ReadsExpireAfterFromTheDisruptionBlockAndWhenEmpty) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: old}
spec:
  template:
    spec:
      nodeClassRef: {name: default}
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 45s
    expireAfter: 24h
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmpty);
  EXPECT_EQ(pool.consolidate_after, Duration::seconds(45));
  EXPECT_EQ(pool.expire_after, Duration::seconds(24 * 3600));
}

// ---- Provisioner v1alpha5 --------------------------------------------------------------------

TEST(DecodeProvisionerTest, ConvertsEveryFieldWithTheV1Mapping) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: {name: default}
spec:
  labels: {workload: spark}
  annotations: {owner: data}
  taints: [{key: dedicated, value: spark, effect: NoSchedule}]
  requirements:
    - key: karpenter.k8s.aws/instance-family
      operator: In
      values: [c5, m5]
  limits:
    resources:
      cpu: 2000
      memory: 8000Gi
  ttlSecondsAfterEmpty: 30
  ttlSecondsUntilExpired: 604800
  weight: 10
  kubeletConfiguration:
    maxPods: 50
    systemReserved: {memory: 100Mi}
    evictionHard: {memory.available: 5%}
  providerRef:
    name: default
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.source, model::NodePool::Source::V1Alpha5Provisioner);
  EXPECT_EQ(pool.meta.name, "default");
  EXPECT_EQ(pool.template_labels, (model::Labels{{"workload", "spark"}}));
  EXPECT_EQ(pool.template_annotations, (model::Labels{{"owner", "data"}}));
  ASSERT_EQ(pool.taints.size(), 1u);
  EXPECT_EQ(pool.taints[0].to_string(), "dedicated=spark:NoSchedule");
  ASSERT_NE(pool.requirements.get("karpenter.k8s.aws/instance-family"), nullptr);
  EXPECT_TRUE(pool.has_limits);
  EXPECT_EQ(pool.limits.cpu_milli(), 2'000'000);
  EXPECT_EQ(pool.limits.memory_bytes(), 8000 * kGi);
  // ttlSecondsAfterEmpty → WhenEmpty + consolidateAfter; ttlSecondsUntilExpired → expireAfter.
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmpty);
  EXPECT_EQ(pool.consolidate_after, Duration::seconds(30));
  EXPECT_EQ(pool.expire_after, Duration::seconds(604800));
  EXPECT_EQ(pool.weight, 10);
  ASSERT_TRUE(pool.kubelet.has_value());
  EXPECT_EQ(pool.kubelet->max_pods, 50);
  EXPECT_EQ(pool.kubelet->system_reserved,
            (std::vector<std::pair<std::string, int64_t>>{{"memory", 100 * kMi}}));
  ASSERT_EQ(pool.kubelet->eviction_hard.size(), 1u);
  EXPECT_EQ(pool.kubelet->eviction_hard[0],
            (model::EvictionThreshold{"memory.available", std::nullopt, 5}));
  // providerRef → nodeClassRef to an AWSNodeTemplate.
  EXPECT_EQ(pool.node_class_ref,
            (model::NodeClassRef{"karpenter.k8s.aws", "AWSNodeTemplate", "default"}));
  // Provisioners had no disruption budgets: all of the NodePool's nodes, not v1's default 10 %.
  EXPECT_EQ(pool.budgets,
            (std::vector<model::DisruptionBudget>{{100, true, "", std::nullopt, {}}}));
}

TEST(DecodeProvisionerTest, ConsolidationEnabledBecomesWhenEmptyOrUnderutilizedAfterZero) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: {name: consolidating}
spec:
  consolidation: {enabled: true}
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmptyOrUnderutilized);
  EXPECT_EQ(pool.consolidate_after, Duration{});
}

TEST(DecodeProvisionerTest, WithNeitherTtlNorConsolidationNodesAreNeverRemovedNorExpired) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: {name: plain}
spec: {}
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  const model::NodePool& pool = inv.node_pools[0];
  EXPECT_EQ(pool.consolidation_policy, ConsolidationPolicy::WhenEmpty);
  EXPECT_EQ(pool.consolidate_after, std::nullopt);
  EXPECT_EQ(pool.expire_after, std::nullopt);
  EXPECT_FALSE(pool.has_limits);
  EXPECT_EQ(pool.node_class_ref.name, "");
}

TEST(DecodeProvisionerTest, AnInlineProviderIsAcceptedWithAWarning) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: {name: inline}
spec:
  provider:
    subnetSelector: {karpenter.sh/discovery: c}
)");
  ASSERT_EQ(inv.node_pools.size(), 1u);
  ASSERT_EQ(inv.warnings.size(), 1u);
  EXPECT_EQ(inv.warnings[0].field, "spec.provider");
  EXPECT_NE(inv.warnings[0].message.find("deprecated"), std::string::npos);
}

// ---- node classes and capacity settings ------------------------------------------------------

TEST(DecodeNodeClassTest, Ec2NodeClassKubeletAndRootVolume) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: nvme}
spec:
  amiSelectorTerms: [{alias: al2023@latest}]
  role: NodeRole
  blockDeviceMappings:
    - deviceName: /dev/xvdb
      ebs: {volumeSize: 500Gi}
    - deviceName: /dev/xvda
      rootVolume: true
      ebs: {volumeSize: 100Gi, volumeType: gp3}
  kubelet:
    maxPods: 58
    podsPerCore: 4
    kubeReserved: {cpu: 100m, memory: 1Gi, ephemeral-storage: 2Gi}
    systemReserved: {pid: "1000"}
    evictionHard:
      memory.available: 500Mi
      nodefs.available: 15%
      nodefs.inodesFree: "5000"
)");
  ASSERT_EQ(inv.node_classes.size(), 1u);
  const model::NodeClass& nc = inv.node_classes[0];
  EXPECT_EQ(nc.kind, "EC2NodeClass");
  EXPECT_EQ(nc.meta.name, "nvme");
  EXPECT_EQ(nc.capacity.root_volume_bytes, 100 * kGi);
  const model::KubeletConfiguration& k = nc.capacity.kubelet;
  EXPECT_EQ(k.max_pods, 58);
  EXPECT_EQ(k.pods_per_core, 4);
  EXPECT_EQ(k.kube_reserved, (std::vector<std::pair<std::string, int64_t>>{
                                 {"cpu", 100}, {"ephemeral-storage", 2 * kGi}, {"memory", kGi}}));
  EXPECT_EQ(k.system_reserved, (std::vector<std::pair<std::string, int64_t>>{{"pid", 1000}}));
  EXPECT_EQ(k.eviction_hard,
            (std::vector<model::EvictionThreshold>{{"memory.available", 500 * kMi, std::nullopt},
                                                   {"nodefs.available", std::nullopt, 15},
                                                   {"nodefs.inodesFree", 5000, std::nullopt}}));
}

TEST(DecodeNodeClassTest, RootVolumeDefaultsToXvdaAndIsAbsentWithoutOne) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.k8s.aws/v1alpha1
kind: AWSNodeTemplate
metadata: {name: legacy}
spec:
  blockDeviceMappings:
    - deviceName: /dev/xvda
      ebs: {volumeSize: 50Gi}
---
apiVersion: karpenter.k8s.aws/v1beta1
kind: EC2NodeClass
metadata: {name: plain}
spec: {amiFamily: AL2023}
)");
  ASSERT_EQ(inv.node_classes.size(), 2u);
  EXPECT_EQ(inv.node_classes[0].kind, "AWSNodeTemplate");
  EXPECT_EQ(inv.node_classes[0].capacity.root_volume_bytes, 50 * kGi);
  EXPECT_EQ(inv.node_classes[1].kind, "EC2NodeClass");
  EXPECT_EQ(inv.node_classes[1].capacity.root_volume_bytes, std::nullopt);
  EXPECT_EQ(inv.node_classes[1].capacity.kubelet, model::KubeletConfiguration{});
}

TEST(DecodeNodeClassTest, CapacitySettingsPreferThePoolsOwnKubelet) {
  Inventory inv = load_ok(R"(apiVersion: karpenter.k8s.aws/v1beta1
kind: EC2NodeClass
metadata: {name: default}
spec:
  blockDeviceMappings: [{deviceName: /dev/xvda, ebs: {volumeSize: 40Gi}}]
  kubelet: {maxPods: 20}
---
apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: with-kubelet}
spec:
  template:
    spec:
      nodeClassRef: {name: default}
      kubelet: {maxPods: 30}
---
apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: without-kubelet}
spec:
  template:
    spec:
      nodeClassRef: {name: default}
---
apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: dangling}
spec:
  template:
    spec:
      nodeClassRef: {name: missing}
)");
  ASSERT_EQ(inv.node_pools.size(), 3u);
  model::CapacitySettings with = inv.capacity_settings(inv.node_pools[0]);
  EXPECT_EQ(with.kubelet.max_pods, 30);
  EXPECT_EQ(with.root_volume_bytes, 40 * kGi);
  model::CapacitySettings without = inv.capacity_settings(inv.node_pools[1]);
  EXPECT_EQ(without.kubelet.max_pods, 20);
  EXPECT_EQ(inv.capacity_settings(inv.node_pools[2]), model::CapacitySettings{});
}

// ---- pods and effective requests -------------------------------------------------------------

model::Pod load_pod(const std::string& spec) {
  Inventory inv = load_ok("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + spec);
  if (inv.pods.size() != 1) {
    ADD_FAILURE() << "expected one pod";
    return {};
  }
  return inv.pods[0];
}

TEST(DecodePodTest, EffectiveRequestsSumTheContainers) {
  model::Pod pod = load_pod(R"(  containers:
    - name: a
      resources: {requests: {cpu: 500m, memory: 1Gi}}
    - name: b
      resources: {requests: {cpu: "1", memory: 512Mi, nvidia.com/gpu: 1}}
)");
  model::Resources r = model::effective_requests(pod.spec);
  EXPECT_EQ(r.cpu_milli(), 1500);
  EXPECT_EQ(r.memory_bytes(), 1536 * kMi);
  EXPECT_EQ(r.get("nvidia.com/gpu"), 1);
  EXPECT_EQ(r.pods(), 1);
}

TEST(DecodePodTest, AnInitContainerCountsOnlyWhereItsPeakExceedsTheContainers) {
  model::Pod pod = load_pod(R"(  initContainers:
    - name: fetch
      resources: {requests: {cpu: "2", memory: 256Mi}}
  containers:
    - name: main
      resources: {requests: {cpu: 500m, memory: 1Gi}}
)");
  model::Resources r = model::effective_requests(pod.spec);
  EXPECT_EQ(r.cpu_milli(), 2000);           // the init container's peak
  EXPECT_EQ(r.memory_bytes(), 1024 * kMi);  // the main container's
}

TEST(DecodePodTest, RestartableSidecarsAddToTheContainers) {
  model::Pod pod = load_pod(R"(  initContainers:
    - name: log-shipper
      restartPolicy: Always
      resources: {requests: {cpu: 100m, memory: 200Mi}}
    - name: setup
      resources: {requests: {cpu: 1500m, memory: 64Mi}}
  containers:
    - name: main
      resources: {requests: {cpu: "1", memory: 1Gi}}
)");
  ASSERT_EQ(pod.spec.init_containers.size(), 2u);
  EXPECT_TRUE(pod.spec.init_containers[0].restartable);
  EXPECT_FALSE(pod.spec.init_containers[1].restartable);
  model::Resources r = model::effective_requests(pod.spec);
  // cpu: max(main 1000 + sidecar 100, setup 1500 beside the sidecar 100) = 1600.
  EXPECT_EQ(r.cpu_milli(), 1600);
  // memory: max(1024 + 200, 64 + 200) Mi.
  EXPECT_EQ(r.memory_bytes(), 1224 * kMi);
}

TEST(DecodePodTest, OverheadIsAddedAndALimitWithoutRequestBecomesTheRequest) {
  model::Pod pod = load_pod(R"(  overhead: {cpu: 250m, memory: 120Mi}
  containers:
    - name: main
      resources:
        requests: {cpu: "1"}
        limits: {cpu: "2", memory: 3Gi}
)");
  ASSERT_EQ(pod.spec.containers.size(), 1u);
  EXPECT_EQ(pod.spec.containers[0].requests.cpu_milli(), 1000);        // given
  EXPECT_EQ(pod.spec.containers[0].requests.memory_bytes(), 3 * kGi);  // defaulted from the limit
  model::Resources r = model::effective_requests(pod.spec);
  EXPECT_EQ(r.cpu_milli(), 1250);
  EXPECT_EQ(r.memory_bytes(), 3 * kGi + 120 * kMi);
}

TEST(DecodePodTest, ReadsSchedulingConstraints) {
  model::Pod pod = load_pod(R"(  nodeSelector: {karpenter.sh/capacity-type: spot}
  priority: -5
  schedulerName: yunikorn
  tolerations:
    - {key: spark, operator: Exists, effect: NoSchedule}
    - {operator: Exists}
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a]}
  topologySpreadConstraints:
    - maxSkew: 2
      topologyKey: topology.kubernetes.io/zone
      whenUnsatisfiable: ScheduleAnyway
      labelSelector: {matchLabels: {spark-role: executor}}
  containers: [{name: c}]
)");
  EXPECT_EQ(pod.spec.node_selector, (model::Labels{{"karpenter.sh/capacity-type", "spot"}}));
  EXPECT_EQ(pod.spec.priority, -5);
  EXPECT_EQ(pod.spec.scheduler_name, "yunikorn");
  ASSERT_EQ(pod.spec.tolerations.size(), 2u);
  EXPECT_EQ(pod.spec.tolerations[0].op, model::TolerationOperator::Exists);
  EXPECT_EQ(pod.spec.tolerations[1].key, "");
  model::Requirements reqs = model::node_requirements(pod.spec);
  ASSERT_NE(reqs.get("topology.kubernetes.io/zone"), nullptr);
  ASSERT_NE(reqs.get("karpenter.sh/capacity-type"), nullptr);
  ASSERT_EQ(pod.spec.topology_spread.size(), 1u);
  EXPECT_EQ(pod.spec.topology_spread[0].max_skew, 2);
  EXPECT_EQ(pod.spec.topology_spread[0].when_unsatisfiable,
            model::TopologySpreadConstraint::WhenUnsatisfiable::ScheduleAnyway);
  EXPECT_EQ(pod.phase, "Pending");
}

TEST(DecodePodTest, SameNameInTwoNamespacesIsNotADuplicate) {
  Inventory inv = load_ok(R"(apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: b}
spec: {containers: [{name: c}]}
)");
  EXPECT_EQ(inv.pods.size(), 2u);
}

TEST(DecodeWorkloadTest, ReadsNodesAndDaemonSets) {
  Inventory inv = load_ok(R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-0-1
  labels: {node.kubernetes.io/instance-type: c5d.large}
spec:
  taints: [{key: spark, value: "true", effect: NoSchedule}]
  providerID: aws:///us-east-1a/i-0123
status:
  capacity: {cpu: "2", memory: 3788Mi, pods: "29"}
  conditions: [{type: Ready, status: "True"}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluent-bit, namespace: logging}
spec:
  template:
    metadata: {labels: {app: fluent-bit}}
    spec:
      containers: [{name: fb, resources: {requests: {cpu: 50m, memory: 64Mi}}}]
)");
  ASSERT_EQ(inv.nodes.size(), 1u);
  const model::Node& node = inv.nodes[0];
  EXPECT_TRUE(node.ready());
  EXPECT_EQ(node.capacity.cpu_milli(), 2000);
  EXPECT_EQ(node.allocatable, node.capacity);  // defaulted
  EXPECT_EQ(node.provider_id, "aws:///us-east-1a/i-0123");
  ASSERT_EQ(inv.daemon_sets.size(), 1u);
  EXPECT_EQ(inv.daemon_sets[0].meta.qualified_name(), "logging/fluent-bit");
  EXPECT_EQ(inv.daemon_sets[0].template_meta.labels, (model::Labels{{"app", "fluent-bit"}}));
  EXPECT_EQ(model::effective_requests(inv.daemon_sets[0].template_spec).cpu_milli(), 50);
}

// ---- warnings that do not stop a load --------------------------------------------------------

TEST(DecodeWarningTest, AnUnknownKindIsCountedAndWarnedAboutNotAnError) {
  Inventory inv = load_ok(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: spark-defaults}
data: {a: b}
---
apiVersion: sparkoperator.k8s.io/v1beta2
kind: ScheduledSparkApplication
metadata: {name: pi}
)");
  EXPECT_EQ(inv.objects_by_kind,
            (std::map<std::string, int>{{"ConfigMap", 1}, {"ScheduledSparkApplication", 1}}));
  ASSERT_EQ(inv.warnings.size(), 2u);
  EXPECT_EQ(inv.warnings[0].where.line, 2);
  EXPECT_EQ(inv.warnings[0].where.column, 7);
  EXPECT_EQ(inv.warnings[0].field, "kind");
  EXPECT_EQ(inv.warnings[0].message, "unknown kind \"ConfigMap\" (v1) is ignored");
  EXPECT_EQ(inv.warnings[1].where.line, 7);
  EXPECT_EQ(inv.warnings[1].message,
            "unknown kind \"ScheduledSparkApplication\" (sparkoperator.k8s.io/v1beta2) is "
            "ignored");
}

TEST(DecodeWarningTest, WarningsDoNotSurviveAFailedLoad) {
  std::vector<Diagnostic> errors = load_errors(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
      "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].object, "Pod \"default/b\"");
}

}  // namespace
}  // namespace nw::input
