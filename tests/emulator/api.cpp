#include "tests/emulator/api.hpp"

#include <algorithm>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

const char* const kHtmlNotFound =
    "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n"
    "<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n"
    "</body>\n</html>\n";
const char* const kHtmlServerError =
    "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n"
    "</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

namespace {

std::vector<std::string> split_path(const std::string& rest) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start < rest.size()) {
    const size_t slash = rest.find('/', start);
    segments.push_back(rest.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::vector<std::string>& params) {
  if (pattern.size() != segments.size()) return false;
  params.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "*") {
      if (segments[i].empty()) return false;
      params.push_back(segments[i]);
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

ApiResponse html(int status, const char* page) {
  return ApiResponse{status, page, "text/html; charset=utf-8", {}};
}

}  // namespace

const json* body_field(const json& body, const char* camel, const char* snake) {
  if (!body.is_object()) return nullptr;
  auto found = body.find(camel);
  if (found == body.end() && snake != nullptr) found = body.find(snake);
  return found == body.end() ? nullptr : &*found;
}

bool valid_email(const std::string& email) {
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  const std::string domain = email.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && dot + 1 < domain.size() &&
         email.find(' ') == std::string::npos;
}

const std::vector<Api::Route>& Api::routes() {
  using F = ScopeFamily;
  static const std::vector<Route> table = {
      {{}, "GET", F::none, &Api::identity, {}, {}},
      {{"users", "me"}, "GET", F::none, &Api::current_user, {}, {}},
      {{"organizations"}, "GET", F::org, &Api::list_organizations, {}, {}},
      {{"organizations"}, "POST", F::org, &Api::create_organization, {}, {}},
      {{"organizations", "*"}, "GET", F::org, &Api::get_organization, {}, {}},
      {{"organizations", "*"}, "PUT", F::org, &Api::update_organization, {}, {}},
      {{"organizations", "*"}, "DELETE", F::org, &Api::delete_organization, {}, {}},
      {{"organizations", "*", "teams"},
       "GET",
       F::team,
       &Api::list_organization_teams,
       {},
       {"team:read", "team:write", "team:admin", "org:read", "org:write", "org:admin"}},
      {{"organizations", "*", "teams"},
       "POST",
       F::team,
       &Api::create_team,
       {},
       {"team:write", "team:admin", "org:write", "org:admin"}},
      {{"organizations", "*", "projects"},
       "GET",
       F::project,
       &Api::list_organization_projects,
       {},
       {"project:read"}},
      {{"organizations", "*", "projects"},
       "POST",
       F::project,
       &Api::create_organization_project,
       {},
       {}},
      {{"organizations", "*", "members"}, "GET", F::member, &Api::list_members, {}, {}},
      {{"organizations", "*", "members"}, "POST", F::member, &Api::invite_member, {}, {}},
      {{"organizations", "*", "members", "*"}, "GET", F::member, &Api::get_member, {}, {}},
      {{"organizations", "*", "members", "*"}, "PUT", F::member, &Api::update_member, {}, {}},
      {{"organizations", "*", "members", "*"}, "DELETE", F::member, &Api::delete_member, {}, {}},
      {{"organizations", "*", "members", "*", "teams", "*"},
       "POST",
       F::member,
       &Api::add_member_team,
       {"org:read", "org:write", "org:admin", "member:read", "member:write", "member:admin"},
       {"team:write", "team:admin"}},
      {{"organizations", "*", "members", "*", "teams", "*"},
       "DELETE",
       F::member,
       &Api::remove_member_team,
       {"org:read", "org:write", "org:admin", "member:read", "member:write", "member:admin"},
       {"team:write", "team:admin"}},
      {{"teams"}, "GET", F::team, &Api::list_all_teams, {}, {}},
      {{"teams", "*", "*"}, "GET", F::team, &Api::get_team, {}, {}},
      {{"teams", "*", "*"}, "PUT", F::team, &Api::update_team, {}, {}},
      {{"teams", "*", "*"}, "DELETE", F::team, &Api::delete_team, {}, {}},
      {{"teams", "*", "*", "members"}, "GET", F::member, &Api::list_team_members, {}, {}},
      {{"teams", "*", "*", "projects"},
       "GET",
       F::project,
       &Api::list_team_projects,
       {},
       {"project:read"}},
      {{"teams", "*", "*", "projects"}, "POST", F::project, &Api::create_team_project, {}, {}},
      {{"projects"}, "GET", F::project, &Api::list_all_projects, {}, {"project:read"}},
      {{"projects"}, "POST", F::none, &Api::refuse_project_create, {}, {}},
      {{"projects", "*", "*"}, "GET", F::project, &Api::get_project, {}, {}},
      {{"projects", "*", "*"}, "PUT", F::project, &Api::update_project, {}, {}},
      {{"projects", "*", "*"}, "DELETE", F::project, &Api::delete_project, {}, {}},
      {{"projects", "*", "*", "teams"}, "GET", F::project, &Api::list_project_teams, {}, {}},
      {{"projects", "*", "*", "teams", "*"},
       "POST",
       F::team,
       &Api::add_project_team,
       {},
       {"project:admin", "project.write"}},
      {{"projects", "*", "*", "teams", "*"},
       "DELETE",
       F::team,
       &Api::remove_project_team,
       {},
       {"project:admin", "project.write"}},
      {{"projects", "*", "*", "keys"}, "GET", F::project, &Api::list_project_keys, {}, {}},
      {{"projects", "*", "*", "keys"}, "POST", F::project, &Api::create_project_key, {}, {}},
      {{"projects", "*", "*", "keys", "*"}, "GET", F::project, &Api::get_project_key, {}, {}},
      {{"projects", "*", "*", "keys", "*"}, "PUT", F::project, &Api::update_project_key, {}, {}},
      {{"projects", "*", "*", "keys", "*"}, "DELETE", F::project, &Api::delete_project_key, {}, {}},
      {{"projects", "*", "*", "alerts"}, "GET", F::project, &Api::list_alerts, {}, {}},
      {{"projects", "*", "*", "alerts"}, "POST", F::project, &Api::create_alert, {}, {}},
      {{"projects", "*", "*", "alerts", "*"},
       "GET",
       F::project,
       &Api::get_alert,
       {},
       {},
       Generation::drf},  // ninja has no single-alert GET
      {{"projects", "*", "*", "alerts", "*"}, "PUT", F::project, &Api::update_alert, {}, {}},
      {{"projects", "*", "*", "alerts", "*"},
       "PATCH",
       F::project,
       &Api::update_alert,
       {},
       {},
       Generation::drf},
      {{"projects", "*", "*", "alerts", "*"}, "DELETE", F::project, &Api::delete_alert, {}, {}},
      {{"organizations", "*", "monitors"}, "GET", F::org, &Api::list_monitors, {}, {}},
      {{"organizations", "*", "monitors"}, "POST", F::org, &Api::create_monitor, {}, {}},
      {{"organizations", "*", "monitors", "*"}, "GET", F::org, &Api::get_monitor, {}, {}},
      {{"organizations", "*", "monitors", "*"}, "PUT", F::org, &Api::update_monitor, {}, {}},
      {{"organizations", "*", "monitors", "*"},
       "PATCH",
       F::org,
       &Api::patch_monitor,
       {},
       {},
       Generation::drf},
      {{"organizations", "*", "monitors", "*"}, "DELETE", F::org, &Api::delete_monitor, {}, {}},
  };
  return table;
}

ApiResponse Api::handle(const ApiRequest& request) {
  static const std::string kPrefix = "/api/0";
  if (request.path.rfind(kPrefix, 0) != 0 ||
      (request.path.size() > kPrefix.size() && request.path[kPrefix.size()] != '/')) {
    return html(404, kHtmlNotFound);
  }
  if (request.path.back() != '/') {
    const size_t question = request.target.find('?');
    ApiResponse redirect = html(301, "");
    redirect.headers.emplace_back(
        "Location", request.path + "/" +
                        (question == std::string::npos ? "" : request.target.substr(question)));
    return redirect;
  }
  const std::vector<std::string> segments =
      split_path(request.path.substr(std::min(request.path.size(), kPrefix.size() + 1)));
  std::vector<std::string> params;
  std::vector<std::string> route_params;
  const Route* route = nullptr;
  std::string allow;  // the path's methods, for ninja's 405
  const Generation generation = features_.ninja() ? Generation::ninja : Generation::drf;
  for (const Route& candidate : routes()) {
    if (candidate.generation != Generation::both && candidate.generation != generation) continue;
    if (!matches(candidate.pattern, segments, params)) continue;
    allow += (allow.empty() ? "" : ", ") + candidate.method;
    if (route == nullptr && candidate.method == request.method) {
      route = &candidate;
      route_params = params;
    }
  }
  if (allow.empty()) return html(404, kHtmlNotFound);
  if (route == nullptr && features_.ninja()) return method_not_allowed(allow);
  Call call{request, route_params};
  if (const auto refused = authenticate(request, call)) return *refused;
  if (route == nullptr) {
    if (request.method == "PATCH") return permission_denied();  // DRF maps no scope to PATCH
    return json_response(405, {{"detail", "Method \"" + request.method + "\" not allowed."}});
  }
  if (route->family != ScopeFamily::none && !scope_allows(*route, call)) {
    return permission_denied();
  }
  if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
    if (const auto bad = parse_body(call)) return *bad;
  }
  return (this->*(route->handler))(call);
}

std::optional<ApiResponse> Api::authenticate(const ApiRequest& request, Call& call) {
  const bool anonymous_allowed = features_.ninja() && request.path == "/api/0/";
  const auto unauthorized = [&](const char* drf_detail) -> std::optional<ApiResponse> {
    if (features_.ninja()) {
      if (anonymous_allowed) return std::nullopt;
      return json_response(401, {{"detail", "Unauthorized"}});
    }
    return json_response(403, {{"detail", drf_detail}});
  };
  if (!request.authorization) return unauthorized("Authentication credentials were not provided.");
  const std::string& header = *request.authorization;
  const size_t space = header.find(' ');
  const std::string scheme = lower(header.substr(0, space));
  if (scheme != "bearer") return unauthorized("Authentication credentials were not provided.");
  std::string token = space == std::string::npos ? "" : header.substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.erase(token.begin());
  while (!token.empty() && token.back() == ' ') token.pop_back();
  if (token.empty()) return unauthorized("Invalid token header. No credentials provided.");
  if (token.find(' ') != std::string::npos) {
    return unauthorized("Invalid token header. Token string should not contain spaces.");
  }
  const auto found = world_.tokens.find(token);
  if (found == world_.tokens.end()) return unauthorized("Invalid token.");
  call.token = &found->second;
  call.user = &world_.users.at(found->second.user);
  return std::nullopt;
}

bool Api::scope_allows(const Route& route, const Call& call) const {
  const auto& held = call.token->scopes;
  const auto holds = [&](const std::string& scope) {
    return std::find(held.begin(), held.end(), scope) != held.end();
  };
  const auto& special = features_.ninja() ? route.ninja_scopes : route.drf_scopes;
  if (!special.empty()) return std::any_of(special.begin(), special.end(), holds);
  static const char* kFamilies[] = {"", "org", "team", "project", "member"};
  const std::string family = kFamilies[static_cast<int>(route.family)];
  const std::string& method = call.request.method;
  if (holds(family + ":admin")) return true;
  if (method == "DELETE") return false;
  if (holds(family + ":write")) return true;
  return method == "GET" && holds(family + ":read");
}

std::optional<ApiResponse> Api::parse_body(Call& call) const {
  if (call.request.body.empty()) return std::nullopt;
  try {
    call.body = json::parse(call.request.body);
  } catch (const json::exception& error) {
    if (features_.ninja()) return json_response(400, {{"detail", "Cannot parse request body"}});
    return json_response(400, {{"detail", std::string("JSON parse error - ") + error.what()}});
  }
  if (!call.body.is_object()) {
    if (features_.ninja()) {
      return json_response(
          422,
          {{"detail",
            {{{"type", "model_attributes_type"},
              {"loc", {"body", "payload"}},
              {"msg", "Input should be a valid dictionary or object to extract fields from"}}}}});
    }
    return json_response(400, {{"non_field_errors",
                                {"Invalid data. Expected a dictionary, but got " +
                                 std::string(call.body.type_name()) + "."}}});
  }
  return std::nullopt;
}

ApiResponse Api::json_response(int status, const json& body) const {
  return ApiResponse{status,
                     body.dump(),
                     features_.ninja() ? "application/json; charset=utf-8" : "application/json",
                     {}};
}

ApiResponse Api::no_content() const {
  // ninja labels even its empty 204 as JSON; DRF sends no Content-Type.
  return ApiResponse{204, "", features_.ninja() ? "application/json; charset=utf-8" : "", {}};
}

ApiResponse Api::not_found() const {
  return json_response(404, {{"detail", features_.ninja() ? "Not Found" : "Not found."}});
}

ApiResponse Api::permission_denied() const {
  return json_response(
      403, {{"detail", features_.ninja() ? "Permission denied"
                                         : "You do not have permission to perform this action."}});
}

ApiResponse Api::forbidden(const std::string& ninja_detail) const {
  return features_.ninja() ? json_response(403, {{"detail", ninja_detail}}) : permission_denied();
}

ApiResponse Api::field_error(const std::string& field, const std::string& drf_message,
                             const std::string& ninja_type, const std::string& ninja_message,
                             const json& ninja_context) const {
  if (!features_.ninja()) return json_response(400, {{field, {drf_message}}});
  json error = {{"type", ninja_type}, {"loc", {"body", "payload", field}}, {"msg", ninja_message}};
  if (!ninja_context.is_null()) error["ctx"] = ninja_context;
  return json_response(422, {{"detail", {error}}});
}

ApiResponse Api::missing_field(const std::string& field) const {
  return field_error(field, "This field is required.", "missing", "Field required");
}

ApiResponse Api::server_error() const {
  return html(500, kHtmlServerError);
}

ApiResponse Api::method_not_allowed(const std::string& allow) const {
  ApiResponse response = html(405, "Method not allowed");
  response.headers.emplace_back("Allow", allow);
  return response;
}

ApiResponse Api::validation_errors(const json& errors) const {
  return json_response(422, {{"detail", errors}});
}

Shapes Api::shapes(const Call& call) const {
  return Shapes(world_, features_, call.caller(), call.request.host, call.request.base_url);
}

Organization* Api::organization(const Call& call, size_t param) {
  Organization* org = world_.organization(call.params.at(param));
  if (org == nullptr || call.user == nullptr) return nullptr;
  return org->member_by_user.count(call.user->id) ? org : nullptr;
}

Member* Api::caller_member(const Call& call, const Organization& org) {
  return world_.member_of(org, call.caller());
}

Role Api::caller_role(const Call& call, const Organization& org) {
  const Member* member = caller_member(call, org);
  return member ? member->role : Role::member;
}

Project* Api::project_param(const Call& call) {
  const Organization* org = organization(call, 0);
  return org ? world_.project(*org, call.params.at(1)) : nullptr;
}

std::vector<Id> Api::projects_sorted(std::vector<Id> ids) const {
  if (features_.ninja()) {
    std::stable_sort(ids.begin(), ids.end(), [&](Id a, Id b) {
      return world_.projects.at(a).name < world_.projects.at(b).name;
    });
  } else {
    std::reverse(ids.begin(), ids.end());  // newest first
  }
  return ids;
}

ApiResponse Api::identity(Call& call) {
  const Shapes render = shapes(call);
  json auth = nullptr;
  if (call.token != nullptr) {
    if (features_.ninja()) {
      auth = {{"id", 1},
              {"label", "emulator"},
              {"scopes", call.token->scopes},
              {"token", call.token->value},
              {"created", render.timestamp(call.user->date_joined)}};
    } else {
      auth = {{"scopes", call.token->scopes}};
    }
  }
  return json_response(
      200,
      {{"version", "0"}, {"user", call.user ? render.user(*call.user) : json()}, {"auth", auth}});
}

ApiResponse Api::current_user(Call& call) {
  json user = shapes(call).user(*call.user);
  if (features_.ninja()) user["chatwootIdentifierHash"] = nullptr;
  return json_response(200, user);
}

}  // namespace gg::emulator
