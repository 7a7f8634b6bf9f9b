// Formatting shared by the report writers: exact decimals from integers, rounding half up, RFC
// 4180 fields, HTML escaping, and the rows of the variant comparison. Internal to src/report/ (and
// its tests).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/quantity.h"
#include "report/report.h"

namespace nw::report::detail {

// n / d rounded half up (towards +∞ on a tie), for d > 0.
model::Int128 round_div(model::Int128 n, model::Int128 d);

// value / 10^scale written exactly, trailing fractional zeros and a bare point dropped:
// (12500, 3) → "12.5", (3000, 3) → "3", (-1, 6) → "-0.000001". 0 <= scale <= 18.
std::string exact_decimal(int64_t value, int scale);

// value / 10^scale rounded half up to `decimals` places and written with exactly that many:
// (12345, 3, 1) → "12.3", (12350, 3, 1) → "12.4", (5, 6, 2) → "0.00". 0 <= decimals <= scale.
std::string fixed_decimal(int64_t value, int scale, int decimals);

// Bytes as thousandths of a GiB (2^30 bytes), rounded half up.
int64_t gib_thousandths(int64_t bytes);

// A time in milliseconds as seconds ("12.345"), or "" for kNever.
std::string seconds_or_empty(int64_t ms);

// The field as RFC 4180 writes it: quoted, with quotes doubled, only if it contains a comma, a
// double quote, CR or LF.
std::string csv_field(std::string_view field);

// The fields joined by commas, each through csv_field, with a trailing "\n".
std::string csv_line(const std::vector<std::string>& fields);

// A percentile of `d` in seconds with one decimal, or "-" when `d` is over nothing.
std::string seconds_cell(const Distribution& d, int64_t ms);

// The figures the terminal table and the HTML comparison show, one row per figure: a label, then
// one cell per summary (dollars with 2 decimals, seconds with 1, percentages with 1).
std::vector<std::vector<std::string>> comparison_rows(const std::vector<VariantSummary>& summaries);

// `text` with &, <, >, " and ' replaced by character references, for HTML text and attributes.
std::string html_escape(std::string_view text);

}  // namespace nw::report::detail
