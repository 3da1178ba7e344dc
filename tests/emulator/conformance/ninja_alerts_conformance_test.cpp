// Replays the exchanges on project alerts, project keys and uptime monitors recorded against a
// real ninja server (docs/glitchtip-api.md §12): status codes, field names and the bodies of
// errors; ids and times vary and are not compared.
#include <gtest/gtest.h>

#include <regex>

#include "tests/emulator/conformance/harness.hpp"

namespace gg::emulator::testing {
namespace {

using nlohmann::json;
using Keys = std::set<std::string>;

const Keys kAlertFields = {"id",       "name",   "timespanMinutes",
                           "quantity", "uptime", "alertRecipients"};
const Keys kKeyFields = {"name", "rateLimit", "dateCreated", "id",
                         "dsn",  "label",     "public",      "projectID"};
const Keys kMonitorFields = {"projectID",         "environmentID", "isUp",    "lastChange",
                             "heartbeatEndpoint", "projectName",   "envName", "checks",
                             "organizationID",    "monitorType",   "id",      "endpointID",
                             "created",           "name",          "url",     "expectedStatus",
                             "expectedBody",      "interval",      "timeout"};
const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

json email() {
  return {{"recipientType", "email"}, {"url", ""}};
}

std::set<std::string> allowed(const httplib::Result& res) {
  std::set<std::string> methods;
  const std::string allow = res->get_header_value("Allow");
  const std::regex word("[A-Z]+");
  for (auto it = std::sregex_iterator(allow.begin(), allow.end(), word);
       it != std::sregex_iterator(); ++it) {
    methods.insert(it->str());
  }
  return methods;
}

void expect_html_405(const httplib::Result& res, const std::set<std::string>& allow) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(res->body, "Method not allowed");
  EXPECT_EQ(allowed(res), allow);
}

class NinjaAlertsConformance : public ::testing::Test {
 protected:
  Harness h{ninja_options()};
  std::string org;
  std::string project;  // /api/0/projects/<org>/alert-app/
  std::string project_id;

  void SetUp() override {
    org = body_of(h.post("/api/0/organizations/", {{"name", "probe-alerts"}}))["slug"];
    h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
    project_id = body_of(h.post("/api/0/teams/" + org + "/backend/projects/",
                                {{"name", "alert-app"}, {"platform", "python"}}))["id"];
    project = "/api/0/projects/" + org + "/alert-app/";
  }

  json alert(const std::string& name, int timespan, int quantity,
             const std::vector<json>& recipients) {
    return {{"name", name},
            {"timespanMinutes", timespan},
            {"quantity", quantity},
            {"uptime", false},
            {"alertRecipients", recipients}};
  }

  json get_monitor() const {
    return {{"monitorType", "GET"},  {"name", "Health"},     {"url", "https://example.com/health"},
            {"expectedStatus", 200}, {"expectedBody", ""},   {"interval", 60},
            {"timeout", 20},         {"project", project_id}};
  }
};

TEST_F(NinjaAlertsConformance, AlertFieldsAreCamelCase) {
  const auto empty = h.get(project + "alerts/");
  EXPECT_EQ(body_of(empty), json::array());
  EXPECT_EQ(empty->get_header_value("Link").rfind("{'<", 0), 0u);
  const auto created = h.post(project + "alerts/", alert("Errors burst", 10, 5, {email()}));
  ASSERT_EQ(created->status, 201);
  const json body = body_of(created);
  EXPECT_EQ(keys_of(body), kAlertFields);
  EXPECT_EQ(body["timespanMinutes"], 10);
  EXPECT_EQ(keys_of(body["alertRecipients"][0]), Keys({"id", "recipientType", "url"}));
  EXPECT_EQ(h.post(project + "alerts/",
                   alert("Webhook alert", 1, 1,
                         {{{"recipientType", "webhook"},
                           {"url", "https://hooks.example.com/T000/B000/XXXX"}},
                          {{"recipientType", "discord"},
                           {"url", "https://discord.com/api/webhooks/000000/XXXX"}}}))
                ->status,
            201);
  EXPECT_EQ(h.post(project + "alerts/", alert("Webhook alert", 2, 2, {email()}))->status, 201);
  const auto nameless = h.post(project + "alerts/", {{"timespanMinutes", 1},
                                                     {"quantity", 1},
                                                     {"uptime", false},
                                                     {"alertRecipients", json::array({email()})}});
  EXPECT_EQ(body_of(nameless)["name"], "");
  const auto first = h.get(project + "alerts/?limit=1");
  EXPECT_EQ(first->get_header_value("X-Hits"), "4");
  EXPECT_EQ(body_of(first)[0]["name"], "");
  EXPECT_NE(first->get_header_value("Link").find(R"(rel="next"; results="true"; cursor=")"),
            std::string::npos);
}

TEST_F(NinjaAlertsConformance, BadInputsAre422sExceptANegativeQuantity) {
  const auto negative = h.post(project + "alerts/", alert("Bad quantity", 1, -1, {email()}));
  EXPECT_EQ(negative->status, 500) << "the database's check constraint";
  EXPECT_EQ(negative->get_header_value("Content-Type"), "text/html; charset=utf-8");

  const auto bogus = h.post(project + "alerts/",
                            alert("Bad type", 1, 1, {{{"recipientType", "bogus"}, {"url", ""}}}));
  EXPECT_EQ(bogus->status, 422);
  const char* tags =
      "RecipientType.EMAIL, RecipientType.DISCORD, RecipientType.GENERAL_WEBHOOK, "
      "RecipientType.GOOGLE_CHAT";
  EXPECT_EQ(body_of(bogus),
            json({{"detail",
                   {{{"type", "union_tag_invalid"},
                     {"loc", {"body", "payload", "alertRecipients", 0}},
                     {"msg", std::string("Input tag 'bogus' found using 'recipient_type' | "
                                         "'recipientType' does not match any of the expected "
                                         "tags: ") +
                                 tags},
                     {"ctx",
                      {{"discriminator", "'recipient_type' | 'recipientType'"},
                       {"tag", "bogus"},
                       {"expected_tags", tags}}}}}}}));

  const auto bad_url =
      h.post(project + "alerts/",
             alert("Bad url", 1, 1, {{{"recipientType", "webhook"}, {"url", "not a url"}}}));
  EXPECT_EQ(bad_url->status, 422);
  EXPECT_EQ(body_of(bad_url),
            json({{"detail",
                   {{{"type", "url_parsing"},
                     {"loc", {"body", "payload", "alertRecipients", 0, "webhook", "url"}},
                     {"msg", "Input should be a valid URL, relative URL without a base"},
                     {"ctx", {{"error", "relative URL without a base"}}}}}}}));
  EXPECT_EQ(body_of(h.get(project + "alerts/")), json::array()) << "nothing was stored";
}

TEST_F(NinjaAlertsConformance, NoSingleGetAndUpdatesReplaceTheRecipients) {
  const json webhook = {{"recipientType", "webhook"},
                        {"url", "https://hooks.example.com/T000/B000/XXXX"}};
  const json created = body_of(h.post(
      project + "alerts/", alert("Webhook alert", 1, 1,
                                 {webhook,
                                  {{"recipientType", "discord"},
                                   {"url", "https://discord.com/api/webhooks/000000/XXXX"}}})));
  const std::string path = project + "alerts/" + std::to_string(created["id"].get<int>()) + "/";
  expect_html_405(h.get(path), {"DELETE", "PUT"});
  expect_html_405(h.patch(path, {{"quantity", 3}}), {"DELETE", "PUT"});

  const json replaced = body_of(h.put(path, alert("Webhook alert", 15, 20, {webhook, email()})));
  ASSERT_EQ(replaced["alertRecipients"].size(), 2u);
  EXPECT_EQ(replaced["alertRecipients"][0]["id"], created["alertRecipients"][0]["id"]);
  EXPECT_EQ(replaced["alertRecipients"][1]["recipientType"], "email");
  EXPECT_EQ(body_of(h.get(project + "alerts/"))[0], replaced);

  const json renamed = body_of(h.put(path, {{"name", "Webhook alert renamed"}, {"quantity", 7}}));
  EXPECT_EQ(renamed["alertRecipients"], json::array());
  EXPECT_EQ(renamed["timespanMinutes"], 15);

  const auto deleted = h.del(path);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_TRUE(deleted->body.empty());
  EXPECT_EQ(deleted->get_header_value("Content-Type"), "application/json; charset=utf-8");
  for (const std::string& gone : {path, project + "alerts/999999999/"}) {
    const auto again = h.del(gone);
    EXPECT_EQ(again->status, 404);
    EXPECT_EQ(body_of(again), json({{"detail", "Not Found"}}));
  }
}

TEST_F(NinjaAlertsConformance, KeysHaveUuidsNamesAndRateLimits) {
  const json listed = body_of(h.get(project + "keys/"));
  ASSERT_EQ(listed.size(), 1u) << "GlitchTip makes a key with every project";
  EXPECT_EQ(keys_of(listed[0]), kKeyFields) << "no isActive";
  const std::string id = listed[0]["id"];
  EXPECT_TRUE(std::regex_match(id, kUuid)) << id;
  EXPECT_EQ(listed[0]["public"], id);
  EXPECT_TRUE(listed[0]["rateLimit"].is_null());
  EXPECT_EQ(listed[0]["projectID"], std::stoi(project_id));
  std::string hex = id;
  std::erase(hex, '-');
  const std::string host = h.emulator().base_url().substr(std::string("http://").size());
  EXPECT_EQ(listed[0]["dsn"]["public"], "http://" + hex + "@" + host + "/" + project_id)
      << "the DSN holds the key without dashes";

  const json frontend = body_of(h.post(project + "keys/", {{"name", "frontend"}}));
  EXPECT_EQ(frontend["name"], "frontend");
  EXPECT_EQ(frontend["label"], "frontend");
  const json limited = body_of(h.post(
      project + "keys/", {{"name", "limited"}, {"rateLimit", {{"count", 100}, {"window", 60}}}}));
  EXPECT_EQ(limited["rateLimit"], json({{"window", 60}, {"count", 100}}));
  EXPECT_EQ(body_of(h.get(project + "keys/")).size(), 3u);

  const std::string path = project + "keys/" + frontend["id"].get<std::string>() + "/";
  const auto put = h.put(path, {{"name", "frontend-renamed"}});
  EXPECT_EQ(put->status, 200);
  EXPECT_EQ(body_of(put)["name"], "frontend") << "ninja's key PUT changes nothing";
  EXPECT_EQ(body_of(h.get(path)), frontend);
  std::string frontend_hex = frontend["id"];
  std::erase(frontend_hex, '-');
  EXPECT_EQ(h.get(project + "keys/" + frontend_hex + "/")->status, 500)
      << "the 32-hex form does not match the route";

  const auto deleted = h.del(path);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_EQ(deleted->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(body_of(h.del(path)), json({{"detail", "Not Found"}}));
  EXPECT_EQ(body_of(h.get(project + "keys/")).size(), 2u);
}

TEST_F(NinjaAlertsConformance, MonitorsAreCamelCaseWithIntegerIntervals) {
  const std::string monitors = "/api/0/organizations/" + org + "/monitors/";
  const auto created = h.post(monitors, get_monitor());
  ASSERT_EQ(created->status, 201);
  const json health = body_of(created);
  EXPECT_EQ(keys_of(health), kMonitorFields);
  EXPECT_EQ(health["projectID"], project_id) << "a string";
  EXPECT_EQ(health["interval"], 60);
  EXPECT_EQ(health["timeout"], 20);
  EXPECT_EQ(health["isUp"], false);
  EXPECT_TRUE(std::regex_match(health["lastChange"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)")));
  ASSERT_EQ(health["checks"].size(), 1u);
  EXPECT_EQ(keys_of(health["checks"][0]), Keys({"isUp", "startCheck", "reason"}));

  json heartbeat_body = get_monitor();
  heartbeat_body["monitorType"] = "Heartbeat";
  heartbeat_body["url"] = "";
  const json heartbeat = body_of(h.post(monitors, heartbeat_body));
  EXPECT_TRUE(heartbeat["isUp"].is_null());
  EXPECT_TRUE(heartbeat["lastChange"].is_null());
  EXPECT_TRUE(std::regex_match(heartbeat["endpointID"].get<std::string>(), kUuid));

  json no_url = get_monitor();
  no_url.erase("url");
  const auto invalid = h.post(monitors, no_url);
  EXPECT_EQ(invalid->status, 422);
  EXPECT_EQ(body_of(invalid), json({{"detail", "Invalid Url"}}));
  json empty_url = get_monitor();
  empty_url["url"] = "";
  EXPECT_EQ(body_of(h.post(monitors, empty_url)), json({{"detail", "URL is required for GET"}}));

  const std::string path = monitors + std::to_string(health["id"].get<int>()) + "/";
  const json detail = body_of(h.get(path));
  EXPECT_EQ(keys_of(detail["checks"][0]), Keys({"isUp", "startCheck", "reason", "responseTime"}))
      << "only the detail GET has responseTime";
  json put = get_monitor();
  put["expectedBody"] = "OK";
  put["interval"] = 120;
  EXPECT_EQ(body_of(h.put(path, put))["expectedBody"], "OK");
  put.erase("project");
  const json replaced = body_of(h.put(path, put));
  EXPECT_TRUE(replaced["projectID"].is_null()) << "ninja's PUT is a full replace";
  EXPECT_TRUE(replaced["projectName"].is_null());

  const auto minimal = h.put(path, {{"monitorType", "GET"},
                                    {"name", "Health minimal"},
                                    {"url", "https://example.com/health"},
                                    {"interval", 120}});
  EXPECT_EQ(minimal->status, 422);
  json missing = json::array();
  for (const char* field : {"expectedBody", "expectedStatus", "timeout"}) {
    missing.push_back(
        {{"type", "missing"}, {"loc", {"body", "payload", field}}, {"msg", "Field required"}});
  }
  EXPECT_EQ(body_of(minimal), json({{"detail", missing}}));
  expect_html_405(h.patch(path, {{"interval", 30}}), {"GET", "DELETE", "PUT"});

  const auto deleted = h.del(path);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_EQ(deleted->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(body_of(h.del(path)), json({{"detail", "Not Found"}}));
  EXPECT_EQ(h.del(monitors + "999999999/")->status, 404);
}

TEST_F(NinjaAlertsConformance, ABogusMonitorTypeIsStoredAndBreaksTheListUntilDeleted) {
  const std::string monitors = "/api/0/organizations/" + org + "/monitors/";
  const json zero = [&] {
    json body = get_monitor();
    body["interval"] = 0;
    return body_of(h.post(monitors, body));
  }();
  EXPECT_EQ(zero["interval"], 0) << "interval 0 is accepted";
  json bogus = get_monitor();
  bogus["monitorType"] = "bogus";
  const auto crashed = h.post(monitors, bogus);
  EXPECT_EQ(crashed->status, 500);
  EXPECT_EQ(h.get(monitors)->status, 500) << "the stored monitor breaks the list";
  const std::string stored = monitors + std::to_string(zero["id"].get<int>() + 1) + "/";
  EXPECT_EQ(h.del(stored)->status, 204) << "it is the next id";
  const auto listed = h.get(monitors);
  EXPECT_EQ(listed->status, 200);
  EXPECT_EQ(body_of(listed).size(), 1u);
}

TEST_F(NinjaAlertsConformance, ListsOfADeletedOrganizationAreEmptyNot404) {
  h.post(project + "alerts/", alert("Uptime alert", 1, 1, {email()}));
  h.post("/api/0/organizations/" + org + "/monitors/", get_monitor());
  const auto deleted = h.del("/api/0/organizations/" + org + "/");
  EXPECT_EQ(deleted->status, 204);
  EXPECT_EQ(deleted->get_header_value("Content-Type"), "application/json; charset=utf-8");
  for (const std::string& list :
       {project + "alerts/", project + "keys/", "/api/0/organizations/" + org + "/monitors/"}) {
    const auto res = h.get(list);
    EXPECT_EQ(res->status, 200) << list;
    EXPECT_EQ(body_of(res), json::array()) << list;
    EXPECT_EQ(res->get_header_value("X-Hits"), "0") << list;
  }
  EXPECT_EQ(body_of(h.get("/api/0/organizations/" + org + "/")), json({{"detail", "Not Found"}}));
}

}  // namespace
}  // namespace gg::emulator::testing
