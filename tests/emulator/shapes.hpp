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
  bool member_is_owner = false;        // members carry `isOwner` (>= 3.0.5)
  bool event_throttle_rate = false;    // projects carry `eventThrottleRate` (>= 3.4)
  bool sequential_org_slugs = true;    // `-2`, `-3` (< 3.1) or a random suffix
  bool organizations_by_name = false;  // organization lists sorted by name (>= 2.0.7)
  bool reserve_new_project = false;    // project slug `new` becomes `new-1` (>= 3.3)

  bool ninja() const { return flavour == Flavour::ninja; }
};

Features features_for(const Options& options);

enum class ProjectShape { base, with_teams, with_organization };

// Where a monitor is shown: DRF's create answer has `isUp: null` (its checks are not read back
// yet); only ninja's single-monitor GET gives its checks a `responseTime`.
enum class MonitorView { created, listed, detail };

class Shapes {
 public:
  // `base_url` is the emulator's own URL ("http://127.0.0.1:40211"): GlitchTip builds DSNs and
  // heartbeat URLs from its configured GLITCHTIP_URL, not from the request.
  Shapes(const World& world, const Features& features, Id caller, std::string host,
         std::string base_url = {})
      : world_(world),
        features_(features),
        caller_(caller),
        host_(std::move(host)),
        base_url_(std::move(base_url)) {}

  std::string timestamp(Micros time) const;
  std::string timestamp_micros(Micros time) const;  // always 6 fraction digits
  nlohmann::json organization(const Organization& org) const;
  nlohmann::json organization_detail(const Organization& org) const;
  nlohmann::json team(const Team& team, bool with_projects = true) const;
  nlohmann::json project(const Project& project, ProjectShape shape) const;
  nlohmann::json member(const Member& member, bool detail = false) const;
  nlohmann::json user(const User& user) const;
  nlohmann::json key(const Project& project, const ProjectKey& key) const;
  nlohmann::json alert(const Alert& alert) const;
  nlohmann::json monitor(const Monitor& monitor, MonitorView view) const;

 private:
  bool caller_in_team(const Team& team) const;
  bool caller_in_project(const Project& project) const;

  const World& world_;
  const Features& features_;
  Id caller_;
  std::string host_;
  std::string base_url_;
};

}  // namespace gg::emulator
