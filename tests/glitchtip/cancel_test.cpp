// Cancelling a read whose result is no longer wanted (plan found a mistake in the
// definitions while its early read was still waiting on GlitchTip): the read returns at
// once with an error instead of waiting for the server, and later requests fail too.
#include <gtest/gtest.h>

#include <thread>

#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

using emulator::FaultRule;
using emulator::Flavour;
using testing::Server;

class Cancel : public ::testing::TestWithParam<Flavour> {};

// Every team's member list answers after 3 s: a read that is not cancelled succeeds,
// late; a cancelled one fails, saying so.
FaultRule slow_team_members() {
  FaultRule slow;
  slow.kind = FaultRule::Kind::latency;
  slow.latency = std::chrono::milliseconds(3000);
  slow.path_regex = "/members/";
  return slow;
}

TEST_P(Cancel, ARunningReadReturnsAnErrorWithoutWaitingForTheServer) {
  Server server(GetParam());
  server.emulator->add_fault(slow_team_members());
  auto provider = server.provider();
  Result<Instance> live = Instance{};
  std::thread reader([&] { live = provider->read_live(); });
  while (server.emulator->requests().empty()) std::this_thread::yield();
  provider->cancel();
  reader.join();
  ASSERT_FALSE(live.ok()) << "the read waited for the server instead of being cancelled";
  EXPECT_NE(testing::said(live.errors()).find("cancelled"), std::string::npos)
      << testing::said(live.errors());
}

TEST_P(Cancel, EveryLaterRequestFailsToo) {
  Server server(GetParam());
  auto provider = server.provider();
  provider->cancel();
  const Result<Instance> live = provider->read_live();
  ASSERT_FALSE(live.ok());
  EXPECT_NE(testing::said(live.errors()).find("cancelled"), std::string::npos)
      << testing::said(live.errors());
  EXPECT_TRUE(server.emulator->requests().empty());
}

INSTANTIATE_TEST_SUITE_P(Flavours, Cancel, ::testing::Values(Flavour::drf, Flavour::ninja),
                         testing::flavour_name);

}  // namespace
}  // namespace gg::glitchtip
