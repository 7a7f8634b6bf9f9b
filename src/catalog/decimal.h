// Exact decimal-to-integer conversion for the catalog's money and bandwidth columns.
//
// Assumes: the text is plain positional decimal as the catalog CSV writes it ("0.096", "12",
// "16.666"): ASCII digits, at most one '.', digits on both sides of it, no sign, exponent or
// spaces. Guarantees: no floating point is involved; the result is the value scaled by
// 10^scale, rounded half up when the text has more fractional digits than `scale` (the rounding
// looks at the first dropped digit, which is exact because the text is exact); nullopt for
// malformed text or a result that does not fit in int64.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nw::catalog {

// `scale` is the number of decimal places kept, 0..18: 6 turns dollars into micro-dollars,
// 3 turns Gbps into Mbps.
std::optional<int64_t> parse_scaled_decimal(std::string_view text, int scale);

}  // namespace nw::catalog
