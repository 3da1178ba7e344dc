#include "providers/glitchtip/request_error.hpp"

#include "providers/glitchtip/api_drf.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/error_body.hpp"

namespace gg::glitchtip {
namespace {

std::string path_without_query(const std::string& path) {
  return path.substr(0, path.find('?'));
}

std::string reason_phrase(long status) {
  switch (status) {
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return {};
  }
}

std::string scope_resource(paths::Resource resource) {
  switch (resource) {
    case paths::Resource::organization:
      return "org";
    case paths::Resource::team:
      return "team";
    case paths::Resource::project:
      return "project";
    case paths::Resource::member:
      return "member";
  }
  return "org";
}

std::string hint_for(const std::string& instance, const HttpRequest& request,
                     const HttpResponse& response, const std::string& message) {
  long status = response.status;
  if (response.timed_out) {
    return "GlitchTip did not answer in time; if it is slow, raise readTimeout (seconds) on "
           "Instance " +
           instance +
           (request.method == "DELETE" ? " (a deletion waits ten times it, 300 s at least)" : "") +
           ", or check that it is reachable at its configured url";
  }
  const std::string scope = required_scope(request);
  const std::string organization = paths::facts_of(request.path).organization;
  if (!organization.empty() && drf_hides_missing_organization(status, message)) status = 404;
  switch (status) {
    case 401:
    case 403:
      return "check the API token of instance " + instance + ": it must be valid and hold " +
             scope +
             " (glitchtip-gitops needs org, team, project and member read, write and admin "
             "scopes), and the automation user's role in the organization must allow this "
             "(manager or owner for members and project teams, owner to delete an organization)";
    case 404:
      if (!organization.empty()) {
        return "the object does not exist, or the automation user is not a member of "
               "organization " +
               organization + " (add it as an owner)";
      }
      return "check the Instance url: it must be GlitchTip's base URL";
    case 301:
    case 302:
    case 307:
    case 308:
      return "GlitchTip redirected the request; check the Instance url (scheme, host, path)";
    case 400:
    case 422:
      return "GlitchTip rejected the values sent; check the definition of this object";
    case 429:
      return "GlitchTip is throttling requests (member invitations: 50 per 5 minutes by "
             "default); wait, then run the command again";
    default:
      if (status >= 500) return "GlitchTip failed to handle the request; check its logs";
      if (status == 0) return "check that " + instance + " is reachable at its configured url";
      return {};
  }
}

}  // namespace

std::string required_scope(const HttpRequest& request) {
  const paths::PathFacts facts = paths::facts_of(request.path);
  // Team membership: ninja wants team:write, drf accepts member:* (paths::member_team).
  const std::string resource = scope_resource(facts.resource);
  std::string level = "read";
  if (request.method == "POST" || request.method == "PUT") level = "write";
  if (request.method == "DELETE") level = "admin";
  if (facts.project_team && request.method != "GET") {
    level = "admin";  // ninja accepts only project:admin for project teams
  }
  return resource + ":" + level;
}

Error request_error(const std::string& instance, const HttpRequest& request,
                    const HttpResponse& response, const std::string& what) {
  Error error;
  error.where = instance + ": " + request.method + " " + path_without_query(request.path);
  const std::string prefix = what.empty() ? std::string() : what + ": ";
  std::string message;
  if (response.status == 0) {
    error.message = prefix + "no answer from GlitchTip: " + response.failure;
  } else {
    const std::string phrase = reason_phrase(response.status);
    message = glitchtip_message(response.body);
    error.message = prefix + "GlitchTip answered " + std::to_string(response.status) +
                    (phrase.empty() ? "" : " " + phrase) + (message.empty() ? "" : ": " + message);
  }
  if (response.attempts > 1) {
    error.message += " (after " + std::to_string(response.attempts) + " attempts)";
  }
  error.hint = hint_for(instance, request, response, message);
  return error;
}

}  // namespace gg::glitchtip
