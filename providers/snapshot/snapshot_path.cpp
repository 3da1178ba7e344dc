#include "providers/snapshot/snapshot_path.hpp"

namespace gg {

std::filesystem::path default_snapshot_path(const char* env_value) {
  if (env_value != nullptr && *env_value != '\0') return env_value;
  return kDefaultSnapshotFile;
}

}  // namespace gg
