// Decoders from located YAML values (Field) into the model, shared by the object decoders.
// Each one applies the API server's defaults and validation for its type and calls
// Field::fail() on the first violation. Internal to src/input/.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "input/field.h"
#include "input/inventory.h"
#include "model/kubelet.h"
#include "model/label_selector.h"
#include "model/object_meta.h"
#include "model/pod.h"
#include "model/requirements.h"
#include "model/resources.h"
#include "model/taints.h"
#include "workloads/spark.h"

namespace nw::input::decode {

// Building blocks (decode_common.cpp).
// Fails at the first key of `map` outside `known`: for nodewright's own formats and requests the
// AWS CLI would reject, where a misspelt field must not silently take its default.
void known_fields_only(const Field& map, std::initializer_list<std::string_view> known);
model::ObjectMeta object_meta(const Field& metadata, bool namespaced);
model::Labels labels(const Field& map);  // keys and values checked as Kubernetes label syntax
// What is wrong with a label key or value as Kubernetes label syntax; nullopt when it is valid.
std::optional<std::string> label_key_error(std::string_view key);
std::optional<std::string> label_value_error(std::string_view value);  // empty is valid
model::Resources resource_list(const Field& map);
// Keys a NodePool may neither require nor set as a label (the CRD's rules): the hostname, the
// NodePool label, and the karpenter.sh domain except its well-known labels.
bool is_restricted_node_pool_key(std::string_view key);

// Which NodeSelectorRequirement dialect is being read: Kubernetes' (pod node affinity) or
// Karpenter's (NodePool requirements: adds Gte/Lte and minValues, and restricts some keys).
enum class RequirementDialect { Kubernetes, KarpenterNodePool };
model::Requirements requirements(const Field& list, RequirementDialect dialect);

std::vector<model::Taint> taints(const Field& list);
std::vector<model::Toleration> tolerations(const Field& list);
model::LabelSelector label_selector(const Field& selector);
model::KubeletConfiguration kubelet_configuration(const Field& kubelet);
// Whose pod spec is read: one the API server validates, or a Spark pod template, which Spark
// loads without validation: containers may be absent and unnamed (Spark adds and names its own).
enum class PodSpecSource { Kubernetes, SparkTemplate };
model::PodSpec pod_spec(const Field& spec,
                        PodSpecSource source = PodSpecSource::Kubernetes);  // decode_workloads.cpp

// Object decoders (one per kind and API version); each appends to the inventory.
void pod(const Field& root, Inventory& out);
void node(const Field& root, Inventory& out);
void daemon_set(const Field& root, Inventory& out);
void node_pool_v1(const Field& root, Inventory& out);
void node_pool_v1beta1(const Field& root, Inventory& out);
void provisioner_v1alpha5(const Field& root, Inventory& out);
void ec2_node_class(const Field& root, Inventory& out);
void aws_node_template(const Field& root, Inventory& out);
void deployment(const Field& root, Inventory& out);  // decode_workloads.cpp
void job(const Field& root, Inventory& out);
void spark_operator_application(const Field& root, Inventory& out);  // decode_spark_operator.cpp
void scenario(const Field& root, Inventory& out);                    // decode_scenario.cpp
void cluster_config(const Field& root, Inventory& out);              // decode_eksctl.cpp

// EMR virtual clusters a Scenario maps to namespaces: (id, namespace), in the scenario's order.
using VirtualClusters = std::vector<std::pair<std::string, std::string>>;

// The StartJobRun request in the file `reference` names (relative to the file holding
// `reference`), converted into the Spark application EMR submits (decode_start_job_run.cpp).
// `item_index` (the workload item's position) makes its job id distinct.
workloads::SparkApplication start_job_run(const Field& reference, size_t item_index,
                                          const VirtualClusters& virtual_clusters);

// An object's identity among the inputs: the kind it is known as ("NodePool" for a Provisioner
// too), its namespace ("" when cluster-scoped) and its name.
using ObjectKey = std::tuple<std::string, std::string, std::string>;

// The checks of a decoded Scenario against the other objects, run by the loader once every object
// is decoded: workload items name Pods, Deployments, Jobs and SparkApplications among the inputs
// (a Job with a run time), variants name NodePools and node groups among the inputs (and a
// Cluster Autoscaler variant has node groups). `root` is the Scenario's document again, one that
// scenario() accepted, so that each failure is located at the referencing field. A reference to
// an object in `failed` (one that was among the inputs but did not decode) is not reported again:
// that object's own error says what is wrong; node-group references are not checked at all while
// a ClusterConfig is in `failed`, as its groups are unknown.
void scenario_references(const Field& root, const Inventory& inventory,
                         const std::set<ObjectKey>& failed);

}  // namespace nw::input::decode
