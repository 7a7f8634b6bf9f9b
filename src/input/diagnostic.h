// Errors and warnings about user input, each naming where it is (file, line, column), which
// object it concerns (kind, namespace/name) and which field (a JSONPath-like path), so a user can
// go straight to the mistake.
#pragma once

#include <string>
#include <vector>

namespace nw::input {

struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  Location where;
  std::string object;  // `NodePool "spark"`, `Pod "default/exec-1"`; empty when none
  std::string field;   // `spec.template.spec.requirements[0].operator`; empty when none
  std::string message;

  // "file:line:col: NodePool "x": spec.weight: must be between 1 and 100"
  std::string to_string() const;
};

}  // namespace nw::input
