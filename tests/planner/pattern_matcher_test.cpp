#include "planner/pattern_matcher.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "schemas/schemas.hpp"

namespace gg {
namespace {

void collect_patterns(const nlohmann::json& node, std::set<std::string>& patterns) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "pattern" && value.is_string()) patterns.insert(value.get<std::string>());
      collect_patterns(value, patterns);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect_patterns(value, patterns);
  }
}

// Every "pattern" of the schemas built into the tool.
std::set<std::string> schema_patterns() {
  std::set<std::string> patterns;
  for (const std::string_view name : embedded_schema_names()) {
    collect_patterns(nlohmann::json::parse(*embedded_schema(name)), patterns);
  }
  return patterns;
}

TEST(PatternMatcher, EverySchemaPatternCompiles) {
  const std::set<std::string> patterns = schema_patterns();
  ASSERT_GE(patterns.size(), 15U);
  for (const std::string& pattern : patterns) {
    EXPECT_NO_THROW(PatternMatcher{pattern}) << pattern;
  }
}

// search, not match: an unanchored pattern matches inside the text, an anchored one does not.
TEST(PatternMatcher, SearchesTheTextAsJsonSchemaSays) {
  EXPECT_TRUE(PatternMatcher("nasa").matches("the nasa team"));
  EXPECT_FALSE(PatternMatcher("^nasa$").matches("the nasa team"));
  EXPECT_TRUE(PatternMatcher("^https?://[^/?#@\\s]+").matches("https://hooks.slack.com/x"));
  EXPECT_FALSE(PatternMatcher("^https?://[^/?#@\\s]+").matches("https://@hooks.slack.com"));
  EXPECT_TRUE(PatternMatcher("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").matches("apollo-prod"));
  EXPECT_FALSE(PatternMatcher("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").matches("Apollo-prod"));
}

TEST(PatternMatcher, ABadPatternThrowsAsStdRegexDoes) {
  EXPECT_THROW(PatternMatcher("^[z-a]$"), std::regex_error);
  EXPECT_THROW(PatternMatcher("^(a$"), std::regex_error);
}

}  // namespace
}  // namespace gg
