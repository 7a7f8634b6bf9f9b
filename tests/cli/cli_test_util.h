// Running the real `nodewright` binary from tests: arguments, optional standard input, and the
// captured standard output, standard error and exit status.
//
// The binary is NODEWRIGHT_BIN (a full path, set by CMake); by default it runs in the repository
// root (NODEWRIGHT_SOURCE_DIR) so that paths such as "examples" resolve as in the README.
// Output is captured through files in a temporary directory unique to each call, so tests can run
// in parallel and never block on a full pipe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nw::cli::testing {

struct RunResult {
  int exit_code = -1;  // the process's exit status; 128 + N when killed by signal N
  std::string out;
  std::string err;
};

RunResult run_nodewright(const std::vector<std::string>& args,
                         const std::string& standard_input = "",
                         const std::filesystem::path& working_directory = NODEWRIGHT_SOURCE_DIR);

// A fresh directory under the system temporary directory, removed with everything in it when the
// object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to `relative` (creating parent directories) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// `text` split at '\n' (a final empty piece after a trailing newline is dropped).
std::vector<std::string> lines(const std::string& text);

}  // namespace nw::cli::testing
