#include "planner/kinds/project.hpp"

#include <algorithm>

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/kinds/fields.hpp"
#include "planner/slugify.hpp"

namespace gg {
namespace {

using fields::contains;
using fields::text;
using nlohmann::json;

constexpr const char* kRate = "eventThrottleRate";

// The fields an update sends and compares: before and after of update_project.
json update_fields(const Project& project, const std::string& slug) {
  return {{"name", project.name},
          {"platform", project.platform},
          {kRate, project.event_throttle_rate},
          {"slug", slug}};
}

// The live project with the declared fields: an undeclared platform keeps the live one.
Project target_of(const Project& wanted, const Project& live) {
  Project target = live;
  target.name = wanted.name;
  if (!wanted.platform.empty()) target.platform = wanted.platform;
  target.event_throttle_rate = wanted.event_throttle_rate;
  return target;
}

// "name: A → B; eventThrottleRate: 0 → 10"; empty when nothing is to update.
std::string update_reason(const Project& live, const Project& target) {
  std::vector<std::string> what;
  if (target.name != live.name) what.push_back("name: " + live.name + " → " + target.name);
  if (target.platform != live.platform) {
    what.push_back("platform: " + live.platform + " → " + target.platform);
  }
  if (target.event_throttle_rate != live.event_throttle_rate) {
    what.push_back(std::string(kRate) + ": " + std::to_string(live.event_throttle_rate) + " → " +
                   std::to_string(target.event_throttle_rate));
  }
  std::string reason;
  for (const std::string& part : what) reason += (reason.empty() ? "" : "; ") + part;
  return reason;
}

// What apply records from an action's after: the fields it set.
void take_fields(Project& project, const json& after) {
  project.name = text(after, "name");
  project.platform = text(after, "platform");
  project.event_throttle_rate = fields::integer(after, kRate, project.event_throttle_rate);
}

void add_project_team(const diff::Scope& scope, const std::string& project, const std::string& team,
                      Changes& changes) {
  Action action = diff::make_action(
      scope, ActionType::add_project_team,
      Address::of_project_team(scope.instance, scope.organization, project, team));
  action.project = project;
  action.team = team;
  action.precondition = kAbsent;
  action.reason = diff::kDeclared;
  changes.actions.push_back(std::move(action));
}

void plan_existing(const diff::Scope& scope, const Project& wanted, const Project& live,
                   const Organization& desired, const Organization& live_organization,
                   Changes& changes) {
  const Project target = target_of(wanted, live);
  if (const std::string reason = update_reason(live, target); !reason.empty()) {
    Action action =
        diff::make_action(scope, ActionType::update_project,
                          Address::of_project(scope.instance, scope.organization, live.slug));
    action.project = live.slug;
    action.before = update_fields(live, live.slug);
    action.after = update_fields(target, live.slug);
    action.precondition = fingerprint(live);
    action.reason = reason;
    changes.actions.push_back(std::move(action));
  }
  for (const std::string& team : wanted.teams) {
    if (!contains(live.teams, team)) add_project_team(scope, live.slug, team, changes);
  }
  for (const std::string& team : live.teams) {
    if (contains(wanted.teams, team)) continue;
    const bool team_deleted =
        live_organization.teams.count(team) > 0 && desired.teams.count(team) == 0;
    if (team_deleted) continue;  // a consequence of delete_team
    Action action = diff::make_action(
        scope, ActionType::remove_project_team,
        Address::of_project_team(scope.instance, scope.organization, live.slug, team));
    action.project = live.slug;
    action.team = team;
    action.precondition = project_team_fingerprint(live.slug, team);
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

// What differs between the live project and the action's `before`; the fallback when the
// fingerprint moved in a field `before` does not carry.
std::string moved_fields(const Project& live, const json& before) {
  if (before.contains("name") && text(before, "name") != live.name) {
    return fields::expected("name", live.name, text(before, "name"));
  }
  if (before.contains("platform") && text(before, "platform") != live.platform) {
    return fields::expected("platform", live.platform, text(before, "platform"));
  }
  const auto rate = before.find(kRate);
  if (rate != before.end() && rate->is_number_integer() &&
      rate->get<int>() != live.event_throttle_rate) {
    return fields::expected(kRate, std::to_string(live.event_throttle_rate),
                            std::to_string(rate->get<int>()));
  }
  return "its teams changed since the plan was made";
}

const Project* find_project(const Organization& organization, const std::string& slug) {
  const auto found = organization.projects.find(slug);
  return found == organization.projects.end() ? nullptr : &found->second;
}

bool declared_protected(const State& desired, const Action& action) {
  const auto instance = desired.instances.find(action.instance);
  if (instance == desired.instances.end()) return false;
  const auto organization = instance->second.organizations.find(action.organization);
  if (organization == instance->second.organizations.end()) return false;
  const Project* project = find_project(organization->second, action.project);
  return project != nullptr && project->is_protected;
}

// A create leaves out a rate of 0: the server's default.
bool unset_on_create(const std::string& key, const json& value) {
  return key == kRate && value == 0;
}

}  // namespace

json project_json(const std::string& organization_slug, const Project& project) {
  return {{"kind", "project"},
          {"organization_slug", organization_slug},
          {"slug", project.slug},
          {"id", project.id},
          {"name", project.name},
          {"platform", project.platform},
          {kRate, project.event_throttle_rate},
          {"teams", project.teams}};
}

Project project_from_json(const json& json) {
  Project project;
  project.slug = text(json, "slug");
  project.id = text(json, "id");
  project.name = text(json, "name");
  project.platform = text(json, "platform");
  project.event_throttle_rate = fields::integer(json, kRate, 0);
  project.teams = fields::sorted_strings(json, "teams");
  project.is_protected = fields::flag(json, "protected");
  return project;
}

json project_snapshot_json(const Project& project) {
  Project sorted = project;
  sorted.teams = fields::sorted_unique(project.teams);
  json document = project_json("", sorted);
  for (const char* key : {"kind", "organization_slug", "slug"}) document.erase(key);
  // Written only when set, so that most snapshots never mention it.
  if (project.is_protected) document["protected"] = true;
  return document;
}

Project project_from_snapshot_json(const std::string& slug, const json& json) {
  Project project = project_from_json(json);
  project.slug = slug;
  return project;
}

std::string fingerprint(const Project& project) {
  return fingerprint_of({{"kind", "project"},
                         {"slug", project.slug},
                         {"name", project.name},
                         {"platform", project.platform},
                         {kRate, project.event_throttle_rate},
                         {"teams", fields::sorted(project.teams)}});
}

std::string project_team_fingerprint(const std::string& project, const std::string& team) {
  return fingerprint_of(
      {{"kind", "project_team"}, {"project", project}, {"team", team}, {"present", true}});
}

std::vector<std::string> differences(const Project& recorded, const Project& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) {
    parts.push_back(fields::field_change("name", recorded.name, live.name));
  }
  if (recorded.platform != live.platform) {
    parts.push_back(fields::field_change("platform", recorded.platform, live.platform));
  }
  if (recorded.event_throttle_rate != live.event_throttle_rate) {
    parts.push_back(fields::field_change(kRate, std::to_string(recorded.event_throttle_rate),
                                         std::to_string(live.event_throttle_rate)));
  }
  if (recorded.teams != live.teams) {
    parts.push_back(fields::list_change("teams", recorded.teams, live.teams));
  }
  return parts;
}

Errors check_project_capabilities(const Instance& desired, const Capabilities& capabilities,
                                  const std::vector<Action>& actions, const std::string& server) {
  Errors errors;
  if (!capabilities.event_throttle_rate) {
    // Say what was seen: projects without the field, or no project to tell.
    const std::string seen =
        capabilities.event_throttle_rate_detected
            ? desired.name + "'s projects carry no eventThrottleRate field: GlitchTip before 3.4"
            : desired.name +
                  " has no project yet to show whether it knows eventThrottleRate (GlitchTip 3.4 "
                  "and later do), so it is taken as older";
    for (const auto& [name, organization] : desired.organizations) {
      for (const auto& [slug, project] : organization.projects) {
        if (project.event_throttle_rate == 0) continue;
        errors.push_back(
            {Address::of_project(desired.name, name, slug).to_string(),
             "eventThrottleRate is " + std::to_string(project.event_throttle_rate) + ", but " +
                 seen,
             capabilities.event_throttle_rate_detected
                 ? "remove eventThrottleRate from the project, or upgrade GlitchTip to 3.4 or later"
                 : "create the project without eventThrottleRate first; the next plan can set it"});
      }
    }
  }
  if (!capabilities.project_slug_rename) {
    for (const Action& action : actions) {
      if (action.instance != desired.name || action.type != ActionType::create_project) continue;
      const std::string generated = project_slug(action.after.value("name", ""));
      if (generated == action.project) continue;
      // Which of `new` and `new-1` a server gives depends on its version; apply's identity
      // check tells if the guess was wrong.
      if (generated == kReservedProjectSlug && action.project == "new-1") continue;
      errors.push_back({action.address,
                        "the project slug \"" + action.project + "\" differs from \"" + generated +
                            "\", the slug GlitchTip makes from its name, and " + server +
                            ", which cannot change a project's slug",
                        "remove `slug` from the project, or set it to \"" + generated + "\""});
    }
  }
  return errors;
}

json ProjectKind::adoption_json(const std::string& organization_slug, const Project& live,
                                const Project& declared) {
  json document = project_json(organization_slug, live);
  document["protected"] = declared.is_protected;
  return document;
}

void ProjectKind::keep_recorded(Project& fresh, const Project* existing) {
  fresh.is_protected = existing != nullptr && existing->is_protected;
}

bool ProjectKind::owns(ActionType type) {
  return type == ActionType::create_project || type == ActionType::update_project ||
         type == ActionType::delete_project || type == ActionType::add_project_team ||
         type == ActionType::remove_project_team;
}

void ProjectKind::plan(const diff::Scope& scope, const Organization& desired,
                       const Organization& live, Changes& changes) {
  for (const auto& [slug, project] : desired.projects) {
    const auto found = live.projects.find(slug);
    if (found != live.projects.end()) {
      plan_existing(scope, project, found->second, desired, live, changes);
      continue;
    }
    const std::string first_team = project.teams.empty() ? "" : project.teams.front();
    Action action =
        diff::make_action(scope, ActionType::create_project,
                          Address::of_project(scope.instance, scope.organization, slug));
    action.project = slug;
    action.team = first_team;
    action.after = {{"name", project.name},
                    {"platform", project.platform},
                    {kRate, project.event_throttle_rate},
                    {"team", first_team}};
    action.precondition = kAbsent;
    action.reason = diff::kDeclared;
    changes.actions.push_back(std::move(action));
    for (size_t i = 1; i < project.teams.size(); ++i) {
      add_project_team(scope, slug, project.teams[i], changes);
    }
  }
  for (const auto& [slug, project] : live.projects) {
    if (desired.projects.count(slug) > 0) continue;
    Action action =
        diff::make_action(scope, ActionType::delete_project,
                          Address::of_project(scope.instance, scope.organization, slug));
    action.project = slug;
    action.before = {{"name", project.name}, {"slug", slug}, {"teams", project.teams}};
    action.precondition = fingerprint(project);
    for (const std::string& team : project.teams) {
      action.consequences.push_back(
          Address::of_project_team(scope.instance, scope.organization, slug, team).to_string());
    }
    for (std::string& alert : alert_addresses(scope, live, slug)) {  // alerts kind
      action.consequences.push_back(std::move(alert));
    }
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

std::string ProjectKind::precondition_change(const Action& action, const Organization& live) {
  const Project* project = find_project(live, action.project);
  switch (action.type) {
    case ActionType::create_project:
      return project != nullptr ? "the project exists now" : "";
    case ActionType::update_project:
    case ActionType::delete_project:
      if (project == nullptr) return "the project no longer exists";
      if (fingerprint(*project) == action.precondition) return {};
      return moved_fields(*project, action.before);
    case ActionType::add_project_team:
      if (project == nullptr || !contains(project->teams, action.team)) return {};
      return "team " + action.team + " is linked to the project already";
    case ActionType::remove_project_team:
      if (project != nullptr && contains(project->teams, action.team)) return {};
      return "team " + action.team + " is no longer linked to the project";
    default:
      return {};
  }
}

std::string ProjectKind::action_words(const Action& action) {
  switch (action.type) {
    case ActionType::create_project:
      return fields::with_detail("project " + action.project,
                                 fields::fields_text(action.after, unset_on_create), ": ");
    case ActionType::update_project:
      return fields::with_detail("project " + action.project,
                                 fields::changes_text(action.before, action.after), ": ");
    case ActionType::delete_project:
      return "project " + action.project;
    case ActionType::add_project_team:
      return "team " + action.team + " on project " + action.project;
    case ActionType::remove_project_team:
      return "team " + action.team + " from project " + action.project;
    default:
      return action.address;
  }
}

void ProjectKind::record(Organization& organization, const Action& action,
                         const ActionOutcome& outcome, const State& desired) {
  switch (action.type) {
    case ActionType::create_project: {
      const std::string slug = outcome.slug.empty() ? action.project : outcome.slug;
      Project project;
      project.slug = slug;
      project.id = outcome.id;
      take_fields(project, action.after);
      const std::string team = text(action.after, "team");
      if (!team.empty()) project.teams.push_back(team);
      project.is_protected = declared_protected(desired, action);
      organization.projects[slug] = std::move(project);
      break;
    }
    case ActionType::update_project: {
      Project& project = organization.projects[action.project];
      project.slug = action.project;
      take_fields(project, action.after);
      break;
    }
    case ActionType::delete_project:
      organization.projects.erase(action.project);
      std::erase_if(organization.alerts, [&](const auto& entry) {  // alerts kind: gone along
        return entry.second.project == action.project;
      });
      break;
    case ActionType::add_project_team: {
      Project& project = organization.projects[action.project];
      project.slug = action.project;
      const auto at = std::lower_bound(project.teams.begin(), project.teams.end(), action.team);
      if (at == project.teams.end() || *at != action.team) project.teams.insert(at, action.team);
      break;
    }
    case ActionType::remove_project_team:
      if (organization.projects.count(action.project) > 0) {
        std::erase(organization.projects[action.project].teams, action.team);
      }
      break;
    default:
      break;
  }
}

}  // namespace gg
