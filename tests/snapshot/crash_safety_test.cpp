// A writer killed with SIGKILL at any moment leaves the snapshot at its path complete: the
// old version or the new one, never a part of either. The same for an apply's recorder
// killed while it appends to the journal or folds it into the snapshot: what is read is
// always exactly some version it recorded.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <random>
#include <thread>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "providers/snapshot/snapshot_recorder.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg {
namespace {

using std::chrono::milliseconds;

// A state whose size changes with every serial, so a mix of two versions cannot parse.
State state_for(int64_t serial) {
  Organization organization;
  organization.name = "NASA";
  organization.slug = "nasa";
  organization.id = "1";
  for (int64_t i = 0; i < serial % 40; ++i) {
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    organization.members[email] = Member{email, Role::member, i % 2 == 0, std::to_string(i)};
  }
  State state;
  state.instances["glitchtip-dev"].name = "glitchtip-dev";
  state.instances["glitchtip-dev"].organizations["nasa"] = organization;
  return state;
}

// `store` is the parent's, copied to share its compiled schema: forking stays cheap.
[[noreturn]] void write_forever(LocalSnapshotStore store, int ready_fd) {
  const bool locked = store.lock("apply", milliseconds(0)).ok();
  const char byte = locked ? 'y' : 'n';
  (void)!write(ready_fd, &byte, 1);
  while (locked) {
    const auto current = store.read();
    if (!current.ok()) _exit(2);
    Snapshot next;
    next.last_operation = "apply";
    next.recorded = state_for(current->snapshot.serial + 1);
    if (!store.write(next, current->snapshot.serial).ok()) _exit(3);
    (void)!write(ready_fd, "w", 1);
  }
  _exit(1);
}

TEST(CrashSafety, WriterKilledAtRandomMomentsNeverLeavesAPartialSnapshot) {
  testing::TemporaryDirectory directory;
  const auto file = directory / "glitchtip-gitops.snapshot.json";
  LocalSnapshotStore store(file);
  const SnapshotSchema schema;
  std::mt19937 random(20261129);
  std::chrono::microseconds one_write{0};  // measured in the first round
  int64_t last_serial = 0;
  for (int round = 0; round < 20; ++round) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) write_forever(store, ready[1]);
    close(ready[1]);
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1);
    ASSERT_EQ(byte, 'y') << "round " << round << ": the child could not take the lock";
    if (round == 0) {  // time the second write; the first one also compiles the schema
      ASSERT_EQ(read(ready[0], &byte, 1), 1);
      const auto start = std::chrono::steady_clock::now();
      ASSERT_EQ(read(ready[0], &byte, 1), 1);
      one_write = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
    }
    // Kill at a random moment within about two writes, whatever this machine's speed.
    std::uniform_int_distribution<int64_t> pause(0, 2 * one_write.count());
    std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
    kill(child, SIGKILL);
    close(ready[0]);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "round " << round << ": the writer failed, exit " << WEXITSTATUS(status);

    const auto read_back = store.read();
    ASSERT_TRUE(read_back.ok()) << "round " << round << ": " << read_back.error().to_string();
    const Snapshot& snapshot = read_back->snapshot;
    EXPECT_GE(snapshot.serial, last_serial) << "round " << round;
    EXPECT_EQ(snapshot.recorded, snapshot.serial == 0 ? State{} : state_for(snapshot.serial));
    if (std::filesystem::exists(store.backup_file())) {
      const auto backup =
          snapshot_from_text(testing::read_file(store.backup_file()), "backup", schema);
      ASSERT_TRUE(backup.ok()) << "round " << round << ": " << backup.error().to_string();
      // Equal when the writer was killed after keeping the backup and before the rename.
      EXPECT_LE(backup->serial, snapshot.serial);
    }
    last_serial = snapshot.serial;

    const auto stale = store.holder();  // the killed writer's lock: force-unlock it
    ASSERT_TRUE(stale.ok());
    ASSERT_TRUE(stale->has_value());
    ASSERT_TRUE(store.unlock((*stale)->id).ok());
  }
  EXPECT_GT(last_serial, 0) << "the writers never completed a write; the test proved nothing";
}

// The member a recorder adds in version `serial`, so that every version's state is known.
std::string member_of_version(int64_t serial) {
  return "recorded" + std::to_string(serial) + "@nasa.com";
}

State journal_state_for(int64_t serial) {
  State state = state_for(0);
  Organization& nasa = state.instances["glitchtip-dev"].organizations["nasa"];
  for (int64_t version = 2; version <= serial; ++version) {
    const std::string email = member_of_version(version);
    nasa.members[email] = Member{email, Role::member, true, std::to_string(version)};
  }
  return state;
}

// An apply that never ends: under the lock, a recorder appends one member a version to the
// journal; every few versions it unlocks (which folds the journal) and starts again.
[[noreturn]] void record_forever(LocalSnapshotStore store, int ready_fd) {
  bool told = false;
  while (true) {
    const auto lock = store.lock("apply", milliseconds(0));
    if (!lock.ok()) _exit(4);
    const auto current = store.read();
    if (!current.ok()) _exit(2);
    Snapshot base = current->snapshot;
    if (!current->exists) {
      base.last_operation = "apply";
      base.recorded = journal_state_for(1);
      auto first = store.write(base, 0);
      if (!first.ok()) _exit(3);
      base = std::move(first).value();
    }
    if (!told) (void)!write(ready_fd, "y", 1);
    told = true;
    SnapshotRecorder recorder(store, base, "apply");
    for (int i = 0; i < 7; ++i) {
      const int64_t serial = base.serial + 1 + i;
      recorder.record(
          [serial](State& recorded) {
            const std::string email = member_of_version(serial);
            recorded.instances["glitchtip-dev"].organizations["nasa"].members[email] =
                Member{email, Role::member, true, std::to_string(serial)};
          },
          OrganizationKey{"glitchtip-dev", "nasa"});
      if (!recorder.make_durable().ok()) _exit(5);
      (void)!write(ready_fd, "a", 1);
    }
    if (!store.unlock(lock->id).ok()) _exit(6);
    (void)!write(ready_fd, "f", 1);
  }
}

TEST(CrashSafety, RecorderKilledWhileAppendingOrFoldingLeavesARecordedVersion) {
  testing::TemporaryDirectory directory;
  const auto file = directory / "glitchtip-gitops.snapshot.json";
  LocalSnapshotStore store(file);
  std::mt19937 random(20261202);
  std::chrono::microseconds one_round{0};
  int64_t last_serial = 0;
  int journal_left = 0;
  for (int round = 0; round < 20; ++round) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) record_forever(store, ready[1]);
    close(ready[1]);
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1);
    ASSERT_EQ(byte, 'y') << "round " << round;
    if (round == 0) {  // time seven appends and a fold
      while (byte != 'f') ASSERT_EQ(read(ready[0], &byte, 1), 1);
      const auto start = std::chrono::steady_clock::now();
      do {
        ASSERT_EQ(read(ready[0], &byte, 1), 1);
      } while (byte != 'f');
      one_round = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
    }
    std::uniform_int_distribution<int64_t> pause(0, 2 * one_round.count());
    std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
    kill(child, SIGKILL);
    close(ready[0]);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "round " << round << ": the recorder failed, exit " << WEXITSTATUS(status);

    if (std::filesystem::exists(store.journal_file())) ++journal_left;
    const auto read_back = store.read();
    ASSERT_TRUE(read_back.ok()) << "round " << round << ": " << read_back.error().to_string();
    const Snapshot& snapshot = read_back->snapshot;
    EXPECT_GE(snapshot.serial, last_serial) << "round " << round;
    EXPECT_EQ(snapshot.recorded, journal_state_for(snapshot.serial)) << "round " << round;
    last_serial = snapshot.serial;

    const auto stale = store.holder();
    ASSERT_TRUE(stale.ok());
    if (stale->has_value()) ASSERT_TRUE(store.unlock((*stale)->id).ok());
  }
  EXPECT_GT(last_serial, 20) << "the recorders never got far; the test proved nothing";
  EXPECT_GE(journal_left, 5) << "most kills must leave a journal to read";
}

}  // namespace
}  // namespace gg
