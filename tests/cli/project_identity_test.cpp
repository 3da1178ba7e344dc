// A created object ends with the identity its definition declares, or apply says it did
// not, end to end against the emulator: a pinned project slug on both API generations, a
// server that answers another slug, and the replace guard for a rename without `slug:`.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/fault_rules.hpp"
#include "tests/cli/scenarios.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kGemini =
    "kind: Project\n"
    "name: Gemini\n"
    "organization: NASA\n"
    "platform: python\n"
    "teams: [nasa-pilots]\n";

std::vector<std::string> project_slugs(const nlohmann::json& state, const std::string& org) {
  std::vector<std::string> slugs;
  for (const nlohmann::json& organization : state.at("organizations")) {
    if (organization.at("slug") != org) continue;
    for (const nlohmann::json& project : organization.at("projects")) {
      slugs.push_back(project.at("slug").get<std::string>());
    }
  }
  return slugs;
}

// The snapshot keeps organizations and projects keyed by slug.
std::vector<std::string> recorded_project_slugs(const CliWorkspace& workspace) {
  const nlohmann::json snapshot = read_json(workspace, workspace.snapshot().string());
  std::vector<std::string> slugs;
  for (const auto& [name, instance] : snapshot.at("instances").items()) {
    const nlohmann::json& organizations = instance.at("organizations");
    if (!organizations.contains("nasa")) continue;
    for (const auto& [slug, project] : organizations.at("nasa").at("projects").items()) {
      slugs.push_back(slug);
    }
  }
  return slugs;
}

// plan --out, apply; both must succeed.
void plan_and_apply(CliWorkspace& workspace, const std::vector<std::string>& flags = {}) {
  std::vector<std::string> arguments{"plan", "-d", "definitions", "--out", "plan.json"};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  const CliResult plan = workspace.run(arguments);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
}

void expect_no_changes(CliWorkspace& workspace) {
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_EQ(last_line(again.out), "No changes. GlitchTip matches the definitions.") << again.all();
}

TEST(ProjectIdentity, APinnedSlugOnTheNinjaApiIsSetByRenamingAfterTheCreate) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::ninja));
  workspace.write_definition("projects/gemini.yaml",
                             std::string(kGemini) + "slug: gemini-custom\n");
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace));

  EXPECT_THAT(project_slugs(workspace.emulator().dump(), "nasa"),
              ::testing::Contains("gemini-custom"));
  EXPECT_THAT(project_slugs(workspace.emulator().dump(), "nasa"),
              Not(::testing::Contains("gemini")));
  EXPECT_THAT(recorded_project_slugs(workspace), ::testing::Contains("gemini-custom"));
  bool renamed = false;
  for (const auto& request : workspace.emulator().requests()) {
    renamed =
        renamed || (request.method == "PUT" && request.path == "/api/0/projects/nasa/gemini/");
  }
  EXPECT_TRUE(renamed) << "the create ignores the slug; a PUT must set it";
  expect_no_changes(workspace);
}

TEST(ProjectIdentity, OnTheDrfApiOnlyGlitchTipsOwnSlugCanBePinned) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::drf));
  workspace.write_definition("projects/gemini.yaml",
                             std::string(kGemini) + "slug: gemini-custom\n");
  const CliResult refused = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("cannot change a project's slug"));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));

  workspace.write_definition("projects/gemini.yaml", std::string(kGemini) + "slug: gemini\n");
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace));
  EXPECT_THAT(recorded_project_slugs(workspace), ::testing::Contains("gemini"));
  expect_no_changes(workspace);
}

// A project named "New" is `new-1` on servers that reserve `new` (ninja, DRF 3.3 and later)
// and `new` on older ones (the DRF flavour emulates 2.0.5); either converges as declared.
TEST(ProjectIdentity, AProjectNamedNewConvergesUnderTheSlugItDeclares) {
  for (const auto& [flavour, slug] :
       {std::pair{emulator::Flavour::ninja, "new-1"}, std::pair{emulator::Flavour::drf, "new"}}) {
    CliWorkspace workspace;
    ASSERT_TRUE(manage_example(workspace, flavour));
    workspace.write_definition("projects/new.yaml",
                               "kind: Project\nname: New\norganization: "
                               "NASA\nteams: [nasa-pilots]\nslug: " +
                                   std::string(slug) + "\n");
    ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace));
    EXPECT_THAT(project_slugs(workspace.emulator().dump(), "nasa"), ::testing::Contains(slug));
    expect_no_changes(workspace);
  }
}

emulator::FaultRule renaming_creates(const std::string& path_regex) {
  return Fault::rename_created("-renamed").on("POST", path_regex);
}

TEST(ProjectIdentity, AProjectCreatedUnderAnotherSlugFailsTheApplyAndIsRecorded) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::drf));
  workspace.write_definition("projects/gemini.yaml", kGemini);
  workspace.emulator().add_fault(renaming_creates("/projects/$"));
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.all(), HasSubstr("GlitchTip created the project as \"gemini-renamed\", not as "
                                     "\"gemini\", the slug the plan declares"));
  EXPECT_THAT(apply.all(), Not(HasSubstr("Apply complete")));
  // Nothing orphaned: the project GlitchTip made is managed under its real slug.
  EXPECT_THAT(recorded_project_slugs(workspace), ::testing::Contains("gemini-renamed"));
  EXPECT_THAT(recorded_project_slugs(workspace), Not(::testing::Contains("gemini")));

  // The next plan would replace it: it says so, and refuses without --allow-replace.
  workspace.emulator().clear_faults();
  const CliResult next = workspace.run({"plan", "-d", "definitions"});
  EXPECT_EQ(next.exit_code, 1) << next.all();
  EXPECT_THAT(next.err, HasSubstr("pin `slug: gemini-renamed` to rename in place"));
}

TEST(ProjectIdentity, OnTheNinjaApiAnotherSlugIsRenamedToTheDeclaredOne) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::ninja));
  workspace.write_definition("projects/gemini.yaml", kGemini);
  workspace.emulator().add_fault(renaming_creates("/projects/$"));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace));
  EXPECT_THAT(project_slugs(workspace.emulator().dump(), "nasa"), ::testing::Contains("gemini"));
  EXPECT_THAT(recorded_project_slugs(workspace), ::testing::Contains("gemini"));
  workspace.emulator().clear_faults();
  expect_no_changes(workspace);
}

TEST(ProjectIdentity, ATeamCreatedUnderAnotherSlugFailsTheApply) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::ninja));
  workspace.write_definition("teams/nasa-backup-crew.yaml",
                             "kind: Team\nname: nasa-backup-crew\norganization: NASA\n");
  workspace.emulator().add_fault(renaming_creates("/organizations/[^/]+/teams/$"));
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.all(), HasSubstr("GlitchTip created the team as \"nasa-backup-crew-renamed\", "
                                     "not as \"nasa-backup-crew\""));
}

TEST(ProjectIdentity, ARenameWithoutSlugIsRefusedUnlessAllowReplace) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  std::string text =
      workspace.read_file(workspace.definitions() / "projects/apollo-11-flight-control.yaml");
  text = std::regex_replace(text, std::regex("name: Apollo 11 Flight Control"),
                            "name: Apollo Flight Control");
  workspace.write_definition("projects/apollo-11-flight-control.yaml", text);
  const std::string warning =
      "renaming without `slug:` replaces the project: its events are deleted; pin `slug: "
      "apollo-11-flight-control` to rename in place";

  const CliResult refused = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr(warning));
  EXPECT_THAT(refused.err, HasSubstr("--allow-replace"));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));

  const CliResult allowed =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--allow-replace"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.all();
  EXPECT_THAT(allowed.out, HasSubstr("- project apollo-11-flight-control"));
  EXPECT_THAT(allowed.out, HasSubstr("+ project apollo-flight-control"));
  EXPECT_THAT(allowed.out, HasSubstr("\n        warning: " + warning));
  // As docs/plan-format.md shows it: the warning under both actions.
  EXPECT_THAT(allowed.out, HasSubstr("    + project apollo-flight-control: name \"Apollo Flight "
                                     "Control\", platform python, team nasa-flight-control\n"
                                     "        warning: "));
  EXPECT_THAT(allowed.out,
              HasSubstr("    - project apollo-11-flight-control\n"
                        "        also removes: team nasa-flight-control on project "
                        "apollo-11-flight-control\n"
                        "        also removes: alert error-burst of project "
                        "apollo-11-flight-control\n"
                        "        also removes: key \"\" of project apollo-11-flight-control\n"
                        "        warning: " +
                        warning + " (this plan also creates project apollo-flight-control)\n"));
  EXPECT_THAT(allowed.out,
              HasSubstr("        warning: " + warning +
                        " (this plan also deletes project apollo-11-flight-control)\n"));
  EXPECT_THAT(allowed.out, HasSubstr("Guard passed: allow_replace"));
  const nlohmann::json document = read_json(workspace, "plan.json");
  int warned = 0;
  for (const nlohmann::json& action : document.at("actions")) warned += action.contains("warning");
  EXPECT_EQ(warned, 2);
  const CliResult markdown = workspace.run({"show", "plan.json", "--format", "markdown"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.all();
  EXPECT_THAT(markdown.out, HasSubstr("**warning:** renaming without"));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  expect_no_changes(workspace);
}

TEST(ProjectIdentity, PinningTheOldSlugRenamesInPlace) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  std::string text =
      workspace.read_file(workspace.definitions() / "projects/apollo-11-flight-control.yaml");
  text = std::regex_replace(text, std::regex("name: Apollo 11 Flight Control"),
                            "name: Apollo Flight Control\nslug: apollo-11-flight-control");
  workspace.write_definition("projects/apollo-11-flight-control.yaml", text);
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  EXPECT_THAT(plan.out, Not(HasSubstr("warning")));
}

}  // namespace
}  // namespace gg::testing
