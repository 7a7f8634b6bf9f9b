// Typed, located access to one decoded YAML/JSON value, for the decoders in this folder.
//
// A Field knows its path from the object's root ("spec.limits.cpu") and its position in the file,
// so any decoder can stop with a precise message by calling fail(). fail() throws DecodeFailure,
// which never leaves src/input/: the loader catches it at the object boundary and turns it into a
// Diagnostic, skipping that object. Using an exception here keeps the many field decoders free of
// error plumbing; every public entry point of the module returns errors as values.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/diagnostic.h"
#include "model/duration.h"
#include "model/quantity.h"

namespace nw::input {

struct DecodeFailure {
  Diagnostic diagnostic;
};

// Shared by every Field of one object.
struct DecodeContext {
  std::string file;
  std::string object;                 // `NodePool "spark"`
  std::vector<Diagnostic>* warnings;  // never null
};

class Field {
 public:
  Field(YAML::Node node, std::string path, const DecodeContext* context, YAML::Mark fallback);

  bool present() const { return node_.IsDefined() && !node_.IsNull(); }
  const std::string& path() const { return path_; }
  Location location() const;

  // A child of a mapping; absent when the key is missing. Fails if this value is present and is
  // not a mapping.
  Field operator[](std::string_view key) const;

  std::string string() const;  // required scalar
  std::optional<std::string> optional_string() const;
  int64_t integer(int64_t min, int64_t max) const;  // a plain (unquoted) integer in [min, max]
  std::optional<int64_t> optional_integer(int64_t min, int64_t max) const;
  bool boolean() const;  // true or false
  std::optional<bool> optional_boolean() const;
  model::Quantity quantity() const;  // "1.5Gi", 2, "100m"
  model::Duration duration() const;  // "30s", "1h30m"
  // A duration or the literal "Never" (nullopt).
  std::optional<model::Duration> duration_or_never() const;
  std::vector<Field> items() const;                            // a list; absent → empty
  std::vector<std::pair<std::string, Field>> entries() const;  // a mapping; absent → empty
  std::vector<std::string> strings() const;                    // a list of scalars
  std::vector<std::pair<std::string, std::string>> string_map() const;  // sorted by key

  // Warns about keys outside `known` (a misspelt field is otherwise silently ignored).
  void expect_only(std::initializer_list<std::string_view> known) const;

  [[noreturn]] void fail(std::string message) const;
  void warn(std::string message) const;
  // Where this object's warnings go, for decoding a file this field refers to.
  std::vector<Diagnostic>* warnings() const { return context_->warnings; }

 private:
  const YAML::Node& scalar_node(std::string_view expected) const;
  std::string kind_name() const;

  YAML::Node node_;
  std::string path_;
  const DecodeContext* context_;
  YAML::Mark fallback_;  // where to point when this value is absent: its parent
};

}  // namespace nw::input
