// make_plan over the space agencies: what a user sees planned for each scenario of
// docs/design.md §9, in apply order.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/action_address.hpp"
#include "planner/planner.hpp"
#include "planner/slugify.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";
const std::string kEsa = std::string(kInstance) + "/ESA";

// "type address" of every action, in plan order.
std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Action& action : plan.actions) {
    out.push_back(std::string(to_string(action.type)) + " " + action.address);
  }
  return out;
}

Plan plan_ok(const State& desired_state, const State& recorded_state, const State& live_state,
             const PlanOptions& options = {}) {
  Result<Plan> plan = make_plan(desired_state, recorded_state, live_state, options);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().to_string());
  if (!plan.ok()) return Plan{};
  // Every action's address is the one its fields name (what read_plan insists on).
  const Status consistent = check_action_addresses(plan.value(), "plan");
  EXPECT_TRUE(consistent.ok()) << (consistent.ok() ? "" : consistent.error().to_string());
  return plan.value();
}

const Action* find_action(const Plan& plan, ActionType type, const std::string& address) {
  for (const Action& action : plan.actions) {
    if (action.type == type && action.address == address) return &action;
  }
  return nullptr;
}

Organization& nasa_of(State& state, const std::string& key) {
  return state.instances[kInstance].organizations[key];
}

TEST(Diff, MatchingGlitchTipAndSnapshotHasNoChanges) {
  const Plan plan = plan_ok(desired(), recorded(), live());
  EXPECT_THAT(plan.actions, IsEmpty());
  EXPECT_THAT(plan.drift, IsEmpty());
  EXPECT_THAT(plan.adoptions, IsEmpty());
  EXPECT_FALSE(plan.has_changes());
  ASSERT_EQ(plan.instances.size(), 1u);
  EXPECT_EQ(plan.instances[0].name, kInstance);
  EXPECT_EQ(plan.instances[0].settings.url, "https://glitchtip-dev.example.com");
}

TEST(Diff, FirstPlanAgainstMatchingGlitchTipAdoptsEverything) {
  const Plan plan = plan_ok(desired(), State{}, live());
  EXPECT_THAT(plan.actions, IsEmpty());
  // 2 organizations, 4 + 4 members, 2 + 2 teams, 2 + 2 projects.
  EXPECT_EQ(plan.adoptions.size(), 2u + 8u + 4u + 4u);
  EXPECT_EQ(plan.summary.adopt, 18);
  EXPECT_EQ(plan.adoptions.front().address, kEsa);
  EXPECT_EQ(plan.adoptions.front().live["slug"], "esa");
  EXPECT_EQ(plan.adoptions.front().live["id"], "1");
}

TEST(Diff, EmptyGlitchTipGetsEverythingCreatedInApplyOrder) {
  const Plan plan = plan_ok(desired(), State{}, empty_live());
  const std::vector<std::string> got = lines(plan);
  ASSERT_EQ(got.size(), 2u + 8u + 4u + 8u + 4u + 2u);
  EXPECT_EQ(got[0], "create_organization " + kEsa);
  EXPECT_EQ(got[1], "create_organization " + kNasa);
  EXPECT_EQ(got[2], "invite_member " + kEsa + "/member/" + kDirector);
  EXPECT_EQ(got[10], "create_team " + kEsa + "/team/esa-flight-control");
  EXPECT_EQ(got[14], "add_team_member " + kEsa + "/team/esa-flight-control/member/" + kDirector);
  EXPECT_EQ(got[22], "create_project " + kEsa + "/project/rosetta-flight-control");
  EXPECT_EQ(got[26],
            "add_project_team " + kEsa + "/project/rosetta-spacecraft/team/esa-flight-control");
  EXPECT_EQ(got[27],
            "add_project_team " + kNasa + "/project/apollo-11-spacecraft/team/nasa-flight-control");
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    EXPECT_EQ(plan.actions[i].id, static_cast<int>(i + 1));
    EXPECT_EQ(plan.actions[i].organization_slug, "");
    EXPECT_EQ(plan.actions[i].precondition, "absent");
  }
  EXPECT_EQ(plan.summary, (PlanSummary{28, 0, 0, 0, 0, 0}));
}

TEST(Diff, CreatedProjectStartsInItsFirstDeclaredTeam) {
  const Plan plan = plan_ok(desired(), State{}, empty_live());
  const Action* create =
      find_action(plan, ActionType::create_project, kNasa + "/project/apollo-11-spacecraft");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->after, (nlohmann::json{{"name", "apollo-11-spacecraft"},
                                           {"platform", "python"},
                                           {"eventThrottleRate", 0},
                                           {"team", "nasa-pilots"}}));
  EXPECT_EQ(create->project, "apollo-11-spacecraft");
  EXPECT_NE(find_action(plan, ActionType::add_project_team,
                        kNasa + "/project/apollo-11-spacecraft/team/nasa-flight-control"),
            nullptr);
  EXPECT_EQ(find_action(plan, ActionType::add_project_team,
                        kNasa + "/project/apollo-11-spacecraft/team/nasa-pilots"),
            nullptr);
}

TEST(Diff, AutomationUserIsNeverPlanned) {
  State wanted = desired();
  State now = live();
  // Declared by mistake, and present live as the owner it is.
  nasa_of(wanted, "NASA").members[kAutomationUser] = member(kAutomationUser, Role::member);
  nasa_of(wanted, "NASA").teams["nasa-pilots"].members.emplace_back(kAutomationUser);
  nasa_of(now, "nasa").members[kAutomationUser] = member(kAutomationUser, Role::owner);
  nasa_of(now, "nasa").teams["nasa-flight-control"].members.emplace_back(kAutomationUser);
  const Plan plan = plan_ok(wanted, recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
}

TEST(Diff, PendingMembersArePlannedLikeAcceptedOnes) {
  State now = live();
  nasa_of(now, "nasa").members[kBuzz].role = Role::admin;  // still pending
  State snapshot = recorded();
  nasa_of(snapshot, "nasa").members[kBuzz].role = Role::admin;
  const Plan plan = plan_ok(desired(), snapshot, now);
  ASSERT_THAT(lines(plan), ElementsAre("change_member_role " + kNasa + "/member/" + kBuzz));
  EXPECT_EQ(plan.actions[0].reason, "role: admin → member");
}

TEST(Diff, NewTeamWithNewAdminAndLinkedProject) {
  State wanted = desired();
  Organization& organization = nasa_of(wanted, "NASA");
  const std::string gene = "genekranz@nasa.com";
  add(organization, member(gene, Role::admin));
  add(organization, team("nasa-mission-control", {gene}));
  add(organization, project("apollo-13", {"nasa-mission-control", "nasa-flight-control"}));
  const Plan plan = plan_ok(wanted, recorded(), live());
  EXPECT_THAT(
      lines(plan),
      ElementsAre("invite_member " + kNasa + "/member/" + gene,
                  "create_team " + kNasa + "/team/nasa-mission-control",
                  "add_team_member " + kNasa + "/team/nasa-mission-control/member/" + gene,
                  "create_project " + kNasa + "/project/apollo-13",
                  "add_project_team " + kNasa + "/project/apollo-13/team/nasa-flight-control"));
  EXPECT_EQ(plan.actions[0].after, (nlohmann::json{{"email", gene}, {"role", "admin"}}));
  EXPECT_EQ(plan.actions[0].organization_slug, "nasa");
  EXPECT_EQ(plan.summary.add, 5);
}

TEST(Diff, OffboardingAUserIsOneDeletionWithItsMembershipsAsConsequences) {
  State wanted = desired();
  for (auto& [name, organization] : wanted.instances[kInstance].organizations) {
    organization.members.erase(kNeil);
    for (auto& [slug, declared] : organization.teams) std::erase(declared.members, kNeil);
  }
  const Plan plan = plan_ok(wanted, recorded(), live());
  ASSERT_THAT(lines(plan), ElementsAre("delete_member " + kNasa + "/member/" + kNeil));
  const Action& action = plan.actions[0];
  EXPECT_THAT(action.consequences, ElementsAre(kNasa + "/team/nasa-pilots/member/" + kNeil));
  EXPECT_EQ(action.before,
            (nlohmann::json{{"email", kNeil}, {"role", "member"}, {"pending", false}}));
  EXPECT_EQ(action.reason, "not declared: owned by the definitions of NASA");
  EXPECT_EQ(plan.summary, (PlanSummary{0, 0, 1, 0, 0, 1}));
}

TEST(Diff, RoleChange) {
  State wanted = desired();
  nasa_of(wanted, "NASA").members[kMichael].role = Role::manager;
  const Plan plan = plan_ok(wanted, recorded(), live());
  ASSERT_THAT(lines(plan), ElementsAre("change_member_role " + kNasa + "/member/" + kMichael));
  EXPECT_EQ(plan.actions[0].before, (nlohmann::json{{"role", "member"}, {"pending", false}}));
  EXPECT_EQ(plan.actions[0].after, (nlohmann::json{{"role", "manager"}}));
  EXPECT_EQ(plan.actions[0].reason, "role: member → manager");
  EXPECT_EQ(plan.actions[0].email, kMichael);
  EXPECT_EQ(plan.summary.change, 1);
}

TEST(Diff, ProjectRenameKeepsTheSlugAndUpdates) {
  State wanted = desired();
  nasa_of(wanted, "NASA").projects["apollo-11-spacecraft"].name = "Apollo 11 Spacecraft";
  const Plan plan = plan_ok(wanted, recorded(), live());
  ASSERT_THAT(lines(plan),
              ElementsAre("update_project " + kNasa + "/project/apollo-11-spacecraft"));
  EXPECT_EQ(plan.actions[0].before["name"], "apollo-11-spacecraft");
  EXPECT_EQ(plan.actions[0].after, (nlohmann::json{{"name", "Apollo 11 Spacecraft"},
                                                   {"platform", "python"},
                                                   {"eventThrottleRate", 0},
                                                   {"slug", "apollo-11-spacecraft"}}));
}

TEST(Diff, UndeclaredPlatformIsNotManaged) {
  State wanted = desired();
  nasa_of(wanted, "NASA").projects["apollo-11-spacecraft"].platform = "";
  EXPECT_THAT(plan_ok(wanted, recorded(), live()).actions, IsEmpty());
}

TEST(Diff, HandMadeDriftIsReportedAndReverted) {
  State now = live();
  nasa_of(now, "nasa").members[kNeil].role = Role::admin;
  nasa_of(now, "nasa").teams["nasa-pilots"].members = {kBuzz, kMichael, kNeil};
  const Plan plan = plan_ok(desired(), recorded(), now);
  ASSERT_EQ(plan.drift.size(), 2u);
  EXPECT_EQ(plan.drift[0].address, kNasa + "/member/" + kNeil);
  EXPECT_EQ(plan.drift[0].description,
            "role changed from member to admin outside glitchtip-gitops");
  EXPECT_EQ(plan.drift[0].recorded["role"], "member");
  EXPECT_EQ(plan.drift[0].live["role"], "admin");
  EXPECT_EQ(plan.drift[1].address, kNasa + "/team/nasa-pilots");
  EXPECT_EQ(plan.drift[1].description,
            "members changed: added " + kMichael + " outside glitchtip-gitops");
  EXPECT_THAT(lines(plan),
              ElementsAre("change_member_role " + kNasa + "/member/" + kNeil,
                          "remove_team_member " + kNasa + "/team/nasa-pilots/member/" + kMichael));
  EXPECT_EQ(plan.summary.drift, 2);
}

TEST(Diff, ObjectDeletedByHandIsDriftAndRecreated) {
  State now = live();
  nasa_of(now, "nasa").teams.erase("nasa-pilots");
  nasa_of(now, "nasa").projects["apollo-11-spacecraft"].teams = {"nasa-flight-control"};
  const Plan plan = plan_ok(desired(), recorded(), now);
  ASSERT_EQ(plan.drift.size(), 2u);
  EXPECT_EQ(plan.drift[0].address, kNasa + "/team/nasa-pilots");
  EXPECT_TRUE(plan.drift[0].live.is_null());
  EXPECT_EQ(plan.drift[0].description, "deleted outside glitchtip-gitops");
  EXPECT_THAT(
      lines(plan),
      ElementsAre("create_team " + kNasa + "/team/nasa-pilots",
                  "add_team_member " + kNasa + "/team/nasa-pilots/member/" + kBuzz,
                  "add_team_member " + kNasa + "/team/nasa-pilots/member/" + kNeil,
                  "add_project_team " + kNasa + "/project/apollo-11-spacecraft/team/nasa-pilots"));
}

TEST(Diff, UndeclaredObjectsInADeclaredOrganizationAreRemoved) {
  State now = live();
  Organization& organization = nasa_of(now, "nasa");
  add(organization, member("intruder@nasa.com"));
  organization.teams["nasa-pilots"].members.emplace_back("intruder@nasa.com");
  add(organization, team("shadow", {kNeil}));
  add(organization, project("secret", {"nasa-pilots", "shadow"}));
  organization.projects["apollo-11-flight-control"].teams = {"nasa-flight-control", "shadow"};
  organization.projects["apollo-11-spacecraft"].teams.emplace_back("nasa-pilots-old");
  const Plan plan = plan_ok(desired(), recorded(), now);
  EXPECT_THAT(lines(plan), ElementsAre("remove_project_team " + kNasa +
                                           "/project/apollo-11-spacecraft/team/nasa-pilots-old",
                                       "delete_project " + kNasa + "/project/secret",
                                       "delete_team " + kNasa + "/team/shadow",
                                       "delete_member " + kNasa + "/member/intruder@nasa.com"));
  const Action* team_deletion = find_action(plan, ActionType::delete_team, kNasa + "/team/shadow");
  ASSERT_NE(team_deletion, nullptr);
  EXPECT_THAT(team_deletion->consequences,
              ElementsAre(kNasa + "/team/shadow/member/" + kNeil,
                          kNasa + "/project/apollo-11-flight-control/team/shadow",
                          kNasa + "/project/secret/team/shadow"));
  EXPECT_THAT(plan.actions[1].consequences, ElementsAre(kNasa + "/project/secret/team/nasa-pilots",
                                                        kNasa + "/project/secret/team/shadow"));
  EXPECT_THAT(plan.actions[3].consequences,
              ElementsAre(kNasa + "/team/nasa-pilots/member/intruder@nasa.com"));
}

TEST(Diff, RemovedOrganizationNeedsTheFlag) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.erase("NASA");
  const Result<Plan> refused = make_plan(wanted, recorded(), live(), {});
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.errors().size(), 1u);
  EXPECT_EQ(refused.error().where, kNasa);
  EXPECT_EQ(refused.error().message,
            "organization NASA would be deleted: it was removed from the definitions");
  EXPECT_EQ(refused.error().hint, "pass --allow-delete-organizations to allow it");

  PlanOptions options;
  options.allow_delete_organizations = true;
  const Plan plan = plan_ok(wanted, recorded(), live(), options);
  ASSERT_THAT(lines(plan), ElementsAre("delete_organization " + kNasa));
  EXPECT_EQ(plan.actions[0].before, (nlohmann::json{{"name", "NASA"}, {"slug", "nasa"}}));
  EXPECT_EQ(plan.actions[0].consequences.size(), 4u + 2u + 2u);
  EXPECT_EQ(plan.summary.destroy, 1);
  EXPECT_EQ(plan.summary.consequences, 8);
}

TEST(Diff, NeverManagedOrganizationsAreUnmanaged) {
  State now = live();
  Organization other;
  other.name = "Roscosmos";
  other.slug = "roscosmos";
  now.instances[kInstance].organizations["roscosmos"] = other;
  const Plan plan = plan_ok(desired(), recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
  ASSERT_EQ(plan.unmanaged.size(), 1u);
  EXPECT_EQ(plan.unmanaged[0], (UnmanagedOrganization{kInstance, "roscosmos", "Roscosmos"}));
}

TEST(Diff, OrganizationRenameWithDeclaredSlug) {
  State wanted = desired();
  Organization renamed = nasa_of(wanted, "NASA");
  wanted.instances[kInstance].organizations.erase("NASA");
  renamed.name = "NASA JSC";
  renamed.slug = "nasa";
  wanted.instances[kInstance].organizations["NASA JSC"] = renamed;
  const Plan plan = plan_ok(wanted, recorded(), live());
  ASSERT_THAT(lines(plan),
              ElementsAre("rename_organization " + std::string(kInstance) + "/NASA JSC"));
  EXPECT_EQ(plan.actions[0].before, (nlohmann::json{{"name", "NASA"}}));
  EXPECT_EQ(plan.actions[0].after, (nlohmann::json{{"name", "NASA JSC"}}));
  EXPECT_EQ(plan.actions[0].organization_slug, "nasa");
}

TEST(Diff, AmbiguousOrganizationNameAsksForASlug) {
  State now = live();
  Organization twin = nasa_of(now, "nasa");
  twin.slug = "nasa-2";
  now.instances[kInstance].organizations["nasa-2"] = twin;
  const Result<Plan> plan = make_plan(desired(), State{}, now, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kNasa);
  EXPECT_THAT(plan.error().message, ::testing::HasSubstr("2 organizations named \"NASA\""));
  EXPECT_THAT(plan.error().hint, ::testing::HasSubstr("`slug`"));
}

TEST(Diff, SnapshotTellsTwinsApart) {
  State now = live();
  Organization twin = nasa_of(now, "nasa");
  twin.slug = "nasa-2";
  now.instances[kInstance].organizations["nasa-2"] = twin;
  const Plan plan = plan_ok(desired(), recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
  ASSERT_EQ(plan.unmanaged.size(), 1u);
  EXPECT_EQ(plan.unmanaged[0].slug, "nasa-2");
}

TEST(Diff, RefreshOnlyHasNoActions) {
  State now = live();
  nasa_of(now, "nasa").members[kNeil].role = Role::admin;
  PlanOptions options;
  options.mode = PlanMode::refresh_only;
  const Plan plan = plan_ok(desired(), recorded(), now, options);
  EXPECT_THAT(plan.actions, IsEmpty());
  EXPECT_EQ(plan.drift.size(), 1u);
  EXPECT_EQ(plan.mode, PlanMode::refresh_only);
}

TEST(Diff, SamePlanForSameInputs) {
  State wanted = desired();
  nasa_of(wanted, "NASA").members[kMichael].role = Role::admin;
  EXPECT_EQ(plan_ok(wanted, State{}, empty_live()), plan_ok(wanted, State{}, empty_live()));
  EXPECT_EQ(plan_ok(wanted, recorded(), live()), plan_ok(wanted, recorded(), live()));
}

TEST(Diff, InstanceSelection) {
  State wanted = desired();
  wanted.instances["glitchtip-prod"] = instance_named("glitchtip-prod");
  wanted.instances["glitchtip-prod"].organizations["NASA"] = nasa();
  PlanOptions options;
  options.instances = {"glitchtip-prod"};
  const Plan plan = plan_ok(wanted, State{}, empty_live(), options);
  ASSERT_EQ(plan.instances.size(), 1u);
  EXPECT_EQ(plan.instances[0].name, "glitchtip-prod");
  EXPECT_EQ(plan.actions.front().address, "glitchtip-prod/NASA");
  EXPECT_THAT(plan.targets, ElementsAre("glitchtip-prod"));

  options.instances = {"glitchtip-staging"};
  const Result<Plan> unknown = make_plan(wanted, State{}, empty_live(), options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().hint, "declared instances: glitchtip-dev, glitchtip-prod");
}

TEST(Diff, EveryKindOfActionInApplyOrder) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.erase("ESA");
  Organization renamed = nasa_of(wanted, "NASA");
  wanted.instances[kInstance].organizations.erase("NASA");
  renamed.name = "NASA JSC";
  renamed.slug = "nasa";
  renamed.members.erase(kNeil);
  std::erase(renamed.teams["nasa-pilots"].members, kNeil);
  std::erase(renamed.teams["nasa-flight-control"].members, kMichael);
  renamed.members[kBuzz].role = Role::admin;
  add(renamed, member("genekranz@nasa.com"));
  add(renamed, team("nasa-mission-control", {"genekranz@nasa.com"}));
  renamed.teams["nasa-pilots"].members.push_back(kMichael);
  renamed.projects.erase("apollo-11-flight-control");
  renamed.projects["apollo-11-spacecraft"].name = "Apollo 11 Spacecraft";
  renamed.projects["apollo-11-spacecraft"].teams = {"nasa-pilots", "nasa-mission-control"};
  add(renamed, project("apollo-13", {"nasa-mission-control"}));
  wanted.instances[kInstance].organizations["NASA JSC"] = renamed;
  State now = live();
  add(nasa_of(now, "nasa"), team("nasa-retired", {}));
  PlanOptions options;
  options.allow_delete_organizations = true;
  options.allow_replace = true;  // apollo-13 is created while apollo-11-flight-control goes
  const Plan plan = plan_ok(wanted, recorded(), now, options);
  std::vector<std::string> types;
  for (const Action& action : plan.actions) types.emplace_back(to_string(action.type));
  EXPECT_THAT(types, ElementsAre("rename_organization", "change_member_role", "invite_member",
                                 "create_team", "add_team_member", "add_team_member",
                                 "create_project", "update_project", "add_project_team",
                                 "remove_project_team", "remove_team_member", "delete_project",
                                 "delete_team", "delete_member", "delete_organization"));
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    EXPECT_EQ(plan.actions[i].id, static_cast<int>(i + 1));
  }
}

TEST(Targets, NarrowToATeamMembershipInANewTeamKeepsWhatItNeeds) {
  State wanted = desired();
  add(nasa_of(wanted, "NASA"), team("nasa-mission-control", {kNeil, kMichael}));
  add(nasa_of(wanted, "NASA"), member("genekranz@nasa.com"));
  PlanOptions options;
  options.targets = {kNasa + "/team/nasa-mission-control/member/" + kNeil};
  const Plan plan = plan_ok(wanted, recorded(), live(), options);
  EXPECT_THAT(lines(plan), ElementsAre("create_team " + kNasa + "/team/nasa-mission-control",
                                       "add_team_member " + kNasa +
                                           "/team/nasa-mission-control/member/" + kNeil));
  EXPECT_THAT(plan.targets, ElementsAre(options.targets[0]));
}

TEST(Targets, NarrowToAnOrganizationInANewInstance) {
  PlanOptions options;
  options.targets = {kEsa};
  const Plan plan = plan_ok(desired(), State{}, empty_live(), options);
  for (const Action& action : plan.actions) {
    EXPECT_EQ(action.organization, "ESA") << action.address;
  }
  EXPECT_EQ(plan.actions.size(), 1u + 4u + 2u + 4u + 2u + 1u);
}

TEST(Targets, DriftAndAdoptionsAreNarrowedToo) {
  State now = live();
  nasa_of(now, "nasa").members[kNeil].role = Role::admin;
  nasa_of(now, "esa").members[kTim].role = Role::admin;
  PlanOptions options;
  options.targets = {kEsa};
  const Plan plan = plan_ok(desired(), recorded(), now, options);
  ASSERT_EQ(plan.drift.size(), 1u);
  EXPECT_EQ(plan.drift[0].address, kEsa + "/member/" + kTim);
  EXPECT_THAT(lines(plan), ElementsAre("change_member_role " + kEsa + "/member/" + kTim));
}

TEST(Targets, BadAddressIsAnError) {
  PlanOptions options;
  options.targets = {"glitchtip-dev/NASA/crew/neil"};
  const Result<Plan> plan = make_plan(desired(), recorded(), live(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, "--target glitchtip-dev/NASA/crew/neil");
}

}  // namespace
}  // namespace gg
