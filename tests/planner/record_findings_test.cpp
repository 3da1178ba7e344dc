// Recording a plan's findings (protection, drift, adoptions), as apply does before its first
// action and refresh does instead of any action.

#include "planner/record_findings.hpp"

#include <gtest/gtest.h>

#include "planner/object_json.hpp"
#include "planner/record.hpp"

namespace gg {
namespace {

constexpr const char* kInstance = "glitchtip-dev";

State recorded_nasa(bool is_protected) {
  Organization nasa;
  nasa.name = "NASA";
  nasa.slug = "nasa";
  nasa.id = "1";
  nasa.is_protected = is_protected;
  State recorded;
  recorded.instances[kInstance].name = kInstance;
  recorded.instances[kInstance].organizations["nasa"] = nasa;
  return recorded;
}

// NASA, declared without a slug, protected now.
State nasa_protected() {
  return protection_state({{kInstance, "NASA", "", "", true}});
}

// Someone renamed NASA in GlitchTip by hand.
Plan renamed_by_hand(const State& recorded) {
  const Organization& before = recorded.instances.at(kInstance).organizations.at("nasa");
  Organization after = before;
  after.name = "NASA (renamed)";
  Plan plan;
  plan.drift.push_back({"glitchtip-dev/NASA", kInstance, "NASA", organization_json(before),
                        organization_json(after), "name changed outside glitchtip-gitops"});
  return plan;
}

TEST(RecordFindings, ProtectionReachesAnOrganizationWhoseNameDrifted) {
  State recorded = recorded_nasa(false);
  const Plan plan = renamed_by_hand(recorded);
  record_findings(recorded, plan, nasa_protected());
  const Organization& nasa = recorded.instances.at(kInstance).organizations.at("nasa");
  EXPECT_EQ(nasa.name, "NASA (renamed)");
  EXPECT_TRUE(nasa.is_protected);
}

TEST(RecordFindings, AnAdoptionKeepsTheFlagItCarries) {
  State recorded = recorded_nasa(true);
  Project project;
  project.slug = "apollo";
  project.name = "Apollo";
  project.platform = "python";
  project.id = "7";
  nlohmann::json live = project_json("nasa", project);
  live["protected"] = true;
  Plan plan;
  plan.adoptions.push_back({"glitchtip-dev/NASA/project/apollo", kInstance, "NASA", live});
  State protection = protection_state(
      {{kInstance, "NASA", "", "", true}, {kInstance, "NASA", "", "apollo", true}});
  record_findings(recorded, plan, protection);
  const Organization& nasa = recorded.instances.at(kInstance).organizations.at("nasa");
  ASSERT_TRUE(nasa.projects.contains("apollo"));
  EXPECT_TRUE(nasa.projects.at("apollo").is_protected);
  EXPECT_EQ(nasa.projects.at("apollo").id, "7");
}

TEST(RecordFindings, FindingsAreWrittenWhenTheyChangeSomethingOrExist) {
  const State before = recorded_nasa(false);
  Plan quiet;
  EXPECT_FALSE(findings_need_writing(quiet, before, before, true));
  EXPECT_TRUE(findings_need_writing(quiet, before, before, false));  // the first snapshot
  EXPECT_TRUE(findings_need_writing(quiet, before, recorded_nasa(true), true));
  const Plan drifted = renamed_by_hand(before);
  EXPECT_TRUE(findings_need_writing(drifted, before, before, true));
}

}  // namespace
}  // namespace gg
