#pragma once
// Api answers one request to GlitchTip's management API (/api/0/...) from a World: routing,
// the trailing-slash redirect, authentication, token scopes, role checks, validation and the
// error bodies of either API generation (docs/glitchtip-api.md §3-§9). It does no
// I/O and takes no lock: the Emulator holds a shared lock around GET requests and an exclusive
// one around the others, and HTTP, faults and logging live there.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/emulator/shapes.hpp"
#include "tests/emulator/world.hpp"

namespace gg::emulator {

struct ApiRequest {
  std::string method;
  std::string path;    // without the query
  std::string target;  // path and raw query, as sent
  std::string host;    // the Host header, for absolute Link URLs
  std::optional<std::string> authorization;
  std::multimap<std::string, std::string> query;  // decoded
  std::string body;
  std::string base_url = {};  // the emulator's own URL, for DSNs and heartbeat URLs
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

class Api {
 public:
  Api(World& world, const Features& features, bool organization_creation_open)
      : world_(world), features_(features), creation_open_(organization_creation_open) {}

  ApiResponse handle(const ApiRequest& request);

 private:
  struct Call;  // one authenticated request matched to a route
  using Handler = ApiResponse (Api::*)(Call&);
  struct Route;
  static const std::vector<Route>& routes();

  std::optional<ApiResponse> authenticate(const ApiRequest& request, Call& call);
  bool scope_allows(const Route& route, const Call& call) const;

  // Responses in the flavour's words.
  ApiResponse json_response(int status, const nlohmann::json& body) const;
  ApiResponse no_content() const;
  ApiResponse not_found() const;
  ApiResponse permission_denied() const;
  ApiResponse forbidden(const std::string& ninja_detail) const;
  ApiResponse field_error(const std::string& field, const std::string& drf_message,
                          const std::string& ninja_type, const std::string& ninja_message,
                          const nlohmann::json& ninja_context = nullptr) const;
  ApiResponse missing_field(const std::string& field) const;
  ApiResponse server_error() const;
  ApiResponse method_not_allowed(const std::string& allow) const;     // ninja's HTML 405
  ApiResponse validation_errors(const nlohmann::json& errors) const;  // ninja's 422 list
  template <typename Render>
  ApiResponse paged(const Call& call, const std::vector<Id>& ids, Render render) const;

  Shapes shapes(const Call& call) const;
  std::optional<ApiResponse> parse_body(Call& call) const;
  Organization* organization(const Call& call, size_t param);
  Member* caller_member(const Call& call, const Organization& org);
  Role caller_role(const Call& call, const Organization& org);
  std::vector<Id> projects_sorted(std::vector<Id> ids) const;

  ApiResponse identity(Call& call);
  ApiResponse current_user(Call& call);

  ApiResponse list_organizations(Call& call);
  ApiResponse create_organization(Call& call);
  ApiResponse get_organization(Call& call);
  ApiResponse update_organization(Call& call);
  ApiResponse delete_organization(Call& call);

  ApiResponse list_organization_teams(Call& call);
  ApiResponse create_team(Call& call);
  ApiResponse list_all_teams(Call& call);
  ApiResponse get_team(Call& call);
  ApiResponse update_team(Call& call);
  ApiResponse delete_team(Call& call);
  ApiResponse list_team_members(Call& call);

  ApiResponse list_all_projects(Call& call);
  ApiResponse refuse_project_create(Call& call);
  ApiResponse list_organization_projects(Call& call);
  ApiResponse create_organization_project(Call& call);
  ApiResponse list_team_projects(Call& call);
  ApiResponse create_team_project(Call& call);
  ApiResponse get_project(Call& call);
  ApiResponse update_project(Call& call);
  ApiResponse delete_project(Call& call);
  ApiResponse list_project_teams(Call& call);
  ApiResponse add_project_team(Call& call);
  ApiResponse remove_project_team(Call& call);
  Project* project_param(const Call& call);  // /projects/{org}/{project}/...

  ApiResponse list_project_keys(Call& call);
  ApiResponse create_project_key(Call& call);
  ApiResponse get_project_key(Call& call);
  ApiResponse update_project_key(Call& call);
  ApiResponse delete_project_key(Call& call);

  ApiResponse list_alerts(Call& call);
  ApiResponse create_alert(Call& call);
  ApiResponse get_alert(Call& call);
  ApiResponse update_alert(Call& call);
  ApiResponse delete_alert(Call& call);
  Alert* alert_param(const Call& call, const Project& project);
  // Reads an alert create or update body into `draft` (the fields it names) and `recipients`
  // (always the full list); an answer when the body is refused.
  std::optional<ApiResponse> read_alert(const Call& call, Alert& draft,
                                        std::vector<AlertRecipient>& recipients) const;
  std::optional<ApiResponse> read_small_integer(const nlohmann::json& body, const char* camel,
                                                const char* snake,
                                                std::optional<int64_t>& value) const;

  ApiResponse list_monitors(Call& call);
  ApiResponse create_monitor(Call& call);
  ApiResponse get_monitor(Call& call);
  ApiResponse update_monitor(Call& call);
  ApiResponse patch_monitor(Call& call);
  ApiResponse delete_monitor(Call& call);
  Monitor* monitor_param(const Call& call, const Organization& org);
  // Reads a monitor create or update body into `draft`; an answer when the body is refused.
  std::optional<ApiResponse> read_monitor(const Call& call, const Organization& org,
                                          Monitor& draft) const;

  ApiResponse list_members(Call& call);
  ApiResponse invite_member(Call& call);
  ApiResponse get_member(Call& call);
  ApiResponse update_member(Call& call);
  ApiResponse delete_member(Call& call);
  ApiResponse add_member_team(Call& call);
  ApiResponse remove_member_team(Call& call);
  ApiResponse change_member_team(Call& call, bool add);
  Member* member_param(const Call& call, const Organization& org, size_t param);

  World& world_;
  const Features& features_;
  bool creation_open_;
};

// The HTML pages Django serves for an unknown URL and for an unhandled error.
extern const char* const kHtmlNotFound;
extern const char* const kHtmlServerError;

}  // namespace gg::emulator
