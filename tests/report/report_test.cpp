// The simulator's reports on hand-built run records: nearest-rank percentiles, integer cost
// splits, the summary JSON's keys and values, the CSVs (units, quoting, kNever as an empty
// field), the table, and write_outputs' all-or-nothing files.
#include "report/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/format.h"
#include "report/records.h"

namespace nw::report {
namespace {

namespace fs = std::filesystem;
using catalog::CapacityType;
using sim::kNever;
using testing::application;
using testing::node;
using testing::pod;

constexpr int64_t kGiB = int64_t{1} << 30;

sim::Scenario scenario() {
  sim::Scenario s;
  s.name = "burst";
  s.seed = 42;
  s.duration = 600'000;
  return s;
}

// "karpenter": a Spark application, a Job pod and a never-bound pod with an awkward name; two
// on-demand and two Spot nodes, one of each not counted in empty→deleted.
sim::VariantResult karpenter() {
  sim::VariantResult r;
  r.variant = "karpenter";
  r.ended = 600'000;
  r.pods = {
      pod("spark", "app-1-driver", "app-1", "driver", "n1", 1000, 2 * kGiB, 0, 10'000, 14'000,
          100'000, 50'000),
      pod("spark", "app-1-exec-1", "app-1", "executor", "n2", 4000, kGiB / 2, 15'000, 65'500,
          70'000, 100'000, 120'000),
      pod("spark", "app-1-exec-2", "app-1", "executor", "n2", 4000, kGiB / 2, 15'000, 66'000,
          70'000, 100'000, 120'001),
      pod("default", "web,\"quoted\"", "", "", "", 250, 1'000'000, 20'000, kNever, kNever, kNever,
          0),
      pod("batch", "job-1-xyz", "job-1", "", "n1", 500, kGiB, 1'000, 1'250, 2'000, kNever, 30'000),
  };
  r.nodes = {
      node("n1", "default", "m5.xlarge", "us-east-1a", CapacityType::OnDemand, 192'000, 3920,
           14 * kGiB + kGiB / 2, 0, 40'000, 120'000, 150'000, "empty", 400'000),
      node("n2", "spot-pool", "c5.xlarge", "us-east-1b", CapacityType::Spot, 65'700, 3920,
           6 * kGiB + kGiB / 2, 16'000, 60'000, 100'000, 115'000, "empty", 300'000),
      node("n3", "spot-pool", "c5.xlarge", "us-east-1b", CapacityType::Spot, 65'700, 3920,
           6 * kGiB + kGiB / 2, 200'000, kNever, kNever, 260'000, "insufficient capacity", 100'001),
      // Deleted before it was (last) emptied: left out of empty→deleted.
      node("n4", "default", "m5.large", "us-east-1a", CapacityType::OnDemand, 96'000, 1930,
           6 * kGiB + kGiB / 2, 280'000, 290'000, 300'000, 290'000, "consolidation\nreplace", 0),
  };
  r.applications = {
      application("spark", "app-1", "Spark", 0, 100'000, 3, 290'001),
      application("batch", "job-1", "Job", 1'000, kNever, 1, 30'000),
      application("spark", "app-2", "Spark", 50'000, 80'500, 0, 0),
  };
  r.timeline = {
      {0, 1, 0, 2, 192'000, 0, 0, 0, 0},
      {10'000, 1, 2, 1, 323'400, 1000, 3920, 2 * kGiB, 15 * kGiB},
      {600'000, 0, 1, 0, 65'700, 0, 0, 0, 0},
  };
  r.cpu_request_millis_ms = 3'000;
  r.cpu_allocatable_millis_ms = 4'000;
  // Beyond 64 bits: 2^70 / (3 × 2^70).
  r.memory_request_bytes_ms = model::Int128{1} << 70;
  r.memory_allocatable_bytes_ms = 3 * (model::Int128{1} << 70);
  r.statistics = {1234, 12, 56};
  return r;
}

// "nodewright": two idle on-demand nodes costing $0.10 and $0.20, nothing else.
sim::VariantResult nodewright() {
  sim::VariantResult r;
  r.variant = "nodewright";
  r.ended = 600'000;
  r.nodes = {
      node("b1", "default", "m5.large", "us-east-1a", CapacityType::OnDemand, 96'000, 1930,
           6 * kGiB + kGiB / 2, 0, kNever, kNever, kNever, "", 100'000),
      node("b2", "default", "m5.large", "us-east-1a", CapacityType::OnDemand, 96'000, 1930,
           6 * kGiB + kGiB / 2, 5'000, kNever, kNever, kNever, "", 200'000),
  };
  return r;
}

std::vector<sim::VariantResult> results() {
  return {karpenter(), nodewright()};
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// A fresh directory for one test, removed afterwards.
class ReportFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("nodewright-report-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST(ReportPercentileTest, NearestRankOnSmallSets) {
  std::vector<int64_t> ten = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
  EXPECT_EQ(nearest_rank(ten, 50), 500);   // ceil(5) = 5th
  EXPECT_EQ(nearest_rank(ten, 90), 900);   // ceil(9) = 9th
  EXPECT_EQ(nearest_rank(ten, 99), 1000);  // ceil(9.9) = 10th
  EXPECT_EQ(nearest_rank(ten, 100), 1000);
  EXPECT_EQ(nearest_rank(ten, 1), 100);  // ceil(0.1) = 1st
  std::vector<int64_t> three = {10, 20, 30};
  EXPECT_EQ(nearest_rank(three, 50), 20);  // ceil(1.5) = 2nd
  EXPECT_EQ(nearest_rank(three, 90), 30);  // ceil(2.7) = 3rd
  std::vector<int64_t> one = {7};
  EXPECT_EQ(nearest_rank(one, 50), 7);
  EXPECT_EQ(nearest_rank(one, 99), 7);
}

TEST(ReportPercentileTest, DistributionSortsAndRoundsTheMeanHalfUp) {
  Distribution d = distribution({51'000, 250, 50'500, 10'000});
  EXPECT_EQ(d.count, 4);
  EXPECT_EQ(d.p50, 10'000);  // 2nd of [250, 10000, 50500, 51000]
  EXPECT_EQ(d.p90, 51'000);  // ceil(3.6) = 4th
  EXPECT_EQ(d.p99, 51'000);
  EXPECT_EQ(d.max, 51'000);
  EXPECT_EQ(d.mean, 27'938);  // 111750 / 4 = 27937.5
  EXPECT_EQ(distribution({1, 2}).mean, 2);
  Distribution empty = distribution({});
  EXPECT_EQ(empty.count, 0);
  EXPECT_EQ(empty.p50, 0);
  EXPECT_EQ(empty.max, 0);
}

TEST(ReportFormatTest, ExactAndRoundedDecimals) {
  using detail::exact_decimal;
  using detail::fixed_decimal;
  EXPECT_EQ(exact_decimal(12'500, 3), "12.5");
  EXPECT_EQ(exact_decimal(3'000, 3), "3");
  EXPECT_EQ(exact_decimal(10'000, 3), "10");
  EXPECT_EQ(exact_decimal(0, 3), "0");
  EXPECT_EQ(exact_decimal(1, 6), "0.000001");
  EXPECT_EQ(exact_decimal(-1, 6), "-0.000001");
  EXPECT_EQ(exact_decimal(290'001, 6), "0.290001");
  EXPECT_EQ(fixed_decimal(12'345, 3, 1), "12.3");
  EXPECT_EQ(fixed_decimal(12'350, 3, 1), "12.4");
  EXPECT_EQ(fixed_decimal(-12'350, 3, 1), "-12.3");  // half towards +∞
  EXPECT_EQ(fixed_decimal(5'000, 6, 2), "0.01");
  EXPECT_EQ(fixed_decimal(4'999, 6, 2), "0.00");
  EXPECT_EQ(fixed_decimal(1'234'567'890, 6, 2), "1234.57");
  EXPECT_EQ(fixed_decimal(7, 3, 3), "0.007");
  EXPECT_EQ(detail::gib_thousandths(kGiB), 1000);
  EXPECT_EQ(detail::gib_thousandths(1'000'000), 1);  // 0.93 thousandths
  EXPECT_EQ(detail::gib_thousandths(500'000), 0);    // 0.47 thousandths
  EXPECT_EQ(detail::seconds_or_empty(kNever), "");
  EXPECT_EQ(detail::seconds_or_empty(65'500), "65.5");
}

TEST(ReportFormatTest, QuotesCsvFieldsOnlyWhenNeeded) {
  using detail::csv_field;
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(detail::csv_line({"a", "", "b,c"}), "a,,\"b,c\"\n");
}

TEST(ReportSummaryTest, SummarizesInIntegers) {
  VariantSummary s = summarize(karpenter());
  EXPECT_EQ(s.variant, "karpenter");
  EXPECT_EQ(s.pods, 5);
  EXPECT_EQ(s.cost_total, 800'001);
  EXPECT_EQ(s.cost_on_demand, 400'000);
  EXPECT_EQ(s.cost_spot, 400'001);
  EXPECT_EQ(s.cost_pods, 320'001);
  EXPECT_EQ(s.cost_unattributed, 480'000);
  EXPECT_EQ(s.cost_by_namespace, (std::map<std::string, int64_t>{
                                     {"batch", 30'000}, {"default", 0}, {"spark", 290'001}}));
  EXPECT_EQ(s.never_bound, 1);
  EXPECT_EQ(s.pending.count, 4);
  EXPECT_EQ(s.empty_to_deleted.count, 2);
  EXPECT_EQ(s.empty_to_deleted.p50, 15'000);
  EXPECT_EQ(s.empty_to_deleted.max, 30'000);
  EXPECT_EQ(s.job_end_to_nodes_removed.count, 1);
  EXPECT_EQ(s.job_end_to_nodes_removed.p50, 15'000);
  EXPECT_EQ(s.applications, 3);
  EXPECT_EQ(s.applications_finished, 2);
  EXPECT_EQ(s.application_duration.p50, 30'500);
  EXPECT_EQ(s.application_duration.p90, 100'000);
  EXPECT_EQ(s.nodes_launched, 4);
  EXPECT_EQ(s.nodes_on_demand, 2);
  EXPECT_EQ(s.nodes_spot, 2);
  EXPECT_EQ(s.nodes_peak, 3);
  EXPECT_EQ(s.cpu_utilization_ppm, 750'000);
  EXPECT_EQ(s.memory_utilization_ppm, 333'333);
}

TEST(ReportSummaryTest, JsonFigures) {
  nlohmann::ordered_json summary = summary_json(scenario(), results());
  EXPECT_EQ(summary["scenario"], "burst");
  EXPECT_EQ(summary["seed"], 42);
  EXPECT_EQ(summary["durationSeconds"], 600.0);
  ASSERT_EQ(summary["variants"].size(), 2u);
  const auto& k = summary["variants"][0];
  EXPECT_EQ(k["variant"], "karpenter");
  EXPECT_EQ(k["pods"], 5);
  EXPECT_EQ(k["cost"].dump(),
            R"({"total":0.800001,"onDemand":0.4,"spot":0.400001,"unattributed":0.48,)"
            R"("byNamespace":{"batch":0.03,"default":0.0,"spark":0.290001},"byApplication":[)"
            R"({"namespace":"spark","name":"app-1","kind":"Spark","dollars":0.290001},)"
            R"({"namespace":"batch","name":"job-1","kind":"Job","dollars":0.03},)"
            R"({"namespace":"spark","name":"app-2","kind":"Spark","dollars":0.0}]})");
  EXPECT_EQ(k["pendingSeconds"].dump(),
            R"({"p50":10.0,"p90":51.0,"p99":51.0,"max":51.0,"mean":27.938,"count":4,)"
            R"("neverBound":1})");
  EXPECT_EQ(k["emptyToDeletedSeconds"].dump(), R"({"p50":15.0,"p90":30.0,"max":30.0,"count":2})");
  // app-1's executors emptied n2 at 100 s, as app-1 finished; n2 went at 115 s.
  EXPECT_EQ(k["jobEndToNodesRemovedSeconds"].dump(), R"({"p50":15.0,"max":15.0,"count":1})");
  EXPECT_EQ(k["applications"].dump(),
            R"({"count":3,"finished":2,"durationSeconds":{"p50":30.5,"p90":100.0,"max":100.0}})");
  EXPECT_EQ(k["nodes"].dump(),
            R"({"launched":4,"peak":3,"byCapacityType":{"onDemand":2,"spot":2}})");
  EXPECT_EQ(k["utilization"].dump(), R"({"cpu":0.75,"memory":0.333333})");
  EXPECT_EQ(k["statistics"].dump(), R"({"events":1234,"provisioningRuns":12,"schedulingRuns":56})");
}

// The second variant in full: key order, empty sets as null, and $0.10 + $0.20 summed in
// micro-dollars giving exactly 0.3 (in doubles it would be 0.30000000000000004).
TEST(ReportSummaryTest, JsonKeyOrderAndEmptySets) {
  nlohmann::ordered_json summary = summary_json(scenario(), {nodewright()});
  EXPECT_EQ(summary.dump(),
            R"({"scenario":"burst","seed":42,"durationSeconds":600.0,"variants":[{)"
            R"("variant":"nodewright","autoscaler":"karpenter","configurationObjects":0,"pods":0,)"
            R"("cost":{"total":0.3,"onDemand":0.3,"spot":0.0,"unattributed":0.3,)"
            R"("byNamespace":{},"byApplication":[]},)"
            R"("pendingSeconds":{"p50":null,"p90":null,"p99":null,"max":null,"mean":null,)"
            R"("count":0,"neverBound":0},)"
            R"("emptyToDeletedSeconds":{"p50":null,"p90":null,"max":null,"count":0},)"
            R"("jobEndToNodesRemovedSeconds":{"p50":null,"max":null,"count":0},)"
            R"("applications":{"count":0,"finished":0,)"
            R"("durationSeconds":{"p50":null,"p90":null,"max":null}},)"
            R"("nodes":{"launched":2,"peak":0,"byCapacityType":{"onDemand":2,"spot":0}},)"
            R"("utilization":{"cpu":0.0,"memory":0.0},)"
            R"("statistics":{"events":0,"provisioningRuns":0,"schedulingRuns":0}}]})");
}

TEST(ReportSummaryTest, IdenticalInputGivesByteIdenticalOutput) {
  EXPECT_EQ(summary_json(scenario(), results()).dump(2),
            summary_json(scenario(), results()).dump(2));
  EXPECT_EQ(summary_table(scenario(), results()), summary_table(scenario(), results()));
  EXPECT_EQ(timeline_csv(results()), timeline_csv(results()));
  EXPECT_EQ(pods_csv(results()), pods_csv(results()));
  EXPECT_EQ(applications_csv(results()), applications_csv(results()));
  EXPECT_EQ(nodes_csv(results()), nodes_csv(results()));
}

TEST(ReportCsvTest, Timeline) {
  EXPECT_EQ(timeline_csv(results()),
            "variant,seconds,nodes_on_demand,nodes_spot,pending_pods,cost_rate_per_hour,"
            "cpu_requested,cpu_allocatable,memory_requested_gib,memory_allocatable_gib\n"
            "karpenter,0,1,0,2,0.192,0,0,0,0\n"
            "karpenter,10,1,2,1,0.3234,1,3.92,2,15\n"
            "karpenter,600,0,1,0,0.0657,0,0,0,0\n");
}

TEST(ReportCsvTest, PodsQuoteNamesAndLeaveNeverEmpty) {
  EXPECT_EQ(pods_csv(results()),
            "variant,namespace,name,application,role,node,cpu,memory,created_s,bound_s,"
            "started_s,finished_s,pending_s,cost\n"
            "karpenter,spark,app-1-driver,app-1,driver,n1,1,2,0,10,14,100,10,0.05\n"
            "karpenter,spark,app-1-exec-1,app-1,executor,n2,4,0.5,15,65.5,70,100,50.5,0.12\n"
            "karpenter,spark,app-1-exec-2,app-1,executor,n2,4,0.5,15,66,70,100,51,0.120001\n"
            "karpenter,default,\"web,\"\"quoted\"\"\",,,,0.25,0.001,20,,,,,0\n"
            "karpenter,batch,job-1-xyz,job-1,,n1,0.5,1,1,1.25,2,,0.25,0.03\n");
}

TEST(ReportCsvTest, Applications) {
  EXPECT_EQ(applications_csv(results()),
            "variant,namespace,name,kind,submitted_s,finished_s,duration_s,pods,cost\n"
            "karpenter,spark,app-1,Spark,0,100,100,3,0.290001\n"
            "karpenter,batch,job-1,Job,1,,,1,0.03\n"
            "karpenter,spark,app-2,Spark,50,80.5,30.5,0,0\n");
}

TEST(ReportCsvTest, NodesInVariantThenLaunchOrder) {
  EXPECT_EQ(nodes_csv(results()),
            "variant,name,node_pool,instance_type,zone,capacity_type,price_per_hour,"
            "cpu_allocatable,memory_allocatable_gib,launched_s,ready_s,emptied_s,deleted_s,"
            "empty_to_deleted_s,deletion_reason,cost\n"
            "karpenter,n1,default,m5.xlarge,us-east-1a,on-demand,0.192,3.92,14.5,0,40,120,150,30,"
            "empty,0.4\n"
            "karpenter,n2,spot-pool,c5.xlarge,us-east-1b,spot,0.0657,3.92,6.5,16,60,100,115,15,"
            "empty,0.3\n"
            "karpenter,n3,spot-pool,c5.xlarge,us-east-1b,spot,0.0657,3.92,6.5,200,,,260,,"
            "insufficient capacity,0.100001\n"
            "karpenter,n4,default,m5.large,us-east-1a,on-demand,0.096,1.93,6.5,280,290,300,290,,"
            "\"consolidation\nreplace\",0\n"
            "nodewright,b1,default,m5.large,us-east-1a,on-demand,0.096,1.93,6.5,0,,,,,,0.1\n"
            "nodewright,b2,default,m5.large,us-east-1a,on-demand,0.096,1.93,6.5,5,,,,,,0.2\n");
}

TEST(ReportCsvTest, HeadersOnlyWithoutResults) {
  EXPECT_EQ(pods_csv({}),
            "variant,namespace,name,application,role,node,cpu,memory,created_s,bound_s,"
            "started_s,finished_s,pending_s,cost\n");
  EXPECT_EQ(applications_csv({nodewright()}),
            "variant,namespace,name,kind,submitted_s,finished_s,duration_s,pods,cost\n");
}

TEST(ReportTableTest, OneColumnPerVariant) {
  EXPECT_EQ(summary_table(scenario(), results()),
            "scenario burst, seed 42, 600 s\n"
            "\n"
            "                        karpenter  nodewright\n"
            "cost total ($)               0.80        0.30\n"
            "cost on-demand ($)           0.40        0.30\n"
            "cost spot ($)                0.40        0.00\n"
            "pods                            5           0\n"
            "pods never bound                1           0\n"
            "pending p50 (s)              10.0           -\n"
            "pending p90 (s)              51.0           -\n"
            "pending p99 (s)              51.0           -\n"
            "pending max (s)              51.0           -\n"
            "nodes launched                  4           2\n"
            "peak nodes                      3           0\n"
            "empty→deleted p50 (s)        15.0           -\n"
            "empty→deleted max (s)        30.0           -\n"
            "job→nodes gone p50 (s)       15.0           -\n"
            "job→nodes gone max (s)       15.0           -\n"
            "applications finished         2/3         0/0\n"
            "app duration p50 (s)         30.5           -\n"
            "app duration p90 (s)        100.0           -\n"
            "cpu utilisation (%)          75.0         0.0\n"
            "memory utilisation (%)       33.3         0.0\n");
}

TEST_F(ReportFilesTest, WritesAllFilesEqualToTheStrings) {
  fs::path dir = root_ / "out" / "nested";  // created, parents included
  ASSERT_EQ(write_outputs(dir, scenario(), results()), std::nullopt);
  EXPECT_EQ(listing(dir), (std::set<std::string>{"summary.json", "timeline.csv", "pods.csv",
                                                 "applications.csv", "nodes.csv", "report.html"}));
  EXPECT_EQ(read(dir / "summary.json"), summary_json(scenario(), results()).dump(2) + "\n");
  EXPECT_TRUE(read(dir / "summary.json").starts_with("{\n  \"scenario\": \"burst\",\n  \"seed\""));
  EXPECT_EQ(read(dir / "timeline.csv"), timeline_csv(results()));
  EXPECT_EQ(read(dir / "pods.csv"), pods_csv(results()));
  EXPECT_EQ(read(dir / "applications.csv"), applications_csv(results()));
  EXPECT_EQ(read(dir / "nodes.csv"), nodes_csv(results()));
  EXPECT_EQ(read(dir / "report.html"), html_report(scenario(), results()));

  // A second run replaces every file.
  ASSERT_EQ(write_outputs(dir, scenario(), {nodewright()}), std::nullopt);
  EXPECT_EQ(read(dir / "pods.csv"), pods_csv({nodewright()}));
  EXPECT_EQ(read(dir / "summary.json"), summary_json(scenario(), {nodewright()}).dump(2) + "\n");
  EXPECT_EQ(read(dir / "report.html"), html_report(scenario(), {nodewright()}));
  EXPECT_EQ(listing(dir).size(), 6u);
}

TEST_F(ReportFilesTest, DirectoryUnderARegularFileIsAnError) {
  fs::path blocker = root_ / "blocker";
  std::ofstream(blocker) << "not a directory";
  fs::path dir = blocker / "out";
  std::optional<std::string> error = write_outputs(dir, scenario(), results());
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(dir.string()), std::string::npos) << *error;
  EXPECT_NE(error->find("Not a directory"), std::string::npos) << *error;
  EXPECT_EQ(listing(root_), std::set<std::string>{"blocker"});
  EXPECT_EQ(read(blocker), "not a directory");
}

// A temporary that cannot be written: the earlier temporaries are removed, no final file
// appears, and what was not ours (the directory in the way) is left alone.
TEST_F(ReportFilesTest, FailedWriteLeavesNoFiles) {
  fs::create_directory(root_ / ".applications.csv.tmp");
  std::optional<std::string> error = write_outputs(root_, scenario(), results());
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find((root_ / ".applications.csv.tmp").string()), std::string::npos) << *error;
  EXPECT_NE(error->find("Is a directory"), std::string::npos) << *error;
  EXPECT_EQ(listing(root_), std::set<std::string>{".applications.csv.tmp"});
}

// A final name taken by a directory: nothing is renamed, so the old summary stays.
TEST_F(ReportFilesTest, UnreplaceableTargetKeepsTheOldFiles) {
  std::ofstream(root_ / "summary.json") << "old";
  fs::create_directory(root_ / "pods.csv");
  std::optional<std::string> error = write_outputs(root_, scenario(), results());
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find((root_ / "pods.csv").string()), std::string::npos) << *error;
  EXPECT_EQ(read(root_ / "summary.json"), "old");
  EXPECT_EQ(listing(root_), (std::set<std::string>{"summary.json", "pods.csv"}));
}

}  // namespace
}  // namespace nw::report
