// `import` proves itself by the round trip: from a live GlitchTip (the emulator, both API
// generations) to definitions that validate, whose first plan only adopts, and after whose
// apply nothing is left to change. Also what a person relies on around it: identity
// (slugs, e-mail spelling, pending invitations), Roles shared by equal access, refusals
// that write nothing, no secret in the output directory.

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "tests/cli/cli_harness.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

const char* const kAutomation = "sd-app-sre+glitchtip@nasa.com";

// The example's live state, with what import must keep: a project and an organization
// whose slugs are not slugify(name), an e-mail in mixed case, pending invitations (the
// example has two), projects in two teams (the example has two), and an organization the
// automation user is not a member of.
nlohmann::json identity_seed() {
  nlohmann::json seed = CliWorkspace::example_live_seed();
  for (auto& organization : seed["organizations"]) {
    if (organization["slug"] != "nasa") continue;
    for (auto& member : organization["members"]) {
      if (member["email"] == "neilarmstrong@nasa.com") member["email"] = "NeilArmstrong@nasa.com";
    }
    for (auto& project : organization["projects"]) {
      if (project["slug"] == "apollo-11-spacecraft") project["slug"] = "columbia";
    }
    for (auto& monitor : organization["monitors"]) {
      if (monitor["project"] == "apollo-11-spacecraft") monitor["project"] = "columbia";
    }
  }
  seed["organizations"].push_back(
      {{"name", "Jet Propulsion Laboratory / Caltech"},
       {"slug", "jpl"},
       {"members", {{{"email", kAutomation}, {"role", "owner"}}}},
       {"teams", {{{"slug", "voyager"}, {"members", {kAutomation}}}}},
       {"projects", {{{"name", "Voyager 1"}, {"slug", "voyager-one"}, {"teams", {"voyager"}}}}}});
  seed["organizations"].push_back(
      {{"name", "Roscosmos"},
       {"slug", "roscosmos"},
       {"members", {{{"email", "gagarin@roscosmos.ru"}, {"role", "owner"}}}}});
  return seed;
}

class ImportTest : public ::testing::TestWithParam<emulator::Flavour> {
 protected:
  CliResult import(const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments = {"import",
                                          "--url",
                                          workspace_.emulator().base_url(),
                                          "--token-env",
                                          "GLITCHTIP_DEV_TOKEN",
                                          "--automation-user",
                                          kAutomation,
                                          "--instance",
                                          "glitchtip-dev",
                                          "--out",
                                          "imported"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    CliResult result = workspace_.run(arguments);
    remember_asked_variables(result.out);
    return result;
  }
  // The variables import asks for ("  GLITCHTIP_ALERT_...  webhook ..."): in the example the
  // only webhook is example_slack_webhook().
  void remember_asked_variables(const std::string& out) {
    static const std::regex asked("(^|\n)  (GLITCHTIP_ALERT_[A-Z0-9_]+)  ");
    for (auto it = std::sregex_iterator(out.begin(), out.end(), asked);
         it != std::sregex_iterator(); ++it) {
      asked_[(*it)[2].str()] = example_slack_webhook();
    }
  }
  std::map<std::string, std::string> asked_;
  fs::path out() const { return workspace_.dir() / "imported"; }
  std::string file(const std::string& relative) const {
    return workspace_.read_file(out() / relative);
  }

  // validate, the first plan only adopts, apply, the next plan has nothing to do.
  // `environment`: what the person running import was asked to set.
  void expect_round_trip(const std::map<std::string, std::string>& given = {}) {
    std::map<std::string, std::string> environment = asked_;
    for (const auto& [name, value] : given) environment[name] = value;
    const CliResult validate = workspace_.run({"validate", "-d", "imported"});
    ASSERT_EQ(validate.exit_code, 0) << validate.all();
    const CliResult plan =
        workspace_.run({"plan", "-d", "imported", "--out", "plan.json"}, environment);
    ASSERT_EQ(plan.exit_code, 0) << plan.all();
    EXPECT_THAT(plan.out,
                MatchesRegex("(.|\n)*Plan: 0 to add, 0 to change, 0 to destroy, [1-9][0-9]* "
                             "to adopt\\.\n$"));
    const CliResult apply = workspace_.run({"apply", "plan.json", "-d", "imported"}, environment);
    ASSERT_EQ(apply.exit_code, 0) << apply.all();
    for (const auto& request : workspace_.emulator().requests()) {
      EXPECT_EQ(request.method, "GET") << request.path;
    }
    const CliResult again =
        workspace_.run({"plan", "-d", "imported", "--detailed-exitcode"}, environment);
    EXPECT_EQ(again.exit_code, 0) << again.all();
    EXPECT_THAT(again.out, EndsWith("No changes. GlitchTip matches the definitions.\n"));
  }

  CliWorkspace workspace_;
};

std::set<std::string> files_under(const fs::path& directory) {
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), directory).string());
  }
  return files;
}

TEST_P(ImportTest, ExampleRoundTripsToAdoptionsOnly) {
  nlohmann::json seed = identity_seed();
  seed["organizations"].erase(seed["organizations"].end() - 1);  // Roscosmos: unreadable
  workspace_.start_emulator(seed, GetParam());
  const CliResult imported = import();
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  EXPECT_THAT(imported.out, HasSubstr("1 instance, 3 organizations, 5 teams, 5 projects, 7 users, "
                                      "5 roles"));
  EXPECT_THAT(imported.out, HasSubstr("glitchtip-gitops validate -d imported\n"));
  EXPECT_THAT(imported.out, HasSubstr("glitchtip-gitops plan -d imported"));

  // Identity: slugs where the name would give another, e-mails as GlitchTip spells them.
  EXPECT_THAT(file("organizations/jpl.yaml"),
              HasSubstr("name: Jet Propulsion Laboratory / Caltech\n"));
  // A '/' in a name: references say instance/name, as a bare name would be split there.
  EXPECT_THAT(file("teams/jpl/voyager.yaml"),
              HasSubstr("organization: glitchtip-dev/Jet Propulsion Laboratory / Caltech\n"));
  EXPECT_THAT(file("organizations/jpl.yaml"), HasSubstr("slug: jpl\n"));
  EXPECT_THAT(file("organizations/nasa.yaml"), Not(HasSubstr("slug:")));
  EXPECT_THAT(file("projects/nasa/columbia.yaml"),
              HasSubstr("name: Apollo 11 Spacecraft\nslug: columbia\n"));
  EXPECT_THAT(file("projects/nasa/columbia.yaml"),
              HasSubstr("teams: [nasa-flight-control, nasa-pilots]\n"));
  EXPECT_THAT(file("projects/jpl/voyager-one.yaml"), HasSubstr("slug: voyager-one\n"));
  EXPECT_THAT(file("users/neilarmstrong.yaml"), HasSubstr("email: NeilArmstrong@nasa.com\n"));
  // A pending invitation is written like an accepted member, with its role.
  EXPECT_THAT(file("users/buzzaldrin.yaml"), HasSubstr("roles: [nasa-pilots]\n"));
  // Equal access, one Role: Neil (accepted) and Buzz (pending) are both NASA pilots.
  EXPECT_THAT(file("users/neilarmstrong.yaml"), HasSubstr("roles: [nasa-pilots]\n"));
  EXPECT_EQ(file("roles/nasa-pilots.yaml"),
            "# yaml-language-server: $schema=../.schemas/role.schema.json\nkind: Role\n"
            "name: nasa-pilots\nteams:\n  - {organization: NASA, name: nasa-pilots}\n");
  EXPECT_THAT(
      file("roles/esa-owner-flight-control+nasa-owner-flight-control.yaml"),
      HasSubstr("organizations:\n  - {name: ESA, role: owner}\n  - {name: NASA, role: owner}\n"));
  EXPECT_THAT(file("instance.yaml"), HasSubstr("token: {env: GLITCHTIP_DEV_TOKEN}\n"));

  // Every $schema comment resolves; the automation user and the token are nowhere.
  for (const std::string& relative : files_under(out())) {
    const std::string text = file(relative);
    EXPECT_THAT(text, Not(HasSubstr(example_token()))) << relative;
    if (relative.starts_with(".schemas/")) continue;
    if (relative != "instance.yaml") {
      EXPECT_THAT(text, Not(HasSubstr("sd-app-sre+glitchtip@nasa.com"))) << relative;
    }
    std::smatch match;
    ASSERT_TRUE(
        std::regex_search(text, match, std::regex("^# yaml-language-server: \\$schema=(.*)\n")))
        << relative;
    EXPECT_TRUE(fs::is_regular_file((out() / relative).parent_path() / match[1].str())) << relative;
  }
  EXPECT_FALSE(fs::exists(workspace_.dir() / "imported.secrets.env"));  // nothing secret yet
  EXPECT_THAT(imported.all(), Not(HasSubstr(example_token())));
  expect_round_trip();
}

// A webhook URL is a credential, and GlitchTip's answers leave only its digest in the model:
// import writes an `{env: ...}` placeholder and names it, never the URL.
const char* const kWebhook = "https://hooks.slack.example.com/services/T0/B0/sekret-path-4711";

nlohmann::json monitors_alerts_keys_seed() {
  nlohmann::json seed = CliWorkspace::example_live_seed();
  for (auto& organization : seed["organizations"]) {
    for (auto& project : organization["projects"]) project.erase("alerts");  // the example's
    if (organization["slug"] != "nasa") continue;
    organization["monitors"] = {{{"name", "Apollo API"},
                                 {"monitorType", "GET"},
                                 {"url", "https://apollo.example.com/health"},
                                 {"expectedStatus", 204},
                                 {"expectedBody", "ok"},
                                 {"interval", 120},
                                 {"timeout", 15},
                                 {"project", "apollo-11-spacecraft"}},
                                {{"name", "nightly-job"}, {"monitorType", "Heartbeat"}}};
    for (auto& project : organization["projects"]) {
      if (project["slug"] != "apollo-11-spacecraft") continue;
      project["keys"] = {{{"label", ""}},
                         {{"label", "backend"}, {"rateLimit", {{"window", 60}, {"count", 1000}}}}};
      project["alerts"] = {
          {{"name", "error-burst"},
           {"timespanMinutes", 5},
           {"quantity", 10},
           {"uptime", true},
           {"recipients",
            {{{"recipientType", "email"}}, {{"recipientType", "webhook"}, {"url", kWebhook}}}}}};
    }
  }
  return seed;
}

TEST_P(ImportTest, MonitorsAlertsAndKeysRoundTripWithoutTheWebhookUrl) {
  const bool ninja = GetParam() == emulator::Flavour::ninja;
  workspace_.start_emulator(monitors_alerts_keys_seed(), GetParam());
  const CliResult imported = import();
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  EXPECT_THAT(imported.out, HasSubstr(", 2 monitors, 1 alert, 5 keys ("));

  EXPECT_EQ(file("monitors/nasa/apollo-api.yaml"),
            "# yaml-language-server: $schema=../../.schemas/monitor.schema.json\n"
            "kind: Monitor\nname: Apollo API\norganization: NASA\nproject: apollo-11-spacecraft\n"
            "type: GET\nurl: \"https://apollo.example.com/health\"\ninterval: 120\n"
            "expectedStatus: 204\nexpectedBody: ok\n" +
                std::string(ninja ? "timeout: 15\n" : ""));
  EXPECT_EQ(file("monitors/nasa/nightly-job.yaml"),
            "# yaml-language-server: $schema=../../.schemas/monitor.schema.json\n"
            "kind: Monitor\nname: nightly-job\norganization: NASA\ntype: Heartbeat\n"
            "interval: 60\n");
  const std::string variable = "GLITCHTIP_ALERT_NASA_APOLLO_11_SPACECRAFT_ERROR_BURST_1";
  EXPECT_THAT(file("projects/nasa/apollo-11-spacecraft.yaml"),
              EndsWith("alerts:\n  - name: error-burst\n    quantity: 10\n    timespanMinutes: 5\n"
                       "    uptime: true\n    recipients:\n      - {type: email}\n"
                       "      - {type: webhook, url: {env: " +
                       variable + "}}\nkeys:\n  - {label: \"\"}\n  - {label: backend" +
                       (ninja ? ", rateLimit: {window: 60, count: 1000}" : "") + "}\n"));
  // No live alerts: no `alerts:` key, so that project's alerts stay left alone.
  EXPECT_THAT(file("projects/nasa/apollo-11-flight-control.yaml"), Not(HasSubstr("alerts:")));
  EXPECT_THAT(file("projects/nasa/apollo-11-flight-control.yaml"),
              EndsWith("keys:\n  - {label: \"\"}\n"));
  // The variable to set is named with what plans show of the URL.
  EXPECT_THAT(imported.out,
              HasSubstr("  " + variable + "  webhook https://hooks.slack.example.com/… (sha256 "));
  EXPECT_THAT(imported.out, HasSubstr("of glitchtip-dev/nasa/project/apollo-11-spacecraft/alert/"
                                      "error-burst\n"));

  EXPECT_THAT(imported.all(), Not(HasSubstr("sekret-path")));
  EXPECT_FALSE(fs::exists(workspace_.dir() / "imported.secrets.env"));
  for (const std::string& relative : files_under(out())) {
    EXPECT_THAT(file(relative), Not(HasSubstr("sekret-path"))) << relative;
  }
  // Without the variable the plan fails naming it; with it, the round trip holds.
  const CliResult unset = workspace_.run({"plan", "-d", "imported"});
  EXPECT_EQ(unset.exit_code, 1) << unset.all();
  EXPECT_THAT(unset.err, HasSubstr(variable));
  expect_round_trip({{variable, kWebhook}});
  for (const fs::path& written :
       {workspace_.dir() / "plan.json", workspace_.dir() / "glitchtip-gitops.snapshot.json"}) {
    EXPECT_THAT(workspace_.read_file(written), Not(HasSubstr("sekret-path"))) << written;
  }
}

TEST_P(ImportTest, NoRolesWritesInlineAccessAndStillRoundTrips) {
  workspace_.start_emulator(CliWorkspace::example_live_seed(), GetParam());
  const CliResult imported = import({"--no-roles", "--mail-domain", "nasa.com"});
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  EXPECT_FALSE(fs::exists(out() / "roles"));
  EXPECT_THAT(file("instance.yaml"), HasSubstr("mailDomain: nasa.com\n"));
  EXPECT_THAT(file("users/globalflightdirector.yaml"),
              HasSubstr("username: globalflightdirector\naccess:\n  organizations:\n"
                        "    - {name: ESA, role: owner}\n    - {name: NASA, role: owner}\n"
                        "  teams:\n    - {organization: ESA, name: esa-flight-control}\n"));
  expect_round_trip();
}

TEST_P(ImportTest, GeneratedInstanceRoundTrips) {
  const fs::path generated = workspace_.dir() / "generated";
  const RunResult generate =
      run_binary({.binary = "python3",
                  .arguments = {std::string(GG_SOURCE_DIR) + "/tests/bench/generate.py",
                                generated.string(), "--organizations", "2", "--teams", "4",
                                "--projects", "6", "--members", "25"}});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  workspace_.start_emulator(nlohmann::json::parse(workspace_.read_file(generated / "seed.json")),
                            GetParam());
  const CliResult imported = workspace_.run(
      {"import", "--url", workspace_.emulator().base_url(), "--token-env", "GLITCHTIP_DEV_TOKEN",
       "--automation-user", "bot@bench.example", "--instance", "bench", "--out", "imported"});
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  EXPECT_THAT(imported.out, HasSubstr("2 organizations, 8 teams, 12 projects, 50 users"));
  expect_round_trip();
}

TEST_P(ImportTest, AnOrganizationTheTokenCannotReadIsAClearErrorAndWritesNothing) {
  workspace_.start_emulator(identity_seed(), GetParam());
  const CliResult imported = import({"--organization", "nasa", "--organization", "roscosmos"});
  EXPECT_EQ(imported.exit_code, 1) << imported.all();
  EXPECT_THAT(imported.err, HasSubstr("--organization roscosmos"));
  EXPECT_THAT(imported.err, HasSubstr("can read"));
  EXPECT_THAT(imported.err, HasSubstr("Nothing was written."));
  EXPECT_FALSE(fs::exists(out()));
}

TEST_P(ImportTest, NamedOrganizationsOnly) {
  workspace_.start_emulator(identity_seed(), GetParam());
  const CliResult imported = import({"--organization", "esa", "--log-level", "debug"});
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  // It reads a token, so it runs non-dumpable like plan and apply.
  EXPECT_THAT(imported.err, HasSubstr("process memory closed: not dumpable"));
  EXPECT_TRUE(fs::exists(out() / "organizations/esa.yaml"));
  EXPECT_FALSE(fs::exists(out() / "organizations/nasa.yaml"));
  EXPECT_FALSE(fs::exists(out() / "users/neilarmstrong.yaml"));
}

TEST_P(ImportTest, ANonEmptyDirectoryIsRefusedUnlessForced) {
  workspace_.start_emulator(CliWorkspace::example_live_seed(), GetParam());
  fs::create_directories(out() / "users");
  workspace_.write_definition("../imported/README.md", "ours\n");
  workspace_.write_definition("../imported/users/stale.yaml", "kind: User\nemail: old@nasa.com\n");
  const CliResult refused = import();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("not empty"));
  EXPECT_THAT(refused.err, HasSubstr("--force"));
  EXPECT_EQ(files_under(out()), (std::set<std::string>{"README.md", "users/stale.yaml"}));
  EXPECT_TRUE(workspace_.emulator().requests().empty());  // refused before reading GlitchTip

  const CliResult forced = import({"--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.all();
  EXPECT_EQ(file("README.md"), "ours\n");                // not import's: kept
  EXPECT_FALSE(fs::exists(out() / "users/stale.yaml"));  // import's users/: replaced
  EXPECT_TRUE(fs::exists(out() / "users/neilarmstrong.yaml"));
  for (const auto& entry : fs::directory_iterator(workspace_.dir())) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr(".import")));  // no leftovers
  }
}

TEST_P(ImportTest, EmulatorSeedCopiesTheLiveStateWithoutItsToken) {
  nlohmann::json seed = identity_seed();
  const std::string real_token = emulator::test_token("the production token");
  seed["users"][0]["test_token"] = real_token;
  workspace_.start_emulator(seed, GetParam());
  const CliResult imported = workspace_.run(
      {"import", "--url", workspace_.emulator().base_url(), "--token-env", "PROD_TOKEN",
       "--automation-user", kAutomation, "--instance", "glitchtip-prod", "--out", "imported",
       "--organization", "nasa", "--organization", "jpl", "--emulator-seed", "seed.json"},
      {{"PROD_TOKEN", real_token}});
  ASSERT_EQ(imported.exit_code, 0) << imported.all();
  const std::string seed_text = workspace_.read_file(workspace_.dir() / "seed.json");
  EXPECT_THAT(seed_text, Not(HasSubstr(real_token)));
  EXPECT_THAT(seed_text, HasSubstr(emulator::test_token("glitchtip-prod")));
  EXPECT_THAT(imported.all(), Not(HasSubstr(real_token)));
  for (const std::string& relative : files_under(out())) {
    EXPECT_THAT(file(relative), Not(HasSubstr(real_token))) << relative;
  }

  // The copy is faithful: imported again, it gives the same definitions.
  emulator::Options options;
  options.flavour = GetParam();
  emulator::Emulator copy(options);
  ASSERT_TRUE(copy.seed(nlohmann::json::parse(seed_text)).ok());
  ASSERT_TRUE(copy.start().ok());
  const CliResult again = workspace_.run(
      {"import", "--url", workspace_.emulator().base_url(), "--token-env", "COPY_TOKEN",
       "--automation-user", kAutomation, "--instance", "glitchtip-prod", "--out", "again",
       "--organization", "nasa", "--organization", "jpl"},
      {{"COPY_TOKEN", real_token}});
  ASSERT_EQ(again.exit_code, 0) << again.all();
  const CliResult from_copy = workspace_.run(
      {"import", "--url", copy.base_url(), "--token-env", "COPY_TOKEN", "--automation-user",
       kAutomation, "--instance", "glitchtip-prod", "--out", "from-copy"},
      {{"COPY_TOKEN", emulator::test_token("glitchtip-prod")}});
  ASSERT_EQ(from_copy.exit_code, 0) << from_copy.all();
  const fs::path original = workspace_.dir() / "again", copied = workspace_.dir() / "from-copy";
  ASSERT_EQ(files_under(original), files_under(copied));
  for (const std::string& relative : files_under(original)) {
    if (relative == "instance.yaml") continue;  // the URLs differ
    EXPECT_EQ(workspace_.read_file(original / relative), workspace_.read_file(copied / relative))
        << relative;
  }
  copy.stop();
}

TEST_P(ImportTest, TheTokenIsNeverTakenFromTheCommandLine) {
  workspace_.start_emulator(CliWorkspace::example_live_seed(), GetParam());
  const CliResult imported = workspace_.run(
      {"import", "--url", workspace_.emulator().base_url(), "--token-env", example_token(),
       "--automation-user", kAutomation, "--instance", "glitchtip-dev", "--out", "imported"});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_THAT(imported.err, HasSubstr("the token itself never goes on the command line"));
  EXPECT_THAT(imported.all(), Not(HasSubstr(example_token())));
  const CliResult unset = workspace_.run(
      {"import", "--url", workspace_.emulator().base_url(), "--token-env", "NOT_SET_TOKEN",
       "--automation-user", kAutomation, "--instance", "glitchtip-dev", "--out", "imported"});
  EXPECT_EQ(unset.exit_code, 1);
  EXPECT_THAT(unset.err, HasSubstr("NOT_SET_TOKEN is not set"));
  EXPECT_FALSE(fs::exists(out()));
}

TEST_P(ImportTest, AWrongAutomationUserIsRefused) {
  workspace_.start_emulator(CliWorkspace::example_live_seed(), GetParam());
  const CliResult imported =
      workspace_.run({"import", "--url", workspace_.emulator().base_url(), "--token-env",
                      "GLITCHTIP_DEV_TOKEN", "--automation-user", "someone@nasa.com", "--instance",
                      "glitchtip-dev", "--out", "imported"});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_THAT(imported.err, HasSubstr("someone@nasa.com is not a member of this organization"));
  EXPECT_FALSE(fs::exists(out()));
}

INSTANTIATE_TEST_SUITE_P(Flavours, ImportTest,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

}  // namespace
}  // namespace gg::testing
