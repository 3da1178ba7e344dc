#pragma once
// The PostgreSQL server of the tests: $GG_TEST_POSTGRES_URI (tests/run.sh starts one with
// tests/support/postgres.sh and exports it), else one this test process starts with the same
// script and stops when it exits. Tests that need it begin with GG_REQUIRE_POSTGRES(), which
// skips them, saying why, only when no server can be started ($GG_TEST_POSTGRES_SKIP: the
// reason tests/run.sh found).

#include <gtest/gtest.h>

#include <string>

namespace gg::testing {

// The superuser URI of the test server; "" when none could be started (why_no_postgres()).
const std::string& test_postgres_uri();
const std::string& why_no_postgres();

// A new, empty database on the test server; its URI (as the superuser `gg`).
std::string fresh_postgres_database();

// The same URI with another user (and password) in it: postgresql://USER[:PASSWORD]@host/db.
std::string postgres_uri_as(const std::string& uri, const std::string& user,
                            const std::string& password = "");

// Runs `sql` on `uri` as one statement; the first column of the first row ("" when none).
// Fails the test on an error.
std::string run_postgres_sql(const std::string& uri, const std::string& sql);

#define GG_REQUIRE_POSTGRES()                                                       \
  do {                                                                              \
    if (::gg::testing::test_postgres_uri().empty()) {                               \
      GTEST_SKIP() << "no PostgreSQL server: " << ::gg::testing::why_no_postgres(); \
    }                                                                               \
  } while (false)

}  // namespace gg::testing
