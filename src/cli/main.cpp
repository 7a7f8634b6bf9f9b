#include <unistd.h>

#include <iostream>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"nodewright: a node autoscaler and what-if simulator for Apache Spark on Kubernetes",
               "nodewright"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "nodewright 0.1.0");
  std::vector<nw::cli::Command> commands = {
      nw::cli::add_validate_command(app), nw::cli::add_catalog_command(app),
      nw::cli::add_plan_command(app), nw::cli::add_simulate_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version are "errors" with status 0; usage mistakes are invalid input.
    return app.exit(e) == 0 ? nw::cli::kExitOk : nw::cli::kExitInvalidInput;
  }
  nw::cli::Streams streams{std::cin, std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1};
  for (const nw::cli::Command& command : commands) {
    if (command.subcommand->parsed()) return command.run(streams);
  }
  return nw::cli::kExitFailure;
}
