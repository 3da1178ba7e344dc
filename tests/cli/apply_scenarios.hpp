#pragma once
// Shared steps of the end-to-end apply tests: what GlitchTip holds, in a form that compares
// with what the definitions declare (ids, pending flags and list order left out), the
// plan-apply-plan round that every convergence test makes, and the check that the token
// appears in no output and no file the tool wrote.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>  // kill (POSIX)

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/cli/cli_harness.hpp"

namespace gg::testing {

inline nlohmann::json sorted_strings(const nlohmann::json& list) {
  std::vector<std::string> values = list.get<std::vector<std::string>>();
  std::sort(values.begin(), values.end());
  return values;
}

// {"<org slug>": {"name", "members": {email: role}, "teams": {slug: [emails]},
//                 "projects": {slug: {"name", "platform", "teams": [slugs]}}}}
inline nlohmann::json normalized(const nlohmann::json& dump) {
  nlohmann::json result = nlohmann::json::object();
  for (const nlohmann::json& organization : dump.at("organizations")) {
    nlohmann::json out = {{"name", organization.at("name")},
                          {"members", nlohmann::json::object()},
                          {"teams", nlohmann::json::object()},
                          {"projects", nlohmann::json::object()}};
    for (const nlohmann::json& member : organization.value("members", nlohmann::json::array())) {
      out["members"][member.at("email").get<std::string>()] = member.at("role");
    }
    for (const nlohmann::json& team : organization.value("teams", nlohmann::json::array())) {
      out["teams"][team.at("slug").get<std::string>()] =
          sorted_strings(team.value("members", nlohmann::json::array()));
    }
    for (const nlohmann::json& project : organization.value("projects", nlohmann::json::array())) {
      out["projects"][project.at("slug").get<std::string>()] = {
          {"name", project.at("name")},
          {"platform", project.value("platform", "")},
          {"teams", sorted_strings(project.value("teams", nlohmann::json::array()))}};
    }
    result[organization.at("slug").get<std::string>()] = out;
  }
  return result;
}

// The example, converged: examples/space-agencies/live.json in the normalized form.
inline nlohmann::json example_converged() {
  return normalized(CliWorkspace::example_live_seed());
}

// plan --out, apply, then plan --detailed-exitcode must say "no changes" (exit 0).
// Returns the three results, for the callers' own assertions.
inline std::vector<CliResult> plan_apply_replan(const CliWorkspace& workspace,
                                                const std::vector<std::string>& apply_flags = {}) {
  std::vector<CliResult> results;
  results.push_back(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  std::vector<std::string> apply = {"apply", "plan.json"};
  apply.insert(apply.end(), apply_flags.begin(), apply_flags.end());
  results.push_back(workspace.run(apply));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  EXPECT_THAT(results.back().out, ::testing::HasSubstr("No changes."));
  return results;
}

// The token is in no output and in no file of the workspace (snapshot, backup, lock, plans).
inline void expect_no_token(const CliWorkspace& workspace, const std::vector<CliResult>& results) {
  const std::string token = example_token();
  for (const CliResult& result : results) {
    EXPECT_THAT(result.all(), ::testing::Not(::testing::HasSubstr(token)));
  }
  for (const auto& entry : std::filesystem::directory_iterator(workspace.dir())) {
    if (!entry.is_regular_file()) continue;
    EXPECT_THAT(workspace.read_file(entry.path()), ::testing::Not(::testing::HasSubstr(token)))
        << entry.path();
  }
}

// Slugs GlitchTip gave a repeated create ("apollo-11-spacecraft-2"): never wanted.
inline std::vector<std::string> duplicate_slugs(const nlohmann::json& dump) {
  std::vector<std::string> found;
  const auto check = [&found](const std::string& slug) {
    if (slug.size() > 2 && slug.compare(slug.size() - 2, 2, "-2") == 0) found.push_back(slug);
  };
  for (const nlohmann::json& organization : dump.at("organizations")) {
    check(organization.at("slug").get<std::string>());
    for (const nlohmann::json& project : organization.value("projects", nlohmann::json::array())) {
      check(project.at("slug").get<std::string>());
    }
  }
  return found;
}

// A change made by hand in GlitchTip: the emulator's state, edited, seeded back (ids kept).
template <typename Edit>
void change_by_hand(CliWorkspace& workspace, Edit edit) {
  nlohmann::json dump = workspace.emulator().dump();
  edit(dump);
  ASSERT_TRUE(workspace.emulator().seed(dump).ok());
}

inline nlohmann::json& organization_in(nlohmann::json& dump, const std::string& slug) {
  for (nlohmann::json& organization : dump.at("organizations")) {
    if (organization.at("slug") == slug) return organization;
  }
  throw std::runtime_error("no organization " + slug + " in the dump");
}

inline nlohmann::json& member_in(nlohmann::json& organization, const std::string& email) {
  for (nlohmann::json& member : organization.at("members")) {
    if (member.at("email") == email) return member;
  }
  throw std::runtime_error("no member " + email + " in the dump");
}

// glitchtip-gitops started in the background, as CliWorkspace::run would run it, with its
// stdout and stderr going to files in the workspace (`<name>.out`, `<name>.err`).
class BackgroundRun : public BackgroundProcess {
 public:
  BackgroundRun(const CliWorkspace& workspace, const std::vector<std::string>& arguments,
                const std::string& name)
      : BackgroundProcess(workspace.command(arguments), workspace.dir() / (name + ".out"),
                          workspace.dir() / (name + ".err")) {}

  void kill_now() const { kill(SIGKILL); }
};

}  // namespace gg::testing
