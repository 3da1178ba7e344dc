// Every command prints its errors through one path: as text by default, and as one JSON
// object a line on stderr with --log-format json (for log pipelines), import and the state
// commands included. show and apply read a plan file the same way.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "planner/plan_file.hpp"
#include "tests/cli/cli_harness.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

// Every line of `err` is a JSON object of level "error"; returns them.
std::vector<nlohmann::json> json_errors(const CliResult& result) {
  std::vector<nlohmann::json> objects;
  std::istringstream lines(result.err);
  std::string line;
  while (std::getline(lines, line)) {
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    EXPECT_TRUE(object.is_object()) << "not JSON: " << line;
    if (!object.is_object()) continue;
    EXPECT_EQ(object.value("level", ""), "error") << line;
    objects.push_back(object);
  }
  EXPECT_FALSE(objects.empty()) << result.all();
  return objects;
}

TEST(CommandErrors, ImportErrorsAreJson) {
  CliWorkspace workspace;
  const CliResult refused = workspace.run(
      {"--log-format", "json", "import", "--url", "not a url", "--token-env", "GLITCHTIP_TOKEN",
       "--automation-user", "nobody", "--instance", "Bad Name", "--out", "imported"});
  EXPECT_EQ(refused.exit_code, 1);
  const std::vector<nlohmann::json> errors = json_errors(refused);
  ASSERT_EQ(errors.size(), 3u) << refused.err;
  EXPECT_EQ(errors[0].at("where"), "--instance Bad Name");
  EXPECT_EQ(errors[1].at("where"), "--url not a url");
  EXPECT_EQ(errors[2].at("where"), "--automation-user nobody");

  // GlitchTip read, but the automation user is no member: the errors, then that nothing was
  // written, all JSON.
  workspace.start_emulator(CliWorkspace::example_live_seed());
  const CliResult wrong_user =
      workspace.run({"--log-format", "json", "import", "--url", workspace.emulator().base_url(),
                     "--token-env", "GLITCHTIP_DEV_TOKEN", "--automation-user", "someone@nasa.com",
                     "--instance", "glitchtip-dev", "--out", "imported"});
  EXPECT_EQ(wrong_user.exit_code, 1);
  const std::vector<nlohmann::json> read = json_errors(wrong_user);
  ASSERT_GE(read.size(), 2u);
  EXPECT_THAT(read.front().at("message").get<std::string>(),
              HasSubstr("someone@nasa.com is not a member of this organization"));
  EXPECT_EQ(read.back().at("message"), "Nothing was written.");
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "imported"));
}

TEST(CommandErrors, StateTransferErrorsAreJson) {
  CliWorkspace workspace;
  const CliResult pull = workspace.run({"--log-format", "json", "state", "pull"});
  EXPECT_EQ(pull.exit_code, 1);
  const std::vector<nlohmann::json> none = json_errors(pull);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].at("message"), "holds no snapshot yet");
  EXPECT_EQ(none[0].at("where"), workspace.snapshot().string());

  const CliResult push = workspace.run({"--log-format", "json", "state", "push", "missing.json"});
  EXPECT_EQ(push.exit_code, 1);
  const std::vector<nlohmann::json> missing = json_errors(push);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].at("where"), "missing.json");

  const CliResult restore = workspace.run({"--log-format", "json", "state", "restore", "7"});
  EXPECT_EQ(restore.exit_code, 1);
  json_errors(restore);

  // The same errors in text, as before.
  const CliResult text = workspace.run({"state", "pull"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.err, "error: " + workspace.snapshot().string() +
                          ": holds no snapshot yet\n  hint: apply or refresh writes the first "
                          "one; `state push FILE` stores one\n");
}

TEST(CommandErrors, SchemaErrorsAreJson) {
  CliWorkspace workspace;
  const CliResult unknown = workspace.run({"--log-format", "json", "schema", "alert"});
  EXPECT_EQ(unknown.exit_code, 1);
  const std::vector<nlohmann::json> errors = json_errors(unknown);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("message"), "there is no schema for the kind \"alert\"");
  EXPECT_THAT(errors[0].at("hint").get<std::string>(), HasSubstr("instance, "));

  const CliResult both = workspace.run({"--log-format", "json", "schema", "team", "--write", "x"});
  EXPECT_EQ(both.exit_code, 1);
  json_errors(both);
  EXPECT_EQ(workspace.run({"schema", "alert"}).err.rfind("error: there is no schema", 0), 0u);
}

// A plan file too large to be one is refused by show and apply alike, before it is read
// (the file below is sparse: it takes no disk space and would take 256 MiB of memory).
TEST(CommandErrors, ShowAndApplyRefuseAnOversizedPlanFileAlike) {
  CliWorkspace workspace;
  const std::filesystem::path huge = workspace.dir() / "huge.json";
  { std::ofstream(huge) << "{"; }
  std::filesystem::resize_file(huge, kMaxPlanFileBytes + 1);
  const CliResult show = workspace.run({"show", "huge.json"});
  const CliResult apply = workspace.run({"apply", "huge.json"});
  EXPECT_EQ(show.exit_code, 1);
  EXPECT_EQ(apply.exit_code, 1);
  EXPECT_THAT(show.err,
              HasSubstr("huge.json: the plan file is " + std::to_string(kMaxPlanFileBytes + 1) +
                        " bytes, more than the limit of " + std::to_string(kMaxPlanFileBytes)));
  EXPECT_EQ(apply.err, show.err);

  const CliResult show_missing = workspace.run({"show", "nowhere.json"});
  const CliResult apply_missing = workspace.run({"apply", "nowhere.json"});
  EXPECT_EQ(show_missing.exit_code, 1);
  EXPECT_THAT(show_missing.err, HasSubstr("nowhere.json: there is no plan file here"));
  EXPECT_EQ(apply_missing.err, show_missing.err);
}

}  // namespace
}  // namespace gg::testing
