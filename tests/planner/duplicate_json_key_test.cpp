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

}  // namespace
}  // namespace gg
