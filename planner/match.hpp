#pragma once
// Matching organizations across the three states of one instance (docs/design.md §2.6):
// a declared organization with a `slug` is the live one with that slug; without one it is
// the organization the snapshot recorded under its name, else the only live organization
// with that name (adopted), else a new one. Recorded organizations no longer declared are
// matched to live for deletion; live organizations neither declared nor recorded are
// unmanaged and left alone.

#include <vector>

#include "planner/diff.hpp"
#include "planner/error.hpp"
#include "planner/plan.hpp"
#include "planner/state.hpp"

namespace gg {

struct InstanceMatch {
  std::vector<OrganizationMatch> organizations;  // pointers into the states given
  std::vector<UnmanagedOrganization> unmanaged;
  Errors errors;  // ambiguous names, declared slugs GlitchTip cannot produce
};

// `recorded` and `live` may be null (nothing recorded, nothing live).
InstanceMatch match_organizations(const Instance& desired, const Instance* recorded,
                                  const Instance* live);

}  // namespace gg
