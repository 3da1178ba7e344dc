#pragma once
// PostgresConnection is one libpq connection with the tool's timeouts, and errors for a
// person: "PostgreSQL at db:5432 did not answer in 10 s", never a password.
//
// Timeouts: libpq's connect_timeout (10 s unless the URI gives one), a statement_timeout
// (30 s) and a TCP user timeout, so a server that stops answering stops the command instead
// of hanging it. The URI's own parameters win over these defaults. A lost connection is not
// re-opened: the session-level lock died with it, so everything after it must fail.

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "providers/snapshot/postgres_location.hpp"

namespace gg {

// The rows of a query, each column as text (nullopt: SQL NULL).
struct PostgresRows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  int64_t affected = 0;  // rows an INSERT, UPDATE or DELETE changed
  bool empty() const { return rows.empty(); }
  const std::optional<std::string>& at(size_t row, size_t column) const {
    return rows.at(row).at(column);
  }
};

// SQLSTATE of an error, so callers can tell a conflict from a broken connection.
inline constexpr const char* kUniqueViolation = "23505";

struct PostgresError {
  Error error;
  std::string sqlstate;  // "" when the connection itself failed
};

class PostgresConnection {
 public:
  static Result<PostgresConnection> open(const PostgresLocation& location);

  // Runs `sql` with $1, $2, ... bound to `parameters` (text). The error names the
  // location and what was being done (`doing`, e.g. "reading the snapshot").
  Result<PostgresRows> run(const std::string& sql, const std::vector<std::string>& parameters,
                           const std::string& doing) const;
  // Like run, but also gives the SQLSTATE of a failure.
  std::optional<PostgresError> try_run(const std::string& sql,
                                       const std::vector<std::string>& parameters,
                                       const std::string& doing, PostgresRows& out) const;

  // Best effort, for cleanup after an error: ROLLBACK, ignoring any error.
  void rollback() const;

 private:
  struct Close {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  PostgresConnection(std::unique_ptr<PGconn, Close> connection, PostgresLocation location)
      : connection_(std::move(connection)), location_(std::move(location)) {}
  std::string statement_timeout() const;
  Error failure(const std::string& doing, const std::string& detail,
                const std::string& sqlstate) const;

  std::unique_ptr<PGconn, Close> connection_;
  PostgresLocation location_;
};

// `text` with every occurrence of `secret` replaced by "***" (a no-op for an empty secret).
std::string without_secret(std::string text, const std::string& secret);

}  // namespace gg
