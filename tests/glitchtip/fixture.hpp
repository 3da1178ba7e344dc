#pragma once
// A GlitchTip emulator on loopback, seeded, and a Provider talking to it: the common
// ground of the provider's integration tests. The token comes from an environment variable,
// as in production; every test can check that it never shows up in what the provider says.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "providers/glitchtip/provider.hpp"
#include "tests/emulator/emulator.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::glitchtip::testing {

inline constexpr const char* kTokenVariable = "GG_GLITCHTIP_TEST_TOKEN";
inline constexpr const char* kAutomationUser = "sd-app-sre+glitchtip@nasa.com";

inline nlohmann::json space_agencies_seed() {
  std::ifstream file(std::string(GG_SOURCE_DIR) + "/examples/space-agencies/live.json");
  return nlohmann::json::parse(file);
}

inline std::string space_agencies_token() {
  return emulator::test_token("glitchtip-dev");
}

struct Server {
  explicit Server(emulator::Flavour flavour, const nlohmann::json& seed = space_agencies_seed(),
                  std::string version = {}) {
    emulator::Options options;
    options.flavour = flavour;
    options.version = std::move(version);
    emulator = std::make_unique<emulator::Emulator>(options);
    const auto seeded = emulator->seed(seed);
    EXPECT_TRUE(seeded.ok()) << (seeded.ok() ? "" : seeded.error().to_string());
    const auto started = emulator->start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().to_string());
  }

  InstanceSettings settings(ApiGeneration generation = ApiGeneration::automatic) const {
    InstanceSettings settings;
    settings.url = emulator->base_url();
    settings.token = {TokenSource::Kind::environment, kTokenVariable};
    settings.automation_user_email = kAutomationUser;
    settings.mail_domain = "nasa.com";
    settings.read_timeout_seconds = 5;
    settings.max_retries = 4;
    settings.api_generation = generation;
    return settings;
  }

  std::unique_ptr<Provider> provider(int parallelism = 8,
                                     ApiGeneration generation = ApiGeneration::automatic,
                                     const std::string& token = space_agencies_token()) const {
    setenv(kTokenVariable, token.c_str(), 1);
    ClientOptions options;
    options.parallelism = parallelism;
    options.backoff.base = std::chrono::milliseconds(5);
    options.backoff.ceiling = std::chrono::milliseconds(40);
    options.backoff.retry_after_ceiling = std::chrono::milliseconds(1500);
    auto opened = Provider::open("glitchtip-dev", settings(generation), options);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().to_string());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  std::unique_ptr<emulator::Emulator> emulator;
};

// Every way the provider speaks to people: errors (with hints) and warnings.
inline std::string said(const Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.to_string() + "\n";
  return text;
}

using gg::testing::flavour_name;  // names the flavour in parameterised test names

}  // namespace gg::glitchtip::testing
