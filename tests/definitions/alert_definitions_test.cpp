// alerts kind: a Project's `alerts:` as the definitions give it, what the desired state
// holds of it (digests, never a secret's value before a command talks to GlitchTip), the
// schema's refusals, and the secrets read by resolve_alert_secrets.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "planner/kinds/alert.hpp"
#include "providers/definitions/alert_secrets.hpp"
#include "providers/definitions/definitions.hpp"
#include "tests/definitions/definitions_tree.hpp"

namespace gg {
namespace {

using testing::DefinitionsTree;
using ::testing::HasSubstr;
using testing::kInstanceAndOrganization;
using ::testing::Not;

constexpr const char* kSlack = "https://hooks.slack.com/services/T0/B0/ALERTSECRET";

std::string project_with(const std::string& alerts) {
  return std::string(R"(kind: Team
name: nasa-pilots
organization: NASA
---
kind: Project
name: Apollo 11 Spacecraft
organization: NASA
teams: [nasa-pilots]
)") + alerts;
}

const Organization& nasa_of(const Result<Definitions>& result) {
  return result->desired.instances.at("glitchtip-dev").organizations.at("NASA");
}

TEST(AlertDefinitions, ReadsAlertsWithLiteralDigestsAndNamedSecrets) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("project.yaml", project_with(R"(alerts:
  - name: error-burst
    quantity: 10
    timespanMinutes: 5
    uptime: true
    recipients:
      - {type: email}
      - {type: webhook, url: {env: GG_TEST_ALERT_HOOK}}
      - {type: discord, url: https://discord.example/x}
)"));
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  const Organization& nasa = nasa_of(result);
  EXPECT_TRUE(nasa.projects.at("apollo-11-spacecraft").alerts_declared);
  const Alert& alert = nasa.alerts.at("apollo-11-spacecraft/error-burst");
  EXPECT_EQ(alert.quantity, 10);
  EXPECT_EQ(alert.timespan_minutes, 5);
  EXPECT_TRUE(alert.uptime);
  ASSERT_EQ(alert.recipients.size(), 3u);
  EXPECT_EQ(alert.recipients[0].type, "email");
  EXPECT_EQ(alert.recipients[1].secret, "env GG_TEST_ALERT_HOOK");
  EXPECT_EQ(alert.recipients[1].url_sha256, "");  // not read by load_definitions
  EXPECT_EQ(alert.recipients[2].url_sha256,
            alert_recipient("discord", "https://discord.example/x").url_sha256);

  State desired = result->desired;
  ::setenv("GG_TEST_ALERT_HOOK", kSlack, 1);
  ASSERT_TRUE(resolve_alert_secrets(desired).ok());
  ::unsetenv("GG_TEST_ALERT_HOOK");
  const Alert& resolved =
      desired.instances.at("glitchtip-dev").organizations.at("NASA").alerts.begin()->second;
  bool found = false;
  for (const AlertRecipient& recipient : resolved.recipients) {
    if (recipient.type != "webhook") continue;
    found = true;
    EXPECT_EQ(recipient.url_sha256, alert_recipient("webhook", kSlack).url_sha256);
    EXPECT_EQ(recipient.url_shown, "https://hooks.slack.com/…");
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(declared_alert_urls(desired).at(alert_recipient("webhook", kSlack).url_sha256), kSlack);
}

TEST(AlertDefinitions, WithoutTheKeyAlertsAreNotDeclared) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("project.yaml", project_with(""));
  const Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  EXPECT_FALSE(nasa_of(result).projects.at("apollo-11-spacecraft").alerts_declared);
  tree.write("project.yaml", project_with("alerts: []\n"));
  const Result<Definitions> empty = tree.load();
  ASSERT_TRUE(empty.ok()) << testing::all_errors(empty);
  EXPECT_TRUE(nasa_of(empty).projects.at("apollo-11-spacecraft").alerts_declared);
}

TEST(AlertDefinitions, NamesAreUniquePerProjectAndTheErrorNamesBoth) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("project.yaml", project_with(R"(alerts:
  - {name: burst, quantity: 1, timespanMinutes: 1, recipients: [{type: email}]}
  - {name: burst, quantity: 2, timespanMinutes: 1, recipients: [{type: email}]}
)"));
  const Result<Definitions> result = tree.load();
  ASSERT_FALSE(result.ok());
  const std::string errors = testing::all_errors(result);
  EXPECT_THAT(errors, HasSubstr("alert `burst` is declared twice in this project"));
  EXPECT_THAT(errors, HasSubstr("project.yaml:11"));  // the second
  EXPECT_THAT(errors, HasSubstr("project.yaml:10"));  // and the first
}

TEST(AlertDefinitions, SchemaRefusesWhatWouldBreakAServer) {
  for (const std::string& bad :
       {std::string("{name: a, quantity: 0, timespanMinutes: 1, recipients: [{type: email}]}"),
        std::string("{name: a, quantity: -1, timespanMinutes: 1, recipients: [{type: email}]}"),
        std::string("{name: a, quantity: 1, timespanMinutes: 0, recipients: [{type: email}]}"),
        std::string("{name: a, quantity: 1, timespanMinutes: 1, recipients: []}"),
        std::string("{name: a, quantity: 1, timespanMinutes: 1, recipients: [{type: bogus}]}"),
        std::string("{name: a, quantity: 1, timespanMinutes: 1, recipients: [{type: webhook}]}"),
        std::string("{name: a/b, quantity: 1, timespanMinutes: 1, recipients: [{type: email}]}"),
        std::string(
            "{name: a, quantity: 1, timespanMinutes: 1, recipients: [{type: webhook, url: x}]}")}) {
    DefinitionsTree tree;
    tree.write("instance.yaml", kInstanceAndOrganization);
    tree.write("project.yaml", project_with("alerts:\n  - " + bad + "\n"));
    EXPECT_FALSE(tree.load().ok()) << bad;
  }
}

TEST(AlertDefinitions, AMissingSecretIsNamedNeverShown) {
  DefinitionsTree tree;
  tree.write("instance.yaml", kInstanceAndOrganization);
  tree.write("project.yaml", project_with(R"(alerts:
  - name: burst
    quantity: 1
    timespanMinutes: 1
    recipients: [{type: webhook, url: {env: GG_TEST_UNSET_HOOK}}, {type: discord, url: {file: /nonexistent/hook}}]
)"));
  Result<Definitions> result = tree.load();
  ASSERT_TRUE(result.ok()) << testing::all_errors(result);
  ::unsetenv("GG_TEST_UNSET_HOOK");
  const Status resolved = resolve_alert_secrets(result->desired);
  ASSERT_FALSE(resolved.ok());
  ASSERT_EQ(resolved.errors().size(), 2u);
  EXPECT_EQ(resolved.errors()[0].where,
            "glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/burst");
  EXPECT_THAT(resolved.errors()[0].message, HasSubstr("GG_TEST_UNSET_HOOK is not set"));
  EXPECT_THAT(resolved.errors()[1].message, HasSubstr("/nonexistent/hook"));
  // A value that is not a URL is not quoted.
  ::setenv("GG_TEST_UNSET_HOOK", "tokenvalue123", 1);
  const Status wrong = resolve_alert_secrets(result->desired);
  ::unsetenv("GG_TEST_UNSET_HOOK");
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.errors()[0].to_string(), Not(HasSubstr("tokenvalue123")));
}

}  // namespace
}  // namespace gg
