#include "planner/canonical_json.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

TEST(CanonicalJson, SortsKeysAndDropsWhiteSpace) {
  const auto document = nlohmann::json::parse(R"({ "b": 1, "a": {"d": [1, 2], "c": null} })");
  EXPECT_EQ(canonical_json(document), R"({"a":{"c":null,"d":[1,2]},"b":1})");
}

TEST(CanonicalJson, Sha256OfKnownText) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CanonicalJson, EqualContentGivesEqualDigestAndAnyChangeDiffers) {
  const auto one = nlohmann::json::parse(R"({"x": 1, "y": "z"})");
  const auto two = nlohmann::json::parse(R"({"y": "z",   "x": 1})");
  const auto three = nlohmann::json::parse(R"({"y": "z", "x": 2})");
  EXPECT_EQ(canonical_sha256(one), canonical_sha256(two));
  EXPECT_NE(canonical_sha256(one), canonical_sha256(three));
}

}  // namespace
}  // namespace gg
