#pragma once
// What differs between GlitchTip's two API generations, behind one interface with one
// implementation each (docs/architecture.md §4.2):
//   api_drf.cpp    the Django REST framework API (GlitchTip up to 4.0.9), "drf"
//   api_ninja.cpp  the django-ninja API (GlitchTip 4.1 or later), "ninja"
// Request bodies, response fields, capabilities and the signs that tell the generations
// apart live there; everything else (paths: api_paths.hpp, errors: request_error.hpp)
// is the same on both. A new kind whose fields differ adds a pure virtual function here
// (its request body, its reader of an answer) and implements it in both files; the
// compiler then points at any generation that lacks it.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/state.hpp"

namespace gg::glitchtip {

class GenerationApi {
 public:
  virtual ~GenerationApi() = default;

  virtual ApiGeneration generation() const = 0;
  // For a person, e.g. in "this GlitchTip (Django REST framework API) cannot ...".
  virtual std::string_view title() const = 0;

  // Detection. The `auth` object of the answer to GET /api/0/ looks like this generation's.
  virtual bool root_auth_is_ours(const nlohmann::json& auth) const = 0;
  // Organization ids are JSON numbers (drf) rather than strings (ninja); for a server whose
  // root did not tell.
  virtual bool organization_ids_are_numbers() const = 0;

  // Capabilities (planner/state.hpp Capabilities).
  virtual bool renames_project_slugs() const = 0;  // a project PUT may carry a new slug
  // Every project answer carries eventThrottleRate; otherwise only GlitchTip 3.4+ does.
  virtual bool projects_always_carry_throttle_rate() const = 0;

  // Request bodies.
  virtual nlohmann::json invite_member_body(const std::string& email,
                                            const std::string& role) const = 0;
  virtual nlohmann::json member_role_body(const std::string& role) const = 0;

  // Monitors (planner/kinds/monitor.hpp). What the generation's monitors can have.
  virtual bool has_tcp_monitors() const = 0;
  virtual bool has_monitor_timeout() const = 0;
  // The body of a create and of an update (PUT), always the whole monitor: ninja's PUT
  // replaces it and drf's keeps what a body omits, so nothing may be left out; `url` is always
  // there (drf fails with a 500 without it). `project_id` "" unlinks.
  virtual nlohmann::json monitor_body(const Monitor& monitor,
                                      const std::string& project_id) const = 0;
  // A monitor from an answer, its project as GlitchTip's id ("" for none; the caller turns it
  // into a slug); nullopt when the answer has no name or id.
  struct LiveMonitor {
    Monitor monitor;
    std::string project_id;
  };
  virtual std::optional<LiveMonitor> monitor_from(const nlohmann::json& item) const = 0;

  // Project alerts (docs/glitchtip-api.md §12.1). The create and update body of a project
  // alert from an action's fields, with every recipient as (type, URL): a PUT without all
  // of them would delete the others.
  virtual nlohmann::json alert_body(
      const nlohmann::json& fields,
      const std::vector<std::pair<std::string, std::string>>& recipients) const = 0;
  // A live alert of `project` from an answer (`pk`/`timespan_minutes` on drf,
  // `id`/`timespanMinutes` on ninja); recipients as digests only.
  virtual Alert alert_from(const nlohmann::json& answer, const std::string& project) const = 0;
  // The recipient types the server accepts and sends to.
  virtual std::vector<std::string> alert_recipient_types() const = 0;

  // Project keys (docs/glitchtip-api.md §12.2). Whether a create stores rateLimit;
  // the create body; one key of a list or create answer as the model holds it (its id a
  // digest, planner/kinds/key.hpp), nullopt when it is not a key.
  virtual bool keys_take_rate_limits() const = 0;
  virtual nlohmann::json key_body(const Key& key) const = 0;
  virtual std::optional<Key> key_from(const nlohmann::json& item) const = 0;
};

const GenerationApi& drf_api();
const GenerationApi& ninja_api();
// The rules of `generation`; drf's for `automatic`, the generation assumed until one is known.
const GenerationApi& api_of(ApiGeneration generation);

// The API generation from the answer to GET /api/0/: ninja's auth object carries the
// token's id, drf's only its scopes. nullopt when the answer says neither.
std::optional<ApiGeneration> generation_from_root(const nlohmann::json& root);
// The API generation from the type of an organization's id in a list answer.
ApiGeneration generation_from_organization_id(const nlohmann::json& id);

}  // namespace gg::glitchtip
