// eksctl's ClusterConfig (eksctl.io/v1alpha5): its managedNodeGroups and nodeGroups become the
// Cluster Autoscaler's node groups (cas-yunikorn-spark.md §1.7), with eksctl's defaults applied.
//
// Only what shapes a group's nodes and its sizes is read. Everything else eksctl configures (IAM,
// SSH, volumes, AMIs, networking, add-ons, ...) is accepted and ignored without a warning, as the
// fields of Pods are: eksctl's schema is large and grows with each release. Fields that belong to
// the other kind of node group are errors, because ignoring them would silently change the
// capacity type or the instance types simulated.
//
// Instance-type names and the rule that a mixed-instances group's types share one vCPU and memory
// shape need the instance catalog, which the loader does not read: the simulator checks them.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>

#include "catalog/catalog.h"
#include "catalog/region.h"
#include "input/decoders.h"

namespace nw::input::decode {
namespace {

using cluster_autoscaler::NodeGroup;

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
// eksctl's DefaultNodeCount: the size of a group that gives neither minSize nor desiredCapacity.
constexpr int32_t kDefaultNodeCount = 2;
constexpr std::string_view kTemplateTag = "k8s.io/cluster-autoscaler/node-template/";
constexpr std::string_view kTemplateLabelTag = "k8s.io/cluster-autoscaler/node-template/label/";
constexpr std::string_view kTemplateTaintTag = "k8s.io/cluster-autoscaler/node-template/taint/";
// Labels every node of a group carries whatever the config says: eksctl's (both kinds of group,
// setDefaultNodeLabels) and EKS's (managed node groups only).
constexpr std::string_view kEksctlNodeGroupLabel = "alpha.eksctl.io/nodegroup-name";
constexpr std::string_view kEksNodeGroupLabel = "eks.amazonaws.com/nodegroup";
constexpr std::string_view kEksCapacityTypeLabel = "eks.amazonaws.com/capacityType";

// What the node groups of one ClusterConfig inherit from it.
struct Cluster {
  std::optional<catalog::Region> region;  // metadata.region, when given
  std::vector<std::string> zones;         // availabilityZones; empty when not given
};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A name in EKS's alphabet: 1 to `max_length` alphanumerics, '-' or '_', starting with an
// alphanumeric, and ending with one when `alnum_end`.
std::string eks_name(const Field& f, std::string_view what, size_t max_length, bool alnum_end) {
  std::string name = f.string();
  if (name.empty() || name.size() > max_length || !is_alnum(name.front()) ||
      (alnum_end && !is_alnum(name.back())) || !std::all_of(name.begin(), name.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '_';
      })) {
    f.fail(fmt::format(
        "invalid {} name \"{}\": expected 1-{} alphanumerics, '-' or '_', starting{} with an "
        "alphanumeric",
        what, name, max_length, alnum_end ? " and ending" : ""));
  }
  return name;
}

// EKS's rule for cluster names.
std::string cluster_name(const Field& f) {
  return eks_name(f, "cluster", 100, false);
}

// A node group's name is its ASG's name to the priority expander and the value of its nodes'
// node-group labels, so it follows EKS's rule and is a label value too (at most 63 characters,
// ending with an alphanumeric).
std::string group_name(const Field& f) {
  return eks_name(f, "node group", 63, true);
}

// availabilityZones: zones of the region when it is known; no repeats.
std::vector<std::string> zone_list(const Field& f, const Cluster& cluster) {
  std::vector<Field> items = f.items();
  if (f.present() && items.empty()) {
    f.fail("at least one zone is needed when availabilityZones is given");
  }
  std::vector<std::string> result;
  for (const Field& item : items) {
    std::string zone = item.string();
    if (cluster.region) {
      const auto& known = cluster.region->zones();
      if (std::find(known.begin(), known.end(), zone) == known.end()) {
        item.fail(fmt::format("zone \"{}\" is not in region {} (its zones: {})", zone,
                              cluster.region->name(), fmt::join(known, ", ")));
      }
    } else if (zone.empty()) {
      item.fail("a zone name must not be empty");
    }
    if (std::find(result.begin(), result.end(), zone) != result.end()) {
      item.fail(fmt::format("zone \"{}\" is listed twice", zone));
    }
    result.push_back(std::move(zone));
  }
  return result;
}

std::vector<std::string> instance_type_list(const Field& f) {
  std::vector<Field> items = f.items();
  if (f.present() && items.empty()) f.fail("at least one instance type is needed");
  std::vector<std::string> result;
  for (const Field& item : items) {
    std::string type = item.string();
    if (type.empty()) item.fail("an instance type name must not be empty");
    if (std::find(result.begin(), result.end(), type) != result.end()) {
      item.fail(fmt::format("instance type \"{}\" is listed twice", type));
    }
    result.push_back(std::move(type));
  }
  return result;
}

// The group's instance types against the EC2 catalog, each error at the type's own entry: the
// type exists, has a price for the group's capacity type, and has the first type's vCPUs and
// memory, as the Cluster Autoscaler sizes every node of a group as its first type (§1.7).
// `fields` holds the entries the names were read from, in order.
void check_instance_types(const std::vector<Field>& fields, const NodeGroup& group) {
  const catalog::Catalog& catalog = catalog::Catalog::embedded();
  const catalog::InstanceTypeInfo* first = nullptr;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& name = group.instance_types[i];
    const catalog::InstanceTypeInfo* info = catalog.find(name);
    if (info == nullptr) {
      fields[i].fail(fmt::format("unknown instance type \"{}\" (not in the EC2 catalog)", name));
    }
    const bool spot = group.capacity_type == catalog::CapacityType::Spot;
    if (!(spot ? info->spot_price_micro_usd_per_hour : info->od_price_micro_usd_per_hour)) {
      fields[i].fail(fmt::format("instance type \"{}\" has no {} price in the catalog", name,
                                 catalog::to_string(group.capacity_type)));
    }
    if (first == nullptr) {
      first = info;
    } else if (info->vcpu != first->vcpu || info->memory_mib != first->memory_mib) {
      fields[i].fail(fmt::format(
          "instance type \"{}\" ({} vCPU, {} MiB) differs in shape from the group's first type "
          "\"{}\" ({} vCPU, {} MiB): the Cluster Autoscaler sizes every node as the first type",
          name, info->vcpu, info->memory_mib, first->name, first->vcpu, first->memory_mib));
    }
  }
}

// minSize, maxSize and desiredCapacity with eksctl's defaults (ValidateManagedNodeGroup for
// managed groups, the nodegroup stack builder for self-managed ones): minSize defaults to
// desiredCapacity, else 2; maxSize to desiredCapacity, else minSize (at least 1 for a managed
// group, as EKS requires); desiredCapacity to minSize.
void sizes(const Field& item, NodeGroup& group) {
  auto min = item["minSize"].optional_integer(0, kInt32Max);
  auto max = item["maxSize"].optional_integer(0, kInt32Max);
  auto desired = item["desiredCapacity"].optional_integer(0, kInt32Max);
  if (group.managed && max && *max == 0) {
    item["maxSize"].fail("a managed node group's maxSize must be at least 1 (EKS requires it)");
  }
  // The explicit values first, so that a message names what the user wrote.
  if (desired && max && *desired > *max) {
    item["desiredCapacity"].fail(
        fmt::format("desiredCapacity {} is more than maxSize {}", *desired, *max));
  }
  if (desired && min && *desired < *min) {
    item["desiredCapacity"].fail(
        fmt::format("desiredCapacity {} is less than minSize {}", *desired, *min));
  }
  group.min_size = static_cast<int32_t>(min.value_or(desired.value_or(kDefaultNodeCount)));
  group.max_size = static_cast<int32_t>(max.value_or(desired.value_or(group.min_size)));
  if (group.managed && group.max_size == 0) group.max_size = 1;
  group.desired_capacity = static_cast<int32_t>(desired.value_or(group.min_size));
  if (group.min_size > group.max_size) {
    Field at = min ? item["minSize"] : item["maxSize"];
    at.fail(fmt::format("minSize {} is more than maxSize {}{}", group.min_size, group.max_size,
                        min ? "" : " (minSize defaults to desiredCapacity, else 2)"));
  }
}

void add_label(const Field& at, NodeGroup& group, std::string key, std::string value) {
  if (const std::string* existing = model::find_label(group.labels, key)) {
    if (*existing != value) {
      at.fail(fmt::format("label \"{}\" is \"{}\" here but \"{}\" elsewhere on this node group",
                          key, value, *existing));
    }
    return;
  }
  model::set_label(group.labels, std::move(key), std::move(value));
}

void add_taint(const Field& at, NodeGroup& group, model::Taint taint) {
  for (const model::Taint& existing : group.taints) {
    if (existing.key != taint.key || existing.effect != taint.effect) continue;
    if (existing.value != taint.value) {
      at.fail(fmt::format("taint {} conflicts with {} elsewhere on this node group",
                          taint.to_string(), existing.to_string()));
    }
    return;
  }
  group.taints.push_back(std::move(taint));
}

// eksctl's `taints`: a list of {key, value, effect}, the only form eksctl documents.
void taint_list(const Field& f, NodeGroup& group) {
  if (f.present()) {
    try {
      (void)f.items();
    } catch (const DecodeFailure&) {
      f.fail(
          "expected a list of {key, value, effect}; eksctl's old map form (key: value:Effect) is "
          "no longer documented: write each taint as {key: k, value: v, effect: NoSchedule}");
    }
  }
  std::vector<Field> items = f.items();
  std::vector<model::Taint> decoded = taints(f);
  for (size_t i = 0; i < decoded.size(); ++i) add_taint(items[i], group, std::move(decoded[i]));
}

// The Cluster Autoscaler's node-template tags add labels and taints to the template node
// (cas-yunikorn-spark.md §1.7); other node-template tags (resources, autoscaling options) are not
// modelled and get a warning. All other tags are ignored.
void template_tags(const Field& tags, NodeGroup& group) {
  for (const auto& [key, value] : tags.entries()) {
    if (!key.starts_with(kTemplateTag)) continue;
    std::string text = value.present() ? value.string() : std::string();
    if (key.starts_with(kTemplateLabelTag)) {
      std::string label = key.substr(kTemplateLabelTag.size());
      if (auto error = label_key_error(label)) value.fail(*error);
      if (auto error = label_value_error(text)) value.fail(*error);
      add_label(value, group, std::move(label), std::move(text));
    } else if (key.starts_with(kTemplateTaintTag)) {
      model::Taint taint;
      taint.key = key.substr(kTemplateTaintTag.size());
      if (auto error = label_key_error(taint.key)) value.fail(*error);
      size_t colon = text.rfind(':');
      std::optional<model::TaintEffect> effect;
      if (colon != std::string::npos) effect = model::parse_taint_effect(text.substr(colon + 1));
      if (!effect) {
        value.fail(fmt::format(
            "invalid node-template taint \"{}\" (expected value:Effect, such as true:NoSchedule, "
            "with Effect NoSchedule, PreferNoSchedule or NoExecute)",
            text));
      }
      taint.value = text.substr(0, colon);
      if (auto error = label_value_error(taint.value)) value.fail(*error);
      taint.effect = *effect;
      add_taint(value, group, std::move(taint));
    } else {
      value.warn(fmt::format("the node-template tag \"{}\" is not modelled and is ignored", key));
    }
  }
}

// The parts both kinds of node group share, read after the instance types and capacity type.
void common(const Field& item, const Cluster& cluster, NodeGroup& group) {
  group.zones = item["availabilityZones"].present() ? zone_list(item["availabilityZones"], cluster)
                                                    : cluster.zones;
  sizes(item, group);
  Field labels_field = item["labels"];
  for (const auto& [key, value] : labels(labels_field)) add_label(labels_field, group, key, value);
  taint_list(item["taints"], group);
  template_tags(item["tags"], group);
  add_label(item["name"], group, std::string(kEksctlNodeGroupLabel), group.name);
  if (group.managed) {
    add_label(item["name"], group, std::string(kEksNodeGroupLabel), group.name);
    add_label(item["spot"], group, std::string(kEksCapacityTypeLabel),
              group.capacity_type == catalog::CapacityType::Spot ? "SPOT" : "ON_DEMAND");
  }
}

NodeGroup managed_group(const Field& item, const Cluster& cluster) {
  NodeGroup group;
  group.managed = true;
  group.name = group_name(item["name"]);
  if (item["instancesDistribution"].present()) {
    item["instancesDistribution"].fail(
        "instancesDistribution belongs to self-managed nodeGroups; a managed node group takes "
        "instanceTypes and spot");
  }
  bool one = item["instanceType"].present();
  bool many = item["instanceTypes"].present();
  if (one && many) item["instanceTypes"].fail("give instanceType or instanceTypes, not both");
  if (!one && !many) {
    item.fail(
        "a node group needs instanceType or instanceTypes (eksctl would pick m5.large or an "
        "instanceSelector; nodewright needs the types written)");
  }
  if (one) {
    std::string type = item["instanceType"].string();
    if (type.empty()) item["instanceType"].fail("an instance type name must not be empty");
    group.instance_types = {std::move(type)};
  } else {
    group.instance_types = instance_type_list(item["instanceTypes"]);
  }
  if (item["spot"].optional_boolean().value_or(false)) {
    group.capacity_type = catalog::CapacityType::Spot;
  }
  check_instance_types(
      one ? std::vector<Field>{item["instanceType"]} : item["instanceTypes"].items(), group);
  common(item, cluster, group);
  return group;
}

// instancesDistribution's capacity: all on-demand (onDemandPercentageAboveBaseCapacity 100, the
// default) or all Spot (0, with no on-demand base); the model has one capacity type per group.
catalog::CapacityType distribution_capacity(const Field& distribution) {
  int64_t base = distribution["onDemandBaseCapacity"].optional_integer(0, kInt32Max).value_or(0);
  int64_t percentage =
      distribution["onDemandPercentageAboveBaseCapacity"].optional_integer(0, 100).value_or(100);
  if (percentage == 100) return catalog::CapacityType::OnDemand;
  if (percentage == 0 && base == 0) return catalog::CapacityType::Spot;
  Field at = percentage == 0 ? distribution["onDemandBaseCapacity"]
                             : distribution["onDemandPercentageAboveBaseCapacity"];
  at.fail(fmt::format(
      "a group mixing on-demand and Spot instances (onDemandBaseCapacity {}, "
      "onDemandPercentageAboveBaseCapacity {}) is not modelled: each node group has one capacity "
      "type. Use onDemandPercentageAboveBaseCapacity 100 (on-demand) or 0 with no base (Spot), "
      "or split it into two groups",
      base, percentage));
}

NodeGroup self_managed_group(const Field& item, const Cluster& cluster) {
  NodeGroup group;
  group.managed = false;
  group.name = group_name(item["name"]);
  if (item["spot"].present()) {
    item["spot"].fail(
        "spot belongs to managedNodeGroups; a self-managed node group runs Spot through "
        "instancesDistribution (onDemandPercentageAboveBaseCapacity: 0)");
  }
  if (item["instanceTypes"].present()) {
    item["instanceTypes"].fail(
        "instanceTypes belongs to managedNodeGroups; a self-managed node group lists its types "
        "in instancesDistribution.instanceTypes");
  }
  Field distribution = item["instancesDistribution"];
  std::optional<std::string> type = item["instanceType"].optional_string();
  if (distribution.present()) {
    // eksctl writes instanceType "mixed" for a group whose types come from the distribution.
    if (type && *type != "mixed") {
      item["instanceType"].fail(
          "give instanceType or instancesDistribution.instanceTypes, not both (eksctl accepts "
          "only instanceType: mixed with a distribution)");
    }
    if (!distribution["instanceTypes"].present()) {
      distribution.fail("instancesDistribution needs instanceTypes");
    }
    group.instance_types = instance_type_list(distribution["instanceTypes"]);
    group.capacity_type = distribution_capacity(distribution);
  } else {
    if (!type) {
      item.fail(
          "a node group needs instanceType or instancesDistribution.instanceTypes (eksctl would "
          "pick m5.large; nodewright needs the types written)");
    }
    if (type->empty() || *type == "mixed") {
      item["instanceType"].fail(
          fmt::format("instanceType \"{}\" needs instancesDistribution with "
                      "its instanceTypes",
                      *type));
    }
    group.instance_types = {*type};
  }
  check_instance_types(distribution.present() ? distribution["instanceTypes"].items()
                                              : std::vector<Field>{item["instanceType"]},
                       group);
  common(item, cluster, group);
  return group;
}

// Appends `group` to `added` (this ClusterConfig's groups so far), its name unique among those
// and the groups of earlier ClusterConfigs.
void add_group(const Field& item, NodeGroup group, const Inventory& out,
               std::vector<NodeGroup>& added) {
  auto same_name = [&](const NodeGroup& other) { return other.name == group.name; };
  if (std::any_of(out.node_groups.begin(), out.node_groups.end(), same_name) ||
      std::any_of(added.begin(), added.end(), same_name)) {
    item["name"].fail(
        fmt::format("duplicate node group name \"{}\": node-group names are unique across every "
                    "ClusterConfig (variants and the priority expander refer to groups by name)",
                    group.name));
  }
  added.push_back(std::move(group));
}

}  // namespace

void cluster_config(const Field& root, Inventory& out) {
  Field metadata = root["metadata"];
  if (!metadata.present()) metadata.fail("required field is missing (expected name and region)");
  (void)cluster_name(metadata["name"]);
  Cluster cluster;
  if (auto name = metadata["region"].optional_string()) {
    auto parsed = catalog::Region::parse(*name);
    if (auto* error = std::get_if<catalog::RegionError>(&parsed)) {
      metadata["region"].fail(error->message);
    }
    cluster.region = std::get<catalog::Region>(std::move(parsed));
  }
  if (root["availabilityZones"].present()) {
    cluster.zones = zone_list(root["availabilityZones"], cluster);
  }
  // Appended only once every group decoded, so that a ClusterConfig with an error adds none.
  std::vector<NodeGroup> added;
  for (const Field& item : root["managedNodeGroups"].items()) {
    add_group(item, managed_group(item, cluster), out, added);
  }
  for (const Field& item : root["nodeGroups"].items()) {
    add_group(item, self_managed_group(item, cluster), out, added);
  }
  out.node_groups.insert(out.node_groups.end(), std::make_move_iterator(added.begin()),
                         std::make_move_iterator(added.end()));
}

}  // namespace nw::input::decode
