#pragma once
// The pieces the Api's handler files share: one matched, authenticated call and a route.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/emulator/api.hpp"
#include "tests/emulator/pagination.hpp"

namespace gg::emulator {

enum class ScopeFamily { none, org, team, project, member };
enum class Generation { both, drf, ninja };  // which API generation has a route

struct Api::Call {
  const ApiRequest& request;
  std::vector<std::string> params;  // the route's `*` segments
  const User* user = nullptr;       // null only for anonymous ninja identity requests
  const Token* token = nullptr;
  nlohmann::json body = nlohmann::json::object();

  std::string query(const std::string& key) const {
    const auto found = request.query.find(key);
    return found == request.query.end() ? std::string() : found->second;
  }
  Id caller() const { return user ? user->id : 0; }
};

struct Api::Route {
  std::vector<std::string> pattern;  // path segments after /api/0/; "*" is a parameter
  std::string method;
  ScopeFamily family;
  Handler handler;
  // Token scopes accepted instead of the family's defaults (ninja's per-endpoint lists, DRF's
  // quirks); empty: the family's read/write/admin rule.
  std::vector<std::string> drf_scopes;
  std::vector<std::string> ninja_scopes;
  Generation generation = Generation::both;
};

// The body field under its camelCase or snake_case name (ninja accepts both).
const nlohmann::json* body_field(const nlohmann::json& body, const char* camel,
                                 const char* snake = nullptr);
bool valid_email(const std::string& email);

template <typename Render>
ApiResponse Api::paged(const Call& call, const std::vector<Id>& ids, Render render) const {
  const auto request =
      parse_page_request(call.query("cursor"), call.query("limit"), features_.ninja());
  if (!request) {
    return json_response(features_.ninja() ? 422 : 404, {{"detail", "Invalid cursor"}});
  }
  const Page page =
      paginate(ids.size(), *request, call.request.host, call.request.target, features_.ninja());
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = page.begin; i < page.end; ++i) items.push_back(render(ids[i]));
  ApiResponse response = json_response(200, items);
  response.headers = page.headers;
  return response;
}

}  // namespace gg::emulator
