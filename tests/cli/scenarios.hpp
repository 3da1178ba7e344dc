#pragma once
// Helpers of the end-to-end plan tests on the space-agencies cast (docs/design.md §9): a
// workspace whose snapshot manages the example, edits of the example's definitions and of
// GlitchTip behind the tool's back, reading plan files, and golden files with their
// volatile parts (time, emulator URL, lineage, digests) replaced by placeholders.
// Set GG_UPDATE_GOLDEN=1 to rewrite the golden files from the current output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_harness.hpp"
#include "tests/support/files.hpp"

namespace gg::testing {

inline std::string last_line(const std::string& text) {
  const std::string trimmed =
      !text.empty() && text.back() == '\n' ? text.substr(0, text.size() - 1) : text;
  const size_t newline = trimmed.rfind('\n');
  return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

// The output with what changes from run to run replaced by placeholders.
inline std::string without_volatile_parts(std::string text, const std::string& base_url) {
  for (size_t at = text.find(base_url); !base_url.empty() && at != std::string::npos;
       at = text.find(base_url, at)) {
    text.replace(at, base_url.size(), "<URL>");
  }
  text = std::regex_replace(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"), "<TIME>");
  text = std::regex_replace(
      text, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
      "<LINEAGE>");
  return std::regex_replace(text, std::regex("[0-9a-f]{64}"), "<SHA256>");
}

inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path =
      std::filesystem::path(GG_SOURCE_DIR) / "tests/cli/golden" / name;
  const char* update = std::getenv("GG_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run the test with GG_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, testing::read_file(path))
      << "output differs from " << path << "; if the change is meant, GG_UPDATE_GOLDEN=1";
}

inline nlohmann::json read_json(const CliWorkspace& workspace, const std::string& path) {
  return nlohmann::json::parse(workspace.read_file(path));
}

// Field `field` of every action of a plan document, in plan order.
inline std::vector<std::string> action_fields(const nlohmann::json& plan,
                                              const std::string& field) {
  std::vector<std::string> values;
  for (const nlohmann::json& action : plan.at("actions"))
    values.push_back(action.at(field).get<std::string>());
  return values;
}

// Changes GlitchTip behind the tool's back: the emulator's state, edited and seeded again.
inline void edit_live(CliWorkspace& workspace, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json state = workspace.emulator().dump();
  edit(state);
  const Status seeded = workspace.emulator().seed(state);
  ASSERT_TRUE(seeded.ok()) << seeded.error().to_string();
}

inline nlohmann::json& live_organization(nlohmann::json& state, const std::string& slug) {
  for (nlohmann::json& organization : state.at("organizations")) {
    if (organization.at("slug") == slug) return organization;
  }
  throw std::runtime_error("no organization " + slug + " in the emulator");
}

// A GlitchTip that holds the example, and a snapshot that manages all of it: the example
// definitions planned (everything adopted) and applied. Requests made so far are cleared.
inline ::testing::AssertionResult manage_example(
    CliWorkspace& workspace, emulator::Flavour flavour = emulator::Flavour::drf) {
  workspace.start_emulator(CliWorkspace::example_live_seed(), flavour);
  workspace.use_example_definitions();
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "adopt.json"});
  if (plan.exit_code != 0) return ::testing::AssertionFailure() << plan.all();
  const CliResult apply = workspace.run({"apply", "adopt.json"});
  if (apply.exit_code != 0) return ::testing::AssertionFailure() << apply.all();
  workspace.emulator().clear_requests();
  return ::testing::AssertionSuccess();
}

// Offboarding: Michael Collins leaves; his one definitions file is deleted.
inline void offboard_michael_collins(CliWorkspace& workspace) {
  workspace.remove_definition("users/michael-collins.yaml");
}

// Neil Armstrong becomes an admin of NASA.
inline void promote_neil_armstrong(CliWorkspace& workspace) {
  workspace.write_definition("users/neil-armstrong.yaml",
                             "kind: User\n"
                             "email: NeilArmstrong@nasa.com\n"
                             "roles: [nasa-pilots]\n"
                             "access:\n"
                             "  organizations: [{name: NASA, role: admin}]\n");
}

// ESA and everything in and about it leave the definitions.
inline void remove_esa(CliWorkspace& workspace) {
  for (const char* file : {"organizations/esa.yaml", "teams/esa-pilots.yaml",
                           "teams/esa-flight-control.yaml", "projects/rosetta-spacecraft.yaml",
                           "projects/rosetta-flight-control.yaml", "roles/esa-pilots.yaml",
                           "roles/esa-flight-controllers.yaml", "users/samantha-cristoforetti.yaml",
                           "users/matthias-maurer.yaml", "users/tim-peake.yaml"}) {
    workspace.remove_definition(file);
  }
  workspace.write_definition("roles/global-flight-directors.yaml",
                             "kind: Role\n"
                             "name: global-flight-directors\n"
                             "organizations:\n"
                             "  - {name: NASA, role: owner}\n"
                             "teams:\n"
                             "  - {organization: NASA, name: nasa-flight-control}\n");
}

inline void expect_no_token(const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr(example_token())));
  }
}

}  // namespace gg::testing
