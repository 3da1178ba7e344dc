#pragma once
// An Address names one managed object for people and for --target:
//   glitchtip-dev                                   an instance
//   glitchtip-dev/NASA                              an organization (by name)
//   glitchtip-dev/NASA/team/nasa-pilots             a team (by slug)
//   glitchtip-dev/NASA/project/apollo-11-spacecraft a project (by slug)
//   glitchtip-dev/NASA/member/neil.armstrong@nasa.com
//   glitchtip-dev/NASA/team/nasa-pilots/member/neil.armstrong@nasa.com   a team membership
//   glitchtip-dev/NASA/project/apollo-11-spacecraft/team/nasa-pilots     a project's team
//   glitchtip-dev/NASA/monitor/apollo-api           an uptime monitor (by name)
//   glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/error-burst    a project's alert
//   glitchtip-dev/NASA/project/apollo-11-spacecraft/key/backend          a project's key

#include <optional>
#include <string>
#include <string_view>

namespace gg {

struct Address {
  enum class Kind {
    instance,
    organization,
    team,
    project,
    member,
    team_member,
    project_team,
    monitor,
    alert,
    key,  // keys: a project's key, `child` its label ("" for GlitchTip's default key)
  };
  Kind kind = Kind::instance;
  std::string instance;
  std::string organization;  // organization name
  std::string object;        // team slug, project slug, member e-mail or monitor name
  std::string child;         // member e-mail of a team membership, team slug of a project team,
                             // alert name of an alert

  static Address of_instance(std::string instance);
  static Address of_organization(std::string instance, std::string organization);
  static Address of_team(std::string instance, std::string organization, std::string team);
  static Address of_project(std::string instance, std::string organization, std::string project);
  static Address of_member(std::string instance, std::string organization, std::string email);
  static Address of_team_member(std::string instance, std::string organization, std::string team,
                                std::string email);
  static Address of_project_team(std::string instance, std::string organization,
                                 std::string project, std::string team);
  static Address of_monitor(std::string instance, std::string organization, std::string name);
  // alerts kind
  static Address of_alert(std::string instance, std::string organization, std::string project,
                          std::string name);
  // keys: the label may be "" (GlitchTip's default key) or hold "/".
  static Address of_key(std::string instance, std::string organization, std::string project,
                        std::string label);

  std::string to_string() const;
  static std::optional<Address> parse(std::string_view text);

  // True when `other` is this address or lies below it (an organization contains its
  // teams; a team contains its memberships). Used by --target.
  bool contains(const Address& other) const;

  bool operator==(const Address&) const = default;
  auto operator<=>(const Address&) const = default;
};

}  // namespace gg
