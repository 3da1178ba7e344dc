// The emulator's own contract: seed and dump, the request log, fault injection, the admin
// endpoints and the glitchtip-emulator executable.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/emulator/conformance/harness.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::emulator::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

json example_seed() {
  return json::parse(
      gg::testing::read_file(std::string(GG_SOURCE_DIR) + "/examples/space-agencies/live.json"));
}

TEST(Emulator, ServesTheSpaceAgenciesSeed) {
  Harness h(drf_options(), example_seed());
  const auto res = h.client().Get("/api/0/organizations/", h.auth("glitchtip-dev"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const json orgs = body_of(res);
  ASSERT_EQ(orgs.size(), 2u);
  const auto members =
      body_of(h.client().Get("/api/0/organizations/nasa/members/", h.auth("glitchtip-dev")));
  ASSERT_EQ(members.size(), 5u);
  int pending = 0;
  for (const json& member : members) pending += member["pending"].get<bool>() ? 1 : 0;
  EXPECT_EQ(pending, 2) << "Buzz Aldrin and the Global Flight Director are pending in NASA";
  const auto teams = body_of(
      h.client().Get("/api/0/projects/nasa/apollo-11-spacecraft/", h.auth("glitchtip-dev")));
  EXPECT_EQ(teams["teams"].size(), 2u);
}

TEST(Emulator, DumpSeedsAnIdenticalEmulator) {
  Harness h(drf_options(), example_seed());
  const json dump = h.emulator().dump();
  Emulator copy(drf_options());
  ASSERT_TRUE(copy.seed(dump).ok());
  EXPECT_EQ(copy.dump(), dump);
}

json seed_with_alerts_keys_and_monitors() {
  json seed = default_seed();
  seed["organizations"] = {
      {{"name", "NASA"},
       {"slug", "nasa"},
       {"members", {{{"email", "admin@example.com"}, {"role", "owner"}}}},
       {"projects",
        {{{"name", "Apollo"},
          {"slug", "apollo"},
          {"keys",
           {{{"id", "0123456789ab4def8123456789abcdef"}, {"label", "backend"}},
            {{"label", "limited"}, {"rateLimit", {{"window", 60}, {"count", 1000}}}}}},
          {"alerts",
           {{{"name", "error-burst"},
             {"timespanMinutes", 5},
             {"quantity", 10},
             {"uptime", true},
             {"recipients",
              {{{"recipientType", "email"}},
               {{"recipientType", "webhook"}, {"url", "https://hooks.example.com/x"}}}}}}}}}},
       {"monitors",
        {{{"name", "apollo-api"},
          {"monitorType", "GET"},
          {"url", "https://apollo.example.com/health"},
          {"interval", 60},
          {"timeout", 20},
          {"project", "apollo"}},
         {{"name", "nightly"}, {"monitorType", "Heartbeat"}}}}}};
  return seed;
}

TEST(Emulator, SeedsAlertsKeysAndMonitorsAndDumpsThemBack) {
  for (const Options& options : {drf_options(), ninja_options()}) {
    Harness h(options, seed_with_alerts_keys_and_monitors());
    const bool ninja = options.flavour == Flavour::ninja;
    const json keys = body_of(h.get("/api/0/projects/nasa/apollo/keys/"));
    ASSERT_EQ(keys.size(), 2u) << "the seed's keys replace the automatic one";
    EXPECT_EQ(keys[1]["label"], "backend");
    EXPECT_EQ(keys[1]["id"],
              ninja ? "01234567-89ab-4def-8123-456789abcdef" : "0123456789ab4def8123456789abcdef");
    if (ninja) EXPECT_EQ(keys[0]["rateLimit"], json({{"window", 60}, {"count", 1000}}));
    const json alerts = body_of(h.get("/api/0/projects/nasa/apollo/alerts/"));
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0]["quantity"], 10);
    EXPECT_EQ(alerts[0][ninja ? "timespanMinutes" : "timespan_minutes"], 5);
    EXPECT_EQ(alerts[0]["alertRecipients"].size(), 2u);
    const json monitors = body_of(h.get("/api/0/organizations/nasa/monitors/"));
    ASSERT_EQ(monitors.size(), 2u);
    EXPECT_EQ(monitors[1]["projectName"], "Apollo");
    EXPECT_FALSE(monitors[0]["heartbeatEndpoint"].is_null());

    const json dump = h.emulator().dump();
    const json& project = dump["organizations"][0]["projects"][0];
    EXPECT_EQ(project["keys"].size(), 2u);
    EXPECT_EQ(project["alerts"][0]["recipients"][1]["url"], "https://hooks.example.com/x");
    EXPECT_EQ(dump["organizations"][0]["monitors"][0]["project"], "apollo");
    Emulator copy(options);
    ASSERT_TRUE(copy.seed(dump).ok());
    EXPECT_EQ(copy.dump(), dump);
  }
}

TEST(Emulator, SeedErrorsNameTheField) {
  Emulator emulator;
  const Status status = emulator.seed(
      {{"organizations", {{{"name", "A"}, {"teams", {{{"slug", "t"}, {"members", {"x@y.z"}}}}}}}}});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().where.find("organizations[0].teams[0].members"), std::string::npos)
      << status.error().to_string();
}

// A team seeded without an id is numbered 1; a later one that asks for 1 used to overwrite
// it silently.
TEST(Emulator, SeedRefusesAnIdAnEarlierEntryTook) {
  Emulator emulator;
  const Status status = emulator.seed(
      {{"organizations",
        {{{"name", "A"}, {"teams", {{{"slug", "first"}}, {{"slug", "second"}, {"id", 1}}}}}}}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where, "seed: organizations[0].teams[1].id");
  EXPECT_NE(status.error().message.find("1 is taken by an earlier entry"), std::string::npos)
      << status.error().to_string();
  // Ids the other way round, or all given, are fine.
  EXPECT_TRUE(emulator
                  .seed({{"organizations",
                          {{{"name", "A"},
                            {"teams", {{{"slug", "first"}, {"id", 1}}, {{"slug", "second"}}}}}}}})
                  .ok());
  const json teams = emulator.dump().at("organizations").at(0).at("teams");
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_NE(teams.at(0).at("id"), teams.at(1).at("id"));
}

TEST(Emulator, LogsEveryApiRequestButNotAdminOnes) {
  Harness h(drf_options());
  h.get("/api/0/organizations/?limit=3");
  h.post("/api/0/organizations/", {{"name", "Acme"}});
  h.client().Get("/_emulator/dump");
  const auto log = h.emulator().requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].path, "/api/0/organizations/");
  EXPECT_EQ(log[0].query, "limit=3");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[1].status, 201);
  const json over_http = body_of(h.client().Get("/_emulator/requests"));
  EXPECT_EQ(over_http.size(), 2u);
  h.emulator().clear_requests();
  EXPECT_TRUE(h.emulator().requests().empty());
}

TEST(Emulator, StatusFaultOnTheNthRequestWithRetryAfter) {
  Harness h(drf_options());
  FaultRule rule;
  rule.kind = FaultRule::Kind::status;
  rule.method = "GET";
  rule.path_regex = "^/api/0/organizations/$";
  rule.status = 429;
  rule.retry_after_seconds = 7;
  rule.nth = 2;
  h.emulator().add_fault(rule);
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 200);
  const auto throttled = h.get("/api/0/organizations/");
  EXPECT_EQ(throttled->status, 429);
  EXPECT_EQ(throttled->get_header_value("Retry-After"), "7");
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 200);
  EXPECT_EQ(h.post("/api/0/organizations/", {{"name", "x"}})->status, 201) << "method filter";
}

TEST(Emulator, StatusFaultsFromTheAdminEndpointHonourTimes) {
  Harness h(drf_options());
  const auto added = h.client().Post(
      "/_emulator/faults", R"({"kind":"status","status":503,"times":2})", "application/json");
  ASSERT_EQ(added->status, 201);
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 503);
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 503);
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 200);
  EXPECT_EQ(
      h.client().Post("/_emulator/faults", R"({"kind":"explode"})", "application/json")->status,
      400);
}

TEST(Emulator, DropAfterHandlingCreatesButNeverAnswers) {
  Harness h(drf_options());
  FaultRule rule;
  rule.kind = FaultRule::Kind::drop_after_handling;
  rule.method = "POST";
  rule.times = 1;
  h.emulator().add_fault(rule);
  const auto res = h.post("/api/0/organizations/", {{"name", "Acme"}});
  EXPECT_FALSE(res) << "the client must see no response at all";
  EXPECT_EQ(h.emulator().dump()["organizations"].size(), 1u) << "but the create happened";
  EXPECT_EQ(h.emulator().requests().back().status, 0);
  const auto again = h.post("/api/0/organizations/", {{"name", "Acme"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(body_of(again)["slug"], "acme-2");
}

TEST(Emulator, DropBeforeHandlingChangesNothing) {
  Harness h(drf_options());
  FaultRule rule;
  rule.kind = FaultRule::Kind::drop_before_handling;
  h.emulator().add_fault(rule);
  EXPECT_FALSE(h.post("/api/0/organizations/", {{"name", "Acme"}}));
  EXPECT_EQ(h.emulator().dump()["organizations"].size(), 0u);
}

TEST(Emulator, LatencyAndSlowResponses) {
  Harness h(drf_options());
  FaultRule latency;
  latency.kind = FaultRule::Kind::latency;
  latency.latency = milliseconds(150);
  latency.times = 1;
  h.emulator().add_fault(latency);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(h.get("/api/0/organizations/")->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(150));

  FaultRule slow;
  slow.kind = FaultRule::Kind::slow_response;
  slow.latency = milliseconds(1500);
  h.emulator().add_fault(slow);
  h.client().set_read_timeout(0, 300000);
  start = std::chrono::steady_clock::now();
  EXPECT_FALSE(h.post("/api/0/organizations/", {{"name", "Acme"}})) << "past the client timeout";
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1200));
  h.emulator().clear_faults();
}

TEST(Emulator, AcceptInviteTurnsAPendingMemberIntoAUser) {
  Harness h(drf_options());
  const std::string org = body_of(h.post("/api/0/organizations/", {{"name", "Acme"}}))["slug"];
  h.post("/api/0/organizations/" + org + "/members/",
         {{"email", "new@example.com"}, {"role", "member"}, {"teams", json::array()}});
  EXPECT_FALSE(h.emulator().accept_invite(org, "nobody@example.com").ok());
  const auto accepted = h.client().Post(
      "/_emulator/accept-invite",
      json({{"organization", org}, {"email", "New@example.com"}}).dump(), "application/json");
  EXPECT_EQ(accepted->status, 200);
  const json members = body_of(h.get("/api/0/organizations/" + org + "/members/"));
  EXPECT_EQ(members[0]["pending"], false);
  EXPECT_EQ(members[0]["user"]["email"], "new@example.com");
}

TEST(Emulator, ExecutablePrintsItsAddressAndDumpsOnSigterm) {
  const gg::testing::TemporaryDirectory directory("gg-emulator");
  const std::filesystem::path dump_path = directory / "dump.json";
  const std::filesystem::path out = directory / "stdout";
  const std::string seed = std::string(GG_SOURCE_DIR) + "/examples/space-agencies/live.json";
  gg::testing::BackgroundProcess emulator(
      {.binary = gg::testing::emulator_binary(),
       .arguments = {"--port", "0", "--flavour", "drf", "--seed", seed, "--dump-on-exit",
                     dump_path.string()}},
      out, directory / "stderr");
  // Its first line, once it is written (or all it wrote, should it end first).
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    const std::string text = gg::testing::read_file(out);
    if (const size_t end = text.find('\n'); end != std::string::npos) {
      line = text.substr(0, end);
      break;
    }
    if (emulator.ended() || std::chrono::steady_clock::now() > deadline) {
      line = text;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const std::string prefix = "glitchtip-emulator listening on http://127.0.0.1:";
  ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
  httplib::Client client("127.0.0.1", std::stoi(line.substr(prefix.size())));
  const auto res = client.Get("/api/0/organizations/esa/",
                              {{"Authorization", "Bearer " + test_token("glitchtip-dev")}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_of(res)["name"], "ESA");
  emulator.kill(SIGTERM);
  EXPECT_EQ(emulator.wait(), 0);
  const std::string dump = gg::testing::read_file(dump_path);
  ASSERT_FALSE(dump.empty()) << "the dump was not written";
  EXPECT_EQ(json::parse(dump)["organizations"].size(), 2u);
}

}  // namespace
}  // namespace gg::emulator::testing
