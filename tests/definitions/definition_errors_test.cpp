// Every way definitions can be wrong gets a message that names the file, line and column,
// the object, what is wrong and, where obvious, the fix. All errors of a run come together.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>

#include "providers/definitions/definitions.hpp"
#include "tests/definitions/definitions_tree.hpp"

namespace gg {
namespace {

using testing::DefinitionsTree;
using testing::kInstanceAndOrganization;

// The errors of loading `tree`, which must fail, as printed lines.
std::string errors_of(const DefinitionsTree& tree) {
  const Result<Definitions> result = tree.load();
  EXPECT_FALSE(result.ok()) << "expected the definitions to be rejected";
  return result.ok() ? "" : testing::all_errors(result);
}

// A tree with the base instance and organization plus `file` holding `content`.
std::string errors_with(const std::string& content, const std::string& file = "x.yaml") {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  tree.write(file, content);
  std::string errors = errors_of(tree);
  const std::string root = tree.root().generic_string() + "/";
  for (size_t at = errors.find(root); at != std::string::npos; at = errors.find(root)) {
    errors.erase(at, root.size());
  }
  return errors;
}

// A token written as a string is one error, at the token; the organizations, teams and users
// of that instance are not reported again as referring to an unknown instance.
TEST(DefinitionErrors, ALiteralTokenIsOneErrorWithoutFollowOns) {
  DefinitionsTree tree;
  const std::filesystem::path example = std::string(GG_SOURCE_DIR) + "/examples/space-agencies";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(example)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string content = testing::read_file(entry.path());
    const std::string source = "token: {env: GLITCHTIP_DEV_TOKEN}";
    if (const auto at = content.find(source); at != std::string::npos) {
      content.replace(at, source.size(), "token: " + std::string(64, 'a'));
    }
    tree.write(std::filesystem::relative(entry.path(), example).string(), content);
  }
  const Result<Definitions> result = tree.load();
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.errors().size(), 1u) << testing::all_errors(result);
  EXPECT_EQ(result.errors()[0].where.rfind(tree.shown("instance.yaml") + ":5:8", 0), 0u)
      << testing::all_errors(result);
  EXPECT_EQ(testing::all_errors(result).find(std::string(64, 'a')), std::string::npos)
      << "the token is never shown";
}

constexpr const char* kPilots = "kind: Team\nname: nasa-pilots\norganization: NASA\n";

TEST(DefinitionErrors, MalformedYaml) {
  EXPECT_EQ(errors_with("kind: Team\nname: [nasa-pilots\norganization: NASA\n"),
            "x.yaml:3:13: malformed YAML: end of sequence flow not found\n"
            "  hint: fix the syntax at this position\n");
}

// Found by fuzzing (the input is in the fuzz corpus): a document whose wrongly typed value
// holds bytes that are not UTF-8 made the error message's JSON serializer throw and abort
// the process. Now it is an ordinary error naming the file.
TEST(DefinitionErrors, BytesThatAreNotUtf8InAWrongValueAreShownNotThrown) {
  const std::string content =
      testing::read_file(std::string(GG_SOURCE_DIR) +
                         "/tests/fuzz/corpus/definitions/regression-invalid-utf8-escape.yaml");
  ASSERT_FALSE(content.empty());
  const std::string errors = errors_with(content);
  EXPECT_NE(errors.find("x.yaml:"), std::string::npos) << errors;
}

TEST(DefinitionErrors, DocumentWithoutKind) {
  EXPECT_EQ(errors_with("name: nasa-pilots\norganization: NASA\n"),
            "x.yaml:1:1: document has no `kind`\n"
            "  hint: add `kind:` with one of Instance, Organization, Team, Project, Role, User, "
            "Monitor\n");
}

TEST(DefinitionErrors, UnknownKind) {
  EXPECT_EQ(errors_with("kind: Teem\nname: nasa-pilots\n"),
            "x.yaml:1:7: unknown kind `Teem`\n  hint: did you mean `Team`?\n");
}

TEST(DefinitionErrors, UnknownFieldWithSuggestion) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "slgu: pilots\n"),
            "x.yaml:4:1: Team nasa-pilots: unknown field `slgu`\n"
            "  hint: did you mean `slug`?\n");
}

TEST(DefinitionErrors, EveryUnknownFieldIsReported) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "members: [a]\ncolour: blue\n"),
            "x.yaml:4:1: Team nasa-pilots: unknown field `members`\n"
            "  hint: expected one of: kind, name, organization, slug\n"
            "x.yaml:5:1: Team nasa-pilots: unknown field `colour`\n"
            "  hint: expected one of: kind, name, organization, slug\n");
}

TEST(DefinitionErrors, WrongType) {
  EXPECT_EQ(errors_with("kind: Project\nname: Apollo\norganization: NASA\nteams: nasa-pilots\n"
                        "eventThrottleRate: high\n" +
                        std::string("---\n") + kPilots),
            "x.yaml:4:8: Project Apollo: `teams` must be a list, not a string\n"
            "  hint: Names of the teams that see the project; at least one. The first is where "
            "the project is created.\n"
            "x.yaml:5:20: Project Apollo: `eventThrottleRate` must be an integer, not a string\n"
            "  hint: Percentage of events to drop, 0..100; default 0. Needs GlitchTip 3.4 or "
            "later.\n");
}

TEST(DefinitionErrors, RoleOutsideTheFour) {
  EXPECT_EQ(errors_with("kind: User\nemail: a@nasa.com\naccess:\n  organizations:\n"
                        "    - {name: NASA, role: superuser}\n"),
            "x.yaml:5:26: User a@nasa.com: `access.organizations[0].role` must be one of "
            "member, manager, admin, owner, not \"superuser\"\n");
}

TEST(DefinitionErrors, EventThrottleRateOutOfRange) {
  EXPECT_EQ(
      errors_with(std::string(kPilots) + "---\nkind: Project\nname: Apollo\norganization: NASA\n"
                                         "teams: [nasa-pilots]\neventThrottleRate: 101\n"),
      "x.yaml:9:20: Project Apollo: `eventThrottleRate` must be between 0 and 100, not 101\n"
      "  hint: Percentage of events to drop, 0..100; default 0. Needs GlitchTip 3.4 or "
      "later.\n");
}

// GlitchTip 3.3 and later turn a project slug `new` into `new-1`, older versions keep it: the
// user says which, or apply would find another identity than the plan's.
TEST(DefinitionErrors, AProjectNamedNewNeedsItsSlug) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "---\nkind: Project\nname: New\norganization: NASA\n"
                                               "teams: [nasa-pilots]\n"),
            "x.yaml:6:7: Project New: GlitchTip 3.3 and later give a project named `New` the slug "
            "`new-1`, older versions `new`\n"
            "  hint: say which with `slug: new-1` (or `slug: new` on GlitchTip before 3.3)\n");
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  tree.write("x.yaml", std::string(kPilots) +
                           "---\nkind: Project\nname: New\norganization: NASA\nslug: new-1\n"
                           "teams: [nasa-pilots]\n");
  EXPECT_TRUE(tree.load().ok());
}

TEST(DefinitionErrors, ProjectWithoutTeams) {
  EXPECT_EQ(errors_with("kind: Project\nname: Apollo\norganization: NASA\nteams: []\n---\n"
                        "kind: Project\nname: Gemini\norganization: NASA\n"),
            "x.yaml:4:8: Project Apollo: `teams` needs at least 1 entry\n"
            "  hint: Names of the teams that see the project; at least one. The first is where "
            "the project is created.\n"
            "x.yaml:6:1: Project Gemini: missing required field `teams`\n"
            "  hint: Names of the teams that see the project; at least one. The first is where "
            "the project is created.\n");
}

// An organization name two instances share needs its instance; the instances are listed in
// name order, whatever order they were declared in.
TEST(DefinitionErrors, OrganizationNameInSeveralInstances) {
  EXPECT_EQ(errors_with("kind: Instance\nname: a-prod\nurl: http://localhost:8001/\n"
                        "token: {env: A_TOKEN}\nautomationUserEmail: bot@nasa.com\n"
                        "mailDomain: nasa.com\n---\n"
                        "kind: Organization\nname: NASA\ninstance: a-prod\n---\n"
                        "kind: Team\nname: pilots\norganization: NASA\n---\n"
                        "kind: Team\nname: crew\norganization: a-prod/NASA\n---\n"
                        "kind: Team\nname: cooks\norganization: a-prod/ESA\n"),
            "x.yaml:14:15: Team pilots: organization `NASA` exists in several instances "
            "(a-prod, glitchtip-dev)\n"
            "  hint: write instance/organization, e.g. `a-prod/NASA`\n"
            "x.yaml:22:15: Team cooks: unknown organization `a-prod/ESA`\n"
            "  hint: expected one of: NASA, NASA\n");
}

TEST(DefinitionErrors, DanglingReferences) {
  EXPECT_EQ(errors_with("kind: Organization\nname: ESA\ninstance: glitchtip-deV\n---\n"
                        "kind: Team\nname: pilots\norganization: NASAA\n---\n" +
                        std::string(kPilots) +
                        "---\nkind: Project\nname: Apollo\norganization: NASA\n"
                        "teams: [nasa-pilot]\n---\n"
                        "kind: User\nemail: a@nasa.com\nroles: [pilot]\n"),
            "x.yaml:3:11: Organization ESA: unknown instance `glitchtip-deV`\n"
            "  hint: did you mean `glitchtip-dev`?\n"
            "x.yaml:7:15: Team pilots: unknown organization `NASAA`\n"
            "  hint: did you mean `NASA`?\n"
            "x.yaml:16:9: Project Apollo: unknown team `nasa-pilot` in organization `NASA`\n"
            "  hint: did you mean `nasa-pilots`?\n"
            "x.yaml:20:9: User a@nasa.com: unknown role `pilot`\n"
            "  hint: define it with `kind: Role`\n");
}

TEST(DefinitionErrors, TwoOrganizationsWithOneNameInAnInstance) {
  EXPECT_EQ(errors_with("kind: Organization\nname: NASA\ninstance: glitchtip-dev\n"),
            "x.yaml:2:7: Organization NASA: instance `glitchtip-dev` already has an organization "
            "named `NASA` (at base.yaml:8)\n"
            "  hint: organization names are unique in an instance; rename or remove one\n");
}

TEST(DefinitionErrors, TwoTeamsWhoseNamesSlugifyAlike) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "---\nkind: Team\nname: NASA Pilots\n"
                                               "organization: NASA\n"),
            "x.yaml:6:7: Team NASA Pilots: slug `nasa-pilots` is already taken by Team "
            "nasa-pilots (at x.yaml:1)\n"
            "  hint: team names that slugify alike are one team in GlitchTip; rename one or give "
            "it a `slug:`\n");
}

TEST(DefinitionErrors, TwoProjectsWithOneSlug) {
  EXPECT_EQ(errors_with(std::string(kPilots) +
                        "---\nkind: Project\nname: Apollo 11\norganization: NASA\n"
                        "teams: [nasa-pilots]\n---\nkind: Project\nname: Apollo\nslug: apollo-11\n"
                        "organization: NASA\nteams: [nasa-pilots]\n"),
            "x.yaml:11:7: Project Apollo: slug `apollo-11` is already taken by Project Apollo 11 "
            "(at x.yaml:5)\n"
            "  hint: two projects of one organization need different slugs; rename one or give "
            "it a `slug:`\n");
}

TEST(DefinitionErrors, UserByEmailAndAgainByUsername) {
  EXPECT_EQ(errors_with("kind: User\nusername: neil\naccess: {organizations: [{name: NASA}]}\n"
                        "---\nkind: User\nemail: Neil@nasa.com\n"),
            "x.yaml:2:11: User neil: username `neil` resolves to `neil@nasa.com`, which User "
            "Neil@nasa.com (at x.yaml:5) already is\n"
            "  hint: keep one User per person\n");
}

TEST(DefinitionErrors, OneEmailInTwoSpellings) {
  EXPECT_EQ(errors_with("kind: User\nemail: NeilArmstrong@nasa.com\n---\n"
                        "kind: User\nemail: neilarmstrong@nasa.com\n"),
            "x.yaml:5:8: User neilarmstrong@nasa.com: `neilarmstrong@nasa.com` and "
            "`NeilArmstrong@nasa.com` (at x.yaml:1) are one address spelt two ways\n"
            "  hint: e-mail addresses are compared case-insensitively; keep one User per person\n");
}

TEST(DefinitionErrors, InvalidEmail) {
  EXPECT_EQ(errors_with("kind: User\nemail: neil.armstrong\n"),
            "x.yaml:2:8: User neil.armstrong: `email` is not an e-mail address, not "
            "\"neil.armstrong\"\n");
}

TEST(DefinitionErrors, TokenAsALiteral) {
  const std::string errors = errors_with(
      "kind: Instance\nname: prod\nurl: https://g.example.com\ntoken: s3cr3t-t0k3n\n"
      "automationUserEmail: bot@example.com\n");
  EXPECT_EQ(errors,
            "x.yaml:4:8: Instance prod: a token is never written in the definitions; use {env: "
            "VAR} or {file: PATH}\n"
            "  hint: put the token in an environment variable or a file, and name it here\n");
  EXPECT_EQ(errors.find("s3cr3t"), std::string::npos);
}

TEST(DefinitionErrors, EmptyDirectory) {
  DefinitionsTree tree;
  tree.write("README.md", "nothing here\n");
  const Result<Definitions> result = tree.load();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where, tree.root().generic_string());
  EXPECT_EQ(result.error().message, "no definitions: the directory has no *.yaml or *.yml file");
}

TEST(DefinitionErrors, FileThatIsNotUtf8) {
  EXPECT_EQ(errors_with("kind: Team\nname: caf\xe9\n"),
            "x.yaml:2:10: the file is not valid UTF-8\n  hint: save it as UTF-8\n");
}

TEST(DefinitionErrors, DirectoryThatDoesNotExist) {
  const Result<Definitions> result = load_definitions("/nonexistent/definitions");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().to_string(),
            "/nonexistent/definitions: the definitions directory does not exist\n"
            "  hint: pass the directory holding the YAML definitions with -d DIR");
}

TEST(DefinitionErrors, SymbolicLinkLoopAndLinkOutside) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  std::filesystem::create_directories(tree.root() / "sub");
  std::filesystem::create_directory_symlink(tree.root(), tree.root() / "sub/loop");
  std::filesystem::create_symlink(tree.root() / "self.yaml", tree.root() / "self.yaml");
  std::filesystem::create_symlink("/etc/hostname", tree.root() / "outside.yaml");
  const std::string errors = errors_of(tree);
  const std::string root = tree.root().generic_string();
  EXPECT_NE(errors.find(root + "/self.yaml: symbolic link loop"), std::string::npos) << errors;
  EXPECT_NE(errors.find(root + "/outside.yaml: symbolic link points outside the definitions "
                               "directory (to /etc/hostname)"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(root + "/sub/loop: symbolic links to directories are not followed"),
            std::string::npos)
      << errors;
}

TEST(DefinitionErrors, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  DefinitionsTree tree;
  const std::filesystem::path file = tree.write("base.yaml", kInstanceAndOrganization);
  ::chmod(file.c_str(), 0);
  EXPECT_EQ(errors_of(tree), tree.shown("base.yaml") +
                                 ": cannot read the file\n"
                                 "  hint: check that it is readable by this user\n");
}

TEST(DefinitionErrors, FileOverTheSizeLimit) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  tree.write("big.yaml", "# " + std::string(std::size_t{10} * 1024 * 1024, 'x') + "\n");
  EXPECT_EQ(errors_of(tree), tree.shown("big.yaml") +
                                 ": file is 10485763 bytes, over the limit of 10 MiB\n"
                                 "  hint: split the definitions into several files\n");
}

TEST(DefinitionErrors, AliasExpansionBomb) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'h'; ++level) {
    const char previous = static_cast<char>(level - 1);
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + previous;
    bomb += "]\n";
  }
  const std::string errors = errors_with(bomb);
  EXPECT_NE(errors.find("the file expands to more than 500000 values (YAML aliases?)"),
            std::string::npos)
      << errors;
}

// Found by fuzzing (the input is in the fuzz corpus): yaml-cpp 0.7's LoadAll returns an
// empty document forever, allocating, on a document that starts with a stray ',' (fixed
// upstream in jbeder/yaml-cpp#1319, after Debian's 0.7.0). validate ran out of memory on a
// 3.7 KB file. Now it is an error at the character.
TEST(DefinitionErrors, ADocumentStartingWithAStrayCommaIsAnErrorNotAHang) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "---\n, name: x\n"),
            "x.yaml:5:1: malformed YAML: a document cannot start here\n"
            "  hint: remove the stray ',', ']' or '}' at this position\n");
}

// Found while replacing LoadAll: an alias inside the value its anchor names made a cycle in
// yaml-cpp's node graph, and counting its expansion overflowed the stack (a crash).
TEST(DefinitionErrors, AnAliasInsideItsOwnAnchorIsAnErrorNotACrash) {
  EXPECT_EQ(errors_with(std::string(kPilots) + "extra: &loop [1, *loop]\n"),
            "x.yaml:4:18: malformed YAML: an alias refers to the value that contains it\n"
            "  hint: an alias can only repeat a value that is complete where it is used\n");
}

// An error in a value given by an alias points at the alias, where the value is used.
TEST(DefinitionErrors, AnErrorInAnAliasedValuePointsAtTheAlias) {
  const std::string errors = errors_with("kind: Team\nname: &wrong 42\norganization: *wrong\n");
  EXPECT_NE(errors.find("x.yaml:2:7:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("x.yaml:3:15:"), std::string::npos) << errors;
}

TEST(DefinitionErrors, AllErrorsComeTogetherSortedByFileAndLine) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  tree.write("b.yaml", "kind: Team\nname: t\norganization: Nowhere\n");
  tree.write("a.yaml", "kind: Widget\n---\nkind: Team\nnme: t\n");
  const Result<Definitions> result = tree.load();
  ASSERT_FALSE(result.ok());
  std::vector<std::string> wheres;
  for (const Error& error : result.errors()) wheres.push_back(error.where);
  EXPECT_EQ(wheres,
            (std::vector<std::string>{tree.shown("a.yaml") + ":1:7", tree.shown("a.yaml") + ":3:1",
                                      tree.shown("a.yaml") + ":3:1", tree.shown("a.yaml") + ":4:1",
                                      tree.shown("b.yaml") + ":3:15"}));
}

TEST(DefinitionErrors, TokenNeverAppearsInAnyMessage) {
  const std::string errors = errors_with(
      "kind: Instance\nname: prod\nurl: https://g.example.com\n"
      "token: {env: \"not a name s3cr3t\"}\nautomationUserEmail: bot@example.com\n");
  EXPECT_EQ(errors.find("s3cr3t"), std::string::npos) << errors;
  EXPECT_NE(errors.find("x.yaml:4:14: Instance prod: `token.env` is not valid"), std::string::npos)
      << errors;
}

}  // namespace
}  // namespace gg
