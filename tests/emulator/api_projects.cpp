// Api handlers for projects: lists (all, per organization, per team), create under a team,
// retrieve, update by PUT, delete and the project's teams. Its DSN keys are in api_keys.cpp.
#include <algorithm>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

bool in_team(const Project& project, Id team) {
  return std::find(project.teams.begin(), project.teams.end(), team) != project.teams.end();
}

}  // namespace

ApiResponse Api::list_all_projects(Call& call) {
  std::vector<Id> ids;
  for (const auto& [id, project] : world_.projects) {
    if (world_.organizations.at(project.organization).member_by_user.count(call.caller())) {
      ids.push_back(id);
    }
  }
  if (features_.organizations_by_name && !features_.ninja()) {  // /projects/ by name from 2.0.7
    std::stable_sort(ids.begin(), ids.end(), [&](Id a, Id b) {
      return world_.projects.at(a).name < world_.projects.at(b).name;
    });
  } else {
    ids = projects_sorted(ids);
  }
  const Shapes render = shapes(call);
  return paged(call, ids, [&](Id id) {
    return render.project(world_.projects.at(id), ProjectShape::with_organization);
  });
}

ApiResponse Api::refuse_project_create(Call& call) {
  if (features_.ninja()) return json_response(405, {{"detail", "Method not allowed"}});
  (void)call;
  return json_response(405,
                       {{"detail", "Create project not allowed. Use team-projects view instead."}});
}

ApiResponse Api::list_organization_projects(Call& call) {
  const Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  std::vector<Id> ids(org->projects.begin(), org->projects.end());
  // `?query=team:<slug>` keeps the team's projects, `!team:<slug>` the others.
  const std::string query = call.query("query");
  for (size_t start = 0; start < query.size();) {
    const size_t end = std::min(query.find(' ', start), query.size());
    std::string term = query.substr(start, end - start);
    start = end + 1;
    const bool negate = !term.empty() && term[0] == '!';
    if (negate) term.erase(0, 1);
    if (term.rfind("team:", 0) != 0) continue;
    const auto team = org->team_by_slug.find(term.substr(5));
    const Id team_id = team == org->team_by_slug.end() ? 0 : team->second;
    std::erase_if(ids, [&](Id id) { return in_team(world_.projects.at(id), team_id) == negate; });
  }
  const Shapes render = shapes(call);
  return paged(call, projects_sorted(ids), [&](Id id) {
    return render.project(world_.projects.at(id), ProjectShape::with_teams);
  });
}

ApiResponse Api::list_team_projects(Call& call) {
  const Organization* org = organization(call, 0);
  const Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (team == nullptr) return not_found();
  const Shapes render = shapes(call);
  return paged(call, projects_sorted({team->projects.begin(), team->projects.end()}),
               [&](Id id) { return render.project(world_.projects.at(id), ProjectShape::base); });
}

// Validates a project create or update body; nullopt when it is acceptable.
static std::optional<std::string> project_name_problem(const json* name) {
  if (name == nullptr || name->is_null()) return "missing";
  if (!name->is_string() || name->get<std::string>().empty()) return "blank";
  if (name->get<std::string>().size() > 64) return "long";
  return std::nullopt;
}

ApiResponse Api::create_team_project(Call& call) {
  Organization* org = organization(call, 0);
  Team* team = org ? world_.team(*org, call.params[1]) : nullptr;
  if (org == nullptr || team == nullptr) {
    return features_.ninja() ? not_found() : json_response(400, json::array({"Team not found"}));
  }
  if (caller_role(call, *org) < Role::admin) {
    return features_.ninja() ? not_found() : permission_denied();
  }
  const json* name = body_field(call.body, "name");
  if (const auto problem = project_name_problem(name)) {
    if (*problem == "missing") return missing_field("name");
    if (*problem == "long") {
      return field_error("name", "Ensure this field has no more than 64 characters.",
                         "string_too_long", "String should have at most 64 characters",
                         {{"max_length", 64}});
    }
    return field_error("name", "This field may not be blank.", "string_too_short",
                       "String should have at least 1 character", {{"min_length", 1}});
  }
  const json* rate = body_field(call.body, "eventThrottleRate", "event_throttle_rate");
  if (features_.event_throttle_rate && !features_.ninja() && rate && rate->is_number() &&
      (rate->get<int>() < 0 || rate->get<int>() > 100)) {
    return json_response(
        400, {{"eventThrottleRate",
               {rate->get<int>() < 0 ? "Ensure this value is greater than or equal to 0."
                                     : "Ensure this value is less than or equal to 100."}}});
  }
  Project& project =
      world_.create_project(*org, name->get<std::string>(), features_.reserve_new_project);
  const json* platform = body_field(call.body, "platform");
  if (platform && platform->is_string()) project.platform = platform->get<std::string>();
  if (features_.event_throttle_rate && rate && rate->is_number()) {
    project.event_throttle_rate = rate->get<int>();
  }
  world_.attach_team(project, *team);
  return json_response(201, shapes(call).project(project, ProjectShape::base));
}

ApiResponse Api::create_organization_project(Call& call) {
  Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  if (features_.ninja()) return json_response(405, {{"detail", "Method not allowed"}});
  if (caller_role(call, *org) < Role::admin) return permission_denied();
  const json* name = body_field(call.body, "name");
  if (project_name_problem(name)) return missing_field("name");
  Project& project =
      world_.create_project(*org, name->get<std::string>(), features_.reserve_new_project);
  const json* platform = body_field(call.body, "platform");
  if (platform && platform->is_string()) project.platform = platform->get<std::string>();
  return json_response(201, shapes(call).project(project, ProjectShape::base));
}

ApiResponse Api::get_project(Call& call) {
  const Organization* org = organization(call, 0);
  const Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  if (project == nullptr) return not_found();
  return json_response(200, shapes(call).project(*project, ProjectShape::with_organization));
}

ApiResponse Api::update_project(Call& call) {
  Organization* org = organization(call, 0);
  Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  if (project == nullptr) return not_found();
  const json* name = body_field(call.body, "name");
  if (const auto problem = project_name_problem(name)) {
    if (*problem == "missing") return missing_field("name");
    return field_error("name", "This field may not be blank.", "string_too_short",
                       "String should have at least 1 character", {{"min_length", 1}});
  }
  const json* rate = body_field(call.body, "eventThrottleRate", "event_throttle_rate");
  if (features_.event_throttle_rate && !features_.ninja() && rate && rate->is_number() &&
      (rate->get<int>() < 0 || rate->get<int>() > 100)) {
    return json_response(
        400, {{"eventThrottleRate",
               {rate->get<int>() < 0 ? "Ensure this value is greater than or equal to 0."
                                     : "Ensure this value is less than or equal to 100."}}});
  }
  const json* slug = body_field(call.body, "slug");
  if (features_.ninja() && slug && slug->is_string() && slug->get<std::string>() != project->slug) {
    if (org->project_by_slug.count(slug->get<std::string>())) return server_error();
    world_.rename_project(*project, slug->get<std::string>());
  }
  project->name = name->get<std::string>();
  if (const json* platform = body_field(call.body, "platform")) {
    project->platform =
        platform->is_string() ? std::optional(platform->get<std::string>()) : std::nullopt;
  }
  if (features_.event_throttle_rate && rate && rate->is_number()) {
    project->event_throttle_rate = rate->get<int>();
  }
  return json_response(200, shapes(call).project(*project, ProjectShape::with_organization));
}

ApiResponse Api::delete_project(Call& call) {
  Organization* org = organization(call, 0);
  Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  if (project == nullptr) return not_found();
  if (caller_role(call, *org) < Role::admin) {
    return features_.ninja() ? not_found() : permission_denied();
  }
  world_.delete_project(project->id);
  return no_content();
}

ApiResponse Api::list_project_teams(Call& call) {
  const Organization* org = organization(call, 0);
  const Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  if (project == nullptr) return not_found();
  const Shapes render = shapes(call);
  if (!features_.ninja()) {  // DRF quirk: every team of the organization
    return paged(call, std::vector<Id>(org->teams.rbegin(), org->teams.rend()),
                 [&](Id id) { return render.team(world_.teams.at(id)); });
  }
  std::vector<Id> ids = project->teams;
  std::sort(ids.rbegin(), ids.rend());
  return paged(call, ids, [&](Id id) { return render.team(world_.teams.at(id), false); });
}

ApiResponse Api::add_project_team(Call& call) {
  Organization* org = organization(call, 0);
  Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  Team* team = org ? world_.team(*org, call.params[2]) : nullptr;
  if (project == nullptr || team == nullptr || caller_role(call, *org) < Role::manager) {
    return not_found();
  }
  world_.attach_team(*project, *team);
  return json_response(201, shapes(call).project(*project, ProjectShape::with_teams));
}

ApiResponse Api::remove_project_team(Call& call) {
  Organization* org = organization(call, 0);
  Project* project = org ? world_.project(*org, call.params[1]) : nullptr;
  Team* team = org ? world_.team(*org, call.params[2]) : nullptr;
  if (project == nullptr || team == nullptr || caller_role(call, *org) < Role::manager) {
    return not_found();
  }
  if (features_.ninja() && !in_team(*project, team->id)) return not_found();
  world_.detach_team(*project, *team);
  return json_response(200, shapes(call).project(*project, ProjectShape::with_teams));
}

}  // namespace gg::emulator
