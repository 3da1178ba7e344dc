// Plans that pass the digest check because whoever edited them re-sealed them (plan_sha256
// is a checksum anyone can recompute, not a signature). Apply must refuse those whose
// actions reach outside the plan's instances before sending any write, and `--expect`, the
// approved plan's digest, must refuse every other edit before anything is sent at all.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "planner/plan_file.hpp"
#include "tests/emulator/emulator.hpp"
#include "tests/hardening/tool_run.hpp"

namespace gg::hardening {
namespace {

namespace fs = std::filesystem;

class ForgedPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(glitchtip_
                    .seed({{"users",
                            {{{"email", "sd-app-sre+glitchtip@nasa.com"},
                              {"token", emulator::test_token("forged-plan")}}}},
                           {"organizations", nlohmann::json::array()}})
                    .ok());
    ASSERT_TRUE(glitchtip_.start().ok());
    copy_example_definitions(work_.path(), "definitions", glitchtip_.base_url());
    setenv("GLITCHTIP_DEV_TOKEN", emulator::test_token("forged-plan").c_str(), 1);
    setenv("NASA_SLACK_WEBHOOK", kExampleSlackWebhook, 1);
    setenv("GLITCHTIP_GITOPS_SNAPSHOT", (work_.path() / "glitchtip-gitops.snapshot.json").c_str(),
           1);
    const ToolRun planned = run_tool(work_.path(), "plan -d definitions --out plan.json");
    ASSERT_EQ(planned.exit_code, 0) << planned.err;
    auto read = read_plan(read_file(work_.path() / "plan.json"), "plan.json");
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    plan_ = std::move(read).value();
    ASSERT_FALSE(plan_.actions.empty());
    glitchtip_.clear_requests();
  }
  void TearDown() override {
    unsetenv("GLITCHTIP_DEV_TOKEN");
    unsetenv("NASA_SLACK_WEBHOOK");
    unsetenv("GLITCHTIP_GITOPS_SNAPSHOT");
  }

  // Seals `plan` (so its digest matches) into forged.json and applies it.
  ToolRun apply_forged(const Plan& plan, const std::string& options = "") {
    write_file(work_.path() / "forged.json", plan_file_text(seal_plan(plan)));
    return run_tool(work_.path(), "apply forged.json " + options);
  }

  int writes_sent() const {
    int writes = 0;
    for (const auto& request : glitchtip_.requests()) writes += request.method != "GET";
    return writes;
  }

  emulator::Emulator glitchtip_;
  WorkDir work_;
  Plan plan_;
};

// A resealed plan (digest recomputed) whose action names an instance the plan does not
// carry: read_plan refuses it (planner/action_address.hpp), so apply sends nothing.
TEST_F(ForgedPlan, AnActionOnAnInstanceTheFileDoesNotDeclareIsRefusedBeforeAnyWrite) {
  Plan forged = plan_;
  Action& last = forged.actions.back();
  last.instance = "glitchtip-elsewhere";
  last.address.replace(0, last.address.find('/'), "glitchtip-elsewhere");
  const ToolRun applied = apply_forged(forged);
  EXPECT_EQ(applied.exit_code, 1) << applied.out << applied.err;
  EXPECT_EQ(writes_sent(), 0) << applied.out << applied.err;
  EXPECT_FALSE(fs::exists(work_.path() / "glitchtip-gitops.snapshot.json"));
}

// Reviewers read the address; apply acts on the fields. They must agree.
TEST_F(ForgedPlan, AnAddressThatDisagreesWithItsActionIsRefusedBeforeAnyWrite) {
  Plan forged = plan_;
  Action& last = forged.actions.back();
  last.address = "glitchtip-elsewhere/NASA";
  const ToolRun applied = apply_forged(forged);
  EXPECT_EQ(applied.exit_code, 1) << applied.out << applied.err;
  EXPECT_EQ(writes_sent(), 0) << applied.out << applied.err;
}

TEST_F(ForgedPlan, ExpectRefusesAResealedPlanBeforeSendingAnything) {
  Plan forged = plan_;
  forged.instances.front().settings.url = "http://127.0.0.1:1";
  const ToolRun applied = apply_forged(forged, "--expect " + plan_.plan_sha256);
  EXPECT_EQ(applied.exit_code, 1) << applied.out << applied.err;
  EXPECT_NE(applied.err.find(plan_.plan_sha256), std::string::npos) << applied.err;
  EXPECT_TRUE(glitchtip_.requests().empty());
}

}  // namespace
}  // namespace gg::hardening
