// Plan and snapshot files that are damaged or crafted: each is refused with an error naming
// the file (and, where it can, the place in it), in bounded time, never a crash or a plan or
// snapshot that means something other than what its text shows.

#include <gtest/gtest.h>

#include <string>

#include "planner/plan_file.hpp"
#include "providers/snapshot/snapshot.hpp"
#include "tests/support/files.hpp"

namespace gg {
namespace {

std::string golden_plan() {
  return testing::read_file(std::string(GG_SOURCE_DIR) +
                            "/tests/planner/golden/everything_created.json");
}

// Replaces the first `from` in `text` by `to`; the test fails when there is none.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string refusal(const Result<Plan>& read) {
  EXPECT_FALSE(read.ok()) << "expected the plan to be refused";
  return read.ok() ? "" : read.error().to_string();
}

TEST(HostilePlanFile, TheGoldenPlanIsReadable) {
  // The starting point of every case below is accepted, so each refusal is the edit's doing.
  const Result<Plan> read = read_plan(golden_plan(), "plan.json");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
}

TEST(HostilePlanFile, ADuplicatedKeyIsRefusedNamingItsPointer) {
  // json::parse keeps the last of two equal keys: a reviewer reading the file would see
  // "ESA" where apply acts on "Evil".
  const std::string text =
      with(golden_plan(), R"("name": "ESA")", R"("name": "ESA", "name": "Evil")");
  const Result<Plan> read = read_plan(text, "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "plan.json: /actions/0/after/name");
  EXPECT_EQ(read.error().message, "the plan file gives this key twice");
}

TEST(HostilePlanFile, ADuplicatedTopLevelKeyIsRefused) {
  const std::string text = with(golden_plan(), "{\n", "{\n  \"actions\": [],\n");
  EXPECT_NE(refusal(read_plan(text, "plan.json")).find("plan.json: /actions"), std::string::npos);
}

TEST(HostilePlanFile, TruncatedAnywhereIsRefusedNamingTheFile) {
  const std::string text = golden_plan();
  for (std::size_t length = 0; length + 1 < text.size(); length += 97) {
    EXPECT_NE(refusal(read_plan(text.substr(0, length), "plan.json")).find("plan.json"),
              std::string::npos)
        << length;
  }
}

TEST(HostilePlanFile, WrongTypesAreNamedByPointer) {
  const std::string text = with(golden_plan(), R"("id": 1,)", R"("id": "1",)");
  EXPECT_NE(refusal(read_plan(text, "plan.json")).find("/actions/0/id"), std::string::npos);
}

TEST(HostilePlanFile, HugeNumbersAreRefusedNotWrappedOrRounded) {
  for (const std::string huge :
       {"18446744073709551616", "1e400", "-9223372036854775809", "99999999999999999999999999"}) {
    const std::string text = with(golden_plan(), R"("id": 1,)", R"("id": )" + huge + ",");
    EXPECT_FALSE(read_plan(text, "plan.json").ok()) << huge;
  }
  const std::string serial = with(golden_plan(), R"("serial": 0)", R"("serial": 1e400)");
  EXPECT_FALSE(read_plan(serial, "plan.json").ok());
}

TEST(HostilePlanFile, AMillionAndOneActionsAreRefusedByTheDefaultLimitInBoundedTime) {
  std::string actions = "[0";
  for (int i = 0; i < 1'000'000; ++i) actions += ",0";
  const std::string text = R"({"format_version": 1, "actions": )" + actions + "]}";
  const Result<Plan> read = read_plan(text, "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "the plan has 1000001 actions, more than the limit of 1000000");
}

TEST(HostilePlanFile, DeepNestingIsAnErrorNotAStackOverflow) {
  const std::string text = R"({"format_version": 1, "actions": )" + std::string(200'000, '[');
  EXPECT_FALSE(read_plan(text, "plan.json").ok());
}

TEST(HostilePlanFile, NonUtf8AndNulBytesAreRefused) {
  EXPECT_FALSE(read_plan(with(golden_plan(), "ESA", "E\xff\xfe"), "plan.json").ok());
  EXPECT_FALSE(read_plan(with(golden_plan(), "ESA", std::string("E\0A", 3)), "plan.json").ok());
}

std::string sample_snapshot() {
  Snapshot snapshot;
  snapshot.lineage = "6f1c1e3a-2b1d-4e55-9a3b-3f1f2c9d8e7a";
  snapshot.serial = 3;
  snapshot.tool_version = "0.1.0";
  snapshot.updated_at = "2026-01-02T03:04:05Z";
  snapshot.last_operation = "apply";
  return snapshot_text(snapshot);
}

std::string snapshot_refusal(const std::string& text) {
  const Result<Snapshot> read = snapshot_from_text(text, "state.json");
  EXPECT_FALSE(read.ok()) << "expected the snapshot to be refused:\n" << text;
  return read.ok() ? "" : read.error().to_string();
}

TEST(HostileSnapshot, TheSampleIsReadable) {
  const Result<Snapshot> read = snapshot_from_text(sample_snapshot(), "state.json");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read.value().serial, 3);
}

TEST(HostileSnapshot, TruncatedAnywhereIsRefusedNamingTheFile) {
  const std::string text = sample_snapshot();
  for (std::size_t length = 0; length + 1 < text.size(); length += 7) {
    EXPECT_NE(snapshot_refusal(text.substr(0, length)).find("state.json"), std::string::npos)
        << length;
  }
}

TEST(HostileSnapshot, WrongTypesAndHugeNumbersAreRefused) {
  const std::string text = sample_snapshot();
  snapshot_refusal(with(text, R"("serial": 3)", R"("serial": "3")"));
  snapshot_refusal(with(text, R"("serial": 3)", R"("serial": 1e400)"));
  snapshot_refusal(with(text, R"("serial": 3)", R"("serial": 18446744073709551616)"));
  snapshot_refusal(with(text, R"("serial": 3)", R"("serial": -1)"));
  snapshot_refusal(with(text, R"("instances": {})", R"("instances": [])"));
}

// As with plan files: the JSON reader keeps the last of two equal keys, a person reading the
// snapshot in a merge request sees the first. Refused, as read_plan refuses them.
TEST(HostileSnapshot, ADuplicatedKeyIsRefused) {
  const std::string text = sample_snapshot();
  const std::string serial =
      snapshot_refusal(with(text, R"("serial": 3)", R"("serial": 3, "serial": 4)"));
  EXPECT_NE(serial.find("state.json: /serial"), std::string::npos) << serial;
  EXPECT_NE(serial.find("twice"), std::string::npos) << serial;
  const std::string instances =
      snapshot_refusal(with(text, R"("instances": {})", R"("instances": {}, "instances": {})"));
  EXPECT_NE(instances.find("state.json: /instances"), std::string::npos) << instances;
}

TEST(HostileSnapshot, DeepNestingIsAnErrorNotAStackOverflow) {
  snapshot_refusal(std::string(200'000, '['));
  snapshot_refusal(R"({"instances": )" + std::string(200'000, '{'));
}

}  // namespace
}  // namespace gg
