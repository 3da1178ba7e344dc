// Read time of a 50 organizations x 20 teams instance with 20 ms latency per request, at
// parallelism 1 and 8. Disabled in the suite; run it from a Release build:
//   build-gt-rel/tests/glitchtip/glitchtip_tests --gtest_also_run_disabled_tests
//       --gtest_filter='*ReadBenchmark*'
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

nlohmann::json large_seed() {
  nlohmann::json seed = testing::space_agencies_seed();
  seed["organizations"] = nlohmann::json::array();
  for (int o = 0; o < 50; ++o) {
    const std::string slug = "org-" + std::to_string(o);
    nlohmann::json organization = {{"name", slug}, {"slug", slug}};
    organization["members"] = {
        {{"email", testing::kAutomationUser}, {"role", "owner"}},
        {{"email", "a" + std::to_string(o) + "@nasa.com"}, {"role", "member"}},
        {{"email", "b" + std::to_string(o) + "@nasa.com"}, {"role", "admin"}}};
    organization["teams"] = nlohmann::json::array();
    for (int t = 0; t < 20; ++t) {
      organization["teams"].push_back(
          {{"slug", "team-" + std::to_string(t)},
           {"members", {testing::kAutomationUser, "a" + std::to_string(o) + "@nasa.com"}}});
    }
    organization["projects"] = {
        {{"name", "p"}, {"slug", "p"}, {"platform", "python"}, {"teams", {"team-0"}}}};
    seed["organizations"].push_back(organization);
  }
  return seed;
}

TEST(ReadBenchmark, DISABLED_FiftyOrganizationsTwentyTeamsTwentyMillisecondLatency) {
  testing::Server server(emulator::Flavour::ninja, large_seed());
  emulator::FaultRule latency;
  latency.kind = emulator::FaultRule::Kind::latency;
  latency.latency = std::chrono::milliseconds(20);
  server.emulator->add_fault(latency);
  for (int parallelism : {1, 8}) {
    auto provider = server.provider(parallelism, ApiGeneration::ninja);
    const auto start = std::chrono::steady_clock::now();
    const auto live = provider->read_live();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(live.ok()) << testing::said(live.errors());
    ASSERT_EQ(live->organizations.size(), 50u);
    ASSERT_EQ(live->organizations.at("org-7").teams.size(), 20u);
    std::printf("parallelism %d: %lld ms, %llu requests\n", parallelism,
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()),
                static_cast<unsigned long long>(provider->stats().requests));
  }
}

}  // namespace
}  // namespace gg::glitchtip
