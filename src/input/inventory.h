// Everything one load of user input produced: the objects, decoded into the model with defaults
// applied, in input order; plus the warnings. An Inventory exists only when the whole input was
// valid: the loader never hands out a partly decoded set.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cluster_autoscaler/settings.h"
#include "input/diagnostic.h"
#include "model/daemonset.h"
#include "model/node.h"
#include "model/nodeclass.h"
#include "model/nodepool.h"
#include "model/pod.h"
#include "model/workload.h"
#include "sim/scenario.h"
#include "workloads/spark_operator.h"

namespace nw::input {

struct Inventory {
  std::vector<model::NodePool> node_pools;  // NodePools and converted Provisioners
  std::vector<model::NodeClass> node_classes;
  std::vector<model::Node> nodes;
  std::vector<model::Pod> pods;
  std::vector<model::DaemonSet> daemon_sets;
  std::vector<model::Deployment> deployments;
  std::vector<model::Job> jobs;
  // Node groups of eksctl ClusterConfigs (eksctl.io/v1alpha5): managedNodeGroups, then nodeGroups,
  // in input order; names are unique across all of them.
  std::vector<cluster_autoscaler::NodeGroup> node_groups;
  // Spark Operator SparkApplications (sparkoperator.k8s.io/v1beta2), converted as the Operator
  // submits them; a Scenario's sparkApplication items run them.
  std::vector<workloads::SparkOperatorApplication> spark_applications;
  // Simulation scenarios (docs/scenario.md). Their references to Pods, Deployments, Jobs,
  // NodePools and node groups have been checked against the objects above; several are allowed,
  // the caller picks.
  std::vector<sim::Scenario> scenarios;

  // Objects read, by kind as written ("Provisioner", "NodePool", "List" items counted by their
  // own kinds; unknown kinds too). Ordered by kind name.
  std::map<std::string, int> objects_by_kind;
  std::vector<Diagnostic> warnings;

  const model::NodePool* find_node_pool(std::string_view name) const;
  const model::NodeClass* find_node_class(const model::NodeClassRef& ref) const;
  // By namespace and name; nullptr when absent.
  const model::Pod* find_pod(std::string_view namespace_, std::string_view name) const;
  const model::Deployment* find_deployment(std::string_view namespace_,
                                           std::string_view name) const;
  const model::Job* find_job(std::string_view namespace_, std::string_view name) const;
  const workloads::SparkOperatorApplication* find_spark_application(std::string_view namespace_,
                                                                    std::string_view name) const;
  // What decides the capacity of a NodePool's nodes: its node class's settings, with the
  // NodePool's own kubelet settings (v1alpha5, v1beta1) taking precedence. Defaults when the node
  // class is not among the inputs.
  model::CapacitySettings capacity_settings(const model::NodePool& pool) const;
};

}  // namespace nw::input
