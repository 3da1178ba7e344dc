#include "planner/targets.hpp"

#include <algorithm>
#include <set>

namespace gg {
namespace {

bool selected(const std::vector<Address>& targets, const std::string& text) {
  const std::optional<Address> address = Address::parse(text);
  if (!address) return false;
  return std::any_of(targets.begin(), targets.end(),
                     [&](const Address& target) { return target.contains(*address); });
}

bool creates(ActionType type) {
  return type == ActionType::create_organization || type == ActionType::create_team ||
         type == ActionType::invite_member || type == ActionType::create_project;
}

// The addresses of the objects an action needs to exist before it can run.
std::vector<std::string> needs(const Action& action) {
  const std::string& instance = action.instance;
  const std::string& organization = action.organization;
  std::vector<std::string> addresses{Address::of_organization(instance, organization).to_string()};
  if (!action.team.empty()) {
    addresses.push_back(Address::of_team(instance, organization, action.team).to_string());
  }
  if (!action.email.empty()) {
    addresses.push_back(Address::of_member(instance, organization, action.email).to_string());
  }
  if (!action.project.empty()) {
    addresses.push_back(Address::of_project(instance, organization, action.project).to_string());
  }
  return addresses;
}

template <typename Item>
void keep_selected(const std::vector<Address>& targets, std::vector<Item>& items) {
  std::erase_if(items, [&](const Item& item) { return !selected(targets, item.address); });
}

void add_organization_addresses(const std::string& instance, const std::string& name,
                                const Organization& organization, std::vector<Address>& known) {
  known.push_back(Address::of_organization(instance, name));
  for (const auto& [slug, team] : organization.teams) {
    known.push_back(Address::of_team(instance, name, slug));
    for (const std::string& email : team.members) {
      known.push_back(Address::of_team_member(instance, name, slug, email));
    }
  }
  for (const auto& [slug, project] : organization.projects) {
    known.push_back(Address::of_project(instance, name, slug));
    for (const std::string& team : project.teams) {
      known.push_back(Address::of_project_team(instance, name, slug, team));
    }
  }
  for (const auto& [email, member] : organization.members) {
    known.push_back(Address::of_member(instance, name, email));
  }
  for (const auto& [monitor, unused] : organization.monitors) {  // monitors
    known.push_back(Address::of_monitor(instance, name, monitor));
  }
}

}  // namespace

void add_known_addresses(const std::string& instance, const InstanceMatch& match,
                         std::vector<Address>& known) {
  known.push_back(Address::of_instance(instance));
  for (const OrganizationMatch& organization : match.organizations) {
    for (const Organization* state :
         {organization.desired, organization.recorded, organization.live}) {
      if (state != nullptr) add_organization_addresses(instance, organization.name, *state, known);
    }
  }
  for (const UnmanagedOrganization& organization : match.unmanaged) {
    known.push_back(Address::of_organization(instance, organization.name));
  }
}

Errors check_targets_known(const std::vector<Address>& targets, const std::vector<Address>& known,
                           const Suggest& suggest) {
  Errors errors;
  std::vector<std::string> candidates;
  for (const Address& target : targets) {
    if (std::any_of(known.begin(), known.end(),
                    [&](const Address& address) { return target.contains(address); })) {
      continue;
    }
    if (candidates.empty()) {
      std::set<std::string> unique;
      for (const Address& address : known) unique.insert(address.to_string());
      candidates.assign(unique.begin(), unique.end());
    }
    const std::string text = target.to_string();
    const std::string close = suggest ? suggest(text, candidates) : std::string();
    errors.push_back({"--target " + text,
                      "no object in the definitions, the snapshot or GlitchTip has this address",
                      close.empty()
                          ? "check its spelling: organizations go by name, teams and projects by "
                            "slug, members by e-mail, e.g. glitchtip-prod/NASA/team/nasa-pilots"
                          : "did you mean " + close + "?"});
  }
  return errors;
}

Result<std::vector<Address>> parse_targets(const std::vector<std::string>& texts) {
  std::vector<Address> targets;
  Errors errors;
  for (const std::string& text : texts) {
    const std::optional<Address> address = Address::parse(text);
    if (address) {
      targets.push_back(*address);
    } else {
      errors.push_back({"--target " + text, "not an address",
                        "write e.g. glitchtip-prod/NASA, glitchtip-prod/NASA/team/nasa-pilots or "
                        "glitchtip-prod/NASA/member/neil.armstrong@nasa.com"});
    }
  }
  if (!errors.empty()) return errors;
  return targets;
}

void narrow_to_targets(const std::vector<Address>& targets, Changes& changes) {
  if (targets.empty()) return;
  std::vector<bool> keep(changes.actions.size());
  std::set<std::string> needed;
  for (size_t i = 0; i < changes.actions.size(); ++i) {
    keep[i] = selected(targets, changes.actions[i].address);
  }
  // Each round adds the creations that the kept actions need; creations need only creations
  // further up, so this ends after a few rounds.
  bool grew = true;
  while (grew) {
    grew = false;
    for (size_t i = 0; i < changes.actions.size(); ++i) {
      if (!keep[i]) continue;
      for (std::string& address : needs(changes.actions[i])) needed.insert(std::move(address));
    }
    for (size_t i = 0; i < changes.actions.size(); ++i) {
      const Action& action = changes.actions[i];
      if (!keep[i] && creates(action.type) && needed.count(action.address) > 0) {
        keep[i] = true;
        grew = true;
      }
    }
  }
  std::vector<Action> kept;
  for (size_t i = 0; i < changes.actions.size(); ++i) {
    if (keep[i]) kept.push_back(std::move(changes.actions[i]));
  }
  changes.actions = std::move(kept);
  keep_selected(targets, changes.drift);
  keep_selected(targets, changes.adoptions);
  std::erase_if(changes.unmanaged,  // monitors
                [&](const std::string& address) { return !selected(targets, address); });
}

}  // namespace gg
