// Definitions written to hurt the loader: each is refused with an error naming the file,
// in bounded time (and so bounded memory), never a crash. Cases covered elsewhere (10 MiB
// limit, a first non-UTF-8 case, an alias bomb of sequences, symbolic link loops and an
// absolute link outside) are in tests/definitions/definition_errors_test.cpp.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "providers/definitions/definitions.hpp"
#include "tests/definitions/definitions_tree.hpp"

namespace gg {
namespace {

using testing::DefinitionsTree;
using testing::kInstanceAndOrganization;

// What a refused load reported. How long it took is no test's business (benchmarks measure
// speed); the bounds show in the errors ("expands to more than", "over the limit"), and a
// load that hung would hit ctest's timeout.
struct Outcome {
  std::string errors;
};

// Loads the base definitions plus `file` (already written into `tree`); must fail.
Outcome refused(const DefinitionsTree& tree) {
  const Result<Definitions> result = tree.load();
  Outcome outcome;
  EXPECT_FALSE(result.ok()) << "expected the definitions to be rejected";
  if (!result.ok()) outcome.errors = testing::all_errors(result);
  return outcome;
}

Outcome refused_with(const std::string& content) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  tree.write("x.yaml", content);
  return refused(tree);
}

TEST(HostileDefinitions, AHundredMegabyteFileIsRefusedBySizeWithoutReadingIt) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  const auto big = tree.write("big.yaml", "");
  ASSERT_EQ(::truncate(big.c_str(), off_t{100} * 1024 * 1024), 0);
  const Outcome outcome = refused(tree);
  EXPECT_NE(outcome.errors.find("big.yaml: file is 104857600 bytes, over the limit of 10 MiB"),
            std::string::npos)
      << outcome.errors;
}

TEST(HostileDefinitions, DeeplyNestedSequencesAreAnErrorNotAStackOverflow) {
  const Outcome outcome = refused_with("kind: Team\nname: " + std::string(100'000, '[') + "\n");
  EXPECT_NE(outcome.errors.find("x.yaml:"), std::string::npos) << outcome.errors;
}

TEST(HostileDefinitions, DeeplyNestedMappingsAreAnErrorNotAStackOverflow) {
  std::string nested = "kind: Team\nname: ";
  for (int i = 0; i < 100'000; ++i) nested += "{a: ";
  const Outcome outcome = refused_with(nested + "\n");
  EXPECT_NE(outcome.errors.find("x.yaml:"), std::string::npos) << outcome.errors;
}

TEST(HostileDefinitions, NestingJustBelowTheParserLimitStillLoadsOrFailsCleanly) {
  // Deep but closed: either yaml-cpp accepts it and the schema refuses the value, or the
  // depth guard refuses it; both name the file.
  const Outcome outcome =
      refused_with("kind: Team\nname: nasa\norganization: NASA\nx: " + std::string(1500, '[') +
                   std::string(1500, ']') + "\n");
  EXPECT_NE(outcome.errors.find("x.yaml:"), std::string::npos) << outcome.errors;
}

TEST(HostileDefinitions, MergeKeyAliasBombIsBounded) {
  std::string bomb = "a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}\n";
  for (char level = 'b'; level <= 'k'; ++level) {
    const char previous = static_cast<char>(level - 1);
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? ", " : "") + "*" + previous;
    bomb += "]\n";
  }
  const Outcome outcome = refused_with(bomb);
  EXPECT_NE(outcome.errors.find("expands to more than"), std::string::npos) << outcome.errors;
}

TEST(HostileDefinitions, TheClassicBillionLaughsIsBounded) {
  // The XML original in YAML: nine levels, each a sequence of nine aliases of the one
  // before, would expand a 3-byte string to 10^9 copies (3 GB).
  std::string bomb = "kind: Team\nname: nasa\norganization: NASA\nlol0: &lol0 \"lol\"\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*lol" + std::to_string(level - 1);
    bomb += "lol" + std::to_string(level) + ": &lol" + std::to_string(level) + " [" + previous;
    for (int i = 1; i < 9; ++i) bomb += ", " + previous;
    bomb += "]\n";
  }
  const Outcome outcome = refused_with(bomb);
  EXPECT_NE(outcome.errors.find("x.yaml"), std::string::npos) << outcome.errors;
  EXPECT_NE(outcome.errors.find("the file expands to more than 500000 values"), std::string::npos)
      << outcome.errors;
}

TEST(HostileDefinitions, EveryKindOfInvalidUtf8IsRefusedNamingLineAndColumn) {
  for (const std::string& bytes : {
           std::string("\xc0\xaf"),          // an overlong '/'
           std::string("\xed\xa0\x80"),      // a UTF-16 surrogate
           std::string("\xf4\x90\x80\x80"),  // past U+10FFFF
           std::string("\xe2\x82"),          // cut in the middle of a character
           std::string("\x80"),              // a continuation byte alone
       }) {
    const Outcome outcome =
        refused_with("kind: Team\nname: nasa" + bytes + "\norganization: NASA\n");
    EXPECT_NE(outcome.errors.find("x.yaml:2:11: the file is not valid UTF-8"), std::string::npos)
        << outcome.errors;
  }
}

TEST(HostileDefinitions, ARelativeLinkThatClimbsOutOfTheDirectoryIsNeverRead) {
  // The link's target is a valid definition: were it followed, it would load.
  DefinitionsTree outside;
  outside.write("evil.yaml", "kind: Team\nname: evil\norganization: NASA\n");
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  const auto climb = std::filesystem::relative(outside.root() / "evil.yaml", tree.root());
  ASSERT_EQ(climb.begin()->string(), "..");
  std::filesystem::create_symlink(climb, tree.root() / "team.yaml");
  const Outcome outcome = refused(tree);
  EXPECT_NE(outcome.errors.find("team.yaml: symbolic link points outside the definitions "
                                "directory"),
            std::string::npos)
      << outcome.errors;
}

TEST(HostileDefinitions, AChainOfLinksThatEndsOutsideIsNeverRead) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  std::filesystem::create_symlink("/etc/hostname", tree.root() / "last.yaml");
  std::filesystem::create_symlink("last.yaml", tree.root() / "middle.yaml");
  std::filesystem::create_symlink("middle.yaml", tree.root() / "first.yaml");
  const Outcome outcome = refused(tree);
  for (const std::string link : {"first.yaml", "middle.yaml", "last.yaml"}) {
    EXPECT_NE(outcome.errors.find(link + ": symbolic link points outside the definitions "
                                         "directory (to /etc/hostname)"),
              std::string::npos)
        << outcome.errors;
  }
}

TEST(HostileDefinitions, ANulByteIsRefusedNamingTheFile) {
  const Outcome outcome =
      refused_with(std::string("kind: Team\nname: nasa\0pilots\norganization: NASA\n", 48));
  EXPECT_NE(outcome.errors.find("x.yaml:"), std::string::npos) << outcome.errors;
}

TEST(HostileDefinitions, AFifoNamedLikeAFileIsSkippedWithoutBlocking) {
  // Only regular files (and links to regular files inside the directory) are definitions;
  // opening a FIFO would block until someone writes to it.
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  ASSERT_EQ(::mkfifo((tree.root() / "pipe.yaml").c_str(), 0600), 0);
  const Result<Definitions> loaded = tree.load();  // blocking would hit ctest's timeout
  ASSERT_TRUE(loaded.ok()) << testing::all_errors(loaded);
  EXPECT_EQ(loaded.value().files, std::vector<std::string>{"base.yaml"});
}

TEST(HostileDefinitions, ALinkToADeviceOutsideTheDirectoryIsNeverRead) {
  DefinitionsTree tree;
  tree.write("base.yaml", kInstanceAndOrganization);
  std::filesystem::create_symlink("/dev/zero", tree.root() / "zero.yaml");
  const Outcome outcome = refused(tree);
  EXPECT_NE(outcome.errors.find("zero.yaml"), std::string::npos) << outcome.errors;
}

}  // namespace
}  // namespace gg
