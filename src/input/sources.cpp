#include "input/sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace nw::input {
namespace {

namespace fs = std::filesystem;

bool is_manifest(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

std::variant<Source, Diagnostic> read_file(const std::string& name) {
  std::ifstream in(name, std::ios::binary);
  if (!in) return Diagnostic{{name, 0, 0}, "", "", "cannot open file"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Diagnostic{{name, 0, 0}, "", "", "cannot read file"};
  return Source{name, text.str()};
}

}  // namespace

std::variant<std::vector<Source>, Diagnostic> read_sources(const std::vector<std::string>& paths,
                                                           std::istream& standard_input) {
  std::vector<Source> sources;
  for (const std::string& path : paths) {
    if (path == "-") {
      sources.push_back({"-", std::string(std::istreambuf_iterator<char>(standard_input), {})});
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      return Diagnostic{{path, 0, 0}, "", "", "no such file or directory"};
    }
    std::vector<std::string> files;
    if (fs::is_directory(status)) {
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && is_manifest(it->path())) files.push_back(it->path().string());
      }
      if (ec) return Diagnostic{{path, 0, 0}, "", "", "cannot list directory: " + ec.message()};
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    for (const std::string& file : files) {
      auto source = read_file(file);
      if (auto* error = std::get_if<Diagnostic>(&source)) return *error;
      sources.push_back(std::get<Source>(std::move(source)));
    }
  }
  return sources;
}

}  // namespace nw::input
