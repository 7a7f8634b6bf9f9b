// Loading `-f` inputs for any subcommand, with errors and warnings reported the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "input/inventory.h"

namespace nw::cli {

// Loads the inputs. On invalid input prints every error to `err` ("error: file:line:col: ...")
// and returns nullopt; otherwise prints the warnings ("warning: ...") and returns the inventory.
std::optional<input::Inventory> load_inputs(const std::vector<std::string>& paths, Streams streams);

}  // namespace nw::cli
