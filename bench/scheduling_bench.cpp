// The provisioning solver on Karpenter's own scheduling-benchmark shape (karpenter-core.md §5.1):
// one unlimited NodePool over 400 generated instance types (fake-it-i: i+1 vCPU, 2(i+1) GiB,
// 10(i+1) pods, price 0.1/vCPU + 0.1/GiB), and n pods split evenly among plain pods, zonal
// spread, hostname spread, zonal self-affinity and hostname anti-affinity, with CPU drawn from
// {100m, 250m, 500m, 1, 1.5} and memory from {100, 256, 512, 1024, 2048, 4096} Mi, seed 42.
//
// Differences from Karpenter's harness, none of which makes the problem easier: the types are
// resolved through the AWS capacity formulas (kube-reserved, eviction, VM overhead) rather than a
// flat 100m/10Mi overhead, and they are offered spot and on-demand in all three zones (Karpenter's
// fake offers spot in two).
//
// Figures are recorded (pods/s, nodes, peak RSS), never asserted.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <random>
#include <variant>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/region.h"
#include "scheduling/improve.h"
#include "scheduling/lower_bound.h"
#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {
namespace {

std::string generated_catalog_csv(int count) {
  std::string csv =
      "name,family,category,generation,size,arch,vcpu,memory_mib,gpu_count,gpu_name,"
      "local_nvme_gib,network_gbps,max_pods,hypervisor,od_price_usd_hr_us_east_1,"
      "spot_price_usd_hr_us_east_1_typical,spot_interruption_band\n";
  for (int i = 0; i < count; ++i) {
    int vcpu = i + 1;
    int gib = 2 * (i + 1);
    // 0.1 per vCPU + 0.1 per GiB, in micro-dollars printed as decimal text.
    int64_t micro = (vcpu + gib) * 100'000;
    csv += fmt::format(
        "fake-it-{}.large,fake,f,1,large,amd64,{},{},0,,,1,{},nitro,{}.{:06},{}.{:06},1\n", i, vcpu,
        gib * 1024, 10 * (i + 1), micro / 1'000'000, micro % 1'000'000, micro / 1'000'000,
        micro % 1'000'000);
  }
  return csv;
}

class FixedTypes : public InstanceTypeProvider {
 public:
  explicit FixedTypes(std::vector<catalog::InstanceType> types) : types_(std::move(types)) {}
  std::vector<catalog::InstanceType> instance_types(const model::NodePool&) const override {
    return types_;
  }

 private:
  std::vector<catalog::InstanceType> types_;
};

model::LabelSelector select(std::string key, std::string value) {
  model::LabelSelector selector;
  model::set_label(selector.match_labels, std::move(key), std::move(value));
  return selector;
}

std::vector<model::Pod> diverse_pods(int n) {
  std::mt19937 rng(42);
  const int64_t cpus[] = {100, 250, 500, 1000, 1500};
  const int64_t mems[] = {100, 256, 512, 1024, 2048, 4096};
  const std::string labels[] = {"a", "b", "c", "d", "e", "f", "g"};
  auto pick = [&](auto& options) {
    return options[std::uniform_int_distribution<size_t>(0, std::size(options) - 1)(rng)];
  };
  std::vector<model::Pod> pods;
  for (int i = 0; i < n; ++i) {
    model::Pod pod;
    pod.meta.name = fmt::format("pod-{}", i);
    pod.meta.namespace_ = "default";
    pod.meta.uid = fmt::format("uid-{:06}", i);
    model::Container container;
    container.name = "main";
    container.requests.set(model::kCpu, pick(cpus));
    container.requests.set(model::kMemory, pick(mems) << 20);
    pod.spec.containers.push_back(container);
    int kind = i < (n / 5) * 5 ? i % 5 : 0;
    std::string value = pick(labels);
    switch (kind) {
      case 0:
        model::set_label(pod.meta.labels, "my-label", value);
        break;
      case 1:
      case 2: {
        model::set_label(pod.meta.labels, "my-label", value);
        model::TopologySpreadConstraint tsc;
        tsc.topology_key = kind == 1 ? "topology.kubernetes.io/zone" : "kubernetes.io/hostname";
        tsc.label_selector = select("my-label", value);
        pod.spec.topology_spread.push_back(tsc);
        break;
      }
      case 3: {
        model::set_label(pod.meta.labels, "my-affinity", value);
        model::PodAffinityTerm term;
        term.topology_key = "topology.kubernetes.io/zone";
        term.label_selector = select("my-affinity", value);
        pod.spec.pod_affinity.required.push_back(term);
        break;
      }
      case 4: {
        model::set_label(pod.meta.labels, "app", "nginx");
        model::PodAffinityTerm term;
        term.topology_key = "kubernetes.io/hostname";
        term.label_selector = select("app", "nginx");
        pod.spec.pod_anti_affinity.required.push_back(term);
        break;
      }
    }
    pods.push_back(std::move(pod));
  }
  return pods;
}

int64_t peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void BM_KarpenterSchedulingShape(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto catalog = std::get<catalog::Catalog>(
      catalog::Catalog::from_csv(generated_catalog_csv(400), "generated"));
  auto region = std::get<catalog::Region>(catalog::Region::parse("eu-west-1"));
  FixedTypes provider(catalog::build_instance_types(catalog, region, {}));
  model::NodePool pool;
  pool.meta.name = "default";
  pool.has_limits = true;
  pool.limits.set(model::kCpu, 10'000'000'000);
  pool.limits.set(model::kMemory, int64_t{10'000'000} << 30);
  std::vector<model::NodePool> pools = {pool};
  std::vector<model::Pod> pods = diverse_pods(n);
  Snapshot snapshot = make_snapshot({pools, {}, pods, {}}, provider);
  Plan plan;
  for (auto _ : state) {
    plan = schedule(snapshot, SchedulerOptions{});
    benchmark::DoNotOptimize(plan);
  }
  if (!plan.unschedulable.empty()) {
    state.SkipWithError(fmt::format("{} pods unschedulable, e.g. {}", plan.unschedulable.size(),
                                    plan.unschedulable.front().reason)
                            .c_str());
  }
  state.counters["pods/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["nodes"] = static_cast<double>(plan.claims.size());
  state.counters["peak_rss_MiB"] = static_cast<double>(peak_rss_kib()) / 1024.0;
}
BENCHMARK(BM_KarpenterSchedulingShape)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(5000)
    ->Arg(20000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
}  // namespace nw::scheduling

namespace nw::scheduling {
namespace {

// Spark-shaped load against the full EC2 catalog: `apps` applications, each a driver that must
// run on-demand and `executors` identical executors on spot, all pinned to the application's
// zone (one of three), with executor shapes cycling through common Spark sizings (cores,
// executor memory + 10 % overhead, at least 384 MiB). One NodePool: categories c, m, r,
// generation > 2, both capacity types, on the full catalog in us-east-1.
std::vector<model::Pod> spark_pods(int apps, int executors) {
  struct Shape {
    int64_t cores;
    int64_t memory_mib;
  };
  const Shape shapes[] = {{1, 4096}, {2, 8192}, {4, 15360}, {4, 7168}, {8, 31744}, {8, 15360}};
  const std::string zones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};
  auto sized = [](const Shape& s) {
    model::Container c;
    c.name = "spark";
    c.requests.set(model::kCpu, s.cores * 1000);
    c.requests.set(model::kMemory, (s.memory_mib + std::max<int64_t>(384, s.memory_mib / 10))
                                       << 20);
    return c;
  };
  std::vector<model::Pod> pods;
  for (int a = 0; a < apps; ++a) {
    const Shape& shape = shapes[a % std::size(shapes)];
    const std::string& zone = zones[a % std::size(zones)];
    for (int e = -1; e < executors; ++e) {
      model::Pod pod;
      pod.meta.name = e < 0 ? fmt::format("app-{}-driver", a) : fmt::format("app-{}-exec-{}", a, e);
      pod.meta.namespace_ = "spark";
      pod.meta.uid = fmt::format("{:04}-{:03}", a, e + 1);
      model::set_label(pod.meta.labels, "spark-app-selector", fmt::format("app-{}", a));
      model::set_label(pod.meta.labels, "spark-role", e < 0 ? "driver" : "executor");
      pod.spec.containers.push_back(sized(e < 0 ? Shape{1, 4096} : shape));
      model::set_label(pod.spec.node_selector, "karpenter.sh/capacity-type",
                       e < 0 ? "on-demand" : "spot");
      model::set_label(pod.spec.node_selector, "topology.kubernetes.io/zone", zone);
      pods.push_back(std::move(pod));
    }
  }
  return pods;
}

class CatalogTypes : public InstanceTypeProvider {
 public:
  std::vector<catalog::InstanceType> instance_types(const model::NodePool&) const override {
    return catalog::build_instance_types(
        catalog::Catalog::embedded(),
        std::get<catalog::Region>(catalog::Region::parse("us-east-1")), {});
  }
};

void BM_SparkShape(benchmark::State& state) {
  const bool improve = state.range(2) != 0;
  model::NodePool pool;
  pool.meta.name = "spark";
  pool.requirements.add(
      model::Requirement::in("karpenter.k8s.aws/instance-category", {"c", "m", "r"}));
  pool.requirements.add(model::Requirement::from_operator("karpenter.k8s.aws/instance-generation",
                                                          model::Operator::Gt, {"2"}));
  std::vector<model::NodePool> pools = {pool};
  std::vector<model::Pod> pods =
      spark_pods(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  Snapshot snapshot = make_snapshot({pools, {}, pods, {}}, CatalogTypes{});
  Plan plan;
  for (auto _ : state) {
    plan = schedule(snapshot, SchedulerOptions{});
    if (improve) plan = improve_packing(snapshot, std::move(plan), ImproveOptions{});
    benchmark::DoNotOptimize(plan);
  }
  std::optional<int64_t> bound = cost_lower_bound(snapshot, plan);
  state.counters["pods/s"] = benchmark::Counter(static_cast<double>(pods.size()),
                                                benchmark::Counter::kIsIterationInvariantRate);
  state.counters["nodes"] = static_cast<double>(plan.claims.size());
  state.counters["cost_$/h"] = static_cast<double>(plan.cost_micro_usd_per_hour()) / 1e6;
  state.counters["cost/bound"] =
      bound && *bound > 0
          ? static_cast<double>(plan.cost_micro_usd_per_hour()) / static_cast<double>(*bound)
          : 0.0;
  state.counters["unschedulable"] = static_cast<double>(plan.unschedulable.size());
}
// {applications, executors each, improvement pass on?}
BENCHMARK(BM_SparkShape)
    ->Args({200, 50, 0})
    ->Args({200, 50, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
}  // namespace nw::scheduling
