// Provider::run: one planned action as GlitchTip requests, in the server's generation.
#include <set>

#include "planner/kinds/key.hpp"
#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/glitchtip/request_error.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {
namespace {

using nlohmann::json;

std::string string_of(const json& object, const char* key) {
  return text_field(object, key);
}

json platform_of(const json& fields) {
  const std::string platform = string_of(fields, "platform");
  return platform.empty() ? json(nullptr) : json(platform);
}

bool created(const HttpResponse& response) {
  return response.status == 200 || response.status == 201;
}

ActionOutcome outcome_from(const HttpResponse& response) {
  ActionOutcome outcome;
  if (const auto body = parse_body(response.body)) {
    outcome.slug = text_field(*body, "slug");
    outcome.id = text_field(*body, "id");
  }
  return outcome;
}

}  // namespace

Result<ActionOutcome> Provider::run(const Action& action) {
  switch (action.type) {
    case ActionType::create_organization:
      return create_organization(action);
    case ActionType::rename_organization:
      return rename_organization(action);
    case ActionType::delete_organization:
      return delete_organization(action);
    case ActionType::invite_member:
      return invite_member(action);
    case ActionType::change_member_role:
      return change_member_role(action);
    case ActionType::delete_member:
      return delete_member(action);
    case ActionType::create_team:
      return create_team(action);
    case ActionType::delete_team:
      return delete_team(action);
    case ActionType::add_team_member:
      return change_team_member(action, true);
    case ActionType::remove_team_member:
      return change_team_member(action, false);
    case ActionType::create_project:
      return create_project(action);
    case ActionType::update_project:
      return update_project(action);
    case ActionType::delete_project:
      return delete_project(action);
    case ActionType::add_project_team:
      return change_project_team(action, true);
    case ActionType::remove_project_team:
      return change_project_team(action, false);
    case ActionType::create_monitor:
      return create_monitor(action);
    case ActionType::update_monitor:
      return update_monitor(action);
    case ActionType::delete_monitor:
      return delete_monitor(action);
    case ActionType::create_alert:  // alerts kind (run_alert.cpp)
      return create_alert(action);
    case ActionType::update_alert:
      return update_alert(action);
    case ActionType::delete_alert:
      return delete_alert(action);
    case ActionType::create_key:  // keys
      return create_key(action);
    case ActionType::delete_key:
      return delete_key(action);
  }
  return Error{action.address, "unknown action type", ""};
}

// Sends a create; after an ambiguous failure asks `find_created` whether GlitchTip made the
// object anyway, and sends the create again only when it did not.
Result<ActionOutcome> Provider::create_once(const Action& action, const std::string& path,
                                            const json& body, const Finder& find_created) {
  for (int attempt = 0;; ++attempt) {
    const HttpResponse response = send("POST", path, body, /*repeatable=*/false);
    if (created(response)) return outcome_from(response);
    if (!response.ambiguous || attempt >= settings_.max_retries) {
      return failure(action, "POST", path, response);
    }
    auto found = find_created();
    if (!found.ok()) return found.errors();
    if (found->has_value()) return **found;
  }
}

Result<ActionOutcome> Provider::create_organization(const Action& action) {
  const std::string name = string_of(action.after, "name");
  const std::string list = paths::organizations();
  auto before = read_list(name_, *client_, list, read_timeout_);
  if (!before.ok()) return before.errors();
  std::set<std::string> known;
  for (const auto& item : *before) known.insert(text_field(item, "slug"));
  return create_once(action, list, json{{"name", name}},
                     [&]() -> Result<std::optional<ActionOutcome>> {
                       auto now = read_list(name_, *client_, list, read_timeout_);
                       if (!now.ok()) return now.errors();
                       for (const auto& item : *now) {
                         const std::string slug = text_field(item, "slug");
                         if (text_field(item, "name") == name && known.count(slug) == 0) {
                           return std::optional<ActionOutcome>(
                               ActionOutcome{slug, text_field(item, "id"), false, {}});
                         }
                       }
                       return std::optional<ActionOutcome>();
                     });
}

Result<ActionOutcome> Provider::rename_organization(const Action& action) {
  const std::string path = paths::organization(action.organization_slug);
  const HttpResponse response =
      send("PUT", path, json{{"name", string_of(action.after, "name")}}, true);
  if (response.status != 200) return failure(action, "PUT", path, response);
  auto outcome = outcome_from(response);
  if (outcome.slug.empty()) outcome.slug = action.organization_slug;
  return outcome;
}

Result<ActionOutcome> Provider::delete_object(const Action& action, const std::string& path) {
  const HttpResponse response = send("DELETE", path, std::nullopt, true, /*is_delete=*/true);
  if (response.status == 404) return ActionOutcome{{}, {}, true, {}};
  if (response.status != 204 && response.status != 200) {
    return failure(action, "DELETE", path, response);
  }
  return ActionOutcome{};
}

Result<ActionOutcome> Provider::delete_organization(const Action& action) {
  return delete_object(action, paths::organization(action.organization_slug));
}

Result<ActionOutcome> Provider::invite_member(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const std::string organization = action.organization_slug;
  const std::string email = action.email;
  const std::string role = string_of(action.after, "role");
  const std::string path = paths::organization_members(organization);
  const json body = api_of(*api).invite_member_body(email, role);
  auto look_up = [&]() -> Result<std::optional<ActionOutcome>> {
    forget_member(organization, email);
    auto id = member_id(organization, email);
    if (!id.ok()) return id.errors();
    if (!id->has_value()) return std::optional<ActionOutcome>();
    return std::optional<ActionOutcome>(ActionOutcome{email, **id, false, {}});
  };
  for (int attempt = 0;; ++attempt) {
    const HttpResponse response = send("POST", path, body, /*repeatable=*/false);
    if (created(response)) {
      ActionOutcome outcome = outcome_from(response);
      // The e-mail GlitchTip's member carries, for the executor's identity check.
      const auto answer = parse_body(response.body);
      const std::string answered = answer ? text_field(*answer, "email") : std::string();
      outcome.slug = answered.empty() ? email : answered;
      if (!outcome.id.empty()) remember_member(organization, email, outcome.id);
      return outcome;
    }
    if (response.status == 409) {  // already invited or already a member
      auto found = look_up();
      if (!found.ok()) return found.errors();
      if (!found->has_value()) return failure(action, "POST", path, response);
      ActionOutcome outcome = **found;
      outcome.already_so = true;
      return outcome;
    }
    if (!response.ambiguous || attempt >= settings_.max_retries) {
      return failure(action, "POST", path, response);
    }
    auto found = look_up();
    if (!found.ok()) return found.errors();
    if (found->has_value()) return **found;
  }
}

Result<ActionOutcome> Provider::change_member_role(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  auto id = member_id(action.organization_slug, action.email);
  if (!id.ok()) return id.errors();
  if (!id->has_value()) {
    return Error{
        name_ + ": " + action.address,
        "GlitchTip has no member " + action.email + " in organization " + action.organization_slug,
        "run plan again: the member was removed outside glitchtip-gitops"};
  }
  const std::string path = paths::member(action.organization_slug, **id);
  const std::string role = string_of(action.after, "role");
  const json body = api_of(*api).member_role_body(role);
  const HttpResponse response = send("PUT", path, body, true);
  if (response.status != 200) return failure(action, "PUT", path, response);
  return ActionOutcome{action.email, **id, false, {}};
}

Result<ActionOutcome> Provider::delete_member(const Action& action) {
  auto id = member_id(action.organization_slug, action.email);
  if (!id.ok()) return id.errors();
  if (!id->has_value()) return ActionOutcome{action.email, {}, true, {}};
  auto outcome = delete_object(action, paths::member(action.organization_slug, **id));
  if (outcome.ok()) forget_member(action.organization_slug, action.email);
  return outcome;
}

Result<ActionOutcome> Provider::create_team(const Action& action) {
  const std::string slug =
      string_of(action.after, "slug").empty() ? action.team : string_of(action.after, "slug");
  const std::string team_path = paths::team(action.organization_slug, slug);
  return create_once(action, paths::organization_teams(action.organization_slug),
                     json{{"slug", slug}}, [&]() -> Result<std::optional<ActionOutcome>> {
                       const HttpResponse response = send("GET", team_path, std::nullopt, true);
                       if (response.status == 404) return std::optional<ActionOutcome>();
                       if (response.status != 200) {
                         return failure(action, "GET", team_path, response);
                       }
                       return std::optional<ActionOutcome>(outcome_from(response));
                     });
}

Result<ActionOutcome> Provider::delete_team(const Action& action) {
  return delete_object(action, paths::team(action.organization_slug, action.team));
}

Result<ActionOutcome> Provider::change_team_member(const Action& action, bool add) {
  auto id = member_id(action.organization_slug, action.email);
  if (!id.ok()) return id.errors();
  if (!id->has_value()) {
    if (!add) return ActionOutcome{{}, {}, true, {}};
    return Error{name_ + ": " + action.address,
                 "GlitchTip has no member " + action.email + " in organization " +
                     action.organization_slug + " to add to team " + action.team,
                 "run plan again: the member was removed outside glitchtip-gitops"};
  }
  const std::string path = paths::member_team(action.organization_slug, **id, action.team);
  if (!add) return delete_object(action, path);
  const HttpResponse response = send("POST", path, std::nullopt, true);
  if (!created(response)) return failure(action, "POST", path, response);
  return ActionOutcome{};
}

Result<ActionOutcome> Provider::create_project(const Action& action) {
  const std::string organization = action.organization_slug;
  const std::string name = string_of(action.after, "name");
  const std::string team = string_of(action.after, "team");
  const std::string list = paths::organization_projects(organization);
  auto before = read_list(name_, *client_, list, read_timeout_);
  if (!before.ok()) return before.errors();
  std::set<std::string> known;
  for (const auto& item : *before) known.insert(text_field(item, "slug"));
  auto outcome = create_once(action, paths::team_projects(organization, team),
                             json{{"name", name}, {"platform", platform_of(action.after)}},
                             [&]() -> Result<std::optional<ActionOutcome>> {
                               auto now = read_list(name_, *client_, list, read_timeout_);
                               if (!now.ok()) return now.errors();
                               for (const auto& item : *now) {
                                 const std::string slug = text_field(item, "slug");
                                 if (text_field(item, "name") == name && known.count(slug) == 0) {
                                   return std::optional<ActionOutcome>(
                                       ActionOutcome{slug, text_field(item, "id"), false, {}});
                                 }
                               }
                               return std::optional<ActionOutcome>();
                             });
  if (!outcome.ok()) return outcome;
  return settle_project(action, *outcome);
}

// A created project gets what its create could not carry: eventThrottleRate when non-zero,
// and on the django-ninja API the declared slug, which the create ignores (GlitchTip makes
// one from the name) but a PUT sets. Where the rename fails the outcome keeps GlitchTip's
// slug and says why, so that the executor fails the action and records what exists.
Result<ActionOutcome> Provider::settle_project(const Action& action, ActionOutcome outcome) {
  const json rate_field = action.after.value("eventThrottleRate", json(0));
  const int rate = rate_field.is_number_integer() ? rate_field.get<int>() : 0;
  bool rename = !action.project.empty() && outcome.slug != action.project;
  if (rename) {
    const auto api = generation();
    if (!api.ok()) return api.errors();
    rename = api_of(*api).renames_project_slugs();
  }
  if (rate == 0 && !rename) return outcome;
  const std::string path = paths::project(action.organization_slug, outcome.slug);
  json body{{"name", string_of(action.after, "name")}, {"platform", platform_of(action.after)}};
  if (rate != 0) body["eventThrottleRate"] = rate;
  if (rename) body["slug"] = action.project;
  const HttpResponse response = send("PUT", path, body, true);
  if (response.status != 200) {
    if (!rename) return failure(action, "PUT", path, response);
    HttpRequest request;
    request.method = "PUT";
    request.path = path;
    const Error refused = request_error(name_, request, response, "");
    outcome.note = "renaming it with " + refused.where + " failed: " + refused.message;
    return outcome;
  }
  if (rename) {
    const ActionOutcome renamed = outcome_from(response);
    outcome.slug = renamed.slug.empty() ? action.project : renamed.slug;
  }
  return outcome;
}

Result<ActionOutcome> Provider::update_project(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const std::string current =
      string_of(action.before, "slug").empty() ? action.project : string_of(action.before, "slug");
  const std::string path = paths::project(action.organization_slug, current);
  json body{{"name", string_of(action.after, "name")}, {"platform", platform_of(action.after)}};
  if (action.after.contains("eventThrottleRate") && action.after["eventThrottleRate"].is_number()) {
    body["eventThrottleRate"] = action.after["eventThrottleRate"];
  }
  const std::string wanted = string_of(action.after, "slug");
  if (!wanted.empty() && wanted != current) {
    const GenerationApi& rules = api_of(*api);
    if (!rules.renames_project_slugs()) {
      return Error{
          name_ + ": " + action.address,
          "this GlitchTip (" + std::string(rules.title()) + ") cannot rename project slugs",
          "keep the slug " + current + " in the definition, or upgrade GlitchTip to 4.1+"};
    }
    body["slug"] = wanted;
  }
  const HttpResponse response = send("PUT", path, body, true);
  if (response.status != 200) return failure(action, "PUT", path, response);
  auto outcome = outcome_from(response);
  if (outcome.slug.empty()) outcome.slug = wanted.empty() ? current : wanted;
  return outcome;
}

Result<ActionOutcome> Provider::delete_project(const Action& action) {
  return delete_object(action, paths::project(action.organization_slug, action.project));
}

Result<ActionOutcome> Provider::change_project_team(const Action& action, bool add) {
  const std::string path =
      paths::project_team(action.organization_slug, action.project, action.team);
  if (!add) return delete_object(action, path);
  const HttpResponse response = send("POST", path, std::nullopt, true);
  if (!created(response)) return failure(action, "POST", path, response);
  return ActionOutcome{};
}

// keys: a key's outcome names its label (the executor's identity check) and carries its
// id as a digest, never the key.
Result<ActionOutcome> Provider::create_key(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const GenerationApi& rules = api_of(*api);
  Key wanted = key_from_json(action.after);
  wanted.project = action.project;
  const std::string list = paths::project_keys(action.organization_slug, action.project);
  auto before = read_list(name_, *client_, list, read_timeout_);
  if (!before.ok()) return before.errors();
  std::set<std::string> known;
  for (const auto& item : *before) known.insert(text_field(item, "id"));
  const auto outcome_of = [&](const json& item) {
    const std::optional<Key> key = rules.key_from(item);
    return key ? ActionOutcome{key->label, key->id, false, {}} : ActionOutcome{};
  };
  for (int attempt = 0;; ++attempt) {
    const HttpResponse response = send("POST", list, rules.key_body(wanted), /*repeatable=*/false);
    if (created(response)) {
      const auto body = parse_body(response.body);
      return body ? outcome_of(*body) : ActionOutcome{};
    }
    if (!response.ambiguous || attempt >= settings_.max_retries) {
      return failure(action, "POST", list, response);
    }
    auto now = read_list(name_, *client_, list, read_timeout_);
    if (!now.ok()) return now.errors();
    for (const auto& item : *now) {
      if (known.count(text_field(item, "id")) > 0) continue;
      const ActionOutcome found = outcome_of(item);
      if (found.slug == wanted.label) return found;
    }
  }
}

// The key the plan saw (by the digest in its before; by label when it has none), looked up
// by listing the project's keys, since the path needs the key itself.
Result<ActionOutcome> Provider::delete_key(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const GenerationApi& rules = api_of(*api);
  const Key planned = key_from_json(action.before);
  const std::string list = paths::project_keys(action.organization_slug, action.project);
  auto items = read_list(name_, *client_, list, read_timeout_);
  if (!items.ok()) return items.errors();
  for (const auto& item : *items) {
    const std::optional<Key> key = rules.key_from(item);
    if (!key || key->label != planned.label) continue;
    if (!planned.id.empty() && key->id != planned.id) continue;
    return delete_object(action, paths::project_key(action.organization_slug, action.project,
                                                    text_field(item, "id")));
  }
  return ActionOutcome{{}, {}, true, {}};  // gone already
}

Result<std::map<std::string, std::vector<std::string>>> Provider::organization_slugs_by_name() {
  auto items = read_list(name_, *client_, paths::organizations(), read_timeout_);
  if (!items.ok()) return items.errors();
  std::map<std::string, std::vector<std::string>> slugs;
  for (const auto& item : *items) {
    slugs[text_field(item, "name")].push_back(text_field(item, "slug"));
  }
  return slugs;
}

Result<std::optional<std::vector<KeyDsn>>> Provider::key_dsns(const std::string& organization,
                                                              const std::string& project) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const std::string project_path = paths::project(organization, project);
  const HttpResponse response = send("GET", project_path, std::nullopt, true);
  if (response.status == 404) return std::optional<std::vector<KeyDsn>>();
  if (response.status != 200) {
    HttpRequest request;
    request.path = project_path;
    return request_error(name_, request, response);
  }
  auto items =
      read_list(name_, *client_, paths::project_keys(organization, project), read_timeout_);
  if (!items.ok()) return items.errors();
  std::vector<KeyDsn> keys;
  for (const auto& item : *items) {
    if (auto key = key_dsn_from(api_of(*api), item)) keys.push_back(std::move(*key));
  }
  return std::optional<std::vector<KeyDsn>>(std::move(keys));
}

}  // namespace gg::glitchtip
