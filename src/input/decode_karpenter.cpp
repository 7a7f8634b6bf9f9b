// Karpenter objects: NodePool (karpenter.sh/v1, v1beta1), Provisioner (karpenter.sh/v1alpha5),
// EC2NodeClass (karpenter.k8s.aws/v1, v1beta1) and AWSNodeTemplate (karpenter.k8s.aws/v1alpha1).
// Older APIs are converted into the v1 model with the mapping of karpenter-core.md §8.3.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "input/decoders.h"

namespace nw::input::decode {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr std::string_view kAwsGroup = "karpenter.k8s.aws";

// Template labels follow the same restriction as requirement keys (the CRD's CEL rules).
model::Labels node_pool_labels(const Field& map) {
  for (const auto& [key, value] : map.entries()) {
    if (is_restricted_node_pool_key(key)) {
      value.fail(fmt::format("label \"{}\" is restricted and cannot be set on a NodePool", key));
    }
  }
  return labels(map);
}

model::DisruptionBudget budget(const Field& item) {
  item.expect_only({"nodes", "schedule", "duration", "reasons"});
  model::DisruptionBudget b;
  std::string nodes = item["nodes"].optional_string().value_or("10%");
  std::string_view digits = nodes;
  b.percent = !digits.empty() && digits.back() == '%';
  if (b.percent) digits.remove_suffix(1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), b.nodes);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || b.nodes < 0 ||
      (b.percent && b.nodes > 100)) {
    item["nodes"].fail(fmt::format(
        "invalid budget \"{}\" (expected a node count such as 5 or a percentage such as 10%)",
        nodes));
  }
  b.schedule = item["schedule"].optional_string().value_or("");
  if (item["duration"].present()) b.duration = item["duration"].duration();
  if (!b.schedule.empty() && !b.duration) {
    item["duration"].fail("a budget with a schedule needs a duration (how long each window lasts)");
  }
  if (b.schedule.empty() && b.duration) {
    item["schedule"].fail("a budget with a duration needs a schedule (when each window starts)");
  }
  if (!b.schedule.empty()) {
    bool macro = b.schedule.front() == '@';
    size_t fields = 0;
    for (size_t i = 0; i < b.schedule.size();) {
      while (i < b.schedule.size() && b.schedule[i] == ' ') ++i;
      if (i < b.schedule.size()) ++fields;
      while (i < b.schedule.size() && b.schedule[i] != ' ') ++i;
    }
    if (!(macro ? fields == 1 : fields == 5)) {
      item["schedule"].fail(fmt::format(
          "invalid schedule \"{}\" (expected a cron expression with 5 fields, or @daily etc.)",
          b.schedule));
    }
  }
  for (const Field& reason : item["reasons"].items()) {
    std::string text = reason.string();
    if (text == "Underutilized") {
      b.reasons.push_back(model::DisruptionReason::Underutilized);
    } else if (text == "Empty") {
      b.reasons.push_back(model::DisruptionReason::Empty);
    } else if (text == "Drifted") {
      b.reasons.push_back(model::DisruptionReason::Drifted);
    } else {
      reason.fail(
          fmt::format("unknown reason \"{}\" (expected Underutilized, Empty or Drifted)", text));
    }
  }
  return b;
}

void disruption_budgets(const Field& list, model::NodePool& pool) {
  if (!list.present()) return;
  std::vector<Field> items = list.items();
  if (items.size() > 50) list.fail("at most 50 budgets are allowed");
  pool.budgets.clear();
  for (const Field& item : items) pool.budgets.push_back(budget(item));
}

void limits(const Field& map, model::NodePool& pool) {
  if (!map.present()) return;
  pool.limits = resource_list(map);
  pool.has_limits = true;
}

int32_t weight(const Field& field) {
  return static_cast<int32_t>(field.optional_integer(1, 100).value_or(0));
}

// The template parts v1 and v1beta1 share.
void template_common(const Field& tmpl, model::NodePool& pool) {
  pool.template_labels = node_pool_labels(tmpl["metadata"]["labels"]);
  pool.template_annotations = tmpl["metadata"]["annotations"].string_map();
  Field spec = tmpl["spec"];
  pool.requirements = requirements(spec["requirements"], RequirementDialect::KarpenterNodePool);
  pool.taints = taints(spec["taints"]);
  pool.startup_taints = taints(spec["startupTaints"]);
}

std::optional<int64_t> root_volume_bytes(const Field& mappings) {
  std::optional<Field> root;
  std::vector<Field> items = mappings.items();
  for (const Field& item : items) {
    if (item["rootVolume"].optional_boolean().value_or(false)) {
      if (root) item["rootVolume"].fail("only one block device mapping can be the root volume");
      root = item;
    }
  }
  // Without an explicit root flag, the AL2/AL2023 root device is /dev/xvda.
  for (const Field& item : items) {
    if (!root && item["deviceName"].optional_string() == "/dev/xvda") root = item;
  }
  if (!root || !(*root)["ebs"]["volumeSize"].present()) return std::nullopt;
  Field size = (*root)["ebs"]["volumeSize"];
  auto amount = model::to_canonical_amount("ephemeral-storage", size.quantity());
  if (auto* error = std::get_if<std::string>(&amount)) size.fail(*error);
  if (std::get<int64_t>(amount) == 0) size.fail("volumeSize must be positive");
  return std::get<int64_t>(amount);
}

}  // namespace

void node_pool_v1(const Field& root, Inventory& out) {
  model::NodePool pool;
  pool.meta = object_meta(root["metadata"], false);
  Field spec = root["spec"];
  if (!spec.present()) spec.fail("required field is missing");
  spec.expect_only({"template", "disruption", "limits", "weight", "replicas"});
  Field tmpl_spec = spec["template"]["spec"];
  tmpl_spec.expect_only({"requirements", "taints", "startupTaints", "nodeClassRef", "expireAfter",
                         "terminationGracePeriod"});
  template_common(spec["template"], pool);
  Field ref = tmpl_spec["nodeClassRef"];
  if (!ref.present()) ref.fail("required field is missing (expected group, kind and name)");
  pool.node_class_ref = {ref["group"].string(), ref["kind"].string(), ref["name"].string()};
  for (const char* key : {"group", "kind", "name"}) {
    if (ref[key].string().empty()) ref[key].fail("must not be empty");
  }
  if (tmpl_spec["expireAfter"].present()) {
    pool.expire_after = tmpl_spec["expireAfter"].duration_or_never();
  }
  if (tmpl_spec["terminationGracePeriod"].present()) {
    pool.termination_grace_period = tmpl_spec["terminationGracePeriod"].duration();
  }
  Field disruption = spec["disruption"];
  disruption.expect_only({"consolidationPolicy", "consolidateAfter", "budgets"});
  if (auto policy = disruption["consolidationPolicy"].optional_string()) {
    if (*policy == "WhenEmpty") {
      pool.consolidation_policy = model::ConsolidationPolicy::WhenEmpty;
    } else if (*policy == "WhenEmptyOrUnderutilized") {
      pool.consolidation_policy = model::ConsolidationPolicy::WhenEmptyOrUnderutilized;
    } else if (*policy == "Balanced") {
      pool.consolidation_policy = model::ConsolidationPolicy::Balanced;
    } else {
      disruption["consolidationPolicy"].fail(fmt::format(
          "unknown policy \"{}\" (expected WhenEmpty, WhenEmptyOrUnderutilized or Balanced)",
          *policy));
    }
  }
  if (disruption["consolidateAfter"].present()) {
    pool.consolidate_after = disruption["consolidateAfter"].duration_or_never();
  }
  disruption_budgets(disruption["budgets"], pool);
  limits(spec["limits"], pool);
  pool.weight = weight(spec["weight"]);
  out.node_pools.push_back(std::move(pool));
}

void node_pool_v1beta1(const Field& root, Inventory& out) {
  model::NodePool pool;
  pool.source = model::NodePool::Source::V1Beta1;
  pool.meta = object_meta(root["metadata"], false);
  Field spec = root["spec"];
  if (!spec.present()) spec.fail("required field is missing");
  spec.expect_only({"template", "disruption", "limits", "weight"});
  Field tmpl_spec = spec["template"]["spec"];
  tmpl_spec.expect_only({"requirements", "taints", "startupTaints", "nodeClassRef", "kubelet"});
  template_common(spec["template"], pool);
  Field ref = tmpl_spec["nodeClassRef"];
  pool.node_class_ref = {std::string(kAwsGroup),
                         ref["kind"].optional_string().value_or("EC2NodeClass"),
                         ref["name"].string()};
  if (pool.node_class_ref.name.empty()) ref["name"].fail("must not be empty");
  if (tmpl_spec["kubelet"].present()) pool.kubelet = kubelet_configuration(tmpl_spec["kubelet"]);
  Field disruption = spec["disruption"];
  disruption.expect_only({"consolidationPolicy", "consolidateAfter", "expireAfter", "budgets"});
  std::string policy =
      disruption["consolidationPolicy"].optional_string().value_or("WhenUnderutilized");
  if (policy == "WhenUnderutilized") {
    pool.consolidation_policy = model::ConsolidationPolicy::WhenEmptyOrUnderutilized;
    if (disruption["consolidateAfter"].present()) {
      disruption["consolidateAfter"].fail(
          "consolidateAfter cannot be combined with consolidationPolicy WhenUnderutilized");
    }
  } else if (policy == "WhenEmpty") {
    pool.consolidation_policy = model::ConsolidationPolicy::WhenEmpty;
    if (disruption["consolidateAfter"].present()) {
      pool.consolidate_after = disruption["consolidateAfter"].duration_or_never();
    }
  } else {
    disruption["consolidationPolicy"].fail(
        fmt::format("unknown policy \"{}\" (expected WhenUnderutilized or WhenEmpty)", policy));
  }
  if (disruption["expireAfter"].present()) {
    pool.expire_after = disruption["expireAfter"].duration_or_never();
  }
  disruption_budgets(disruption["budgets"], pool);
  limits(spec["limits"], pool);
  pool.weight = weight(spec["weight"]);
  out.node_pools.push_back(std::move(pool));
}

void provisioner_v1alpha5(const Field& root, Inventory& out) {
  model::NodePool pool;
  pool.source = model::NodePool::Source::V1Alpha5Provisioner;
  pool.meta = object_meta(root["metadata"], false);
  Field spec = root["spec"];
  if (!spec.present()) spec.fail("required field is missing");
  spec.expect_only({"labels", "annotations", "taints", "startupTaints", "requirements",
                    "kubeletConfiguration", "provider", "providerRef", "ttlSecondsAfterEmpty",
                    "ttlSecondsUntilExpired", "limits", "weight", "consolidation"});
  pool.template_labels = node_pool_labels(spec["labels"]);
  pool.template_annotations = spec["annotations"].string_map();
  pool.requirements = requirements(spec["requirements"], RequirementDialect::KarpenterNodePool);
  pool.taints = taints(spec["taints"]);
  pool.startup_taints = taints(spec["startupTaints"]);
  if (spec["kubeletConfiguration"].present()) {
    pool.kubelet = kubelet_configuration(spec["kubeletConfiguration"]);
  }
  if (spec["providerRef"].present()) {
    Field ref = spec["providerRef"];
    pool.node_class_ref = {std::string(kAwsGroup),
                           ref["kind"].optional_string().value_or("AWSNodeTemplate"),
                           ref["name"].string()};
    if (spec["provider"].present()) {
      spec["provider"].fail("provider and providerRef are mutually exclusive");
    }
  } else if (spec["provider"].present()) {
    spec["provider"].warn("the inline provider is deprecated; it is kept and ignored");
  }
  // ttlSecondsAfterEmpty → WhenEmpty + consolidateAfter; consolidation.enabled →
  // WhenEmptyOrUnderutilized + 0s; neither → empty nodes are never removed.
  auto ttl_empty = spec["ttlSecondsAfterEmpty"].optional_integer(0, kInt64Max / 1000);
  bool consolidation = spec["consolidation"]["enabled"].optional_boolean().value_or(false);
  if (ttl_empty && consolidation) {
    spec["ttlSecondsAfterEmpty"].fail(
        "ttlSecondsAfterEmpty and consolidation.enabled are mutually exclusive");
  }
  if (consolidation) {
    pool.consolidation_policy = model::ConsolidationPolicy::WhenEmptyOrUnderutilized;
    pool.consolidate_after = model::Duration{};
  } else {
    pool.consolidation_policy = model::ConsolidationPolicy::WhenEmpty;
    pool.consolidate_after =
        ttl_empty ? std::optional(model::Duration::seconds(*ttl_empty)) : std::nullopt;
  }
  auto ttl_expired = spec["ttlSecondsUntilExpired"].optional_integer(0, kInt64Max / 1000);
  pool.expire_after =
      ttl_expired ? std::optional(model::Duration::seconds(*ttl_expired)) : std::nullopt;
  spec["limits"].expect_only({"resources"});
  limits(spec["limits"]["resources"], pool);
  pool.weight = weight(spec["weight"]);
  // The Karpenter releases that served Provisioners (v0.32 and earlier) had no disruption
  // budgets: every empty node went when its TTL ran out. v1's default budget (10 % of the
  // NodePool's nodes at a time) would make the same object behave differently.
  pool.budgets = {model::DisruptionBudget{100, true, "", std::nullopt, {}}};
  out.node_pools.push_back(std::move(pool));
}

void ec2_node_class(const Field& root, Inventory& out) {
  model::NodeClass nc;
  nc.kind = "EC2NodeClass";
  nc.meta = object_meta(root["metadata"], false);
  Field spec = root["spec"];
  if (spec["kubelet"].present()) nc.capacity.kubelet = kubelet_configuration(spec["kubelet"]);
  nc.capacity.root_volume_bytes = root_volume_bytes(spec["blockDeviceMappings"]);
  out.node_classes.push_back(std::move(nc));
}

void aws_node_template(const Field& root, Inventory& out) {
  model::NodeClass nc;
  nc.kind = "AWSNodeTemplate";
  nc.meta = object_meta(root["metadata"], false);
  nc.capacity.root_volume_bytes = root_volume_bytes(root["spec"]["blockDeviceMappings"]);
  out.node_classes.push_back(std::move(nc));
}

}  // namespace nw::input::decode
