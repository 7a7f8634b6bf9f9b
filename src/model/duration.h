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
  // Go's Duration.String() without its zero components: "720h0m0s" → "720h", "90s" → "1m30s",
  // "90.5s" → "1m30.5s", "0.5s" → "500ms", zero → "0s".
  std::string to_string() const;
  friend auto operator<=>(const Duration&, const Duration&) = default;
};

// Parses a Go duration (units ns us µs ms s m h; fractions allowed; sub-millisecond parts round
// up, where Go truncates to nanoseconds). Negative durations are rejected ("-0" and "-0s" are
// zero, as in Go); the error is returned as text.
std::variant<Duration, std::string> parse_duration(std::string_view text);

}  // namespace nw::model
