// A pod's effective requests (Kubernetes' PodRequests, sidecar-aware, plus Karpenter's pods: 1)
// and its node requirements. Every expected value is worked out by hand in the comment above it.
#include "model/pod.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace nw::model {

// Readable failure messages (internal linkage, so each test file may have its own).
[[maybe_unused]] static void PrintTo(const Resources& r, std::ostream* os) {
  *os << r.to_string();
}

namespace {

constexpr int64_t kMi = int64_t{1} << 20;
constexpr int64_t kGi = int64_t{1} << 30;
constexpr std::string_view kGpu = "nvidia.com/gpu";

Resources make(std::initializer_list<std::pair<std::string_view, int64_t>> amounts) {
  Resources r;
  for (const auto& [name, amount] : amounts) r.set(name, amount);
  return r;
}

Container container(std::string name, Resources requests) {
  Container c;
  c.name = std::move(name);
  c.requests = std::move(requests);
  return c;
}

Container sidecar(std::string name, Resources requests) {
  Container c = container(std::move(name), std::move(requests));
  c.restartable = true;
  return c;
}

TEST(PodRequestsTest, EmptyPodTakesOnePodSlot) {
  EXPECT_EQ(effective_requests(PodSpec{}), make({{kPods, 1}}));
}

TEST(PodRequestsTest, SumsContainers) {
  PodSpec spec;
  spec.containers = {container("app", make({{kCpu, 100}, {kMemory, 128 * kMi}})),
                     container("proxy", make({{kCpu, 250}, {kMemory, 64 * kMi}, {kGpu, 1}}))};
  // cpu 100m + 250m = 350m; memory 128Mi + 64Mi = 192Mi; gpu 0 + 1 = 1; pods 1.
  EXPECT_EQ(effective_requests(spec),
            make({{kCpu, 350}, {kMemory, 192 * kMi}, {kGpu, 1}, {kPods, 1}}));
}

TEST(PodRequestsTest, InitContainersTakeTheMaximum) {
  PodSpec spec;
  spec.containers = {container("app", make({{kCpu, 500}, {kMemory, 256 * kMi}}))};
  spec.init_containers = {container("migrate", make({{kCpu, 1000}, {kMemory, 64 * kMi}})),
                          container("warm", make({{kCpu, 200}, {kMemory, 512 * kMi}, {kGpu, 2}}))};
  // Init containers run one at a time, so their peak is per resource: cpu max(1000, 200) = 1000m,
  // memory max(64Mi, 512Mi) = 512Mi, gpu max(0, 2) = 2. The pod needs the larger of that and
  // the main containers (500m, 256Mi, 0 gpu): cpu 1000m, memory 512Mi, gpu 2; pods 1.
  EXPECT_EQ(effective_requests(spec),
            make({{kCpu, 1000}, {kMemory, 512 * kMi}, {kGpu, 2}, {kPods, 1}}));
}

TEST(PodRequestsTest, SidecarsFollowKep753) {
  PodSpec spec;
  spec.init_containers = {
      sidecar("mesh", make({{kCpu, 100}, {kMemory, 100 * kMi}})),
      container("setup", make({{kCpu, 500}, {kMemory, 50 * kMi}})),
      sidecar("log", make({{kCpu, 200}, {kMemory, 10 * kMi}})),
      container("load", make({{kCpu, 400}, {kMemory, kGi}})),
  };
  spec.containers = {container("app", make({{kCpu, 300}, {kMemory, 200 * kMi}}))};
  // Steady state: app + every sidecar = cpu 300 + 100 + 200 = 600m,
  //   memory 200Mi + 100Mi + 10Mi = 310Mi.
  // Init sequence peaks (each init container runs beside the sidecars started before it):
  //   mesh starts:   100m, 100Mi
  //   setup:         mesh + setup       = 100 + 500 = 600m,        100Mi + 50Mi         = 150Mi
  //   log starts:    mesh + log         = 300m,                    110Mi
  //   load:          mesh + log + load  = 100 + 200 + 400 = 700m,  100Mi + 10Mi + 1Gi = 1134Mi
  //   peak: cpu 700m, memory 1134Mi.
  // Pod: max(steady, peak) = cpu 700m, memory 1134Mi; pods 1.
  EXPECT_EQ(effective_requests(spec), make({{kCpu, 700}, {kMemory, 1134 * kMi}, {kPods, 1}}));
}

TEST(PodRequestsTest, SidecarStartedLaterDoesNotJoinEarlierInitPeak) {
  PodSpec spec;
  spec.init_containers = {container("first", make({{kCpu, 1000}})),
                          sidecar("agent", make({{kCpu, 500}}))};
  spec.containers = {container("app", make({{kCpu, 100}}))};
  // "first" runs before the sidecar exists: its peak is 1000m alone (not 1500m). Steady state:
  // app + agent = 600m. Pod: max(600, max(1000, 500)) = 1000m; pods 1.
  EXPECT_EQ(effective_requests(spec), make({{kCpu, 1000}, {kPods, 1}}));
}

TEST(PodRequestsTest, SidecarsDominatingSteadyState) {
  PodSpec spec;
  spec.init_containers = {sidecar("gpu-monitor", make({{kCpu, 100}, {kGpu, 1}})),
                          container("init", make({{kCpu, 50}, {kMemory, 32 * kMi}}))};
  spec.containers = {container("app", make({{kCpu, 900}, {kMemory, 256 * kMi}, {kGpu, 1}}))};
  // Steady: cpu 900 + 100 = 1000m, memory 256Mi, gpu 1 + 1 = 2.
  // Init peaks: monitor 100m/0/1 gpu; init + monitor 150m/32Mi/1 gpu.
  // Pod: cpu 1000m, memory 256Mi, gpu 2; pods 1.
  EXPECT_EQ(effective_requests(spec),
            make({{kCpu, 1000}, {kMemory, 256 * kMi}, {kGpu, 2}, {kPods, 1}}));
}

TEST(PodRequestsTest, OverheadIsAddedAfterTheMaximum) {
  PodSpec spec;
  spec.containers = {container("app", make({{kCpu, 350}, {kMemory, 192 * kMi}}))};
  spec.init_containers = {container("init", make({{kCpu, 2000}}))};
  spec.overhead = make({{kCpu, 250}, {kMemory, 120 * kMi}});
  // max(app, init) = cpu max(350, 2000) = 2000m, memory 192Mi; + overhead 250m, 120Mi
  // = cpu 2250m, memory 312Mi; pods 1.
  EXPECT_EQ(effective_requests(spec), make({{kCpu, 2250}, {kMemory, 312 * kMi}, {kPods, 1}}));
}

TEST(PodRequestsTest, PodLevelRequestsOverridePerResource) {
  PodSpec spec;
  spec.containers = {container("a", make({{kCpu, 100}, {kMemory, 128 * kMi}, {kGpu, 1}})),
                     container("b", make({{kCpu, 250}, {kMemory, 64 * kMi}}))};
  spec.pod_requests = make({{kCpu, 1000}});
  // Containers: cpu 350m, memory 192Mi, gpu 1. spec.resources.requests sets cpu only, so cpu is
  // replaced by 1000m and memory (192Mi) and gpu (1) keep the container figures; pods 1.
  EXPECT_EQ(effective_requests(spec),
            make({{kCpu, 1000}, {kMemory, 192 * kMi}, {kGpu, 1}, {kPods, 1}}));

  spec.pod_requests = make({{kCpu, 1000}, {kMemory, kGi}});
  spec.overhead = make({{kCpu, 250}, {kMemory, 120 * kMi}});
  // Pod level cpu 1000m, memory 1Gi (1024Mi); gpu 1 from the containers; overhead is added on
  // top, as PodRequests does: cpu 1250m, memory 1144Mi; pods 1.
  EXPECT_EQ(effective_requests(spec),
            make({{kCpu, 1250}, {kMemory, 1144 * kMi}, {kGpu, 1}, {kPods, 1}}));
}

TEST(PodRequestsTest, PodLevelRequestsOverrideInitPeaks) {
  PodSpec spec;
  spec.containers = {container("app", make({{kCpu, 200}, {kMemory, 100 * kMi}}))};
  spec.init_containers = {container("init", make({{kCpu, 3000}, {kMemory, 50 * kMi}}))};
  spec.pod_requests = make({{kCpu, 500}});
  // Container figure: cpu max(200, 3000) = 3000m, memory max(100Mi, 50Mi) = 100Mi. Pod-level cpu
  // 500m replaces the 3000m; memory stays 100Mi; pods 1.
  EXPECT_EQ(effective_requests(spec), make({{kCpu, 500}, {kMemory, 100 * kMi}, {kPods, 1}}));
}

TEST(PodRequestsTest, AddsExactlyOnePodSlot) {
  PodSpec spec;
  spec.containers = {container("a", make({{kCpu, 1}})), container("b", make({{kCpu, 1}})),
                     container("c", make({{kCpu, 1}}))};
  spec.init_containers = {container("i", make({{kCpu, 1}}))};
  spec.overhead = make({{kCpu, 1}});
  // cpu max(1 + 1 + 1, 1) + 1 = 4m; one pods slot however many containers.
  Resources requests = effective_requests(spec);
  EXPECT_EQ(requests.pods(), 1);
  EXPECT_EQ(requests, make({{kCpu, 4}, {kPods, 1}}));
}

Requirement in(std::string key, std::vector<std::string> values) {
  return Requirement::in(std::move(key), std::move(values));
}

TEST(PodRequirementsTest, NodeSelectorAlone) {
  PodSpec spec;
  set_label(spec.node_selector, "kubernetes.io/arch", "amd64");
  set_label(spec.node_selector, "team", "ml");
  Requirements expected({in("kubernetes.io/arch", {"amd64"}), in("team", {"ml"})});
  EXPECT_EQ(node_requirements(spec), expected);
  EXPECT_EQ(node_requirements(spec, 3), expected);  // no such term: the nodeSelector alone
  EXPECT_TRUE(node_requirements(PodSpec{}).empty());
}

TEST(PodRequirementsTest, NodeSelectorAndRequiredAffinityTerm) {
  PodSpec spec;
  set_label(spec.node_selector, "kubernetes.io/arch", "amd64");
  set_label(spec.node_selector, "team", "ml");
  NodeSelectorTerm zonal;
  zonal.match_expressions = Requirements(
      {in("topology.kubernetes.io/zone", {"us-east-1a", "us-east-1b"}),
       in("kubernetes.io/arch", {"amd64", "arm64"}),
       Requirement::from_operator("karpenter.k8s.aws/instance-cpu", Operator::Gt, {"4"})});
  NodeSelectorTerm spot;
  spot.match_expressions = Requirements({in("karpenter.sh/capacity-type", {"spot"})});
  spec.required_node_affinity = {zonal, spot};

  // Term 0: arch In [amd64] ∧ In [amd64 arm64] = In [amd64]; team from the selector; zone and
  // the cpu bound (Gt 4, held as ≥ 5) from the term.
  Requirements first = node_requirements(spec, 0);
  EXPECT_EQ(first.items().size(), 4u);
  EXPECT_EQ(first.get("kubernetes.io/arch")->values(), (std::vector<std::string>{"amd64"}));
  EXPECT_EQ(first.get("team")->values(), (std::vector<std::string>{"ml"}));
  EXPECT_EQ(first.get("topology.kubernetes.io/zone")->values(),
            (std::vector<std::string>{"us-east-1a", "us-east-1b"}));
  EXPECT_EQ(first.get("karpenter.k8s.aws/instance-cpu")->greater_or_equal(), 5);
  EXPECT_EQ(node_requirements(spec), first);  // term 0 is the default

  // Term 1: the selector plus capacity-type In [spot].
  Requirements second = node_requirements(spec, 1);
  EXPECT_EQ(second, Requirements({in("kubernetes.io/arch", {"amd64"}), in("team", {"ml"}),
                                  in("karpenter.sh/capacity-type", {"spot"})}));
}

TEST(PodRequirementsTest, ConflictingSelectorAndTermLeavesAnEmptyRequirement) {
  PodSpec spec;
  set_label(spec.node_selector, "beta.kubernetes.io/arch", "amd64");  // deprecated alias
  NodeSelectorTerm term;
  term.match_expressions = Requirements({in("kubernetes.io/arch", {"arm64"})});
  spec.required_node_affinity = {term};
  // The alias normalises to kubernetes.io/arch; In [amd64] ∧ In [arm64] admits nothing.
  Requirements r = node_requirements(spec);
  ASSERT_NE(r.get("kubernetes.io/arch"), nullptr);
  EXPECT_TRUE(r.get("kubernetes.io/arch")->empty());
  EXPECT_EQ(r.get("kubernetes.io/arch")->op(), Operator::DoesNotExist);
}

}  // namespace
}  // namespace nw::model
