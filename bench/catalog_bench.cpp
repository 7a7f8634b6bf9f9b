// Catalog loading and instance-type resolution, the work done once per simulation run before any
// scheduling. Figures are recorded, not asserted.
#include <benchmark/benchmark.h>

#include <variant>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/region.h"

namespace nw::catalog {
namespace {

void BM_CatalogFromCsv(benchmark::State& state) {
  const std::string_view csv = embedded_catalog_csv();
  for (auto _ : state) {
    auto parsed = Catalog::from_csv(csv, "embedded");
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(csv.size()));
  state.counters["rows"] = static_cast<double>(Catalog::embedded().size());
}
BENCHMARK(BM_CatalogFromCsv)->Unit(benchmark::kMicrosecond);

void BM_BuildInstanceTypesUsEast1(benchmark::State& state) {
  const Catalog& catalog = Catalog::embedded();
  const Region region = std::get<Region>(Region::parse("us-east-1"));
  const model::CapacitySettings settings;
  for (auto _ : state) {
    auto types = build_instance_types(catalog, region, settings);
    benchmark::DoNotOptimize(types);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(catalog.size()));
}
BENCHMARK(BM_BuildInstanceTypesUsEast1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nw::catalog
