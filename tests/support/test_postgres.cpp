#include "tests/support/test_postgres.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "tests/support/run_binary.hpp"

namespace gg::testing {
namespace {

struct Server {
  std::string uri;
  std::string why_not;
  std::string directory;  // of the server this process started; "" when it uses one given
};

std::string script() {
  return std::string(GG_SOURCE_DIR) + "/tests/support/postgres.sh";
}

void stop_own_server();

Server& server() {
  // Never destroyed: stop_own_server runs at exit, after static destructors could have run.
  static Server& instance = *new Server([] {
    Server found;
    if (const char* given = std::getenv("GG_TEST_POSTGRES_URI"); given != nullptr && *given) {
      found.uri = given;
      return found;
    }
    if (const char* skip = std::getenv("GG_TEST_POSTGRES_SKIP"); skip != nullptr && *skip) {
      found.why_not = skip;  // tests/run.sh tried already
      return found;
    }
    found.directory =
        (std::filesystem::temp_directory_path() / ("gg-test-pg-" + std::to_string(getpid())))
            .string();
    Command start{.binary = "bash", .arguments = {script(), "start", found.directory}};
    start.merge_stderr = true;
    const RunResult started = run_binary(start);
    std::string output = started.out;
    while (!output.empty() && output.back() == '\n') output.pop_back();
    if (started.exit_code == 0 && output.rfind("postgresql://", 0) == 0) {
      found.uri = output;
      std::atexit(stop_own_server);
      return found;
    }
    found.why_not =
        "$GG_TEST_POSTGRES_URI is not set and " + script() + " could not start one: " + output;
    found.directory.clear();
    return found;
  }());
  return instance;
}

void stop_own_server() {
  const Server& own = server();
  if (own.directory.empty()) return;
  if (run_binary({.binary = "bash", .arguments = {script(), "stop", own.directory}}).exit_code != 0)
    std::fprintf(stderr, "could not stop %s\n", own.directory.c_str());
}

}  // namespace

const std::string& test_postgres_uri() {
  return server().uri;
}

const std::string& why_no_postgres() {
  return server().why_not;
}

std::string run_postgres_sql(const std::string& uri, const std::string& sql) {
  PGconn* connection = PQconnectdb(uri.c_str());
  PQsetNoticeProcessor(
      connection, [](void*, const char*) {}, nullptr);
  std::string value;
  if (PQstatus(connection) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to " << uri << ": " << PQerrorMessage(connection);
  } else {
    PGresult* result = PQexec(connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    } else if (PQntuples(result) > 0 && PQnfields(result) > 0) {
      value = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
  }
  PQfinish(connection);
  return value;
}

std::string fresh_postgres_database() {
  static std::atomic<int> counter{0};
  std::random_device random;
  const std::string name = "gg_" + std::to_string(getpid()) + "_" + std::to_string(++counter) +
                           "_" + std::to_string(random() % 100000);
  run_postgres_sql(test_postgres_uri(), "CREATE DATABASE " + name);
  const std::string& base = test_postgres_uri();
  return base.substr(0, base.rfind('/') + 1) + name;
}

std::string postgres_uri_as(const std::string& uri, const std::string& user,
                            const std::string& password) {
  const size_t start = uri.find("://") + 3;
  const size_t at = uri.find('@', start);
  const size_t host = at == std::string::npos ? start : at + 1;
  return uri.substr(0, start) + user + (password.empty() ? "" : ":" + password) + "@" +
         uri.substr(host);
}

}  // namespace gg::testing
