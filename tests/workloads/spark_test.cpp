// Spark on Kubernetes pods from `--conf` properties: container sizing (Spark 3.5's formulas, with
// the worked figures from cas-yunikorn-spark.md §3.1), pacing settings, names, labels, selectors,
// annotations, pod templates, and the errors for properties Spark would reject. Every figure is
// computed by hand in the comment beside it.
#include "workloads/spark.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>

#include "model/pod.h"
#include "model/resources.h"

namespace nw::workloads {

[[maybe_unused]] static void PrintTo(const SparkConfError& e, std::ostream* os) {
  *os << e.key << ": " << e.message;
}

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr int64_t kMi = int64_t{1} << 20;

using Conf = std::initializer_list<std::pair<std::string, std::string>>;

SparkApplication make_app(Conf conf, SparkLanguage language = SparkLanguage::Jvm) {
  SparkApplication app;
  app.name = "spark-pi";
  app.language = language;
  for (const auto& [k, v] : conf) model::set_label(app.conf, k, v);
  return app;
}

SparkPods pods_of(const SparkApplication& app) {
  auto result = spark_pods(app);
  if (const auto* error = std::get_if<SparkConfError>(&result)) {
    ADD_FAILURE() << "unexpected SparkConfError " << error->key << ": " << error->message;
    return {};
  }
  return std::get<SparkPods>(std::move(result));
}

SparkConfError error_of(const SparkApplication& app) {
  auto result = spark_pods(app);
  if (!std::holds_alternative<SparkConfError>(result)) {
    ADD_FAILURE() << "expected a SparkConfError";
    return {};
  }
  return std::get<SparkConfError>(result);
}

// The Spark container: without a template the only one; with one, Spark adds it last.
const model::Container& spark_container(const model::PodSpec& spec) {
  return spec.containers.back();
}

struct Shape {
  int64_t cpu_milli = 0;
  int64_t memory_mib = 0;
  int64_t cpu_limit_milli = 0;  // 0: no cpu limit
  int64_t memory_limit_mib = 0;
  friend bool operator==(const Shape&, const Shape&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Shape& s) {
    return os << "cpu=" << s.cpu_milli << "m memory=" << s.memory_mib
              << "Mi limits cpu=" << s.cpu_limit_milli << "m memory=" << s.memory_limit_mib << "Mi";
  }
};

Shape shape(const model::PodSpec& spec) {
  const model::Container& c = spark_container(spec);
  EXPECT_EQ(c.requests.memory_bytes() % kMi, 0);
  return {c.requests.cpu_milli(), c.requests.memory_bytes() / kMi, c.limits.cpu_milli(),
          c.limits.memory_bytes() / kMi};
}

Shape driver_shape(const SparkApplication& app) {
  return shape(pods_of(app).driver.spec);
}
Shape executor_shape(const SparkApplication& app) {
  return shape(pods_of(app).executor.spec);
}

// ---- parse_spark_memory_mib -------------------------------------------------------------------

TEST(SparkMemoryString, UnitsAndDefaultUnit) {
  EXPECT_EQ(parse_spark_memory_mib("512m"), 512);
  EXPECT_EQ(parse_spark_memory_mib("10g"), 10240);
  EXPECT_EQ(parse_spark_memory_mib("2gb"), 2048);
  EXPECT_EQ(parse_spark_memory_mib("1024k"), 1);
  EXPECT_EQ(parse_spark_memory_mib("1024kb"), 1);
  EXPECT_EQ(parse_spark_memory_mib("3mb"), 3);
  EXPECT_EQ(parse_spark_memory_mib("1t"), 1024 * 1024);
  EXPECT_EQ(parse_spark_memory_mib("1tb"), 1024 * 1024);
  EXPECT_EQ(parse_spark_memory_mib("1p"), 1024 * 1024 * 1024);
  EXPECT_EQ(parse_spark_memory_mib("2pb"), int64_t{2} * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_spark_memory_mib("1048576b"), 1);
  EXPECT_EQ(parse_spark_memory_mib("0"), 0);
  // A bare number is in the default unit.
  EXPECT_EQ(parse_spark_memory_mib("300"), 300);
  EXPECT_EQ(parse_spark_memory_mib("300", 'g'), 300 * 1024);
  EXPECT_EQ(parse_spark_memory_mib("1073741824", 'b'), 1024);
  EXPECT_EQ(parse_spark_memory_mib("4096", 'k'), 4);
  EXPECT_EQ(parse_spark_memory_mib("4096", 'K'), 4);
  // A unit in the text wins over the default unit.
  EXPECT_EQ(parse_spark_memory_mib("2g", 'b'), 2048);
}

TEST(SparkMemoryString, CaseInsensitiveAndTrimmedAsSparkDoes) {
  EXPECT_EQ(parse_spark_memory_mib("1G"), 1024);
  EXPECT_EQ(parse_spark_memory_mib("1Gb"), 1024);
  EXPECT_EQ(parse_spark_memory_mib("512M"), 512);
  EXPECT_EQ(parse_spark_memory_mib("2TB"), 2 * 1024 * 1024);
  // JavaUtils.byteStringAs trims before matching.
  EXPECT_EQ(parse_spark_memory_mib(" 4g "), 4096);
  EXPECT_EQ(parse_spark_memory_mib("\t8g\n"), 8192);
}

TEST(SparkMemoryString, SmallerUnitsRoundDownToWholeMiB) {
  EXPECT_EQ(parse_spark_memory_mib("1048575b"), 0);  // one byte short of 1 MiB
  EXPECT_EQ(parse_spark_memory_mib("2097151b"), 1);
  EXPECT_EQ(parse_spark_memory_mib("1023k"), 0);
  EXPECT_EQ(parse_spark_memory_mib("3071k"), 2);  // 2.999 MiB
  EXPECT_EQ(parse_spark_memory_mib("1536", 'k'), 1);
}

TEST(SparkMemoryString, MalformedIsNullopt) {
  for (const char* text : {"10 gb", "1.5g", "ten", "", "   ", "-1g", "+1g", "1x", "1mib", "g",
                           "1gg", "0x10", "1_000m", "1,5g", "m1", "1bb", "1.g", ".5g", "1g2"}) {
    EXPECT_EQ(parse_spark_memory_mib(text), std::nullopt) << '"' << text << '"';
  }
  EXPECT_EQ(parse_spark_memory_mib("300", 'x'), std::nullopt);  // not a unit
}

TEST(SparkMemoryString, BeyondInt64IsNullopt) {
  EXPECT_EQ(parse_spark_memory_mib("9223372036854775807"), INT64_MAX);  // in MiB: fits
  EXPECT_EQ(parse_spark_memory_mib("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_spark_memory_mib("8589934591g"), int64_t{8589934591} * 1024);
  EXPECT_EQ(parse_spark_memory_mib("9007199254740992g"), std::nullopt);  // 2^53 × 2^10 MiB
  EXPECT_EQ(parse_spark_memory_mib("8796093022208p"), std::nullopt);     // 2^43 × 2^30 MiB
  // Bytes never overflow on the way down.
  EXPECT_EQ(parse_spark_memory_mib("9223372036854775807b"), int64_t{8796093022207});
}

// ---- parse_spark_time_ms ----------------------------------------------------------------------

TEST(SparkTimeString, UnitsAndBareMilliseconds) {
  EXPECT_EQ(parse_spark_time_ms("1s"), 1000);
  EXPECT_EQ(parse_spark_time_ms("500ms"), 500);
  EXPECT_EQ(parse_spark_time_ms("2m"), 120'000);
  EXPECT_EQ(parse_spark_time_ms("1min"), 60'000);
  EXPECT_EQ(parse_spark_time_ms("3h"), 10'800'000);
  EXPECT_EQ(parse_spark_time_ms("1d"), 86'400'000);
  EXPECT_EQ(parse_spark_time_ms("5"), 5);  // bare: milliseconds
  EXPECT_EQ(parse_spark_time_ms("1S"), 1000);
  EXPECT_EQ(parse_spark_time_ms(" 2s "), 2000);
  EXPECT_EQ(parse_spark_time_ms("0s"), 0);
}

TEST(SparkTimeString, MicrosecondsTruncateAndNegativesAreRead) {
  EXPECT_EQ(parse_spark_time_ms("250us"), 0);
  EXPECT_EQ(parse_spark_time_ms("1500us"), 1);
  EXPECT_EQ(parse_spark_time_ms("-5s"), -5000);  // Spark's pattern reads a sign; callers check
  EXPECT_EQ(parse_spark_time_ms("-1500us"), -1);
}

TEST(SparkTimeString, MalformedIsNullopt) {
  for (const char* text :
       {"1.5s", "1 s", "soon", "", "s", "5x", "1sec", "+1s", "--1s", "1m30s", "1hour"}) {
    EXPECT_EQ(parse_spark_time_ms(text), std::nullopt) << '"' << text << '"';
  }
  EXPECT_EQ(parse_spark_time_ms("106751991167301d"), std::nullopt);  // beyond int64 ms
}

// ---- Sizing: the worked figures ---------------------------------------------------------------

TEST(SparkSizing, DefaultsAreOneCoreAnd1408MiBForDriverAndExecutor) {
  // 1g + max(floor(0.1 × 1024) = 102, 384) = 1024 + 384 = 1408 MiB; cpu 1; no cpu limit.
  SparkApplication app = make_app({});
  EXPECT_EQ(driver_shape(app), (Shape{1000, 1408, 0, 1408}));
  EXPECT_EQ(executor_shape(app), (Shape{1000, 1408, 0, 1408}));
}

TEST(SparkSizing, JvmExecutor8gFourCoresIs9011Mi) {
  // 8192 + max(floor(0.1 × 8192) = 819, 384) = 9011 MiB.
  SparkApplication app = make_app({{"spark.executor.memory", "8g"}, {"spark.executor.cores", "4"}});
  SparkPods pods = pods_of(app);
  EXPECT_EQ(shape(pods.executor.spec), (Shape{4000, 9011, 0, 9011}));
  const model::Container& c = spark_container(pods.executor.spec);
  EXPECT_EQ(c.requests.memory_bytes(), int64_t{9011} * kMi);
  EXPECT_EQ(c.requests.to_string(), "cpu=4 memory=9011Mi");
  EXPECT_EQ(c.limits.to_string(), "memory=9011Mi");
  EXPECT_EQ(c.limits.cpu_milli(), 0);  // no cpu limit
  // The driver keeps its defaults.
  EXPECT_EQ(shape(pods.driver.spec), (Shape{1000, 1408, 0, 1408}));
}

TEST(SparkSizing, PySparkExecutor8gIs11468Mi) {
  // 8192 + max(floor(0.4 × 8192) = 3276, 384) = 11468 MiB.
  SparkApplication app = make_app({{"spark.executor.memory", "8g"}, {"spark.executor.cores", "4"}},
                                  SparkLanguage::Python);
  EXPECT_EQ(executor_shape(app), (Shape{4000, 11468, 0, 11468}));
  // The driver of a Python application also uses 0.4: 1024 + max(409, 384) = 1433.
  EXPECT_EQ(driver_shape(app), (Shape{1000, 1433, 0, 1433}));
}

TEST(SparkSizing, RApplicationsUseTheNonJvmFactor) {
  // 4096 + floor(0.4 × 4096) = 4096 + 1638 = 5734.
  SparkApplication app = make_app({{"spark.executor.memory", "4g"}}, SparkLanguage::R);
  EXPECT_EQ(executor_shape(app).memory_mib, 5734);
}

TEST(SparkSizing, SmallMemoryGetsTheMinimumOverhead) {
  // 512 + max(floor(0.1 × 512) = 51, 384) = 896 MiB.
  SparkApplication app =
      make_app({{"spark.executor.memory", "512m"}, {"spark.executor.cores", "1"}});
  EXPECT_EQ(executor_shape(app), (Shape{1000, 896, 0, 896}));
}

TEST(SparkSizing, ExplicitOverheadIsUsedAsIs) {
  // 10g + 5g = 15360 MiB = 15Gi.
  SparkApplication app = make_app({{"spark.executor.memory", "10g"},
                                   {"spark.executor.cores", "4"},
                                   {"spark.executor.memoryOverhead", "5g"}});
  SparkPods pods = pods_of(app);
  EXPECT_EQ(shape(pods.executor.spec), (Shape{4000, 15360, 0, 15360}));
  EXPECT_EQ(spark_container(pods.executor.spec).requests.to_string(), "cpu=4 memory=15Gi");
}

TEST(SparkSizing, ExplicitOverheadBelowTheMinimumIsKeptAndBareNumbersAreMiB) {
  // memoryOverhead bypasses the 384 MiB floor; "100" means 100 MiB: 2048 + 100.
  SparkApplication app =
      make_app({{"spark.driver.memory", "2048"}, {"spark.driver.memoryOverhead", "100"}});
  EXPECT_EQ(driver_shape(app).memory_mib, 2148);
}

TEST(SparkSizing, OverheadFactorPrecedence) {
  // The role's factor wins over spark.kubernetes.memoryOverheadFactor, which wins over the
  // language default. 10g: 0.2 → 2048, 0.3 → 3072.
  SparkApplication app = make_app({{"spark.executor.memory", "10g"},
                                   {"spark.driver.memory", "10g"},
                                   {"spark.executor.memoryOverheadFactor", "0.2"},
                                   {"spark.kubernetes.memoryOverheadFactor", "0.3"}});
  EXPECT_EQ(executor_shape(app).memory_mib, 10240 + 2048);
  EXPECT_EQ(driver_shape(app).memory_mib, 10240 + 3072);

  // spark.kubernetes.memoryOverheadFactor replaces PySpark's 0.4: 8192 + 819 = 9011.
  SparkApplication py =
      make_app({{"spark.executor.memory", "8g"}, {"spark.kubernetes.memoryOverheadFactor", "0.1"}},
               SparkLanguage::Python);
  EXPECT_EQ(executor_shape(py).memory_mib, 9011);

  // The driver's factor is the driver's only: 4096 + floor(0.25 × 4096) = 5120; executor default.
  SparkApplication driver_only = make_app({{"spark.driver.memory", "4g"},
                                           {"spark.executor.memory", "4g"},
                                           {"spark.driver.memoryOverheadFactor", "0.25"}});
  EXPECT_EQ(driver_shape(driver_only).memory_mib, 5120);
  EXPECT_EQ(executor_shape(driver_only).memory_mib, 4096 + 409);
}

TEST(SparkSizing, OverheadFactorIsExactDecimalArithmetic) {
  // 0.29 × 1500 = 435 exactly (a double product would be 434.99999999999994 and floor to 434):
  // 1500 + 435 = 1935.
  SparkApplication app = make_app(
      {{"spark.executor.memory", "1500m"}, {"spark.executor.memoryOverheadFactor", "0.29"}});
  EXPECT_EQ(executor_shape(app).memory_mib, 1935);
  // 0.7 × 1290 = 903 exactly: 1290 + 903 = 2193.
  SparkApplication other =
      make_app({{"spark.driver.memory", "1290m"}, {"spark.driver.memoryOverheadFactor", " .7 "}});
  EXPECT_EQ(driver_shape(other).memory_mib, 2193);
  // Many decimals: floor(0.123456789 × 100000) = floor(12345.6789) = 12345.
  SparkApplication fine = make_app({{"spark.executor.memory", "100000m"},
                                    {"spark.executor.memoryOverheadFactor", "0.123456789"}});
  EXPECT_EQ(executor_shape(fine).memory_mib, 112345);
  // A factor above 1: floor(1.5 × 1000) = 1500.
  SparkApplication big = make_app(
      {{"spark.executor.memory", "1000m"}, {"spark.executor.memoryOverheadFactor", "1.5"}});
  EXPECT_EQ(executor_shape(big).memory_mib, 2500);
}

TEST(SparkSizing, ZeroKubernetesFactorLeavesTheMinimum) {
  // spark.kubernetes.memoryOverheadFactor may be 0: 8192 + max(0, 384) = 8576.
  SparkApplication app =
      make_app({{"spark.executor.memory", "8g"}, {"spark.kubernetes.memoryOverheadFactor", "0"}});
  EXPECT_EQ(executor_shape(app).memory_mib, 8576);
}

TEST(SparkSizing, MinMemoryOverheadReplaces384) {
  // 1024 + max(102, 500) = 1524; 10240 + max(1024, 500) = 11264; a bare "200" is MiB: 1024+200.
  SparkApplication app = make_app(
      {{"spark.executor.minMemoryOverhead", "500m"}, {"spark.driver.minMemoryOverhead", "200"}});
  EXPECT_EQ(executor_shape(app).memory_mib, 1524);
  EXPECT_EQ(driver_shape(app).memory_mib, 1224);
  SparkApplication large =
      make_app({{"spark.executor.memory", "10g"}, {"spark.executor.minMemoryOverhead", "500m"}});
  EXPECT_EQ(executor_shape(large).memory_mib, 11264);
}

TEST(SparkSizing, OffHeapCountsOnlyWhenEnabled) {
  // 1024 + 384 + 2048 = 3456.
  SparkApplication on =
      make_app({{"spark.memory.offHeap.enabled", "true"}, {"spark.memory.offHeap.size", "2g"}});
  EXPECT_EQ(executor_shape(on).memory_mib, 3456);
  EXPECT_EQ(driver_shape(on).memory_mib, 1408);  // the driver never adds off-heap memory
  SparkApplication off =
      make_app({{"spark.memory.offHeap.enabled", "false"}, {"spark.memory.offHeap.size", "2g"}});
  EXPECT_EQ(executor_shape(off).memory_mib, 1408);
  SparkApplication unset = make_app({{"spark.memory.offHeap.size", "2g"}});
  EXPECT_EQ(executor_shape(unset).memory_mib, 1408);
  // A bare off-heap size is in bytes, rounded down to MiB: 1610612736 B = 1536 MiB.
  SparkApplication bytes = make_app(
      {{"spark.memory.offHeap.enabled", " TRUE "}, {"spark.memory.offHeap.size", "1610612736"}});
  EXPECT_EQ(executor_shape(bytes).memory_mib, 1408 + 1536);
}

TEST(SparkSizing, PySparkMemoryCountsOnlyForPython) {
  // 11468 + 512 for Python; JVM and R ignore it.
  Conf conf = {{"spark.executor.memory", "8g"}, {"spark.executor.pyspark.memory", "512m"}};
  EXPECT_EQ(executor_shape(make_app(conf, SparkLanguage::Python)).memory_mib, 11980);
  EXPECT_EQ(executor_shape(make_app(conf, SparkLanguage::Jvm)).memory_mib, 9011);
  EXPECT_EQ(executor_shape(make_app(conf, SparkLanguage::R)).memory_mib, 11468);
  // A bare number is MiB.
  SparkApplication bare =
      make_app({{"spark.executor.pyspark.memory", "256"}}, SparkLanguage::Python);
  EXPECT_EQ(executor_shape(bare).memory_mib, 1433 + 256);  // 1024 + max(409, 384) + 256
}

TEST(SparkSizing, EverythingAddsUp) {
  // PySpark: 6g + overhead 1g + off-heap 3g + pyspark 2g = 6144 + 1024 + 3072 + 2048 = 12288.
  SparkApplication app = make_app({{"spark.executor.memory", "6g"},
                                   {"spark.executor.memoryOverhead", "1g"},
                                   {"spark.memory.offHeap.enabled", "true"},
                                   {"spark.memory.offHeap.size", "3g"},
                                   {"spark.executor.pyspark.memory", "2g"}},
                                  SparkLanguage::Python);
  SparkPods pods = pods_of(app);
  EXPECT_EQ(spark_container(pods.executor.spec).requests.to_string(), "cpu=1 memory=12Gi");
}

TEST(SparkSizing, RequestAndLimitCores) {
  SparkApplication app = make_app({{"spark.driver.cores", "2"},
                                   {"spark.kubernetes.driver.request.cores", "3500m"},
                                   {"spark.kubernetes.driver.limit.cores", "4"},
                                   {"spark.executor.cores", "4"},
                                   {"spark.kubernetes.executor.request.cores", "0.5"}});
  EXPECT_EQ(driver_shape(app), (Shape{3500, 1408, 4000, 1408}));
  EXPECT_EQ(executor_shape(app), (Shape{500, 1408, 0, 1408}));

  // cores alone: the request is cores × 1000m; a limit equal to the request is fine.
  SparkApplication guaranteed =
      make_app({{"spark.executor.cores", "3"}, {"spark.kubernetes.executor.limit.cores", "3000m"}});
  EXPECT_EQ(executor_shape(guaranteed), (Shape{3000, 1408, 3000, 1408}));
  EXPECT_EQ(driver_shape(guaranteed), (Shape{1000, 1408, 0, 1408}));
}

TEST(SparkSizing, DriverAndExecutorMemoryAreIndependent) {
  // driver 2g → 2048 + 384 = 2432; executor 16g → 16384 + 1638 = 18022.
  SparkApplication app = make_app({{"spark.driver.memory", "2g"},
                                   {"spark.executor.memory", "16g"},
                                   {"spark.driver.cores", "2"},
                                   {"spark.executor.cores", "5"}});
  EXPECT_EQ(driver_shape(app), (Shape{2000, 2432, 0, 2432}));
  EXPECT_EQ(executor_shape(app), (Shape{5000, 18022, 0, 18022}));
}

TEST(SparkSizing, PodRequestsAddOnePodSlot) {
  SparkPods pods =
      pods_of(make_app({{"spark.executor.memory", "8g"}, {"spark.executor.cores", "4"}}));
  EXPECT_EQ(model::effective_requests(pods.executor.spec).to_string(),
            "cpu=4 memory=9011Mi pods=1");
}

// ---- Pacing -----------------------------------------------------------------------------------

TEST(SparkPacing, Defaults) {
  SparkPods pods = pods_of(make_app({}));
  EXPECT_EQ(pods.executor_instances, 2);
  EXPECT_EQ(pods.task_slots_per_executor, 1);
  EXPECT_EQ(pods.allocation_batch_size, 5);
  EXPECT_EQ(pods.allocation_batch_delay.millis, 1000);
}

TEST(SparkPacing, GivenValues) {
  SparkPods pods = pods_of(make_app({{"spark.executor.instances", "50"},
                                     {"spark.executor.cores", "5"},
                                     {"spark.task.cpus", "2"},
                                     {"spark.kubernetes.allocation.batch.size", "10"},
                                     {"spark.kubernetes.allocation.batch.delay", "500ms"}}));
  EXPECT_EQ(pods.executor_instances, 50);
  EXPECT_EQ(pods.task_slots_per_executor, 2);  // floor(5 / 2)
  EXPECT_EQ(pods.allocation_batch_size, 10);
  EXPECT_EQ(pods.allocation_batch_delay.millis, 500);
}

TEST(SparkPacing, ZeroExecutorsIsAllowed) {
  EXPECT_EQ(pods_of(make_app({{"spark.executor.instances", "0"}})).executor_instances, 0);
  EXPECT_EQ(pods_of(make_app({{"spark.executor.instances", " +7 "}})).executor_instances, 7);
}

TEST(SparkPacing, BatchDelayUnits) {
  EXPECT_EQ(pods_of(make_app({{"spark.kubernetes.allocation.batch.delay", "2m"}}))
                .allocation_batch_delay.millis,
            120'000);
  EXPECT_EQ(pods_of(make_app({{"spark.kubernetes.allocation.batch.delay", "3"}}))
                .allocation_batch_delay.millis,
            3);  // a bare number is milliseconds
  EXPECT_EQ(
      pods_of(make_app({{"spark.kubernetes.allocation.batch.delay", "2s"}})).allocation_batch_delay,
      model::Duration::seconds(2));
}

TEST(SparkPacing, BatchSizeDefaultFollowsTheSparkRelease) {
  auto batch = [](std::string version) {
    SparkApplication app = make_app({});
    app.spark_version = std::move(version);
    return pods_of(app).allocation_batch_size;
  };
  EXPECT_EQ(batch(""), 5);
  EXPECT_EQ(batch("3.3.2"), 5);
  EXPECT_EQ(batch("3.5.1"), 5);
  EXPECT_EQ(batch("4.0.0"), 10);
  EXPECT_EQ(batch("4.1.0-preview2"), 10);
  EXPECT_EQ(batch("4.2"), 20);
  EXPECT_EQ(batch("5.0.0"), 20);
  SparkApplication given = make_app({{"spark.kubernetes.allocation.batch.size", "3"}});
  given.spark_version = "4.2.0";
  EXPECT_EQ(pods_of(given).allocation_batch_size, 3);
}

TEST(SparkPacing, MalformedSparkReleaseIsAnError) {
  for (const char* version : {"4", "v3.5", "3.x", "3.5a", "3.", ".5"}) {
    SparkApplication app = make_app({});
    app.spark_version = version;
    EXPECT_EQ(error_of(app).key, "sparkVersion") << version;
  }
  EXPECT_EQ(spark_release("3.4.1"), (SparkRelease{3, 4}));
  EXPECT_EQ(spark_release("10.12-SNAPSHOT"), (SparkRelease{10, 12}));
}

TEST(SparkPacing, MaxPendingPods) {
  EXPECT_EQ(pods_of(make_app({})).max_pending_pods, 2147483647);
  EXPECT_EQ(
      pods_of(make_app({{"spark.kubernetes.allocation.maxPendingPods", "30"}})).max_pending_pods,
      30);
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.allocation.maxPendingPods", "0"}})),
            (SparkConfError{"spark.kubernetes.allocation.maxPendingPods",
                            "\"0\" must be a positive integer"}));
}

// ---- Dynamic allocation -----------------------------------------------------------------------

TEST(SparkDynamicAllocation, OffByDefault) {
  SparkPods pods = pods_of(make_app({{"spark.dynamicAllocation.minExecutors", "junk"}}));
  EXPECT_FALSE(pods.dynamic_allocation.has_value()) << "its properties are not even read";
  EXPECT_EQ(pods.executor_instances, 2);
}

TEST(SparkDynamicAllocation, Defaults) {
  SparkPods pods = pods_of(make_app({{"spark.dynamicAllocation.enabled", " TRUE "}}));
  ASSERT_TRUE(pods.dynamic_allocation.has_value());
  EXPECT_EQ(*pods.dynamic_allocation, DynamicAllocation{});
  const DynamicAllocation& da = *pods.dynamic_allocation;
  EXPECT_EQ(da.min_executors, 0);
  EXPECT_EQ(da.max_executors, 2147483647);
  EXPECT_EQ(da.executor_idle_timeout.millis, 60'000);
  EXPECT_EQ(da.scheduler_backlog_timeout.millis, 1'000);
  EXPECT_EQ(da.sustained_scheduler_backlog_timeout.millis, 1'000);
  EXPECT_EQ(da.delete_grace_period.millis, 5'000);
  EXPECT_TRUE(da.shuffle_tracking);
  EXPECT_EQ(pods.executor_instances, 0) << "max(min 0, initial 0, instances 0)";
}

TEST(SparkDynamicAllocation, InitialTargetIsTheLargestOfMinInitialAndInstances) {
  auto initial = [](Conf conf) {
    SparkApplication app = make_app(conf);
    model::set_label(app.conf, "spark.dynamicAllocation.enabled", "true");
    return pods_of(app).executor_instances;
  };
  EXPECT_EQ(initial({{"spark.dynamicAllocation.minExecutors", "3"}}), 3);  // initial = min
  EXPECT_EQ(initial({{"spark.dynamicAllocation.minExecutors", "3"},
                     {"spark.dynamicAllocation.initialExecutors", "5"}}),
            5);
  EXPECT_EQ(initial({{"spark.dynamicAllocation.initialExecutors", "5"},
                     {"spark.executor.instances", "8"}}),
            8);
}

TEST(SparkDynamicAllocation, GivenValues) {
  SparkPods pods = pods_of(make_app({
      {"spark.dynamicAllocation.enabled", "true"},
      {"spark.dynamicAllocation.minExecutors", "2"},
      {"spark.dynamicAllocation.maxExecutors", "40"},
      {"spark.dynamicAllocation.executorAllocationRatio", "0.25"},
      {"spark.dynamicAllocation.schedulerBacklogTimeout", "5"},                // seconds
      {"spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", "2500ms"},  // 2 s
      {"spark.dynamicAllocation.executorIdleTimeout", "2min"},
      {"spark.kubernetes.dynamicAllocation.deleteGracePeriod", "30s"},
      {"spark.shuffle.service.enabled", "true"},
  }));
  const DynamicAllocation& da = pods.dynamic_allocation.value();
  EXPECT_EQ(da.min_executors, 2);
  EXPECT_EQ(da.max_executors, 40);
  EXPECT_EQ(da.allocation_ratio, DynamicAllocation::kAllocationRatioOne / 4);
  EXPECT_EQ(da.scheduler_backlog_timeout.millis, 5'000);
  EXPECT_EQ(da.sustained_scheduler_backlog_timeout.millis, 2'000);
  EXPECT_EQ(da.executor_idle_timeout.millis, 120'000);
  EXPECT_EQ(da.delete_grace_period.millis, 30'000);
  EXPECT_FALSE(da.shuffle_tracking) << "the shuffle service serves the shuffle output";
}

TEST(SparkDynamicAllocation, SustainedTimeoutDefaultsToTheBacklogTimeout) {
  SparkPods pods = pods_of(make_app({{"spark.dynamicAllocation.enabled", "true"},
                                     {"spark.dynamicAllocation.schedulerBacklogTimeout", "3s"}}));
  EXPECT_EQ(pods.dynamic_allocation->sustained_scheduler_backlog_timeout.millis, 3'000);
}

TEST(SparkDynamicAllocation, ShuffleTrackingDefaultsOffBeforeSpark34) {
  SparkApplication app = make_app({{"spark.dynamicAllocation.enabled", "true"}});
  app.spark_version = "3.3.2";
  EXPECT_EQ(error_of(app).key, "spark.dynamicAllocation.shuffleTracking.enabled")
      << "Spark 3.3 needs shuffle tracking or a shuffle service for dynamic allocation";
  model::set_label(app.conf, "spark.dynamicAllocation.shuffleTracking.enabled", "true");
  EXPECT_TRUE(pods_of(app).dynamic_allocation->shuffle_tracking);
}

TEST(SparkDynamicAllocation, BadValues) {
  auto error = [](Conf conf) {
    SparkApplication app = make_app(conf);
    model::set_label(app.conf, "spark.dynamicAllocation.enabled", "true");
    return error_of(app);
  };
  EXPECT_EQ(error_of(make_app({{"spark.dynamicAllocation.enabled", "maybe"}})),
            (SparkConfError{"spark.dynamicAllocation.enabled",
                            "\"maybe\" is not a boolean (true or false)"}));
  EXPECT_EQ(error({{"spark.dynamicAllocation.minExecutors", "-1"}}),
            (SparkConfError{"spark.dynamicAllocation.minExecutors",
                            "\"-1\" must be an integer of at least 0"}));
  EXPECT_EQ(
      error({{"spark.dynamicAllocation.maxExecutors", "0"}}),
      (SparkConfError{"spark.dynamicAllocation.maxExecutors", "\"0\" must be a positive integer"}));
  EXPECT_EQ(error({{"spark.dynamicAllocation.minExecutors", "5"},
                   {"spark.dynamicAllocation.maxExecutors", "4"}}),
            (SparkConfError{"spark.dynamicAllocation.minExecutors",
                            "\"5\" is more than spark.dynamicAllocation.maxExecutors (4)"}));
  EXPECT_EQ(error({{"spark.dynamicAllocation.executorAllocationRatio", "0"}}).message,
            "\"0\" must be more than 0 and at most 1");
  EXPECT_EQ(error({{"spark.dynamicAllocation.executorAllocationRatio", "half"}}).message,
            "\"half\" is not a decimal number such as 0.5");
  EXPECT_EQ(error({{"spark.dynamicAllocation.schedulerBacklogTimeout", "999ms"}}).message,
            "\"999ms\" must be at least 1s (Spark reads it in whole seconds)");
  EXPECT_EQ(error({{"spark.dynamicAllocation.executorIdleTimeout", "-5s"}}).message,
            "\"-5s\" must not be negative");
  EXPECT_EQ(error({{"spark.dynamicAllocation.executorIdleTimeout", "1 min"}}).message,
            "\"1 min\" is not a time such as 60s, 2m or 1h");
  EXPECT_EQ(error({{"spark.dynamicAllocation.cachedExecutorIdleTimeout", "forever"}}).key,
            "spark.dynamicAllocation.cachedExecutorIdleTimeout");
  EXPECT_EQ(error({{"spark.dynamicAllocation.shuffleTracking.timeout", "-1"}}).key,
            "spark.dynamicAllocation.shuffleTracking.timeout");
  EXPECT_EQ(error({{"spark.kubernetes.dynamicAllocation.deleteGracePeriod", "5 s"}}).key,
            "spark.kubernetes.dynamicAllocation.deleteGracePeriod");
}

TEST(SparkTime, WholeSeconds) {
  EXPECT_EQ(parse_spark_time_s("60"), 60);  // a bare number is seconds
  EXPECT_EQ(parse_spark_time_s("1500ms"), 1);
  EXPECT_EQ(parse_spark_time_s("999ms"), 0);
  EXPECT_EQ(parse_spark_time_s("2min"), 120);
  EXPECT_EQ(parse_spark_time_s("-2s"), -2);
  EXPECT_EQ(parse_spark_time_s("1d"), 86'400);
  EXPECT_EQ(parse_spark_time_s("1.5s"), std::nullopt);
  EXPECT_EQ(parse_spark_time_s("9223372036854775807s"), std::nullopt);
}

TEST(SparkPacing, TaskSlotsUseExecutorCoresNotRequestCores) {
  // request.cores 3500m does not change the slots: floor(4 / 1) = 4.
  SparkPods pods = pods_of(make_app(
      {{"spark.executor.cores", "4"}, {"spark.kubernetes.executor.request.cores", "3500m"}}));
  EXPECT_EQ(pods.task_slots_per_executor, 4);
  EXPECT_EQ(spark_container(pods.executor.spec).requests.cpu_milli(), 3500);
}

// ---- Names, namespace and the application id --------------------------------------------------

TEST(SparkNaming, NamePrefixIsADns1123Label) {
  EXPECT_EQ(spark_name_prefix("spark-pi"), "spark-pi");
  EXPECT_EQ(spark_name_prefix("My App_2"), "my-app-2");
  EXPECT_EQ(spark_name_prefix("--Spark__Pi--"), "spark-pi");
  EXPECT_EQ(spark_name_prefix("a  .  b"), "a-b");
  EXPECT_EQ(spark_name_prefix("ETL: daily (v2)"), "etl-daily-v2");
  EXPECT_EQ(spark_name_prefix("caf\xc3\xa9 au lait"), "caf-au-lait");  // non-ASCII bytes
  EXPECT_EQ(spark_name_prefix(""), "spark");
  EXPECT_EQ(spark_name_prefix("___"), "spark");
}

TEST(SparkNaming, AppIdIsDeterministicAndDependsOnNamespaceAndName) {
  // FNV-1a 64 of "default/spark-pi" with the standard basis and with basis ^ 0x9e3779b97f4a7c15.
  EXPECT_EQ(spark_app_id("default", "spark-pi"), "spark-5e81d7ec6c668e3cf14180e56ca53d1d");
  EXPECT_EQ(spark_app_id("jobs", "spark-pi"), "spark-5ef31802546737ad3b902f7056fa0cea");
  EXPECT_EQ(spark_app_id("default", "spark-pi"), spark_app_id("default", "spark-pi"));
  EXPECT_NE(spark_app_id("default", "spark-pi"), spark_app_id("default", "spark-pj"));
  EXPECT_NE(spark_app_id("a", "b/c"), spark_app_id("a", "b-c"));
  std::string id = spark_app_id("x", "y");
  ASSERT_EQ(id.size(), 6u + 32u);
  EXPECT_EQ(id.substr(0, 6), "spark-");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 6), std::string::npos);
}

TEST(SparkNaming, DriverAndExecutorNames) {
  SparkApplication app = make_app({});
  app.name = "Spark Pi";
  SparkPods pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.name, "spark-pi-driver");
  EXPECT_EQ(pods.driver.meta.namespace_, "default");
  EXPECT_EQ(pods.app_id, spark_app_id("default", "Spark Pi"));
  EXPECT_EQ(pods.executor.meta.name, "");
  model::Pod exec = executor_pod(app, pods, 3);
  EXPECT_EQ(exec.meta.name, "spark-pi-exec-3");
  EXPECT_EQ(exec.meta.namespace_, "default");
  EXPECT_EQ(executor_pod(app, pods, 12).meta.name, "spark-pi-exec-12");
}

TEST(SparkNaming, GivenPodNamesWin) {
  SparkApplication app = make_app({{"spark.kubernetes.driver.pod.name", "pi-main"},
                                   {"spark.kubernetes.executor.podNamePrefix", "pi-workers"}});
  SparkPods pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.name, "pi-main");
  EXPECT_EQ(executor_pod(app, pods, 1).meta.name, "pi-workers-exec-1");
  // The owner reference names the driver as it is named.
  ASSERT_EQ(pods.executor.meta.owner_references.size(), 1u);
  EXPECT_EQ(pods.executor.meta.owner_references[0].name, "pi-main");
}

TEST(SparkNaming, SparkAppNamePropertyIsUsedWhenTheNameIsEmpty) {
  SparkApplication app = make_app({{"spark.app.name", "WordCount"}});
  app.name.clear();
  SparkPods pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.name, "wordcount-driver");
  EXPECT_EQ(*model::find_label(pods.driver.meta.labels, kSparkAppNameLabel), "wordcount");
  SparkApplication unnamed = make_app({});
  unnamed.name.clear();
  EXPECT_EQ(pods_of(unnamed).driver.meta.name, "spark-driver");
}

TEST(SparkNaming, NamespaceFromTheApplicationOrTheProperty) {
  SparkApplication app = make_app({});
  app.namespace_ = "spark";
  SparkPods pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.namespace_, "spark");
  EXPECT_EQ(pods.executor.meta.namespace_, "spark");
  EXPECT_EQ(pods.app_id, spark_app_id("spark", "spark-pi"));

  app.conf = {{"spark.kubernetes.namespace", "jobs"}};
  pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.namespace_, "jobs");
  EXPECT_EQ(executor_pod(app, pods, 1).meta.namespace_, "jobs");
  EXPECT_EQ(pods.app_id, "spark-5ef31802546737ad3b902f7056fa0cea");
}

TEST(SparkNaming, ExecutorPrefixAtTheLengthLimit) {
  std::string prefix(47, 'a');
  SparkApplication app = make_app({{"spark.kubernetes.executor.podNamePrefix", prefix}});
  SparkPods pods = pods_of(app);
  EXPECT_EQ(executor_pod(app, pods, 2147483647).meta.name, prefix + "-exec-2147483647");
}

// ---- Labels, selectors, annotations, owner, scheduler -----------------------------------------

TEST(SparkLabels, DriverAndExecutorLabels) {
  SparkApplication app = make_app({{"spark.kubernetes.driver.label.team", "data"},
                                   {"spark.kubernetes.executor.label.queue", "root.etl"}});
  SparkPods pods = pods_of(app);
  const std::string id = pods.app_id;
  EXPECT_THAT(pods.driver.meta.labels,
              ElementsAre(Pair("spark-app-name", "spark-pi"), Pair("spark-app-selector", id),
                          Pair("spark-role", "driver"), Pair("team", "data")));
  EXPECT_THAT(
      pods.executor.meta.labels,
      ElementsAre(Pair("queue", "root.etl"), Pair("spark-app-name", "spark-pi"),
                  Pair("spark-app-selector", id), Pair("spark-exec-resourceprofile-id", "0"),
                  Pair("spark-role", "executor")));
  model::Pod exec = executor_pod(app, pods, 4);
  EXPECT_THAT(
      exec.meta.labels,
      ElementsAre(Pair("queue", "root.etl"), Pair("spark-app-name", "spark-pi"),
                  Pair("spark-app-selector", id), Pair("spark-exec-id", "4"),
                  Pair("spark-exec-resourceprofile-id", "0"), Pair("spark-role", "executor")));
}

TEST(SparkLabels, AppNameLabelIsAtMost63Characters) {
  SparkApplication app = make_app({});
  app.name = std::string(62, 'a') + "-b" + std::string(10, 'c');  // prefix cut after the '-'
  SparkPods pods = pods_of(app);
  EXPECT_EQ(*model::find_label(pods.driver.meta.labels, kSparkAppNameLabel), std::string(62, 'a'));
  EXPECT_EQ(pods.driver.meta.name, app.name + "-driver");
}

TEST(SparkLabels, NodeSelectorsCommonAndPerRole) {
  SparkApplication app =
      make_app({{"spark.kubernetes.node.selector.karpenter.sh/capacity-type", "spot"},
                {"spark.kubernetes.node.selector.topology.kubernetes.io/zone", "us-east-1a"},
                {"spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type", "on-demand"},
                {"spark.kubernetes.executor.node.selector.node.kubernetes.io/instance-type",
                 "r5d.4xlarge"}});
  SparkPods pods = pods_of(app);
  EXPECT_THAT(pods.driver.spec.node_selector,
              ElementsAre(Pair("karpenter.sh/capacity-type", "on-demand"),
                          Pair("topology.kubernetes.io/zone", "us-east-1a")));
  EXPECT_THAT(pods.executor.spec.node_selector,
              ElementsAre(Pair("karpenter.sh/capacity-type", "spot"),
                          Pair("node.kubernetes.io/instance-type", "r5d.4xlarge"),
                          Pair("topology.kubernetes.io/zone", "us-east-1a")));
  EXPECT_EQ(executor_pod(app, pods, 1).spec.node_selector, pods.executor.spec.node_selector);
}

TEST(SparkLabels, AnnotationsWithAppAndExecutorIds) {
  SparkApplication app =
      make_app({{"spark.kubernetes.driver.annotation.yunikorn.apache.org/app-id", "{{APP_ID}}"},
                {"spark.kubernetes.driver.annotation.note", "exec={{EXECUTOR_ID}}."},
                {"spark.kubernetes.executor.annotation.yunikorn.apache.org/app-id", "{{APP_ID}}"},
                {"spark.kubernetes.executor.annotation.who", "{{APP_ID}}/{{EXECUTOR_ID}}"},
                {"spark.kubernetes.executor.annotation.karpenter.sh/do-not-disrupt", "true"}});
  SparkPods pods = pods_of(app);
  const std::string id = pods.app_id;
  EXPECT_THAT(pods.driver.meta.annotations,
              ElementsAre(Pair("note", "exec=."), Pair("yunikorn.apache.org/app-id", id)));
  EXPECT_THAT(
      pods.executor.meta.annotations,
      ElementsAre(Pair("karpenter.sh/do-not-disrupt", "true"), Pair("who", id + "/{{EXECUTOR_ID}}"),
                  Pair("yunikorn.apache.org/app-id", id)));
  EXPECT_THAT(executor_pod(app, pods, 9).meta.annotations,
              ElementsAre(Pair("karpenter.sh/do-not-disrupt", "true"), Pair("who", id + "/9"),
                          Pair("yunikorn.apache.org/app-id", id)));
}

TEST(SparkLabels, ExecutorsAreOwnedByTheDriver) {
  SparkApplication app = make_app({});
  SparkPods pods = pods_of(app);
  EXPECT_TRUE(pods.driver.meta.owner_references.empty());
  model::Pod exec = executor_pod(app, pods, 1);
  ASSERT_EQ(exec.meta.owner_references.size(), 1u);
  const model::OwnerReference& owner = exec.meta.owner_references[0];
  EXPECT_EQ(owner.api_version, "v1");
  EXPECT_EQ(owner.kind, "Pod");
  EXPECT_EQ(owner.name, "spark-pi-driver");
  EXPECT_TRUE(owner.controller);
}

TEST(SparkLabels, SchedulerName) {
  SparkPods plain = pods_of(make_app({}));
  EXPECT_EQ(plain.driver.spec.scheduler_name, "default-scheduler");
  EXPECT_EQ(plain.executor.spec.scheduler_name, "default-scheduler");

  SparkPods both = pods_of(make_app({{"spark.kubernetes.scheduler.name", "yunikorn"}}));
  EXPECT_EQ(both.driver.spec.scheduler_name, "yunikorn");
  EXPECT_EQ(both.executor.spec.scheduler_name, "yunikorn");

  SparkPods per_role = pods_of(make_app({{"spark.kubernetes.scheduler.name", "yunikorn"},
                                         {"spark.kubernetes.driver.scheduler.name", "volcano"}}));
  EXPECT_EQ(per_role.driver.spec.scheduler_name, "volcano");
  EXPECT_EQ(per_role.executor.spec.scheduler_name, "yunikorn");
}

TEST(SparkLabels, WithoutATemplateOneContainerWithSparksName) {
  SparkPods pods = pods_of(make_app({}));
  ASSERT_EQ(pods.driver.spec.containers.size(), 1u);
  EXPECT_EQ(pods.driver.spec.containers[0].name, "spark-kubernetes-driver");
  ASSERT_EQ(pods.executor.spec.containers.size(), 1u);
  EXPECT_EQ(pods.executor.spec.containers[0].name, "spark-kubernetes-executor");
  EXPECT_TRUE(pods.driver.spec.init_containers.empty());
  EXPECT_TRUE(pods.driver.spec.tolerations.empty());
  EXPECT_EQ(pods.driver.phase, "Pending");
  EXPECT_FALSE(pods.driver.bound());
}

TEST(SparkLabels, UnknownPropertiesAreIgnored) {
  SparkApplication app = make_app({{"spark.sql.shuffle.partitions", "not a number"},
                                   {"spark.executor.memoryish", "lots"},
                                   {"spark.kubernetes.container.image", "spark:3.5.1"},
                                   {"something.else", ""}});
  EXPECT_EQ(executor_shape(app), (Shape{1000, 1408, 0, 1408}));
}

TEST(SparkLabels, ExecutorPodsAreTheTemplateWithTheirIds) {
  SparkApplication app = make_app({{"spark.executor.memory", "8g"}, {"spark.executor.cores", "4"}});
  SparkPods pods = pods_of(app);
  model::Pod one = executor_pod(app, pods, 1);
  model::Pod two = executor_pod(app, pods, 2);
  EXPECT_EQ(one.spec, pods.executor.spec);
  EXPECT_EQ(two.spec, pods.executor.spec);
  EXPECT_NE(one.meta, two.meta);
  // The same input gives the same pods.
  EXPECT_EQ(pods_of(app), pods);
  EXPECT_EQ(executor_pod(app, pods, 1), one);
}

// ---- Pod templates ----------------------------------------------------------------------------

model::Container container(std::string name, int64_t cpu_milli, int64_t memory_mib) {
  model::Container c;
  c.name = std::move(name);
  c.requests.set(model::kCpu, cpu_milli);
  c.requests.set(model::kMemory, memory_mib * kMi);
  return c;
}

model::PodTemplate executor_template() {
  model::PodTemplate t;
  model::set_label(t.meta.labels, "team", "data");
  model::set_label(t.meta.labels, "spark-role", "template-says");  // Spark's value wins
  model::set_label(t.meta.annotations, "karpenter.sh/do-not-disrupt", "true");
  model::set_label(t.spec.node_selector, "karpenter.sh/capacity-type", "on-demand");
  model::set_label(t.spec.node_selector, "kubernetes.io/arch", "arm64");
  model::Toleration toleration;
  toleration.key = "spark";
  toleration.op = model::TolerationOperator::Exists;
  toleration.effect = model::TaintEffect::NoSchedule;
  t.spec.tolerations.push_back(toleration);
  t.spec.priority_class_name = "batch";
  t.spec.priority = 100;
  // A logging sidecar first, then the Spark container, which has its own limits.
  t.spec.containers.push_back(container("fluent-bit", 100, 128));
  model::Container spark = container("spark", 250, 256);
  spark.limits.set(model::kCpu, 8000);
  spark.limits.set(model::kMemory, 64 * 1024 * kMi);
  spark.limits.set("nvidia.com/gpu", 1);
  spark.requests.set("nvidia.com/gpu", 1);
  spark.requests.set(model::kEphemeralStorage, 20 * 1024 * kMi);
  t.spec.containers.push_back(spark);
  model::Container init = container("init-fs", 500, 64);
  t.spec.init_containers.push_back(init);
  return t;
}

TEST(SparkTemplate, NamedContainerIsOverwrittenAndTheRestKept) {
  SparkApplication app =
      make_app({{"spark.executor.memory", "8g"},
                {"spark.executor.cores", "4"},
                {"spark.kubernetes.executor.podTemplateContainerName", "spark"},
                {"spark.kubernetes.node.selector.karpenter.sh/capacity-type", "spot"},
                {"spark.kubernetes.executor.label.team", "ml"}});
  app.executor_template = executor_template();
  SparkPods pods = pods_of(app);
  const model::PodSpec& spec = pods.executor.spec;

  // The sidecar stays first; Spark adds its container after the others.
  ASSERT_EQ(spec.containers.size(), 2u);
  EXPECT_EQ(spec.containers[0], container("fluent-bit", 100, 128));
  const model::Container& spark = spec.containers[1];
  EXPECT_EQ(spark.name, "spark");
  // cpu and memory requests and the memory limit are Spark's; other resources and the
  // template's cpu limit (no limit.cores given) are kept.
  EXPECT_EQ(spark.requests.to_string(),
            "cpu=4 memory=9011Mi ephemeral-storage=20Gi nvidia.com/gpu=1");
  EXPECT_EQ(spark.limits.to_string(), "cpu=8 memory=9011Mi nvidia.com/gpu=1");
  ASSERT_EQ(spec.init_containers.size(), 1u);
  EXPECT_EQ(spec.init_containers[0].name, "init-fs");

  // Scheduling fields come from the template; the conf selector wins on its key.
  ASSERT_EQ(spec.tolerations.size(), 1u);
  EXPECT_EQ(spec.tolerations[0].key, "spark");
  EXPECT_EQ(spec.priority_class_name, "batch");
  EXPECT_EQ(spec.priority, 100);
  EXPECT_THAT(spec.node_selector, ElementsAre(Pair("karpenter.sh/capacity-type", "spot"),
                                              Pair("kubernetes.io/arch", "arm64")));
  // Labels: the conf's over the template's, Spark's over both; template annotations kept.
  EXPECT_EQ(*model::find_label(pods.executor.meta.labels, "team"), "ml");
  EXPECT_EQ(*model::find_label(pods.executor.meta.labels, "spark-role"), "executor");
  EXPECT_EQ(*model::find_label(pods.executor.meta.annotations, "karpenter.sh/do-not-disrupt"),
            "true");

  // The whole pod: sidecar 100m/128Mi + Spark 4/9011Mi; the init container's 500m is below.
  model::Pod exec = executor_pod(app, pods, 1);
  EXPECT_EQ(model::effective_requests(exec.spec).to_string(),
            "cpu=4100m memory=9139Mi ephemeral-storage=20Gi pods=1 nvidia.com/gpu=1");
  EXPECT_EQ(exec.spec.tolerations, spec.tolerations);
}

TEST(SparkTemplate, FirstContainerWhenNoNameIsGivenOrTheNameIsMissing) {
  model::PodTemplate t = executor_template();  // fluent-bit is first
  for (Conf conf : {Conf{}, Conf{{"spark.kubernetes.executor.podTemplateContainerName", "nope"}}}) {
    SparkApplication app = make_app(conf);
    app.executor_template = t;
    SparkPods pods = pods_of(app);
    ASSERT_EQ(pods.executor.spec.containers.size(), 2u);
    // The sidecar is taken as the Spark container and moved last; "spark" is kept unchanged.
    EXPECT_EQ(pods.executor.spec.containers[0], t.spec.containers[1]);
    const model::Container& chosen = pods.executor.spec.containers[1];
    EXPECT_EQ(chosen.name, "fluent-bit");
    EXPECT_EQ(chosen.requests.to_string(), "cpu=1 memory=1408Mi");
    EXPECT_EQ(chosen.limits.to_string(), "memory=1408Mi");
  }
}

TEST(SparkTemplate, LimitCoresOverwritesTheTemplatesCpuLimit) {
  SparkApplication app = make_app({{"spark.kubernetes.executor.podTemplateContainerName", "spark"},
                                   {"spark.executor.cores", "2"},
                                   {"spark.kubernetes.executor.limit.cores", "2"}});
  app.executor_template = executor_template();
  SparkPods pods = pods_of(app);
  EXPECT_EQ(spark_container(pods.executor.spec).limits.to_string(),
            "cpu=2 memory=1408Mi nvidia.com/gpu=1");
}

TEST(SparkTemplate, EmptyTemplateOrUnnamedContainerGetsSparksContainerName) {
  SparkApplication app = make_app({});
  app.driver_template = model::PodTemplate{};
  app.driver_template->spec.priority_class_name = "critical";
  app.executor_template = model::PodTemplate{};
  app.executor_template->spec.containers.push_back(container("", 1, 1));
  SparkPods pods = pods_of(app);
  ASSERT_EQ(pods.driver.spec.containers.size(), 1u);
  EXPECT_EQ(pods.driver.spec.containers[0].name, "spark-kubernetes-driver");
  EXPECT_EQ(pods.driver.spec.priority_class_name, "critical");
  EXPECT_EQ(shape(pods.driver.spec), (Shape{1000, 1408, 0, 1408}));
  ASSERT_EQ(pods.executor.spec.containers.size(), 1u);
  EXPECT_EQ(pods.executor.spec.containers[0].name, "spark-kubernetes-executor");
  EXPECT_EQ(shape(pods.executor.spec), (Shape{1000, 1408, 0, 1408}));
}

TEST(SparkTemplate, DriverTemplateIsTheDriversOnly) {
  SparkApplication app = make_app({{"spark.kubernetes.driver.scheduler.name", "yunikorn"}});
  app.driver_template = executor_template();
  app.driver_template->meta.name = "template-name";
  app.driver_template->meta.uid = "template-uid";
  app.driver_template->spec.scheduler_name = "template-scheduler";
  SparkPods pods = pods_of(app);
  EXPECT_EQ(pods.driver.meta.name, "spark-pi-driver");
  EXPECT_EQ(pods.driver.meta.uid, "");
  EXPECT_EQ(pods.driver.spec.scheduler_name, "yunikorn");  // the property wins
  EXPECT_EQ(pods.driver.spec.priority_class_name, "batch");
  EXPECT_EQ(*model::find_label(pods.driver.meta.labels, "spark-role"), "driver");
  EXPECT_EQ(pods.driver.spec.containers.size(), 2u);
  // The executor has no template: one container, no tolerations.
  EXPECT_EQ(pods.executor.spec.containers.size(), 1u);
  EXPECT_TRUE(pods.executor.spec.tolerations.empty());
  EXPECT_EQ(pods.executor.spec.scheduler_name, "default-scheduler");

  // Without the property, the template's scheduler is kept.
  SparkApplication keep = make_app({});
  keep.driver_template = app.driver_template;
  EXPECT_EQ(pods_of(keep).driver.spec.scheduler_name, "template-scheduler");
}

// ---- Errors -----------------------------------------------------------------------------------

TEST(SparkConfErrors, MalformedMemory) {
  EXPECT_EQ(error_of(make_app({{"spark.executor.memory", "10 gb"}})),
            (SparkConfError{"spark.executor.memory",
                            "\"10 gb\" is not a JVM memory string such as 512m or 10g"}));
  EXPECT_EQ(error_of(make_app({{"spark.driver.memory", "1.5g"}})),
            (SparkConfError{"spark.driver.memory",
                            "\"1.5g\" is not a JVM memory string such as 512m or 10g: fractions "
                            "are not supported, use a smaller unit"}));
  EXPECT_EQ(error_of(make_app({{"spark.executor.memoryOverhead", "-1g"}})).key,
            "spark.executor.memoryOverhead");
  EXPECT_EQ(error_of(make_app({{"spark.executor.minMemoryOverhead", "ten"}})).key,
            "spark.executor.minMemoryOverhead");
  EXPECT_EQ(error_of(make_app({{"spark.executor.memory", "99999999999999999999g"}})),
            (SparkConfError{"spark.executor.memory", "\"99999999999999999999g\" is too large"}));
}

TEST(SparkConfErrors, MemoryBeyondInt64Bytes) {
  // 2^43 MiB is 2^63 bytes, one more than int64 holds.
  SparkConfError e = error_of(make_app({{"spark.executor.memory", "8796093022208m"}}));
  EXPECT_EQ(e.key, "spark.executor.memory");
  EXPECT_THAT(e.message, HasSubstr("too large"));
  // Under 2^43 MiB on its own, but not with its 10 % overhead.
  EXPECT_EQ(error_of(make_app({{"spark.driver.memory", "8796093022000m"}})).key,
            "spark.driver.memory");
}

TEST(SparkConfErrors, HugeFactorsAreTooLargeNotOverflows) {
  // 10^18 - 1 as a factor times the default 1024 MiB is beyond 128 bits in parts per 10^18.
  EXPECT_EQ(
      error_of(make_app({{"spark.executor.memoryOverheadFactor", "999999999999999999"}})),
      (SparkConfError{"spark.executor.memory", "1024 MiB times the overhead factor is too large"}));
  // 10^10 × 1024 MiB fits the arithmetic but not the pod: 2^43 MiB is int64's byte limit.
  EXPECT_EQ(error_of(make_app({{"spark.driver.memoryOverheadFactor", "10000000000"}})).key,
            "spark.driver.memory");
  // Beyond 18 integer digits a factor is not read at all.
  EXPECT_EQ(error_of(make_app({{"spark.executor.memoryOverheadFactor", "1000000000000000000"}})),
            (SparkConfError{"spark.executor.memoryOverheadFactor",
                            "\"1000000000000000000\" is not a decimal number such as 0.1"}));
}

TEST(SparkConfErrors, MalformedIntegers) {
  EXPECT_EQ(error_of(make_app({{"spark.executor.cores", "four"}})),
            (SparkConfError{"spark.executor.cores",
                            "\"four\" is not an integer (a whole number such as 1)"}));
  EXPECT_EQ(error_of(make_app({{"spark.executor.cores", "0"}})),
            (SparkConfError{"spark.executor.cores", "\"0\" must be a positive integer"}));
  EXPECT_EQ(error_of(make_app({{"spark.driver.cores", "1.5"}})).key, "spark.driver.cores");
  EXPECT_EQ(error_of(make_app({{"spark.executor.cores", "2147483648"}})).key,
            "spark.executor.cores");
  EXPECT_EQ(
      error_of(make_app({{"spark.executor.instances", "-1"}})),
      (SparkConfError{"spark.executor.instances", "\"-1\" must be an integer of at least 0"}));
  EXPECT_EQ(error_of(make_app({{"spark.executor.instances", "ten"}})).key,
            "spark.executor.instances");
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.allocation.batch.size", "0"}})),
            (SparkConfError{"spark.kubernetes.allocation.batch.size",
                            "\"0\" must be a positive integer"}));
}

TEST(SparkConfErrors, TaskCpusAboveExecutorCores) {
  EXPECT_EQ(error_of(make_app({{"spark.executor.cores", "4"}, {"spark.task.cpus", "5"}})),
            (SparkConfError{"spark.task.cpus",
                            "\"5\" is more than spark.executor.cores (4): an executor would have "
                            "no task slot"}));
  EXPECT_EQ(error_of(make_app({{"spark.task.cpus", "2"}})).key, "spark.task.cpus");
  EXPECT_EQ(error_of(make_app({{"spark.task.cpus", "0"}})).message,
            "\"0\" must be a positive integer");
}

TEST(SparkConfErrors, BadBatchDelay) {
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.allocation.batch.delay", "1.5s"}})),
            (SparkConfError{"spark.kubernetes.allocation.batch.delay",
                            "\"1.5s\" is not a time such as 1s, 500ms or 2m"}));
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.allocation.batch.delay", "0s"}})),
            (SparkConfError{"spark.kubernetes.allocation.batch.delay",
                            "\"0s\" must be a positive time"}));
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.allocation.batch.delay", "500us"}})).message,
            "\"500us\" must be a positive time");
}

TEST(SparkConfErrors, BadBooleanAndFactors) {
  EXPECT_EQ(
      error_of(make_app({{"spark.memory.offHeap.enabled", "yes"}})),
      (SparkConfError{"spark.memory.offHeap.enabled", "\"yes\" is not a boolean (true or false)"}));
  EXPECT_EQ(error_of(make_app({{"spark.executor.memoryOverheadFactor", "abc"}})),
            (SparkConfError{"spark.executor.memoryOverheadFactor",
                            "\"abc\" is not a decimal number such as 0.1"}));
  EXPECT_EQ(error_of(make_app({{"spark.driver.memoryOverheadFactor", "0"}})),
            (SparkConfError{"spark.driver.memoryOverheadFactor", "\"0\" must be greater than 0"}));
  EXPECT_EQ(
      error_of(make_app({{"spark.kubernetes.memoryOverheadFactor", "-0.1"}})),
      (SparkConfError{"spark.kubernetes.memoryOverheadFactor", "\"-0.1\" must not be negative"}));
  EXPECT_EQ(error_of(make_app({{"spark.executor.memoryOverheadFactor", "1e-1"}})).key,
            "spark.executor.memoryOverheadFactor");
  EXPECT_EQ(error_of(make_app({{"spark.executor.memoryOverheadFactor", "."}})).key,
            "spark.executor.memoryOverheadFactor");
}

TEST(SparkConfErrors, OffHeapEnabledNeedsASize) {
  SparkConfError e = error_of(make_app({{"spark.memory.offHeap.enabled", "true"}}));
  EXPECT_EQ(e, (SparkConfError{"spark.memory.offHeap.size",
                               "\"0\" must be at least 1 MiB when spark.memory.offHeap.enabled "
                               "is true"}));
  // Under 1 MiB in bytes rounds down to 0.
  EXPECT_EQ(error_of(make_app({{"spark.memory.offHeap.enabled", "true"},
                               {"spark.memory.offHeap.size", "1048575"}}))
                .key,
            "spark.memory.offHeap.size");
}

TEST(SparkConfErrors, BadCpuQuantities) {
  SparkConfError e =
      error_of(make_app({{"spark.kubernetes.executor.request.cores", "four cores"}}));
  EXPECT_EQ(e.key, "spark.kubernetes.executor.request.cores");
  EXPECT_THAT(e.message, HasSubstr("\"four cores\" is not a Kubernetes cpu quantity such as 500m"));
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.driver.limit.cores", "-1"}})).key,
            "spark.kubernetes.driver.limit.cores");
  EXPECT_EQ(error_of(make_app({{"spark.executor.cores", "2"},
                               {"spark.kubernetes.executor.limit.cores", "500m"}})),
            (SparkConfError{"spark.kubernetes.executor.limit.cores",
                            "\"500m\" is below the cpu request (2): Kubernetes rejects a limit "
                            "under the request"}));
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.driver.request.cores", "2500m"},
                               {"spark.kubernetes.driver.limit.cores", "2"}}))
                .message,
            "\"2\" is below the cpu request (2500m): Kubernetes rejects a limit under the request");
}

TEST(SparkConfErrors, ReservedLabels) {
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.executor.label.spark-exec-id", "7"}})),
            (SparkConfError{"spark.kubernetes.executor.label.spark-exec-id",
                            "label \"spark-exec-id\" is reserved for Spark"}));
  for (const char* reserved :
       {"spark-app-selector", "spark-role", "spark-app-name", "spark-exec-resourceprofile-id"}) {
    std::string key = std::string("spark.kubernetes.executor.label.") + reserved;
    EXPECT_EQ(error_of(make_app({{key, "x"}})).key, key);
  }
  for (const char* reserved : {"spark-app-selector", "spark-role", "spark-app-name"}) {
    std::string key = std::string("spark.kubernetes.driver.label.") + reserved;
    EXPECT_EQ(error_of(make_app({{key, "x"}})).key, key);
  }
  // The executor-only labels are not Spark's on the driver, so the driver may carry them.
  SparkPods pods = pods_of(make_app({{"spark.kubernetes.driver.label.spark-exec-id", "none"}}));
  EXPECT_EQ(*model::find_label(pods.driver.meta.labels, "spark-exec-id"), "none");
}

TEST(SparkConfErrors, BadExecutorPodNamePrefix) {
  for (std::string prefix : {std::string("Bad_Prefix"), std::string("-lead"), std::string("a..b"),
                             std::string(48, 'a')}) {
    SparkConfError e = error_of(make_app({{"spark.kubernetes.executor.podNamePrefix", prefix}}));
    EXPECT_EQ(e.key, "spark.kubernetes.executor.podNamePrefix") << prefix;
    EXPECT_THAT(e.message, HasSubstr("at most 47 characters")) << prefix;
  }
  EXPECT_EQ(
      pods_of(make_app({{"spark.kubernetes.executor.podNamePrefix", "a.b-c"}})).executor_instances,
      2);
}

TEST(SparkConfErrors, PrefixWithoutAName) {
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.node.selector.", "x"}})),
            (SparkConfError{"spark.kubernetes.node.selector.",
                            "names nothing: a name must follow the prefix"}));
  EXPECT_EQ(error_of(make_app({{"spark.kubernetes.driver.annotation.", "x"}})).key,
            "spark.kubernetes.driver.annotation.");
}

TEST(SparkConfErrors, TheFirstBadPropertyInAFixedOrderIsReported) {
  // Driver sizing is read before executor sizing, and sizing before pacing.
  SparkApplication app = make_app({{"spark.executor.memory", "x"},
                                   {"spark.driver.memory", "y"},
                                   {"spark.executor.instances", "z"}});
  EXPECT_EQ(error_of(app).key, "spark.driver.memory");
  app.conf = {{"spark.executor.instances", "z"}, {"spark.executor.memory", "x"}};
  EXPECT_EQ(error_of(app).key, "spark.executor.memory");
}

TEST(SparkConfErrors, PropertiesNotReadAreNotChecked) {
  // The factor is not read when the overhead is given, nor PySpark memory for a JVM app, nor the
  // off-heap size when off-heap memory is off, nor the container name without a template.
  SparkPods pods = pods_of(make_app({{"spark.executor.memoryOverhead", "1g"},
                                     {"spark.executor.memoryOverheadFactor", "bad"},
                                     {"spark.executor.pyspark.memory", "bad"},
                                     {"spark.memory.offHeap.size", "bad"},
                                     {"spark.kubernetes.executor.podTemplateContainerName", ""}}));
  EXPECT_EQ(spark_container(pods.executor.spec).requests.memory_bytes(), int64_t{2048} * kMi);
}

}  // namespace
}  // namespace nw::workloads
