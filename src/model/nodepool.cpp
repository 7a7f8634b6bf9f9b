#include "model/nodepool.h"

namespace nw::model {

std::string_view to_string(ConsolidationPolicy policy) {
  switch (policy) {
    case ConsolidationPolicy::WhenEmpty:
      return "WhenEmpty";
    case ConsolidationPolicy::WhenEmptyOrUnderutilized:
      return "WhenEmptyOrUnderutilized";
    case ConsolidationPolicy::Balanced:
      return "Balanced";
  }
  return "?";
}

std::string_view to_string(DisruptionReason reason) {
  switch (reason) {
    case DisruptionReason::Underutilized:
      return "Underutilized";
    case DisruptionReason::Empty:
      return "Empty";
    case DisruptionReason::Drifted:
      return "Drifted";
  }
  return "?";
}

Requirements template_requirements(const NodePool& pool) {
  return pool.requirements.intersect(Requirements::from_labels(pool.template_labels));
}

}  // namespace nw::model
