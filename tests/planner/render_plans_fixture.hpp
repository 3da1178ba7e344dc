#pragma once
// Hand-built plans for the space agencies (docs/design.md §9), the cast of the plan file and
// renderer tests, and golden-file comparison (GG_UPDATE_GOLDEN=1 rewrites the goldens).

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "planner/canonical_json.hpp"
#include "planner/plan.hpp"
#include "planner/plan_file.hpp"
#include "tests/support/files.hpp"

namespace gg::testing {

inline std::string fingerprint(const std::string& seed) {
  return "sha256:" + sha256_hex(seed);
}

// Appends an action numbered in plan order.
class PlanBuilder {
 public:
  PlanBuilder() {
    plan_.tool_version = "0.1.0";
    plan_.created_at = "1969-07-20T20:17:40Z";
    plan_.inputs.definitions_sha256 = sha256_hex("definitions");
    plan_.inputs.git_commit = "a11a11a11a11a11a11a11a11a11a11a11a11a11a";
    InstanceSettings settings;
    settings.url = "https://glitchtip.nasa.com";
    settings.token = {TokenSource::Kind::environment, "GLITCHTIP_DEV_TOKEN"};
    settings.automation_user_email = "sd-app-sre+glitchtip@nasa.com";
    settings.mail_domain = "nasa.com";
    plan_.instances.push_back({"glitchtip-dev", settings});
    plan_.protection.push_back({"glitchtip-dev", "NASA", "", "", true});
  }

  Plan& plan() { return plan_; }

  Action& add(ActionType type, const std::string& organization) {
    Action action;
    action.id = static_cast<int>(plan_.actions.size()) + 1;
    action.type = type;
    action.instance = "glitchtip-dev";
    action.organization = organization;
    action.organization_slug = created_.count(organization) ? "" : to_lower(organization);
    action.precondition = fingerprint(std::to_string(action.id));
    action.reason = "declared in definitions";
    plan_.actions.push_back(action);
    return plan_.actions.back();
  }

  void creating(const std::string& organization) { created_.insert(organization); }

  Plan sealed() const { return seal_plan(plan_); }

 private:
  static std::string to_lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  Plan plan_;
  std::set<std::string> created_;
};

inline std::string address(const std::string& organization, const std::string& rest = "") {
  return "glitchtip-dev/" + organization + (rest.empty() ? "" : "/" + rest);
}

// An empty GlitchTip and no snapshot: both agencies created in one apply.
inline Plan everything_created_plan() {
  PlanBuilder b;
  b.creating("ESA");
  b.creating("NASA");
  for (const std::string organization : {"ESA", "NASA"}) {
    Action& create = b.add(ActionType::create_organization, organization);
    create.address = address(organization);
    create.after = {{"name", organization}};
    create.precondition = "absent";
  }
  struct Person {
    std::string organization, email, role;
  };
  const std::vector<Person> people = {
      {"ESA", "globalflightdirector@nasa.com", "owner"},
      {"ESA", "matthiasmaurer@nasa.com", "member"},
      {"ESA", "samanthacristoforetti@nasa.com", "member"},
      {"ESA", "timpeake@nasa.com", "member"},
      {"NASA", "buzzaldrin@nasa.com", "member"},
      {"NASA", "globalflightdirector@nasa.com", "owner"},
      {"NASA", "michaelcollins@nasa.com", "member"},
      {"NASA", "neilarmstrong@nasa.com", "member"},
  };
  for (const Person& person : people) {
    Action& invite = b.add(ActionType::invite_member, person.organization);
    invite.address = address(person.organization, "member/" + person.email);
    invite.email = person.email;
    invite.after = {{"email", person.email}, {"role", person.role}};
    invite.precondition = "absent";
  }
  struct TeamOf {
    std::string organization, team;
    std::vector<std::string> members;
  };
  const std::vector<TeamOf> teams = {
      {"ESA",
       "esa-flight-control",
       {"globalflightdirector@nasa.com", "matthiasmaurer@nasa.com", "timpeake@nasa.com"}},
      {"ESA", "esa-pilots", {"samanthacristoforetti@nasa.com"}},
      {"NASA", "nasa-flight-control", {"globalflightdirector@nasa.com", "michaelcollins@nasa.com"}},
      {"NASA", "nasa-pilots", {"buzzaldrin@nasa.com", "neilarmstrong@nasa.com"}},
  };
  for (const TeamOf& team : teams) {
    Action& create = b.add(ActionType::create_team, team.organization);
    create.address = address(team.organization, "team/" + team.team);
    create.team = team.team;
    create.after = {{"slug", team.team}};
    create.precondition = "absent";
  }
  for (const TeamOf& team : teams) {
    for (const std::string& email : team.members) {
      Action& add = b.add(ActionType::add_team_member, team.organization);
      add.address = address(team.organization, "team/" + team.team + "/member/" + email);
      add.team = team.team;
      add.email = email;
      add.precondition = "absent";
    }
  }
  struct ProjectOf {
    std::string organization, slug, name;
    std::vector<std::string> teams;
  };
  const std::vector<ProjectOf> projects = {
      {"ESA", "rosetta-flight-control", "Rosetta Flight Control", {"esa-flight-control"}},
      {"ESA", "rosetta-spacecraft", "Rosetta Spacecraft", {"esa-pilots", "esa-flight-control"}},
      {"NASA", "apollo-11-flight-control", "Apollo 11 Flight Control", {"nasa-flight-control"}},
      {"NASA",
       "apollo-11-spacecraft",
       "Apollo 11 Spacecraft",
       {"nasa-pilots", "nasa-flight-control"}},
  };
  for (const ProjectOf& project : projects) {
    Action& create = b.add(ActionType::create_project, project.organization);
    create.address = address(project.organization, "project/" + project.slug);
    create.project = project.slug;
    create.after = {{"name", project.name},
                    {"platform", "python"},
                    {"eventThrottleRate", 0},
                    {"team", project.teams.front()}};
    create.precondition = "absent";
  }
  for (const ProjectOf& project : projects) {
    for (std::size_t i = 1; i < project.teams.size(); ++i) {
      Action& add = b.add(ActionType::add_project_team, project.organization);
      add.address =
          address(project.organization, "project/" + project.slug + "/team/" + project.teams[i]);
      add.project = project.slug;
      add.team = project.teams[i];
      add.precondition = "absent";
    }
  }
  b.plan().guards = {{"max_deletes", "0 deletions, limit 50"}};
  return b.sealed();
}

// A day of reviews on a managed GlitchTip: Michael Collins is offboarded (his file deleted),
// Buzz Aldrin (still pending) becomes admin, a project is renamed, a new team is adopted,
// and Neil Armstrong's role was changed by hand (drift, set back).
inline Plan offboarding_plan() {
  PlanBuilder b;
  Plan& plan = b.plan();
  plan.base = {"7c9e6679-7425-40de-944b-e07fc1f90ae7", 41, sha256_hex("snapshot 41")};
  Action& neil = b.add(ActionType::change_member_role, "NASA");
  neil.address = address("NASA", "member/neilarmstrong@nasa.com");
  neil.email = "neilarmstrong@nasa.com";
  neil.before = {{"role", "admin"}};
  neil.after = {{"role", "member"}};
  neil.reason = "declared role member (users/neil-armstrong.yaml)";
  Action& buzz = b.add(ActionType::change_member_role, "NASA");
  buzz.address = address("NASA", "member/buzzaldrin@nasa.com");
  buzz.email = "buzzaldrin@nasa.com";
  buzz.before = {{"role", "member"}, {"pending", true}};
  buzz.after = {{"role", "admin"}};
  Action& rename = b.add(ActionType::update_project, "NASA");
  rename.address = address("NASA", "project/apollo-11-spacecraft");
  rename.project = "apollo-11-spacecraft";
  rename.before = {{"name", "Apollo 11 Spacecraft"},
                   {"platform", "python"},
                   {"eventThrottleRate", 0},
                   {"slug", "apollo-11-spacecraft"}};
  rename.after = rename.before;
  rename.after["name"] = "Apollo 11 Command Module";
  Action& remove = b.add(ActionType::delete_member, "NASA");
  remove.address = address("NASA", "member/michaelcollins@nasa.com");
  remove.email = "michaelcollins@nasa.com";
  remove.before = {{"email", "michaelcollins@nasa.com"}, {"role", "member"}, {"pending", false}};
  remove.consequences = {
      address("NASA", "team/nasa-flight-control/member/michaelcollins@nasa.com")};
  remove.reason = "not declared";
  plan.drift.push_back({address("NASA", "member/neilarmstrong@nasa.com"),
                        "glitchtip-dev",
                        "NASA",
                        {{"role", "member"}, {"pending", false}},
                        {{"role", "admin"}, {"pending", false}},
                        "role changed from member to admin outside glitchtip-gitops"});
  plan.adoptions.push_back({address("NASA", "team/nasa-moonwalkers"),
                            "glitchtip-dev",
                            "NASA",
                            {{"slug", "nasa-moonwalkers"}, {"id", "17"}}});
  plan.unmanaged.push_back({"glitchtip-dev", "roscosmos", "Roscosmos"});
  plan.guards = {{"max_deletes", "1 deletion, limit 50"},
                 {"protected", "no protected object is deleted"}};
  return b.sealed();
}

// A second plan right after the first apply.
inline Plan no_changes_plan() {
  PlanBuilder b;
  b.plan().base = {"7c9e6679-7425-40de-944b-e07fc1f90ae7", 42, sha256_hex("snapshot 42")};
  return b.sealed();
}

// Someone changed GlitchTip by hand to what the definitions now say: only drift to record.
inline Plan drift_only_plan() {
  PlanBuilder b;
  Plan& plan = b.plan();
  plan.base = {"7c9e6679-7425-40de-944b-e07fc1f90ae7", 42, sha256_hex("snapshot 42")};
  plan.drift.push_back({address("ESA", "member/timpeake@nasa.com"),
                        "glitchtip-dev",
                        "ESA",
                        {{"role", "member"}, {"pending", false}},
                        {{"role", "manager"}, {"pending", false}},
                        "role changed from member to manager outside glitchtip-gitops"});
  return b.sealed();
}

// Compares `actual` with tests/planner/golden/<name>; GG_UPDATE_GOLDEN=1 writes it instead.
inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(GG_SOURCE_DIR) + "/tests/planner/golden/" + name;
  const char* update = std::getenv("GG_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(path, actual);
    return;
  }
  const std::string expected = read_file(path);
  ASSERT_FALSE(expected.empty()) << "no golden file " << path
                                 << "; run the test with GG_UPDATE_GOLDEN=1 to write it";
  EXPECT_EQ(actual, expected) << "differs from " << path
                              << "; if the change is intended, rerun with GG_UPDATE_GOLDEN=1";
}

}  // namespace gg::testing
