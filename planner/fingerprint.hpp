#pragma once
// A fingerprint identifies the state of one live object as far as an action depends on it:
// "sha256:<hex>" of the canonical JSON of the object's identity and managed fields. A plan
// stores it as an action's precondition; apply recomputes it from GlitchTip before the first
// write and refuses the plan when it moved (planner/precondition.hpp). Ids are left out, so
// that an offline plan (made from the snapshot) and a live one agree.

#include <string>

#include "planner/state.hpp"

namespace gg {

// The precondition of an action that creates or adds something.
inline constexpr const char* kAbsent = "absent";

std::string fingerprint(const Organization& organization);  // name and slug, not children
std::string fingerprint(const Team& team);                  // slug and members
std::string fingerprint(const Project& project);            // slug, name, platform, rate, teams
std::string fingerprint(const Member& member);              // email, role, pending

// A team membership or a project's link to a team that exists.
std::string membership_fingerprint(const std::string& team, const std::string& email);
std::string project_team_fingerprint(const std::string& project, const std::string& team);

}  // namespace gg
