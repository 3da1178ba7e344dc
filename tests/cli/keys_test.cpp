// Project keys end to end against the emulator, on both API generations: keys created and
// adopted, the not-managed rule, a changed key planned as a replacement and guarded, drift,
// a stale plan refused, a lost answer to a create, and no DSN material in any plan, snapshot
// or log.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/fault_rules.hpp"
#include "tests/cli/scenarios.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kApollo =
    "kind: Project\n"
    "name: Apollo 11 Spacecraft\n"
    "organization: NASA\n"
    "platform: python\n"
    "teams: [nasa-pilots, nasa-flight-control]\n";

const char* const kFile = "projects/apollo-11-spacecraft.yaml";

class Keys : public ::testing::TestWithParam<emulator::Flavour> {};

// The emulator's keys of apollo-11-spacecraft: {id (hex), label, rateLimit}.
nlohmann::json live_keys(CliWorkspace& workspace) {
  const nlohmann::json dump = workspace.emulator().dump();
  for (const nlohmann::json& organization : dump.at("organizations")) {
    if (organization.at("slug") != "nasa") continue;
    for (const nlohmann::json& project : organization.at("projects")) {
      if (project.at("slug") == "apollo-11-spacecraft") return project.at("keys");
    }
  }
  return nlohmann::json::array();
}

std::vector<std::string> labels(const nlohmann::json& keys) {
  std::vector<std::string> out;
  for (const nlohmann::json& key : keys) out.push_back(key.at("label").get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

// No key's public part (hex or dashed) appears in `text`.
void expect_no_key_material(CliWorkspace& workspace, const std::string& text,
                            const std::string& what) {
  for (const nlohmann::json& key : live_keys(workspace)) {
    const std::string hex = key.at("id").get<std::string>();
    EXPECT_THAT(text, Not(HasSubstr(hex))) << what;
    EXPECT_THAT(text, Not(HasSubstr(hex.substr(0, 8) + "-"))) << what;
  }
}

CliResult plan_to(CliWorkspace& workspace, const std::string& out,
                  std::vector<std::string> flags = {}) {
  std::vector<std::string> arguments{"plan", "-d", "definitions", "--out", out};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  return workspace.run(arguments);
}

TEST_P(Keys, DeclaredKeysAreCreatedTheDefaultKeyAdoptedAndNothingLeaks) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  ASSERT_EQ(labels(live_keys(workspace)), std::vector<std::string>{""});
  workspace.write_definition(kFile, std::string(kApollo) +
                                        "keys:\n"
                                        "  - label: \"\"\n"
                                        "  - label: backend\n");
  const CliResult plan = plan_to(workspace, "plan.json");
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("+ key \"backend\" of project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out, HasSubstr("key \"\" of project apollo-11-spacecraft (exists in GlitchTip"));
  const CliResult apply = workspace.run({"apply", "plan.json", "--log-level", "debug"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_EQ(labels(live_keys(workspace)), (std::vector<std::string>{"", "backend"}));

  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  const std::string snapshot = workspace.read_file(workspace.snapshot());
  EXPECT_THAT(snapshot, HasSubstr("apollo-11-spacecraft/backend"));
  for (const auto& [text, what] :
       {std::pair{snapshot, "snapshot"},
        std::pair{workspace.read_file(workspace.dir() / "plan.json"), "plan file"},
        std::pair{plan.all(), "plan output"}, std::pair{apply.all(), "apply log"},
        std::pair{again.all(), "second plan"}}) {
    expect_no_key_material(workspace, text, what);
  }
}

TEST_P(Keys, UndeclaredKeysOfGlitchTipAreLeftAloneManagedOnesDeleted) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend\n");
  const CliResult create = plan_to(workspace, "create.json");
  ASSERT_EQ(create.exit_code, 0) << create.all();
  // The project declares `keys:`, so the key it leaves alone is listed as such.
  EXPECT_THAT(create.out, HasSubstr("Not managed (left alone):\n"));
  EXPECT_THAT(create.out,
              HasSubstr(": key \"\" of project apollo-11-spacecraft in organization NASA\n"));
  ASSERT_EQ(workspace.run({"apply", "create.json"}).exit_code, 0);

  // The key GlitchTip made ("") was never declared: not this tool's to delete. "backend"
  // was created by it: removing its declaration deletes it, listed as destructive.
  workspace.write_definition(kFile, kApollo);
  const CliResult plan = plan_to(workspace, "delete.json");
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("- key \"backend\" of project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out, HasSubstr("stops reporting"));
  EXPECT_THAT(plan.out, Not(HasSubstr("key \"\" of project")));
  ASSERT_EQ(workspace.run({"apply", "delete.json"}).exit_code, 0);
  EXPECT_EQ(labels(live_keys(workspace)), std::vector<std::string>{""});
}

TEST_P(Keys, AChangedLabelIsANewKeyGuardedByMaxDeletes) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend\n");
  ASSERT_EQ(plan_to(workspace, "create.json").exit_code, 0);
  ASSERT_EQ(workspace.run({"apply", "create.json"}).exit_code, 0);

  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend-v2\n");
  const CliResult refused = plan_to(workspace, "refused.json", {"--max-deletes", "0"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("--max-deletes 1"));
  const CliResult plan = plan_to(workspace, "rename.json");
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("+ key \"backend-v2\""));
  EXPECT_THAT(plan.out, HasSubstr("- key \"backend\""));
  EXPECT_THAT(plan.out, HasSubstr("keys cannot be renamed"));
  ASSERT_EQ(workspace.run({"apply", "rename.json"}).exit_code, 0);
  EXPECT_EQ(labels(live_keys(workspace)), (std::vector<std::string>{"", "backend-v2"}));
}

TEST(KeysRateLimit, OnNinjaAChangedRateLimitReplacesTheKey) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::ninja));
  workspace.write_definition(
      kFile, std::string(kApollo) +
                 "keys:\n  - label: backend\n    rateLimit: {window: 60, count: 1000}\n");
  ASSERT_EQ(plan_to(workspace, "create.json").exit_code, 0);
  ASSERT_EQ(workspace.run({"apply", "create.json"}).exit_code, 0);
  const nlohmann::json created = live_keys(workspace);
  workspace.write_definition(
      kFile, std::string(kApollo) +
                 "keys:\n  - label: backend\n    rateLimit: {window: 60, count: 500}\n");
  const CliResult plan = plan_to(workspace, "replace.json");
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("replaces key \"backend\""));
  EXPECT_THAT(plan.out, HasSubstr("new DSN"));
  ASSERT_EQ(workspace.run({"apply", "replace.json"}).exit_code, 0);
  const nlohmann::json now = live_keys(workspace);
  ASSERT_EQ(labels(now), (std::vector<std::string>{"", "backend"}));
  for (const nlohmann::json& key : now) {
    if (key.at("label") != "backend") continue;
    EXPECT_EQ(key.at("rateLimit").at("count"), 500);
    for (const nlohmann::json& old : created) EXPECT_NE(key.at("id"), old.at("id"));
  }
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
}

// The emulator's state of apollo-11-spacecraft, for edits behind the tool's back.
nlohmann::json& apollo(nlohmann::json& state) {
  for (nlohmann::json& project : live_organization(state, "nasa").at("projects")) {
    if (project.at("slug") == "apollo-11-spacecraft") return project;
  }
  throw std::runtime_error("no apollo-11-spacecraft in the emulator");
}

TEST_P(Keys, AKeyDeletedByHandIsDriftAndMadeAgain) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend\n");
  ASSERT_EQ(plan_to(workspace, "create.json").exit_code, 0);
  ASSERT_EQ(workspace.run({"apply", "create.json"}).exit_code, 0);
  edit_live(workspace, [](nlohmann::json& state) {
    nlohmann::json& keys = apollo(state).at("keys");
    keys.erase(
        std::remove_if(keys.begin(), keys.end(),
                       [](const nlohmann::json& key) { return key.at("label") == "backend"; }),
        keys.end());
  });
  const CliResult plan = plan_to(workspace, "again.json");
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("deleted outside glitchtip-gitops"));
  EXPECT_THAT(plan.out, HasSubstr("+ key \"backend\" of project apollo-11-spacecraft"));
  ASSERT_EQ(workspace.run({"apply", "again.json"}).exit_code, 0);
  EXPECT_EQ(labels(live_keys(workspace)), (std::vector<std::string>{"", "backend"}));
  const CliResult converged = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(converged.exit_code, 0) << converged.all();
}

// A key replaced by hand (same label, a new public part) after the plan that deletes it: the
// plan's key is gone, and deleting the new one would cut off clients nobody reviewed.
TEST_P(Keys, ADeletionIsRefusedWhenTheKeyWasReplacedSinceThePlan) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend\n");
  ASSERT_EQ(plan_to(workspace, "create.json").exit_code, 0);
  ASSERT_EQ(workspace.run({"apply", "create.json"}).exit_code, 0);
  workspace.write_definition(kFile, kApollo);
  ASSERT_EQ(plan_to(workspace, "delete.json").exit_code, 0);
  edit_live(workspace, [](nlohmann::json& state) {
    for (nlohmann::json& key : apollo(state).at("keys")) {
      if (key.at("label") == "backend") key["id"] = "0123456789abcdef0123456789abcdef";
    }
  });
  workspace.emulator().clear_requests();
  const CliResult apply = workspace.run({"apply", "delete.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.err, HasSubstr("GlitchTip changed since this plan was made"));
  EXPECT_THAT(apply.err, HasSubstr("glitchtip-dev/NASA/project/apollo-11-spacecraft/key/backend"));
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
  EXPECT_EQ(labels(live_keys(workspace)), (std::vector<std::string>{"", "backend"}));
}

TEST_P(Keys, ADroppedConnectionAfterTheCreateMakesNoSecondKey) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition(kFile, std::string(kApollo) + "keys:\n  - label: backend\n");
  ASSERT_EQ(plan_to(workspace, "create.json").exit_code, 0);
  workspace.emulator().add_fault(
      Fault::drop_after_handling().on("POST", "^/api/0/projects/[^/]+/[^/]+/keys/$").times(1));
  const CliResult apply = workspace.run({"apply", "create.json"});
  bool dropped = false;
  for (const auto& request : workspace.emulator().requests()) {
    dropped = dropped || (request.method == "POST" && request.status == 0);
  }
  EXPECT_TRUE(dropped) << "the fault never fired";
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_EQ(labels(live_keys(workspace)), (std::vector<std::string>{"", "backend"}));
  const CliResult converged = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(converged.exit_code, 0) << converged.all();
}

TEST(KeysRateLimit, OnDrfARateLimitIsAPlanTimeError) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::drf));
  workspace.write_definition(
      kFile, std::string(kApollo) +
                 "keys:\n  - label: backend\n    rateLimit: {window: 60, count: 1000}\n");
  const CliResult plan = plan_to(workspace, "plan.json");
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("rateLimit"));
  EXPECT_THAT(plan.err, HasSubstr("Django REST framework API"));
}

INSTANTIATE_TEST_SUITE_P(BothGenerations, Keys,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

}  // namespace
}  // namespace gg::testing
