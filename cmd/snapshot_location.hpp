#pragma once
// The snapshot store a command uses: --snapshot, else $GLITCHTIP_GITOPS_SNAPSHOT, else
// ./glitchtip-gitops.snapshot.json. A postgresql:// (or postgres://) URI, optionally with
// #NAME, is the PostgreSQL store; anything else is a file path. This is the one place that
// chooses, so every command (plan, apply, refresh, state, force-unlock) takes either.

#include <memory>
#include <string>

#include "planner/result.hpp"
#include "providers/snapshot/snapshot_store.hpp"

namespace gg::cmd {

// What --snapshot and GLITCHTIP_GITOPS_SNAPSHOT take, for the help texts.
inline constexpr const char* kSnapshotOptionHelp =
    "State file or postgresql://[user@]host[:port]/dbname[#NAME] (default: "
    "$GLITCHTIP_GITOPS_SNAPSHOT or ./glitchtip-gitops.snapshot.json)";

Result<std::unique_ptr<SnapshotStore>> open_snapshot_store(const std::string& flag);

}  // namespace gg::cmd
