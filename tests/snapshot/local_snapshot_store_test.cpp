#include "providers/snapshot/local_snapshot_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "planner/canonical_json.hpp"
#include "tests/snapshot/sample_state.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg {
namespace {

using ::testing::HasSubstr;
using testing::read_file;
using testing::TemporaryDirectory;
using testing::write_file;

std::string all_messages(const Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.to_string() + "\n";
  return text;
}

Snapshot next_snapshot(const std::string& operation, State recorded) {
  Snapshot next;
  next.last_operation = operation;
  next.recorded = std::move(recorded);
  return next;
}

class LocalSnapshotStoreTest : public ::testing::Test {
 protected:
  // Writes the sample state as serial 1 and returns it.
  Snapshot write_first() {
    auto written = store.write(next_snapshot("apply", testing::space_agencies_state()), 0);
    EXPECT_TRUE(written.ok()) << all_messages(written.errors());
    return written.ok() ? *written : Snapshot{};
  }

  TemporaryDirectory directory;
  std::filesystem::path file = directory / "glitchtip-gitops.snapshot.json";
  LocalSnapshotStore store{file};
};

TEST_F(LocalSnapshotStoreTest, MissingSnapshotReadsAsEmpty) {
  const auto read = store.read();
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_FALSE(read->exists);
  EXPECT_EQ(read->sha256, "");
  EXPECT_EQ(read->snapshot.serial, 0);
  EXPECT_EQ(read->snapshot.lineage, "");
  EXPECT_TRUE(read->snapshot.recorded.instances.empty());
  EXPECT_EQ(store.describe(), file.string());
}

TEST_F(LocalSnapshotStoreTest, FirstWriteCreatesLineageAndSerialOne) {
  const Snapshot written = write_first();
  EXPECT_EQ(written.serial, 1);
  EXPECT_TRUE(std::regex_match(
      written.lineage,
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  EXPECT_EQ(written.tool_version, GG_TOOL_VERSION);
  EXPECT_TRUE(
      std::regex_match(written.updated_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  EXPECT_EQ(written.last_operation, "apply");

  const auto read = store.read();
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_TRUE(read->exists);
  EXPECT_EQ(read->snapshot, written);
  EXPECT_EQ(read->snapshot.recorded, testing::space_agencies_state());
  EXPECT_EQ(read->sha256, sha256_hex(read_file(file)));
  EXPECT_EQ(read_file(file), snapshot_text(written));
  EXPECT_FALSE(std::filesystem::exists(store.lock_file()));  // a write locks only for itself
}

TEST_F(LocalSnapshotStoreTest, EveryWriteIncrementsTheSerialAndKeepsTheLineage) {
  const Snapshot first = write_first();
  State changed = testing::space_agencies_state();
  changed.instances["glitchtip-dev"].organizations.erase("esa");
  const auto second = store.write(next_snapshot("refresh", changed), 1);
  ASSERT_TRUE(second.ok()) << all_messages(second.errors());
  EXPECT_EQ(second->serial, 2);
  EXPECT_EQ(second->lineage, first.lineage);
  EXPECT_EQ(second->last_operation, "refresh");
  const auto read = store.read();
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->snapshot.serial, 2);
  EXPECT_EQ(read->snapshot.recorded, changed);
}

TEST_F(LocalSnapshotStoreTest, WriteRefusedWhenAnotherWriterMovedTheSerial) {
  write_first();
  LocalSnapshotStore other_writer(file);
  ASSERT_TRUE(other_writer.write(next_snapshot("apply", State{}), 1).ok());
  const auto stale = store.write(next_snapshot("apply", testing::space_agencies_state()), 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_THAT(stale.error().message, HasSubstr("serial 1 → 2"));
  EXPECT_THAT(stale.error().hint, HasSubstr("run plan again"));
  EXPECT_EQ(store.read()->snapshot.serial, 2);
  EXPECT_EQ(store.read()->snapshot.recorded, State{});
}

TEST_F(LocalSnapshotStoreTest, FirstWriteRefusedWhenSomeoneCreatedTheSnapshotMeanwhile) {
  write_first();
  const auto late = store.write(next_snapshot("apply", State{}), 0);
  ASSERT_FALSE(late.ok());
  EXPECT_THAT(late.error().message, HasSubstr("serial 0 → 1"));
}

TEST_F(LocalSnapshotStoreTest, WriteRefusedForAnotherLineage) {
  write_first();
  Snapshot foreign = next_snapshot("apply", State{});
  foreign.lineage = "11111111-2222-4333-8444-555555555555";
  const auto written = store.write(foreign, 1);
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(written.error().message, HasSubstr("different state files"));
}

TEST_F(LocalSnapshotStoreTest, PreviousVersionIsKeptAsBackup) {
  write_first();
  const std::string first_text = read_file(file);
  EXPECT_FALSE(std::filesystem::exists(store.backup_file()));
  ASSERT_TRUE(store.write(next_snapshot("refresh", State{}), 1).ok());
  EXPECT_EQ(read_file(store.backup_file()), first_text);
  ASSERT_TRUE(store.write(next_snapshot("refresh", State{}), 2).ok());
  const auto backup = snapshot_from_text(read_file(store.backup_file()), "backup");
  ASSERT_TRUE(backup.ok());
  EXPECT_EQ(backup->serial, 2);
}

TEST_F(LocalSnapshotStoreTest, LeftoverTemporaryFileIsIgnored) {
  write_first();
  const std::string before = read_file(file);
  // What a writer killed between write and rename leaves behind.
  write_file(directory / ".glitchtip-gitops.snapshot.json.tmp-4242-deadbeef", "{\"format_ver");
  const auto read = store.read();
  ASSERT_TRUE(read.ok()) << all_messages(read.errors());
  EXPECT_EQ(read->snapshot.serial, 1);
  ASSERT_TRUE(store.write(next_snapshot("apply", State{}), 1).ok());
  EXPECT_EQ(read_file(store.backup_file()), before);
}

TEST_F(LocalSnapshotStoreTest, DamagedSnapshotSaysHowToRecover) {
  write_first();
  ASSERT_TRUE(store.write(next_snapshot("refresh", testing::space_agencies_state()), 1).ok());
  const std::string good = read_file(file);
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"truncated", good.substr(0, good.size() / 3)},
      {"corrupt",
       "\x7f"
       "ELF garbage"},
      {"empty", ""},
      {"foreign",
       std::regex_replace(good, std::regex("\"format_version\": 1"), "\"format_version\": 7")},
      {"hand-broken",
       std::regex_replace(good, std::regex("\"role\": \"member\""), "\"role\": \"boss\"")},
  };
  for (const auto& [name, text] : damages) {
    write_file(file, text);
    const auto read = store.read();
    ASSERT_FALSE(read.ok()) << name;
    const std::string message = all_messages(read.errors());
    EXPECT_THAT(message, HasSubstr(file.string())) << name;
    EXPECT_THAT(message, HasSubstr("cp " + store.backup_file().string() + " " + file.string()))
        << name;
    EXPECT_THAT(message, HasSubstr("serial 1, written by apply")) << name;
    EXPECT_THAT(message, HasSubstr("glitchtip-gitops refresh")) << name;
    // A damaged snapshot is never overwritten as if it were empty.
    EXPECT_FALSE(store.write(next_snapshot("apply", State{}), 0).ok()) << name;
    EXPECT_FALSE(store.write(next_snapshot("apply", State{}), 2).ok()) << name;
    EXPECT_EQ(read_file(file), text) << name;
  }
}

TEST_F(LocalSnapshotStoreTest, DamagedSnapshotWithoutBackupStillNamesRefresh) {
  write_file(file, "{");
  const auto read = store.read();
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().hint, HasSubstr("no usable " + store.backup_file().string()));
  EXPECT_THAT(read.error().hint, HasSubstr("glitchtip-gitops refresh"));
}

TEST_F(LocalSnapshotStoreTest, UnwritableDirectoryIsAClearError) {
  LocalSnapshotStore nowhere(directory / "missing-directory" / "snapshot.json");
  const auto written = nowhere.write(next_snapshot("apply", State{}), 0);
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(written.error().to_string(), HasSubstr("missing-directory"));
  EXPECT_THAT(written.error().to_string(), HasSubstr("No such file or directory"));
}

}  // namespace
}  // namespace gg
