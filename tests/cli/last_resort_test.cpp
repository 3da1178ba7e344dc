// The last resort of main (cmd/last_resort.hpp): an exception that escapes a command, on the
// main thread or another, ends in a clear error and exit code 1, not in std::terminate's
// abort with a stack trace.

#include "cmd/last_resort.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "cmd/exit_code.hpp"

namespace gg::cmd {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(LastResort, AnExceptionBecomesAnInternalError) {
  std::ostringstream err;
  const int code = run_guarded(
      []() -> int {
        // What a document the schema accepts and the code does not expect does.
        return nlohmann::json::object().at("url").get<int>();
      },
      [&] { return Log("info", "text", err); });
  EXPECT_EQ(code, kExitError);
  EXPECT_THAT(err.str(), HasSubstr("error: internal error: [json.exception.out_of_range.403] "
                                   "key 'url' not found"));
  EXPECT_THAT(err.str(), HasSubstr("hint: this is a bug in glitchtip-gitops"));
}

TEST(LastResort, TheInternalErrorIsJsonWithJsonLogs) {
  std::ostringstream err;
  run_guarded([]() -> int { throw std::logic_error("broken invariant"); },
              [&] { return Log("info", "json", err); });
  const nlohmann::json object = nlohmann::json::parse(err.str());
  EXPECT_EQ(object.at("level"), "error");
  EXPECT_EQ(object.at("message"), "internal error: broken invariant");
}

TEST(LastResort, AParseErrorDoesNotQuoteItsInput) {
  std::ostringstream err;
  run_guarded(
      []() -> int {
        (void)nlohmann::json::parse("{\"token\": secret-value");
        return 0;
      },
      [&] { return Log("info", "text", err); });
  EXPECT_THAT(err.str(), HasSubstr("internal error: a JSON parse error"));
  EXPECT_THAT(err.str(), Not(HasSubstr("secret-value")));
}

TEST(LastResort, ACommandThatReturnsKeepsItsExitCode) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([] { return kExitChanges; }, [&] { return Log("info", "text", err); }),
            kExitChanges);
  EXPECT_EQ(err.str(), "");
}

TEST(LastResortDeathTest, AnExceptionOnAnotherThreadExitsWithTheErrorCode) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        install_terminate_handler();
        std::thread([] { throw std::runtime_error("lost on a worker"); }).join();
      },
      ::testing::ExitedWithCode(kExitError), "error: internal error: lost on a worker");
}

}  // namespace
}  // namespace gg::cmd
