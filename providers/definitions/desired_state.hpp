#pragma once
// From schema-valid documents to the desired State: resolves references (instance,
// organization, team, role), checks identities (unique names and slugs, one User per
// address) and derives members with their highest role, team memberships and project
// teams (docs/design.md §3.2). The automation user of an instance is never a member.

#include <string>
#include <vector>

#include "planner/state.hpp"
#include "providers/definitions/problem.hpp"
#include "providers/definitions/yaml_document.hpp"

namespace gg::definitions {

// One schema-valid document and its kind.
struct Declaration {
  std::string kind;    // "Team"
  std::string object;  // "Team nasa-pilots", for messages
  const YamlDocument* document = nullptr;
};

struct DesiredState {
  State state;
  Problems problems;
};

DesiredState derive_desired_state(const std::vector<Declaration>& declarations);

}  // namespace gg::definitions
