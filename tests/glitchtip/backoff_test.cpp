#include "providers/glitchtip/backoff.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <set>

namespace gg::glitchtip {
namespace {

using std::chrono::milliseconds;

TEST(RetryDelay, GrowsExponentiallyWithJitterInTheUpperHalf) {
  std::mt19937_64 rng(7);
  const BackoffPolicy policy{milliseconds(100), milliseconds(100000), milliseconds(5000)};
  for (int attempt = 1; attempt <= 5; ++attempt) {
    const auto full = milliseconds(100 << (attempt - 1));
    for (int i = 0; i < 50; ++i) {
      const auto delay = retry_delay(policy, attempt, std::nullopt, rng);
      EXPECT_GE(delay, full / 2) << attempt;
      EXPECT_LE(delay, full) << attempt;
    }
  }
}

TEST(RetryDelay, JitterSpreadsRetries) {
  std::mt19937_64 rng(1);
  const BackoffPolicy policy;
  std::set<int64_t> seen;
  for (int i = 0; i < 20; ++i) seen.insert(retry_delay(policy, 3, std::nullopt, rng).count());
  EXPECT_GT(seen.size(), 5u);
}

TEST(RetryDelay, IsCappedByTheCeiling) {
  std::mt19937_64 rng(1);
  const BackoffPolicy policy{milliseconds(200), milliseconds(1000), milliseconds(5000)};
  EXPECT_LE(retry_delay(policy, 30, std::nullopt, rng), milliseconds(1000));
}

TEST(RetryDelay, HonoursRetryAfterWithinItsCeiling) {
  std::mt19937_64 rng(1);
  const BackoffPolicy policy{milliseconds(200), milliseconds(1000), milliseconds(5000)};
  EXPECT_EQ(retry_delay(policy, 1, 3, rng), milliseconds(3000));
  EXPECT_EQ(retry_delay(policy, 1, 0, rng), milliseconds(0));
  EXPECT_EQ(retry_delay(policy, 1, 3600, rng), milliseconds(5000));
}

TEST(ParseRetryAfter, ReadsSeconds) {
  EXPECT_EQ(parse_retry_after("120"), 120);
  EXPECT_EQ(parse_retry_after(" 5\r\n"), 5);
}

TEST(ParseRetryAfter, ReadsAnHttpDate) {
  char text[64];
  const std::time_t later = std::time(nullptr) + 30;
  std::tm utc{};
  gmtime_r(&later, &utc);
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  const auto seconds = parse_retry_after(text);
  ASSERT_TRUE(seconds.has_value()) << text;
  EXPECT_GE(*seconds, 28);
  EXPECT_LE(*seconds, 30);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0);  // in the past
}

TEST(ParseRetryAfter, RejectsJunk) {
  EXPECT_EQ(parse_retry_after(""), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon"), std::nullopt);
}

}  // namespace
}  // namespace gg::glitchtip
