// Property test for the solver's option bookkeeping: whatever shortcuts it takes (headroom and
// floor, per-resource orders with cursors), every claim must end up offering exactly the
// instance types that fit all of its pods plus their DaemonSet overhead, cheapest first and
// truncated to the launch limit — what a brute-force check over every type computes.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "scheduling/scheduler.h"
#include "scheduling/snapshot.h"

namespace nw::scheduling {
namespace {

// Types with deliberately different shapes, so that the orders by cpu, memory and pods differ.
std::string catalog_csv(std::mt19937& rng) {
  std::string csv =
      "name,family,category,generation,size,arch,vcpu,memory_mib,gpu_count,gpu_name,"
      "local_nvme_gib,network_gbps,max_pods,hypervisor,od_price_usd_hr_us_east_1,"
      "spot_price_usd_hr_us_east_1_typical,spot_interruption_band\n";
  const int vcpus[] = {2, 4, 8, 16, 32, 48, 64};
  const int ratios[] = {1, 2, 4, 8};  // GiB per vCPU
  const int pods[] = {8, 17, 29, 58, 110, 234};
  for (int i = 0; i < 60; ++i) {
    int vcpu = vcpus[rng() % std::size(vcpus)];
    int gib = vcpu * ratios[rng() % std::size(ratios)];
    int64_t micro = 10'000 * vcpu + 5'000 * gib + static_cast<int64_t>(rng() % 20'000);
    csv += fmt::format("t{}.large,t{},t,1,large,amd64,{},{},0,,,1,{},nitro,{}.{:06},,\n", i, i,
                       vcpu, gib * 1024, pods[rng() % std::size(pods)], micro / 1'000'000,
                       micro % 1'000'000);
  }
  return csv;
}

class Types : public InstanceTypeProvider {
 public:
  explicit Types(std::vector<catalog::InstanceType> types) : types_(std::move(types)) {}
  std::vector<catalog::InstanceType> instance_types(const model::NodePool&) const override {
    return types_;
  }

 private:
  std::vector<catalog::InstanceType> types_;
};

TEST(ClaimOptions, EveryClaimOffersExactlyTheTypesThatFitItsPods) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    auto catalog =
        std::get<catalog::Catalog>(catalog::Catalog::from_csv(catalog_csv(rng), "generated"));
    auto region = std::get<catalog::Region>(catalog::Region::parse("eu-west-1"));
    Types provider(catalog::build_instance_types(catalog, region, {}));

    model::NodePool pool;
    pool.meta.name = "default";
    model::DaemonSet agent;
    agent.meta.name = "agent";
    agent.meta.namespace_ = "kube-system";
    model::Container agent_container;
    agent_container.name = "agent";
    agent_container.requests.set(model::kCpu, 100);
    agent_container.requests.set(model::kMemory, int64_t{128} << 20);
    agent.template_spec.containers.push_back(agent_container);

    std::vector<model::Pod> pods;
    for (int p = 0; p < 300; ++p) {
      model::Pod pod;
      pod.meta.name = fmt::format("pod-{}", p);
      pod.meta.namespace_ = "default";
      model::Container c;
      c.name = "main";
      c.requests.set(model::kCpu, 100 + static_cast<int64_t>(rng() % 7900));
      c.requests.set(model::kMemory, (int64_t{64} + static_cast<int64_t>(rng() % 32000)) << 20);
      pod.spec.containers.push_back(c);
      pods.push_back(std::move(pod));
    }
    std::vector<model::NodePool> pools = {pool};
    std::vector<model::DaemonSet> daemon_sets = {agent};
    Snapshot snapshot = make_snapshot({pools, {}, pods, daemon_sets}, provider);
    const PoolTemplate& tmpl = snapshot.pools.front();
    SchedulerOptions options;
    Plan plan = schedule(snapshot, options);

    std::set<size_t> placed;
    for (const PlannedClaim& claim : plan.claims) {
      model::Resources total;
      for (size_t pod : claim.pods) {
        EXPECT_TRUE(placed.insert(pod).second) << "seed " << seed << ": pod placed twice";
        total += model::effective_requests(snapshot.pending[pod]->spec);
      }
      // Brute force: every type that holds the pods beside its DaemonSet overhead, by price.
      std::vector<std::pair<int64_t, const catalog::InstanceType*>> fitting;
      for (size_t i = 0; i < tmpl.instance_types.size(); ++i) {
        const catalog::InstanceType& type = tmpl.instance_types[i];
        if ((total + tmpl.daemon_overhead[i]).fits_in(type.allocatable())) {
          fitting.emplace_back(*type.cheapest_price(catalog::CapacityType::OnDemand), &type);
        }
      }
      std::stable_sort(fitting.begin(), fitting.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<const catalog::InstanceType*> expected;
      for (const auto& [price, type] : fitting) {
        if (expected.size() == options.launch.max_instance_types) break;
        expected.push_back(type);
      }
      EXPECT_EQ(claim.options, expected)
          << "seed " << seed << ", a claim with " << claim.pods.size() << " pods";
    }
    EXPECT_EQ(placed.size() + plan.unschedulable.size(), pods.size()) << "seed " << seed;
  }
}

}  // namespace
}  // namespace nw::scheduling
