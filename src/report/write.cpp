// write_outputs: every file or none, through temporaries renamed into place at the end.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "report/report.h"

namespace nw::report {
namespace {

namespace fs = std::filesystem;

std::string os_error(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// Writes `content` to `path`, replacing it; the error message on failure. `opened` tells whether
// the file was created (or truncated), so that it is ours to remove.
std::optional<std::string> write_file(const fs::path& path, const std::string& content,
                                      bool& opened) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  opened = file != nullptr;
  if (file == nullptr) return "cannot write " + path.string() + ": " + os_error(errno);
  errno = 0;
  bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size() &&
                 std::fflush(file) == 0;
  int error = errno;
  if (std::fclose(file) != 0 && written) {
    written = false;
    error = errno;
  }
  if (!written) return "cannot write " + path.string() + ": " + os_error(error != 0 ? error : EIO);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_outputs(const fs::path& dir, const sim::Scenario& scenario,
                                         const std::vector<sim::VariantResult>& results) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create directory " + dir.string() + ": " + ec.message();

  const std::string contents[] = {summary_json(scenario, results).dump(2) + "\n",
                                  timeline_csv(results),
                                  pods_csv(results),
                                  applications_csv(results),
                                  nodes_csv(results),
                                  html_report(scenario, results)};
  static_assert(std::size(contents) == std::size(kOutputFiles));

  std::vector<std::pair<fs::path, fs::path>> files;  // temporary, final
  for (const char* name : kOutputFiles) {
    files.emplace_back(dir / (std::string(".") + name + ".tmp"), dir / name);
  }
  size_t created = 0;  // temporaries [0, created) are ours to remove
  auto fail = [&](std::string message) {
    for (size_t i = 0; i < created; ++i) fs::remove(files[i].first, ec);
    return std::optional<std::string>(std::move(message));
  };

  for (size_t i = 0; i < files.size(); ++i) {
    bool opened = false;
    auto error = write_file(files[i].first, contents[i], opened);
    if (opened) created = i + 1;
    if (error) return fail(*error);
  }
  // A final name that is a directory would make its rename fail after others succeeded.
  for (const auto& file : files) {
    if (fs::is_directory(file.second, ec)) {
      return fail("cannot replace " + file.second.string() + ": " + os_error(EISDIR));
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    fs::rename(files[i].first, files[i].second, ec);
    if (ec) {
      std::string message = "cannot rename " + files[i].first.string() + " to " +
                            files[i].second.string() + ": " + ec.message();
      if (i > 0) message += " (the files renamed before it are new, the others old)";
      return fail(std::move(message));
    }
  }
  return std::nullopt;
}

}  // namespace nw::report
