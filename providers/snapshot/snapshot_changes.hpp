#pragma once
// What a batch of records changed in the recorded state, as journal changes (paths into the
// snapshot document, snapshot_journal.hpp), found by comparing only the organizations the
// records touched, so that the cost follows the batch, not the snapshot. Each changed team,
// project or member is one change holding its whole new value; an organization's own fields
// (name, id, protected) one change each; a removed object a change to null.

#include <nlohmann/json.hpp>

#include <string>
#include <tuple>

#include "planner/state.hpp"

namespace gg {

// One organization (by slug) of one instance.
struct OrganizationKey {
  std::string instance;
  std::string slug;
  bool operator<(const OrganizationKey& other) const {
    return std::tie(instance, slug) < std::tie(other.instance, other.slug);
  }
};

// Appends to `changes` what turns organization `key` of `durable` into that of `recorded`
// (created, removed, or changed object by object), and makes `durable` hold it as `recorded`
// does. An instance that `durable` does not know yet is one change holding all of it.
void take_organization_changes(State& durable, const State& recorded, const OrganizationKey& key,
                               nlohmann::json& changes);

}  // namespace gg
