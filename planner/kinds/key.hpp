#pragma once
// Everything the planner knows about a project key (a DSN), the one place to add a key's
// field: its JSON form in plan files and the snapshot, its fingerprint, its drift words and
// its actions (create and delete only: GlitchTip's key PUT changes nothing useful, so a
// changed label or rate limit is a new key with a new DSN) with their words, preconditions
// and how apply records them. Fields: project and label (the identity) and rateLimit.
//
// Keys live in Organization::keys under key_name(project, label). A key's `id` is a digest
// of its public part, never the part itself (planner/state.hpp): plans and snapshots stay
// free of DSN material.
//
// Ownership: a live key that is not declared is deleted only when the snapshot records it
// (this tool created or adopted it); otherwise it is left alone, and listed as not managed
// (Changes::unmanaged) when its project declares `keys:`. The key GlitchTip makes
// with every new project (label "") is adopted when declared, never created.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/error.hpp"
#include "planner/state.hpp"

namespace gg {

// "PROJECT/LABEL", the key's place in Organization::keys; split_key_name is its inverse
// (project slugs hold no "/", labels may).
std::string key_name(const std::string& project, const std::string& label);
std::pair<std::string, std::string> split_key_name(const std::string& name);

// "sha256:" and 16 hex digits of a key's public part (dashes removed, lower case), the
// only form of a key's identity that plans and snapshots carry.
std::string key_id_digest(const std::string& public_key);

// {kind, organization_slug, project, label, id, rateLimit ({window, count} or null)}, and back.
nlohmann::json key_json(const std::string& organization_slug, const Key& key);
Key key_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by key_name: {id} and rateLimit when set.
nlohmann::json key_snapshot_json(const Key& key);
Key key_from_snapshot_json(const std::string& name, const nlohmann::json& json);

// "sha256:..." of project, label and rate limit.
std::string fingerprint(const Key& key);

// Drift words: "rateLimit changed from none to 1000/60s".
std::vector<std::string> differences(const Key& recorded, const Key& live);

// Declared rate limits on a server whose keys take none (drf); `server` names it.
Errors check_key_capabilities(const Instance& desired, const Capabilities& capabilities,
                              const std::string& server);

// How the generic diff, recording and wording code treats keys (planner/kinds/kinds.hpp).
struct KeyKind {
  using Object = Key;
  static constexpr const char* name = "key";
  static constexpr const char* collection = "keys";  // its key in the snapshot's organization
  // Snapshots written before keys existed have no "keys"; one without keys writes none.
  static constexpr bool optional_collection = true;
  static std::map<std::string, Key>& objects(Organization& organization) {
    return organization.keys;
  }
  static const std::map<std::string, Key>& objects(const Organization& organization) {
    return organization.keys;
  }
  static std::string key(const Key& key) { return key_name(key.project, key.label); }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& name);
  static nlohmann::json to_json(const std::string& organization_slug, const Key& key) {
    return key_json(organization_slug, key);
  }
  static Key from_json(const nlohmann::json& json) { return key_from_json(json); }
  static nlohmann::json snapshot_json(const Key& key) { return key_snapshot_json(key); }
  static Key from_snapshot_json(const std::string& name, const nlohmann::json& json) {
    return key_from_snapshot_json(name, json);
  }
  static nlohmann::json adoption_json(const std::string& organization_slug, const Key& live,
                                      const Key&) {
    return key_json(organization_slug, live);
  }
  static void keep_recorded(Key&, const Key*) {}
  static void forget(Organization&, const Key&) {}

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
