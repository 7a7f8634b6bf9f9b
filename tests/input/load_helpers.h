// Helpers for the input tests: load inline YAML/JSON through nw::input::load and unwrap the
// result, failing the test with every diagnostic when the outcome is not the expected one.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "input/loader.h"

namespace nw::input::testing {

inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += "\n  " + d.to_string();
  return text;
}

// Loads `sources`; expects success. On failure the test fails and an empty inventory is returned.
inline Inventory load_ok(const std::vector<Source>& sources) {
  LoadResult result = load(sources);
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&result)) {
    ADD_FAILURE() << "expected the input to load, got errors:" << describe(*errors);
    return {};
  }
  return std::get<Inventory>(std::move(result));
}

inline Inventory load_ok(const std::string& text, const std::string& name = "input.yaml") {
  return load_ok(std::vector<Source>{{name, text}});
}

// Loads `sources`; expects errors (and therefore no inventory).
inline std::vector<Diagnostic> load_errors(const std::vector<Source>& sources) {
  LoadResult result = load(sources);
  if (std::holds_alternative<Inventory>(result)) {
    ADD_FAILURE() << "expected errors, but the input loaded";
    return {};
  }
  return std::get<std::vector<Diagnostic>>(std::move(result));
}

inline std::vector<Diagnostic> load_errors(const std::string& text,
                                           const std::string& name = "input.yaml") {
  return load_errors(std::vector<Source>{{name, text}});
}

}  // namespace nw::input::testing
