// Time as the controllers see it. Nothing in decision code reads the system clock: the simulator
// injects its virtual clock, the live controller (planned) a real one.
#pragma once

#include <cstdint>
#include <limits>

namespace nw::karpenter {

using Timestamp = int64_t;  // milliseconds; the simulator counts from the scenario's start
inline constexpr Timestamp kNotYet = -1;
inline constexpr Timestamp kNoWakeup = std::numeric_limits<Timestamp>::max();

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

}  // namespace nw::karpenter
