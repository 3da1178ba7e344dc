// What a valid definitions tree becomes: the desired State the planner compares.

#include <gtest/gtest.h>

#include "providers/definitions/definitions.hpp"
#include "tests/definitions/definitions_tree.hpp"

namespace gg {
namespace {

using testing::DefinitionsTree;
using testing::kInstanceAndOrganization;

constexpr const char* kTeamsAndProject = R"(kind: Team
name: nasa-pilots
organization: NASA
---
kind: Team
name: Flight Control
organization: glitchtip-dev/NASA
---
kind: Project
name: Apollo 11 Spacecraft
organization: NASA
platform: python
eventThrottleRate: 25
protected: true
teams: [Flight Control, nasa-pilots]
)";

TEST(LoadDefinitions, ReadsInstanceSettingsWithoutTheToken) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Instance& instance = result->desired.instances.at("glitchtip-dev");
  EXPECT_EQ(instance.settings.url, "http://localhost:8000");
  EXPECT_EQ(instance.settings.token,
            (TokenSource{TokenSource::Kind::environment, "GLITCHTIP_DEV_TOKEN"}));
  EXPECT_EQ(instance.settings.automation_user_email, "bot@nasa.com");
  EXPECT_EQ(instance.settings.mail_domain, "nasa.com");
  EXPECT_EQ(instance.settings.read_timeout_seconds, 30);
  EXPECT_EQ(instance.settings.api_generation, ApiGeneration::automatic);
  const Organization& nasa = instance.organizations.at("NASA");
  EXPECT_EQ(nasa.name, "NASA");
  EXPECT_EQ(nasa.slug, "");
  EXPECT_FALSE(nasa.is_protected);
  EXPECT_EQ(result->files, std::vector<std::string>{"instance.yaml"});
  EXPECT_EQ(result->document_count, 2u);
}

TEST(LoadDefinitions, ReadsOptionalInstanceFields) {
  DefinitionsTree tree;
  tree.write("instance.yml", R"(kind: Instance
name: prod
url: https://glitchtip.example.com
token: {file: /run/secrets/glitchtip}
automationUserEmail: bot@example.com
readTimeout: 60
maxRetries: 0
apiGeneration: ninja
caFile: /etc/ssl/ca.pem
insecureSkipTLSVerify: true
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const InstanceSettings& settings = result->desired.instances.at("prod").settings;
  EXPECT_EQ(settings.token, (TokenSource{TokenSource::Kind::file, "/run/secrets/glitchtip"}));
  EXPECT_EQ(settings.read_timeout_seconds, 60);
  EXPECT_EQ(settings.max_retries, 0);
  EXPECT_EQ(settings.api_generation, ApiGeneration::ninja);
  EXPECT_EQ(settings.ca_file, "/etc/ssl/ca.pem");
  EXPECT_TRUE(settings.insecure_skip_tls_verify);
}

TEST(LoadDefinitions, TeamsAndProjectsAreKeyedBySlugAndKeepDeclaredTeamOrder) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("nasa/objects.yaml", kTeamsAndProject);
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
  ASSERT_EQ(nasa.teams.size(), 2u);
  EXPECT_TRUE(nasa.teams.contains("flight-control"));
  EXPECT_TRUE(nasa.teams.contains("nasa-pilots"));
  const Project& project = nasa.projects.at("apollo-11-spacecraft");
  EXPECT_EQ(project.name, "Apollo 11 Spacecraft");
  EXPECT_EQ(project.platform, "python");
  EXPECT_EQ(project.event_throttle_rate, 25);
  EXPECT_TRUE(project.is_protected);
  EXPECT_EQ(project.teams, (std::vector<std::string>{"flight-control", "nasa-pilots"}));
  EXPECT_EQ(result->files, (std::vector<std::string>{"instance.yaml", "nasa/objects.yaml"}));
  EXPECT_EQ(result->document_count, 5u);
}

// GlitchTip allows a '/' in an organization's name; a reference may name it with or without
// its instance.
TEST(LoadDefinitions, AnOrganizationNameWithASlashCanBeReferenced) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("ops.yaml",
             "kind: Organization\nname: Ops/EMEA\ninstance: glitchtip-dev\nslug: ops-emea\n---\n"
             "kind: Team\nname: oncall\norganization: Ops/EMEA\n---\n"
             "kind: Team\nname: sre\norganization: glitchtip-dev/Ops/EMEA\n");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& ops =
      result->desired.instances.at("glitchtip-dev").organizations.at("Ops/EMEA");
  EXPECT_TRUE(ops.teams.contains("oncall"));
  EXPECT_TRUE(ops.teams.contains("sre"));
}

TEST(LoadDefinitions, DeclaredSlugsWin) {
  DefinitionsTree tree;
  tree.write("all.yaml", std::string(kInstanceAndOrganization) + R"(slug: nasa-hq
protected: true
---
kind: Team
name: "???"
slug: misc
organization: NASA
---
kind: Project
name: Apollo
slug: apollo-legacy
organization: NASA
teams: [misc]
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
  EXPECT_EQ(nasa.slug, "nasa-hq");
  EXPECT_TRUE(nasa.is_protected);
  EXPECT_TRUE(nasa.teams.contains("misc"));
  EXPECT_EQ(nasa.projects.at("apollo-legacy").teams, std::vector<std::string>{"misc"});
}

TEST(LoadDefinitions, MembersTakeTheHighestRoleGrantedAndTeamGrantsGiveMember) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("teams.yaml", kTeamsAndProject);
  tree.write("roles.yaml", R"(kind: Role
name: flight-directors
organizations:
  - {name: NASA, role: manager}
teams:
  - {organization: NASA, name: Flight Control}
---
kind: Role
name: pilots
teams:
  - {organization: NASA, name: nasa-pilots}
)");
  tree.write("users.yaml", R"(kind: User
email: GlobalFlightDirector@nasa.com
roles: [flight-directors, pilots]
access:
  organizations: [{name: NASA, role: admin}]
---
kind: User
email: NeilArmstrong@nasa.com
roles: [pilots]
---
kind: User
username: BuzzAldrin
access:
  organizations: [{name: NASA, role: owner}]
  teams: [{organization: NASA, name: nasa-pilots}]
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
  ASSERT_EQ(nasa.members.size(), 3u);
  // manager ranks above admin (docs/glitchtip-api.md §4.1).
  EXPECT_EQ(nasa.members.at("globalflightdirector@nasa.com").role, Role::manager);
  EXPECT_EQ(nasa.members.at("neilarmstrong@nasa.com").role, Role::member);
  EXPECT_EQ(nasa.members.at("buzzaldrin@nasa.com").role, Role::owner);
  EXPECT_EQ(nasa.members.at("neilarmstrong@nasa.com").email, "neilarmstrong@nasa.com");
  EXPECT_EQ(nasa.teams.at("nasa-pilots").members,
            (std::vector<std::string>{"buzzaldrin@nasa.com", "globalflightdirector@nasa.com",
                                      "neilarmstrong@nasa.com"}));
  EXPECT_EQ(nasa.teams.at("flight-control").members,
            std::vector<std::string>{"globalflightdirector@nasa.com"});
}

TEST(LoadDefinitions, TheAutomationUserIsNeverAMember) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("teams.yaml", kTeamsAndProject);
  tree.write("bot.yaml", R"(kind: User
email: bot@NASA.com
access:
  organizations: [{name: NASA, role: owner}]
  teams: [{organization: NASA, name: nasa-pilots}]
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
  EXPECT_TRUE(nasa.members.empty());
  EXPECT_TRUE(nasa.teams.at("nasa-pilots").members.empty());
  // Valid, but it changes nothing: one warning says so (one for its two grants).
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].where, tree.shown("bot.yaml") + ":1:1");
  EXPECT_NE(result->warnings[0].message.find(
                "`bot@nasa.com` is the automation user of instance `glitchtip-dev` "
                "(automationUserEmail), which is never planned as a member"),
            std::string::npos)
      << result->warnings[0].message;
}

TEST(LoadDefinitions, TheAutomationUserGivenByUsernameIsNeverAMember) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("teams.yaml", kTeamsAndProject);
  tree.write("bot.yaml", R"(kind: User
username: Bot
access:
  teams: [{organization: NASA, name: Flight Control}]
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
  EXPECT_TRUE(nasa.members.empty());
  EXPECT_TRUE(nasa.teams.at("flight-control").members.empty());
  EXPECT_EQ(result->warnings.size(), 1u);
}

TEST(LoadDefinitions, UsernamesTakeTheMailDomainOfEachInstance) {
  DefinitionsTree tree;
  tree.write("instances.yaml", std::string(kInstanceAndOrganization) + R"(---
kind: Instance
name: esa-prod
url: https://glitchtip.esa.int
token: {env: ESA_TOKEN}
automationUserEmail: bot@esa.int
mailDomain: esa.int
---
kind: Organization
name: NASA
instance: esa-prod
)");
  tree.write("user.yaml", R"(kind: User
username: tpeake
access:
  organizations:
    - {name: glitchtip-dev/NASA}
    - {name: esa-prod/NASA, role: admin}
)");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  EXPECT_EQ(result->desired.instances.at("glitchtip-dev")
                .organizations.at("NASA")
                .members.at("tpeake@nasa.com")
                .role,
            Role::member);
  EXPECT_EQ(result->desired.instances.at("esa-prod")
                .organizations.at("NASA")
                .members.at("tpeake@esa.int")
                .role,
            Role::admin);
}

TEST(LoadDefinitions, MultiDocumentFilesAndSubdirectoriesAreRead) {
  DefinitionsTree tree;
  tree.write("a/b/c/instance.yaml", std::string("---\n") + kInstanceAndOrganization + "---\n");
  tree.write("notes.txt", "kind: Nonsense\n");
  tree.write(".github/workflows/ci.yml", "on: push\n");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  EXPECT_EQ(result->files, std::vector<std::string>{"a/b/c/instance.yaml"});
  EXPECT_EQ(result->document_count, 2u);
}

TEST(LoadDefinitions, HashFollowsContentNotLayout) {
  DefinitionsTree first;
  first.write("instance.yaml", kInstanceAndOrganization);
  DefinitionsTree reformatted;
  reformatted.write("instance.yaml", R"(# the dev instance
kind: "Instance"
url: 'http://localhost:8000/'
name: glitchtip-dev
token:
  env: GLITCHTIP_DEV_TOKEN
automationUserEmail: Bot@nasa.com
mailDomain: nasa.com
---
{kind: Organization, name: NASA, instance: glitchtip-dev}
)");
  DefinitionsTree changed;
  changed.write("instance.yaml", std::string(kInstanceAndOrganization) + "protected: true\n");
  const Result<Definitions> a = first.load();
  const Result<Definitions> b = reformatted.load();
  const Result<Definitions> c = changed.load();
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->sha256.size(), 64u);
  EXPECT_EQ(a->sha256, b->sha256);
  EXPECT_NE(a->sha256, c->sha256);
}

TEST(LoadDefinitions, SymbolicLinksToFilesInsideAreRead) {
  DefinitionsTree tree;
  tree.write(".data/instance.yaml", kInstanceAndOrganization);
  std::filesystem::create_symlink(tree.root() / ".data/instance.yaml",
                                  tree.root() / "instance.yaml");
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  EXPECT_EQ(result->files, std::vector<std::string>{"instance.yaml"});
}

TEST(LoadDefinitions, TheSpaceAgenciesExampleIsValid) {
  const Result<Definitions> result = load_definitions(GG_SOURCE_DIR "/examples/space-agencies");
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Instance& instance = result->desired.instances.at("glitchtip-dev");
  EXPECT_EQ(instance.settings.automation_user_email, "sd-app-sre+glitchtip@nasa.com");
  const Organization& nasa = instance.organizations.at("NASA");
  const Organization& esa = instance.organizations.at("ESA");
  EXPECT_EQ(nasa.members.at("globalflightdirector@nasa.com").role, Role::owner);
  EXPECT_EQ(esa.members.at("globalflightdirector@nasa.com").role, Role::owner);
  EXPECT_EQ(nasa.members.at("buzzaldrin@nasa.com").role, Role::member);
  EXPECT_EQ(nasa.members.size(), 4u);
  EXPECT_EQ(esa.members.size(), 4u);
  EXPECT_FALSE(nasa.members.contains("sd-app-sre+glitchtip@nasa.com"));
  EXPECT_EQ(nasa.teams.at("nasa-pilots").members,
            (std::vector<std::string>{"buzzaldrin@nasa.com", "neilarmstrong@nasa.com"}));
  EXPECT_EQ(nasa.teams.at("nasa-flight-control").members,
            (std::vector<std::string>{"globalflightdirector@nasa.com", "michaelcollins@nasa.com"}));
  EXPECT_EQ(esa.teams.at("esa-pilots").members,
            std::vector<std::string>{"samanthacristoforetti@nasa.com"});
  EXPECT_EQ(esa.teams.at("esa-flight-control").members,
            (std::vector<std::string>{"globalflightdirector@nasa.com", "matthiasmaurer@nasa.com",
                                      "timpeake@nasa.com"}));
  EXPECT_EQ(nasa.projects.at("apollo-11-spacecraft").teams,
            (std::vector<std::string>{"nasa-pilots", "nasa-flight-control"}));
  EXPECT_EQ(nasa.projects.at("apollo-11-flight-control").teams,
            std::vector<std::string>{"nasa-flight-control"});
  EXPECT_EQ(esa.projects.at("rosetta-spacecraft").teams,
            (std::vector<std::string>{"esa-pilots", "esa-flight-control"}));
  EXPECT_EQ(esa.projects.at("rosetta-flight-control").platform, "python");
}

}  // namespace
}  // namespace gg
