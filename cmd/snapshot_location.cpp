#include "cmd/snapshot_location.hpp"

#include <cstdlib>

#include "providers/snapshot/snapshot_path.hpp"

namespace gg::cmd {

std::filesystem::path snapshot_location(const std::string& flag) {
  if (!flag.empty()) return flag;
  return default_snapshot_path(std::getenv(kSnapshotEnvironmentVariable));
}

}  // namespace gg::cmd
