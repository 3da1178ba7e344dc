#include "providers/snapshot/postgres_schema.hpp"

#include <iterator>
#include <string>
#include <vector>

namespace gg {
namespace {

constexpr const char* kTablesExist =
    "SELECT to_regclass('glitchtip_gitops.states') IS NOT NULL"
    " AND to_regclass('glitchtip_gitops.versions') IS NOT NULL"
    " AND to_regclass('glitchtip_gitops.locks') IS NOT NULL"
    " AND to_regclass('glitchtip_gitops.journal') IS NOT NULL";

constexpr const char* kCreate[] = {"CREATE SCHEMA IF NOT EXISTS glitchtip_gitops",
                                   R"sql(CREATE TABLE IF NOT EXISTS glitchtip_gitops.states (
  name       text PRIMARY KEY,
  lineage    text NOT NULL,
  serial     bigint NOT NULL,
  snapshot   text NOT NULL,
  sha256     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
))sql",
                                   R"sql(
CREATE TABLE IF NOT EXISTS glitchtip_gitops.versions (
  name       text NOT NULL,
  lineage    text NOT NULL,
  serial     bigint NOT NULL,
  snapshot   text NOT NULL,
  sha256     text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (name, serial)
))sql",
                                   R"sql(
CREATE TABLE IF NOT EXISTS glitchtip_gitops.locks (
  name        text PRIMARY KEY,
  lock_id     text NOT NULL,
  key         integer NOT NULL,
  backend_pid integer NOT NULL,
  operation   text NOT NULL,
  who         text NOT NULL,
  host        text NOT NULL,
  pid         bigint NOT NULL,
  created_at  text NOT NULL
))sql",
                                   R"sql(
CREATE TABLE IF NOT EXISTS glitchtip_gitops.journal (
  name    text NOT NULL,
  serial  bigint NOT NULL,
  lineage text NOT NULL,
  record  text NOT NULL,
  sha256  text NOT NULL,
  PRIMARY KEY (name, serial)
))sql"};

Result<bool> tables_exist(const PostgresConnection& connection) {
  auto rows = connection.run(kTablesExist, {}, "looking for the snapshot tables");
  if (!rows.ok()) return rows.errors();
  return !rows->empty() && rows->at(0, 0) == std::optional<std::string>("t");
}

}  // namespace

Status ensure_postgres_schema(const PostgresConnection& connection) {
  auto exist = tables_exist(connection);
  if (!exist.ok()) return exist.errors();
  if (*exist) return {};
  const std::string doing = "creating the snapshot tables";
  if (auto begun = connection.run("BEGIN", {}, doing); !begun.ok()) return begun.errors();
  const std::string lock =
      "SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockClass) + ", 0)";
  // Under the lock a second creator finds the first one's committed tables: IF NOT EXISTS
  // alone is not enough, as two concurrent CREATE TABLEs of one name collide in the catalog.
  std::vector<std::string> steps = {lock};
  steps.insert(steps.end(), std::begin(kCreate), std::end(kCreate));
  steps.emplace_back("COMMIT");
  for (const std::string& step : steps) {
    if (auto done = connection.run(step, {}, doing); !done.ok()) {
      connection.rollback();
      return done.errors();
    }
  }
  return {};
}

}  // namespace gg
