#include "input/requirement_flag.h"

#include <fmt/format.h>

#include <sstream>

#include "input/decoders.h"

namespace nw::input {

std::variant<model::Requirement, Diagnostic> parse_requirement_flag(std::string_view text) {
  std::istringstream words{std::string(text)};
  std::string key, op, values, extra;
  words >> key >> op >> values >> extra;
  const Location where{"--requirement", 0, 0};
  if (key.empty() || op.empty() || !extra.empty()) {
    return Diagnostic{where, "", "",
                      fmt::format("\"{}\": expected \"KEY OPERATOR [VALUE,VALUE...]\"", text)};
  }
  // Build the NodeSelectorRequirement a NodePool would hold and decode it with the NodePool rules.
  YAML::Node item;
  item["key"] = key;
  item["operator"] = op;
  YAML::Node list(YAML::NodeType::Sequence);
  std::istringstream parts(values);
  for (std::string value; std::getline(parts, value, ',');) list.push_back(value);
  if (list.size() > 0) item["values"] = list;
  YAML::Node requirements(YAML::NodeType::Sequence);
  requirements.push_back(item);

  std::vector<Diagnostic> warnings;
  DecodeContext context{"--requirement", fmt::format("\"{}\"", text), &warnings};
  try {
    Field root(requirements, "", &context, YAML::Mark::null_mark());
    model::Requirements decoded =
        decode::requirements(root, decode::RequirementDialect::KarpenterNodePool);
    return decoded.items().front();
  } catch (const DecodeFailure& failure) {
    Diagnostic diagnostic = failure.diagnostic;
    diagnostic.where = where;
    // The path runs through the one-item list built above; the user wrote no list.
    if (diagnostic.field.starts_with("[0].")) diagnostic.field.erase(0, 4);
    return diagnostic;
  }
}

}  // namespace nw::input
