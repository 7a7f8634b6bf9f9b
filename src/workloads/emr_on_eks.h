// EMR on EKS facts the StartJobRun conversion needs (cas-yunikorn-spark.md §5): which Spark
// release an EMR release label runs, the job-run id, and the labels EMR puts on the driver and
// executor pods of a job run (what cost attribution per job and virtual cluster keys on).
//
// Not modelled: the job submitter ("job-runner") pod that runs spark-submit, and the fluentd
// sidecar EMR adds to the driver through its internal pod template.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nw::workloads {

inline constexpr std::string_view kEmrJobIdLabel = "emr-containers.amazonaws.com/job.id";
inline constexpr std::string_view kEmrVirtualClusterIdLabel =
    "emr-containers.amazonaws.com/virtual-cluster-id";
inline constexpr std::string_view kEmrResourceTypeLabel =
    "emr-containers.amazonaws.com/resource.type";  // "job.run"
inline constexpr std::string_view kEmrComponentLabel =
    "emr-containers.amazonaws.com/component";  // "driver" or "executor"

// The Spark release of an EMR release label ("emr-6.10.0-latest", "emr-7.2.0-20240610",
// "emr-6.14.0-java17-al2023-latest" → "3.3.1", "3.5.1", "3.4.1"), from the EMR release guide's
// Spark release history; any 7.x release not in the table runs a Spark 3.5 ("3.5"). nullopt when
// the label is not emr-<major>.<minor>.<patch>[-suffix] or names a release EMR on EKS does not
// run (before 5.32.0 and 6.2.0).
std::optional<std::string> emr_spark_release(std::string_view release_label);

// A job-run id as EMR shows them ("0000000337okspsc913": 19 characters of [0-9a-z]): "000000"
// and a 64-bit hash of "<name>#<index>" in base 36, zero-padded to 13 digits.
// Deterministic, and distinct for each workload item of a scenario.
std::string emr_job_id(std::string_view job_name, size_t item_index);

}  // namespace nw::workloads
