#include "workloads/spark_submit.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace nw::workloads {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The flags that set a Spark property (SparkSubmit.prepareSubmitEnvironment's OptionAssigners).
struct PropertyFlag {
  std::string_view flag;
  std::string_view property;
};
constexpr std::array<PropertyFlag, 6> kPropertyFlags = {{
    {"--name", "spark.app.name"},
    {"--num-executors", "spark.executor.instances"},
    {"--executor-cores", "spark.executor.cores"},
    {"--executor-memory", "spark.executor.memory"},
    {"--driver-cores", "spark.driver.cores"},
    {"--driver-memory", "spark.driver.memory"},
}};

// Flags with a value that shape no pod.
constexpr std::array<std::string_view, 17> kIgnoredWithValue = {"--class",
                                                                "--jars",
                                                                "--py-files",
                                                                "--files",
                                                                "--archives",
                                                                "--packages",
                                                                "--exclude-packages",
                                                                "--repositories",
                                                                "--driver-java-options",
                                                                "--driver-library-path",
                                                                "--driver-class-path",
                                                                "--proxy-user",
                                                                "--queue",
                                                                "--total-executor-cores",
                                                                "--deploy-mode",
                                                                "--master",
                                                                "--properties-file"};
constexpr std::array<std::string_view, 3> kSwitches = {"--verbose", "-v", "--supervise"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

std::variant<std::vector<std::string>, std::string> split_shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_blank(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (i + 1 == text.size()) return std::string("the text ends with a lone backslash");
      word.push_back(text[++i]);
    } else if (c == '\'') {
      size_t close = text.find('\'', i + 1);
      if (close == std::string_view::npos) {
        return fmt::format("the single quote at character {} is never closed", i + 1);
      }
      word.append(text.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '"') {
      size_t open = i;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() &&
            std::string_view("\"\\$`").find(text[i + 1]) != std::string_view::npos) {
          ++i;
        }
        word.push_back(text[i]);
      }
      if (i == text.size()) {
        return fmt::format("the double quote at character {} is never closed", open + 1);
      }
    } else {
      word.push_back(c);
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::variant<SparkSubmitParameters, std::string> parse_spark_submit_parameters(
    std::string_view text) {
  auto split = split_shell_words(text);
  if (auto* error = std::get_if<std::string>(&split)) return *error;
  const std::vector<std::string>& words = std::get<std::vector<std::string>>(split);

  SparkSubmitParameters result;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string flag = words[i];
    std::optional<std::string> value;
    // SparkSubmitOptionParser: "--flag=value" is "--flag value".
    if (size_t eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (!flag.starts_with("-")) continue;  // an application argument
    if (contains(kSwitches, flag)) continue;
    auto take_value = [&]() -> std::optional<std::string> {
      if (value) return value;
      if (i + 1 < words.size()) return words[++i];
      return std::nullopt;
    };
    auto property = std::find_if(kPropertyFlags.begin(), kPropertyFlags.end(),
                                 [&](const PropertyFlag& p) { return p.flag == flag; });
    bool known = flag == "--conf" || flag == "-c" || property != kPropertyFlags.end() ||
                 contains(kIgnoredWithValue, flag);
    if (!known) return fmt::format("unknown spark-submit option \"{}\"", flag);
    std::optional<std::string> given = take_value();
    if (!given) return fmt::format("spark-submit option \"{}\" needs a value", flag);
    if (flag == "--conf" || flag == "-c") {
      // Utils.parseSparkConfProperty: split at the first '='.
      size_t eq = given->find('=');
      if (eq == std::string::npos) {
        return fmt::format("--conf \"{}\" has no '=' (expected --conf key=value)", *given);
      }
      model::set_label(result.conf, given->substr(0, eq), given->substr(eq + 1));
    } else if (property != kPropertyFlags.end()) {
      model::set_label(result.flags, std::string(property->property), *given);
    }
  }
  return result;
}

}  // namespace nw::workloads
