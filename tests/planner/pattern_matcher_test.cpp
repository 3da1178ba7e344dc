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

// Values like the ones the schemas check, and one-character changes of them (replaced,
// inserted or deleted, with characters the patterns treat specially), so that each pattern
// sees values just inside and just outside what it accepts. A long seed is changed at its
// ends and middle only. `alphabet`: the characters put in.
std::vector<std::string> values(const std::string& alphabet) {
  const std::vector<std::string> seeds = {
      "",
      "a",
      "nasa-pilots",
      "a_b",
      "Team_1",
      "neil@nasa.com",
      "a@b",
      "https://glitchtip.example.com/api/0/",
      "GLITCHTIP_TOKEN",
      "example.com",
      "123e4567-e89b-42d3-a456-426614174000",
      "2026-12-02T04:40:46Z",
      "add-team-member",
      std::string(50, 'a'),
      std::string(64, 'f'),
      "sha256:" + std::string(64, '0'),
  };
  std::set<std::string> all(seeds.begin(), seeds.end());
  for (const std::string& seed : seeds) {
    std::set<size_t> positions;
    for (size_t at = 0; at <= seed.size(); ++at) {
      if (seed.size() <= 20 || at < 2 || at + 2 > seed.size() || at == seed.size() / 2) {
        positions.insert(at);
      }
    }
    for (const size_t at : positions) {
      if (at < seed.size()) all.insert(seed.substr(0, at) + seed.substr(at + 1));
      for (const char c : alphabet) {
        all.insert(seed.substr(0, at) + c + seed.substr(at));
        if (at < seed.size()) all.insert(seed.substr(0, at) + c + seed.substr(at + 1));
      }
    }
  }
  return {all.begin(), all.end()};
}

// NUL, white space and the first byte of "é" besides the patterns' own characters.
const std::string kAlphabet = std::string("aZ0-_.@/:T \t\n\v") + '\0' + "\xc3";

void expect_same_as_regex(const std::string& pattern, const std::vector<std::string>& inputs) {
  const PatternMatcher matcher(pattern);
  const std::regex regex(pattern);
  size_t matched = 0;
  for (const std::string& value : inputs) {
    const bool expected = std::regex_search(value, regex);
    matched += expected ? 1 : 0;
    ASSERT_EQ(matcher.matches(value), expected)
        << "pattern " << pattern << ", value \"" << value << "\"";
  }
  EXPECT_GT(matched, 0U) << pattern << " matched none of the values: the test says little";
}

TEST(PatternMatcher, EverySchemaPatternCompilesAndAnswersAsStdRegex) {
  const std::set<std::string> patterns = schema_patterns();
  ASSERT_GE(patterns.size(), 15U);
  const std::vector<std::string> inputs = values(kAlphabet);
  for (const std::string& pattern : patterns) expect_same_as_regex(pattern, inputs);
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
