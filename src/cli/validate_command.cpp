// `nodewright validate -f PATH...`: loads the inputs and reports what they hold, or every error.
// Beyond per-object validation it checks what only the whole input shows: NodePools whose node
// class is missing, and NodePools that admit no instance type in the catalog.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/region.h"
#include "catalog/selection.h"
#include "cli/commands.h"
#include "cli/inputs.h"

namespace nw::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
};

int run_validate(const ValidateOptions& options, Streams streams) {
  std::optional<input::Inventory> inventory = load_inputs(options.paths, streams);
  if (!inventory) return kExitInvalidInput;

  size_t warnings = inventory->warnings.size();  // already printed by load_inputs
  auto region = std::get<catalog::Region>(catalog::Region::parse("us-east-1"));
  for (const model::NodePool& pool : inventory->node_pools) {
    const model::NodeClassRef& ref = pool.node_class_ref;
    if (!ref.name.empty() && inventory->find_node_class(ref) == nullptr) {
      fmt::print(streams.err,
                 "warning: NodePool \"{}\": node class {} \"{}\" is not among the inputs; "
                 "default capacity settings apply\n",
                 pool.meta.name, ref.kind, ref.name);
      ++warnings;
    }
    auto types = catalog::build_instance_types(catalog::Catalog::embedded(), region,
                                               inventory->capacity_settings(pool));
    if (catalog::admitted(types, model::template_requirements(pool)).empty()) {
      fmt::print(streams.err, "warning: NodePool \"{}\": its requirements admit no instance type\n",
                 pool.meta.name);
      ++warnings;
    }
  }

  int total = 0;
  for (const auto& [kind, count] : inventory->objects_by_kind) total += count;
  fmt::print(streams.out, "{} object{} valid\n", total, total == 1 ? "" : "s");
  for (const auto& [kind, count] : inventory->objects_by_kind) {
    fmt::print(streams.out, "  {:<18} {}\n", kind, count);
  }
  if (warnings > 0) fmt::print(streams.out, "{} warning{}\n", warnings, warnings == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check NodePools, Provisioners, node classes, Pods, Nodes and DaemonSets");
  sub->add_option("-f,--filename", options->paths,
                  "Files or directories to read (YAML or JSON); - reads stdin")
      ->required();
  return {sub, [options](Streams streams) { return run_validate(*options, streams); }};
}

}  // namespace nw::cli
