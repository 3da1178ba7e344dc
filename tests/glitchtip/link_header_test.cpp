#include "providers/glitchtip/link_header.hpp"

#include <gtest/gtest.h>

namespace gg::glitchtip {
namespace {

// Recorded from a DRF server: a team list, limit=2, page 1 (docs/glitchtip-api.md §3.4).
constexpr const char* kDrfFirstPage =
    R"(<http://127.0.0.1:8000/api/0/organizations/probe-org-28067/teams/?limit=2>; rel="previous"; results="false", )"
    R"(<http://127.0.0.1:8000/api/0/organizations/probe-org-28067/teams/?cursor=cD0yMDI2LTExLTI5KzA0JTNBNTQlM0EyOS45MjYwMzclMkIwMCUzQTAw&limit=2>; rel="next"; results="true"; cursor="cD0yMDI2LTExLTI5KzA0JTNBNTQlM0EyOS45MjYwMzclMkIwMCUzQTAw")";

// The same list, page 3: the last page.
constexpr const char* kDrfLastPage =
    R"(<http://127.0.0.1:8000/api/0/organizations/probe-org-28067/teams/?cursor=cj0xJnA9MjAy&limit=2>; rel="previous"; results="true"; cursor="cj0xJnA9MjAy", )"
    R"(<http://127.0.0.1:8000/api/0/organizations/probe-org-28067/teams/?cursor=cD0yMDI2&limit=2>; rel="next"; results="false")";

// Recorded from a ninja server: the set-literal quirk (docs/glitchtip-api.md §3.4).
constexpr const char* kNinjaFirstPage =
    R"({'<http://127.0.0.1:8001/api/0/organizations/acme-test/teams/?limit=2>; rel="previous"; results="false", )"
    R"(<http://127.0.0.1:8001/api/0/organizations/acme-test/teams/?cursor=cD0yMDI2LTExLTI5KzA1JTNBMTUlM0EwNy45OTQyNzglMkIwMCUzQTAw&limit=2>; rel="next"; results="true"; cursor="cD0yMDI2LTExLTI5KzA1JTNBMTUlM0EwNy45OTQyNzglMkIwMCUzQTAw"'})";

constexpr const char* kNinjaSinglePage =
    R"({'<http://127.0.0.1:8001/api/0/organizations/>; rel="previous"; results="false", <http://127.0.0.1:8001/api/0/organizations/>; rel="next"; results="false"'})";

TEST(NextPageUrl, FollowsDrfNextWithResults) {
  EXPECT_EQ(next_page_url(kDrfFirstPage),
            "http://127.0.0.1:8000/api/0/organizations/probe-org-28067/teams/"
            "?cursor=cD0yMDI2LTExLTI5KzA0JTNBNTQlM0EyOS45MjYwMzclMkIwMCUzQTAw&limit=2");
}

TEST(NextPageUrl, StopsWhenNextHasNoResults) {
  EXPECT_EQ(next_page_url(kDrfLastPage), std::nullopt);
  EXPECT_EQ(next_page_url(kNinjaSinglePage), std::nullopt);
}

TEST(NextPageUrl, ReadsTheNinjaSetLiteralForm) {
  EXPECT_EQ(next_page_url(kNinjaFirstPage),
            "http://127.0.0.1:8001/api/0/organizations/acme-test/teams/"
            "?cursor=cD0yMDI2LTExLTI5KzA1JTNBMTUlM0EwNy45OTQyNzglMkIwMCUzQTAw&limit=2");
}

TEST(NextPageUrl, NoHeaderOrNoNextMeansNoMorePages) {
  EXPECT_EQ(next_page_url(""), std::nullopt);
  EXPECT_EQ(next_page_url(R"(<http://h/api/0/x/>; rel="previous"; results="true")"), std::nullopt);
}

TEST(ResolveLink, KeepsPathAndQueryOnly) {
  const auto path = resolve_link("http://127.0.0.1:8000",
                                 "http://127.0.0.1:8000/api/0/organizations/?cursor=abc&limit=100");
  ASSERT_TRUE(path.ok()) << path.error().to_string();
  EXPECT_EQ(*path, "/api/0/organizations/?cursor=abc&limit=100");
}

TEST(ResolveLink, AcceptsAnotherPortOrSchemeOfTheSameHostBehindAProxy) {
  const auto path = resolve_link("https://glitchtip.example.com",
                                 "http://GlitchTip.example.com:8000/api/0/teams/?cursor=x");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, "/api/0/teams/?cursor=x");
}

TEST(ResolveLink, RemovesTheBasePathPrefix) {
  const auto path = resolve_link("https://example.com/glitchtip",
                                 "https://example.com/glitchtip/api/0/organizations/?cursor=c");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, "/api/0/organizations/?cursor=c");
}

// Found by fuzzing: dot segments can leave "//" at the start of the path.
TEST(ResolveLink, NeverStartsThePathWithTwoSlashes) {
  const auto path = resolve_link("https://glitchtip.example.com",
                                 "https://glitchtip.example.com/..//api/0/teams/?cursor=x");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path.value(), "/api/0/teams/?cursor=x");
}

TEST(ResolveLink, RefusesAnotherHost) {
  const auto path = resolve_link("https://glitchtip.example.com",
                                 "https://evil.example.org/api/0/organizations/");
  ASSERT_FALSE(path.ok());
  EXPECT_NE(path.error().message.find("evil.example.org"), std::string::npos);
  EXPECT_NE(path.error().message.find("refusing"), std::string::npos);
}

TEST(ResolveLink, RefusesSomethingThatIsNotAUrl) {
  EXPECT_FALSE(resolve_link("https://glitchtip.example.com", "not a url").ok());
}

TEST(CursorOf, NamesThePage) {
  EXPECT_EQ(cursor_of("/api/0/x/?cursor=abc&limit=2"), "abc");
  EXPECT_EQ(cursor_of("/api/0/x/?limit=2&cursor=def"), "def");
  EXPECT_EQ(cursor_of("/api/0/x/?limit=2"), "?limit=2");
}

}  // namespace
}  // namespace gg::glitchtip
