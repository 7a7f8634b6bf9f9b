#include "cli/progress_bar.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/duration.h"

namespace nw::cli {
namespace {

std::string whole_seconds(sim::SimTime ms) {
  return model::Duration{ms / 1000 * 1000}.to_string();
}

}  // namespace

std::string progress_line(size_t variant, size_t variants, std::string_view name, sim::SimTime now,
                          sim::SimTime end, int bar_width) {
  now = std::clamp<sim::SimTime>(now, 0, std::max<sim::SimTime>(end, 0));
  const int64_t percent = end <= 0 ? 100 : now * 100 / end;
  const int64_t filled = end <= 0 ? bar_width : now * bar_width / end;
  return fmt::format("variant {}/{} {} [{}{}] {}% {}/{}", variant + 1, variants, name,
                     std::string(static_cast<size_t>(filled), '#'),
                     std::string(static_cast<size_t>(bar_width - filled), '.'), percent,
                     whole_seconds(now), whole_seconds(end));
}

void ProgressBar::update(size_t variant, sim::SimTime now, sim::SimTime end) {
  if (!enabled_) return;
  std::string_view name;  // (a ternary with "" would make a temporary std::string)
  if (variant < variants_.size()) name = variants_[variant];
  const std::string line = progress_line(variant, variants_.size(), name, now, end, kBarWidth);
  // Blank out what is left of a longer previous line (a longer variant name).
  const size_t padding = drawn_ > line.size() ? drawn_ - line.size() : 0;
  out_ << '\r' << line << std::string(padding, ' ') << std::flush;
  drawn_ = line.size();
}

void ProgressBar::clear() {
  if (drawn_ == 0) return;
  out_ << '\r' << std::string(drawn_, ' ') << '\r' << std::flush;
  drawn_ = 0;
}

}  // namespace nw::cli
