// Requirements written on the command line, "KEY OP [V1,V2,...]" (e.g.
// "karpenter.k8s.aws/instance-family In c5d,m5d", "karpenter.k8s.aws/instance-cpu Gt 4"),
// validated by the same rules as a NodePool's requirements.
#pragma once

#include <string_view>
#include <variant>

#include "input/diagnostic.h"
#include "model/requirements.h"

namespace nw::input {

std::variant<model::Requirement, Diagnostic> parse_requirement_flag(std::string_view text);

}  // namespace nw::input
