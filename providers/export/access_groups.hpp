#pragma once
// Who may do what, per person, as import reads it from a live Instance, and the Roles that
// people with the same access share. Pure: no I/O.
//
// A person's access is every organization they are a member of with their role there, and
// the teams they are in. People whose access is equal share one Role, named for what it
// grants: one part per organization, "<org-slug>[-<role>][-<team>...]" (the role when it is
// not member, or when no team is granted; a team's "<org-slug>-" prefix dropped), parts
// joined by "+": "nasa-pilots", "nasa-owner-flight-control+esa-owner-flight-control". A
// name over 80 characters is cut and ends in a hash of the whole; a name taken twice gets
// "-2", "-3", in the order of the accesses. So names are deterministic and readable.

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "planner/state.hpp"

namespace gg::exporting {

struct Access {
  std::map<std::string, Role> organizations;            // organization slug -> role
  std::set<std::pair<std::string, std::string>> teams;  // (organization slug, team slug)
  bool operator==(const Access&) const = default;
  bool operator<(const Access& other) const {
    return std::tie(organizations, teams) < std::tie(other.organizations, other.teams);
  }
};

// Every member of every organization (lower-case e-mail) and their access.
std::map<std::string, Access> access_by_person(const Instance& live);

struct AccessGroup {
  std::string role_name;
  Access access;
  std::vector<std::string> people;  // lower-case e-mails, sorted
};

// People grouped by equal access, each group with its Role name; sorted by role name.
std::vector<AccessGroup> group_by_access(const std::map<std::string, Access>& people);

// The Role name for an access (before making it unique among others).
std::string role_name_for(const Access& access);

}  // namespace gg::exporting
