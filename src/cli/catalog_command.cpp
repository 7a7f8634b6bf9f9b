// `nodewright catalog`: the instance types a NodePool (or a set of requirements) admits, with
// their shape, allocatable resources and cheapest prices — amazon-ec2-instance-selector, but
// answering for a NodePool, with Karpenter's capacity arithmetic.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/region.h"
#include "catalog/selection.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/table.h"
#include "input/requirement_flag.h"

namespace nw::cli {
namespace {

struct CatalogOptions {
  std::vector<std::string> paths;
  std::string node_pool;
  std::vector<std::string> requirements;
  std::string region = "us-east-1";
  std::string output = "table";
};

std::string quantity(std::string_view resource, int64_t amount) {
  return model::Resources::to_quantity(resource, amount).to_string();
}

void print_table(const std::vector<const catalog::InstanceType*>& types,
                 const model::Requirements& requirements, std::ostream& out) {
  using Align = Table::Align;
  Table table({{"NAME"},
               {"ARCH"},
               {"VCPU", Align::Right},
               {"MEMORY", Align::Right},
               {"ALLOC CPU", Align::Right},
               {"ALLOC MEMORY", Align::Right},
               {"PODS", Align::Right},
               {"ON-DEMAND $/H", Align::Right},
               {"SPOT $/H", Align::Right}});
  auto price = [](std::optional<int64_t> p) { return p ? format_dollars(*p) : std::string("-"); };
  for (const catalog::InstanceType* type : types) {
    const model::Resources& alloc = type->allocatable();
    table.add_row(
        {type->name(), type->info().arch, std::to_string(type->info().vcpu),
         quantity(model::kMemory, type->info().memory_mib * 1024 * 1024),
         quantity(model::kCpu, alloc.cpu_milli()), quantity(model::kMemory, alloc.memory_bytes()),
         std::to_string(alloc.pods()),
         price(
             catalog::cheapest_allowed_price(*type, requirements, catalog::CapacityType::OnDemand)),
         price(catalog::cheapest_allowed_price(*type, requirements, catalog::CapacityType::Spot))});
  }
  table.print(out);
}

void print_csv(const std::vector<const catalog::InstanceType*>& types,
               const model::Requirements& requirements, std::ostream& out) {
  fmt::print(out,
             "name,arch,vcpu,memory_mib,allocatable_cpu_millicores,allocatable_memory_bytes,"
             "allocatable_pods,on_demand_usd_per_hour,spot_usd_per_hour\n");
  auto price = [](std::optional<int64_t> p) {
    return p ? fmt::format("{}.{:06}", *p / 1'000'000, *p % 1'000'000) : std::string();
  };
  for (const catalog::InstanceType* type : types) {
    const model::Resources& alloc = type->allocatable();
    fmt::print(
        out, "{},{},{},{},{},{},{},{},{}\n", type->name(), type->info().arch, type->info().vcpu,
        type->info().memory_mib, alloc.cpu_milli(), alloc.memory_bytes(), alloc.pods(),
        price(
            catalog::cheapest_allowed_price(*type, requirements, catalog::CapacityType::OnDemand)),
        price(catalog::cheapest_allowed_price(*type, requirements, catalog::CapacityType::Spot)));
  }
}

void print_json(const std::vector<const catalog::InstanceType*>& types,
                const model::Requirements& requirements, std::ostream& out) {
  auto resources = [](const model::Resources& r) {
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const auto& [name, amount] : r.entries()) json[name] = quantity(name, amount);
    return json;
  };
  // Prices are reported in dollars (floating point is for reports only).
  auto price = [](std::optional<int64_t> p) {
    return p ? nlohmann::ordered_json(static_cast<double>(*p) / 1e6) : nlohmann::ordered_json();
  };
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const catalog::InstanceType* type : types) {
    const catalog::InstanceTypeInfo& info = type->info();
    nlohmann::ordered_json zones = nlohmann::ordered_json::array();
    const model::Requirement* allowed = requirements.get(catalog::kLabelZone);
    for (const catalog::Offering& offering : type->offerings()) {
      bool listed = zones.size() > 0 && zones.back() == offering.zone;
      if (!listed && (allowed == nullptr || allowed->has(offering.zone))) {
        zones.push_back(offering.zone);
      }
    }
    list.push_back(
        {{"name", info.name},
         {"family", info.family},
         {"arch", info.arch},
         {"vcpu", info.vcpu},
         {"memoryMiB", info.memory_mib},
         {"capacity", resources(type->capacity())},
         {"allocatable", resources(type->allocatable())},
         {"onDemandPricePerHour", price(catalog::cheapest_allowed_price(
                                      *type, requirements, catalog::CapacityType::OnDemand))},
         {"spotPricePerHour",
          price(catalog::cheapest_allowed_price(*type, requirements, catalog::CapacityType::Spot))},
         {"spotInterruptionBand", info.interruption_band
                                      ? nlohmann::ordered_json(*info.interruption_band)
                                      : nlohmann::ordered_json()},
         {"zones", zones}});
  }
  fmt::print(out, "{}\n", list.dump(2));
}

int run_catalog(const CatalogOptions& options, Streams streams) {
  auto region = catalog::Region::parse(options.region);
  if (auto* error = std::get_if<catalog::RegionError>(&region)) {
    fmt::print(streams.err, "error: --region: {}\n", error->message);
    return kExitInvalidInput;
  }
  model::Requirements requirements;
  model::CapacitySettings settings;
  if (!options.paths.empty()) {
    std::optional<input::Inventory> inventory = load_inputs(options.paths, streams);
    if (!inventory) return kExitInvalidInput;
    const model::NodePool* pool = nullptr;
    if (!options.node_pool.empty()) {
      pool = inventory->find_node_pool(options.node_pool);
      if (pool == nullptr) {
        fmt::print(streams.err,
                   "error: --nodepool: no NodePool or Provisioner \"{}\" in the inputs\n",
                   options.node_pool);
        return kExitInvalidInput;
      }
    } else if (inventory->node_pools.size() == 1) {
      pool = &inventory->node_pools.front();
    } else if (!inventory->node_pools.empty()) {
      fmt::print(streams.err, "error: the inputs hold {} NodePools; name one with --nodepool\n",
                 inventory->node_pools.size());
      return kExitInvalidInput;
    }
    if (pool != nullptr) {
      requirements = model::template_requirements(*pool);
      settings = inventory->capacity_settings(*pool);
    }
  } else if (!options.node_pool.empty()) {
    fmt::print(streams.err, "error: --nodepool needs the files that define it (-f)\n");
    return kExitInvalidInput;
  }
  for (const std::string& text : options.requirements) {
    auto parsed = input::parse_requirement_flag(text);
    if (auto* error = std::get_if<input::Diagnostic>(&parsed)) {
      fmt::print(streams.err, "error: {}\n", error->to_string());
      return kExitInvalidInput;
    }
    requirements.add(std::get<model::Requirement>(parsed));
  }

  auto types = catalog::build_instance_types(catalog::Catalog::embedded(),
                                             std::get<catalog::Region>(region), settings);
  std::vector<const catalog::InstanceType*> selected = catalog::admitted(types, requirements);
  if (options.output == "json") {
    print_json(selected, requirements, streams.out);
  } else if (options.output == "csv") {
    print_csv(selected, requirements, streams.out);
  } else {
    print_table(selected, requirements, streams.out);
    fmt::print(streams.out, "{} instance type{}\n", selected.size(),
               selected.size() == 1 ? "" : "s");
  }
  return kExitOk;
}

}  // namespace

Command add_catalog_command(CLI::App& app) {
  auto options = std::make_shared<CatalogOptions>();
  CLI::App* sub = app.add_subcommand(
      "catalog", "List the EC2 instance types a NodePool or a set of requirements admits");
  sub->add_option("-f,--filename", options->paths,
                  "Files or directories holding the NodePool (YAML or JSON); - reads stdin");
  sub->add_option("--nodepool", options->node_pool, "NodePool (or Provisioner) to answer for");
  sub->add_option("--requirement", options->requirements,
                  "Extra requirement \"KEY OPERATOR [V1,V2...]\", repeatable")
      ->allow_extra_args(false);
  sub->add_option("--region", options->region, "AWS region (zone names; prices are us-east-1's)")
      ->capture_default_str();
  sub->add_option("-o,--output", options->output, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  return {sub, [options](Streams streams) { return run_catalog(*options, streams); }};
}

}  // namespace nw::cli
