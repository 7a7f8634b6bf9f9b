// Reading `-f` arguments: files, directories (every *.yaml, *.yml and *.json below them, in
// sorted path order so results never depend on directory iteration order) and "-" for stdin.
#pragma once

#include <istream>
#include <string>
#include <variant>
#include <vector>

#include "input/diagnostic.h"

namespace nw::input {

struct Source {
  std::string name;  // the path as the user wrote it (or below the directory they named); "-"
  std::string text;
};

std::variant<std::vector<Source>, Diagnostic> read_sources(const std::vector<std::string>& paths,
                                                           std::istream& standard_input);

}  // namespace nw::input
