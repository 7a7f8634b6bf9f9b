// spark-submit's command line as EMR on EKS passes it (StartJobRun's sparkSubmitParameters): the
// text split into words as a POSIX shell splits them, then read as SparkSubmitArguments reads
// them, into the Spark properties they set.
//
// Precedence (SparkSubmitArguments.loadEnvironmentArguments): a dedicated flag such as
// --executor-memory wins over `--conf spark.executor.memory=...`, which wins over the properties
// file (spark-defaults). Among repeated --conf of one key, and repeated flags, the last wins.
//
// Read and kept: --conf/-c k=v, --name, --num-executors, --executor-cores, --executor-memory,
// --driver-cores, --driver-memory. Accepted and ignored (they do not shape pods): --class,
// --jars, --py-files, --files, --archives, --packages, --exclude-packages, --repositories,
// --driver-java-options, --driver-library-path, --driver-class-path, --proxy-user, --queue,
// --total-executor-cores, --deploy-mode, --master, --properties-file, --verbose/-v, --supervise.
// Any other flag is an error naming it, as spark-submit rejects it; `--flag=value` is read as
// `--flag value`, as SparkSubmitOptionParser does. A word that is not a flag (an application
// argument) is accepted and ignored.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/labels.h"

namespace nw::workloads {

struct SparkSubmitParameters {
  model::Labels conf;   // --conf properties, the last of each key
  model::Labels flags;  // properties the dedicated flags set (they win over conf)
  friend bool operator==(const SparkSubmitParameters&, const SparkSubmitParameters&) = default;
};

// The parameters, or a message saying what is wrong (an unknown flag, a flag without its value, a
// --conf without '=', an unterminated quote).
std::variant<SparkSubmitParameters, std::string> parse_spark_submit_parameters(
    std::string_view text);

// The words of `text` as a POSIX shell splits them: blanks separate words; single quotes keep
// everything literally; double quotes keep blanks, with backslash escaping " \ $ and `; a
// backslash outside quotes escapes the next character. An unterminated quote or a trailing
// backslash gives a message instead.
std::variant<std::vector<std::string>, std::string> split_shell_words(std::string_view text);

}  // namespace nw::workloads
