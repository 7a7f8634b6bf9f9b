// The simulator's seeded random numbers. std::mt19937_64 is specified bit for bit by the C++
// standard, and every draw below is computed here rather than by a standard distribution (whose
// algorithms differ between libraries), so a seed gives the same run everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

#include "sim/scenario.h"

namespace nw::sim {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform in [lo, hi] (lo <= hi), without modulo bias.
  int64_t uniform(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    if (span == 0) return lo + static_cast<int64_t>(engine_());  // the full 64-bit range
    const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    uint64_t x;
    do {
      x = engine_();
    } while (x >= limit);
    return lo + static_cast<int64_t>(x % span);
  }
  int64_t latency(const Latency& latency) { return uniform(latency.min_ms, latency.max_ms); }
  // True with probability ppm / 1,000,000.
  bool chance_ppm(int64_t ppm) { return ppm > 0 && uniform(0, 999'999) < ppm; }
  // An exponentially distributed interval with the given mean, in whole milliseconds (workload
  // arrivals only; no autoscaling decision reads it).
  int64_t exponential_ms(int64_t mean_ms) {
    const double u = (static_cast<double>(uniform(0, (int64_t{1} << 53) - 1)) + 0.5) /
                     static_cast<double>(int64_t{1} << 53);
    return static_cast<int64_t>(std::llround(-std::log(u) * static_cast<double>(mean_ms)));
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace nw::sim
