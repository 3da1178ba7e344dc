#include "planner/kinds/key.hpp"

#include <algorithm>

#include "planner/address.hpp"
#include "planner/canonical_json.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {
namespace {

using fields::text;
using nlohmann::json;

constexpr const char* kRateLimit = "rateLimit";
constexpr const char* kNewDsn =
    "a new key has a new DSN: every client must be given it (glitchtip-gitops dsn)";
constexpr const char* kClientsStop =
    "every client still sending with this key's DSN stops reporting";

json rate_limit_json(const Key& key) {
  if (key.rate_limit_window == 0 && key.rate_limit_count == 0) return nullptr;
  return {{"window", key.rate_limit_window}, {"count", key.rate_limit_count}};
}

// "1000 per 60s", or "none".
std::string rate_limit_words(const Key& key) {
  if (key.rate_limit_window == 0 && key.rate_limit_count == 0) return "none";
  return std::to_string(key.rate_limit_count) + " per " + std::to_string(key.rate_limit_window) +
         "s";
}

// The managed fields of a create or delete: before/after of the key's actions.
json action_fields(const Key& key) {
  return {{"label", key.label}, {kRateLimit, rate_limit_json(key)}, {"id", key.id}};
}

// Words for a label in plans: the default key's empty label is shown as "".
std::string label_words(const std::string& label) {
  return "\"" + label + "\"";
}

Key key_of_action(const Action& action) {
  const json& fields = action.after.is_object() ? action.after : action.before;
  Key key = key_from_json(fields);
  key.project = action.project;
  return key;
}

const Key* find_key(const Organization& organization, const std::string& project,
                    const std::string& label) {
  const auto found = organization.keys.find(key_name(project, label));
  return found == organization.keys.end() ? nullptr : &found->second;
}

Action key_action(const diff::Scope& scope, ActionType type, const Key& key) {
  Action action = diff::make_action(
      scope, type, Address::of_key(scope.instance, scope.organization, key.project, key.label));
  action.project = key.project;
  return action;
}

void plan_creation(const diff::Scope& scope, const Key& wanted, const Key* replaced,
                   Changes& changes) {
  Action action = key_action(scope, ActionType::create_key, wanted);
  Key created = wanted;
  created.id.clear();
  action.after = action_fields(created);
  action.after.erase("id");
  action.precondition = kAbsent;
  action.reason = diff::kDeclared;
  if (replaced != nullptr) {
    // The old key is still there when this runs (its deletion comes later): the plan
    // expects it as it was.
    action.before = action_fields(*replaced);
    action.precondition = fingerprint(*replaced);
    action.reason = "rateLimit: " + rate_limit_words(*replaced) + " → " + rate_limit_words(wanted);
    action.warning = std::string("replaces key ") + label_words(wanted.label) +
                     " (keys cannot be changed): " + kNewDsn;
  }
  changes.actions.push_back(std::move(action));
}

void plan_deletion(const diff::Scope& scope, const Key& live, bool replaced, Changes& changes) {
  Action action = key_action(scope, ActionType::delete_key, live);
  action.before = action_fields(live);
  action.precondition = fingerprint(live);
  action.reason =
      replaced ? "replaced by a new key with the declared rateLimit" : scope.not_declared();
  action.warning = std::string(replaced ? "the key is replaced: " : "") + kClientsStop;
  changes.actions.push_back(std::move(action));
}

// The label of a key this plan creates in `project` (the other side of a changed label), or "".
std::string created_label(const Changes& changes, const std::string& project) {
  for (const Action& action : changes.actions) {
    if (action.type == ActionType::create_key && action.project == project &&
        action.precondition == kAbsent) {
      return label_words(text(action.after, "label"));
    }
  }
  return {};
}

// A key of a project the plan deletes goes with it: one of the deletion's consequences.
void add_to_project_deletion(const diff::Scope& scope, const Key& key, Changes& changes) {
  for (Action& action : changes.actions) {
    if (action.type != ActionType::delete_project || action.project != key.project) continue;
    action.consequences.push_back(
        Address::of_key(scope.instance, scope.organization, key.project, key.label).to_string());
    return;
  }
}

}  // namespace

std::string key_name(const std::string& project, const std::string& label) {
  return project + "/" + label;
}

std::pair<std::string, std::string> split_key_name(const std::string& name) {
  const size_t slash = name.find('/');
  if (slash == std::string::npos) return {name, ""};
  return {name.substr(0, slash), name.substr(slash + 1)};
}

std::string key_id_digest(const std::string& public_key) {
  std::string hex;
  for (char c : public_key) {
    if (c == '-') continue;
    hex += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (hex.empty()) return {};
  return "sha256:" + canonical_sha256(json(hex)).substr(0, 16);
}

json key_json(const std::string& organization_slug, const Key& key) {
  return {{"kind", "key"},          {"organization_slug", organization_slug},
          {"project", key.project}, {"label", key.label},
          {"id", key.id},           {kRateLimit, rate_limit_json(key)}};
}

Key key_from_json(const json& json) {
  Key key;
  key.project = text(json, "project");
  key.label = text(json, "label");
  key.id = text(json, "id");
  if (json.is_object()) {
    const auto limit = json.find(kRateLimit);
    if (limit != json.end() && limit->is_object()) {
      key.rate_limit_window = fields::integer(*limit, "window", 0);
      key.rate_limit_count = fields::integer(*limit, "count", 0);
    }
  }
  return key;
}

json key_snapshot_json(const Key& key) {
  json document = {{"id", key.id}};
  if (json limit = rate_limit_json(key); !limit.is_null()) document[kRateLimit] = std::move(limit);
  return document;
}

Key key_from_snapshot_json(const std::string& name, const json& json) {
  Key key = key_from_json(json);
  std::tie(key.project, key.label) = split_key_name(name);
  return key;
}

std::string fingerprint(const Key& key) {
  return fingerprint_of({{"kind", "key"},
                         {"project", key.project},
                         {"label", key.label},
                         {kRateLimit, rate_limit_json(key)}});
}

std::vector<std::string> differences(const Key& recorded, const Key& live) {
  std::vector<std::string> parts;
  if (rate_limit_json(recorded) != rate_limit_json(live)) {
    parts.push_back(
        fields::field_change(kRateLimit, rate_limit_words(recorded), rate_limit_words(live)));
  }
  return parts;
}

Errors check_key_capabilities(const Instance& desired, const Capabilities& capabilities,
                              const std::string& server) {
  Errors errors;
  if (capabilities.key_rate_limits) return errors;
  for (const auto& [name, organization] : desired.organizations) {
    for (const auto& [key_name, key] : organization.keys) {
      if (key.rate_limit_window == 0 && key.rate_limit_count == 0) continue;
      errors.push_back({Address::of_key(desired.name, name, key.project, key.label).to_string(),
                        "key " + label_words(key.label) + " of project " + key.project +
                            " declares rateLimit, but " + server +
                            ", whose keys take no rate limit",
                        "remove rateLimit from the key, or upgrade GlitchTip to 4.1 or later"});
    }
  }
  return errors;
}

Address KeyKind::address(const std::string& instance, const std::string& organization,
                         const std::string& name) {
  const auto [project, label] = split_key_name(name);
  return Address::of_key(instance, organization, project, label);
}

bool KeyKind::owns(ActionType type) {
  return type == ActionType::create_key || type == ActionType::delete_key;
}

void KeyKind::plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes) {
  for (const auto& [name, wanted] : desired.keys) {
    const auto found = live.keys.find(name);
    if (found == live.keys.end()) {
      // GlitchTip makes the "" key with every project: it is adopted once it exists.
      const bool made_with_project =
          wanted.label.empty() && live.projects.count(wanted.project) == 0;
      if (!made_with_project) plan_creation(scope, wanted, nullptr, changes);
      continue;
    }
    if (rate_limit_json(wanted) == rate_limit_json(found->second)) continue;
    plan_creation(scope, wanted, &found->second, changes);
    plan_deletion(scope, found->second, true, changes);
  }
  for (const auto& [name, key] : live.keys) {
    if (desired.keys.count(name) > 0) continue;
    const auto project = desired.projects.find(key.project);
    if (project == desired.projects.end()) {
      add_to_project_deletion(scope, key, changes);
      continue;
    }
    // Only a key this tool created or adopted is its to delete; any other is left alone, and
    // listed as such where the project declares `keys:` (elsewhere every project's default
    // key would be listed).
    const bool managed = scope.recorded != nullptr && scope.recorded->keys.count(name) > 0;
    if (!managed) {
      if (project->second.keys_declared) {
        changes.unmanaged.push_back(
            Address::of_key(scope.instance, scope.organization, key.project, key.label)
                .to_string());
      }
      continue;
    }
    plan_deletion(scope, key, false, changes);
    if (const std::string created = created_label(changes, key.project); !created.empty()) {
      changes.actions.back().warning = "if key " + created +
                                       " is meant to replace it (keys cannot be renamed), " +
                                       kClientsStop + "; " + kNewDsn;
    }
  }
}

std::string KeyKind::precondition_change(const Action& action, const Organization& live) {
  const Key planned = key_of_action(action);
  const Key* key = find_key(live, action.project, planned.label);
  switch (action.type) {
    case ActionType::create_key:
      if (action.precondition == kAbsent) {
        return key != nullptr ? "a key labelled " + label_words(planned.label) + " exists now" : "";
      }
      if (key == nullptr || fingerprint(*key) == action.precondition) return {};
      return "the key it replaces changed since the plan was made";
    case ActionType::delete_key:
      if (key == nullptr) return "the key no longer exists";
      if (fingerprint(*key) != action.precondition) {
        return fields::expected(kRateLimit, rate_limit_words(*key), rate_limit_words(planned));
      }
      if (!planned.id.empty() && !key->id.empty() && planned.id != key->id) {
        return "the key was recreated since the plan was made (another DSN)";
      }
      return {};
    default:
      return {};
  }
}

std::string KeyKind::action_words(const Action& action) {
  const Key key = key_of_action(action);
  std::string words = "key " + label_words(key.label) + " of project " + action.project;
  if (action.type == ActionType::create_key && rate_limit_json(key) != nullptr) {
    words += ": rateLimit " + rate_limit_words(key);
  }
  return words;
}

void KeyKind::record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State&) {
  const Key planned = key_of_action(action);
  const std::string name = key_name(action.project, planned.label);
  switch (action.type) {
    case ActionType::create_key: {
      Key key = planned;
      key.id = outcome.id;  // the runner answers with the digest, never the key itself
      organization.keys[name] = std::move(key);
      break;
    }
    case ActionType::delete_key: {
      // A replacement's deletion comes after its creation: keep the new key's record.
      const auto found = organization.keys.find(name);
      if (found != organization.keys.end() &&
          (planned.id.empty() || found->second.id == planned.id)) {
        organization.keys.erase(found);
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace gg
