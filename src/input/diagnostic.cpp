#include "input/diagnostic.h"

#include <fmt/format.h>

namespace nw::input {

std::string Diagnostic::to_string() const {
  std::string text = where.file;
  if (where.line > 0) text += fmt::format(":{}:{}", where.line, where.column);
  text += ": ";
  if (!object.empty()) text += object + ": ";
  if (!field.empty()) text += field + ": ";
  return text + message;
}

}  // namespace nw::input
