#include "input/field.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace nw::input {
namespace {

Location location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

}  // namespace

Field::Field(YAML::Node node, std::string path, const DecodeContext* context, YAML::Mark fallback)
    : node_(std::move(node)), path_(std::move(path)), context_(context), fallback_(fallback) {}

Location Field::location() const {
  return location_of(context_->file, node_.IsDefined() ? node_.Mark() : fallback_);
}

void Field::fail(std::string message) const {
  throw DecodeFailure{Diagnostic{location(), context_->object, path_, std::move(message)}};
}

void Field::warn(std::string message) const {
  context_->warnings->push_back(
      Diagnostic{location(), context_->object, path_, std::move(message)});
}

std::string Field::kind_name() const {
  switch (node_.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return fmt::format("\"{}\"", node_.Scalar());
    default:
      return "nothing";
  }
}

Field Field::operator[](std::string_view key) const {
  std::string child_path = path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  YAML::Mark here = node_.IsDefined() ? node_.Mark() : fallback_;
  if (!present()) return Field(YAML::Node(YAML::NodeType::Undefined), child_path, context_, here);
  if (!node_.IsMap()) fail(fmt::format("expected a mapping, got {}", kind_name()));
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      return Field(entry.second, child_path, context_, entry.first.Mark());
    }
  }
  return Field(YAML::Node(YAML::NodeType::Undefined), child_path, context_, here);
}

const YAML::Node& Field::scalar_node(std::string_view expected) const {
  if (!present()) fail(fmt::format("required field is missing (expected {})", expected));
  if (!node_.IsScalar()) fail(fmt::format("expected {}, got {}", expected, kind_name()));
  return node_;
}

std::string Field::string() const {
  return scalar_node("a string").Scalar();
}

std::optional<std::string> Field::optional_string() const {
  if (!present()) return std::nullopt;
  return string();
}

int64_t Field::integer(int64_t min, int64_t max) const {
  const YAML::Node& n = scalar_node("an integer");
  const std::string& text = n.Scalar();
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && text[0] == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end) {
    fail(fmt::format("expected an integer, got {}", kind_name()));
  }
  // A quoted "5" is a string in YAML and JSON alike; Kubernetes rejects it for an integer field.
  if (n.Tag() == "!") {
    fail(fmt::format("expected an integer, got the string {} (write it without quotes)",
                     kind_name()));
  }
  // A bound at or beyond the int32 range is a representation limit, not a rule worth quoting.
  constexpr int64_t kLarge = std::numeric_limits<int32_t>::max();
  if (value < min) {
    fail(max >= kLarge ? fmt::format("must be at least {}, got {}", min, value)
                       : fmt::format("must be between {} and {}, got {}", min, max, value));
  }
  if (value > max) {
    fail(min < -kLarge ? fmt::format("must be at most {}, got {}", max, value)
                       : fmt::format("must be between {} and {}, got {}", min, max, value));
  }
  return value;
}

std::optional<int64_t> Field::optional_integer(int64_t min, int64_t max) const {
  if (!present()) return std::nullopt;
  return integer(min, max);
}

bool Field::boolean() const {
  const YAML::Node& n = scalar_node("true or false");
  if (n.Scalar() == "true" || n.Scalar() == "false") {
    if (n.Tag() != "!") return n.Scalar() == "true";
    fail(fmt::format("expected true or false, got the string {} (write it without quotes)",
                     kind_name()));
  }
  fail(fmt::format("expected true or false, got {}", kind_name()));
}

std::optional<bool> Field::optional_boolean() const {
  if (!present()) return std::nullopt;
  return boolean();
}

model::Quantity Field::quantity() const {
  const std::string& text = scalar_node("a quantity such as 500m, 2, 1.5Gi").Scalar();
  auto parsed = model::parse_quantity(text);
  if (auto* error = std::get_if<model::QuantityError>(&parsed)) {
    fail(fmt::format("invalid quantity \"{}\": {}", text, error->message));
  }
  return std::get<model::Quantity>(parsed);
}

model::Duration Field::duration() const {
  const std::string& text = scalar_node("a duration such as 30s or 1h30m").Scalar();
  auto parsed = model::parse_duration(text);
  if (auto* error = std::get_if<std::string>(&parsed)) fail(*error);
  return std::get<model::Duration>(parsed);
}

std::optional<model::Duration> Field::duration_or_never() const {
  if (scalar_node("a duration or Never").Scalar() == "Never") return std::nullopt;
  return duration();
}

std::vector<Field> Field::items() const {
  std::vector<Field> result;
  if (!present()) return result;
  if (!node_.IsSequence()) fail(fmt::format("expected a list, got {}", kind_name()));
  size_t index = 0;
  for (const auto& item : node_) {
    result.emplace_back(item, fmt::format("{}[{}]", path_, index++), context_, node_.Mark());
  }
  return result;
}

std::vector<std::pair<std::string, Field>> Field::entries() const {
  std::vector<std::pair<std::string, Field>> result;
  if (!present()) return result;
  if (!node_.IsMap()) fail(fmt::format("expected a mapping, got {}", kind_name()));
  for (const auto& entry : node_) {
    Field key(entry.first, path_, context_, node_.Mark());
    std::string name = key.string();
    if (std::any_of(result.begin(), result.end(), [&](const auto& e) { return e.first == name; })) {
      key.fail(fmt::format("duplicate key \"{}\"", name));
    }
    std::string child_path = path_.empty() ? name : fmt::format("{}.{}", path_, name);
    result.emplace_back(name, Field(entry.second, child_path, context_, entry.first.Mark()));
  }
  return result;
}

std::vector<std::string> Field::strings() const {
  std::vector<std::string> result;
  for (const Field& item : items()) result.push_back(item.string());
  return result;
}

std::vector<std::pair<std::string, std::string>> Field::string_map() const {
  std::vector<std::pair<std::string, std::string>> result;
  for (const auto& [key, value] : entries()) {
    result.emplace_back(key, value.present() ? value.string() : std::string());
  }
  std::sort(result.begin(), result.end());
  return result;
}

void Field::expect_only(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : entries()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      value.warn(fmt::format("unknown field \"{}\" is ignored", key));
    }
  }
}

}  // namespace nw::input
