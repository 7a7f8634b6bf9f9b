// A corpus of bad inputs. Each case pins the whole diagnostic a user sees: the file, line and
// column, the object, the field path and the essence of the message; and every case checks that
// load() returned errors only (an Inventory is never handed out half-loaded).
//
// Positions are 1-based and were worked out by hand from the texts below: a value's diagnostic
// points at the value, a missing field's at the mapping that should hold it.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "input/load_helpers.h"
#include "input/loader.h"

namespace nw::input {
namespace {

using testing::BadCase;
using testing::describe;
using testing::expect_located_error;
using testing::load_errors;

// Lines 1-8 of every NodePool case; the case's own lines start at line 9.
const std::string kPool = R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: x
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
)";

// A NodePool whose one requirement is lines 10-12 (key, operator, values) plus `extra`.
std::string requirement(const std::string& key, const std::string& op, const std::string& values,
                        const std::string& extra = "") {
  return kPool + "      requirements:\n        - key: " + key + "\n          operator: " + op +
         "\n          values: " + values + "\n" + extra;
}

// Lines 1-5 of every Pod case; line 6 onwards is the rest of the spec.
const std::string kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
)";

// kPool with another name.
std::string pool_named(const std::string& name) {
  std::string text = kPool;
  text.replace(text.find("name: x"), 7, "name: " + name);
  return text;
}

const std::string kPodObject = "Pod \"default/p\"";
const std::string kPoolObject = "NodePool \"x\"";
const std::string kReq0 = "spec.template.spec.requirements[0]";

std::vector<BadCase> cases() {
  return {
      // ---- quantities and limits ----
      {"QuantityWithSpaceAndUnknownSuffix", kPool + "  limits:\n    cpu: 10 gb\n", 10, 10,
       kPoolObject, "spec.limits.cpu", "invalid quantity \"10 gb\": unknown suffix \" gb\""},
      {"QuantityWithTwoDecimalPoints", kPool + "  limits:\n    memory: 1.5.3Gi\n", 10, 13,
       kPoolObject, "spec.limits.memory", "invalid quantity \"1.5.3Gi\": more than one decimal"},
      {"QuantityThatIsNotANumber", kPool + "  limits:\n    cpu: abc\n", 10, 10, kPoolObject,
       "spec.limits.cpu", "\"abc\" does not start with a number"},
      {"QuantityOverflow", kPool + "  limits:\n    memory: 100Ei\n", 10, 13, kPoolObject,
       "spec.limits.memory", "invalid quantity \"100Ei\": value too large"},
      {"NegativeLimit", kPool + "  limits:\n    memory: -1Gi\n", 10, 13, kPoolObject,
       "spec.limits.memory", "must not be negative"},
      {"LimitsNotAMapping", kPool + "  limits: [cpu]\n", 9, 11, kPoolObject, "spec.limits",
       "expected a mapping, got a list"},
      {"FractionalCountableResource", kPool + "  limits:\n    nvidia.com/gpu: 1.5\n", 10, 21,
       kPoolObject, "spec.limits.nvidia.com/gpu", "must be a whole number"},

      // ---- requirements ----
      {"UnknownOperator", requirement("kubernetes.io/arch", "Equals", "[amd64]"), 11, 21,
       kPoolObject, kReq0 + ".operator", "unknown operator \"Equals\""},
      {"GtWithTwoValues", requirement("karpenter.k8s.aws/instance-cpu", "Gt", "[\"4\", \"8\"]"), 12,
       19, kPoolObject, kReq0 + ".values", "operator Gt needs exactly one integer value, got 2"},
      {"GtWithNonInteger", requirement("karpenter.k8s.aws/instance-cpu", "Gt", "[four]"), 12, 20,
       kPoolObject, kReq0 + ".values[0]", "operator Gt needs a non-negative integer, got \"four\""},
      {"LtWithNegative", requirement("karpenter.k8s.aws/instance-cpu", "Lt", "[\"-1\"]"), 12, 20,
       kPoolObject, kReq0 + ".values[0]", "needs a non-negative integer, got \"-1\""},
      {"InWithNoValues", requirement("kubernetes.io/arch", "In", "[]"), 12, 19, kPoolObject,
       kReq0 + ".values", "operator In needs at least one value"},
      {"InWithValuesMissing",
       kPool + "      requirements:\n        - key: kubernetes.io/arch\n          operator: In\n",
       10, 11, kPoolObject, kReq0 + ".values", "operator In needs at least one value"},
      {"ExistsWithValues", requirement("kubernetes.io/arch", "Exists", "[amd64]"), 12, 19,
       kPoolObject, kReq0 + ".values", "operator Exists takes no values"},
      {"MinValuesAboveValueCount",
       requirement("karpenter.k8s.aws/instance-family", "In", "[c5d, m5d]",
                   "          minValues: 3\n"),
       13, 22, kPoolObject, kReq0 + ".minValues",
       "minValues 3 is more than the 2 value(s) the requirement allows"},
      {"MinValuesBelowRange",
       kPool + "      requirements:\n        - key: karpenter.k8s.aws/instance-family\n"
               "          operator: Exists\n          minValues: 0\n",
       12, 22, kPoolObject, kReq0 + ".minValues", "must be between 1 and 50, got 0"},
      {"MinValuesAboveRange",
       kPool + "      requirements:\n        - key: karpenter.k8s.aws/instance-family\n"
               "          operator: Exists\n          minValues: 51\n",
       12, 22, kPoolObject, kReq0 + ".minValues", "must be between 1 and 50, got 51"},
      {"RestrictedKeyHostname", requirement("kubernetes.io/hostname", "In", "[node-1]"), 10, 16,
       kPoolObject, kReq0 + ".key", "label \"kubernetes.io/hostname\" is restricted"},
      {"RestrictedKeyNodePool", requirement("karpenter.sh/nodepool", "In", "[other]"), 10, 16,
       kPoolObject, kReq0 + ".key", "label \"karpenter.sh/nodepool\" is restricted"},
      {"InvalidRequirementValue", requirement("workload", "In", "[\"spark compute\"]"), 12, 20,
       kPoolObject, kReq0 + ".values[0]", "invalid label value \"spark compute\""},
      {"InvalidRequirementKey", requirement("bad key", "Exists", "[]"), 10, 16, kPoolObject,
       kReq0 + ".key", "invalid label key \"bad key\""},

      // ---- weight, taints, labels, node class ----
      {"NegativeWeight", kPool + "  weight: -1\n", 9, 11, kPoolObject, "spec.weight",
       "must be between 1 and 100, got -1"},
      {"WeightAboveHundred", kPool + "  weight: 101\n", 9, 11, kPoolObject, "spec.weight",
       "must be between 1 and 100, got 101"},
      {"IntegerGivenAsQuotedString", kPool + "  weight: \"10\"\n", 9, 11, kPoolObject,
       "spec.weight", "expected an integer, got the string \"10\" (write it without quotes)"},
      {"IntegerGivenAsWord", kPool + "  weight: ten\n", 9, 11, kPoolObject, "spec.weight",
       "expected an integer, got \"ten\""},
      {"UnknownTaintEffect",
       kPool + "      taints:\n        - key: spark\n          effect: NoPlease\n", 11, 19,
       kPoolObject, "spec.template.spec.taints[0].effect", "unknown taint effect \"NoPlease\""},
      {"InvalidLabelValue", R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: x
  labels:
    team: data science
spec: {}
)",
       6, 11, kPoolObject, "metadata.labels.team", "invalid label value \"data science\""},
      {"RestrictedTemplateLabel", R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: x
spec:
  template:
    metadata:
      labels: {karpenter.sh/custom: a}
)",
       8, 37, kPoolObject, "spec.template.metadata.labels.karpenter.sh/custom",
       "label \"karpenter.sh/custom\" is restricted"},
      {"MissingNodeClassRef", R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: x
spec:
  template:
    spec:
      requirements: []
)",
       8, 7, kPoolObject, "spec.template.spec.nodeClassRef", "required field is missing"},
      {"EmptyNodeClassRefName",
       R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: x
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: ""}
)",
       8, 74, kPoolObject, "spec.template.spec.nodeClassRef.name", "must not be empty"},
      {"InvalidObjectName",
       "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: Spark\n", 4, 9,
       "NodePool \"Spark\"", "metadata.name", "invalid name \"Spark\""},
      {"DuplicateMappingKey",
       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n"
       "    a: b\n    a: c\nspec:\n  containers: [{name: c}]\n",
       7, 5, kPodObject, "metadata.labels", "duplicate key \"a\""},

      // ---- disruption and durations ----
      {"DurationInWords", kPool + "  disruption:\n    consolidateAfter: 30 seconds\n", 10, 23,
       kPoolObject, "spec.disruption.consolidateAfter", "invalid duration \"30 seconds\""},
      {"NeverWhereOnlyADurationIsAllowed", kPool + "      terminationGracePeriod: Never\n", 9, 31,
       kPoolObject, "spec.template.spec.terminationGracePeriod", "invalid duration \"Never\""},
      {"BudgetAbove100Percent", kPool + "  disruption:\n    budgets:\n      - nodes: \"150%\"\n",
       11, 16, kPoolObject, "spec.disruption.budgets[0].nodes", "invalid budget \"150%\""},
      {"BudgetScheduleWithoutDuration",
       kPool + "  disruption:\n    budgets:\n      - nodes: \"0\"\n        schedule: \"@daily\"\n",
       11, 9, kPoolObject, "spec.disruption.budgets[0].duration",
       "a budget with a schedule needs a duration"},
      {"BudgetDurationWithoutSchedule",
       kPool + "  disruption:\n    budgets:\n      - nodes: \"0\"\n        duration: 1h\n", 11, 9,
       kPoolObject, "spec.disruption.budgets[0].schedule",
       "a budget with a duration needs a schedule"},
      {"BudgetCronWithFourFields",
       kPool + "  disruption:\n    budgets:\n      - nodes: \"0\"\n        schedule: \"0 1 * *\"\n"
               "        duration: 1h\n",
       12, 19, kPoolObject, "spec.disruption.budgets[0].schedule", "invalid schedule \"0 1 * *\""},
      {"BudgetUnknownReason",
       kPool + "  disruption:\n    budgets:\n      - nodes: \"1\"\n        reasons: [Expired]\n",
       12, 19, kPoolObject, "spec.disruption.budgets[0].reasons[0]", "unknown reason \"Expired\""},
      {"UnknownConsolidationPolicy", kPool + "  disruption:\n    consolidationPolicy: WhenIdle\n",
       10, 26, kPoolObject, "spec.disruption.consolidationPolicy", "unknown policy \"WhenIdle\""},
      {"V1Beta1ConsolidateAfterWithWhenUnderutilized", R"(apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: x}
spec:
  template:
    spec:
      nodeClassRef: {name: default}
  disruption:
    consolidateAfter: 30s
)",
       9, 23, kPoolObject, "spec.disruption.consolidateAfter",
       "cannot be combined with consolidationPolicy WhenUnderutilized"},

      // ---- Provisioner ----
      {"TtlAfterEmptyWithConsolidation", R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: p
spec:
  ttlSecondsAfterEmpty: 30
  consolidation:
    enabled: true
)",
       6, 25, "Provisioner \"p\"", "spec.ttlSecondsAfterEmpty",
       "ttlSecondsAfterEmpty and consolidation.enabled are mutually exclusive"},
      {"NegativeTtl", R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: p
spec:
  ttlSecondsUntilExpired: -1
)",
       6, 27, "Provisioner \"p\"", "spec.ttlSecondsUntilExpired", "must be at least 0, got -1"},
      {"BooleanGivenAsQuotedString", R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: p
spec:
  consolidation: {enabled: "true"}
)",
       6, 28, "Provisioner \"p\"", "spec.consolidation.enabled",
       "expected true or false, got the string \"true\""},
      {"ProviderAndProviderRef", R"(apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: p
spec:
  providerRef: {name: default}
  provider: {amiFamily: AL2}
)",
       7, 13, "Provisioner \"p\"", "spec.provider", "mutually exclusive"},

      // ---- objects, kinds and versions ----
      {"NodePoolWithV1Alpha5ApiVersion",
       "apiVersion: karpenter.sh/v1alpha5\nkind: NodePool\nmetadata:\n  name: x\n", 1, 13,
       kPoolObject, "apiVersion",
       "apiVersion \"karpenter.sh/v1alpha5\" is not served for NodePool (expected "
       "karpenter.sh/v1 or karpenter.sh/v1beta1)"},
      {"ProvisionerWithV1ApiVersion",
       "apiVersion: karpenter.sh/v1\nkind: Provisioner\nmetadata:\n  name: p\n", 1, 13,
       "Provisioner \"p\"", "apiVersion",
       "apiVersion \"karpenter.sh/v1\" is not served for Provisioner (expected "
       "karpenter.sh/v1alpha5)"},
      {"DocumentIsAList", "- apiVersion: v1\n- kind: Pod\n", 1, 1, "", "",
       "expected a Kubernetes object (a mapping with apiVersion and kind)"},
      {"DocumentIsAScalar", "---\njust some text\n", 2, 1, "", "", "expected a Kubernetes object"},
      {"MissingKind", "apiVersion: v1\nmetadata:\n  name: x\n", 1, 1, "", "kind",
       "required field is missing"},
      {"MissingApiVersion", "kind: Pod\nmetadata:\n  name: x\n", 1, 1, "", "apiVersion",
       "required field is missing"},
      {"MissingMetadataName",
       "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  labels: {a: b}\nspec: {}\n", 4, 3,
       "NodePool", "metadata.name", "required field is missing"},
      {"MissingMetadata", "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nspec: {}\n", 1, 1,
       "EC2NodeClass", "metadata", "required field is missing"},
      {"BadCreationTimestamp",
       "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: x\n"
       "  creationTimestamp: yesterday\n",
       5, 22, kPoolObject, "metadata.creationTimestamp", "invalid timestamp \"yesterday\""},
      {"CreationTimestampWithoutZone",
       "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: x\n"
       "  creationTimestamp: \"2024-05-01T10:00:00\"\n",
       5, 22, kPoolObject, "metadata.creationTimestamp",
       "invalid timestamp \"2024-05-01T10:00:00\""},

      // ---- syntax ----
      {"TabsForIndentation", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", 4, 1, "", "",
       "a tab character is used for indentation"},
      {"TabAfterSpacesForIndentation",
       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  \t- name: a\n", 7,
       3, "", "", "a tab character is used for indentation"},
      {"UnclosedFlowSequence", kPool + "  weight: [1, 2\n", 9, 1, "", "",
       "expected ',' or ']' in a flow sequence (is a closing ']' missing?)"},
      // yaml-cpp 0.7 alone would swallow the rest of the file into the string.
      {"UnclosedQuoteBeforeMoreFields",
       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"unclosed\n"
       "spec:\n  containers: [{name: a}]\n",
       8, 26, "", "", "the input ends inside a quoted string (is a closing quote missing?)"},
      {"UnclosedSingleQuote", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'p\n\n", 4, 11, "", "",
       "the input ends inside a quoted string"},
      {"JsonMissingComma",
       "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n  \"metadata\": {\"name\": \"x\"}\n}\n",
       4, 3, "", "", "expected ',' or '}' in a flow mapping", "bad.json"},
      {"JsonTrailingGarbage", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}}\n", 1, 36, "", "",
       "invalid YAML/JSON", "bad.json"},

      // ---- pods ----
      {"TolerationExistsWithValue",
       kPod +
           "  containers: [{name: c}]\n  tolerations:\n    - key: spark\n      operator: Exists\n"
           "      value: \"true\"\n",
       10, 14, kPodObject, "spec.tolerations[0].value",
       "a toleration with operator Exists takes no value"},
      {"UnknownTolerationOperator",
       kPod + "  containers: [{name: c}]\n  tolerations:\n    - key: spark\n      operator: Is\n",
       9, 17, kPodObject, "spec.tolerations[0].operator",
       "unknown toleration operator \"Is\" (expected Equal or Exists)"},
      {"TolerationSecondsWithoutNoExecute",
       kPod +
           "  containers: [{name: c}]\n  tolerations:\n    - key: spark\n      effect: NoSchedule\n"
           "      tolerationSeconds: 60\n",
       10, 26, kPodObject, "spec.tolerations[0].tolerationSeconds",
       "only allowed with effect NoExecute"},
      {"RequestAboveLimit",
       kPod + "  containers:\n    - name: c\n      resources:\n        requests: {cpu: \"2\"}\n"
              "        limits: {cpu: \"1\"}\n",
       9, 25, kPodObject, "spec.containers[0].resources.requests.cpu",
       "request 2 is more than the limit 1"},
      {"PodWithoutContainers", kPod + "  containers: []\n", 6, 15, kPodObject, "spec.containers",
       "a pod needs at least one container"},
      {"RestartPolicyOnARegularContainer",
       kPod + "  containers:\n    - name: c\n      restartPolicy: Always\n", 8, 22, kPodObject,
       "spec.containers[0].restartPolicy", "restartPolicy is only allowed on init containers"},
      {"MaxSkewZero",
       kPod + "  containers: [{name: c}]\n  topologySpreadConstraints:\n    - maxSkew: 0\n"
              "      topologyKey: topology.kubernetes.io/zone\n"
              "      whenUnsatisfiable: DoNotSchedule\n",
       8, 16, kPodObject, "spec.topologySpreadConstraints[0].maxSkew", "must be at least 1, got 0"},
      {"UnknownWhenUnsatisfiable",
       kPod +
           "  containers: [{name: c}]\n  topologySpreadConstraints:\n    - maxSkew: 1\n"
           "      topologyKey: topology.kubernetes.io/zone\n      whenUnsatisfiable: Sometimes\n",
       10, 26, kPodObject, "spec.topologySpreadConstraints[0].whenUnsatisfiable",
       "unknown value \"Sometimes\" (expected DoNotSchedule or ScheduleAnyway)"},
      {"GteInPodNodeAffinity",
       kPod + "  containers: [{name: c}]\n  affinity:\n    nodeAffinity:\n"
              "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
              "          - matchExpressions:\n"
              "              - {key: karpenter.k8s.aws/instance-cpu, operator: Gte, values: "
              "[\"4\"]}\n",
       12, 65, kPodObject,
       "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
       "nodeSelectorTerms[0].matchExpressions[0].operator",
       "unknown operator \"Gte\" (expected In, NotIn, Exists, DoesNotExist, Gt, Lt)"},
      {"InvalidNodeSelectorKey",
       kPod + "  containers: [{name: c}]\n  nodeSelector:\n    -zone: a\n", 8, 12, kPodObject,
       "spec.nodeSelector.-zone", "invalid label key \"-zone\""},
      {"HostPortOutOfRange",
       kPod + "  containers:\n    - name: c\n      ports: [{containerPort: 80, hostPort: 70000}]\n",
       8, 45, kPodObject, "spec.containers[0].ports[0].hostPort",
       "must be between 0 and 65535, got 70000"},

      // ---- node classes and kubelet ----
      {"BadEvictionSignal",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  kubelet:\n    evictionHard:\n      memory.free: 100Mi\n",
       8, 20, "EC2NodeClass \"n\"", "spec.kubelet.evictionHard.memory.free",
       "unknown eviction signal \"memory.free\""},
      {"EvictionHardAbove100Percent",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  kubelet:\n    evictionHard:\n      memory.available: 150%\n",
       8, 25, "EC2NodeClass \"n\"", "spec.kubelet.evictionHard.memory.available",
       "invalid percentage \"150%\" (expected 0% to 100%)"},
      {"UnsupportedKubeReservedResource",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  kubelet:\n    kubeReserved: {nvidia.com/gpu: 1}\n",
       7, 36, "EC2NodeClass \"n\"", "spec.kubelet.kubeReserved.nvidia.com/gpu",
       "unsupported resource \"nvidia.com/gpu\""},
      {"NegativeMaxPods",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  kubelet:\n    maxPods: -1\n",
       7, 14, "EC2NodeClass \"n\"", "spec.kubelet.maxPods", "must be at least 0, got -1"},
      {"TwoRootVolumes",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  blockDeviceMappings:\n    - {deviceName: /dev/xvda, rootVolume: true}\n"
       "    - {deviceName: /dev/xvdb, rootVolume: true}\n",
       8, 43, "EC2NodeClass \"n\"", "spec.blockDeviceMappings[1].rootVolume",
       "only one block device mapping can be the root volume"},
      {"ZeroRootVolume",
       "apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: n\nspec:\n"
       "  blockDeviceMappings:\n    - deviceName: /dev/xvda\n      ebs: {volumeSize: 0}\n",
       8, 25, "EC2NodeClass \"n\"", "spec.blockDeviceMappings[0].ebs.volumeSize",
       "volumeSize must be positive"},
  };
}

NW_LOCATED_ERROR_CORPUS(BadInputTest, cases)

TEST(BadInputCorpusTest, CoversAtLeastThirtyKinds) {
  EXPECT_GE(cases().size(), 30u);
}

// ---- whole-input behaviour -------------------------------------------------------------------

TEST(BadInputTest, DuplicateNodePoolNamesPointAtTheSecondAndCiteTheFirst) {
  std::vector<Diagnostic> errors = load_errors(kPool + "---\n" + kPool, "bad.yaml");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where.line, 13);
  EXPECT_EQ(errors[0].where.column, 9);
  EXPECT_EQ(errors[0].object, "NodePool \"x\"");
  EXPECT_EQ(errors[0].field, "metadata.name");
  EXPECT_EQ(errors[0].message, "duplicate name: NodePool \"x\" is already defined at bad.yaml:4");
}

TEST(BadInputTest, AProvisionerMayNotShareANodePoolsName) {
  std::vector<Diagnostic> errors =
      load_errors({{"pool.yaml", kPool},
                   {"prov.yaml",
                    "apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata:\n"
                    "  name: x\nspec: {}\n"}});
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where.file, "prov.yaml");
  EXPECT_EQ(errors[0].where.line, 4);
  EXPECT_EQ(errors[0].where.column, 9);
  EXPECT_EQ(errors[0].object, "Provisioner \"x\"");
  EXPECT_EQ(errors[0].field, "metadata.name");
  EXPECT_EQ(errors[0].message, "duplicate name: NodePool \"x\" is already defined at pool.yaml:4");
}

TEST(BadInputTest, AnErrorInsideAListItemNamesTheItem) {
  std::vector<Diagnostic> errors = load_errors(R"(apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: good}
    spec: {containers: [{name: c}]}
  - apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: bad}
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: d}
      weight: 0
)");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where.line, 15);
  EXPECT_EQ(errors[0].where.column, 15);
  EXPECT_EQ(errors[0].object, "NodePool \"bad\"");
  EXPECT_EQ(errors[0].field, "items[1].spec.weight");
  EXPECT_EQ(errors[0].message, "must be between 1 and 100, got 0");
}

TEST(BadInputTest, AListItemThatIsNotAnObjectIsNamed) {
  std::vector<Diagnostic> errors =
      load_errors("apiVersion: v1\nkind: List\nitems:\n  - just-a-string\n");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where.line, 4);
  EXPECT_EQ(errors[0].where.column, 5);
  EXPECT_EQ(errors[0].field, "items[0]");
}

TEST(BadInputTest, EveryBadObjectIsReportedInInputOrderAndNothingIsLoaded) {
  std::vector<Diagnostic> errors =
      load_errors({{"a.yaml", kPool + "  weight: 0\n---\n" + kPod + "  containers: [{name: c}]\n"},
                   {"b.yaml", pool_named("y") + "  limits: {cpu: lots}\n"},
                   {"c.yaml", kPod + "  containers: []\n"},
                   {"d.yaml", "key: [unclosed\n"}});
  ASSERT_EQ(errors.size(), 4u) << describe(errors);
  EXPECT_EQ(errors[0].to_string(),
            "a.yaml:9:11: NodePool \"x\": spec.weight: must be between 1 and 100, got 0");
  EXPECT_EQ(errors[1].to_string(),
            "b.yaml:9:17: NodePool \"y\": spec.limits.cpu: invalid quantity \"lots\": \"lots\" "
            "does not start with a number");
  EXPECT_EQ(errors[2].to_string(),
            "c.yaml:6:15: Pod \"default/p\": spec.containers: a pod needs at least one container");
  EXPECT_EQ(errors[3].where.file, "d.yaml");
}

TEST(BadInputTest, AnEmptyInputIsValidAndEmpty) {
  LoadResult result = load({{"empty.yaml", ""}, {"blank.yaml", "\n\n# nothing\n"}});
  ASSERT_TRUE(std::holds_alternative<Inventory>(result));
  EXPECT_TRUE(std::get<Inventory>(result).objects_by_kind.empty());
}

}  // namespace
}  // namespace nw::input
