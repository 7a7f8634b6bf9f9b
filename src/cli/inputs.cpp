#include "cli/inputs.h"

#include <fmt/ostream.h>

#include "input/loader.h"

namespace nw::cli {

std::optional<input::Inventory> load_inputs(const std::vector<std::string>& paths,
                                            Streams streams) {
  input::LoadResult result = input::load_paths(paths, streams.in);
  if (auto* errors = std::get_if<std::vector<input::Diagnostic>>(&result)) {
    for (const input::Diagnostic& error : *errors) {
      fmt::print(streams.err, "error: {}\n", error.to_string());
    }
    fmt::print(streams.err, "{} error{}; nothing was loaded\n", errors->size(),
               errors->size() == 1 ? "" : "s");
    return std::nullopt;
  }
  input::Inventory inventory = std::get<input::Inventory>(std::move(result));
  for (const input::Diagnostic& warning : inventory.warnings) {
    fmt::print(streams.err, "warning: {}\n", warning.to_string());
  }
  return inventory;
}

}  // namespace nw::cli
