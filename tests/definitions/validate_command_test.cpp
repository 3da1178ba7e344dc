// `glitchtip-gitops validate` as a user runs it: the built binary, its output and exit code.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/definitions/definitions_tree.hpp"
#include "tests/support/run_binary.hpp"

namespace gg {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandRun run_validate(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "validate");
  testing::Command command{.binary = testing::tool_binary(), .arguments = std::move(arguments)};
  command.merge_stderr = true;
  const testing::RunResult result = testing::run_binary(command);
  return {result.exit_code, result.out};
}

TEST(ValidateCommand, TheSpaceAgenciesExampleIsValid) {
  const CommandRun run = run_validate({"-d", GG_SOURCE_DIR "/examples/space-agencies"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output,
            "Definitions are valid: 24 files, 24 documents, 1 instances, 2 organizations, "
            "4 teams, 4 projects, 8 members.\n");
}

TEST(ValidateCommand, PrintsEveryErrorAsTheOtherCommandsDoAndFails) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\ncolor: red\n");
  const CommandRun run = run_validate({"-d", tree.root().string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "error: " + tree.shown("team.yaml") +
                            ":4:1: Team pilots: unknown field `color`\n"
                            "  hint: expected one of: kind, name, organization, slug\n");
}

TEST(ValidateCommand, ReportsReferenceErrorsOfValidDocuments) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\n");
  const CommandRun run = run_validate({"--definitions", tree.root().string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "error: " + tree.shown("team.yaml") +
                            ":3:15: Team pilots: unknown organization `NASAA`\n"
                            "  hint: did you mean `NASA`?\n");
}

// Every command names the definitions directory -d/--directory; validate's first name,
// --definitions, still works.
TEST(ValidateCommand, TakesTheDirectoryByEveryName) {
  for (const char* flag : {"-d", "--directory", "--definitions"}) {
    const CommandRun run = run_validate({flag, GG_SOURCE_DIR "/examples/space-agencies"});
    EXPECT_EQ(run.exit_code, 0) << flag << ": " << run.output;
    EXPECT_TRUE(run.output.starts_with("Definitions are valid: 24 files")) << flag;
  }
}

TEST(ValidateCommand, SeveralErrorsEndWithTheirCount) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\ncolor: red\n");
  tree.write("other.yaml", "kind: Team\nname: cooks\norganization: NASAA\n");
  const CommandRun run = run_validate({"-d", tree.root().string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output.rfind("error: ", 0), 0u) << run.output;
  EXPECT_NE(run.output.find("\nerror: "), std::string::npos) << run.output;
  EXPECT_TRUE(run.output.ends_with("\n2 errors.\n")) << run.output;
}

// With --log-format json every error is one JSON object on one line, its hint inside it.
TEST(ValidateCommand, JsonErrorsAreOneObjectALine) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\ncolor: red\n");
  const CommandRun run = run_validate({"-d", tree.root().string(), "--log-format", "json"});
  EXPECT_EQ(run.exit_code, 1);
  ASSERT_TRUE(run.output.ends_with("}\n")) << run.output;
  const std::string line = run.output.substr(0, run.output.size() - 1);
  ASSERT_EQ(line.find('\n'), std::string::npos) << "one line: " << run.output;
  const nlohmann::json error = nlohmann::json::parse(line, nullptr, false);
  ASSERT_FALSE(error.is_discarded()) << run.output;
  EXPECT_EQ(error.at("level"), "error");
  EXPECT_EQ(error.at("where"), tree.shown("team.yaml") + ":4:1");
  EXPECT_EQ(error.at("message"), "Team pilots: unknown field `color`");
  EXPECT_EQ(error.at("hint"), "expected one of: kind, name, organization, slug");
}

}  // namespace
}  // namespace gg
