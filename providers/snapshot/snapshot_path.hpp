#pragma once
// Where the snapshot is when --snapshot is not given: $GLITCHTIP_GITOPS_SNAPSHOT (passed in
// as `env_value`, so the rule is testable) or ./glitchtip-gitops.snapshot.json.

#include <filesystem>

namespace gg {

inline constexpr const char* kSnapshotEnvironmentVariable = "GLITCHTIP_GITOPS_SNAPSHOT";
inline constexpr const char* kDefaultSnapshotFile = "glitchtip-gitops.snapshot.json";

std::filesystem::path default_snapshot_path(const char* env_value);

}  // namespace gg
