#include "providers/glitchtip/error_body.hpp"

#include <gtest/gtest.h>

namespace gg::glitchtip {
namespace {

// Bodies recorded from real servers of both generations (docs/glitchtip-api.md §9).
TEST(GlitchtipMessage, DrfDetail) {
  EXPECT_EQ(glitchtip_message(R"({"detail": "Invalid token."})"), "Invalid token.");
}

TEST(GlitchtipMessage, DrfFieldErrors) {
  EXPECT_EQ(glitchtip_message(R"({"email": ["Enter a valid email address."]})"),
            "email: Enter a valid email address.");
  EXPECT_EQ(
      glitchtip_message(R"({"name": ["This field is required."], "slug": ["Bad.", "Worse."]})"),
      "name: This field is required.; slug: Bad.; Worse.");
}

TEST(GlitchtipMessage, DrfNonFieldList) {
  EXPECT_EQ(glitchtip_message(R"(["Slug must be unique for organization"])"),
            "Slug must be unique for organization");
}

TEST(GlitchtipMessage, DrfMessageKey) {
  EXPECT_EQ(
      glitchtip_message(R"({"message": "User is organization owner. Transfer ownership first."})"),
      "User is organization owner. Transfer ownership first.");
}

TEST(GlitchtipMessage, NinjaDetail) {
  EXPECT_EQ(glitchtip_message(R"({"detail": "The user dev1@example.com is already invited"})"),
            "The user dev1@example.com is already invited");
}

TEST(GlitchtipMessage, NinjaValidationErrorsNameTheField) {
  const char* body = R"({"detail": [{"type": "literal_error", "loc": ["body", "payload", "orgRole"],
      "msg": "Input should be 'member', 'admin', 'manager' or 'owner'",
      "ctx": {"expected": "'member', 'admin', 'manager' or 'owner'"}}]})";
  EXPECT_EQ(glitchtip_message(body),
            "orgRole: Input should be 'member', 'admin', 'manager' or 'owner'");
}

TEST(GlitchtipMessage, HtmlPageIsSummarised) {
  EXPECT_EQ(glitchtip_message("<!doctype html>\n<html><body>Not Found</body></html>"),
            "an HTML page instead of a JSON answer");
}

TEST(GlitchtipMessage, PlainTextIsOneBoundedLine) {
  EXPECT_EQ(glitchtip_message("upstream connect error\nsecond line"), "upstream connect error");
  EXPECT_LE(glitchtip_message(std::string(5000, 'x')).size(), 210u);
  EXPECT_EQ(glitchtip_message(""), "");
}

}  // namespace
}  // namespace gg::glitchtip
