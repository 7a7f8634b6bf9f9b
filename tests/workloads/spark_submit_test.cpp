// spark-submit parameters as EMR passes them: shell word splitting, then flags and --conf read
// with spark-submit's precedence (a dedicated flag beats --conf; the last of a key wins).
#include "workloads/spark_submit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

namespace nw::workloads {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::vector<std::string> words(std::string_view text) {
  auto split = split_shell_words(text);
  if (auto* error = std::get_if<std::string>(&split)) {
    ADD_FAILURE() << *error;
    return {};
  }
  return std::get<std::vector<std::string>>(split);
}

std::string error_of(std::string_view text) {
  auto parsed = parse_spark_submit_parameters(text);
  if (!std::holds_alternative<std::string>(parsed)) {
    ADD_FAILURE() << "expected an error for " << text;
    return {};
  }
  return std::get<std::string>(parsed);
}

TEST(ShellWords, QuotesAndEscapesAsAPosixShell) {
  EXPECT_THAT(words("  a  b\tc\n"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(words("--conf 'k=a b' \"x y\""), ElementsAre("--conf", "k=a b", "x y"));
  EXPECT_THAT(words("'it''s'"), ElementsAre("its"));                // adjacent quotes join
  EXPECT_THAT(words(R"("a\"b\\c\d")"), ElementsAre(R"(a"b\c\d)"));  // \d stays in double quotes
  EXPECT_THAT(words(R"(a\ b '\n')"), ElementsAre("a b", R"(\n)"));
  EXPECT_THAT(words("k=''"), ElementsAre("k="));
  EXPECT_THAT(words(""), ElementsAre());
}

TEST(ShellWords, UnclosedQuotesAndATrailingBackslashAreErrors) {
  EXPECT_EQ(std::get<std::string>(split_shell_words("a 'b")),
            "the single quote at character 3 is never closed");
  EXPECT_EQ(std::get<std::string>(split_shell_words("\"b")),
            "the double quote at character 1 is never closed");
  EXPECT_EQ(std::get<std::string>(split_shell_words("a\\")), "the text ends with a lone backslash");
}

TEST(SparkSubmitParameters, FlagsWinOverConfAndTheLastOfAKeyWins) {
  auto parsed = parse_spark_submit_parameters(
      "--class X --conf spark.executor.memory=2g --executor-memory 4g --conf "
      "spark.executor.memory=3g -c spark.a=1 --conf=spark.a=2 --num-executors=7 --verbose "
      "--jars a.jar,b.jar app-arg");
  ASSERT_TRUE(std::holds_alternative<SparkSubmitParameters>(parsed));
  const auto& p = std::get<SparkSubmitParameters>(parsed);
  EXPECT_THAT(p.conf, ElementsAre(Pair("spark.a", "2"), Pair("spark.executor.memory", "3g")));
  EXPECT_THAT(p.flags, ElementsAre(Pair("spark.executor.instances", "7"),
                                   Pair("spark.executor.memory", "4g")));
}

TEST(SparkSubmitParameters, AValueMayHoldEqualsSigns) {
  auto parsed = parse_spark_submit_parameters("--conf spark.driver.extraJavaOptions=-Da=b");
  ASSERT_TRUE(std::holds_alternative<SparkSubmitParameters>(parsed));
  EXPECT_THAT(std::get<SparkSubmitParameters>(parsed).conf,
              ElementsAre(Pair("spark.driver.extraJavaOptions", "-Da=b")));
}

TEST(SparkSubmitParameters, BadParametersAreNamed) {
  EXPECT_EQ(error_of("--executer-memory 4g"), "unknown spark-submit option \"--executer-memory\"");
  EXPECT_EQ(error_of("--conf spark.executor.cores"),
            "--conf \"spark.executor.cores\" has no '=' (expected --conf key=value)");
  EXPECT_EQ(error_of("--num-executors"), "spark-submit option \"--num-executors\" needs a value");
  EXPECT_THAT(error_of("--conf 'a=b"), HasSubstr("never closed"));
}

}  // namespace
}  // namespace nw::workloads
