#pragma once
// What the parts of an organization's diff share (planner/diff.hpp): the organization the
// changes belong to, the helpers every kind's action planning uses, and the parts
// themselves. Internal to planner/diff*.cpp, planner/drift.cpp, planner/adoptions.cpp and
// the kinds (planner/kinds/).

#include <string>
#include <vector>

#include "planner/address.hpp"
#include "planner/diff.hpp"

namespace gg::diff {

inline constexpr const char* kDeclared = "declared in the definitions";

// The organization the changes of one diff belong to.
struct Scope {
  std::string instance;
  std::string organization;       // name, for addresses
  std::string organization_slug;  // live slug; "" when this plan creates the organization
  std::string automation_user;
  // What the snapshot recorded of the organization (null: nothing), which tells the monitors
  // and keys this tool manages where the definitions do not own them all.
  const Organization* recorded = nullptr;

  std::string not_declared() const {
    return "not declared: owned by the definitions of " + organization;
  }
};

// An action on `address` in the scope's organization, every other field unset.
Action make_action(const Scope& scope, ActionType type, const Address& address);

// Members (or team members) that are planned: everyone but the automation user.
std::vector<std::string> planned_emails(const Scope& scope, const std::vector<std::string>& emails);

// The actions that make the live organization match the declared one; an organization no
// longer declared gets one delete_organization (planner/diff_actions.cpp).
void plan_actions(const Scope& scope, const OrganizationMatch& match, Changes& changes);

// What changed between the snapshot and GlitchTip outside glitchtip-gitops (planner/drift.cpp).
void find_drift(const Scope& scope, const OrganizationMatch& match, Changes& changes);

// Declared objects that exist live but were never recorded (planner/adoptions.cpp).
void find_adoptions(const Scope& scope, const OrganizationMatch& match, Changes& changes);

}  // namespace gg::diff
