// The snapshot journal: a recorder appends one checksummed line per batch instead of rewriting
// the snapshot; every reader sees the snapshot with the journal's complete records made; a
// torn last line is ignored, any other damage is an error; unlock and the next write fold the
// journal into the snapshot, which then holds exactly the bytes that writing the whole
// snapshot for every batch gives.

#include "providers/snapshot/snapshot_journal.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <regex>

#include "planner/canonical_json.hpp"
#include "providers/snapshot/local_snapshot_store.hpp"
#include "providers/snapshot/snapshot_recorder.hpp"
#include "tests/snapshot/sample_state.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using testing::read_file;
using testing::TemporaryDirectory;
using testing::write_file;

std::string all_messages(const Errors& errors) {
  std::string text;
  for (const auto& error : errors) text += error.to_string() + "\n";
  return text;
}

// The local store as it was before the journal: every batch a whole snapshot.
class WholeWritesStore : public LocalSnapshotStore {
 public:
  using LocalSnapshotStore::LocalSnapshotStore;
  bool keeps_journal() const override { return false; }
};

using Change = std::function<void(State&)>;

struct ScopedChange {
  OrganizationKey scope;
  Change change;
};

Organization& organization_in(State& state, const OrganizationKey& key) {
  Instance& instance = state.instances[key.instance];
  instance.name = key.instance;
  Organization& organization = instance.organizations[key.slug];
  organization.slug = key.slug;
  if (organization.name.empty()) organization.name = "Organization " + key.slug;
  return organization;
}

// A long random mix of every kind of change record_action makes: organizations created,
// renamed and removed; members invited, changed and removed (and so taken out of their
// teams); teams created, filled, emptied and removed (and so taken out of their projects);
// projects created, updated, linked and removed; protected flags set and cleared.
std::vector<ScopedChange> every_kind_of_change(int count) {
  std::mt19937 random(20261202);
  const std::vector<OrganizationKey> keys = {
      {"glitchtip-dev", "nasa"}, {"glitchtip-dev", "esa"}, {"glitchtip-prod", "jaxa"}};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  std::vector<ScopedChange> changes;
  for (int i = 0; i < count; ++i) {
    const OrganizationKey key = keys[pick(static_cast<int>(keys.size()))];
    const std::string email = "astronaut" + std::to_string(pick(12)) + "@nasa.com";
    const std::string team = "team-" + std::to_string(pick(5));
    const std::string project = "project-" + std::to_string(pick(5));
    const std::string id = std::to_string(i);
    Change change;
    switch (pick(14)) {
      case 0:
        change = [=](State& s) {
          Organization& o = organization_in(s, key);
          o.name = "Name " + id;
          o.id = id;
        };
        break;
      case 1:
        change = [=](State& s) { s.instances[key.instance].organizations.erase(key.slug); };
        break;
      case 2:
        change = [=](State& s) {
          organization_in(s, key).members[email] = Member{email, Role::member, true, id};
        };
        break;
      case 3:
        change = [=](State& s) { organization_in(s, key).members[email].role = Role::admin; };
        break;
      case 4:
        change = [=](State& s) {
          Organization& o = organization_in(s, key);
          o.members.erase(email);
          for (auto& [slug, t] : o.teams) std::erase(t.members, email);
        };
        break;
      case 5:
        change = [=](State& s) { organization_in(s, key).teams[team] = Team{team, id, {}}; };
        break;
      case 6:
        change = [=](State& s) {
          Team& t = organization_in(s, key).teams[team];
          t.slug = team;
          if (std::find(t.members.begin(), t.members.end(), email) == t.members.end()) {
            t.members.push_back(email);
            std::sort(t.members.begin(), t.members.end());
          }
        };
        break;
      case 7:
        change = [=](State& s) {
          Organization& o = organization_in(s, key);
          o.teams.erase(team);
          for (auto& [slug, p] : o.projects) std::erase(p.teams, team);
        };
        break;
      case 8:
        change = [=](State& s) {
          organization_in(s, key).projects[project] =
              Project{project, id, "Project " + id, "python", 0, {team}, false};
        };
        break;
      case 9:
        change = [=](State& s) {
          Project& p = organization_in(s, key).projects[project];
          p.slug = project;
          if (p.name.empty()) p.name = "Project " + id;
          p.event_throttle_rate = i % 100;
          p.platform = i % 2 ? "" : "go";
        };
        break;
      case 10:
        change = [=](State& s) { organization_in(s, key).projects.erase(project); };
        break;
      case 11:
        change = [=](State& s) {
          Project& p = organization_in(s, key).projects[project];
          p.slug = project;
          if (p.name.empty()) p.name = "Project " + id;
          p.teams = {team};
        };
        break;
      case 12:
        change = [=](State& s) { organization_in(s, key).is_protected = i % 2 == 0; };
        break;
      default:
        change = [=](State& s) {
          auto& projects = organization_in(s, key).projects;
          if (projects.count(project) > 0) projects[project].is_protected = true;
        };
        break;
    }
    changes.push_back({key, change});
  }
  return changes;
}

// The snapshot text with its one time-dependent field fixed.
std::string without_time(const std::string& text) {
  return std::regex_replace(text, std::regex(R"("updated_at": "[^"]*")"), R"("updated_at": "T")");
}

class SnapshotJournalTest : public ::testing::Test {
 protected:
  // Locks `on` and writes the sample state as serial 1, as apply's first write does.
  Snapshot write_base(LocalSnapshotStore& on) {
    lock_id = on.lock("apply", milliseconds(0)).value().id;
    Snapshot base;
    base.last_operation = "apply";
    base.recorded = testing::space_agencies_state();
    auto written = on.write(base, 0);
    EXPECT_TRUE(written.ok()) << all_messages(written.errors());
    return written.ok() ? *written : Snapshot{};
  }

  TemporaryDirectory directory;
  std::filesystem::path file = directory / "glitchtip-gitops.snapshot.json";
  LocalSnapshotStore store{file};
  std::string lock_id;
};

TEST_F(SnapshotJournalTest, FoldedJournalGivesExactlyTheBytesOfWholeWrites) {
  const auto whole_file = directory / "whole.snapshot.json";
  WholeWritesStore whole(whole_file);
  const Snapshot base = write_base(store);
  const std::string base_text = read_file(file);
  const std::string whole_lock = whole.lock("apply", milliseconds(0)).value().id;
  Snapshot whole_base = base;
  whole_base.lineage.clear();
  ASSERT_TRUE(whole.write(whole_base, 0).ok());

  SnapshotRecorder journaled(store, base, "apply");
  SnapshotRecorder rewritten(whole, whole.read().value().snapshot, "apply");
  std::mt19937 random(7);
  std::uniform_int_distribution<int> batch(1, 12);
  int in_batch = 0;
  int batches = 0;
  for (const ScopedChange& change : every_kind_of_change(800)) {
    journaled.record(change.change, change.scope);
    rewritten.record(change.change);
    if (++in_batch >= batch(random)) {
      ASSERT_TRUE(journaled.make_durable().ok());
      ASSERT_TRUE(rewritten.make_durable().ok());
      in_batch = 0;
      ++batches;
      if (batches % 25 == 0) {  // what a reader sees mid-apply: the snapshot with its journal
        const auto seen = LocalSnapshotStore(file).read();
        ASSERT_TRUE(seen.ok()) << all_messages(seen.errors());
        const auto expected = LocalSnapshotStore(whole_file).read();
        ASSERT_TRUE(expected.ok());
        EXPECT_EQ(seen->snapshot.recorded, expected->snapshot.recorded) << "batch " << batches;
        EXPECT_EQ(seen->snapshot.serial, expected->snapshot.serial);
      }
    }
  }
  ASSERT_TRUE(journaled.make_durable().ok());
  ASSERT_TRUE(rewritten.make_durable().ok());
  EXPECT_TRUE(std::filesystem::exists(store.journal_file()));
  EXPECT_FALSE(std::filesystem::exists(whole_file.string() + ".journal"));
  EXPECT_EQ(read_file(file), base_text) << "the snapshot is not rewritten while apply records";

  ASSERT_TRUE(store.unlock(lock_id).ok());
  ASSERT_TRUE(whole.unlock(whole_lock).ok());
  EXPECT_FALSE(std::filesystem::exists(store.journal_file()));
  const std::string folded = read_file(file);
  const std::string expected = read_file(whole_file);
  // Equal but for the lineage (each store made its own) and the time of the last write.
  const std::string whole_lineage = LocalSnapshotStore(whole_file).read().value().snapshot.lineage;
  EXPECT_EQ(without_time(folded),
            without_time(std::regex_replace(expected, std::regex(whole_lineage), base.lineage)));
  EXPECT_GT(LocalSnapshotStore(file).read().value().snapshot.serial, 60);
  // The backup is the version before the journal's records: the base.
  EXPECT_EQ(read_file(store.backup_file()), base_text);
}

TEST_F(SnapshotJournalTest, ReadersSeeTheJournalAndIgnoreATornLastLine) {
  const Snapshot base = write_base(store);
  SnapshotRecorder recorder(store, base, "apply");
  const OrganizationKey nasa{"glitchtip-dev", "nasa"};
  recorder.record([](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].name = "N"; },
                  nasa);
  ASSERT_TRUE(recorder.make_durable().ok());
  recorder.record(
      [](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].members.clear(); }, nasa);
  ASSERT_TRUE(recorder.make_durable().ok());

  const auto seen = LocalSnapshotStore(file).read();
  ASSERT_TRUE(seen.ok()) << all_messages(seen.errors());
  EXPECT_EQ(seen->snapshot.serial, 3);
  const Organization& organization =
      seen->snapshot.recorded.instances.at("glitchtip-dev").organizations.at("nasa");
  EXPECT_EQ(organization.name, "N");
  EXPECT_TRUE(organization.members.empty());
  EXPECT_EQ(seen->sha256, sha256_hex(snapshot_text(seen->snapshot)));

  // A crash in the middle of the next append: its line is cut short, or its bytes garbled.
  const std::string journal = read_file(store.journal_file());
  const std::string line = journal.substr(0, journal.find('\n') + 1);
  for (const std::string& torn :
       {line.substr(0, line.size() / 2), std::string(line.size() - 1, '\0') + "\n"}) {
    write_file(store.journal_file(), journal + torn);
    const auto after_crash = LocalSnapshotStore(file).read();
    ASSERT_TRUE(after_crash.ok()) << all_messages(after_crash.errors());
    EXPECT_EQ(after_crash->snapshot, seen->snapshot);
  }

  // A damaged line that records follow is not a crash: an error naming the line.
  std::string damaged = journal;
  damaged[70] = damaged[70] == 'x' ? 'y' : 'x';
  write_file(store.journal_file(), damaged);
  const auto refused = LocalSnapshotStore(file).read();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(all_messages(refused.errors()),
              HasSubstr(store.journal_file().string() + ":1: is damaged"));
}

TEST_F(SnapshotJournalTest, UnlockFoldsTheJournalWithoutANewVersion) {
  const Snapshot base = write_base(store);
  SnapshotRecorder recorder(store, base, "apply");
  recorder.record([](State& s) { s.instances["glitchtip-dev"].organizations.erase("esa"); },
                  OrganizationKey{"glitchtip-dev", "esa"});
  ASSERT_TRUE(recorder.make_durable().ok());
  const StoredSnapshot with_journal = store.read().value();
  EXPECT_EQ(read_file(file), snapshot_text(base)) << "FILE is not rewritten yet";

  ASSERT_TRUE(store.unlock(lock_id).ok());
  EXPECT_FALSE(std::filesystem::exists(store.journal_file()));
  EXPECT_FALSE(std::filesystem::exists(store.lock_file()));
  const StoredSnapshot folded = store.read().value();
  EXPECT_EQ(folded.snapshot, with_journal.snapshot);
  EXPECT_EQ(folded.sha256, with_journal.sha256) << "a plan made before the fold stays valid";
  EXPECT_EQ(read_file(file), snapshot_text(with_journal.snapshot));
  EXPECT_EQ(store.previous_versions().value().at(0).serial, base.serial);
}

TEST_F(SnapshotJournalTest, AJournalLeftByAKilledRunIsFoldedByTheNextWriter) {
  const Snapshot base = write_base(store);
  {
    LocalSnapshotStore killed(file);  // the killed run: its journal stays, and its lock
    std::swap(killed, store);
    SnapshotRecorder recorder(killed, base, "apply");
    recorder.record(
        [](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].name = "Killed"; },
        OrganizationKey{"glitchtip-dev", "nasa"});
    ASSERT_TRUE(recorder.make_durable().ok());
  }
  std::ofstream(store.journal_file(), std::ios::app) << "0123456789abcdef";  // torn tail
  ASSERT_TRUE(store.unlock(lock_id).ok());  // force-unlock: the journal stays

  // The next apply continues from serial 2 and starts a journal of its own.
  ASSERT_TRUE(store.lock("apply", milliseconds(0)).ok());
  const Snapshot read = store.read().value().snapshot;
  EXPECT_EQ(read.serial, 2);
  EXPECT_EQ(read.recorded.instances.at("glitchtip-dev").organizations.at("nasa").name, "Killed");
  SnapshotRecorder next(store, read, "apply");
  next.record([](State& s) { s.instances["glitchtip-dev"].organizations["esa"].name = "Next"; },
              OrganizationKey{"glitchtip-dev", "esa"});
  ASSERT_TRUE(next.make_durable().ok());
  const std::string journal = read_file(store.journal_file());
  EXPECT_EQ(std::count(journal.begin(), journal.end(), '\n'), 1) << journal;
  const Snapshot now = LocalSnapshotStore(file).read().value().snapshot;
  EXPECT_EQ(now.serial, 3);
  EXPECT_EQ(now.recorded.instances.at("glitchtip-dev").organizations.at("nasa").name, "Killed");
  EXPECT_EQ(now.recorded.instances.at("glitchtip-dev").organizations.at("esa").name, "Next");

  // A write (refresh, state push) folds it too; the backup is the version it replaced.
  Snapshot refreshed = now;
  refreshed.last_operation = "refresh";
  ASSERT_TRUE(store.write(refreshed, 3).ok());
  EXPECT_FALSE(std::filesystem::exists(store.journal_file()));
  EXPECT_EQ(LocalSnapshotStore(file).read().value().snapshot.serial, 4);
  EXPECT_EQ(store.previous_versions().value().at(0).serial, 3);
}

TEST_F(SnapshotJournalTest, AJournalThatDoesNotContinueTheSnapshotIsAnError) {
  const Snapshot base = write_base(store);
  SnapshotRecorder recorder(store, base, "apply");
  recorder.record([](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].id = "99"; },
                  OrganizationKey{"glitchtip-dev", "nasa"});
  ASSERT_TRUE(recorder.make_durable().ok());
  const std::string journal = read_file(store.journal_file());

  // The snapshot put back by hand to an older version: the journal's serial 2 continues 1,
  // not 0.
  std::string older = read_file(file);
  older = std::regex_replace(older, std::regex(R"("serial": 1)"), R"("serial": 0)");
  write_file(file, older);
  auto refused = LocalSnapshotStore(file).read();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(all_messages(refused.errors()), HasSubstr("does not continue serial 0"));

  // Another state file's journal.
  write_file(file, std::regex_replace(older, std::regex(base.lineage), "another-lineage"));
  refused = LocalSnapshotStore(file).read();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(all_messages(refused.errors()), HasSubstr("belongs to another state file"));
  EXPECT_EQ(read_file(store.journal_file()), journal);
}

TEST_F(SnapshotJournalTest, AnotherProgramWritingTheSnapshotStopsTheRecording) {
  const Snapshot base = write_base(store);
  SnapshotRecorder recorder(store, base, "apply");
  const OrganizationKey nasa{"glitchtip-dev", "nasa"};
  recorder.record([](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].id = "1a"; },
                  nasa);
  ASSERT_TRUE(recorder.make_durable().ok());
  // The same bytes, as a new file: what an editor or `cp` over a rename does.
  write_file(directory / "copy", read_file(file));
  std::filesystem::rename(directory / "copy", file);
  recorder.record([](State& s) { s.instances["glitchtip-dev"].organizations["nasa"].id = "1b"; },
                  nasa);
  const Status refused = recorder.make_durable();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(all_messages(refused.errors()), HasSubstr("was changed by another program"));
}

TEST_F(SnapshotJournalTest, AChangeTheSchemaRefusesIsNeverRecorded) {
  const Snapshot base = write_base(store);
  SnapshotRecorder recorder(store, base, "apply");
  recorder.record(
      [](State& s) {
        s.instances["glitchtip-dev"].organizations["nasa"].members["Not An Email"] = Member{};
      },
      OrganizationKey{"glitchtip-dev", "nasa"});
  const Status refused = recorder.make_durable();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(all_messages(refused.errors()), HasSubstr("refusing to record a change that"));
  EXPECT_EQ(read_file(store.journal_file()), "");
  ASSERT_TRUE(store.unlock(lock_id).ok());
  EXPECT_EQ(store.read().value().snapshot, base);
}

TEST(JournalFormat, ACheckDocumentHoldsJustTheChangesAndRequiredFields) {
  JournalRecord record;
  record.lineage = "0b0e6c6a-58e4-4c53-9a2c-1f5a3e0d9b11";
  record.serial = 3;
  record.tool_version = "1.0.0";
  record.updated_at = "2026-12-02T01:00:00Z";
  record.last_operation = "apply";
  const nlohmann::json team = {{"id", "3"}, {"members", {"a@b.c"}}};
  record.changes = nlohmann::json::array(
      {{{"path", {"instances", "dev", "organizations", "nasa", "teams", "pilots"}},
        {"value", team}},
       {{"path", {"instances", "dev", "organizations", "nasa", "members", "x@b.c"}},
        {"value", nullptr}}});
  const nlohmann::json check = journal_check_document(record);
  EXPECT_EQ(check.at("instances").at("dev").at("organizations").at("nasa").at("teams"),
            nlohmann::json({{"pilots", team}}));
  EXPECT_TRUE(SnapshotSchema().violations(check, "check").empty());
  record.changes[0]["value"]["members"] = {"A@B.C"};  // upper case: not a snapshot e-mail
  EXPECT_FALSE(SnapshotSchema().violations(journal_check_document(record), "check").empty());
  record.changes = nlohmann::json::array(
      {{{"path", {"instances", "dev", "organizations", "nasa", "name"}}, {"value", nullptr}}});
  EXPECT_FALSE(SnapshotSchema().violations(journal_check_document(record), "check").empty());
}

TEST(JournalFormat, ALineIsTheChecksumAndTheRecord) {
  JournalRecord record;
  record.lineage = "l";
  record.serial = 7;
  record.tool_version = "1.2.3";
  record.updated_at = "2026-12-02T01:00:00Z";
  record.last_operation = "apply";
  record.changes = nlohmann::json::array(
      {{{"path", {"instances", "dev", "organizations", "nasa", "name"}}, {"value", "NASA"}}});
  const std::string line = journal_line(record);
  const std::string text = journal_record_text(record);
  EXPECT_EQ(line, sha256_hex(text) + " " + text + "\n");
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const auto parsed = parse_journal(line + line, "j");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->records, (std::vector<JournalRecord>{record, record}));
  EXPECT_FALSE(parsed->torn_tail);
}

}  // namespace
}  // namespace gg
