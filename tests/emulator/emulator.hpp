#pragma once
// A GlitchTip emulator: a real HTTP server (cpp-httplib) that behaves like GlitchTip's
// management API (docs/glitchtip-api.md) in either API generation. Tests start
// it in-process on an ephemeral loopback port; the glitchtip-emulator executable wraps it
// for examples and benchmarks. Thread-safe: every public method may be called while it
// serves.
//
// Seed and dump format (JSON):
//   {"users": [{"email", "token", "scopes": [...] (default: all), "superuser": bool}],
//    "organizations": [{"name", "slug",
//        "members":  [{"email", "role", "pending"}],
//        "teams":    [{"slug", "members": [emails]}],
//        "projects": [{"name", "slug", "platform", "eventThrottleRate", "teams": [slugs],
//                      "keys": [{"id", "label", "rateLimit"}],
//                      "alerts": [{"name", "timespanMinutes", "quantity", "uptime",
//                                  "recipients": [{"recipientType", "url"}]}]}],
//        "monitors": [{"name", "monitorType", "url", "expectedStatus", "expectedBody",
//                      "interval", "timeout", "project": slug, "endpointId"}]}]}
// A dump has the same shape plus the "id" GlitchTip would give each object, so a dump can
// seed another emulator. A user's token may be given as "test_token" instead of "token" (the
// name the example seeds use, so nobody mistakes it for a real credential). Non-pending
// members whose email is not a seeded user become accepted users without a token.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.hpp"

namespace gg::emulator {

enum class Flavour { drf, ninja };

struct Options {
  Flavour flavour = Flavour::drf;
  // The emulated server version, for version-dependent behaviour: "2.0.5" (drf default:
  // no eventThrottleRate, `-2` org slug suffixes), "4.0.9" (drf with eventThrottleRate),
  // "5.1.1" (ninja default).
  std::string version;
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: an ephemeral port
  // Worker threads. Each keep-alive connection holds one while it is open, so this must
  // exceed the connections clients keep (the tool: --parallelism per instance, default 8,
  // up to 64): with 16 and 32, plans at --parallelism 16 stalled a second on a full pool.
  int threads = 64;
  uint64_t random_seed = 1;  // for ninja's random slug suffixes and fault rates
  // Whether any user may create organizations (ENABLE_ORGANIZATION_CREATION). When false,
  // GlitchTip's rule applies (docs/glitchtip-api.md §8.1) and others get 403.
  bool organization_creation_open = true;
};

// A fault, applied to requests whose method and path match. Rules are checked in the order
// they were added; the first matching one that fires applies.
struct FaultRule {
  enum class Kind {
    latency,               // wait `latency` (+ up to `jitter`) before answering normally
    status,                // answer `status` (500, 502, 503, 504, 429) without handling
    drop_before_handling,  // close the connection without handling or answering
    drop_after_handling,   // handle the request (a create happens), then close without answering
    slow_response,         // handle, then wait `latency` before answering (past a client timeout)
    // handle; a team or project it creates really gets its slug + `slug_suffix`, and the
    // answer says so (a server that does not keep the slug asked for)
    rename_created,
  };
  Kind kind = Kind::latency;
  std::string method;      // "" matches every method
  std::string path_regex;  // ECMAScript regex searched in the path (no query); "" matches all
  int status = 503;
  std::optional<int> retry_after_seconds;  // for 429/503: send Retry-After
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds jitter{0};
  double rate = 1.0;                     // chance that a matching request is affected
  int nth = 0;                           // > 0: only the nth matching request (1-based) is affected
  int times = -1;                        // how many requests at most are affected; -1: no limit
  std::string slug_suffix = "-renamed";  // for rename_created
};

// One served request, for assertions such as "plan made exactly N GETs and no write".
struct LoggedRequest {
  std::string method;
  std::string path;   // without the query
  std::string query;  // without the leading '?'
  int status = 0;     // 0 when the connection was dropped
  std::chrono::microseconds duration{0};
};

class Emulator {
 public:
  explicit Emulator(Options options = {});
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // Replaces the whole state with the seed (format above). Errors name the bad field.
  Status seed(const nlohmann::json& seed);
  nlohmann::json dump() const;

  // Binds and serves on background threads; returns once the port accepts connections.
  Status start();
  void stop();
  uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  std::vector<LoggedRequest> requests() const;
  void clear_requests();

  void add_fault(FaultRule rule);
  void clear_faults();

  // Test hook: the invited address accepts its invitation (pending -> accepted).
  Status accept_invite(std::string_view organization_slug, std::string_view email);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A token made of 64 lowercase hex characters, fixed for a label, for seeds and tests.
std::string test_token(std::string_view label);

}  // namespace gg::emulator
