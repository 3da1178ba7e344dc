#pragma once
// Provider is how glitchtip-gitops sees and changes one GlitchTip instance
// (docs/design.md §7): it reads the live state the planner needs, and it executes planned
// actions (an ActionRunner) in the request form of the server's API generation.
//
// One Provider per instance. open() reads the token (never printed, logged or put in an
// error) and starts the HTTP client; nothing is sent until a read or an action. The API
// generation is taken from the settings when pinned, otherwise asked once and remembered.
// All public methods may be called from several threads at once.
//
// Creates are never blindly repeated: after an ambiguous failure (timeout, dropped
// connection, 502/503/504) the provider re-reads GlitchTip to learn whether the object
// was created, and only sends the create again when it was not. "Already so" answers
// (404 on a delete, a repeated membership add, 409 on an invite) succeed with
// ActionOutcome::already_so.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "planner/action_runner.hpp"
#include "planner/result.hpp"
#include "planner/state.hpp"
#include "providers/glitchtip/http_client.hpp"
#include "providers/glitchtip/key_dsns.hpp"
#include "providers/glitchtip/live_reader.hpp"

namespace gg::glitchtip {

struct ClientOptions {
  int parallelism = 8;  // requests in flight
  // Called during reads from the HTTP client's thread; keep it short.
  std::function<void(const Progress&)> on_progress;
  // Every member's address as GlitchTip spells it, during reads (see ReadOptions).
  std::function<void(const std::string& organization, const std::string& email)> on_member_email;
  BackoffPolicy backoff;  // how long retries wait
};

class Provider : public ActionRunner {
 public:
  // Reads the token and prepares the client. Errors: a missing or empty token source, an
  // unreadable CA file, a URL that is not http(s).
  static Result<std::unique_ptr<Provider>> open(const std::string& instance_name,
                                                const InstanceSettings& settings,
                                                ClientOptions options);

  // Everything in every organization the automation user belongs to, organizations keyed
  // by slug, with capabilities filled in.
  Result<Instance> read_live();

  // Only these organizations (by slug), in one parallel batch, in the same shape; a slug
  // GlitchTip does not know is absent from the result.
  Result<Instance> read_organizations(const std::vector<std::string>& slugs);

  Result<ActionOutcome> run(const Action& action) override;

  // Makes a read in progress on another thread return promptly with an error, and every
  // later request fail: for a read whose result is no longer wanted. Cannot be undone.
  void cancel() { client_->cancel(); }

  // keys: the slugs of the organizations the automation user sees, by name (a name may have
  // several); and the DSNs of a project's keys, nullopt when the project does not exist.
  // For `glitchtip-gitops dsn` only: DSNs never enter the model.
  Result<std::map<std::string, std::vector<std::string>>> organization_slugs_by_name();
  Result<std::optional<std::vector<KeyDsn>>> key_dsns(const std::string& organization,
                                                      const std::string& project);

  // What the server can do; asks GET /api/0/ once when the generation is not pinned.
  Result<Capabilities> capabilities();

  // Warnings for the user (e.g. TLS verification turned off); cmd prints them.
  const std::vector<std::string>& warnings() const { return warnings_; }
  RequestStats stats() const { return client_->stats(); }

 private:
  Provider(std::string name, InstanceSettings settings, std::unique_ptr<HttpClient> client,
           ClientOptions options);

  Result<ApiGeneration> generation();
  void remember_read(const ReadFacts& facts, Instance& instance);
  HttpResponse send(const std::string& method, const std::string& path,
                    std::optional<nlohmann::json> body, bool repeatable, bool is_delete = false);
  Error failure(const Action& action, const std::string& method, const std::string& path,
                const HttpResponse& response);
  Result<std::optional<std::string>> member_id(const std::string& organization,
                                               const std::string& email);
  void remember_member(const std::string& organization, const std::string& email,
                       const std::string& id);
  void forget_member(const std::string& organization, const std::string& email);

  // One function per kind of action (run_action.cpp).
  using Outcome = Result<ActionOutcome>;
  using Finder = std::function<Result<std::optional<ActionOutcome>>()>;
  Outcome create_once(const Action& action, const std::string& path, const nlohmann::json& body,
                      const Finder& find_created);
  Outcome create_organization(const Action& action);
  Outcome rename_organization(const Action& action);
  Outcome delete_organization(const Action& action);
  Outcome invite_member(const Action& action);
  Outcome change_member_role(const Action& action);
  Outcome delete_member(const Action& action);
  Outcome create_team(const Action& action);
  Outcome delete_team(const Action& action);
  Outcome change_team_member(const Action& action, bool add);
  Outcome create_project(const Action& action);
  Outcome settle_project(const Action& action, ActionOutcome outcome);
  Outcome update_project(const Action& action);
  Outcome delete_project(const Action& action);
  Outcome change_project_team(const Action& action, bool add);
  Outcome delete_object(const Action& action, const std::string& path);
  // Monitors (run_monitor.cpp).
  Outcome create_monitor(const Action& action);
  Outcome update_monitor(const Action& action);
  Outcome delete_monitor(const Action& action);
  Result<std::optional<std::string>> monitor_id(const Action& action);
  Result<std::string> project_id(const Action& action, const std::string& project);
  // alerts kind (run_alert.cpp)
  Result<std::optional<Alert>> find_alert(const Action& action);
  Outcome create_alert(const Action& action);
  Outcome update_alert(const Action& action);
  Outcome delete_alert(const Action& action);
  Outcome create_key(const Action& action);  // keys
  Outcome delete_key(const Action& action);

  std::string name_;
  InstanceSettings settings_;
  std::unique_ptr<HttpClient> client_;
  ClientOptions options_;
  std::vector<std::string> warnings_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds delete_timeout_;

  std::mutex mutex_;  // guards the members below
  std::optional<ApiGeneration> generation_;
  std::optional<bool> throttle_rate_seen_;
  std::map<std::string, std::map<std::string, std::string>> member_ids_;  // org -> email -> id
};

}  // namespace gg::glitchtip
