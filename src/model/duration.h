// Go-style durations as Kubernetes and Karpenter write them ("30s", "1h30m", "720h", "1.5h",
// "100ms"), held as whole milliseconds. "Never" is modelled by callers as an empty optional.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace nw::model {

struct Duration {
  int64_t millis = 0;
  static Duration seconds(int64_t s) { return {s * 1000}; }
  std::string to_string() const;  // canonical Go form: "720h0m0s" → "720h", "90s" → "1m30s"
  friend auto operator<=>(const Duration&, const Duration&) = default;
};

// Parses a Go duration (units ns us µs ms s m h; fractions allowed; sub-millisecond parts round
// up). Negative durations are rejected; the error is returned as text.
std::variant<Duration, std::string> parse_duration(std::string_view text);

}  // namespace nw::model
