#include "cmd/snapshot_location.hpp"

#include <cstdlib>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "providers/snapshot/postgres_location.hpp"
#include "providers/snapshot/postgres_snapshot_store.hpp"
#include "providers/snapshot/snapshot_path.hpp"

namespace gg::cmd {

Result<std::unique_ptr<SnapshotStore>> open_snapshot_store(const std::string& flag) {
  const std::string where =
      flag.empty() ? default_snapshot_path(std::getenv(kSnapshotEnvironmentVariable)).string()
                   : flag;
  if (!is_postgres_uri(where)) {
    return std::unique_ptr<SnapshotStore>(std::make_unique<LocalSnapshotStore>(where));
  }
  auto location = parse_postgres_location(where);
  if (!location.ok()) return location.errors();
  return std::unique_ptr<SnapshotStore>(
      std::make_unique<PostgresSnapshotStore>(std::move(location).value()));
}

}  // namespace gg::cmd
