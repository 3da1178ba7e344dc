#pragma once
// The JSON shape of one managed object as drift items and adoptions carry it, and back.
// Every shape holds "kind", the identity, the ids and every managed field, so that
// record_adoption and record_drift can rebuild the object from it alone. Children carry
// "organization_slug", the slug of the organization they live in, so they can be placed
// without the organization's (possibly renamed) name.
//
//   organization: {kind, name, slug, id}
//   team:         {kind, organization_slug, slug, id, members}
//   project:      {kind, organization_slug, slug, id, name, platform, eventThrottleRate, teams}
//   member:       {kind, organization_slug, email, id, role, pending}
//
// Adoptions add "protected" to organizations and projects: the flag as declared, so that the
// snapshot keeps protecting an object after its definition is removed.

#include <nlohmann/json.hpp>

#include <string>

#include "planner/state.hpp"

namespace gg {

nlohmann::json organization_json(const Organization& organization);
nlohmann::json team_json(const std::string& organization_slug, const Team& team);
nlohmann::json project_json(const std::string& organization_slug, const Project& project);
nlohmann::json member_json(const std::string& organization_slug, const Member& member);

// The inverse of the functions above; fields missing from `json` keep their defaults.
// The organization comes back without children.
Organization organization_from_json(const nlohmann::json& json);
Team team_from_json(const nlohmann::json& json);
Project project_from_json(const nlohmann::json& json);
Member member_from_json(const nlohmann::json& json);

}  // namespace gg
