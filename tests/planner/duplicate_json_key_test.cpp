#include "planner/duplicate_json_key.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gg {
namespace {

TEST(DuplicateJsonKey, NoneInADocumentWhoseKeysAreUnique) {
  EXPECT_EQ(find_duplicate_json_key(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})"),
            std::nullopt);
}

TEST(DuplicateJsonKey, NamesTheRepeatedKeyByItsPointer) {
  EXPECT_EQ(find_duplicate_json_key(R"({"a": 1, "a": 2})"), "/a");
  EXPECT_EQ(find_duplicate_json_key(R"({"x": {"y": true, "z": null, "y": false}})"), "/x/y");
}

TEST(DuplicateJsonKey, CountsArrayIndexesAndEscapesKeys) {
  EXPECT_EQ(find_duplicate_json_key(R"({"list": [1, {"k": 0}, {"k": 1, "k": 2}]})"), "/list/2/k");
  EXPECT_EQ(find_duplicate_json_key(R"({"a/b": {"~": 1, "~": 2}})"), "/a~1b/~0");
}

TEST(DuplicateJsonKey, ReportsTheFirstOfSeveral) {
  EXPECT_EQ(find_duplicate_json_key(R"({"b": {"c": 1, "c": 1}, "a": 1, "a": 2})"), "/b/c");
}

TEST(DuplicateJsonKey, LeavesTextThatIsNotJsonToTheParser) {
  EXPECT_EQ(find_duplicate_json_key(R"({"a": 1, )"), std::nullopt);
  EXPECT_EQ(find_duplicate_json_key(""), std::nullopt);
  EXPECT_EQ(find_duplicate_json_key(std::string(100'000, '[')), std::nullopt);
}

// The one-pass reader must agree with json::parse and find_duplicate_json_key on each text.
TEST(DuplicateJsonKey, OnePassReaderMakesTheParsersDocumentAndFindsTheSameKey) {
  for (const char* text :
       {R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}], "d": [[], {}, null, 1.5, -2]})",
        R"({"a": 1, "a": 2})", R"({"x": {"y": true, "z": null, "y": false}})",
        R"({"list": [1, {"k": 0}, {"k": 1, "k": 2}]})", R"({"a/b": {"~": 1, "~": 2}})",
        R"({"b": {"c": 1, "c": 1}, "a": 1, "a": 2})", R"([1, "two", {"three": [3]}])",
        R"("just a string")", "18446744073709551615"}) {
    const JsonDocument read = parse_json_noting_duplicate_key(text);
    EXPECT_EQ(read.value, nlohmann::json::parse(text)) << text;
    EXPECT_EQ(read.duplicate, find_duplicate_json_key(text)) << text;
  }
}

TEST(DuplicateJsonKey, OnePassReaderThrowsWhatParseThrows) {
  for (const std::string& text :
       {std::string(R"({"a": 1, )"), std::string(R"({"a": 1, "a": 2, ])"), std::string(),
        std::string(100'000, '['), std::string("{} trailing")}) {
    std::string expected;
    try {
      (void)nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
      expected = error.what();
    }
    ASSERT_FALSE(expected.empty());
    EXPECT_THROW(
        {
          try {
            (void)parse_json_noting_duplicate_key(text);
          } catch (const nlohmann::json::parse_error& error) {
            EXPECT_EQ(error.what(), expected);
            throw;
          }
        },
        nlohmann::json::parse_error);
  }
  EXPECT_THROW((void)parse_json_noting_duplicate_key("1e999"), nlohmann::json::out_of_range);
  EXPECT_THROW((void)nlohmann::json::parse("1e999"), nlohmann::json::out_of_range);
}

}  // namespace
}  // namespace gg
