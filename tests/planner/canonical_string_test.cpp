#include "planner/canonical_string.hpp"

#include <gtest/gtest.h>

#include "planner/canonical_json.hpp"

namespace gg {
namespace {

TEST(CanonicalString, IsTheBytesOfTheJsonSerializer) {
  for (const std::string& text :
       {std::string("plain text/with:punctuation-_.@~"), std::string("quote \" and \\"),
        std::string("new\nline \x01 tab\t del\x7f"), std::string("caf\xc3\xa9 \xe2\x82\xac"),
        std::string("cut \xe2\x82"), std::string("\xff not UTF-8"), std::string()}) {
    std::string out = "[";
    append_canonical_string(out, text);
    EXPECT_EQ(out, "[" + canonical_json(nlohmann::json(text))) << text;
  }
}

}  // namespace
}  // namespace gg
