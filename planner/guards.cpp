#include "planner/guards.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "planner/address.hpp"
#include "planner/api_generation.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/kinds/key.hpp"
#include "planner/kinds/monitor.hpp"
#include "planner/kinds/project.hpp"

namespace gg {
namespace {

const Organization* recorded_organization(const State& recorded, const Action& action) {
  const auto instance = recorded.instances.find(action.instance);
  if (instance == recorded.instances.end()) return nullptr;
  const auto organization = instance->second.organizations.find(action.organization_slug);
  if (organization == instance->second.organizations.end()) return nullptr;
  return &organization->second;
}

constexpr const char* kUnprotect =
    "declare it again with `protected: false` and apply, then remove its definition";

void check_protected(const Action& action, const State& recorded, Errors& errors) {
  const Organization* organization = recorded_organization(recorded, action);
  if (organization == nullptr) return;
  if (action.type == ActionType::delete_organization) {
    if (organization->is_protected) {
      errors.push_back({action.address,
                        "organization " + action.organization +
                            " is protected and would be deleted: it was removed from the "
                            "definitions",
                        kUnprotect});
    }
    for (const auto& [slug, project] : organization->projects) {
      if (!project.is_protected) continue;
      errors.push_back({Address::of_project(action.instance, action.organization, slug).to_string(),
                        "project " + slug +
                            " is protected and would be deleted with organization " +
                            action.organization,
                        kUnprotect});
    }
  }
  if (action.type == ActionType::delete_project) {
    const auto project = organization->projects.find(action.project);
    if (project != organization->projects.end() && project->second.is_protected) {
      errors.push_back({action.address,
                        "project " + action.project +
                            " is protected and would be deleted: it is no longer declared",
                        kUnprotect});
    }
  }
}

// The objects (members, teams, projects, monitors, alerts, keys) a deletion takes with it. Links (a
// member's place in a team, a project's team) are not counted: they hold nothing of their own, and
// go with the member, team or project whose deletion is counted already.
int objects_deleted_with(const Action& action) {
  int objects = 0;
  for (const std::string& text : action.consequences) {
    const std::optional<Address> address = Address::parse(text);
    if (!address) continue;
    if (address->kind == Address::Kind::member || address->kind == Address::Kind::team ||
        address->kind == Address::Kind::project || address->kind == Address::Kind::monitor ||
        address->kind == Address::Kind::alert ||
        address->kind == Address::Kind::key) {  // a key: every client using it stops
      ++objects;
    }
  }
  return objects;
}

// What goes, for the max_deletes guard: planned deletions plus what they take with them.
struct DeletionCount {
  int planned = 0;
  int cascaded = 0;
  std::vector<std::pair<int, std::string>> cascades;  // objects, address of the deletion
  int total() const { return planned + cascaded; }
};

std::string plural(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "3 deletions, limit 50" when nothing cascades (the wording plans always had), else
// "1203 deletions (3 planned, 1200 objects deleted with them), limit 50".
std::string deletion_detail(const DeletionCount& count, int limit) {
  std::string detail = plural(count.total(), "deletion", "deletions");
  if (count.cascaded > 0) {
    detail += " (" + std::to_string(count.planned) + " planned, " +
              plural(count.cascaded, "object", "objects") + " deleted with them)";
  }
  return detail + ", limit " + std::to_string(limit);
}

// "glitchtip-dev/NASA takes 1200 with it, ..." for the largest cascades.
std::string largest_cascades(DeletionCount count) {
  std::sort(count.cascades.begin(), count.cascades.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string text;
  const size_t shown = std::min<size_t>(count.cascades.size(), 3);
  for (size_t i = 0; i < shown; ++i) {
    text += (text.empty() ? "" : ", ") + count.cascades[i].second + " takes " +
            std::to_string(count.cascades[i].first) + " with it";
  }
  if (count.cascades.size() > shown) {
    text += ", and " + std::to_string(count.cascades.size() - shown) + " more";
  }
  return text;
}

}  // namespace

Errors check_deletion_guards(const std::vector<Action>& actions, const State& recorded,
                             const PlanOptions& options, std::vector<Guard>& passed) {
  Errors errors;
  DeletionCount deletions;
  int organization_deletions = 0;
  for (const Action& action : actions) {
    if (change_kind(action.type) != ChangeKind::destroy) continue;
    ++deletions.planned;
    const int with_it = objects_deleted_with(action);
    deletions.cascaded += with_it;
    if (with_it > 0) deletions.cascades.emplace_back(with_it, action.address);
    check_protected(action, recorded, errors);
    if (action.type != ActionType::delete_organization) continue;
    ++organization_deletions;
    if (!options.allow_delete_organizations) {
      errors.push_back({action.address,
                        "organization " + action.organization +
                            " would be deleted: it was removed from the definitions",
                        "pass --allow-delete-organizations to allow it"});
    }
  }
  if (errors.empty()) {
    passed.push_back({"protected", "no protected organization or project is deleted"});
  }
  if (organization_deletions == 0) {
    passed.push_back({"allow_delete_organizations", "no organization is deleted"});
  } else if (options.allow_delete_organizations) {
    passed.push_back({"allow_delete_organizations",
                      std::to_string(organization_deletions) +
                          " organization deletion(s) allowed by --allow-delete-organizations"});
  }
  const std::string detail = deletion_detail(deletions, options.max_deletes);
  if (deletions.total() > options.max_deletes) {
    std::string message = "the plan would make " + detail;
    if (deletions.cascaded > 0) message += ": " + largest_cascades(deletions);
    errors.push_back({"plan", message,
                      "check the definitions, or pass --max-deletes " +
                          std::to_string(deletions.total()) + " to allow it"});
  } else {
    passed.push_back({"max_deletes", detail});
  }
  return errors;
}

Errors check_empty_guard(const std::vector<EmptyInstance>& empty, const PlanOptions& options,
                         std::vector<Guard>& passed) {
  Errors errors;
  std::string allowed;
  for (const EmptyInstance& instance : empty) {
    if (options.allow_empty) {
      allowed += (allowed.empty() ? "" : ", ") + instance.instance;
      continue;
    }
    errors.push_back({instance.instance,
                      "the definitions declare no organization in " + instance.instance +
                          ", while GlitchTip has " + std::to_string(instance.live_organizations),
                      "declare its organizations, or pass --allow-empty if that is meant"});
  }
  if (empty.empty()) {
    passed.push_back({"allow_empty", "every instance declares organizations"});
  } else if (options.allow_empty) {
    passed.push_back(
        {"allow_empty", allowed + ": no organization declared, allowed by --allow-empty"});
  }
  return errors;
}

Errors check_capabilities(const Instance& desired, const Capabilities& capabilities,
                          const std::vector<Action>& actions) {
  const std::string server =
      desired.name + " runs " + api_generation_description(capabilities.generation);
  Errors errors = check_project_capabilities(desired, capabilities, actions, server);
  const Errors monitors = check_monitor_capabilities(desired, capabilities, server);
  errors.insert(errors.end(), monitors.begin(), monitors.end());
  const Errors alerts = check_alert_capabilities(desired, capabilities, actions, server);
  errors.insert(errors.end(), alerts.begin(), alerts.end());
  const Errors keys = check_key_capabilities(desired, capabilities, server);
  errors.insert(errors.end(), keys.begin(), keys.end());
  return errors;
}

}  // namespace gg
