// Helpers for the input tests: load inline YAML/JSON through nw::input::load and unwrap the
// result, failing the test with every diagnostic when the outcome is not the expected one.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <set>
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

// One bad input and the whole diagnostic a user should see for it (the bad-input corpora).
struct BadCase {
  const char* name;  // a gtest-friendly identifier
  std::string text;
  int line;
  int column;
  std::string object;  // `NodePool "x"`; empty for stream-level errors
  std::string field;
  std::string message;  // a substring of the message
  std::string file = "bad.yaml";
};

inline std::ostream& operator<<(std::ostream& out, const BadCase& c) {
  return out << c.name;
}

// Loads the case; expects exactly its one error, at its file, line, column, object and field.
inline void expect_located_error(const BadCase& c) {
  std::vector<Diagnostic> errors = load_errors(std::vector<Source>{{c.file, c.text}});
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  const Diagnostic& d = errors[0];
  EXPECT_EQ(d.where.file, c.file);
  EXPECT_EQ(d.where.line, c.line) << d.to_string();
  EXPECT_EQ(d.where.column, c.column) << d.to_string();
  EXPECT_EQ(d.object, c.object) << d.to_string();
  EXPECT_EQ(d.field, c.field) << d.to_string();
  EXPECT_NE(d.message.find(c.message), std::string::npos)
      << "message: " << d.message << "\nexpected to contain: " << c.message;
}

// Every case of a corpus has its own name (gtest would run a repeated one once).
inline void expect_unique_names(const std::vector<BadCase>& cases) {
  std::set<std::string> names;
  for (const BadCase& c : cases) EXPECT_TRUE(names.insert(c.name).second) << c.name;
}

}  // namespace nw::input::testing

// Runs expect_located_error on each case `cases()` returns, as the parameterised test
// Corpus/<Suite>.ReportsTheExactLocationObjectFieldAndMessage/<case name>, and checks that the
// case names are unique (<Suite>Names.CaseNamesAreUnique). Use inside the test file's namespace.
#define NW_LOCATED_ERROR_CORPUS(Suite, cases)                                         \
  class Suite : public ::testing::TestWithParam<::nw::input::testing::BadCase> {};    \
  TEST_P(Suite, ReportsTheExactLocationObjectFieldAndMessage) {                       \
    ::nw::input::testing::expect_located_error(GetParam());                           \
  }                                                                                   \
  INSTANTIATE_TEST_SUITE_P(                                                           \
      Corpus, Suite, ::testing::ValuesIn(cases()),                                    \
      [](const ::testing::TestParamInfo<::nw::input::testing::BadCase>& param_info) { \
        return std::string(param_info.param.name);                                    \
      });                                                                             \
  TEST(Suite##Names, CaseNamesAreUnique) {                                            \
    ::nw::input::testing::expect_unique_names(cases());                               \
  }
