// `glitchtip-gitops schema`: the schemas an editor validates definitions with are the ones
// the tool validates with, printed or written into a directory.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/cli_harness.hpp"
#include "tests/support/files.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

std::string source_file(const std::string& relative) {
  return testing::read_file(std::string(GG_SOURCE_DIR) + "/" + relative);
}

// Whether `document` is valid against the schema text `schema` (JSON Schema draft 7).
bool valid(const std::string& schema, const nlohmann::json& document) {
  const nlohmann::json schema_json = nlohmann::json::parse(schema);
  valijson::Schema parsed;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_json), parsed);
  valijson::Validator validator;
  return validator.validate(parsed, valijson::adapters::NlohmannJsonAdapter(document), nullptr);
}

TEST(SchemaCommand, PrintsTheEmbeddedSchemaOfAKind) {
  CliWorkspace workspace;
  for (const std::string kind : {"team", "Team", "USER"}) {
    const CliResult printed = workspace.run({"schema", kind});
    ASSERT_EQ(printed.exit_code, 0) << printed.all();
    std::string name = kind;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(printed.out, source_file("schemas/" + name + ".schema.json")) << kind;
  }
}

TEST(SchemaCommand, WithoutAKindPrintsOneSchemaForEveryDocumentKind) {
  CliWorkspace workspace;
  const CliResult printed = workspace.run({"schema"});
  ASSERT_EQ(printed.exit_code, 0) << printed.all();
  const std::string& schema = printed.out;

  EXPECT_TRUE(
      valid(schema, {{"kind", "Team"}, {"name", "Flight Control"}, {"organization", "NASA"}}));
  EXPECT_TRUE(
      valid(schema, {{"kind", "User"},
                     {"email", "NeilArmstrong@nasa.com"},
                     {"access", {{"organizations", {{{"name", "NASA"}, {"role", "admin"}}}}}}}));
  EXPECT_FALSE(valid(schema, {{"kind", "Team"}, {"name", "Flight Control"}}))
      << "a Team needs its organization";
  EXPECT_FALSE(
      valid(schema, {{"kind", "User"},
                     {"email", "NeilArmstrong@nasa.com"},
                     {"access", {{"organizations", {{{"name", "NASA"}, {"role", "captain"}}}}}}}))
      << "a grant's role is checked through the User schema's own definitions";
  EXPECT_FALSE(valid(schema, {{"kind", "Teem"}, {"name", "x"}}));
  EXPECT_FALSE(valid(schema, {{"name", "no kind"}}));
}

TEST(SchemaCommand, AnUnknownKindIsRefusedNamingTheKinds) {
  CliWorkspace workspace;
  const CliResult refused = workspace.run({"schema", "teams"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(refused.out.empty()) << refused.out;
  EXPECT_THAT(refused.err, HasSubstr("\"teams\""));
  EXPECT_THAT(refused.err, HasSubstr("team, user"));
}

TEST(SchemaCommand, WriteLeavesEverySchemaAsPrintedAndNothingElse) {
  CliWorkspace workspace;
  const CliResult written = workspace.run({"schema", "--write", "editor/schemas"});
  ASSERT_EQ(written.exit_code, 0) << written.all();
  EXPECT_THAT(written.out, HasSubstr("Wrote 10 schemas to editor/schemas"));

  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(workspace.dir() / "editor/schemas"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"definitions.schema.json", "instance.schema.json",
                                             "monitor.schema.json", "organization.schema.json",
                                             "plan.schema.json", "project.schema.json",
                                             "role.schema.json", "snapshot.schema.json",
                                             "team.schema.json", "user.schema.json"}));
  for (const std::string& name : names) {
    const std::string kind = name.substr(0, name.find('.'));
    EXPECT_EQ(workspace.read_file(workspace.dir() / "editor/schemas" / name),
              workspace.run({"schema", kind}).out)
        << name;
  }

  // Written again over itself (an upgrade of the tool in a definitions repository).
  EXPECT_EQ(workspace.run({"schema", "--write", "editor/schemas"}).exit_code, 0);
  const CliResult both = workspace.run({"schema", "team", "--write", "editor/schemas"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_THAT(both.err, HasSubstr("not both"));
}

TEST(SchemaCommand, WriteIntoAPlaceThatIsAFileSaysSo) {
  CliWorkspace workspace;
  std::ofstream(workspace.dir() / "taken") << "x";
  const CliResult refused = workspace.run({"schema", "--write", "taken"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("taken"));
  EXPECT_THAT(refused.err, HasSubstr("cannot create the directory"));
}

}  // namespace
}  // namespace gg::testing
