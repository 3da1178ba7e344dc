#include "planner/replacements.hpp"

#include <map>
#include <string>
#include <utility>

namespace gg {
namespace {

struct OrganizationProjects {
  std::vector<Action*> deletions;
  std::vector<Action*> creations;
};

std::string slugs_of(const std::vector<Action*>& actions) {
  std::string slugs;
  for (const Action* action : actions) slugs += (slugs.empty() ? "" : ", ") + action->project;
  return slugs;
}

constexpr const char* kReplaces =
    "renaming without `slug:` replaces the project: its events are deleted; ";

std::string deletion_warning(const Action& deletion, const OrganizationProjects& projects) {
  return kReplaces + ("pin `slug: " + deletion.project + "` to rename in place") +
         " (this plan also creates project " + slugs_of(projects.creations) + ")";
}

std::string creation_warning(const OrganizationProjects& projects) {
  const std::string pin = projects.deletions.size() == 1
                              ? "pin `slug: " + projects.deletions.front()->project + "`"
                              : "pin `slug:` to the old one's slug";
  return kReplaces + pin + " to rename in place (this plan also deletes project " +
         slugs_of(projects.deletions) + ")";
}

}  // namespace

void mark_replacements(std::vector<Action>& actions) {
  std::map<std::pair<std::string, std::string>, OrganizationProjects> organizations;
  for (Action& action : actions) {
    OrganizationProjects& projects = organizations[{action.instance, action.organization}];
    if (action.type == ActionType::delete_project) projects.deletions.push_back(&action);
    if (action.type == ActionType::create_project) projects.creations.push_back(&action);
  }
  for (auto& [organization, projects] : organizations) {
    if (projects.deletions.empty() || projects.creations.empty()) continue;
    for (Action* deletion : projects.deletions) {
      deletion->warning = deletion_warning(*deletion, projects);
    }
    for (Action* creation : projects.creations) creation->warning = creation_warning(projects);
  }
}

Errors check_replace_guard(const std::vector<Action>& actions, const PlanOptions& options,
                           std::vector<Guard>& passed) {
  Errors errors;
  int replaced = 0;
  for (const Action& action : actions) {
    if (action.type != ActionType::delete_project || action.warning.empty()) continue;
    ++replaced;
    if (options.allow_replace) continue;
    errors.push_back({action.address,
                      "project " + action.project + " would be deleted: " + action.warning,
                      "pass --allow-replace if project " + action.project + " is really to go"});
  }
  // Recorded only when it matters, so that plans without replacements stay as they were.
  if (replaced > 0 && options.allow_replace) {
    passed.push_back({"allow_replace", std::to_string(replaced) +
                                           " project replacement(s) allowed by --allow-replace"});
  }
  return errors;
}

}  // namespace gg
