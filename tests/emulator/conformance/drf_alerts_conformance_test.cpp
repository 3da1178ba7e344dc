// Replays the exchanges on project alerts, project keys and uptime monitors recorded against a
// real DRF server (docs/glitchtip-api.md §12): status codes, field names and the bodies of
// errors; ids and times vary and are not compared.
#include <gtest/gtest.h>

#include <regex>

#include "tests/emulator/conformance/harness.hpp"

namespace gg::emulator::testing {
namespace {

using nlohmann::json;
using Keys = std::set<std::string>;

const Keys kAlertFields = {"pk",       "name",   "timespan_minutes",
                           "quantity", "uptime", "alertRecipients"};
const Keys kRecipientFields = {"pk", "recipientType", "url"};
const Keys kKeyFields = {"dateCreated", "dsn", "id", "label", "public", "projectId"};
const Keys kMonitorFields = {"id",
                             "monitorType",
                             "endpoint_id",
                             "created",
                             "checks",
                             "name",
                             "url",
                             "expectedStatus",
                             "expected_body",
                             "environment",
                             "project",
                             "organization",
                             "interval",
                             "isUp",
                             "lastChange",
                             "heartbeatEndpoint",
                             "projectName",
                             "envName"};

json email() {
  return {{"recipientType", "email"}, {"url", ""}};
}

class DrfAlertsConformance : public ::testing::Test {
 protected:
  Harness h{drf_options()};
  std::string org;
  std::string project;  // /api/0/projects/<org>/alert-app/
  int project_id = 0;

  void SetUp() override {
    org = body_of(h.post("/api/0/organizations/", {{"name", "probe-alerts"}}))["slug"];
    h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
    const json created = body_of(h.post("/api/0/teams/" + org + "/backend/projects/",
                                        {{"name", "alert-app"}, {"platform", "python"}}));
    project = "/api/0/projects/" + org + "/alert-app/";
    project_id = std::stoi(created["id"].get<std::string>());
  }

  json alert(const std::string& name, int timespan, int quantity,
             const std::vector<json>& recipients) {
    return {{"name", name},
            {"timespan_minutes", timespan},
            {"quantity", quantity},
            {"uptime", false},
            {"alertRecipients", recipients}};
  }
};

TEST_F(DrfAlertsConformance, AlertFieldsAreSnakeCaseAndCamelCaseTimespanIsIgnored) {
  const auto empty = h.get(project + "alerts/");
  ASSERT_EQ(empty->status, 200);
  EXPECT_EQ(body_of(empty), json::array());
  EXPECT_EQ(empty->get_header_value("X-Hits"), "0");
  EXPECT_EQ(empty->get_header_value("X-Max-Hits"), "1000");

  const auto camel = h.post(project + "alerts/", {{"name", "Errors burst"},
                                                  {"timespanMinutes", 10},
                                                  {"quantity", 5},
                                                  {"uptime", false},
                                                  {"alertRecipients", json::array({email()})}});
  ASSERT_EQ(camel->status, 201);
  const json ignored = body_of(camel);
  EXPECT_EQ(keys_of(ignored), kAlertFields);
  EXPECT_TRUE(ignored["pk"].is_number_integer());
  EXPECT_TRUE(ignored["timespan_minutes"].is_null()) << "DRF ignores timespanMinutes";
  ASSERT_EQ(ignored["alertRecipients"].size(), 1u);
  EXPECT_EQ(keys_of(ignored["alertRecipients"][0]), kRecipientFields);

  const json snake = body_of(h.post(project + "alerts/", alert("Errors burst", 10, 5, {email()})));
  EXPECT_EQ(snake["timespan_minutes"], 10);
  EXPECT_EQ(snake["name"], "Errors burst");

  const json hooks = body_of(h.post(
      project + "alerts/",
      alert("Webhook alert", 1, 1,
            {{{"recipientType", "webhook"}, {"url", "https://hooks.example.com/T000/B000/XXXX"}},
             {{"recipientType", "discord"},
              {"url", "https://discord.com/api/webhooks/000000/XXXX"}}})));
  ASSERT_EQ(hooks["alertRecipients"].size(), 2u);
  EXPECT_EQ(hooks["alertRecipients"][0]["recipientType"], "webhook");
  EXPECT_EQ(hooks["alertRecipients"][1]["recipientType"], "discord");
  EXPECT_EQ(h.post(project + "alerts/", alert("Webhook alert", 2, 2, {email()}))->status, 201)
      << "the same name twice is accepted";
}

TEST_F(DrfAlertsConformance, AlertValidationAcceptsBogusTypesAndMissingNames) {
  const auto negative = h.post(project + "alerts/", alert("Bad quantity", 1, -1, {email()}));
  EXPECT_EQ(negative->status, 400);
  EXPECT_EQ(body_of(negative),
            json({{"quantity", {"Ensure this value is greater than or equal to 0."}}}));

  const auto bogus = h.post(project + "alerts/",
                            alert("Bad type", 1, 1, {{{"recipientType", "bogus"}, {"url", ""}}}));
  EXPECT_EQ(bogus->status, 201);
  EXPECT_EQ(body_of(bogus)["alertRecipients"][0]["recipientType"], "bogus");

  const auto bad_url =
      h.post(project + "alerts/",
             alert("Bad url", 1, 1, {{{"recipientType", "webhook"}, {"url", "not a url"}}}));
  EXPECT_EQ(bad_url->status, 400);
  EXPECT_EQ(body_of(bad_url), json({{"alertRecipients", {{{"url", {"Enter a valid URL."}}}}}}));

  const auto nameless = h.post(project + "alerts/", {{"timespan_minutes", 1},
                                                     {"quantity", 1},
                                                     {"uptime", false},
                                                     {"alertRecipients", json::array({email()})}});
  EXPECT_EQ(nameless->status, 201);
  EXPECT_EQ(body_of(nameless)["name"], "");
}

TEST_F(DrfAlertsConformance, AlertListsAreNewestFirstAndPageWithACursor) {
  for (const char* name : {"a", "b", "c"})
    h.post(project + "alerts/", alert(name, 1, 1, {email()}));
  const json all = body_of(h.get(project + "alerts/"));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["name"], "c");
  EXPECT_EQ(all[2]["name"], "a");

  const auto first = h.get(project + "alerts/?limit=1");
  EXPECT_EQ(first->get_header_value("X-Hits"), "3");
  ASSERT_EQ(body_of(first).size(), 1u);
  EXPECT_EQ(body_of(first)[0]["name"], "c");
  std::smatch next;
  const std::string link = first->get_header_value("Link");
  ASSERT_TRUE(std::regex_search(
      link, next, std::regex(R"re(<([^>]+)>; rel="next"; results="true"; cursor="[^"]+")re")))
      << link;
  const json second = body_of(h.get(next[1].str().substr(h.emulator().base_url().size())));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0]["name"], "b");
}

TEST_F(DrfAlertsConformance, UpdatesReplaceTheRecipientsAndKeepOmittedScalars) {
  const json webhook = {{"recipientType", "webhook"},
                        {"url", "https://hooks.example.com/T000/B000/XXXX"}};
  const json created = body_of(h.post(
      project + "alerts/", alert("Webhook alert", 1, 1,
                                 {webhook,
                                  {{"recipientType", "discord"},
                                   {"url", "https://discord.com/api/webhooks/000000/XXXX"}}})));
  const std::string path = project + "alerts/" + std::to_string(created["pk"].get<int>()) + "/";
  const auto read = h.get(path);
  ASSERT_EQ(read->status, 200) << "DRF has a single-alert GET";
  EXPECT_EQ(body_of(read), created);

  const json replaced = body_of(h.put(path, alert("Webhook alert", 15, 20, {webhook, email()})));
  ASSERT_EQ(replaced["alertRecipients"].size(), 2u);
  EXPECT_EQ(replaced["alertRecipients"][0]["pk"], created["alertRecipients"][0]["pk"])
      << "a recipient equal in type and url keeps its id";
  EXPECT_EQ(replaced["alertRecipients"][1]["recipientType"], "email");
  EXPECT_GT(replaced["alertRecipients"][1]["pk"], created["alertRecipients"][1]["pk"]);
  EXPECT_EQ(replaced["timespan_minutes"], 15);
  EXPECT_EQ(body_of(h.get(path)), replaced);

  const json renamed = body_of(h.put(path, {{"name", "Webhook alert renamed"}, {"quantity", 7}}));
  EXPECT_EQ(renamed["alertRecipients"], json::array()) << "a PUT without recipients deletes them";
  EXPECT_EQ(renamed["timespan_minutes"], 15) << "an omitted scalar keeps its value";
  EXPECT_EQ(renamed["quantity"], 7);

  const json other = body_of(h.post(project + "alerts/", alert("Errors burst", 10, 5, {email()})));
  const std::string other_path = project + "alerts/" + std::to_string(other["pk"].get<int>()) + "/";
  const auto patched = h.patch(other_path, {{"quantity", 3}});
  EXPECT_EQ(patched->status, 200);
  EXPECT_EQ(body_of(patched)["alertRecipients"], json::array()) << "so does a PATCH";
  EXPECT_EQ(body_of(patched)["quantity"], 3);

  const auto deleted = h.del(path);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_TRUE(deleted->body.empty());
  for (const std::string& gone : {path, project + "alerts/999999999/"}) {
    const auto again = h.del(gone);
    EXPECT_EQ(again->status, 404);
    EXPECT_EQ(body_of(again), json({{"detail", "Not found."}}));
  }
  EXPECT_EQ(body_of(h.get(project + "alerts/")).size(), 1u);
}

TEST_F(DrfAlertsConformance, KeysHaveHexIdsLabelsAndDsnsOfTheServer) {
  const json listed = body_of(h.get(project + "keys/"));
  ASSERT_EQ(listed.size(), 1u) << "GlitchTip makes a key with every project";
  const json first = listed[0];
  EXPECT_EQ(keys_of(first), kKeyFields);
  const std::string hex = first["id"];
  EXPECT_TRUE(std::regex_match(hex, std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(first["public"], hex);
  EXPECT_EQ(first["label"], "");
  EXPECT_EQ(first["projectId"], project_id);
  const std::string host = h.emulator().base_url().substr(std::string("http://").size());
  const std::string id = std::to_string(project_id);
  EXPECT_EQ(
      first["dsn"],
      json({{"public", "http://" + hex + "@" + host + "/" + id},
            {"secret", "http://" + hex + "@" + host + "/" + id},
            {"security", "http://" + host + "/api/" + id + "/security/?glitchtip_key=" + hex}}));

  const auto named = h.post(project + "keys/", {{"name", "frontend"}});
  EXPECT_EQ(named->status, 201);
  EXPECT_EQ(body_of(named)["label"], "") << "DRF ignores name";
  EXPECT_EQ(body_of(h.post(project + "keys/", {{"label", "frontend-label"}}))["label"],
            "frontend-label");
  const json limited = body_of(h.post(
      project + "keys/", {{"name", "limited"}, {"rateLimit", {{"count", 100}, {"window", 60}}}}));
  EXPECT_EQ(keys_of(limited), kKeyFields) << "DRF has no rateLimit";
  const json all = body_of(h.get(project + "keys/"));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]["id"], limited["id"]) << "newest first";

  const std::string path = project + "keys/" + body_of(named)["id"].get<std::string>() + "/";
  EXPECT_EQ(body_of(h.put(path, {{"name", "frontend-renamed"}}))["label"], "");
  EXPECT_EQ(body_of(h.put(path, {{"label", "frontend-renamed"}}))["label"], "frontend-renamed");
  const auto patched = h.patch(path, {{"label", "frontend-patched"}});
  EXPECT_EQ(patched->status, 403);
  EXPECT_EQ(body_of(patched),
            json({{"detail", "You do not have permission to perform this action."}}));
  const std::string key_hex = body_of(named)["id"];
  const std::string dashed = key_hex.substr(0, 8) + "-" + key_hex.substr(8, 4) + "-" +
                             key_hex.substr(12, 4) + "-" + key_hex.substr(16, 4) + "-" +
                             key_hex.substr(20);
  EXPECT_EQ(body_of(h.get(path))["label"], "frontend-renamed");
  EXPECT_EQ(body_of(h.get(project + "keys/" + dashed + "/"))["id"], key_hex);

  EXPECT_EQ(h.del(path)->status, 204);
  const auto again = h.del(path);
  EXPECT_EQ(again->status, 404);
  EXPECT_EQ(body_of(again), json({{"detail", "Not found."}}));
  EXPECT_EQ(body_of(h.get(project + "keys/")).size(), 3u);
}

TEST_F(DrfAlertsConformance, MonitorsMixCasingAndSendTheIntervalAsADuration) {
  const std::string monitors = "/api/0/organizations/" + org + "/monitors/";
  EXPECT_EQ(body_of(h.get(monitors)), json::array());
  const json get_monitor = {
      {"monitorType", "GET"},  {"name", "Health"},     {"url", "https://example.com/health"},
      {"expectedStatus", 200}, {"expectedBody", ""},   {"interval", 60},
      {"timeout", 20},         {"project", project_id}};
  const auto created = h.post(monitors, get_monitor);
  ASSERT_EQ(created->status, 201);
  EXPECT_EQ(created->get_header_value("Location"), "https://example.com/health");
  const json health = body_of(created);
  EXPECT_EQ(keys_of(health), kMonitorFields);
  EXPECT_EQ(health["interval"], "00:01:00");
  EXPECT_TRUE(health["isUp"].is_null()) << "the create answer does not read its check back";
  EXPECT_TRUE(health["endpoint_id"].is_null());
  EXPECT_EQ(health["project"], project_id);
  EXPECT_TRUE(health["organization"].is_number_integer());
  EXPECT_EQ(health["projectName"], "alert-app");
  ASSERT_EQ(health["checks"].size(), 1u);
  EXPECT_EQ(keys_of(health["checks"][0]), Keys({"isUp", "startCheck", "reason", "responseTime"}));
  EXPECT_EQ(health["checks"][0]["reason"], 5);

  json heartbeat_body = get_monitor;
  heartbeat_body["monitorType"] = "Heartbeat";
  heartbeat_body["name"] = "Nightly job";
  heartbeat_body["url"] = "";
  heartbeat_body["interval"] = 300;
  const json heartbeat = body_of(h.post(monitors, heartbeat_body));
  EXPECT_EQ(heartbeat["interval"], "00:05:00");
  EXPECT_EQ(heartbeat["checks"], json::array());
  const std::string endpoint = heartbeat["endpoint_id"];
  EXPECT_EQ(heartbeat["heartbeatEndpoint"], h.emulator().base_url() + "/api/0/organizations/" +
                                                org + "/heartbeat_check/" + endpoint + "/");

  json zero = get_monitor;
  zero["interval"] = 0;
  EXPECT_EQ(body_of(h.post(monitors, zero))["interval"], "00:00:00") << "interval 0 is accepted";
  json bogus = get_monitor;
  bogus["monitorType"] = "bogus";
  const auto refused = h.post(monitors, bogus);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(body_of(refused), json({{"monitorType", {"\"bogus\" is not a valid choice."}}}));
  json no_url = get_monitor;
  no_url.erase("url");
  const auto crashed = h.post(monitors, no_url);
  EXPECT_EQ(crashed->status, 500);
  EXPECT_NE(crashed->get_header_value("Content-Type").find("text/html"), std::string::npos);
  json empty_url = get_monitor;
  empty_url["url"] = "";
  const auto blank = h.post(monitors, empty_url);
  EXPECT_EQ(blank->status, 400);
  EXPECT_EQ(body_of(blank), json({{"non_field_errors", {"URL is required for GET"}}}));

  const json listed = body_of(h.get(monitors));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[2]["id"], health["id"]) << "newest first";
  EXPECT_EQ(listed[2]["isUp"], false);
  EXPECT_TRUE(listed[1]["isUp"].is_null()) << "a heartbeat without check-ins";
}

TEST_F(DrfAlertsConformance, MonitorPutMergesAndPatchIsA500) {
  const std::string monitors = "/api/0/organizations/" + org + "/monitors/";
  const json body = {
      {"monitorType", "GET"},  {"name", "Health"},     {"url", "https://example.com/health"},
      {"expectedStatus", 200}, {"expectedBody", ""},   {"interval", 60},
      {"timeout", 20},         {"project", project_id}};
  const json created = body_of(h.post(monitors, body));
  const std::string path = monitors + std::to_string(created["id"].get<int>()) + "/";
  EXPECT_EQ(body_of(h.get(path))["isUp"], false);

  json camel = body;
  camel["expectedBody"] = "OK";
  camel["interval"] = 120;
  const json ignored = body_of(h.put(path, camel));
  EXPECT_EQ(ignored["expected_body"], "") << "DRF ignores expectedBody";
  EXPECT_EQ(ignored["interval"], "00:02:00");
  json snake = camel;
  snake.erase("expectedBody");
  snake["expected_body"] = "OK";
  EXPECT_EQ(body_of(h.put(path, snake))["expected_body"], "OK");

  json without_project = camel;
  without_project.erase("project");
  without_project["name"] = "Health (no project)";
  const json kept = body_of(h.put(path, without_project));
  EXPECT_EQ(kept["project"], project_id) << "an omitted project is kept";
  EXPECT_EQ(kept["expected_body"], "OK");

  const auto minimal = h.put(path, {{"monitorType", "GET"},
                                    {"name", "Health minimal"},
                                    {"url", "https://example.com/health"},
                                    {"interval", 120}});
  EXPECT_EQ(minimal->status, 400);
  EXPECT_EQ(body_of(minimal), json({{"expectedStatus", {"This field is required."}}}));

  const auto patched = h.patch(path, {{"interval", 30}});
  EXPECT_EQ(patched->status, 500);
  EXPECT_NE(patched->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_EQ(body_of(h.get(path))["interval"], "00:02:00") << "the PATCH changed nothing";

  const auto deleted = h.del(path);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_TRUE(deleted->body.empty());
  for (const std::string& gone : {path, monitors + "999999999/"}) {
    const auto again = h.del(gone);
    EXPECT_EQ(again->status, 404);
    EXPECT_EQ(body_of(again), json({{"detail", "Not found."}}));
  }
}

TEST_F(DrfAlertsConformance, ListsOfADeletedOrganizationAreEmptyNot404) {
  const json uptime =
      body_of(h.post(project + "alerts/", {{"name", "Uptime alert"},
                                           {"timespan_minutes", 1},
                                           {"quantity", 1},
                                           {"uptime", true},
                                           {"alertRecipients", json::array({email()})}}));
  EXPECT_EQ(uptime["uptime"], true);
  EXPECT_EQ(body_of(h.get(project + "alerts/"))[0]["uptime"], true);
  h.post("/api/0/organizations/" + org + "/monitors/", {{"monitorType", "Heartbeat"},
                                                        {"name", "Nightly job"},
                                                        {"url", ""},
                                                        {"expectedStatus", 200}});
  EXPECT_EQ(h.del("/api/0/organizations/" + org + "/")->status, 204);
  for (const std::string& list :
       {project + "alerts/", project + "keys/", "/api/0/organizations/" + org + "/monitors/"}) {
    const auto res = h.get(list);
    EXPECT_EQ(res->status, 200) << list;
    EXPECT_EQ(body_of(res), json::array()) << list;
    EXPECT_EQ(res->get_header_value("X-Hits"), "0") << list;
  }
  EXPECT_EQ(h.get("/api/0/organizations/" + org + "/")->status, 404);
}

}  // namespace
}  // namespace gg::emulator::testing
