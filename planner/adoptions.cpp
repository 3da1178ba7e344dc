// Adoptions: declared objects that exist in GlitchTip but were never recorded, to be recorded
// as managed without an API call (planner/diff.hpp).
#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/object_json.hpp"

namespace gg::diff {
namespace {

template <typename Object>
const Object* find_in(const std::map<std::string, Object>& objects, const std::string& key) {
  const auto found = objects.find(key);
  return found == objects.end() ? nullptr : &found->second;
}

}  // namespace

void find_adoptions(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.desired == nullptr || match.live == nullptr) return;
  const Organization& desired = *match.desired;
  const Organization& live = *match.live;
  const Organization none;
  const Organization& recorded = match.recorded != nullptr ? *match.recorded : none;
  const auto adopt = [&](const Address& address, nlohmann::json json) {
    changes.adoptions.push_back(
        {address.to_string(), scope.instance, scope.organization, std::move(json)});
  };
  if (match.recorded == nullptr) {
    nlohmann::json json = organization_json(live);
    json["protected"] = desired.is_protected;
    adopt(Address::of_organization(scope.instance, scope.organization), std::move(json));
  }
  for (const auto& [email, member] : desired.members) {
    const Member* found = find_in(live.members, email);
    if (email == scope.automation_user || found == nullptr || recorded.members.count(email)) {
      continue;
    }
    adopt(Address::of_member(scope.instance, scope.organization, email),
          member_json(live.slug, *found));
  }
  for (const auto& [slug, team] : desired.teams) {
    const Team* found = find_in(live.teams, slug);
    if (found == nullptr || recorded.teams.count(slug) > 0) continue;
    adopt(Address::of_team(scope.instance, scope.organization, slug), team_json(live.slug, *found));
  }
  for (const auto& [slug, project] : desired.projects) {
    const Project* found = find_in(live.projects, slug);
    if (found == nullptr || recorded.projects.count(slug) > 0) continue;
    nlohmann::json json = project_json(live.slug, *found);
    json["protected"] = project.is_protected;
    adopt(Address::of_project(scope.instance, scope.organization, slug), std::move(json));
  }
}

}  // namespace gg::diff
