#pragma once
// Everything the planner knows about a project, the one place to add a project's field:
//   - its JSON form in plan files (drift, adoptions) and in the snapshot;
//   - its managed fields: what an update compares and sends, what drift compares;
//   - its fingerprint (the bytes are part of every plan digest: never reorder or rename);
//   - its actions (create, update, delete, linking teams) with their words, their
//     precondition's words and how apply records them;
//   - what a server must support for it.
// Fields: name, platform, eventThrottleRate, teams (the first is where it is created), and
// its slug, the identity. A new field is also added to planner/state.hpp (Project), the
// schemas (project.schema.json, snapshot.schema.json), providers/definitions and
// providers/glitchtip (how GlitchTip spells it).

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/error.hpp"
#include "planner/state.hpp"

namespace gg {

// {kind, organization_slug, slug, id, name, platform, eventThrottleRate, teams}, and back.
// Fields missing from `json` keep their defaults; "protected" (adoptions carry it) is read.
nlohmann::json project_json(const std::string& organization_slug, const Project& project);
Project project_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by slug: {id, name, platform, eventThrottleRate, teams} and
// "protected": true when set.
nlohmann::json project_snapshot_json(const Project& project);
Project project_from_snapshot_json(const std::string& slug, const nlohmann::json& json);

// "sha256:..." of slug, name, platform, eventThrottleRate and the sorted teams.
std::string fingerprint(const Project& project);

// A project's link to a team that exists.
std::string project_team_fingerprint(const std::string& project, const std::string& team);

// Drift words, one phrase per field that differs: "platform changed from python to go".
std::vector<std::string> differences(const Project& recorded, const Project& live);

// The declared projects' fields that the server cannot take (eventThrottleRate before 3.4,
// a slug GlitchTip would not make from the name when it cannot rename); `server` names
// the API generation for the message.
Errors check_project_capabilities(const Instance& desired, const Capabilities& capabilities,
                                  const std::vector<Action>& actions, const std::string& server);

// How the generic diff, recording and wording code treats projects (planner/kinds/kinds.hpp).
struct ProjectKind {
  using Object = Project;
  static constexpr const char* name = "project";
  static constexpr const char* collection = "projects";  // its key in the snapshot's organization
  static std::map<std::string, Project>& objects(Organization& organization) {
    return organization.projects;
  }
  static const std::map<std::string, Project>& objects(const Organization& organization) {
    return organization.projects;
  }
  static const std::string& key(const Project& project) { return project.slug; }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& slug) {
    return Address::of_project(instance, organization, slug);
  }
  static nlohmann::json to_json(const std::string& organization_slug, const Project& project) {
    return project_json(organization_slug, project);
  }
  static Project from_json(const nlohmann::json& json) { return project_from_json(json); }
  static nlohmann::json snapshot_json(const Project& project) {
    return project_snapshot_json(project);
  }
  static Project from_snapshot_json(const std::string& slug, const nlohmann::json& json) {
    return project_from_snapshot_json(slug, json);
  }
  // The adoption of a live project carries the protected flag as declared.
  static nlohmann::json adoption_json(const std::string& organization_slug, const Project& live,
                                      const Project& declared);
  // A drifted project keeps the protected flag the snapshot has.
  static void keep_recorded(Project& fresh, const Project* existing);
  static void forget(Organization&, const Project&) {}

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
