// The simulate progress bar: one line's layout (bar width, percentage, times) and what is written
// to the stream, on a terminal and off one.
#include "cli/progress_bar.h"

#include <gtest/gtest.h>

#include <sstream>

namespace nw::cli {
namespace {

constexpr sim::SimTime kHour = 3'600'000;

TEST(ProgressLineTest, BarPercentageAndTimes) {
  // 2 h 5 min 30 s of 4 h: 52.3 % → 52 %, 10 cells × 0.523 → 5 filled.
  EXPECT_EQ(progress_line(0, 2, "karpenter", 2 * kHour + 330'000, 4 * kHour, 10),
            "variant 1/2 karpenter [#####.....] 52% 2h5m30s/4h");
  EXPECT_EQ(progress_line(1, 2, "cluster-autoscaler", 0, 20 * 60'000, 4),
            "variant 2/2 cluster-autoscaler [....] 0% 0s/20m");
  EXPECT_EQ(progress_line(1, 2, "ca", 20 * 60'000, 20 * 60'000, 4),
            "variant 2/2 ca [####] 100% 20m/20m");
  // Sub-second parts are dropped; 999 ms of 1 s is still 99 % and no full cell.
  EXPECT_EQ(progress_line(0, 1, "v", 999, 1'000, 3), "variant 1/1 v [##.] 99% 0s/1s");
  EXPECT_EQ(progress_line(0, 1, "v", 45'500, 90'000, 20),
            "variant 1/1 v [##########..........] 50% 45s/1m30s");
  // A zero-length scenario is done at once; times beyond the end are clamped to it.
  EXPECT_EQ(progress_line(0, 1, "v", 0, 0, 2), "variant 1/1 v [##] 100% 0s/0s");
  EXPECT_EQ(progress_line(0, 1, "v", 2'000, 1'000, 2), "variant 1/1 v [##] 100% 1s/1s");
}

TEST(ProgressBarTest, RedrawsInPlaceAndClearsOnATerminal) {
  std::ostringstream out;
  ProgressBar bar(out, true, {"a-long-name", "b"});
  bar.update(0, 0, 1'000);
  const std::string first = progress_line(0, 2, "a-long-name", 0, 1'000, ProgressBar::kBarWidth);
  EXPECT_EQ(out.str(), "\r" + first);
  bar.update(1, 500, 1'000);
  const std::string second = progress_line(1, 2, "b", 500, 1'000, ProgressBar::kBarWidth);
  // The shorter line blanks out the end of the longer one.
  ASSERT_LT(second.size(), first.size());
  EXPECT_EQ(out.str(),
            "\r" + first + "\r" + second + std::string(first.size() - second.size(), ' '));
  out.str("");
  bar.clear();
  EXPECT_EQ(out.str(), "\r" + std::string(second.size(), ' ') + "\r");
  out.str("");
  bar.clear();  // nothing on screen any more
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressBarTest, SilentOffATerminal) {
  std::ostringstream out;
  ProgressBar bar(out, false, {"a"});
  bar.update(0, 500, 1'000);
  bar.clear();
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace nw::cli
