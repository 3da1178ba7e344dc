#pragma once
// The snapshot store a command uses: --snapshot, else $GLITCHTIP_GITOPS_SNAPSHOT, else
// ./glitchtip-gitops.snapshot.json.

#include <filesystem>
#include <string>

namespace gg::cmd {

std::filesystem::path snapshot_location(const std::string& flag);

}  // namespace gg::cmd
