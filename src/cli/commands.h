// The `nodewright` subcommands. Each registers its options on the CLI11 app and returns the
// process exit status: 0 success, 2 invalid input (with the errors on stderr), 1 otherwise.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <istream>
#include <ostream>

namespace nw::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitInvalidInput = 2;

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  // `err` is an interactive terminal, so progress may be drawn on it (decided by main).
  bool err_is_terminal = false;
};

struct Command {
  CLI::App* subcommand;             // owned by the parent app
  std::function<int(Streams)> run;  // called once the arguments are parsed
};

Command add_validate_command(CLI::App& app);
Command add_catalog_command(CLI::App& app);
Command add_plan_command(CLI::App& app);
Command add_simulate_command(CLI::App& app);

}  // namespace nw::cli
