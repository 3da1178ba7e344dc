#include "planner/plan_file.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "planner/canonical_json.hpp"
#include "schemas/schemas.hpp"
#include "tests/planner/render_plans_fixture.hpp"

namespace gg {
namespace {

using testing::everything_created_plan;
using testing::offboarding_plan;

// Rewrites a sealed plan's file with `edit` applied to its JSON, keeping plan_sha256.
std::string edited_file(const Plan& plan, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json document = plan_to_json(plan);
  edit(document);
  return document.dump(2);
}

TEST(PlanFile, RoundTripsThroughTheFileText) {
  for (const Plan& plan : {everything_created_plan(), offboarding_plan(),
                           testing::no_changes_plan(), testing::drift_only_plan()}) {
    const Result<Plan> read = read_plan(plan_file_text(plan), "plan.json");
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_EQ(read.value(), plan);
  }
}

// A refresh-only plan keeps how many changes it leaves out; other plans do not carry the
// field at all, so their bytes and digests are what they were.
TEST(PlanFile, ARefreshOnlyPlanKeepsWhatItLeavesOut) {
  Plan plan = testing::drift_only_plan();
  EXPECT_EQ(plan_file_text(plan).find("\"unplanned\""), std::string::npos);
  plan.mode = PlanMode::refresh_only;
  plan.unplanned = 3;
  plan = seal_plan(std::move(plan));
  const Result<Plan> read = read_plan(plan_file_text(plan), "plan.json");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->unplanned, 3);
  EXPECT_EQ(read.value(), plan);
}

TEST(PlanFile, TextIsIndentedSortedAndEndsWithNewline) {
  const std::string text = plan_file_text(offboarding_plan());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.substr(0, 14), "{\n  \"actions\":");
  EXPECT_EQ(text, plan_file_text(offboarding_plan())) << "same plan, same bytes";
}

TEST(PlanFile, SealSetsSummaryAndDigest) {
  const Plan plan = offboarding_plan();
  EXPECT_EQ(plan.summary,
            (PlanSummary{
                .add = 0, .change = 3, .destroy = 1, .adopt = 1, .drift = 1, .consequences = 1}));
  EXPECT_EQ(plan.plan_sha256, compute_plan_sha256(plan));
  EXPECT_EQ(plan.plan_sha256.size(), 64u);
}

TEST(PlanFile, DigestIgnoresOnlyCreatedAtAndCommit) {
  const Plan plan = offboarding_plan();
  Plan later = plan;
  later.created_at = "1969-07-21T02:56:15Z";
  EXPECT_EQ(compute_plan_sha256(later), plan.plan_sha256);
  // The same content planned at another commit (a merge-request pipeline, then main's merge
  // or squash commit) is the same plan for `apply --expect`.
  Plan merged = plan;
  merged.inputs.git_commit = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";
  EXPECT_EQ(compute_plan_sha256(merged), plan.plan_sha256);

  const std::vector<std::function<void(Plan&)>> edits = {
      [](Plan& p) { p.actions[0].after["role"] = "owner"; },
      [](Plan& p) { p.actions[3].consequences.clear(); },
      [](Plan& p) { p.actions[1].precondition = "absent"; },
      [](Plan& p) { p.actions[2].reason = "edited"; },
      [](Plan& p) { p.drift[0].description = "nothing"; },
      [](Plan& p) { p.adoptions.clear(); },
      [](Plan& p) { p.unmanaged.clear(); },
      [](Plan& p) { p.base.serial = 42; },
      [](Plan& p) { p.base.lineage = "other"; },
      [](Plan& p) { p.guards.pop_back(); },
      [](Plan& p) { p.targets.emplace_back("glitchtip-dev/NASA"); },
      [](Plan& p) { p.mode = PlanMode::offline; },
      [](Plan& p) { p.inputs.definitions_sha256 = std::string(64, 'b'); },
      [](Plan& p) { p.instances[0].settings.url = "https://evil.example.com"; },
      [](Plan& p) { p.tool_version = "0.2.0"; },
      [](Plan& p) { p.summary.destroy = 0; },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    Plan edited = plan;
    edits[i](edited);
    EXPECT_NE(compute_plan_sha256(edited), plan.plan_sha256) << "edit " << i;
  }
}

// The digest writes the actions field by field instead of as a JSON document; it must be
// the SHA-256 of exactly the canonical JSON of the document without the fields it leaves out.
TEST(PlanFile, DigestIsTheCanonicalJsonOfTheDocumentWithoutTheFieldsItLeavesOut) {
  Plan plan = offboarding_plan();
  plan.actions[0].reason = "quote \" backslash \\ tab \t control \x01 del \x7f";
  plan.actions[1].email = "na\xc3\xafve@example.com";  // UTF-8
  plan.actions[2].address = "bad \xff\xfe byte";       // not UTF-8: replaced
  plan.actions[3].consequences.push_back("glitchtip-dev/\xe2\x82\xac/team/x");
  plan.actions[0].warning = "renaming without `slug:` replaces the project";
  Plan refresh_only = testing::no_changes_plan();
  refresh_only.mode = PlanMode::refresh_only;
  refresh_only.unplanned = 3;
  for (const Plan& checked :
       {plan, everything_created_plan(), testing::no_changes_plan(), refresh_only}) {
    nlohmann::json document = plan_to_json(checked);
    document.erase("created_at");
    document.erase("plan_sha256");
    document["inputs"].erase("git_commit");
    EXPECT_EQ(compute_plan_sha256(checked), canonical_sha256(document));
  }
}

TEST(PlanFile, RejectsAFileChangedAfterItWasMade) {
  const std::string text = edited_file(offboarding_plan(), [](nlohmann::json& document) {
    document["actions"][0]["after"]["role"] = "owner";
  });
  const Result<Plan> read = read_plan(text, "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "plan.json");
  EXPECT_NE(read.error().message.find("changed after it was made"), std::string::npos);
  EXPECT_NE(read.error().hint.find("make a new plan"), std::string::npos);
}

TEST(PlanFile, AcceptsAnotherCreatedAt) {
  const std::string text = edited_file(offboarding_plan(), [](nlohmann::json& document) {
    document["created_at"] = "2030-01-01T00:00:00Z";
  });
  EXPECT_TRUE(read_plan(text, "plan.json").ok());
}

TEST(PlanFile, RejectsANewerFormatVersionAskingForAnUpgrade) {
  const std::string text = edited_file(offboarding_plan(), [](nlohmann::json& document) {
    document["format_version"] = 2;
    document["a_field_of_format_2"] = true;
  });
  const Result<Plan> read = read_plan(text, "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("written by a newer glitchtip-gitops (format 2)"),
            std::string::npos);
  EXPECT_EQ(read.error().hint, "upgrade glitchtip-gitops");
}

TEST(PlanFile, RejectsAFileWithoutFormatVersion) {
  const Result<Plan> read = read_plan(R"({"actions": []})", "snapshot.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "snapshot.json: /format_version");
  EXPECT_NE(read.error().message.find("not a glitchtip-gitops plan file"), std::string::npos);
}

TEST(PlanFile, NamesTheJsonPointerOfASchemaViolation) {
  const std::string text = edited_file(offboarding_plan(), [](nlohmann::json& document) {
    document["actions"][3]["type"] = "delete_everything";
  });
  const Result<Plan> read = read_plan(text, "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "plan.json: /actions/3/type");
  EXPECT_NE(read.error().message.find("does not match its schema"), std::string::npos);
}

TEST(PlanFile, RejectsUnknownAndMissingFields) {
  const Result<Plan> unknown =
      read_plan(edited_file(offboarding_plan(),
                            [](nlohmann::json& document) { document["base"]["token"] = "secret"; }),
                "plan.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().where, "plan.json: /base");
  EXPECT_EQ(unknown.error().to_string().find("secret"), std::string::npos);

  const Result<Plan> missing = read_plan(
      edited_file(offboarding_plan(), [](nlohmann::json& document) { document.erase("drift"); }),
      "plan.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().where, "plan.json: /");
}

TEST(PlanFile, RejectsTruncatedJsonWithItsPosition) {
  const std::string text = plan_file_text(offboarding_plan());
  const Result<Plan> read = read_plan(text.substr(0, text.size() / 2), "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where.rfind("plan.json:", 0), 0u);
  EXPECT_NE(read.error().message.find("ends early"), std::string::npos);

  const Result<Plan> garbage = read_plan("{\n  \"format_version\": 1,\n  oops\n}", "plan.json");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().where, "plan.json:3:3");
  EXPECT_EQ(garbage.error().message, "the plan file is not valid JSON");
}

TEST(PlanFile, RejectsSomethingThatIsNotAnObject) {
  EXPECT_FALSE(read_plan("[]", "plan.json").ok());
  EXPECT_FALSE(read_plan("", "plan.json").ok());
}

TEST(PlanFile, RejectsMisnumberedActionsAndAWrongSummary) {
  Plan misnumbered = offboarding_plan();
  std::swap(misnumbered.actions[0].id, misnumbered.actions[1].id);
  misnumbered.plan_sha256 = compute_plan_sha256(misnumbered);
  const Result<Plan> read = read_plan(plan_file_text(misnumbered), "plan.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "plan.json: /actions/0/id");

  Plan miscounted = offboarding_plan();
  miscounted.summary.add = 7;
  miscounted.plan_sha256 = compute_plan_sha256(miscounted);
  const Result<Plan> counted = read_plan(plan_file_text(miscounted), "plan.json");
  ASSERT_FALSE(counted.ok());
  EXPECT_EQ(counted.error().where, "plan.json: /summary");
}

TEST(PlanFile, RefusesMoreActionsThanTheLimit) {
  const std::string text = plan_file_text(testing::everything_created_plan());
  EXPECT_TRUE(read_plan(text, "plan.json", {.max_actions = 28}).ok());
  const Result<Plan> read = read_plan(text, "plan.json", {.max_actions = 27});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where, "plan.json: /actions");
  EXPECT_EQ(read.error().message, "the plan has 28 actions, more than the limit of 27");
  EXPECT_EQ(PlanFileLimits{}.max_actions, 1'000'000u);
}

TEST(PlanFile, RefusesAFileLargerThanTheLimitBeforeParsingIt) {
  const Result<Plan> read = read_plan(std::string(101, '{'), "plan.json", {.max_bytes = 100});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "the plan file is 101 bytes, more than the limit of 100");
  EXPECT_EQ(PlanFileLimits{}.max_bytes, 256u * 1024 * 1024);
}

TEST(PlanFile, SchemaIsEmbeddedAndDescribesFormatOne) {
  const auto schema = embedded_schema("plan.schema.json");
  ASSERT_TRUE(schema.has_value());
  const auto document = nlohmann::json::parse(*schema);
  EXPECT_EQ(document["properties"]["format_version"]["const"], kPlanFormatVersion);
  EXPECT_EQ(document["required"].size(), plan_to_json(offboarding_plan()).size())
      << "every field the writer writes is required";
}

TEST(PlanFile, ModeNamesRoundTrip) {
  for (const PlanMode mode : {PlanMode::normal, PlanMode::offline, PlanMode::refresh_only}) {
    EXPECT_EQ(plan_mode_from_string(to_string(mode)), mode);
  }
  EXPECT_EQ(plan_mode_from_string("refresh_only"), std::nullopt);
}

}  // namespace
}  // namespace gg
