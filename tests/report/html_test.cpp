// report.html and the figures it adds to the summary, on hand-built run records: per-application
// pending times and node removal, the cost over time (ending exactly at the total), the
// pending-time histogram, the comparison table, one series per variant in every chart, and HTML
// escaping. Then the cost over time on a real simulated run, whose node bills come from
// simulated EC2.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "catalog/catalog.h"
#include "input/loader.h"
#include "report/format.h"
#include "report/records.h"
#include "report/report.h"
#include "sim/simulation.h"

namespace nw::report {
namespace {

using sim::kNever;
using testing::application;
using testing::node;
using testing::pod;

// $3.60 an hour: one micro-dollar per millisecond, so bills read as times.
constexpr int64_t kPrice = 3'600'000;

sim::Scenario scenario() {
  sim::Scenario s;
  s.name = "compare <&>";
  s.seed = 7;
  s.duration = 200'000;
  return s;
}

// A pod with only what these figures read: its application, node and times.
sim::PodRecord app_pod(std::string ns, std::string name, std::string app, std::string node_name,
                       sim::SimTime created, sim::SimTime bound, sim::SimTime finished) {
  return pod(std::move(ns), std::move(name), std::move(app), "", std::move(node_name), 0, 0,
             created, bound, kNever, finished, 0);
}

// A node billed kPrice from `running` until `terminated` (kNever: still running at the end).
sim::NodeRecord billed_node(std::string name, catalog::CapacityType capacity, sim::SimTime running,
                            sim::SimTime emptied, sim::SimTime deleted, sim::SimTime terminated,
                            int64_t cost) {
  sim::NodeRecord n = node(std::move(name), "default", "m5.large", "us-east-1a", capacity, kPrice,
                           0, 0, running - 10'000, kNever, emptied, deleted, "", cost);
  n.running = running;
  n.terminated = terminated;
  return n;
}

sim::TimelineSample sample(sim::SimTime at, int64_t on_demand, int64_t spot, int64_t pending) {
  sim::TimelineSample s;
  s.at = at;
  s.nodes_on_demand = on_demand;
  s.nodes_spot = spot;
  s.pending_pods = pending;
  return s;
}

// Karpenter, one NodePool, over 200 s:
//   etl (Spark) finishes at 90 s; its executor empties node c at 25 s (deleted 30 s) and its
//     driver empties node a at 90 s (deleted 95 s): its nodes are gone 5 s after its end;
//   web (Deployment) keeps node b busy to the end, one of its pods is never bound;
//   job (Job) leaves node b at 150 s while web is still on it: it released no node;
//   tail (Pod) empties node d at 180 s, which is still up at the end.
// Bills (one micro-dollar per ms, 60 s minimum): a 10 → 100 s = 90000, b 50 s → end =
// 150000, c 20 → 30 s = the 60000 minimum, d 170 s → end = the 60000 minimum; 360000 in all.
sim::VariantResult karpenter() {
  using catalog::CapacityType;
  sim::VariantResult r;
  r.variant = "karpenter";
  r.autoscaler = sim::AutoscalerKind::Karpenter;
  r.configuration_objects = 1;
  r.ended = 200'000;
  r.pods = {
      app_pod("spark", "etl-driver", "etl", "a", 0, 12'000, 90'000),
      app_pod("spark", "etl-exec-1", "etl", "c", 1'000, 21'000, 25'000),
      app_pod("default", "web-1", "web", "b", 40'000, 60'000, kNever),
      app_pod("batch", "job-1", "job", "b", 50'000, 65'000, 150'000),
      app_pod("default", "tail", "tail", "d", 170'000, 175'000, 180'000),
      app_pod("default", "web-2", "web", "", 180'000, kNever, kNever),
  };
  r.nodes = {
      billed_node("a", CapacityType::OnDemand, 10'000, 90'000, 95'000, 100'000, 90'000),
      billed_node("b", CapacityType::Spot, 50'000, kNever, kNever, kNever, 150'000),
      billed_node("c", CapacityType::Spot, 20'000, 25'000, 30'000, 30'000, 60'000),
      billed_node("d", CapacityType::Spot, 170'000, 180'000, kNever, kNever, 60'000),
  };
  r.applications = {
      application("spark", "etl", "Spark", 0, 90'000, 2, 0),
      application("default", "web", "Deployment", 40'000, kNever, 2, 0),
      application("batch", "job", "Job", 50'000, 150'000, 1, 0),
      application("default", "tail", "Pod", 170'000, 180'000, 1, 0),
  };
  r.timeline = {sample(0, 0, 0, 1), sample(25'000, 1, 1, 0), sample(100'000, 0, 1, 0),
                sample(200'000, 0, 2, 1)};
  return r;
}

// The Cluster Autoscaler with twelve node groups, a name that needs escaping, and an application
// whose name is markup. Two pods pending 0 s and 3 s; no nodes.
sim::VariantResult cluster_autoscaler() {
  sim::VariantResult r;
  r.variant = "ca<&>\"'";
  r.autoscaler = sim::AutoscalerKind::ClusterAutoscaler;
  r.configuration_objects = 12;
  r.ended = 200'000;
  r.pods = {
      app_pod("x", "p1", "<script>alert(1)</script>", "", 1'000, 1'000, kNever),
      app_pod("x", "p2", "<script>alert(1)</script>", "", 2'000, 5'000, kNever),
  };
  r.applications = {application("x", "<script>alert(1)</script>", "Pod", 1'000, kNever, 2, 0)};
  r.timeline = {sample(0, 0, 0, 0), sample(200'000, 0, 0, 2)};
  return r;
}

std::vector<sim::VariantResult> results() {
  return {karpenter(), cluster_autoscaler()};
}

// The text of the chart <figure> with data-chart="id".
std::string chart(const std::string& html, const std::string& id) {
  const size_t start = html.find("data-chart=\"" + id + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</figure>", start) - start);
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportFiguresTest, ApplicationsPendingAndNodeRemoval) {
  const sim::VariantResult r = karpenter();
  const std::vector<ApplicationSummary> apps = summarize_applications(r);
  ASSERT_EQ(apps.size(), 4u);
  EXPECT_EQ(apps[0].record, &r.applications[0]);

  EXPECT_EQ(apps[0].pending.count, 2);  // etl: 12 s and 20 s
  EXPECT_EQ(apps[0].pending.p50, 12'000);
  EXPECT_EQ(apps[0].pending.p90, 20'000);
  EXPECT_EQ(apps[0].nodes_released, 2);            // a and c
  EXPECT_EQ(apps[0].end_to_nodes_removed, 5'000);  // a deleted at 95 s − finished at 90 s
  EXPECT_FALSE(apps[0].nodes_left_running);

  EXPECT_EQ(apps[1].pending.count, 1);  // web: web-2 was never bound
  EXPECT_EQ(apps[1].pending.p50, 20'000);
  EXPECT_EQ(apps[1].end_to_nodes_removed, kNever);  // not finished

  EXPECT_EQ(apps[2].nodes_released, 0);  // job left b to web
  EXPECT_EQ(apps[2].end_to_nodes_removed, kNever);

  EXPECT_EQ(apps[3].nodes_released, 1);  // tail: d, still up
  EXPECT_TRUE(apps[3].nodes_left_running);
  EXPECT_EQ(apps[3].end_to_nodes_removed, kNever);

  Distribution d = job_end_to_nodes_removed(apps);
  EXPECT_EQ(d.count, 1);
  EXPECT_EQ(d.p50, 5'000);
  EXPECT_EQ(d.max, 5'000);
}

// Nodes removed before the application is marked finished count 0, not a negative time.
TEST(ReportFiguresTest, NodesGoneBeforeTheEndCountZero) {
  sim::VariantResult r = karpenter();
  r.applications[0].finished = 120'000;  // after both of etl's nodes were deleted
  EXPECT_EQ(summarize_applications(r)[0].end_to_nodes_removed, 0);
}

TEST(ReportFiguresTest, CumulativeCostEndsAtTheTotal) {
  const sim::VariantResult r = karpenter();
  // At 25 s: a has run 15 s and c 5 s, each billed the 60 s minimum. At 100 s: a 90 s
  // (terminated), b 50 s billed as 60, c 60. At 200 s: a 90, b 150, c 60, d 60.
  EXPECT_EQ(cumulative_cost(r, 60'000), (std::vector<int64_t>{0, 120'000, 210'000, 360'000}));
  EXPECT_EQ(cumulative_cost(r, 60'000).back(), summarize(r).cost_total);
  // Without a minimum, c's 10 s and d's 30 s are what is billed.
  EXPECT_EQ(cumulative_cost(r, 0), (std::vector<int64_t>{0, 20'000, 150'000, 280'000}));
  EXPECT_EQ(cumulative_cost(cluster_autoscaler(), 60'000), (std::vector<int64_t>{0, 0}));
}

TEST(ReportFiguresTest, PendingHistogramBinsEveryBoundPod) {
  const Histogram h = pending_histogram(results());
  // The longest pending time is 20 s: 1 s bins would need 21, so 2 s bins, 11 of them.
  EXPECT_EQ(h.bin_ms, 2'000);
  ASSERT_EQ(h.counts.size(), 2u);
  // karpenter: 12 s → bin 6, 20 s and 20 s → bin 10, 15 s → bin 7, 5 s → bin 2.
  EXPECT_EQ(h.counts[0], (std::vector<int64_t>{0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 2}));
  // The Cluster Autoscaler: 0 s → bin 0, 3 s → bin 1.
  EXPECT_EQ(h.counts[1], (std::vector<int64_t>{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  for (size_t v = 0; v < 2; ++v) {
    EXPECT_EQ(std::accumulate(h.counts[v].begin(), h.counts[v].end(), int64_t{0}),
              summarize(results()[v]).pending.count);
  }
  // Nothing bound at all: one empty 1 s bin per variant.
  sim::VariantResult idle;
  const Histogram empty = pending_histogram({idle});
  EXPECT_EQ(empty.bin_ms, 1'000);
  EXPECT_EQ(empty.counts, (std::vector<std::vector<int64_t>>{{0}}));
  // Longer waits get wider bins: 10 min in 30 s bins would need 21, so 1 min bins (11).
  idle.pods = {app_pod("n", "slow", "", "x", 0, 600'000, kNever)};
  EXPECT_EQ(pending_histogram({idle}).bin_ms, 60'000);
}

TEST(ReportHtmlTest, ComparisonTable) {
  const std::string html = html_report(scenario(), results());
  const size_t start = html.find("<table class=\"comparison\">");
  ASSERT_NE(start, std::string::npos);
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  EXPECT_NE(table.find("<tr><th>autoscaler</th><td>Karpenter</td><td>Cluster Autoscaler</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>configuration objects</th><td>1 NodePool</td><td>12 node "
                       "groups</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>cost total ($)</th><td>0.36</td><td>0.00</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>cost spot ($)</th><td>0.27</td><td>0.00</td></tr>"),
            std::string::npos);
  // karpenter's pending times, sorted: 5, 12, 15, 20, 20 s.
  EXPECT_NE(table.find("<tr><th>pending p50 (s)</th><td>15.0</td><td>0.0</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>pending max (s)</th><td>20.0</td><td>3.0</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>empty→deleted p90 (s)</th><td>5.0</td><td>-</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>job→nodes gone p50 (s)</th><td>5.0</td><td>-</td></tr>"),
            std::string::npos);
  EXPECT_NE(table.find("<tr><th>job→nodes gone: applications measured</th><td>1</td><td>0"
                       "</td></tr>"),
            std::string::npos);
  // The terminal table's rows, in its order.
  EXPECT_LT(table.find("cost total ($)"), table.find("pending p50 (s)"));
  EXPECT_LT(table.find("pending p50 (s)"), table.find("memory utilisation (%)"));
}

TEST(ReportHtmlTest, EveryChartHasASeriesPerVariant) {
  const std::string html = html_report(scenario(), results());
  const std::string karpenter_series = R"(class="series" data-variant="karpenter")";
  const std::string ca_series = R"(class="series" data-variant="ca&lt;&amp;&gt;&quot;&#39;")";
  // Nodes: a spot line and a dashed on-demand line per variant.
  EXPECT_EQ(occurrences(chart(html, "nodes"), karpenter_series), 2u);
  EXPECT_EQ(occurrences(chart(html, "nodes"), ca_series), 2u);
  EXPECT_EQ(occurrences(chart(html, "nodes"), "stroke-dasharray"), 2u);
  for (const char* id : {"pending", "cost", "histogram"}) {
    EXPECT_EQ(occurrences(chart(html, id), karpenter_series), 1u) << id;
    EXPECT_EQ(occurrences(chart(html, id), ca_series), 1u) << id;
  }
  EXPECT_EQ(occurrences(html, "<figure class=\"chart\""), 4u);
  // The histogram draws a bar per non-empty bin: 4 for karpenter, 2 for the other.
  EXPECT_EQ(occurrences(chart(html, "histogram"), "<rect "), 6u);
  EXPECT_NE(chart(html, "histogram").find("<title>karpenter: 2 pods pending 20s to 22s</title>"),
            std::string::npos);
}

// The cost line ends at the total: its last point is at the right edge (x = 72 + 532 px) and at
// the height of $0.36 on a $0–$0.40 axis (y = 14 + 222 × (1 − 0.36 / 0.40) = 36.2 px).
TEST(ReportHtmlTest, CostLineEndsAtTheTotal) {
  const std::string cost = chart(html_report(scenario(), results()), "cost");
  const size_t line = cost.find(R"(data-variant="karpenter")");
  ASSERT_NE(line, std::string::npos);
  const size_t end = cost.find("\" stroke=", line);
  const std::string points = cost.substr(line, end - line);
  EXPECT_TRUE(points.ends_with(" 604,36.2")) << points;
  EXPECT_NE(cost.find(">$0.40</text>"), std::string::npos);
}

TEST(ReportHtmlTest, EscapesUserText) {
  const std::string html = html_report(scenario(), results());
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("<th>&lt;script&gt;alert(1)&lt;/script&gt;</th>"), std::string::npos);
  EXPECT_EQ(html.find("ca<&>"), std::string::npos);
  EXPECT_NE(html.find("<title>nodewright simulation: compare &lt;&amp;&gt;</title>"),
            std::string::npos);
  EXPECT_EQ(detail::html_escape(R"(a<b>&"c"'d)"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d");
}

TEST(ReportHtmlTest, ApplicationTables) {
  const std::string html = html_report(scenario(), results());
  // name, namespace, kind, submitted, duration, cost, pods, pending p50/p90, released, removed
  EXPECT_NE(html.find("<tr><th>etl</th><td>spark</td><td>Spark</td><td>0.0</td><td>90.0</td>"
                      "<td>0.0000</td><td>2</td><td>12.0</td><td>20.0</td><td>2</td><td>5.0</td>"
                      "</tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><th>web</th><td>default</td><td>Deployment</td><td>40.0</td><td>-"
                      "</td><td>0.0000</td><td>2</td><td>20.0</td><td>20.0</td><td>0</td><td>-"
                      "</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<th>tail</th><td>default</td><td>Pod</td><td>170.0</td><td>10.0</td>"
                      "<td>0.0000</td><td>1</td><td>5.0</td><td>5.0</td><td>1</td><td>still up"),
            std::string::npos);
}

TEST(ReportHtmlTest, SelfContainedAndByteIdentical) {
  const std::string html = html_report(scenario(), results());
  EXPECT_EQ(html, html_report(scenario(), results()));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n"));
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing fetched: no URL at all
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

// On a real run the records' billing times reproduce simulated EC2's bills: the cost line ends
// exactly at the total, and never decreases.
TEST(ReportFiguresTest, CumulativeCostOfASimulatedRunEndsAtItsBill) {
  std::istringstream no_input;
  input::LoadResult loaded = input::load_paths(
      {std::string(NODEWRIGHT_SOURCE_DIR) + "/tests/fixtures/simulate/variants.yaml"}, no_input);
  ASSERT_TRUE(std::holds_alternative<input::Inventory>(loaded));
  const input::Inventory& inventory = std::get<input::Inventory>(loaded);
  const sim::Scenario& s = inventory.scenarios.at(0);
  for (const sim::VariantResult& r : sim::simulate(s, inventory, catalog::Catalog::embedded())) {
    const std::vector<int64_t> costs = cumulative_cost(r, s.cloud.minimum_billed_ms);
    ASSERT_FALSE(costs.empty());
    EXPECT_GT(costs.back(), 0) << r.variant;
    EXPECT_EQ(costs.back(), summarize(r).cost_total) << r.variant;
    EXPECT_TRUE(std::is_sorted(costs.begin(), costs.end())) << r.variant;
  }
}

}  // namespace
}  // namespace nw::report
