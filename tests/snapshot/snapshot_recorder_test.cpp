// SnapshotRecorder: an action is done only once a snapshot recording it is on disk, and
// workers finishing together share one write (group commit). Written through the real file
// store; a gate around it holds a write in flight or fails one.

#include "providers/snapshot/snapshot_recorder.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg {
namespace {

// The local file store, with a gate that can hold writes and a switch that fails the next.
class GatedStore : public SnapshotStore {
 public:
  explicit GatedStore(std::filesystem::path file) : real_(std::move(file)) {}

  std::string describe() const override { return real_.describe(); }
  Result<StoredSnapshot> read() const override { return real_.read(); }
  Result<LockInfo> lock(const std::string& operation, std::chrono::milliseconds timeout) override {
    return real_.lock(operation, timeout);
  }
  Status unlock(const std::string& lock_id) override { return real_.unlock(lock_id); }
  Result<std::optional<LockInfo>> holder() const override { return real_.holder(); }
  Result<std::vector<SnapshotVersion>> previous_versions() const override {
    return real_.previous_versions();
  }
  Result<Snapshot> previous_version(int64_t serial) const override {
    return real_.previous_version(serial);
  }

  Result<Snapshot> write(Snapshot next, int64_t expected_serial) override {
    {
      std::unique_lock lock(mutex_);
      ++writes_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return !held_; });
      if (fail_next_) {
        fail_next_ = false;
        return Error{real_.describe(), "no space left on device", "free some space"};
      }
    }
    return real_.write(std::move(next), expected_serial);
  }

  void hold() {
    const std::lock_guard lock(mutex_);
    held_ = true;
  }
  void release() {
    const std::lock_guard lock(mutex_);
    held_ = false;
    changed_.notify_all();
  }
  void fail_next() {
    const std::lock_guard lock(mutex_);
    fail_next_ = true;
  }
  // Waits until `count` writes have begun (and may be held at the gate).
  void wait_for_writes(int count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return writes_ >= count; });
  }
  int writes() {
    const std::lock_guard lock(mutex_);
    return writes_;
  }

 private:
  LocalSnapshotStore real_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int writes_ = 0;
  bool held_ = false;
  bool fail_next_ = false;
};

// A change that records organization `slug` in instance "prod".
std::function<void(State&)> add_organization(const std::string& slug) {
  return [slug](State& recorded) {
    Instance& instance = recorded.instances["prod"];
    instance.name = "prod";
    Organization& organization = instance.organizations[slug];
    organization.name = slug;
    organization.slug = slug;
    organization.id = "1";
  };
}

class SnapshotRecorderTest : public ::testing::Test {
 protected:
  // The organizations the file holds now.
  std::vector<std::string> on_disk() const {
    const Result<StoredSnapshot> stored = LocalSnapshotStore(file).read();
    EXPECT_TRUE(stored.ok());
    std::vector<std::string> slugs;
    if (!stored.ok() || !stored->exists) return slugs;
    const auto instance = stored->snapshot.recorded.instances.find("prod");
    if (instance == stored->snapshot.recorded.instances.end()) return slugs;
    for (const auto& [slug, organization] : instance->second.organizations) slugs.push_back(slug);
    return slugs;
  }

  testing::TemporaryDirectory directory;
  std::filesystem::path file = directory / "glitchtip-gitops.snapshot.json";
  GatedStore store{file};
  SnapshotRecorder recorder{store, Snapshot{}, "apply"};
};

TEST_F(SnapshotRecorderTest, ARecordReachesTheFileWhenMadeDurableAndOnlyThen) {
  recorder.record(add_organization("nasa"));
  EXPECT_FALSE(std::filesystem::exists(file));
  ASSERT_TRUE(recorder.make_durable().ok());
  EXPECT_EQ(on_disk(), std::vector<std::string>{"nasa"});
  EXPECT_EQ(store.writes(), 1);
  const Result<StoredSnapshot> stored = LocalSnapshotStore(file).read();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->snapshot.serial, 1);
  EXPECT_EQ(stored->snapshot.last_operation, "apply");

  // Nothing new recorded: nothing written.
  ASSERT_TRUE(recorder.make_durable().ok());
  EXPECT_EQ(store.writes(), 1);

  // The next write continues the serial and lineage of the last.
  recorder.record(add_organization("esa"));
  ASSERT_TRUE(recorder.make_durable().ok());
  const Result<StoredSnapshot> next = LocalSnapshotStore(file).read();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->snapshot.serial, 2);
  EXPECT_EQ(next->snapshot.lineage, stored->snapshot.lineage);
  EXPECT_EQ(on_disk(), (std::vector<std::string>{"esa", "nasa"}));
}

TEST_F(SnapshotRecorderTest, ARecordMadeDuringAWriteWaitsForTheNextWrite) {
  recorder.record(add_organization("nasa"));
  store.hold();
  std::thread writer([&] { EXPECT_TRUE(recorder.make_durable().ok()); });
  store.wait_for_writes(1);  // the write of "nasa" is in flight, held at the gate
  recorder.record(add_organization("esa"));
  std::vector<std::string> seen_when_durable;
  std::thread late([&] {
    EXPECT_TRUE(recorder.make_durable().ok());
    seen_when_durable = on_disk();
  });
  store.release();
  writer.join();
  late.join();
  // The write in flight began before "esa" was recorded, so it could not cover it: the late
  // caller returned only after a second write, and found "esa" on disk.
  EXPECT_EQ(seen_when_durable, (std::vector<std::string>{"esa", "nasa"}));
  EXPECT_EQ(store.writes(), 2);
}

TEST_F(SnapshotRecorderTest, WorkersFinishingDuringAWriteShareTheNextOne) {
  recorder.record(add_organization("org-0"));
  store.hold();
  std::thread first([&] { EXPECT_TRUE(recorder.make_durable().ok()); });
  store.wait_for_writes(1);
  constexpr int kWorkers = 8;
  std::atomic<int> recorded{0};
  std::vector<std::thread> workers;
  for (int i = 1; i <= kWorkers; ++i) {
    workers.emplace_back([&, i] {
      recorder.record(add_organization("org-" + std::to_string(i)));
      ++recorded;
      EXPECT_TRUE(recorder.make_durable().ok());
    });
  }
  while (recorded < kWorkers) std::this_thread::yield();
  store.release();
  first.join();
  for (std::thread& worker : workers) worker.join();
  // One write for org-0, one more for the eight records made while it was in flight: not
  // one write each.
  EXPECT_EQ(store.writes(), 2);
  EXPECT_EQ(on_disk().size(), std::size_t{kWorkers + 1});
}

TEST_F(SnapshotRecorderTest, AfterAFailedWriteNothingMoreIsWrittenAndEveryoneGetsTheError) {
  recorder.record(add_organization("nasa"));
  store.fail_next();
  const Status failed = recorder.make_durable();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.errors().front().message, "no space left on device");

  recorder.record(add_organization("esa"));
  const Status again = recorder.make_durable();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.errors().front().message, "no space left on device");
  EXPECT_EQ(store.writes(), 1);
  EXPECT_FALSE(std::filesystem::exists(file));
}

}  // namespace
}  // namespace gg
