// YAML rendering of the JSON documents the commands build, so `-o yaml` shows exactly the
// fields `-o json` does, in the same order.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace nw::cli {

std::string to_yaml(const nlohmann::ordered_json& document);

}  // namespace nw::cli
