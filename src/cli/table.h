// Plain-text tables for terminal output: a header row and aligned columns.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace nw::cli {

class Table {
 public:
  enum class Align { Left, Right };
  struct Column {
    std::string header;
    Align align = Align::Left;
  };

  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // Precondition: one cell per column.
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Money for people: micro-dollars as dollars with four decimals, rounded half up ("0.0960").
std::string format_dollars(int64_t micro_dollars);

}  // namespace nw::cli
