#include "providers/snapshot/postgres_connection.hpp"

#include <cstdlib>

namespace gg {
namespace {

constexpr const char* kConnectTimeoutSeconds = "10";
constexpr int kStatementTimeoutSeconds = 30;

// libpq's message on one line: its continuation lines ("\n\tIs the server running ...")
// joined with spaces.
std::string trimmed(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  for (size_t at = text.find("  "); at != std::string::npos; at = text.find("  ", at)) {
    text.erase(at, 1);
  }
  return text;
}

// The connect timeout libpq used: the URI's connect_timeout, else ours; at least 2 s, as
// libpq waits at least that long.
std::string connect_timeout_of(const std::string& uri) {
  std::string seconds = kConnectTimeoutSeconds;
  if (const size_t found = uri.find("connect_timeout="); found != std::string::npos) {
    const size_t start = found + 16;
    seconds = uri.substr(start, uri.find('&', start) - start);
  }
  return seconds == "0" || seconds == "1" ? "2" : seconds;
}

// PostgreSQL's notices ("relation already exists, skipping") are not for the user.
void ignore_notice(void* /*context*/, const char* /*message*/) {}

}  // namespace

std::string without_secret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

Result<PostgresConnection> PostgresConnection::open(const PostgresLocation& location) {
  const std::string statement_timeout =
      "-c statement_timeout=" + std::to_string(kStatementTimeoutSeconds * 1000);
  const std::string user_timeout = std::to_string(kStatementTimeoutSeconds * 1000 + 5000);
  // Defaults first: with expand_dbname the URI's own parameters, which come after, win.
  const char* keywords[] = {"connect_timeout", "application_name", "options", "tcp_user_timeout",
                            "keepalives_idle", "dbname",           nullptr};
  const char* values[] = {kConnectTimeoutSeconds,
                          "glitchtip-gitops",
                          statement_timeout.c_str(),
                          user_timeout.c_str(),
                          "10",
                          location.uri.c_str(),
                          nullptr};
  std::unique_ptr<PGconn, Close> connection(PQconnectdbParams(keywords, values, 1));
  if (connection == nullptr) {
    return Error{location.shown, "cannot connect to PostgreSQL: out of memory", ""};
  }
  PQsetNoticeProcessor(connection.get(), ignore_notice, nullptr);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    std::string detail =
        trimmed(without_secret(PQerrorMessage(connection.get()), location.password));
    if (const char* env = std::getenv("PGPASSWORD"); env != nullptr) {
      detail = without_secret(detail, env);
    }
    if (detail.find("timeout expired") != std::string::npos) {
      return Error{location.shown,
                   "PostgreSQL at " + location.server + " did not answer in " +
                       connect_timeout_of(location.uri) + " s",
                   "check that the server runs and that this host may reach it (firewall, "
                   "host, port); connect_timeout=SECONDS in the URI waits longer"};
    }
    return Error{location.shown,
                 "cannot connect to PostgreSQL at " + location.server + ": " + detail,
                 "check the URI, the user and its password (PGPASSWORD, ~/.pgpass or "
                 "PGPASSFILE) and that the server accepts this host"};
  }
  return PostgresConnection(std::move(connection), location);
}

Error PostgresConnection::failure(const std::string& doing, const std::string& detail,
                                  const std::string& sqlstate) const {
  std::string message = trimmed(without_secret(detail, location_.password));
  if (const char* env = std::getenv("PGPASSWORD"); env != nullptr) {
    message = without_secret(message, env);
  }
  if (sqlstate == "57014") {  // query_canceled: the statement timeout
    return Error{location_.shown,
                 "PostgreSQL at " + location_.server + " did not answer in " + statement_timeout() +
                     " while " + doing,
                 "check the server's load and locks (pg_stat_activity), then run the command "
                 "again"};
  }
  if (PQstatus(connection_.get()) != CONNECTION_OK) {
    return Error{location_.shown,
                 "lost the connection to PostgreSQL at " + location_.server + " while " + doing +
                     (message.empty() ? "" : ": " + message),
                 "nothing is half-written: every snapshot write is one transaction; run plan "
                 "again once the server is reachable"};
  }
  return Error{location_.shown, "PostgreSQL failed while " + doing + ": " + message,
               sqlstate == "42501" ? "grant this role the privileges the README's PostgreSQL "
                                     "section lists"
                                   : ""};
}

std::optional<PostgresError> PostgresConnection::try_run(const std::string& sql,
                                                         const std::vector<std::string>& parameters,
                                                         const std::string& doing,
                                                         PostgresRows& out) const {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const std::string& parameter : parameters) values.push_back(parameter.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                   values.data(), nullptr, nullptr, 0),
      &PQclear);
  const ExecStatusType status =
      result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state =
        result == nullptr ? nullptr : PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    const std::string sqlstate = state == nullptr ? "" : state;
    const char* detail =
        result != nullptr ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_.get());
    return PostgresError{failure(doing, detail == nullptr ? "" : detail, sqlstate), sqlstate};
  }
  out = PostgresRows{};
  const int rows = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  out.rows.reserve(static_cast<size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    auto& values_out = out.rows.emplace_back();
    for (int column = 0; column < columns; ++column) {
      if (PQgetisnull(result.get(), row, column)) {
        values_out.emplace_back();
      } else {
        values_out.emplace_back(
            std::string(PQgetvalue(result.get(), row, column),
                        static_cast<size_t>(PQgetlength(result.get(), row, column))));
      }
    }
  }
  const char* affected = PQcmdTuples(result.get());
  out.affected = affected != nullptr && *affected != '\0' ? std::strtoll(affected, nullptr, 10) : 0;
  return std::nullopt;
}

Result<PostgresRows> PostgresConnection::run(const std::string& sql,
                                             const std::vector<std::string>& parameters,
                                             const std::string& doing) const {
  PostgresRows rows;
  if (auto failed = try_run(sql, parameters, doing, rows)) return failed->error;
  return rows;
}

// The statement timeout in force (ours, or the URI's options=-c statement_timeout=...),
// as PostgreSQL writes it ("30s", "200ms").
std::string PostgresConnection::statement_timeout() const {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexec(connection_.get(), "SHOW statement_timeout"), &PQclear);
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_TUPLES_OK ||
      PQntuples(result.get()) != 1) {
    return std::to_string(kStatementTimeoutSeconds) + " s";
  }
  return PQgetvalue(result.get(), 0, 0);
}

void PostgresConnection::rollback() const {
  if (PQstatus(connection_.get()) != CONNECTION_OK) return;
  PQclear(PQexec(connection_.get(), "ROLLBACK"));
}

}  // namespace gg
