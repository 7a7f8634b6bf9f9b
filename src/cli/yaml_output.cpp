#include "cli/yaml_output.h"

#include <yaml-cpp/yaml.h>

namespace nw::cli {
namespace {

void emit(YAML::Emitter& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::ordered_json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : value) emit(out, item);
      out << YAML::EndSeq;
      break;
    case nlohmann::ordered_json::value_t::string:
      out << YAML::DoubleQuoted << value.get<std::string>();
      break;
    case nlohmann::ordered_json::value_t::null:
      out << YAML::Null;
      break;
    default:  // numbers and booleans print as JSON prints them
      out << value.dump();
      break;
  }
}

}  // namespace

std::string to_yaml(const nlohmann::ordered_json& document) {
  YAML::Emitter out;
  emit(out, document);
  return std::string(out.c_str()) + "\n";
}

}  // namespace nw::cli
