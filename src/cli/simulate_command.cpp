// `nodewright simulate`: replays a scenario's workload under each of its autoscaler variants and
// reports cost, pending times and utilisation (src/sim/, src/report/), with a progress bar on
// standard error when it is a terminal.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <variant>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/progress_bar.h"
#include "report/report.h"
#include "sim/simulation.h"

namespace nw::cli {
namespace {

struct SimulateOptions {
  std::vector<std::string> paths;
  std::string out;
  std::optional<uint64_t> seed;
  std::string output = "table";
};

int run_simulate(const SimulateOptions& options, Streams streams) {
  std::optional<input::Inventory> inventory = load_inputs(options.paths, streams);
  if (!inventory) return kExitInvalidInput;
  if (inventory->scenarios.size() != 1) {
    fmt::print(streams.err, "error: expected exactly one Scenario among the inputs, found {}\n",
               inventory->scenarios.size());
    return kExitInvalidInput;
  }
  sim::Scenario scenario = inventory->scenarios.front();
  if (options.seed) scenario.seed = *options.seed;

  std::vector<std::string> names;
  for (const sim::Variant& variant : scenario.variants) names.push_back(variant.name);
  ProgressBar progress(streams.err, streams.err_is_terminal, std::move(names));
  std::vector<sim::VariantResult> results =
      sim::simulate(scenario, *inventory, catalog::Catalog::embedded(),
                    [&progress](size_t variant, sim::SimTime now, sim::SimTime end) {
                      progress.update(variant, now, end);
                    });
  progress.clear();

  if (!options.out.empty()) {
    if (auto error = report::write_outputs(options.out, scenario, results)) {
      fmt::print(streams.err, "error: {}\n", *error);
      return kExitFailure;
    }
  }
  if (options.output == "json") {
    fmt::print(streams.out, "{}\n", report::summary_json(scenario, results).dump(2));
  } else {
    fmt::print(streams.out, "{}", report::summary_table(scenario, results));
    if (!options.out.empty()) fmt::print(streams.out, "\nwrote {}/\n", options.out);
  }
  return kExitOk;
}

}  // namespace

Command add_simulate_command(CLI::App& app) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* sub = app.add_subcommand(
      "simulate", "Replay a scenario's workload under each autoscaler variant, deterministically");
  sub->add_option("scenario", options->paths,
                  "Scenario files or directories: one Scenario with the NodePools, node "
                  "classes, Pods, Deployments, Jobs and DaemonSets it uses")
      ->required();
  sub->add_option("--out", options->out,
                  "Directory for summary.json, the timeline, pod, application and node CSVs, "
                  "and report.html");
  sub->add_option("--seed", options->seed, "Override the scenario's seed");
  sub->add_option("-o,--output", options->output, "Output format on stdout")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return {sub, [options](Streams streams) { return run_simulate(*options, streams); }};
}

}  // namespace nw::cli
