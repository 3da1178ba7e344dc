#include "planner/render_json.hpp"

#include <gtest/gtest.h>

#include "planner/plan_file.hpp"
#include "tests/planner/render_plans_fixture.hpp"

namespace gg {
namespace {

TEST(RenderJson, IsThePlanFile) {
  const Plan plan = testing::offboarding_plan();
  EXPECT_EQ(render_json(plan), plan_file_text(plan));
}

TEST(RenderJson, OffboardingGoldenReadsBackAsThePlan) {
  const Plan plan = testing::offboarding_plan();
  testing::expect_golden("offboarding.json", render_json(plan));
  const std::string golden =
      testing::read_file(std::string(GG_SOURCE_DIR) + "/tests/planner/golden/offboarding.json");
  const Result<Plan> read = read_plan(golden, "tests/planner/golden/offboarding.json");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read.value(), plan);
}

TEST(RenderJson, EverythingCreatedGolden) {
  testing::expect_golden("everything_created.json",
                         render_json(testing::everything_created_plan()));
}

}  // namespace
}  // namespace gg
