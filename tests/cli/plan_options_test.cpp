// `plan` and `show` options end to end on the space-agencies cast: --offline, the guards,
// --target and --instance, --detailed-exitcode, the three formats, and the plan file's
// promises (schema, plan_sha256, determinism, no token anywhere).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/plan_file.hpp"
#include "tests/cli/scenarios.hpp"

namespace gg::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kClosedPort = "http://127.0.0.1:1";

void point_instance_at(CliWorkspace& workspace, const std::string& url) {
  std::string text = workspace.read_file(workspace.definitions() / "instance.yaml");
  text = std::regex_replace(text, std::regex("url: .*"), "url: " + url);
  workspace.write_definition("instance.yaml", text);
}

TEST(PlanOptions, OfflineNeedsNoTokenAndOpensNoSocket) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  point_instance_at(workspace, kClosedPort);
  const std::map<std::string, std::string> no_token = {{"GLITCHTIP_DEV_TOKEN", ""}};

  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--offline", "--out", "plan.json"}, no_token);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 0 to change, 1 to destroy.");
  EXPECT_THAT(plan.out, HasSubstr("mode offline"));
  EXPECT_EQ(read_json(workspace, "plan.json").at("mode"), "offline");
  EXPECT_TRUE(workspace.emulator().requests().empty());

  const CliResult online = workspace.run({"plan", "-d", "definitions"}, no_token);
  EXPECT_EQ(online.exit_code, 1) << online.all();
  EXPECT_THAT(online.err, HasSubstr("GLITCHTIP_DEV_TOKEN"));
  EXPECT_TRUE(workspace.emulator().requests().empty());
}

TEST(PlanOptions, MaxDeletesRefusesAPlanWithMoreDeletions) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  const CliResult refused =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--max-deletes", "0"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("--max-deletes 1"));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));

  const CliResult passed =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--max-deletes", "1"});
  ASSERT_EQ(passed.exit_code, 0) << passed.all();
  EXPECT_THAT(passed.out, HasSubstr("Guard passed: max_deletes"));
}

TEST(PlanOptions, MaxDeletesCountsWhatAnOrganizationDeletionTakesWithIt) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  remove_esa(workspace);
  const CliResult refused = workspace.run({"plan", "-d", "definitions", "--out", "plan.json",
                                           "--allow-delete-organizations", "--max-deletes", "5"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  // ESA holds 4 members, 2 teams, 2 projects and their 2 alerts besides the automation user,
  // and each project the key GlitchTip made with it (a key's deletion always counts).
  EXPECT_THAT(refused.err, HasSubstr("the plan would make 13 deletions (1 planned, 12 objects "
                                     "deleted with them), limit 5: glitchtip-dev/ESA takes 12 "
                                     "with it"));
  EXPECT_THAT(refused.err, HasSubstr("--max-deletes 13"));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));

  const CliResult passed = workspace.run({"plan", "-d", "definitions", "--out", "plan.json",
                                          "--allow-delete-organizations", "--max-deletes", "13"});
  ASSERT_EQ(passed.exit_code, 0) << passed.all();
  EXPECT_THAT(passed.out, HasSubstr("Guard passed: max_deletes (13 deletions (1 planned, 12 "
                                    "objects deleted with them), limit 13)"));
}

TEST(PlanOptions, ATargetThatNamesNothingIsAnErrorWithADidYouMean) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult typo = workspace.run({"plan", "-d", "definitions", "--out", "plan.json",
                                        "--target", "glitchtip-dev/NASA/team/nasa-pilot"});
  EXPECT_EQ(typo.exit_code, 1) << typo.all();
  EXPECT_THAT(typo.err, HasSubstr("--target glitchtip-dev/NASA/team/nasa-pilot: no object in the "
                                  "definitions, the snapshot or GlitchTip has this address"));
  EXPECT_THAT(typo.err, HasSubstr("did you mean glitchtip-dev/NASA/team/nasa-pilots?"));
  EXPECT_THAT(typo.all(), Not(HasSubstr("No changes")));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));
}

TEST(PlanOptions, AnInstanceWithoutOrganizationsIsRefusedUnlessAllowEmpty) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const std::string instance = workspace.read_file(workspace.definitions() / "instance.yaml");
  std::filesystem::remove_all(workspace.definitions());
  workspace.write_definition("instance.yaml", instance);

  const CliResult refused = workspace.run({"plan", "-d", "definitions"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("the definitions declare no organization in glitchtip-dev"));
  EXPECT_THAT(refused.err, HasSubstr("--allow-empty"));

  const CliResult allowed =
      workspace.run({"plan", "-d", "definitions", "--allow-empty", "--allow-delete-organizations"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.all();
  EXPECT_EQ(last_line(allowed.out), "Plan: 0 to add, 0 to change, 2 to destroy.");
  EXPECT_THAT(allowed.out, HasSubstr("Guard passed: allow_empty"));
}

TEST(PlanOptions, TargetPlansOnlyThatObjectAndSaysSo) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  promote_neil_armstrong(workspace);
  const std::string neil = "glitchtip-dev/NASA/member/neilarmstrong@nasa.com";
  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--target", neil});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("\nWarning: Targeting is in effect.\n"));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  EXPECT_THAT(action_fields(document, "address"), ElementsAre(neil));
  EXPECT_EQ(document.at("targets"), nlohmann::json::array({neil}));

  const CliResult organization = workspace.run(
      {"plan", "-d", "definitions", "--target", "glitchtip-dev/ESA", "--detailed-exitcode"});
  EXPECT_EQ(organization.exit_code, 0) << organization.all();
}

TEST(PlanOptions, InstanceLimitsThePlanToTheNamedInstances) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  // A second instance that is unreachable: planning only glitchtip-dev must not read it.
  workspace.write_definition("moon/instance.yaml",
                             "kind: Instance\n"
                             "name: glitchtip-moon\n"
                             "url: " +
                                 std::string(kClosedPort) +
                                 "\n"
                                 "token: {env: GLITCHTIP_MOON_TOKEN}\n"
                                 "automationUserEmail: bot@moon.example\n");
  workspace.write_definition("moon/organization.yaml",
                             "kind: Organization\nname: Lunar Base\ninstance: glitchtip-moon\n");
  promote_neil_armstrong(workspace);

  const CliResult plan = workspace.run(
      {"plan", "-d", "definitions", "--out", "plan.json", "--instance", "glitchtip-dev"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("\nWarning: Targeting is in effect.\n"));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  ASSERT_EQ(document.at("instances").size(), 1u);
  EXPECT_EQ(document.at("instances").at(0).at("name"), "glitchtip-dev");

  const CliResult unknown =
      workspace.run({"plan", "-d", "definitions", "--instance", "glitchtip-mars"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.all();
  EXPECT_THAT(unknown.err, HasSubstr("glitchtip-mars"));

  const CliResult everything = workspace.run({"plan", "-d", "definitions"});
  EXPECT_EQ(everything.exit_code, 1) << everything.all();
  EXPECT_THAT(everything.err, HasSubstr("glitchtip-moon"));
}

TEST(PlanOptions, DetailedExitcodeIsZeroOneOrTwo) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  EXPECT_EQ(workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"}).exit_code, 0);
  promote_neil_armstrong(workspace);
  EXPECT_EQ(workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"}).exit_code, 2);
  EXPECT_EQ(workspace.run({"plan", "-d", "definitions"}).exit_code, 0);
  workspace.write_definition("broken.yaml", "kind: Team\nname: [\n");
  const CliResult broken = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(broken.exit_code, 1) << broken.all();
  EXPECT_THAT(broken.err, HasSubstr("broken.yaml"));
}

// Every format of one plan: plan prints it, show prints the same bytes again.
TEST(PlanOptions, ShowPrintsExactlyWhatPlanPrintedInEveryFormat) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  promote_neil_armstrong(workspace);
  std::vector<std::string> outputs;
  for (const std::string format : {"text", "markdown", "json"}) {
    const std::string file = "plan-" + format + ".json";
    const CliResult plan =
        workspace.run({"plan", "-d", "definitions", "--out", file, "--format", format});
    ASSERT_EQ(plan.exit_code, 0) << plan.all();
    const CliResult show = workspace.run({"show", file, "--format", format});
    ASSERT_EQ(show.exit_code, 0) << show.all();
    EXPECT_EQ(show.out, plan.out) << format;
    outputs.insert(outputs.end(), {plan.all(), show.all(), workspace.read_file(file)});
    if (format == "json") {
      EXPECT_EQ(plan.out, workspace.read_file(file)) << "--format json prints the plan file";
    }
  }
  outputs.push_back(workspace.read_file(workspace.snapshot()));
  expect_no_token(outputs);
}

TEST(PlanOptions, MarkdownHasTheMarkerTheSummaryAndTheDestructiveSection) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--format", "markdown"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const std::string sha256 = read_json(workspace, "plan.json").at("plan_sha256");
  EXPECT_THAT(plan.out, StartsWith("<!-- glitchtip-gitops plan " + sha256 + " -->\n"));
  EXPECT_THAT(plan.out, HasSubstr("**Plan: 0 to add, 0 to change, 1 to destroy.**"));
  const size_t destructive = plan.out.find("#### Destructive changes");
  ASSERT_NE(destructive, std::string::npos) << plan.out;
  const size_t deletion = plan.out.find("**destroy** member michaelcollins@nasa.com", destructive);
  ASSERT_NE(deletion, std::string::npos) << plan.out;
  EXPECT_LT(deletion, plan.out.find("<details>"));
}

TEST(PlanOptions, PlanFileValidatesAndItsDigestCoversEveryByteButTheTimeAndCommit) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  promote_neil_armstrong(workspace);
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "a.json"}).exit_code, 0);
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "b.json"}).exit_code, 0);
  const std::string a = workspace.read_file("a.json");
  const std::string b = workspace.read_file("b.json");
  ASSERT_TRUE(read_plan(a, "a.json").ok());

  const std::regex time(R"("created_at": "[^"]*")");
  EXPECT_EQ(std::regex_replace(a, time, "T"), std::regex_replace(b, time, "T"))
      << "the same inputs must give the same plan apart from created_at";

  const nlohmann::json original = nlohmann::json::parse(a);
  nlohmann::json later = original;
  later["created_at"] = "2099-01-01T00:00:00Z";
  EXPECT_TRUE(read_plan(later.dump(2), "later.json").ok()) << "created_at is not in the digest";
  nlohmann::json elsewhere = original;
  elsewhere["inputs"]["git_commit"] = "abc";
  EXPECT_TRUE(read_plan(elsewhere.dump(2), "elsewhere.json").ok())
      << "inputs.git_commit is not in the digest";

  const std::vector<std::pair<std::string, std::function<void(nlohmann::json&)>>> edits = {
      {"an action's role", [](nlohmann::json& p) { p["actions"][0]["after"]["role"] = "owner"; }},
      {"a consequence",
       [](nlohmann::json& p) { p["actions"][1]["consequences"] = nlohmann::json::array(); }},
      {"the base serial", [](nlohmann::json& p) { p["base"]["serial"] = 99; }},
      {"the definitions' digest",
       [](nlohmann::json& p) { p["inputs"]["definitions_sha256"] = std::string(64, '0'); }},
      {"a guard", [](nlohmann::json& p) { p["guards"][0]["detail"] = "x"; }},
      {"the URL", [](nlohmann::json& p) { p["instances"][0]["url"] = "http://evil"; }},
      {"a precondition",
       [](nlohmann::json& p) {
         p["actions"][1]["precondition"] = "sha256:" + std::string(64, '0');
       }},
  };
  for (const auto& [what, edit] : edits) {
    nlohmann::json edited = original;
    edit(edited);
    const Result<Plan> read = read_plan(edited.dump(2), "edited.json");
    EXPECT_FALSE(read.ok()) << "editing " << what << " was not detected";
  }

  ASSERT_EQ(
      workspace.run({"plan", "-d", "definitions", "--out", "c.json", "--commit", "abc"}).exit_code,
      0);
  EXPECT_EQ(read_json(workspace, "c.json").at("plan_sha256"), original.at("plan_sha256"));
  EXPECT_EQ(read_json(workspace, "c.json").at("inputs").at("git_commit"), "abc");

  std::string flipped = a;
  const size_t reason = flipped.find("\"not declared");
  ASSERT_NE(reason, std::string::npos) << a;
  flipped[reason + 1] = 'N';
  std::ofstream(workspace.dir() / "edited.json") << flipped;
  const CliResult refused = workspace.run({"show", "edited.json"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("edited.json"));
  EXPECT_TRUE(refused.out.empty()) << refused.out;
}

}  // namespace
}  // namespace gg::testing

namespace gg::testing {
namespace {

TEST(PlanOptions, NoDiagramLeavesTheMermaidBlockOutOfPlanAndShow) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  const CliResult with =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--format", "markdown"});
  ASSERT_EQ(with.exit_code, 0) << with.all();
  EXPECT_THAT(with.out, HasSubstr("```mermaid\nflowchart LR\n"));
  const CliResult without =
      workspace.run({"plan", "-d", "definitions", "--format", "markdown", "--no-diagram"});
  ASSERT_EQ(without.exit_code, 0) << without.all();
  EXPECT_THAT(without.out, Not(HasSubstr("mermaid")));
  const CliResult shown =
      workspace.run({"show", "plan.json", "--format", "markdown", "--no-diagram"});
  ASSERT_EQ(shown.exit_code, 0) << shown.all();
  EXPECT_THAT(shown.out, Not(HasSubstr("mermaid")));
  EXPECT_THAT(shown.out, HasSubstr("<details>"));
}

TEST(GraphCommand, DrawsTheDefinitionsWithoutATokenAndNamesAnUnknownOrganization) {
  CliWorkspace workspace;
  workspace.use_example_definitions();
  const std::map<std::string, std::string> no_token = {{"GLITCHTIP_DEV_TOKEN", ""}};
  const CliResult mermaid =
      workspace.run({"graph", "-d", "definitions", "--organization", "ESA"}, no_token);
  ASSERT_EQ(mermaid.exit_code, 0) << mermaid.all();
  EXPECT_THAT(mermaid.out, StartsWith("flowchart LR\n"));
  EXPECT_THAT(mermaid.out, HasSubstr("[\"organization ESA\"]:::organization"));
  EXPECT_THAT(mermaid.out, Not(HasSubstr("organization NASA")));
  const CliResult dot = workspace.run({"graph", "-d", "definitions", "--format", "dot"}, no_token);
  ASSERT_EQ(dot.exit_code, 0) << dot.all();
  EXPECT_THAT(dot.out, StartsWith("digraph definitions {\n"));
  const CliResult unknown =
      workspace.run({"graph", "-d", "definitions", "--organization", "CNSA"}, no_token);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("--organization CNSA: no instance in the definitions"));
}

}  // namespace
}  // namespace gg::testing
