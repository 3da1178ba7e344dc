#pragma once
// Shapes renders World objects as the JSON GlitchTip sends (docs/glitchtip-api.md §7 and the
// recorded exchanges), for one API generation and server version, as seen by one caller (isMember,
// access). Features says which version-dependent fields and rules apply.

#include <nlohmann/json.hpp>

#include <string>

#include "tests/emulator/emulator.hpp"
#include "tests/emulator/world.hpp"

namespace gg::emulator {

// What the emulated server version does, derived once from Options.
struct Features {
  Flavour flavour = Flavour::drf;
  bool team_projects = false;          // teams carry `projects` (>= 2.0.6)
  bool member_is_owner = false;        // members carry `isOwner` (>= 3.0.5)
  bool event_throttle_rate = false;    // projects carry `eventThrottleRate` (>= 3.4)
  bool sequential_org_slugs = true;    // `-2`, `-3` (< 3.1) or a random suffix
  bool organizations_by_name = false;  // organization lists sorted by name (>= 2.0.7)
  bool reserve_new_project = false;    // project slug `new` becomes `new-1` (>= 3.3)

  bool ninja() const { return flavour == Flavour::ninja; }
};

Features features_for(const Options& options);

enum class ProjectShape { base, with_teams, with_organization };

class Shapes {
 public:
  Shapes(const World& world, const Features& features, Id caller, std::string host)
      : world_(world), features_(features), caller_(caller), host_(std::move(host)) {}

  std::string timestamp(Micros time) const;
  nlohmann::json organization(const Organization& org) const;
  nlohmann::json organization_detail(const Organization& org) const;
  nlohmann::json team(const Team& team, bool with_projects = true) const;
  nlohmann::json project(const Project& project, ProjectShape shape) const;
  nlohmann::json member(const Member& member, bool detail = false) const;
  nlohmann::json user(const User& user) const;
  nlohmann::json key(const Project& project, const ProjectKey& key) const;

 private:
  bool caller_in_team(const Team& team) const;
  bool caller_in_project(const Project& project) const;

  const World& world_;
  const Features& features_;
  Id caller_;
  std::string host_;
};

}  // namespace gg::emulator
