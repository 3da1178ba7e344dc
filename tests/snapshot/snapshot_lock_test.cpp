#include "providers/snapshot/snapshot_lock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using testing::TemporaryDirectory;

Snapshot next_snapshot(const std::string& operation) {
  Snapshot next;
  next.last_operation = operation;
  return next;
}

class SnapshotLockTest : public ::testing::Test {
 protected:
  TemporaryDirectory directory;
  std::filesystem::path file = directory / "glitchtip-gitops.snapshot.json";
  LocalSnapshotStore store{file};
  LocalSnapshotStore other{file};  // another run on the same snapshot
};

TEST_F(SnapshotLockTest, LockFileNamesTheHolder) {
  const auto info = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->operation, "apply");
  EXPECT_EQ(info->pid, getpid());
  EXPECT_EQ(info->id.size(), 36u);
  EXPECT_FALSE(info->host.empty());
  EXPECT_FALSE(info->who.empty());
  const auto content = nlohmann::json::parse(testing::read_file(store.lock_file()));
  EXPECT_EQ(content["id"], info->id);
  EXPECT_EQ(content["operation"], "apply");
  EXPECT_EQ(content["pid"], getpid());
  const auto seen = other.holder();
  ASSERT_TRUE(seen.ok());
  ASSERT_TRUE(seen->has_value());
  EXPECT_EQ(**seen, *info);
}

TEST_F(SnapshotLockTest, SecondLockWaitsThenFailsNamingTheHolder) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  const auto start = std::chrono::steady_clock::now();
  const auto second = other.lock("refresh", milliseconds(300));
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(second.ok());
  EXPECT_GE(waited, milliseconds(300));
  EXPECT_LT(waited, milliseconds(10000));  // gave up, not hung; loose for a loaded machine
  const Error& error = second.error();
  EXPECT_THAT(error.message, HasSubstr("the snapshot is locked by apply (lock " + held->id +
                                       ") held by " + held->who + "@" + held->host + " pid " +
                                       std::to_string(getpid()) + " since " + held->created_at));
  // The time it really waited, which a loaded machine stretches past the 0.3 s asked for.
  EXPECT_THAT(error.message, ::testing::ContainsRegex("\\(waited [0-9.]+s\\)"));
  EXPECT_THAT(error.hint, HasSubstr("glitchtip-gitops force-unlock " + held->id));
}

TEST_F(SnapshotLockTest, LockIsTakenOnceTheHolderReleasesIt) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(100));
    EXPECT_TRUE(store.unlock(held->id).ok());
  });
  const auto second = other.lock("refresh", milliseconds(3000));
  releaser.join();
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ(second->operation, "refresh");
}

TEST_F(SnapshotLockTest, UnlockReleasesTheLock) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  ASSERT_TRUE(store.unlock(held->id).ok());
  EXPECT_FALSE(std::filesystem::exists(store.lock_file()));
  EXPECT_FALSE(store.holder()->has_value());
  EXPECT_TRUE(other.lock("refresh", milliseconds(0)).ok());
}

TEST_F(SnapshotLockTest, UnlockWithAnotherIdIsRefused) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  const Status wrong = other.unlock("00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.error().message, HasSubstr("locked by apply (lock " + held->id));
  EXPECT_THAT(wrong.error().message, HasSubstr("not by lock 00000000-0000-4000-8000-000000000000"));
  EXPECT_TRUE(std::filesystem::exists(store.lock_file()));

  const Status nothing_held = [&] {
    EXPECT_TRUE(store.unlock(held->id).ok());
    return other.unlock(held->id);
  }();
  ASSERT_FALSE(nothing_held.ok());
  EXPECT_THAT(nothing_held.error().message, HasSubstr("is not locked"));
}

TEST_F(SnapshotLockTest, WriteRefusedWhileAnotherRunHoldsTheLock) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  const auto written = other.write(next_snapshot("refresh"), 0);
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(written.error().message, HasSubstr("locked by apply"));
  EXPECT_FALSE(std::filesystem::exists(file));
  // The holder writes under its lock, as often as it likes, and the lock stays.
  ASSERT_TRUE(store.write(next_snapshot("apply"), 0).ok());
  ASSERT_TRUE(store.write(next_snapshot("apply"), 1).ok());
  EXPECT_EQ(store.holder()->value().id, held->id);
}

TEST_F(SnapshotLockTest, WriteRefusedAfterSomeoneForceUnlockedThisRun) {
  const auto held = store.lock("apply", milliseconds(0));
  ASSERT_TRUE(held.ok());
  ASSERT_TRUE(other.unlock(held->id).ok());  // force-unlock from another terminal
  ASSERT_TRUE(other.lock("refresh", milliseconds(0)).ok());
  const auto written = store.write(next_snapshot("apply"), 0);
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(written.error().message, HasSubstr("was released by someone else"));
  EXPECT_THAT(written.error().message, HasSubstr("now held by refresh"));
}

TEST_F(SnapshotLockTest, GuardUnlocksWhenItGoesOutOfScope) {
  {
    auto guard = SnapshotLock::acquire(store, "apply", milliseconds(0));
    ASSERT_TRUE(guard.ok());
    EXPECT_TRUE(guard->held());
    EXPECT_TRUE(std::filesystem::exists(store.lock_file()));
    EXPECT_FALSE(SnapshotLock::acquire(other, "refresh", milliseconds(0)).ok());
    SnapshotLock moved = std::move(guard).value();
    EXPECT_EQ(moved.info().operation, "apply");
  }
  EXPECT_FALSE(std::filesystem::exists(store.lock_file()));
  auto again = SnapshotLock::acquire(other, "refresh", milliseconds(0));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->release().ok());
  EXPECT_FALSE(again->held());
  EXPECT_FALSE(std::filesystem::exists(store.lock_file()));
}

TEST_F(SnapshotLockTest, LockHeldByAnotherProcessIsSeenAndGoneWhenItDies) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    LocalSnapshotStore child_store(file);
    const bool locked = child_store.lock("apply", milliseconds(0)).ok();
    const char byte = locked ? 'y' : 'n';
    (void)!write(ready[1], &byte, 1);
    pause();  // until killed
    _exit(0);
  }
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);
  close(ready[1]);
  ASSERT_EQ(byte, 'y');

  const auto seen = store.holder();
  ASSERT_TRUE(seen.ok());
  ASSERT_TRUE(seen->has_value());
  EXPECT_EQ((*seen)->pid, child);
  const auto refused = store.lock("refresh", milliseconds(50));
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("pid " + std::to_string(child)));
  EXPECT_THAT(refused.error().message, ::testing::Not(HasSubstr("stale")));

  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  const auto stale = store.lock("refresh", milliseconds(0));
  ASSERT_FALSE(stale.ok());  // a dead holder's lock is reported, never broken silently
  EXPECT_THAT(stale.error().message, HasSubstr("the lock is stale"));
  ASSERT_TRUE(store.unlock((*seen)->id).ok());  // force-unlock
  EXPECT_TRUE(store.lock("refresh", milliseconds(0)).ok());
}

TEST_F(SnapshotLockTest, DamagedLockFileIsReportedNotIgnored) {
  testing::write_file(store.lock_file(), "garbage");
  const auto locked = store.lock("apply", milliseconds(0));
  ASSERT_FALSE(locked.ok());
  EXPECT_THAT(locked.error().message, HasSubstr("cannot be read"));
  EXPECT_THAT(locked.error().hint, HasSubstr("delete " + store.lock_file().string()));
}

}  // namespace
}  // namespace gg
