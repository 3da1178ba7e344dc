#include "planner/slugify.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

struct Vector {
  const char* name;
  const char* slug;
};

TEST(Slugify, MatchesGlitchTipOnTheReferenceVectors) {
  const Vector vectors[] = {
      {"Simple", "simple"},
      {"Test 1 2 3", "test-1-2-3"},
      {"Test-1_2 3", "test-1_2-3"},
      {"  leading-trailing  ", "leading-trailing"},
      {"Special! Chars@#", "special-chars"},
      {"multiple   spaces", "multiple-spaces"},
      {"with_underscore", "with_underscore"},
      {"Ünïcödé Café", "unicode-cafe"},
      {"Apollo 11: Flight Control", "apollo-11-flight-control"},
      {"My Org", "my-org"},
      {"acme corp!", "acme-corp"},
      {"a/b.c", "abc"},
      {"foo_bar baz", "foo_bar-baz"},
      {"_ leading underscore", "leading-underscore"},
      {"trailing --", "trailing"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(slugify(v.name), v.slug) << "name: " << v.name;
  }
}

TEST(Slugify, NamesWithNothingAsciiLeft) {
  EXPECT_EQ(slugify("日本語"), "");
  EXPECT_EQ(slugify("!!!"), "");
  EXPECT_EQ(slugify(""), "");
}

TEST(Slugify, CompatibilityFormsFold) {
  EXPECT_EQ(slugify("ﬁle Ⅻ"), "file-xii");  // ligature and Roman numeral decompose (NFKD)
}

// GlitchTip cuts a project's slug at 50 characters and strips the separators the cut leaves.
TEST(ProjectSlug, IsCutAtFiftyCharactersLikeGlitchTips) {
  EXPECT_EQ(project_slug("Apollo 11"), "apollo-11");
  const std::string long_name = std::string(49, 'a') + " b c";
  EXPECT_EQ(project_slug(long_name), std::string(49, 'a'));
  EXPECT_EQ(slugify(long_name), std::string(49, 'a') + "-b-c");
  EXPECT_EQ(project_slug(std::string(60, 'x')), std::string(50, 'x'));
  EXPECT_EQ(project_slug("New"), kReservedProjectSlug);
}

TEST(Slugify, InvalidUtf8GivesNoSlug) {
  EXPECT_EQ(slugify("bad \xff byte"), "");
}

}  // namespace
}  // namespace gg
