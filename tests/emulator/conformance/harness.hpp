#pragma once
// A started emulator and an httplib::Client that talks to it with a seeded token, for the
// emulator's tests.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>

#include "tests/emulator/emulator.hpp"

namespace gg::emulator::testing {

inline nlohmann::json default_seed() {
  return {{"users",
           {{{"email", "admin@example.com"}, {"token", test_token("admin")}},
            {{"email", "reader@example.com"},
             {"token", test_token("reader")},
             {"scopes", {"org:read"}}}}}};
}

class Harness {
 public:
  explicit Harness(Options options, const nlohmann::json& seed = default_seed())
      : emulator_(std::move(options)) {
    const Status seeded = emulator_.seed(seed);
    EXPECT_TRUE(seeded.ok()) << (seeded.ok() ? "" : seeded.error().to_string());
    const Status started = emulator_.start();
    EXPECT_TRUE(started.ok());
    client_ = std::make_unique<httplib::Client>(emulator_.base_url());
    client_->set_read_timeout(5, 0);
  }

  Emulator& emulator() { return emulator_; }
  httplib::Client& client() { return *client_; }

  httplib::Headers auth(const std::string& label = "admin") const {
    return {{"Authorization", "Bearer " + test_token(label)}};
  }
  httplib::Result get(const std::string& path) { return client_->Get(path, auth()); }
  httplib::Result post(const std::string& path, const nlohmann::json& body = nullptr) {
    return client_->Post(path, auth(), body.is_null() ? "" : body.dump(), "application/json");
  }
  httplib::Result put(const std::string& path, const nlohmann::json& body) {
    return client_->Put(path, auth(), body.dump(), "application/json");
  }
  httplib::Result patch(const std::string& path, const nlohmann::json& body) {
    return client_->Patch(path, auth(), body.dump(), "application/json");
  }
  httplib::Result del(const std::string& path) { return client_->Delete(path, auth()); }

 private:
  Emulator emulator_;
  std::unique_ptr<httplib::Client> client_;
};

inline nlohmann::json body_of(const httplib::Result& result) {
  if (!result) return nullptr;
  return nlohmann::json::parse(result->body, nullptr, false);
}

// The field names of a JSON object: what the conformance tests compare where values vary.
inline std::set<std::string> keys_of(const nlohmann::json& object) {
  std::set<std::string> keys;
  if (object.is_object()) {
    for (const auto& item : object.items()) keys.insert(item.key());
  }
  return keys;
}

inline Options drf_options() {
  Options options;
  options.flavour = Flavour::drf;
  options.version = "3.0.0";  // the version of the DRF recording (docs/glitchtip-api.md §1)
  options.threads = 4;
  return options;
}

inline Options ninja_options() {
  Options options;
  options.flavour = Flavour::ninja;
  options.threads = 4;
  return options;
}

}  // namespace gg::emulator::testing
