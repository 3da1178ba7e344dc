#include "providers/snapshot/snapshot.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "providers/snapshot/snapshot_path.hpp"
#include "schemas/schemas.hpp"
#include "tests/snapshot/sample_state.hpp"

namespace gg {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

Snapshot sample_snapshot() {
  Snapshot snapshot;
  snapshot.lineage = "0b0e6c6a-58e4-4c53-9a2c-1f5a3e0d9b11";
  snapshot.serial = 3;
  snapshot.tool_version = "0.1.0";
  snapshot.updated_at = "2026-11-29T05:00:00Z";
  snapshot.last_operation = "apply";
  snapshot.recorded = testing::space_agencies_state();
  return snapshot;
}

std::string all_messages(const Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.to_string() + "\n";
  return text;
}

// The sample as JSON with one change made by hand.
std::string edited(const std::function<void(json&)>& edit) {
  json document = snapshot_to_json(sample_snapshot());
  edit(document);
  return document.dump(2);
}

TEST(Snapshot, RoundTripKeepsEveryRecordedField) {
  const Snapshot original = sample_snapshot();
  const auto read = snapshot_from_text(snapshot_text(original), "snapshot.json");
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_EQ(*read, original);
}

TEST(Snapshot, KeepsProtectionSoARemovedDefinitionStaysProtected) {
  Snapshot original = sample_snapshot();
  Instance& instance = original.recorded.instances.begin()->second;
  Organization& organization = instance.organizations.begin()->second;
  organization.is_protected = true;
  organization.projects.begin()->second.is_protected = true;
  const std::string text = snapshot_text(original);
  EXPECT_THAT(text, HasSubstr("\"protected\": true"));
  const auto read = snapshot_from_text(text, "snapshot.json");
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_EQ(*read, original);
  EXPECT_THAT(snapshot_text(sample_snapshot()), ::testing::Not(HasSubstr("protected")));
}

TEST(Snapshot, TextIsCanonicalWhateverTheInsertionOrder) {
  Snapshot one = sample_snapshot();
  Snapshot two = sample_snapshot();
  auto& team = two.recorded.instances["glitchtip-dev"].organizations["nasa"].teams["nasa-pilots"];
  std::reverse(team.members.begin(), team.members.end());
  auto& project = two.recorded.instances["glitchtip-dev"]
                      .organizations["nasa"]
                      .projects["apollo-11-spacecraft"];
  std::reverse(project.teams.begin(), project.teams.end());
  EXPECT_EQ(snapshot_text(one), snapshot_text(two));

  const std::string text = snapshot_text(one);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.substr(0, 22), "{\n  \"format_version\": ");
  EXPECT_LT(text.find("\"format_version\""), text.find("\"instances\""));
  EXPECT_LT(text.find("\"instances\""), text.find("\"last_operation\""));
  EXPECT_LT(text.find("\"lineage\""), text.find("\"serial\""));
  EXPECT_LT(text.find("\"serial\""), text.find("\"tool_version\""));
  EXPECT_LT(text.find("\"tool_version\""), text.find("\"updated_at\""));
  EXPECT_LT(text.find("\"buzzaldrin@nasa.com\""), text.find("\"neilarmstrong@nasa.com\""));
  EXPECT_LT(text.find("\"esa\""), text.find("\"nasa\""));
}

TEST(Snapshot, ChangingOneRoleChangesOneLine) {
  const Snapshot before = sample_snapshot();
  Snapshot after = before;
  after.recorded.instances["glitchtip-dev"]
      .organizations["nasa"]
      .members["neilarmstrong@nasa.com"]
      .role = Role::admin;
  const std::string old_text = snapshot_text(before);
  const std::string new_text = snapshot_text(after);
  ASSERT_EQ(old_text.size(), new_text.size() + 1);  // "admin" is one byte shorter
  int differing_lines = 0;
  std::istringstream old_lines(old_text), new_lines(new_text);
  for (std::string a, b; std::getline(old_lines, a) && std::getline(new_lines, b);) {
    differing_lines += a != b;
  }
  EXPECT_EQ(differing_lines, 1);
}

TEST(Snapshot, RecordsNoInstanceSettingsAndNoSecrets) {
  Snapshot snapshot = sample_snapshot();
  InstanceSettings& settings = snapshot.recorded.instances["glitchtip-dev"].settings;
  settings.url = "https://glitchtip.example.com";
  settings.token = TokenSource{TokenSource::Kind::environment, "GLITCHTIP_DEV_TOKEN"};
  const std::string text = snapshot_text(snapshot);
  EXPECT_THAT(text, ::testing::Not(HasSubstr("GLITCHTIP_DEV_TOKEN")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("token")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("dsn")));
}

TEST(Snapshot, RejectsTokenAndDsnFieldsWhereverTheyAppear) {
  const std::vector<std::pair<std::string, std::function<void(json&)>>> cases = {
      {"/", [](json& d) { d["token"] = "secret-token-value"; }},
      {"/instances/glitchtip-dev",
       [](json& d) {
         d["instances"]["glitchtip-dev"]["token"] = {{"env", "X"}};
       }},
      {"/instances/glitchtip-dev/organizations/nasa/projects/apollo-11-spacecraft",
       [](json& d) {
         d["instances"]["glitchtip-dev"]["organizations"]["nasa"]["projects"]
          ["apollo-11-spacecraft"]["dsn"] = "https://key@glitchtip.example.com/5";
       }},
  };
  for (const auto& [pointer, edit] : cases) {
    const auto read = snapshot_from_text(edited(edit), "snapshot.json");
    ASSERT_FALSE(read.ok()) << pointer;
    EXPECT_EQ(read.error().where, "snapshot.json");
    EXPECT_THAT(all_messages(read.errors()), HasSubstr("schema at " + pointer)) << pointer;
  }
}

TEST(Snapshot, SchemaViolationNamesTheObject) {
  const auto read = snapshot_from_text(edited([](json& d) {
                                         d["instances"]["glitchtip-dev"]["organizations"]["nasa"]
                                          ["members"]["neilarmstrong@nasa.com"]["role"] = "captain";
                                       }),
                                       "snapshot.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(all_messages(read.errors()),
              HasSubstr("/instances/glitchtip-dev/organizations/nasa/members/"
                        "neilarmstrong@nasa.com/role"));
}

TEST(Snapshot, RejectsMissingIdsUpperCaseEmailsAndBadSerials) {
  const std::vector<std::function<void(json&)>> edits = {
      [](json& d) { d["instances"]["glitchtip-dev"]["organizations"]["esa"].erase("id"); },
      [](json& d) {
        d["instances"]["glitchtip-dev"]["organizations"]["esa"]["members"]["Tim@nasa.com"] = {
            {"id", "20"}, {"role", "member"}, {"pending", false}};
      },
      [](json& d) { d["serial"] = -1; },
      [](json& d) { d["serial"] = "3"; },
      [](json& d) { d["lineage"] = "not-a-uuid"; },
      [](json& d) { d.erase("instances"); },
      [](json& d) {
        d["instances"]["glitchtip-dev"]["organizations"]["esa"]["projects"]["rosetta-spacecraft"]
         ["eventThrottleRate"] = 101;
      },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    EXPECT_FALSE(snapshot_from_text(edited(edits[i]), "snapshot.json").ok()) << "edit " << i;
  }
}

TEST(Snapshot, UnknownFormatVersionNamesBothVersions) {
  const auto read = snapshot_from_text(edited([](json& d) {
                                         d["format_version"] = 2;
                                         d["tool_version"] = "9.0.0";
                                         d["a_field_from_the_future"] = true;
                                       }),
                                       "snapshot.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().message, HasSubstr("format_version 2"));
  EXPECT_THAT(read.error().message, HasSubstr("9.0.0"));
  EXPECT_THAT(read.error().message, HasSubstr("reads format_version 1"));
}

TEST(Snapshot, BrokenTextIsAnErrorNotAnEmptySnapshot) {
  const std::string text = snapshot_text(sample_snapshot());
  const auto truncated = snapshot_from_text(text.substr(0, text.size() / 2), "snapshot.json");
  ASSERT_FALSE(truncated.ok());
  EXPECT_THAT(truncated.error().message, HasSubstr("is not valid JSON"));
  EXPECT_THAT(truncated.error().message, HasSubstr("line"));

  const auto empty = snapshot_from_text("", "snapshot.json");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.error().message, HasSubstr("is empty"));

  const auto array = snapshot_from_text("[]", "snapshot.json");
  ASSERT_FALSE(array.ok());
  EXPECT_THAT(array.error().message, HasSubstr("not an object"));
}

// Every object in the schema closes its properties, so no field (a token, a DSN) can be
// added without a schema change.
TEST(SnapshotSchema, IsDraft07AndClosesEveryObject) {
  const auto text = embedded_schema("snapshot.schema.json");
  ASSERT_TRUE(text.has_value());
  const json schema = json::parse(*text);
  EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#");
  int objects = 0;
  std::function<void(const json&, const std::string&)> visit = [&](const json& node,
                                                                   const std::string& at) {
    if (node.is_object()) {
      // A property may itself be called "type" (a monitor's): only a string names a type.
      const auto type = node.find("type");
      if (type != node.end() && type->is_string() && *type == "object") {
        ++objects;
        ASSERT_TRUE(node.contains("additionalProperties")) << at;
        const json& extra = node["additionalProperties"];
        EXPECT_TRUE(extra == false || (extra.is_object() && extra.contains("$ref"))) << at;
      }
      for (const auto& [key, child] : node.items()) visit(child, at + "/" + key);
    } else if (node.is_array()) {
      for (const auto& child : node) visit(child, at);
    }
  };
  visit(schema, "");
  EXPECT_GE(objects, 8);
}

TEST(SnapshotPath, EnvironmentOverridesTheDefault) {
  EXPECT_EQ(default_snapshot_path(nullptr), "glitchtip-gitops.snapshot.json");
  EXPECT_EQ(default_snapshot_path(""), "glitchtip-gitops.snapshot.json");
  EXPECT_EQ(default_snapshot_path("/srv/state/prod.json"), "/srv/state/prod.json");
}

}  // namespace
}  // namespace gg
