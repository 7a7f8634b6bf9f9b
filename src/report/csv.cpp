// The CSV writers: one line per record, variants in result order, records in record order.
#include <string>

#include "report/format.h"
#include "report/report.h"

namespace nw::report {
namespace {

using detail::csv_line;
using detail::exact_decimal;
using detail::seconds_or_empty;

std::string cores(int64_t millis) {
  return exact_decimal(millis, 3);
}
std::string gib(int64_t bytes) {
  return exact_decimal(detail::gib_thousandths(bytes), 3);
}
std::string usd(int64_t micro_usd) {
  return exact_decimal(micro_usd, 6);
}

// end − start in seconds when both happened, else "" (the summary's pending and duration figures).
std::string span(sim::SimTime start, sim::SimTime end) {
  if (start == sim::kNever || end == sim::kNever) return "";
  return exact_decimal(end - start, 3);
}

// As the summary's emptyToDeletedSeconds counts it: both set and deleted >= emptied.
std::string empty_to_deleted(const sim::NodeRecord& node) {
  return node.deleted < node.emptied ? "" : span(node.emptied, node.deleted);
}

}  // namespace

std::string timeline_csv(const std::vector<sim::VariantResult>& results) {
  std::string out = csv_line({"variant", "seconds", "nodes_on_demand", "nodes_spot", "pending_pods",
                              "cost_rate_per_hour", "cpu_requested", "cpu_allocatable",
                              "memory_requested_gib", "memory_allocatable_gib"});
  for (const sim::VariantResult& result : results) {
    for (const sim::TimelineSample& s : result.timeline) {
      out += csv_line({result.variant, exact_decimal(s.at, 3), std::to_string(s.nodes_on_demand),
                       std::to_string(s.nodes_spot), std::to_string(s.pending_pods),
                       usd(s.cost_rate_micro_usd_per_hour), cores(s.requested_cpu_millis),
                       cores(s.allocatable_cpu_millis), gib(s.requested_memory_bytes),
                       gib(s.allocatable_memory_bytes)});
    }
  }
  return out;
}

std::string pods_csv(const std::vector<sim::VariantResult>& results) {
  std::string out =
      csv_line({"variant", "namespace", "name", "application", "role", "node", "cpu", "memory",
                "created_s", "bound_s", "started_s", "finished_s", "pending_s", "cost"});
  for (const sim::VariantResult& result : results) {
    for (const sim::PodRecord& pod : result.pods) {
      out += csv_line({result.variant, pod.namespace_, pod.name, pod.application, pod.role,
                       pod.node, cores(pod.cpu_millis), gib(pod.memory_bytes),
                       seconds_or_empty(pod.created), seconds_or_empty(pod.bound),
                       seconds_or_empty(pod.started), seconds_or_empty(pod.finished),
                       span(pod.created, pod.bound), usd(pod.cost_micro_usd)});
    }
  }
  return out;
}

std::string applications_csv(const std::vector<sim::VariantResult>& results) {
  std::string out = csv_line({"variant", "namespace", "name", "kind", "submitted_s", "finished_s",
                              "duration_s", "pods", "cost"});
  for (const sim::VariantResult& result : results) {
    for (const sim::ApplicationRecord& app : result.applications) {
      out += csv_line({result.variant, app.namespace_, app.name, app.kind,
                       seconds_or_empty(app.submitted), seconds_or_empty(app.finished),
                       span(app.submitted, app.finished), std::to_string(app.pods),
                       usd(app.cost_micro_usd)});
    }
  }
  return out;
}

std::string nodes_csv(const std::vector<sim::VariantResult>& results) {
  std::string out = csv_line({"variant", "name", "node_pool", "instance_type", "zone",
                              "capacity_type", "price_per_hour", "cpu_allocatable",
                              "memory_allocatable_gib", "launched_s", "ready_s", "emptied_s",
                              "deleted_s", "empty_to_deleted_s", "deletion_reason", "cost"});
  for (const sim::VariantResult& result : results) {
    for (const sim::NodeRecord& node : result.nodes) {
      out += csv_line({result.variant, node.name, node.node_pool, node.instance_type, node.zone,
                       std::string(catalog::to_string(node.capacity_type)),
                       usd(node.price_micro_usd_per_hour), cores(node.allocatable_cpu_millis),
                       gib(node.allocatable_memory_bytes), seconds_or_empty(node.launched),
                       seconds_or_empty(node.ready), seconds_or_empty(node.emptied),
                       seconds_or_empty(node.deleted), empty_to_deleted(node), node.deletion_reason,
                       usd(node.cost_micro_usd)});
    }
  }
  return out;
}

}  // namespace nw::report
