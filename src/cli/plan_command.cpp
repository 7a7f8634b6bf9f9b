// `nodewright plan`: one provisioning decision for the cluster the inputs describe — which
// NodeClaims to launch and where each pending pod goes — rendered from the solver's Plan value.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/table.h"
#include "cli/yaml_output.h"
#include "cloud/catalog_instance_types.h"
#include "scheduling/improve.h"
#include "scheduling/lower_bound.h"
#include "scheduling/scheduler.h"

namespace nw::cli {
namespace {

using json = nlohmann::ordered_json;

struct PlanOptions {
  std::vector<std::string> paths;
  std::string region = "us-east-1";
  std::string output = "table";
  bool karpenter_compatible = false;
  bool explain = false;
};

std::string pod_name(const scheduling::Snapshot& snapshot, size_t pod) {
  return snapshot.pending[pod]->meta.qualified_name();
}

double dollars(int64_t micro) {
  return static_cast<double>(micro) / 1e6;
}

json resources_json(const model::Resources& resources) {
  json out = json::object();
  for (const auto& [name, amount] : resources.entries()) {
    out[name] = model::Resources::to_quantity(name, amount).to_string();
  }
  return out;
}

struct Summary {
  size_t pending = 0, on_existing = 0, on_new = 0, unschedulable = 0;
};

Summary summarize(const scheduling::Snapshot& snapshot, const scheduling::Plan& plan) {
  Summary s;
  s.pending = snapshot.pending.size();
  for (const auto& placement : plan.existing) s.on_existing += placement.pods.size();
  for (const auto& claim : plan.claims) s.on_new += claim.pods.size();
  s.unschedulable = plan.unschedulable.size();
  return s;
}

json plan_json(const scheduling::Snapshot& snapshot, const scheduling::Plan& plan,
               std::optional<int64_t> lower_bound) {
  json out;
  json claims = json::array();
  for (const scheduling::PlannedClaim& claim : plan.claims) {
    json options = json::array();
    for (const catalog::InstanceType* type : claim.options) options.push_back(type->name());
    json pods = json::array();
    for (size_t pod : claim.pods) pods.push_back(pod_name(snapshot, pod));
    claims.push_back({{"nodePool", snapshot.pools[claim.pool].pool->meta.name},
                      {"instanceType", claim.instance_type->name()},
                      {"zone", claim.offering.zone},
                      {"capacityType", catalog::to_string(claim.offering.capacity_type)},
                      {"pricePerHour", dollars(claim.offering.price_micro_usd_per_hour)},
                      {"instanceTypeOptions", options},
                      {"requests", resources_json(claim.requests)},
                      {"pods", pods}});
  }
  out["nodeClaims"] = claims;
  json existing = json::array();
  for (const scheduling::ExistingPlacement& placement : plan.existing) {
    json pods = json::array();
    for (size_t pod : placement.pods) pods.push_back(pod_name(snapshot, pod));
    existing.push_back({{"name", snapshot.nodes[placement.node].name}, {"pods", pods}});
  }
  out["existingNodes"] = existing;
  json unschedulable = json::array();
  for (const scheduling::Unschedulable& u : plan.unschedulable) {
    unschedulable.push_back({{"pod", pod_name(snapshot, u.pod)}, {"reason", u.reason}});
  }
  out["unschedulable"] = unschedulable;
  Summary s = summarize(snapshot, plan);
  out["summary"] = {{"pendingPods", s.pending},
                    {"scheduledOnExisting", s.on_existing},
                    {"scheduledOnNew", s.on_new},
                    {"unschedulable", s.unschedulable},
                    {"newNodes", plan.claims.size()},
                    {"newNodesCostPerHour", dollars(plan.cost_micro_usd_per_hour())},
                    {"costLowerBoundPerHour", lower_bound ? json(dollars(*lower_bound)) : json()}};
  out["warnings"] = snapshot.warnings;
  return out;
}

void print_table(const scheduling::Snapshot& snapshot, const scheduling::Plan& plan,
                 std::optional<int64_t> lower_bound, bool explain, std::ostream& out) {
  using Align = Table::Align;
  Table claims({{"NODEPOOL"},
                {"INSTANCE TYPE"},
                {"ZONE"},
                {"CAPACITY"},
                {"$/H", Align::Right},
                {"OPTIONS", Align::Right},
                {"PODS", Align::Right},
                {"REQUESTS"}});
  for (const scheduling::PlannedClaim& claim : plan.claims) {
    claims.add_row({snapshot.pools[claim.pool].pool->meta.name, claim.instance_type->name(),
                    claim.offering.zone,
                    std::string(catalog::to_string(claim.offering.capacity_type)),
                    format_dollars(claim.offering.price_micro_usd_per_hour),
                    std::to_string(claim.options.size()), std::to_string(claim.pods.size()),
                    claim.requests.to_string()});
  }
  fmt::print(out, "New nodes:\n");
  claims.print(out);
  if (!plan.existing.empty()) {
    fmt::print(out, "\nExisting nodes receiving pods:\n");
    Table existing({{"NODE"}, {"PODS", Align::Right}});
    for (const auto& placement : plan.existing) {
      existing.add_row(
          {snapshot.nodes[placement.node].name, std::to_string(placement.pods.size())});
    }
    existing.print(out);
  }
  if (!plan.unschedulable.empty()) {
    fmt::print(out, "\nUnschedulable pods:\n");
    for (const auto& u : plan.unschedulable) {
      fmt::print(out, "  {}: {}\n", pod_name(snapshot, u.pod), u.reason);
    }
  }
  if (explain) {
    fmt::print(out, "\nPlacements:\n");
    for (const auto& claim : plan.claims) {
      for (size_t pod : claim.pods) {
        fmt::print(out, "  {} -> new {} {} ({})\n", pod_name(snapshot, pod),
                   claim.instance_type->name(), claim.offering.zone,
                   snapshot.pools[claim.pool].pool->meta.name);
      }
    }
    for (const auto& placement : plan.existing) {
      for (size_t pod : placement.pods) {
        fmt::print(out, "  {} -> existing {}\n", pod_name(snapshot, pod),
                   snapshot.nodes[placement.node].name);
      }
    }
  }
  Summary s = summarize(snapshot, plan);
  fmt::print(out,
             "\n{} pending pods: {} on existing nodes, {} on {} new nodes, {} unschedulable; "
             "new nodes cost ${}/h\n",
             s.pending, s.on_existing, s.on_new, plan.claims.size(), s.unschedulable,
             format_dollars(plan.cost_micro_usd_per_hour()));
  if (lower_bound) {
    fmt::print(out, "no plan for these pods costs less than ${}/h (LP lower bound)\n",
               format_dollars(*lower_bound));
  }
}

int run_plan(const PlanOptions& options, Streams streams) {
  auto region = catalog::Region::parse(options.region);
  if (auto* error = std::get_if<catalog::RegionError>(&region)) {
    fmt::print(streams.err, "error: --region: {}\n", error->message);
    return kExitInvalidInput;
  }
  std::optional<input::Inventory> inventory = load_inputs(options.paths, streams);
  if (!inventory) return kExitInvalidInput;
  const input::Inventory& inv = *inventory;
  cloud::CatalogInstanceTypes provider(
      catalog::Catalog::embedded(), std::get<catalog::Region>(region),
      [&inv](const model::NodePool& pool) { return inv.capacity_settings(pool); });
  scheduling::Snapshot snapshot =
      scheduling::make_snapshot({inv.node_pools, inv.nodes, inv.pods, inv.daemon_sets}, provider);
  for (const std::string& warning : snapshot.warnings) {
    fmt::print(streams.err, "warning: {}\n", warning);
  }
  scheduling::Plan plan = scheduling::schedule(snapshot, scheduling::SchedulerOptions{});
  if (!options.karpenter_compatible) {
    plan = scheduling::improve_packing(snapshot, std::move(plan), scheduling::ImproveOptions{});
  }
  std::optional<int64_t> lower_bound = scheduling::cost_lower_bound(snapshot, plan);
  if (options.output == "yaml") {
    fmt::print(streams.out, "{}", to_yaml(plan_json(snapshot, plan, lower_bound)));
  } else if (options.output == "json") {
    fmt::print(streams.out, "{}\n", plan_json(snapshot, plan, lower_bound).dump(2));
  } else {
    print_table(snapshot, plan, lower_bound, options.explain, streams.out);
  }
  return kExitOk;
}

}  // namespace

Command add_plan_command(CLI::App& app) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* sub = app.add_subcommand(
      "plan", "Decide which nodes to launch for the pending pods, and where each pod goes");
  sub->add_option("-f,--filename", options->paths,
                  "Files or directories: NodePools, node classes, Nodes, Pods, DaemonSets")
      ->required();
  sub->add_option("--region", options->region, "AWS region (zone names; prices are us-east-1's)")
      ->capture_default_str();
  sub->add_option("-o,--output", options->output, "Output format")
      ->check(CLI::IsMember({"table", "json", "yaml"}))
      ->capture_default_str();
  sub->add_flag("--karpenter-compatible", options->karpenter_compatible,
                "Run only the Karpenter-equivalent pass (no packing improvement)");
  sub->add_flag("--explain", options->explain,
                "List where every pod goes (reasons are always shown for unschedulable pods)");
  return {sub, [options](Streams streams) { return run_plan(*options, streams); }};
}

}  // namespace nw::cli
