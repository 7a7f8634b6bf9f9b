// The progress bar `simulate` shows on a terminal: one line, redrawn in place (carriage return)
// at each progress report of sim::simulate, erased when the run is done. Whether to draw is
// decided by the caller (standard error is a terminal), so pipes and tests see nothing. It is
// redrawn on every report, never throttled by the wall clock: sim::simulate reports about 100
// times per variant.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario.h"

namespace nw::cli {

// One line of the bar, e.g. "variant 1/2 karpenter [#######.............] 35% 1h24m/4h":
// `variant` counts from 0, `bar_width` cells of which ⌊now × bar_width / end⌋ are filled, the
// percentage is ⌊now × 100 / end⌋ (100 when end is 0), and the times are whole seconds as
// model::Duration writes them.
std::string progress_line(size_t variant, size_t variants, std::string_view name, sim::SimTime now,
                          sim::SimTime end, int bar_width);

class ProgressBar {
 public:
  static constexpr int kBarWidth = 30;

  // Draws on `out` only if `enabled`; `variants` are the names, in run order.
  ProgressBar(std::ostream& out, bool enabled, std::vector<std::string> variants)
      : out_(out), enabled_(enabled), variants_(std::move(variants)) {}

  // sim::Progress: redraws the line.
  void update(size_t variant, sim::SimTime now, sim::SimTime end);
  // Erases the line, leaving the cursor at its start (nothing if nothing was drawn).
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  std::vector<std::string> variants_;
  size_t drawn_ = 0;  // the length of the line on screen, to blank it out
};

}  // namespace nw::cli
