// The simulator on a day of Spark: 24 simulated hours of 1,000 applications of a driver and 49
// executors each, about 50,000 pods, under the Karpenter-style autoscaler
// (bench/scenarios/spark-day.yaml) and under the Cluster Autoscaler with five node groups
// (bench/scenarios/spark-day-cluster-autoscaler.yaml). Reports events per second, simulated
// seconds per wall-clock second (the speed-up over real time) and peak RSS. Figures are recorded,
// never asserted.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>

#include "catalog/catalog.h"
#include "input/loader.h"
#include "sim/simulation.h"

namespace nw::sim {
namespace {

input::Inventory load(const std::string& path) {
  std::istringstream no_stdin;
  input::LoadResult result = input::load_paths({path}, no_stdin);
  auto* inventory = std::get_if<input::Inventory>(&result);
  if (inventory == nullptr) throw std::runtime_error("cannot load " + path);
  return std::move(*inventory);
}

void BM_SimulateSparkDay(benchmark::State& state, const char* scenario_file) {
  const input::Inventory inventory =
      load(std::string(NODEWRIGHT_SOURCE_DIR "/bench/scenarios/") + scenario_file);
  const Scenario& scenario = inventory.scenarios.front();
  int64_t events = 0, pods = 0, nodes = 0;
  for (auto _ : state) {
    std::vector<VariantResult> results =
        simulate(scenario, inventory, catalog::Catalog::embedded());
    events = results.front().statistics.events;
    pods = static_cast<int64_t>(results.front().pods.size());
    nodes = static_cast<int64_t>(results.front().nodes.size());
    benchmark::DoNotOptimize(results);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["speedup"] = benchmark::Counter(static_cast<double>(scenario.duration) / 1000.0,
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["events"] = static_cast<double>(events);
  state.counters["pods"] = static_cast<double>(pods);
  state.counters["nodes_launched"] = static_cast<double>(nodes);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK_CAPTURE(BM_SimulateSparkDay, karpenter, "spark-day.yaml")
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_SimulateSparkDay, cluster_autoscaler, "spark-day-cluster-autoscaler.yaml")
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace nw::sim
