#include "cluster_autoscaler/settings.h"

namespace nw::cluster_autoscaler {

std::string_view to_string(Expander expander) {
  switch (expander) {
    case Expander::Random:
      return "random";
    case Expander::MostPods:
      return "most-pods";
    case Expander::LeastNodes:
      return "least-nodes";
    case Expander::LeastWaste:
      return "least-waste";
    case Expander::Priority:
      return "priority";
  }
  return "unknown";
}

}  // namespace nw::cluster_autoscaler
