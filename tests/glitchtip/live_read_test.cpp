// Reading live state from the emulator over loopback, in both API generations.
#include <gtest/gtest.h>

#include <algorithm>

#include "planner/kinds/alert.hpp"
#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

using emulator::Flavour;
using testing::Server;

Member member(const std::string& email, Role role, bool pending) {
  return Member{email, role, pending, ""};
}

// The example's alert of each project: 10 events in 5 minutes, to e-mail (and Apollo 11
// Spacecraft's also to its Slack webhook, on uptime too).
void add_error_burst(Organization& organization, const std::string& project) {
  Alert alert;
  alert.project = project;
  alert.name = "error-burst";
  alert.quantity = 10;
  alert.timespan_minutes = 5;
  alert.recipients.push_back(alert_recipient("email", ""));
  if (project == "apollo-11-spacecraft") {
    alert.uptime = true;
    alert.recipients.push_back(alert_recipient(
        "webhook",
        "https://hooks.slack.example/services/T00000000/B00000000/example-not-a-secret"));
  }
  alert.recipients = recipient_set(std::move(alert.recipients));
  organization.alerts[alert_key(project, alert.name)] = alert;
}

// docs/design.md §9: the space agencies, without ids (compared separately).
std::map<std::string, Organization> expected_space_agencies() {
  Organization esa;
  esa.name = "ESA";
  esa.slug = "esa";
  esa.teams["esa-pilots"] = Team{"esa-pilots", "", {"samanthacristoforetti@nasa.com"}};
  esa.teams["esa-flight-control"] =
      Team{"esa-flight-control",
           "",
           {"globalflightdirector@nasa.com", "matthiasmaurer@nasa.com", "timpeake@nasa.com"}};
  esa.projects["rosetta-flight-control"] = Project{
      "rosetta-flight-control", "", "Rosetta Flight Control", "python", 0, {"esa-flight-control"}};
  esa.projects["rosetta-spacecraft"] = Project{"rosetta-spacecraft",
                                               "",
                                               "Rosetta Spacecraft",
                                               "python",
                                               0,
                                               {"esa-flight-control", "esa-pilots"}};
  for (const auto& email :
       {"samanthacristoforetti@nasa.com", "matthiasmaurer@nasa.com", "timpeake@nasa.com"}) {
    esa.members[email] = member(email, Role::member, false);
  }
  esa.members["globalflightdirector@nasa.com"] =
      member("globalflightdirector@nasa.com", Role::owner, false);
  add_error_burst(esa, "rosetta-flight-control");
  add_error_burst(esa, "rosetta-spacecraft");

  Organization nasa;
  nasa.name = "NASA";
  nasa.slug = "nasa";
  nasa.teams["nasa-pilots"] =
      Team{"nasa-pilots", "", {"buzzaldrin@nasa.com", "neilarmstrong@nasa.com"}};
  nasa.teams["nasa-flight-control"] =
      Team{"nasa-flight-control", "", {"globalflightdirector@nasa.com", "michaelcollins@nasa.com"}};
  nasa.projects["apollo-11-flight-control"] =
      Project{"apollo-11-flight-control", "", "Apollo 11 Flight Control", "python", 0,
              {"nasa-flight-control"}};
  nasa.projects["apollo-11-spacecraft"] = Project{"apollo-11-spacecraft",
                                                  "",
                                                  "Apollo 11 Spacecraft",
                                                  "python",
                                                  0,
                                                  {"nasa-flight-control", "nasa-pilots"}};
  nasa.members["neilarmstrong@nasa.com"] = member("neilarmstrong@nasa.com", Role::member, false);
  nasa.members["buzzaldrin@nasa.com"] = member("buzzaldrin@nasa.com", Role::member, true);
  nasa.members["michaelcollins@nasa.com"] = member("michaelcollins@nasa.com", Role::member, false);
  nasa.members["globalflightdirector@nasa.com"] =
      member("globalflightdirector@nasa.com", Role::owner, true);
  add_error_burst(nasa, "apollo-11-flight-control");
  add_error_burst(nasa, "apollo-11-spacecraft");
  Monitor website;
  website.name = "apollo-website";
  website.type = "GET";
  website.url = "https://apollo.example.com/";
  website.project = "apollo-11-spacecraft";
  nasa.monitors[website.name] = website;
  return {{"esa", esa}, {"nasa", nasa}};
}

// Ids are GlitchTip's; the test checks they are present, then compares the rest.
std::map<std::string, Organization> without_ids(std::map<std::string, Organization> organizations) {
  for (auto& [slug, organization] : organizations) {
    EXPECT_FALSE(organization.id.empty()) << slug;
    organization.id.clear();
    for (auto& [team_slug, team] : organization.teams) {
      EXPECT_FALSE(team.id.empty()) << team_slug;
      team.id.clear();
    }
    for (auto& [project_slug, project] : organization.projects) {
      EXPECT_FALSE(project.id.empty()) << project_slug;
      project.id.clear();
    }
    for (auto& [email, m] : organization.members) {
      EXPECT_FALSE(m.id.empty()) << email;
      m.id.clear();
    }
    // Every project of the seed has the one key GlitchTip makes with it, label "".
    for (const auto& [project_slug, project] : organization.projects) {
      const auto key = organization.keys.find(project_slug + "/");
      EXPECT_TRUE(key != organization.keys.end() && !key->second.id.empty()) << project_slug;
    }
    EXPECT_EQ(organization.keys.size(), organization.projects.size()) << slug;
    organization.keys.clear();
    for (auto& [key, alert] : organization.alerts) {
      EXPECT_FALSE(alert.id.empty()) << key;
      alert.id.clear();
    }
    for (auto& [name, monitor] : organization.monitors) {
      EXPECT_FALSE(monitor.id.empty()) << name;
      monitor.id.clear();
    }
  }
  return organizations;
}

class LiveRead : public ::testing::TestWithParam<Flavour> {};

TEST_P(LiveRead, ReadsTheSpaceAgenciesExactly) {
  Server server(GetParam());
  auto provider = server.provider();
  const auto live = provider->read_live();
  ASSERT_TRUE(live.ok()) << testing::said(live.errors());
  EXPECT_EQ(live->name, "glitchtip-dev");
  EXPECT_EQ(without_ids(live->organizations), expected_space_agencies());
  ASSERT_TRUE(live->capabilities.has_value());
  const bool ninja = GetParam() == Flavour::ninja;
  EXPECT_EQ(live->capabilities->generation, ninja ? ApiGeneration::ninja : ApiGeneration::drf);
  EXPECT_EQ(live->capabilities->project_slug_rename, ninja);
  EXPECT_EQ(live->capabilities->event_throttle_rate, ninja);  // drf default is 2.0.5
}

TEST_P(LiveRead, MakesExactlyTheExpectedGets) {
  Server server(GetParam());
  auto provider =
      server.provider(8, GetParam() == Flavour::ninja ? ApiGeneration::ninja : ApiGeneration::drf);
  ASSERT_TRUE(provider->read_live().ok());
  std::multiset<std::string> paths;
  for (const auto& request : server.emulator->requests()) {
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.query, "limit=100") << request.path;
    paths.insert(request.path);
  }
  const std::multiset<std::string> expected = {
      "/api/0/organizations/",
      "/api/0/organizations/esa/teams/",
      "/api/0/organizations/esa/projects/",
      "/api/0/organizations/esa/members/",
      "/api/0/organizations/esa/monitors/",
      "/api/0/teams/esa/esa-pilots/members/",
      "/api/0/teams/esa/esa-flight-control/members/",
      "/api/0/projects/esa/rosetta-flight-control/alerts/",
      "/api/0/projects/esa/rosetta-flight-control/keys/",
      "/api/0/projects/esa/rosetta-spacecraft/alerts/",
      "/api/0/projects/esa/rosetta-spacecraft/keys/",
      "/api/0/organizations/nasa/teams/",
      "/api/0/organizations/nasa/projects/",
      "/api/0/organizations/nasa/members/",
      "/api/0/organizations/nasa/monitors/",
      "/api/0/teams/nasa/nasa-pilots/members/",
      "/api/0/teams/nasa/nasa-flight-control/members/",
      "/api/0/projects/nasa/apollo-11-flight-control/alerts/",
      "/api/0/projects/nasa/apollo-11-flight-control/keys/",
      "/api/0/projects/nasa/apollo-11-spacecraft/alerts/",
      "/api/0/projects/nasa/apollo-11-spacecraft/keys/",
  };
  EXPECT_EQ(paths, expected);
}

TEST_P(LiveRead, DetectsTheGenerationWithOneExtraRequest) {
  Server server(GetParam());
  auto provider = server.provider();
  const auto capabilities = provider->capabilities();
  ASSERT_TRUE(capabilities.ok()) << testing::said(capabilities.errors());
  EXPECT_EQ(capabilities->generation,
            GetParam() == Flavour::ninja ? ApiGeneration::ninja : ApiGeneration::drf);
  ASSERT_TRUE(provider->capabilities().ok());
  EXPECT_EQ(server.emulator->requests().size(), 1u);
}

TEST_P(LiveRead, FollowsPagesBeyondOneHundredMembers) {
  nlohmann::json seed = testing::space_agencies_seed();
  auto& nasa = seed["organizations"][1];
  for (int i = 0; i < 230; ++i) {
    const std::string email = "Astronaut" + std::to_string(i) + "@NASA.com";
    nasa["members"].push_back({{"email", email}, {"role", "member"}, {"pending", i % 2 == 0}});
    nasa["teams"][0]["members"].push_back(email);
  }
  Server server(GetParam(), seed);
  auto provider = server.provider(4);
  const auto live = provider->read_live();
  ASSERT_TRUE(live.ok()) << testing::said(live.errors());
  const auto& organization = live->organizations.at("nasa");
  EXPECT_EQ(organization.members.size(), 4u + 230u);
  EXPECT_TRUE(organization.members.count("astronaut229@nasa.com"));
  EXPECT_TRUE(organization.members.at("astronaut0@nasa.com").pending);
  EXPECT_EQ(organization.teams.at("nasa-pilots").members.size(), 2u + 230u);
  EXPECT_TRUE(std::is_sorted(organization.teams.at("nasa-pilots").members.begin(),
                             organization.teams.at("nasa-pilots").members.end()));
  int member_pages = 0;
  for (const auto& request : server.emulator->requests()) {
    if (request.path == "/api/0/organizations/nasa/members/") ++member_pages;
  }
  EXPECT_EQ(member_pages, 3);
}

TEST_P(LiveRead, ReadsASubsetOfOrganizationsAndMissesUnknownOnes) {
  Server server(GetParam());
  auto provider = server.provider();
  const auto live = provider->read_organizations({"nasa", "gone"});
  ASSERT_TRUE(live.ok()) << testing::said(live.errors());
  ASSERT_EQ(live->organizations.size(), 1u);
  EXPECT_EQ(without_ids(live->organizations).at("nasa"), expected_space_agencies().at("nasa"));
}

TEST_P(LiveRead, StillCompleteWhenOneRequestInTenFails) {
  Server server(GetParam());
  for (int status : {502, 503, 429}) {
    emulator::FaultRule rule;
    rule.kind = emulator::FaultRule::Kind::status;
    rule.method = "GET";
    rule.status = status;
    rule.rate = 0.04;
    server.emulator->add_fault(rule);
  }
  auto provider = server.provider();
  for (int round = 0; round < 5; ++round) {
    const auto live = provider->read_live();
    ASSERT_TRUE(live.ok()) << testing::said(live.errors());
    EXPECT_EQ(without_ids(live->organizations), expected_space_agencies());
  }
  int failed = 0;
  for (const auto& request : server.emulator->requests()) failed += request.status != 200;
  EXPECT_GT(failed, 0);  // the faults did fire
  EXPECT_EQ(provider->stats().retries, static_cast<uint64_t>(failed));
}

TEST_P(LiveRead, HonoursRetryAfter) {
  Server server(GetParam());
  emulator::FaultRule rule;
  rule.kind = emulator::FaultRule::Kind::status;
  rule.status = 429;
  rule.retry_after_seconds = 1;
  rule.path_regex = "^/api/0/organizations/$";
  rule.times = 1;
  server.emulator->add_fault(rule);
  auto provider = server.provider(8, ApiGeneration::drf);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider->read_live().ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(950));
}

TEST_P(LiveRead, AnUnknownTokenIsAClearErrorWithoutTheToken) {
  Server server(GetParam());
  const std::string token(64, 'e');
  auto provider = server.provider(8, ApiGeneration::automatic, token);
  const auto live = provider->read_live();
  ASSERT_FALSE(live.ok());
  const std::string text = testing::said(live.errors());
  EXPECT_NE(text.find(GetParam() == Flavour::ninja ? "401" : "403"), std::string::npos) << text;
  EXPECT_NE(text.find("GET /api/0/"), std::string::npos) << text;
  EXPECT_NE(text.find("token"), std::string::npos) << text;
  EXPECT_EQ(text.find(token), std::string::npos) << text;
}

TEST_P(LiveRead, ReportsProgress) {
  Server server(GetParam());
  std::mutex mutex;
  Progress last;
  setenv(testing::kTokenVariable, testing::space_agencies_token().c_str(), 1);
  ClientOptions options;
  options.on_progress = [&](const Progress& progress) {
    std::lock_guard lock(mutex);
    last = progress;
  };
  auto provider = Provider::open("glitchtip-dev", server.settings(ApiGeneration::drf), options);
  ASSERT_TRUE(provider.ok());
  ASSERT_TRUE((*provider)->read_live().ok());
  std::lock_guard lock(mutex);
  EXPECT_EQ(last.organizations_total, 2);
  EXPECT_EQ(last.organizations_read, 2);
  // 11, each organization's monitor list and each project's alert and key lists
  EXPECT_EQ(last.requests_done, 21u);
}

INSTANTIATE_TEST_SUITE_P(Flavours, LiveRead, ::testing::Values(Flavour::drf, Flavour::ninja),
                         testing::flavour_name);

}  // namespace
}  // namespace gg::glitchtip
