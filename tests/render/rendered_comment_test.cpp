// The plan comment and the diagrams rendered where users see them: the Markdown of real
// plans (made by the built binary against the emulator) through cmark-gfm, GitHub's own
// renderer, and every Mermaid block, and `graph`'s output, through the real Mermaid library
// in headless Chromium. tests/render/check_rendering.mjs does the rendering and the checks
// in one browser session; this test makes the inputs, its manifest, and runs it. Missing
// tools are a failure that says how to install them, never a skip.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "planner/address.hpp"
#include "planner/render_markdown.hpp"
#include "tests/cli/scenarios.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_binary.hpp"

namespace gg::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kOut = fs::path(GG_BINARY_DIR) / "tests/render/out";
const fs::path kNodeModules = fs::path(GG_SOURCE_DIR) / "build-deps/node/node_modules";

// Names no diagram or comment may break on: markup, Mermaid syntax, entity codes, Unicode.
const std::string kHostileA = "<img src=x onerror=alert(1)> \"q\" [b] {c} #35; `t`";
const std::string kHostileB =
    "--> x; %% y & &amp; | \u00dcn\u00efc\u00f8d\u00e9 \U0001F680 <svg onload=alert(1)> @all";

std::string write_text(const std::string& name, const std::string& text) {
  const fs::path path = kOut / name;
  write_file(path, text);
  return path.string();
}

// The organizations a plan has a details section (and a diagram) for.
int organizations_with_changes(const nlohmann::json& plan) {
  std::set<std::string> organizations;
  for (const char* list : {"actions", "adoptions"}) {
    for (const nlohmann::json& item : plan.at(list)) {
      organizations.insert(item.at("instance").get<std::string>() + "/" +
                           item.at("organization").get<std::string>());
    }
  }
  return static_cast<int>(organizations.size());
}

// One comment to check: the Markdown `plan` printed for the plan file it wrote.
nlohmann::json comment_item(const std::string& name, const CliWorkspace& workspace,
                            const CliResult& markdown, std::vector<std::string> texts = {}) {
  EXPECT_EQ(markdown.exit_code, 0) << markdown.all();
  const nlohmann::json plan = read_json(workspace, "plan.json");
  const int organizations = organizations_with_changes(plan);
  return {{"name", name},
          {"markdown", write_text(name + ".md", markdown.out)},
          {"marker", plan.at("plan_sha256")},
          {"table", true},
          {"details", organizations},
          {"diagrams", organizations},
          {"texts", texts}};
}

CliResult plan_markdown(CliWorkspace& workspace, std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments = {"plan",      "-d",       "definitions", "--out",
                                        "plan.json", "--format", "markdown"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return workspace.run(arguments);
}

nlohmann::json everything_created() {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  return comment_item("everything-created", workspace, plan_markdown(workspace));
}

nlohmann::json offboarding() {
  CliWorkspace workspace;
  EXPECT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  return comment_item("offboarding", workspace, plan_markdown(workspace));
}

nlohmann::json organization_deleted() {
  CliWorkspace workspace;
  EXPECT_TRUE(manage_example(workspace));
  remove_esa(workspace);
  return comment_item("organization-deleted", workspace,
                      plan_markdown(workspace, {"--allow-delete-organizations"}));
}

std::string user_yaml(const std::string& email) {
  return "kind: User\nemail: " + email + "\nroles: [nasa-pilots]\n";
}

// 300 users join NASA's pilots, are applied, then leave: 300 deletions, each with its
// team membership, well past what fits in one GitHub comment.
nlohmann::json three_hundred_deletions() {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  for (int i = 0; i < 300; ++i) {
    workspace.write_definition("users/extra-" + std::to_string(i) + ".yaml",
                               user_yaml("pilot" + std::to_string(i) + "@nasa.com"));
  }
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "create.json"});
  EXPECT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "create.json"});
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  for (int i = 0; i < 300; ++i) {
    workspace.remove_definition("users/extra-" + std::to_string(i) + ".yaml");
  }
  return comment_item("three-hundred-deletions", workspace,
                      plan_markdown(workspace, {"--max-deletes", "1000"}));
}

// Two organizations with hostile names, each with a team, a project and a member.
void write_hostile_definitions(CliWorkspace& workspace) {
  int n = 0;
  for (const std::string& name : {kHostileA, kHostileB}) {
    const std::string quoted = nlohmann::json(name).dump();  // a JSON string is YAML too
    const std::string team = "hostile-team-" + std::to_string(++n);
    workspace.write_definition(
        "organizations/hostile-" + std::to_string(n) + ".yaml",
        "kind: Organization\nname: " + quoted + "\ninstance: glitchtip-dev\n");
    workspace.write_definition("teams/" + team + ".yaml",
                               "kind: Team\nname: " + team + "\norganization: " + quoted + "\n");
    workspace.write_definition("projects/" + team + ".yaml",
                               "kind: Project\nname: " + nlohmann::json(name + " app").dump() +
                                   "\norganization: " + quoted + "\nteams: [" + team + "]\n");
    workspace.write_definition(
        "roles/" + team + ".yaml",
        "kind: Role\nname: " + team + "\norganizations:\n  - {name: " + quoted +
            ", role: member}\nteams:\n  - {organization: " + quoted + ", name: " + team + "}\n");
    workspace.write_definition(
        "users/" + team + ".yaml",
        "kind: User\nemail: h" + std::to_string(n) + "@nasa.com\nroles: [" + team + "]\n");
  }
}

nlohmann::json hostile_definitions(nlohmann::json& graph_item) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  write_hostile_definitions(workspace);
  const CliResult graph = workspace.run({"graph", "-d", "definitions"});
  EXPECT_EQ(graph.exit_code, 0) << graph.all();
  graph_item = {{"name", "graph-hostile"}, {"mermaid", write_text("graph-hostile.mmd", graph.out)}};
  return comment_item("hostile-names", workspace, plan_markdown(workspace), {kHostileA, kHostileB});
}

// What GlitchTip itself could hand back: a team slug and an e-mail made to break out of a
// label, in a plan rendered by render_markdown directly.
nlohmann::json hostile_live_objects() {
  const std::string slug = "t\"]-->x[(\"#quot;`<iframe>%%\nclick o";
  const std::string email = "a\"b<script>alert(1)</script>@x.com";
  Plan plan;
  plan.plan_sha256 = std::string(64, 'a');
  plan.tool_version = "test";
  plan.created_at = "2026-01-01T00:00:00Z";
  Action remove;
  remove.id = 1;
  remove.type = ActionType::delete_team;
  remove.address = Address::of_team("glitchtip-dev", "NASA", slug).to_string();
  remove.instance = "glitchtip-dev";
  remove.organization = "NASA";
  remove.team = slug;
  remove.before = {{"slug", slug}};
  remove.consequences = {Address::of_team_member("glitchtip-dev", "NASA", slug, email).to_string()};
  plan.actions.push_back(remove);
  plan.summary.destroy = 1;
  return {{"name", "hostile-live-objects"},
          {"markdown", write_text("hostile-live-objects.md", render_markdown(plan))},
          {"marker", plan.plan_sha256},
          {"table", true},
          {"details", 1},
          {"diagrams", 1},
          {"texts", {"<iframe>", "<script>alert(1)</script>"}}};
}

std::string missing_tools() {
  std::string missing;
  const auto on_path = [](const std::string& tool) { return !find_on_path(tool).empty(); };
  if (!on_path("cmark-gfm")) missing += " cmark-gfm (Debian package cmark-gfm);";
  if (!on_path("node")) missing += " node (Debian packages nodejs npm);";
  if (!fs::exists("/usr/bin/chromium")) missing += " /usr/bin/chromium (Debian package chromium);";
  for (const char* package : {"mermaid", "puppeteer-core"}) {
    if (!fs::exists(kNodeModules / package)) {
      missing += " " + (kNodeModules / package).string() + " (npm);";
    }
  }
  return missing;
}

struct CheckerRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CheckerRun run_checker(const fs::path& manifest) {
  Command command{.binary = "node",
                  .arguments = {"tests/render/check_rendering.mjs", manifest.string()}};
  command.merge_stderr = true;
  const RunResult run = run_binary(command);
  return {run.exit_code, run.out};
}

TEST(RenderedComment, PlansAndGraphsRenderInCmarkGfmAndMermaidInChromium) {
  const std::string missing = missing_tools();
  ASSERT_TRUE(missing.empty()) << "cannot check rendering, missing:" << missing
                               << " Run: bash tests/install-deps.sh (as root)";
  fs::remove_all(kOut);
  fs::create_directories(kOut);

  nlohmann::json graph_hostile;
  nlohmann::json items = nlohmann::json::array(
      {everything_created(), offboarding(), organization_deleted(), three_hundred_deletions(),
       hostile_definitions(graph_hostile), hostile_live_objects(), graph_hostile});
  {
    CliWorkspace workspace;
    workspace.start_emulator(CliWorkspace::empty_seed());
    workspace.use_example_definitions();
    for (const char* format : {"mermaid", "dot"}) {
      const CliResult graph = workspace.run({"graph", "-d", "definitions", "--format", format});
      ASSERT_EQ(graph.exit_code, 0) << graph.all();
      if (std::string(format) == "mermaid") {
        items.push_back(
            {{"name", "graph-example"}, {"mermaid", write_text("graph-example.mmd", graph.out)}});
      }
    }
  }
  const fs::path manifest = kOut / "manifest.json";
  std::ofstream(manifest) << nlohmann::json{
      {"node_modules", kNodeModules.string()},
      {"chromium", "/usr/bin/chromium"},
      {"items", items}}.dump(2);
  const CheckerRun run = run_checker(manifest);
  std::cerr << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
  for (const nlohmann::json& item : items) {
    EXPECT_TRUE(fs::exists(kOut / (item.at("name").get<std::string>() + ".png")))
        << item.at("name");
  }
}

}  // namespace
}  // namespace gg::testing
