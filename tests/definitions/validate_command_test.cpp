// `glitchtip-gitops validate` as a user runs it: the built binary, its output and exit code.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "tests/definitions/definitions_tree.hpp"

namespace gg {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandRun run_validate(const std::string& arguments) {
  const std::string command =
      std::string(GG_BINARY_DIR) + "/glitchtip-gitops validate " + arguments + " 2>&1";
  CommandRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (const size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    run.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(ValidateCommand, TheSpaceAgenciesExampleIsValid) {
  const CommandRun run = run_validate("-d " GG_SOURCE_DIR "/examples/space-agencies");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output,
            "Definitions are valid: 23 files, 23 documents, 1 instances, 2 organizations, "
            "4 teams, 4 projects, 8 members.\n");
}

TEST(ValidateCommand, PrintsEveryErrorThenTheCountAndFails) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\ncolor: red\n");
  const CommandRun run = run_validate("-d " + tree.root().string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, tree.shown("team.yaml") +
                            ":4:1: Team pilots: unknown field `color`\n"
                            "  hint: expected one of: kind, name, organization, slug\n"
                            "1 error.\n");
}

TEST(ValidateCommand, ReportsReferenceErrorsOfValidDocuments) {
  testing::DefinitionsTree tree;
  tree.write("base.yaml", testing::kInstanceAndOrganization);
  tree.write("team.yaml", "kind: Team\nname: pilots\norganization: NASAA\n");
  const CommandRun run = run_validate("--definitions " + tree.root().string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, tree.shown("team.yaml") +
                            ":3:15: Team pilots: unknown organization `NASAA`\n"
                            "  hint: did you mean `NASA`?\n"
                            "1 error.\n");
}

}  // namespace
}  // namespace gg
