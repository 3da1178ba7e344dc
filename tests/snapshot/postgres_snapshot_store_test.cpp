// The PostgreSQL snapshot store against a real server (tests/support/postgres.sh): the
// compare-and-set, the previous versions, the schema created by racing processes, the
// advisory lock: its holder named right, gone when the holder is killed, force-unlock; and
// the journal: one row a batch, read with the row, folded by unlock and by the next write.

#include "providers/snapshot/postgres_snapshot_store.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include "planner/canonical_json.hpp"
#include "providers/snapshot/snapshot_recorder.hpp"
#include "tests/snapshot/sample_state.hpp"
#include "tests/support/test_postgres.hpp"

namespace gg {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

std::string all_messages(const Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.to_string() + "\n";
  return text;
}

Snapshot next_snapshot(const std::string& operation) {
  Snapshot next;
  next.last_operation = operation;
  next.recorded = testing::space_agencies_state();
  return next;
}

PostgresSnapshotStore store_at(const std::string& uri) {
  auto location = parse_postgres_location(uri);
  EXPECT_TRUE(location.ok()) << all_messages(location.errors());
  return PostgresSnapshotStore(*location);
}

// Children started at once: each waits on `gate` until the parent closes it.
struct Gate {
  int fds[2] = {-1, -1};
  Gate() { EXPECT_EQ(pipe(fds), 0); }
  void wait_in_child() const {
    close(fds[1]);
    char byte = 0;
    (void)!read(fds[0], &byte, 1);
  }
  void open() {
    close(fds[0]);
    close(fds[1]);
  }
};

// Runs `body` in `count` child processes started together; their exit codes.
std::vector<int> race(int count, const std::function<int()>& body) {
  Gate gate;
  std::vector<pid_t> children;
  for (int i = 0; i < count; ++i) {
    const pid_t child = fork();
    if (child == 0) {
      gate.wait_in_child();
      std::fflush(stdout);
      _exit(body());
    }
    children.push_back(child);
  }
  gate.open();
  std::vector<int> codes;
  for (const pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 128);
  }
  return codes;
}

class PostgresSnapshotStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GG_REQUIRE_POSTGRES();
    database = testing::fresh_postgres_database();
  }
  std::string database;
};

TEST_F(PostgresSnapshotStoreTest, WritesContinueTheSerialAndKeepTenPreviousVersions) {
  PostgresSnapshotStore store = store_at(database + "#team-a");
  const auto empty = store.read();
  ASSERT_TRUE(empty.ok()) << all_messages(empty.errors());
  EXPECT_FALSE(empty->exists);
  EXPECT_EQ(store.describe(), database + "#team-a");

  std::string lineage;
  for (int64_t serial = 0; serial < 12; ++serial) {
    auto written = store.write(next_snapshot("apply"), serial);
    ASSERT_TRUE(written.ok()) << all_messages(written.errors());
    EXPECT_EQ(written->serial, serial + 1);
    if (lineage.empty()) lineage = written->lineage;
    EXPECT_EQ(written->lineage, lineage);
  }
  const auto stored = store.read();
  ASSERT_TRUE(stored.ok()) << all_messages(stored.errors());
  EXPECT_EQ(stored->snapshot.serial, 12);
  EXPECT_EQ(stored->snapshot.recorded, testing::space_agencies_state());
  EXPECT_EQ(stored->sha256.size(), 64u);

  const auto versions = store.previous_versions();
  ASSERT_TRUE(versions.ok()) << all_messages(versions.errors());
  ASSERT_EQ(versions->size(), 10u);
  EXPECT_EQ(versions->front().serial, 11);
  EXPECT_EQ(versions->back().serial, 2);
  EXPECT_EQ(versions->front().last_operation, "apply");
  const auto old = store.previous_version(5);
  ASSERT_TRUE(old.ok()) << all_messages(old.errors());
  EXPECT_EQ(old->serial, 5);
  EXPECT_FALSE(store.previous_version(1).ok());

  // Another name in the same database is another state.
  PostgresSnapshotStore other = store_at(database + "#team-b");
  EXPECT_FALSE(other.read()->exists);
}

TEST_F(PostgresSnapshotStoreTest, StaleSerialOrLineageIsRefused) {
  PostgresSnapshotStore store = store_at(database);
  ASSERT_TRUE(store.write(next_snapshot("apply"), 0).ok());
  const auto stale = store.write(next_snapshot("apply"), 0);
  ASSERT_FALSE(stale.ok());
  EXPECT_THAT(all_messages(stale.errors()), HasSubstr("changed since it was read: serial 0 → 1"));
  Snapshot foreign = next_snapshot("apply");
  foreign.lineage = "00000000-0000-4000-8000-000000000000";
  const auto other_lineage = store.write(foreign, 1);
  ASSERT_FALSE(other_lineage.ok());
  EXPECT_THAT(all_messages(other_lineage.errors()), HasSubstr("belongs to lineage"));
  EXPECT_EQ(store.read()->snapshot.serial, 1);
}

TEST_F(PostgresSnapshotStoreTest, ChangedBytesAreDetectedBySha256) {
  PostgresSnapshotStore store = store_at(database);
  ASSERT_TRUE(store.write(next_snapshot("apply"), 0).ok());
  ASSERT_TRUE(store.write(next_snapshot("apply"), 1).ok());
  testing::run_postgres_sql(database,
                            "UPDATE glitchtip_gitops.states SET snapshot = snapshot || ' '");
  const auto damaged = store_at(database).read();
  ASSERT_FALSE(damaged.ok());
  EXPECT_THAT(all_messages(damaged.errors()), HasSubstr("does not match its sha256"));
  EXPECT_THAT(all_messages(damaged.errors()), HasSubstr("state restore"));
}

TEST_F(PostgresSnapshotStoreTest, FourProcessesCreatingTheSchemaAtOnceAllSucceed) {
  const std::vector<int> codes = race(4, [&] {
    PostgresSnapshotStore store = store_at(database);
    const auto read = store.read();
    if (!read.ok()) std::fprintf(stderr, "%s", all_messages(read.errors()).c_str());
    return read.ok() ? 0 : 1;
  });
  EXPECT_THAT(codes, ::testing::Each(0));
  EXPECT_EQ(testing::run_postgres_sql(database,
                                      "SELECT count(*) FROM information_schema.tables WHERE "
                                      "table_schema = 'glitchtip_gitops'"),
            "4")
      << "states, versions, locks and journal";
}

TEST_F(PostgresSnapshotStoreTest, RacingWritersOfOneSerialExactlyOneWins) {
  ASSERT_TRUE(store_at(database).write(next_snapshot("apply"), 0).ok());
  // Each takes the lock in turn (waiting for it), then writes on serial 1 as it read it.
  const std::vector<int> codes = race(4, [&] {
    PostgresSnapshotStore store = store_at(database);
    if (!store.lock("apply", milliseconds(20000)).ok()) return 2;
    const auto written = store.write(next_snapshot("apply"), 1);
    return written.ok() ? 0 : 1;
  });
  EXPECT_EQ(std::count(codes.begin(), codes.end(), 0), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), 1), 3);
  EXPECT_EQ(store_at(database).read()->snapshot.serial, 2);
}

// A child holding the lock until killed; its lock id is written to `ready`.
pid_t hold_lock_in_child(const std::string& uri, int ready) {
  const pid_t child = fork();
  if (child == 0) {
    PostgresSnapshotStore store = store_at(uri);
    const auto lock = store.lock("apply", milliseconds(0));
    const std::string id = lock.ok() ? lock->id : "failed";
    (void)!write(ready, id.data(), id.size());
    close(ready);
    pause();
    _exit(0);
  }
  close(ready);
  return child;
}

std::string read_all(int fd) {
  std::string text;
  char buffer[256];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  close(fd);
  return text;
}

TEST_F(PostgresSnapshotStoreTest, HolderIsNamedAndItsDeathReleasesTheLockAtOnce) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = hold_lock_in_child(database, fds[1]);
  const std::string child_lock = read_all(fds[0]);
  ASSERT_NE(child_lock, "failed");

  PostgresSnapshotStore store = store_at(database);
  const auto refused = store.lock("refresh", milliseconds(0));
  ASSERT_FALSE(refused.ok());
  const std::string message = all_messages(refused.errors());
  EXPECT_THAT(message, HasSubstr("locked by apply (lock " + child_lock + ")"));
  EXPECT_THAT(message, HasSubstr("pid " + std::to_string(child)));
  const auto holder = store.holder();
  ASSERT_TRUE(holder.ok() && holder->has_value());
  EXPECT_EQ((*holder)->id, child_lock);
  EXPECT_EQ((*holder)->pid, child);

  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  const auto start = std::chrono::steady_clock::now();
  const auto taken = store.lock("refresh", milliseconds(2000));
  ASSERT_TRUE(taken.ok()) << all_messages(taken.errors());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  // The dead holder's row is gone from the report: the holder is this store's lock.
  const auto now_held = store_at(database).holder();
  ASSERT_TRUE(now_held.ok() && now_held->has_value());
  EXPECT_EQ((*now_held)->id, taken->id);
  EXPECT_EQ((*now_held)->operation, "refresh");
  EXPECT_TRUE(store.unlock(taken->id).ok());
  EXPECT_FALSE(store_at(database).holder()->has_value());
}

TEST_F(PostgresSnapshotStoreTest, ForceUnlockEndsTheHolderOrSaysWhyNot) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = hold_lock_in_child(database, fds[1]);
  const std::string child_lock = read_all(fds[0]);
  PostgresSnapshotStore store = store_at(database);

  const Status wrong = store.unlock("00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(all_messages(wrong.errors()), HasSubstr("left as it is"));
  EXPECT_TRUE(store.holder()->has_value());

  const Status forced = store.unlock(child_lock);
  EXPECT_TRUE(forced.ok()) << all_messages(forced.errors());
  EXPECT_FALSE(store.holder()->has_value());
  const auto taken = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(taken.ok()) << all_messages(taken.errors());
  ASSERT_TRUE(store.unlock(taken->id).ok());

  // Never a silent no-op: unlocking what is not held says so.
  const Status again = store_at(database).unlock(child_lock);
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(all_messages(again.errors()), HasSubstr("there is no lock " + child_lock));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
}

TEST_F(PostgresSnapshotStoreTest, AStatementThatWaitsTooLongFailsNamingTheServer) {
  ASSERT_TRUE(store_at(database).write(next_snapshot("apply"), 0).ok());
  // Another session holds the table, so the read waits until its statement timeout.
  PGconn* other = PQconnectdb(database.c_str());
  ASSERT_EQ(PQstatus(other), CONNECTION_OK);
  PQclear(PQexec(other, "BEGIN"));
  PQclear(PQexec(other, "LOCK TABLE glitchtip_gitops.states IN ACCESS EXCLUSIVE MODE"));
  PostgresSnapshotStore store = store_at(database + "?options=-c%20statement_timeout%3D300");
  const auto read = store.read();
  PQfinish(other);
  ASSERT_FALSE(read.ok());
  const size_t at = database.find('@') + 1;
  EXPECT_THAT(read.error().message,
              HasSubstr("PostgreSQL at " + database.substr(at, database.rfind('/') - at) +
                        " did not answer in 300ms while reading the snapshot"));
}

TEST(PostgresLocation, PasswordNeverShownAndNameParsed) {
  auto location = parse_postgres_location(
      "postgresql://alice:s3cret@db.example:6432/state?sslmode=require&password=other&"
      "sslpassword=key#team-a");
  ASSERT_TRUE(location.ok());
  EXPECT_EQ(location->shown, "postgresql://alice@db.example:6432/state?sslmode=require#team-a");
  EXPECT_EQ(location->state_name, "team-a");
  EXPECT_EQ(location->server, "db.example:6432");
  EXPECT_EQ(location->uri,
            "postgresql://alice:s3cret@db.example:6432/state?sslmode=require&password=other&"
            "sslpassword=key");
  auto plain = parse_postgres_location("postgres://db/state");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->state_name, "default");
  EXPECT_EQ(plain->server, "db:5432");
  auto no_database = parse_postgres_location("postgresql://bob:pw@db#x");
  ASSERT_FALSE(no_database.ok());
  EXPECT_THAT(no_database.error().to_string(), ::testing::Not(HasSubstr("pw")));
  EXPECT_FALSE(parse_postgres_location("postgresql://db/state#bad name").ok());
  EXPECT_TRUE(is_postgres_uri("postgresql://db/x"));
  EXPECT_FALSE(is_postgres_uri("./postgresql.json"));
}

TEST(PostgresLocation, AServerThatNeverAnswersTimesOutNamingIt) {
  // A socket that accepts connections (the kernel's backlog) and never says a word.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 8), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string port = std::to_string(ntohs(address.sin_port));

  PostgresSnapshotStore store =
      store_at("postgresql://gg:pw@127.0.0.1:" + port + "/x?connect_timeout=2");
  const auto read = store.read();
  close(listener);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().message,
              HasSubstr("PostgreSQL at 127.0.0.1:" + port + " did not answer in 2 s"));
  EXPECT_THAT(all_messages(read.errors()), ::testing::Not(HasSubstr(":pw")));
}

// Records member `email` in nasa, as one batch of an apply.
void record_member(SnapshotRecorder& recorder, const std::string& email) {
  recorder.record(
      [email](State& recorded) {
        recorded.instances["glitchtip-dev"].organizations["nasa"].members[email] =
            Member{email, Role::member, true, "1"};
      },
      OrganizationKey{"glitchtip-dev", "nasa"});
  ASSERT_TRUE(recorder.make_durable().ok());
}

TEST_F(PostgresSnapshotStoreTest, AnApplyAddsOneJournalRowABatchAndUnlockFoldsThem) {
  PostgresSnapshotStore store = store_at(database + "#journal");
  const auto lock = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(lock.ok()) << all_messages(lock.errors());
  const auto base = store.write(next_snapshot("apply"), 0);
  ASSERT_TRUE(base.ok()) << all_messages(base.errors());
  SnapshotRecorder recorder(store, *base, "apply");
  for (int i = 0; i < 5; ++i) record_member(recorder, "member" + std::to_string(i) + "@nasa.com");
  const std::string count = "SELECT count(*) FROM glitchtip_gitops.journal";
  const std::string row_serial = "SELECT serial FROM glitchtip_gitops.states";
  EXPECT_EQ(testing::run_postgres_sql(database, count), "5");
  EXPECT_EQ(testing::run_postgres_sql(database, row_serial), "1") << "the row is not rewritten";

  PostgresSnapshotStore reader = store_at(database + "#journal");
  const auto seen = reader.read();
  ASSERT_TRUE(seen.ok()) << all_messages(seen.errors());
  EXPECT_EQ(seen->snapshot.serial, 6);
  EXPECT_EQ(seen->snapshot.recorded.instances.at("glitchtip-dev")
                .organizations.at("nasa")
                .members.count("member4@nasa.com"),
            1u);
  EXPECT_EQ(seen->sha256, sha256_hex(snapshot_text(seen->snapshot)));

  // Another version than the journal's last is refused, as write() refuses it.
  const auto stale = store.append(nlohmann::json::array(), 3, base->lineage, "apply");
  ASSERT_FALSE(stale.ok());
  EXPECT_THAT(all_messages(stale.errors()), HasSubstr("changed since it was read: serial 3 → 6"));

  ASSERT_TRUE(store.unlock(lock->id).ok());
  EXPECT_EQ(testing::run_postgres_sql(database, count), "0");
  EXPECT_EQ(testing::run_postgres_sql(database, row_serial), "6");
  const auto folded = reader.read();
  ASSERT_TRUE(folded.ok()) << all_messages(folded.errors());
  EXPECT_EQ(folded->snapshot, seen->snapshot);
  EXPECT_EQ(folded->sha256, seen->sha256) << "a plan made before the fold stays valid";
  EXPECT_EQ(reader.previous_versions()->front().serial, 1) << "kept: the version before apply";
}

TEST_F(PostgresSnapshotStoreTest, AJournalAKilledApplyLeftIsReadAndFoldedByTheNextWrite) {
  const std::string uri = database + "#killed";
  const std::vector<int> codes = race(1, [&] {
    PostgresSnapshotStore killed = store_at(uri);
    if (!killed.lock("apply", milliseconds(0)).ok()) return 2;
    const auto base = killed.write(next_snapshot("apply"), 0);
    if (!base.ok()) return 3;
    SnapshotRecorder recorder(killed, *base, "apply");
    record_member(recorder, "first@nasa.com");
    record_member(recorder, "second@nasa.com");
    _exit(0);  // no unlock: the connection ends, the journal stays
  });
  ASSERT_EQ(codes, std::vector<int>{0});
  PostgresSnapshotStore store = store_at(uri);
  const auto read = store.read();
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_EQ(read->snapshot.serial, 3);
  Snapshot refreshed = read->snapshot;
  refreshed.last_operation = "refresh";
  const auto written = store.write(refreshed, 3);
  ASSERT_TRUE(written.ok()) << all_messages(written.errors());
  EXPECT_EQ(written->serial, 4);
  EXPECT_EQ(testing::run_postgres_sql(database, "SELECT count(*) FROM glitchtip_gitops.journal"),
            "0");
  const auto versions = store.previous_versions();
  ASSERT_TRUE(versions.ok());
  ASSERT_GE(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].serial, 3) << "the journal's last version, kept whole";
  EXPECT_EQ((*versions)[1].serial, 1);
  EXPECT_EQ(store.previous_version(3)->recorded, read->snapshot.recorded);
}

}  // namespace
}  // namespace gg
