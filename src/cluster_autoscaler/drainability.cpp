#include "cluster_autoscaler/drainability.h"

#include <algorithm>
#include <array>

namespace nw::cluster_autoscaler {
namespace {

constexpr std::string_view kMirrorAnnotation = "kubernetes.io/config.mirror";
constexpr std::array<std::string_view, 4> kReplicatedKinds = {"ReplicationController", "Job",
                                                              "ReplicaSet", "StatefulSet"};

// metav1.GetControllerOf: the owner reference marked as the controller.
const model::OwnerReference* controller_of(const model::Pod& pod) {
  for (const model::OwnerReference& ref : pod.meta.owner_references) {
    if (ref.controller) return &ref;
  }
  return nullptr;
}

}  // namespace

Drainability drainability(const model::Pod& pod, const Settings& settings) {
  if (model::find_label(pod.meta.annotations, kMirrorAnnotation) != nullptr) {
    return {Drain::Skip, ""};
  }
  const model::OwnerReference* controller = controller_of(pod);
  if (controller != nullptr && controller->kind == "DaemonSet") return {Drain::Drainable, ""};
  const std::string* safe = model::find_label(pod.meta.annotations, kSafeToEvictAnnotation);
  if (safe != nullptr && *safe == "true") return {Drain::Drainable, ""};
  if (pod.phase == "Succeeded" || pod.phase == "Failed") return {Drain::Drainable, ""};
  if (safe != nullptr && *safe == "on-completion") {
    return {Drain::Blocked, "pod is to be evicted only on completion"};
  }
  if (controller == nullptr) return {Drain::Blocked, "pod has no controller"};
  if (settings.skip_nodes_with_custom_controller_pods &&
      std::find(kReplicatedKinds.begin(), kReplicatedKinds.end(), controller->kind) ==
          kReplicatedKinds.end()) {
    return {Drain::Blocked, "pod's controller is a " + controller->kind + ", not replicated"};
  }
  if (pod.meta.namespace_ == "kube-system") return {Drain::Blocked, "kube-system pod"};
  if (safe != nullptr && *safe == "false") return {Drain::Blocked, "pod is not safe to evict"};
  return {Drain::Drainable, ""};
}

}  // namespace nw::cluster_autoscaler
