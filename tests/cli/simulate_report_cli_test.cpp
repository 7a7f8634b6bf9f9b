// `nodewright simulate --out` as a script runs it: standard error is not a terminal, so no
// progress bar is drawn, and report.html is written with the other files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli_test_util.h"

namespace nw::cli::testing {
namespace {

TEST(SimulateReportCliTest, WritesTheReportAndNoProgressOffATerminal) {
  TempDir dir;
  const std::filesystem::path out = dir.path() / "out";
  RunResult r =
      run_nodewright({"simulate", "tests/fixtures/simulate/variants.yaml", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");  // no progress bar, not even a carriage return
  std::ifstream in(out / "report.html", std::ios::binary);
  std::ostringstream html;
  html << in.rdbuf();
  EXPECT_TRUE(html.str().starts_with("<!DOCTYPE html>\n")) << html.str().substr(0, 80);
  // Both variants of the fixture, each in every chart.
  for (const char* variant : {"on-demand", "spot"}) {
    const std::string series = std::string(R"(class="series" data-variant=")") + variant + "\"";
    size_t count = 0;
    for (size_t at = html.str().find(series); at != std::string::npos;
         at = html.str().find(series, at + 1)) {
      ++count;
    }
    EXPECT_EQ(count, 5u) << variant;  // nodes (spot, on-demand), pending, cost, histogram
  }
}

}  // namespace
}  // namespace nw::cli::testing
