#pragma once
// The space agencies (docs/design.md §9) as States built in code: what the definitions declare
// (desired), what GlitchTip holds when it matches them (live) and what the snapshot holds
// after that was applied (recorded). Tests change copies of these to make scenarios.

#include <algorithm>
#include <string>

#include "planner/state.hpp"

namespace gg::testing {

inline constexpr const char* kInstance = "glitchtip-dev";
inline constexpr const char* kAutomationUser = "sd-app-sre+glitchtip@nasa.com";

inline const std::string kSamantha = "samanthacristoforetti@nasa.com";
inline const std::string kMatthias = "matthiasmaurer@nasa.com";
inline const std::string kTim = "timpeake@nasa.com";
inline const std::string kDirector = "globalflightdirector@nasa.com";
inline const std::string kNeil = "neilarmstrong@nasa.com";
inline const std::string kBuzz = "buzzaldrin@nasa.com";
inline const std::string kMichael = "michaelcollins@nasa.com";

inline Member member(const std::string& email, Role role = Role::member, bool pending = false) {
  return Member{email, role, pending, ""};
}

inline Team team(const std::string& slug, std::vector<std::string> members) {
  return Team{slug, "", std::move(members)};
}

inline Project project(const std::string& slug, std::vector<std::string> teams,
                       const std::string& platform = "python") {
  Project made;
  made.slug = slug;
  made.name = slug;
  made.platform = platform;
  made.teams = std::move(teams);
  return made;
}

inline void add(Organization& organization, Member added) {
  organization.members[added.email] = std::move(added);
}
inline void add(Organization& organization, Team added) {
  organization.teams[added.slug] = std::move(added);
}
inline void add(Organization& organization, Project added) {
  organization.projects[added.slug] = std::move(added);
}

inline Organization esa() {
  Organization organization;
  organization.name = "ESA";
  add(organization, member(kSamantha));
  add(organization, member(kMatthias));
  add(organization, member(kTim));
  add(organization, member(kDirector, Role::owner));
  add(organization, team("esa-pilots", {kSamantha}));
  add(organization, team("esa-flight-control", {kDirector, kMatthias, kTim}));
  add(organization, project("rosetta-flight-control", {"esa-flight-control"}));
  add(organization, project("rosetta-spacecraft", {"esa-pilots", "esa-flight-control"}));
  return organization;
}

inline Organization nasa() {
  Organization organization;
  organization.name = "NASA";
  add(organization, member(kNeil));
  add(organization, member(kBuzz));
  add(organization, member(kMichael));
  add(organization, member(kDirector, Role::owner));
  add(organization, team("nasa-pilots", {kBuzz, kNeil}));
  add(organization, team("nasa-flight-control", {kDirector, kMichael}));
  add(organization, project("apollo-11-flight-control", {"nasa-flight-control"}));
  add(organization, project("apollo-11-spacecraft", {"nasa-pilots", "nasa-flight-control"}));
  return organization;
}

inline Instance instance_named(const std::string& name) {
  Instance instance;
  instance.name = name;
  instance.settings.url = "https://" + name + ".example.com";
  instance.settings.automation_user_email = kAutomationUser;
  instance.settings.mail_domain = "nasa.com";
  return instance;
}

// The definitions: organizations by name, no slugs declared.
inline State desired() {
  State state;
  Instance instance = instance_named(kInstance);
  instance.organizations["ESA"] = esa();
  instance.organizations["NASA"] = nasa();
  state.instances[kInstance] = std::move(instance);
  return state;
}

// Turns a declared organization into the live one GlitchTip would hold: keyed by slug, with
// ids, sorted team lists, and pending invitations where docs/design.md §9 has them.
inline Organization as_live(Organization organization, const std::string& slug,
                            const std::string& id) {
  organization.slug = slug;
  organization.id = id;
  organization.is_protected = false;
  int next = 1;
  for (auto& [email, found] : organization.members) found.id = id + "-m" + std::to_string(next++);
  for (auto& [slug_, found] : organization.teams) found.id = id + "-t" + std::to_string(next++);
  for (auto& [slug_, found] : organization.projects) {
    found.id = id + "-p" + std::to_string(next++);
    found.is_protected = false;
    std::sort(found.teams.begin(), found.teams.end());
  }
  return organization;
}

// GlitchTip matching the definitions (the automation user is never part of a live state).
inline State live() {
  State state;
  Instance instance = instance_named(kInstance);
  instance.organizations["esa"] = as_live(esa(), "esa", "1");
  Organization nasa_live = as_live(nasa(), "nasa", "2");
  nasa_live.members[kDirector].pending = true;
  nasa_live.members[kBuzz].pending = true;
  instance.organizations["nasa"] = nasa_live;
  instance.capabilities = Capabilities{ApiGeneration::ninja, true, true};
  state.instances[kInstance] = std::move(instance);
  return state;
}

// The snapshot after the definitions were applied: live, without capabilities.
inline State recorded() {
  State state = live();
  for (auto& [name, instance] : state.instances) instance.capabilities.reset();
  return state;
}

// An instance with nothing in it.
inline State empty_live() {
  State state;
  Instance instance = instance_named(kInstance);
  instance.capabilities = Capabilities{ApiGeneration::ninja, true, true};
  state.instances[kInstance] = std::move(instance);
  return state;
}

}  // namespace gg::testing
