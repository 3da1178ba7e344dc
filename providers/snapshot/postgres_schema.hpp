#pragma once
// The tables of the PostgreSQL snapshot store, created on first use (README "The snapshot in
// PostgreSQL"), all in the schema glitchtip_gitops:
//   states    one row a state name: lineage, serial, the canonical snapshot text, its
//             sha256, updated_at, updated_by
//   versions  the previous versions of each state, the last kPreviousVersionsKept per name
//   locks     who holds each state's lock (the advisory lock itself lives in PostgreSQL)
//   journal   the batches an apply recorded since the row was written, one row each, until
//             they are folded into it (snapshot_journal.hpp)
//
// Creation is one transaction guarded by a transaction-level advisory lock on a key of this
// tool's own (kSchemaLockKey): two first runs at once queue on each other, and nothing else
// in the database waits (a database-wide lock would block unrelated projects). When the
// tables exist already nothing is locked or created, so a role without CREATE privilege can
// use tables its DBA made.

#include "planner/result.hpp"
#include "providers/snapshot/postgres_connection.hpp"

namespace gg {

inline constexpr int kPreviousVersionsKept = 10;
// The first half of each advisory lock key this tool takes ("gg" in ASCII, then 1: the
// schema, 2: a state's lock, whose second half is hashtext(name)), so that its locks never
// meet another application's, nor each other.
inline constexpr int kSchemaLockClass = 0x67670001;
inline constexpr int kStateLockClass = 0x67670002;

Status ensure_postgres_schema(const PostgresConnection& connection);

}  // namespace gg
