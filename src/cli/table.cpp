#include "cli/table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace nw::cli {

void Table::print(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const Column& column : columns_) widths.push_back(column.header.size());
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += "  ";
      line += columns_[i].align == Align::Right ? fmt::format("{:>{}}", cells[i], widths[i])
                                                : fmt::format("{:<{}}", cells[i], widths[i]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    fmt::print(out, "{}\n", line);
  };
  std::vector<std::string> headers;
  for (const Column& column : columns_) headers.push_back(column.header);
  print_row(headers);
  for (const auto& row : rows_) print_row(row);
}

std::string format_dollars(int64_t micro_dollars) {
  int64_t ten_thousandths = (micro_dollars + 50) / 100;
  return fmt::format("{}.{:04}", ten_thousandths / 10000, ten_thousandths % 10000);
}

}  // namespace nw::cli
