// Uptime monitors over HTTP against the emulator, both API generations: reading them (the
// generation's field names, drf's "HH:MM:SS" interval, the project as a slug, names two
// monitors share) and the create, update and delete bodies, which never PATCH and always
// carry the whole monitor.
#include <gtest/gtest.h>

#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

using emulator::Flavour;
using nlohmann::json;
using testing::Server;

json seed_with_monitors() {
  json seed = testing::space_agencies_seed();
  for (json& organization : seed["organizations"]) {
    if (organization["slug"] != "nasa") continue;
    organization["monitors"] =
        json::array({{{"name", "apollo-api"},
                      {"monitorType", "GET"},
                      {"url", "https://apollo.example.com/health"},
                      {"expectedStatus", 200},
                      {"expectedBody", "OK"},
                      {"interval", 5400},
                      {"timeout", 15},
                      {"project", "apollo-11-spacecraft"}},
                     {{"name", "nightly"}, {"monitorType", "Heartbeat"}, {"interval", 90000}}});
  }
  return seed;
}

class Monitors : public ::testing::TestWithParam<Flavour> {};

TEST_P(Monitors, AreReadInEitherGenerationsSpelling) {
  Server server(GetParam(), seed_with_monitors());
  auto live = server.provider()->read_live();
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  const Organization& nasa = live->organizations.at("nasa");
  ASSERT_EQ(nasa.monitors.size(), 2u);
  const Monitor& api = nasa.monitors.at("apollo-api");
  EXPECT_FALSE(api.id.empty());
  EXPECT_EQ(api.type, "GET");
  EXPECT_EQ(api.url, "https://apollo.example.com/health");
  EXPECT_EQ(api.interval, 5400) << "drf answers 01:30:00";
  EXPECT_EQ(api.expected_status, 200);
  EXPECT_EQ(api.expected_body, "OK");
  EXPECT_EQ(api.project, "apollo-11-spacecraft");
  EXPECT_EQ(api.timeout, GetParam() == Flavour::ninja ? 15 : 0) << "drf has no timeout";
  const Monitor& nightly = nasa.monitors.at("nightly");
  EXPECT_EQ(nightly.interval, 90000) << "drf answers 1 01:00:00";
  EXPECT_EQ(nightly.url, "");
  EXPECT_EQ(nightly.project, "");
  EXPECT_TRUE(nasa.duplicate_monitor_ids.empty());
  EXPECT_TRUE(live->organizations.at("esa").monitors.empty());
}

TEST_P(Monitors, TwoWithOneNameAreNotedWithBothIds) {
  json seed = seed_with_monitors();
  for (json& organization : seed["organizations"]) {
    if (organization["slug"] == "nasa") {
      organization["monitors"].push_back(
          {{"name", "apollo-api"}, {"monitorType", "Ping"}, {"url", "apollo.example.com"}});
    }
  }
  Server server(GetParam(), seed);
  auto live = server.provider()->read_live();
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  const auto& duplicates = live->organizations.at("nasa").duplicate_monitor_ids;
  ASSERT_EQ(duplicates.count("apollo-api"), 1u);
  EXPECT_EQ(duplicates.at("apollo-api").size(), 2u);
}

TEST_P(Monitors, CreateUpdateAndDeleteSendTheWholeMonitor) {
  Server server(GetParam());
  auto provider = server.provider();
  Action create;
  create.type = ActionType::create_monitor;
  create.instance = "glitchtip-dev";
  create.organization = "NASA";
  create.organization_slug = "nasa";
  create.monitor = "apollo-api";
  create.address = "glitchtip-dev/NASA/monitor/apollo-api";
  create.project = "apollo-11-spacecraft";
  create.after = {{"name", "apollo-api"},
                  {"type", "GET"},
                  {"url", "https://apollo.example.com/health"},
                  {"interval", 60},
                  {"expectedStatus", 200},
                  {"expectedBody", ""},
                  {"timeout", 0},
                  {"project", "apollo-11-spacecraft"}};
  auto created = provider->run(create);
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(created->slug, "apollo-api");
  EXPECT_FALSE(created->id.empty());
  EXPECT_EQ(created->timeout, GetParam() == Flavour::ninja ? 20 : 0);

  Action update = create;
  update.type = ActionType::update_monitor;
  update.before = create.after;
  update.after["interval"] = 120;
  update.after["project"] = "";
  update.project = "";
  auto updated = provider->run(update);
  ASSERT_TRUE(updated.ok()) << updated.error().to_string();
  auto live = provider->read_live();
  ASSERT_TRUE(live.ok());
  const Monitor& monitor = live->organizations.at("nasa").monitors.at("apollo-api");
  EXPECT_EQ(monitor.interval, 120);
  EXPECT_EQ(monitor.project, "") << "unlinked on drf too, whose PUT keeps what is omitted";
  EXPECT_EQ(monitor.url, "https://apollo.example.com/health");

  Action remove = create;
  remove.type = ActionType::delete_monitor;
  remove.after = nullptr;
  ASSERT_TRUE(provider->run(remove).ok());
  auto again = provider->run(remove);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_so);
  for (const auto& request : server.emulator->requests()) {
    EXPECT_NE(request.method, "PATCH") << request.path;
  }
}

TEST(MonitorCapabilities, DrfRefusesTcpPortBeforeSendingIt) {
  Server server(Flavour::drf);
  Action create;
  create.type = ActionType::create_monitor;
  create.instance = "glitchtip-dev";
  create.organization_slug = "nasa";
  create.monitor = "port";
  create.address = "glitchtip-dev/NASA/monitor/port";
  create.after = {
      {"name", "port"}, {"type", "TCP Port"}, {"url", "apollo.example.com:443"}, {"interval", 60}};
  auto refused = server.provider()->run(create);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("has no TCP Port monitors"), std::string::npos);
  for (const auto& request : server.emulator->requests()) {
    EXPECT_NE(request.method, "POST") << request.path;
  }
}

INSTANTIATE_TEST_SUITE_P(Flavours, Monitors, ::testing::Values(Flavour::drf, Flavour::ninja),
                         testing::flavour_name);

}  // namespace
}  // namespace gg::glitchtip
