// The pieces of import that a round trip through GlitchTip would not isolate: scalars that
// read back as the same string whatever they hold, Role names, the secrets file's mode.

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "providers/definitions/yaml_document.hpp"
#include "providers/export/access_groups.hpp"
#include "providers/export/definitions_export.hpp"
#include "providers/export/definitions_tree.hpp"
#include "providers/export/yaml_text.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::exporting {
namespace {

namespace fs = std::filesystem;
using gg::testing::read_file;
using gg::testing::TemporaryDirectory;
using ::testing::HasSubstr;

nlohmann::json parsed(const std::string& yaml) {
  const auto file = definitions::parse_yaml_file("test.yaml", "test.yaml", yaml);
  EXPECT_TRUE(file.problems.empty()) << yaml;
  if (file.documents.empty()) return nullptr;
  return file.documents.front().content;
}

TEST(YamlScalar, ReadsBackAsTheSameStringInBlockAndFlowContext) {
  for (const std::string text : {"NASA",         "Apollo 11 Spacecraft",
                                 "yes",          "No",
                                 "null",         "~",
                                 "123",          "1e3",
                                 "0x1F",         "a: b",
                                 "#hash",        "- dash",
                                 "trailing ",    " leading",
                                 "[a]",          "{a}",
                                 "a, b",         "Ünïcödé Café",
                                 "say \"hi\"",   "back\\slash",
                                 "tab\there",    "it's",
                                 "http://x:1/y", "",
                                 "@home",        "*star",
                                 "&anchor",      "!tag",
                                 "%percent",     "|pipe",
                                 ">fold",        "`tick",
                                 "line\nbreak"}) {
    EXPECT_EQ(parsed("key: " + yaml_scalar(text) + "\n")["key"], text) << yaml_scalar(text);
    EXPECT_EQ(parsed("key: [" + yaml_scalar(text) + ", x]\n")["key"][0], text) << yaml_scalar(text);
    EXPECT_EQ(parsed("key: {name: " + yaml_scalar(text) + "}\n")["key"]["name"], text);
  }
  EXPECT_EQ(yaml_scalar("Apollo 11 Spacecraft"), "Apollo 11 Spacecraft");  // readable: plain
  EXPECT_EQ(yaml_scalar("yes"), "\"yes\"");
}

TEST(SchemaComment, ResolvesFromTheFilesDepth) {
  EXPECT_EQ(schema_comment("instance.yaml", "instance.schema.json"),
            "# yaml-language-server: $schema=.schemas/instance.schema.json\n");
  EXPECT_EQ(schema_comment("teams/nasa/pilots.yaml", "team.schema.json"),
            "# yaml-language-server: $schema=../../.schemas/team.schema.json\n");
}

Access access(std::map<std::string, Role> organizations,
              std::set<std::pair<std::string, std::string>> teams) {
  return Access{std::move(organizations), std::move(teams)};
}

TEST(RoleNames, SayWhatTheyGrant) {
  EXPECT_EQ(role_name_for(access({{"nasa", Role::member}}, {{"nasa", "nasa-pilots"}})),
            "nasa-pilots");
  EXPECT_EQ(role_name_for(access({{"nasa", Role::member}}, {})), "nasa-member");
  EXPECT_EQ(role_name_for(access({{"esa", Role::owner}, {"nasa", Role::admin}},
                                 {{"esa", "control"}, {"nasa", "nasa-pilots"}})),
            "esa-owner-control+nasa-admin-pilots");
  std::map<std::string, Role> many;
  for (int i = 0; i < 20; ++i) many["organization-" + std::to_string(i)] = Role::owner;
  const std::string long_name = role_name_for(access(many, {}));
  EXPECT_LE(long_name.size(), 80u);
  EXPECT_THAT(long_name, ::testing::MatchesRegex("organization-0-owner.*-[0-9a-f]{8}"));
}

TEST(RoleNames, EqualAccessSharesOneRoleAndClashingNamesStayDistinct) {
  const Access pilots = access({{"nasa", Role::member}}, {{"nasa", "pilots"}});
  // "nasa" + team "pilots" and "nasa-pilots" with no team and role member... both readable,
  // and a clash of names (org "a" team "b-c" vs org "a-b" team "c") gets a suffix.
  const Access a = access({{"a", Role::member}}, {{"a", "b-c"}});
  const Access b = access({{"a-b", Role::member}}, {{"a-b", "c"}});
  const auto groups = group_by_access(
      {{"neil@nasa.com", pilots}, {"buzz@nasa.com", pilots}, {"x@a.com", a}, {"y@a.com", b}});
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].role_name, "a-b-c");
  EXPECT_EQ(groups[1].role_name, "a-b-c-2");
  EXPECT_EQ(groups[2].role_name, "nasa-pilots");
  EXPECT_EQ(groups[2].people, (std::vector<std::string>{"buzz@nasa.com", "neil@nasa.com"}));
}

TEST(ExportDefinitions, RefusesWhatDefinitionsCannotSay) {
  Instance live;
  live.name = "prod";
  live.organizations["nasa"] = Organization{.name = "NASA", .slug = "nasa"};
  live.organizations["nasa-2"] = Organization{.name = "NASA", .slug = "nasa-2"};
  live.organizations["nasa"].projects["orphan"] = Project{.slug = "orphan", .name = "Orphan"};
  const auto exported = export_definitions(live, ExportOptions{});
  ASSERT_FALSE(exported.ok());
  ASSERT_EQ(exported.errors().size(), 2u);
  EXPECT_THAT(exported.errors()[0].message, HasSubstr("in no team"));
  EXPECT_THAT(exported.errors()[1].message, HasSubstr("two organizations are named 'NASA'"));
}

// Names the definitions need unique, an alert name with '/', an alert without recipients:
// refused with the ids, before anything is written.
TEST(ExportDefinitions, RefusesMonitorsAndAlertsDefinitionsCannotSay) {
  Instance live;
  live.name = "prod";
  Organization& nasa = live.organizations["nasa"] = Organization{.name = "NASA", .slug = "nasa"};
  nasa.duplicate_monitor_ids["api"] = {"7", "9"};
  const AlertRecipient email{.type = "email"};
  nasa.alerts["apollo/burst"] = Alert{
      .project = "apollo", .name = "burst", .id = "3", .recipients = {email}, .duplicate_id = "4"};
  nasa.alerts["apollo/a/b"] =
      Alert{.project = "apollo", .name = "a/b", .id = "5", .recipients = {email}};
  nasa.alerts["apollo/silent"] = Alert{.project = "apollo", .name = "silent", .id = "6"};
  const auto exported = export_definitions(live, ExportOptions{});
  ASSERT_FALSE(exported.ok());
  ASSERT_EQ(exported.errors().size(), 4u);
  EXPECT_THAT(exported.errors()[0].message, HasSubstr("named 'api' (ids 7, 9)"));
  EXPECT_THAT(exported.errors()[1].message, HasSubstr("has a '/'"));
  EXPECT_THAT(exported.errors()[2].message, HasSubstr("named 'burst' (ids 3 and 4)"));
  EXPECT_EQ(exported.errors()[3].where, "prod/NASA/project/apollo/alert/silent");
  EXPECT_THAT(exported.errors()[3].message, HasSubstr("no recipient"));
}

TEST(SecretsFile, IsMode0600AndShellQuoted) {
  TemporaryDirectory directory;
  const fs::path path = secrets_path(directory.path() / "definitions");
  EXPECT_EQ(path, directory.path() / "definitions.secrets.env");
  ASSERT_TRUE(write_secrets_file(path, {}).ok());
  EXPECT_FALSE(fs::exists(path));  // nothing secret: no file
  ASSERT_TRUE(write_secrets_file(path, {{"NASA_HOOK", "https://h/x?a=1&b='2'"}}).ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_THAT(read_file(path), HasSubstr("NASA_HOOK='https://h/x?a=1&b='\\''2'\\'''\n"));
}

TEST(DefinitionsTree, AFailedWriteLeavesNothing) {
  TemporaryDirectory directory;
  // A file where a directory must go makes the write fail half way.
  const std::vector<ExportedFile> files = {{"teams/x.yaml", "a\n"}, {"teams/x.yaml/y.yaml", "b\n"}};
  EXPECT_FALSE(write_definitions_tree(directory.path() / "out", files, false).ok());
  EXPECT_TRUE(fs::is_empty(directory.path()));
  ASSERT_TRUE(
      write_definitions_tree(directory.path() / "out", {{"teams/x.yaml", "a\n"}}, false).ok());
  EXPECT_TRUE(fs::exists(directory.path() / "out/.schemas/team.schema.json"));
  EXPECT_FALSE(fs::exists(directory.path() / "out/.schemas/plan.schema.json"));
}

}  // namespace
}  // namespace gg::exporting
