// Api handlers for teams: list (per organization and all), create, retrieve, rename, delete,
// and the team's members.
#include <algorithm>
#include <functional>
#include <regex>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

std::vector<Id> newest_first(const std::set<Id>& ids) {
  return {ids.rbegin(), ids.rend()};
}

}  // namespace

ApiResponse Api::list_organization_teams(Call& call) {
  const Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  const Shapes render = shapes(call);
  return paged(call, newest_first(org->teams),
               [&](Id id) { return render.team(world_.teams.at(id)); });
}

ApiResponse Api::list_all_teams(Call& call) {
  std::vector<Id> ids;
  for (const auto& [id, team] : world_.teams) {
    if (world_.organizations.at(team.organization).member_by_user.count(call.caller())) {
      ids.push_back(id);
    }
  }
  std::reverse(ids.begin(), ids.end());
  const Shapes render = shapes(call);
  return paged(call, ids, [&](Id id) { return render.team(world_.teams.at(id)); });
}

// The slug of a team create or rename, checked as GlitchTip checks it; nullopt when valid.
static std::optional<ApiResponse> check_team_slug(const json* slug,
                                                  const std::function<ApiResponse()>& missing,
                                                  const std::function<ApiResponse(int)>& invalid) {
  if (slug == nullptr || slug->is_null()) return missing();
  static const std::regex kPattern("^[-a-zA-Z0-9_]+$");
  if (!slug->is_string() || !std::regex_match(slug->get<std::string>(), kPattern))
    return invalid(0);
  if (slug->get<std::string>().size() > 50) return invalid(1);
  return std::nullopt;
}

ApiResponse Api::create_team(Call& call) {
  Organization* org = organization(call, 0);
  const auto organization_missing = [&] {
    return features_.ninja() ? not_found()
                             : json_response(400, json::array({"Organization does not exist"}));
  };
  if (org == nullptr || caller_role(call, *org) < Role::admin) return organization_missing();
  const json* slug = body_field(call.body, "slug");
  const auto invalid = [&](int reason) {
    if (reason == 1) {
      return field_error("slug", "Ensure this field has no more than 50 characters.",
                         "string_too_long", "String should have at most 50 characters",
                         {{"max_length", 50}});
    }
    return field_error(
        "slug", "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.",
        "string_pattern_mismatch", "String should match pattern '^[-a-zA-Z0-9_]+$'",
        {{"pattern", "^[-a-zA-Z0-9_]+$"}});
  };
  if (auto bad = check_team_slug(
          slug, [&] { return missing_field("slug"); }, invalid)) {
    return *bad;
  }
  const std::string text = slug->get<std::string>();
  if (org->team_by_slug.count(text)) {
    return features_.ninja()
               ? server_error()
               : json_response(400, json::array({"Slug must be unique for organization"}));
  }
  Team& team = world_.create_team(*org, text);
  if (Member* creator = caller_member(call, *org)) world_.join_team(*creator, team);
  return json_response(201, shapes(call).team(team));
}

ApiResponse Api::get_team(Call& call) {
  const Organization* org = organization(call, 0);
  const Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (team == nullptr) return not_found();
  return json_response(200, shapes(call).team(*team));
}

ApiResponse Api::update_team(Call& call) {
  Organization* org = organization(call, 0);
  Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (team == nullptr) return not_found();
  if (!features_.ninja() && caller_role(call, *org) < Role::admin) return permission_denied();
  const json* slug = body_field(call.body, "slug");
  const auto invalid = [&](int) {
    return field_error(
        "slug", "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.",
        "string_pattern_mismatch", "String should match pattern '^[-a-zA-Z0-9_]+$'",
        {{"pattern", "^[-a-zA-Z0-9_]+$"}});
  };
  if (auto bad = check_team_slug(
          slug, [&] { return missing_field("slug"); }, invalid)) {
    return *bad;
  }
  const std::string text = slug->get<std::string>();
  if (text != team->slug && org->team_by_slug.count(text)) {
    return features_.ninja()
               ? server_error()
               : json_response(400, json::array({"Slug must be unique for organization"}));
  }
  world_.rename_team(*team, text);
  return json_response(200, shapes(call).team(*team));
}

ApiResponse Api::delete_team(Call& call) {
  Organization* org = organization(call, 0);
  Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (team == nullptr) return not_found();
  if (caller_role(call, *org) < Role::admin) {
    return features_.ninja() ? not_found() : permission_denied();
  }
  world_.delete_team(team->id);
  return no_content();
}

ApiResponse Api::list_team_members(Call& call) {
  const Organization* org = organization(call, 0);
  const Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (team == nullptr) return not_found();
  const Shapes render = shapes(call);
  return paged(call, newest_first(team->members),
               [&](Id id) { return render.member(world_.members.at(id)); });
}

}  // namespace gg::emulator
