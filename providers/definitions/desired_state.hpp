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

// One document and its kind: schema-valid, or an Instance whose schema errors are already
// reported (`valid` false), kept so that what refers to it by name is not reported again.
struct Declaration {
  std::string kind;    // "Team"
  std::string object;  // "Team nasa-pilots", for messages
  const YamlDocument* document = nullptr;
  bool valid = true;
};

struct DesiredState {
  State state;
  Problems problems;
  Problems warnings;  // what is valid but has no effect, such as a User for the automation user
};

DesiredState derive_desired_state(const std::vector<Declaration>& declarations);

}  // namespace gg::definitions
