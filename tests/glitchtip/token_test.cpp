#include "providers/glitchtip/token.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::glitchtip {
namespace {

TEST(ReadToken, FromAnEnvironmentVariable) {
  setenv("GG_TOKEN_TEST_VARIABLE", "  abc123\n", 1);
  const auto token = read_token("prod", {TokenSource::Kind::environment, "GG_TOKEN_TEST_VARIABLE"});
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->authorization_header(), "Authorization: Bearer abc123");
}

TEST(ReadToken, AMissingVariableIsNamed) {
  unsetenv("GG_TOKEN_TEST_MISSING");
  const auto token = read_token("prod", {TokenSource::Kind::environment, "GG_TOKEN_TEST_MISSING"});
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().where, "prod");
  EXPECT_NE(token.error().message.find("GG_TOKEN_TEST_MISSING is not set"), std::string::npos);
}

TEST(ReadToken, AnEmptyVariableIsAnError) {
  setenv("GG_TOKEN_TEST_EMPTY", " \n", 1);
  EXPECT_FALSE(read_token("prod", {TokenSource::Kind::environment, "GG_TOKEN_TEST_EMPTY"}).ok());
}

TEST(ReadToken, FromAFile) {
  const testing::TemporaryDirectory directory("gg-token");
  const auto path = directory / "token";
  testing::write_file(path, "filetoken\n");
  const auto token = read_token("prod", {TokenSource::Kind::file, path.string()});
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->authorization_header(), "Authorization: Bearer filetoken");
  testing::write_file(path, "");
  const auto empty = read_token("prod", {TokenSource::Kind::file, path.string()});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find(path.string()), std::string::npos);
}

TEST(ReadToken, AnUnreadableFileIsNamed) {
  const auto token = read_token("prod", {TokenSource::Kind::file, "/nonexistent/gg/token"});
  ASSERT_FALSE(token.ok());
  EXPECT_NE(token.error().message.find("/nonexistent/gg/token"), std::string::npos);
  EXPECT_NE(token.error().message.find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace gg::glitchtip
