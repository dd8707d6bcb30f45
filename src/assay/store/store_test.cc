// store_test: the SQLite store in memory and on disk: migrations, idempotent
// puts, queries by time, outlet and entity, stale analyses, deletion,
// full-text search, compression, and the errors that name the database.
#include "assay/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

namespace assay::store {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed after it.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("assay-store-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const char* name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

StoreOptions fixed_clock(std::int64_t t = 1765000000) {
  return {.clock = [t] { return t; }};
}

Entry entry(std::string id, std::string title, std::string text, std::string outlet, std::string published,
            std::string producer = "p1", std::vector<std::string> entities = {}) {
  Entry e;
  e.document.info.key = content_key(title, text);
  e.document.info.id = std::move(id);
  e.document.info.outlet = std::move(outlet);
  e.document.info.published = std::move(published);
  e.document.info.title = std::move(title);
  e.document.text = std::move(text);
  e.analysis = Analysis{.schema = "assay.analysis/2",
                        .producer = std::move(producer),
                        .json = "{\"schema\":\"assay.analysis/2\",\"id\":\"" + e.document.info.id + "\"}",
                        .entities = std::move(entities)};
  return e;
}

std::vector<Entry> three() {
  std::vector<Entry> v;
  v.push_back(entry("a", "Lynas expands", "Lynas said its Malaysian plant would expand.", "Reuters", "2025-03-02", "p1",
                    {"Lynas Rare Earths", "Malaysia"}));
  v.push_back(entry("b", "China curbs exports", "China tightened export controls on heavy rare earths.", "Xinhua",
                    "2025-04-04", "p1", {"China"}));
  v.push_back(entry("c", "MP Materials deal", "MP Materials signed a magnet supply deal.", "reuters", "2025-07-10", "p0",
                    {"MP Materials"}));
  return v;
}

std::vector<std::string> ids(const base::Result<std::vector<DocumentInfo>>& r) {
  std::vector<std::string> out;
  if (r)
    for (const auto& d : *r) out.push_back(d.id);
  return out;
}

TEST(Store, ContentKeysAreStableAndTellTitleAndTextApart) {
  EXPECT_EQ(content_key("t", "text"), content_key("t", "text"));
  EXPECT_EQ(content_key("t", "text").size(), 32u);
  EXPECT_NE(content_key("ab", "c"), content_key("a", "bc"));
  EXPECT_NE(content_key("", "text"), content_key("", "text."));
}

TEST(Store, CompressionRoundTripsAndDamageIsAnError) {
  std::string json(5000, 'x');
  json += "{\"a\":1}";
  std::string packed = compress(json);
  EXPECT_LT(packed.size(), json.size() / 10);
  auto back = decompress(packed);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, json);
  EXPECT_FALSE(decompress("not zstd").has_value());
  std::string cut = packed.substr(0, packed.size() - 3);
  EXPECT_FALSE(decompress(cut).has_value());
  auto empty = decompress(compress(""));
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(*empty, "");
}

TEST(Store, PuttingTheSameDocumentTwiceStoresItOnce) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto batch = three();
  auto first = (*db)->put(batch);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  EXPECT_EQ(first->added, 3u);
  EXPECT_EQ(first->present, 0u);
  EXPECT_EQ(first->analyses, 3u);
  // Again, and once more under another id (a new URL, the same text).
  batch[0].document.info.id = "a-again";
  auto second = (*db)->put(batch);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->added, 0u);
  EXPECT_EQ(second->present, 3u);
  EXPECT_EQ(*(*db)->count_documents(), 3u);
  EXPECT_EQ(ids((*db)->documents({.key = batch[0].document.info.key})), std::vector<std::string>{"a"}) << "the first id stays";
}

TEST(Store, QueriesSelectByTimeOutletEntityAndId) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->put(three()).has_value());
  auto& s = **db;
  EXPECT_EQ(ids(s.documents({})), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ids(s.documents({.outlet = "REUTERS"})), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ids(s.documents({.entity = "china"})), std::vector<std::string>{"b"});
  EXPECT_EQ(ids(s.documents({.since = "2025-04"})), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(ids(s.documents({.before = "2025-04-04"})), std::vector<std::string>{"a"});
  EXPECT_EQ(ids(s.documents({.key = "b"})), std::vector<std::string>{"b"});
  EXPECT_TRUE(ids(s.documents({.outlet = "Reuters", .entity = "China"})).empty());
  EXPECT_EQ((*s.documents({.key = "a"}))[0].stored_at, 1765000000);
  // Pages: after a (published, key) position, at most `limit`, with the other filters.
  auto all = *s.documents({});
  EXPECT_EQ(ids(s.documents({.limit = 2})), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids(s.documents({.after = std::pair{all[0].published, all[0].key}})), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(ids(s.documents({.after = std::pair{all[0].published, all[0].key}, .limit = 1})), std::vector<std::string>{"b"});
  EXPECT_EQ(ids(s.documents({.outlet = "reuters", .after = std::pair{all[0].published, all[0].key}})), std::vector<std::string>{"c"});
  EXPECT_TRUE(ids(s.documents({.after = std::pair{all[2].published, all[2].key}})).empty());
}

TEST(Store, AnalysesComeBackWithTheirSchemaProducerAndTime) {
  std::int64_t now = 100;
  auto db = open_sqlite(":memory:", {.clock = [&now] { return now; }});
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->put(three()).has_value());
  std::vector<std::string> seen;
  auto st = (*db)->each_analysis({.since = "2025-04"}, [&](const DocumentInfo& d, const Analysis& a) {
    seen.push_back(d.id + " " + a.schema + " " + a.producer + " " + std::to_string(a.analysed_at) + " " + a.json);
    return true;
  });
  ASSERT_TRUE(st.has_value()) << st.error().to_string();
  EXPECT_EQ(seen, (std::vector<std::string>{"b assay.analysis/2 p1 100 {\"schema\":\"assay.analysis/2\",\"id\":\"b\"}",
                                            "c assay.analysis/2 p0 100 {\"schema\":\"assay.analysis/2\",\"id\":\"c\"}"}));
  // A newer analysis replaces the old one; the document keeps its time.
  now = 200;
  auto again = three();
  again[2].analysis->producer = "p1";
  again[2].analysis->json = "{\"new\":true}";
  ASSERT_TRUE((*db)->put({&again[2], 1}).has_value());
  int n = 0;
  ASSERT_TRUE((*db)->each_analysis({.key = "c"}, [&](const DocumentInfo& d, const Analysis& a) {
                     ++n;
                     EXPECT_EQ(a.json, "{\"new\":true}");
                     EXPECT_EQ(a.analysed_at, 200);
                     EXPECT_EQ(d.stored_at, 100);
                     return true;
                   }).has_value());
  EXPECT_EQ(n, 1);
  // An analysis the caller compressed (packed) is stored as given and reads
  // back decompressed.
  auto packed = three();
  packed[1].analysis->json = compress("{\"packed\":true}");
  packed[1].analysis->packed = true;
  ASSERT_TRUE((*db)->put({&packed[1], 1}).has_value());
  ASSERT_TRUE((*db)->each_analysis({.key = "b"}, [&](const DocumentInfo&, const Analysis& a) {
                     EXPECT_EQ(a.json, "{\"packed\":true}");
                     return true;
                   }).has_value());
  // The callback can stop the walk.
  n = 0;
  ASSERT_TRUE((*db)->each_analysis({}, [&](const DocumentInfo&, const Analysis&) { return ++n < 2; }).has_value());
  EXPECT_EQ(n, 2);
}

TEST(Store, StaleAnalysesAreThoseOfAnotherProducerOrNone) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  auto batch = three();
  Entry bare = entry("d", "No analysis yet", "Text without an analysis.", "", "");
  bare.analysis.reset();
  batch.push_back(std::move(bare));
  ASSERT_TRUE((*db)->put(batch).has_value());
  auto stale = (*db)->stale("p1", 100);
  ASSERT_TRUE(stale.has_value());
  ASSERT_EQ(stale->size(), 2u);
  EXPECT_EQ((*stale)[0].info.id, "c");
  EXPECT_EQ((*stale)[0].text, "MP Materials signed a magnet supply deal.");
  EXPECT_EQ((*stale)[1].info.id, "d");
  EXPECT_EQ((*(*db)->stale("p1", 1)).size(), 1u);
  EXPECT_EQ(*(*db)->producer_of(batch[0].document.info.key), std::optional<std::string>("p1"));
  EXPECT_EQ(*(*db)->producer_of(batch[3].document.info.key), std::optional<std::string>(""));
  EXPECT_EQ(*(*db)->producer_of("0000"), std::nullopt);
}

TEST(Store, KeysAnalysedByAProducerAreWhatIngestSkips) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  auto batch = three();
  ASSERT_TRUE((*db)->put(batch).has_value());
  std::set<std::string> keys;
  ASSERT_TRUE((*db)->each_key_analysed_by("p1", [&](std::string_view k) { keys.insert(std::string(k)); }).has_value());
  EXPECT_EQ(keys, (std::set<std::string>{batch[0].document.info.key, batch[1].document.info.key}));
  keys.clear();
  ASSERT_TRUE((*db)->each_key_analysed_by("p9", [&](std::string_view k) { keys.insert(std::string(k)); }).has_value());
  EXPECT_TRUE(keys.empty());
}

TEST(Store, UrlsAndFeedStateAreKept) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  auto batch = three();
  batch[0].document.info.url = "https://wire.example/lynas";
  ASSERT_TRUE((*db)->put(batch).has_value());
  EXPECT_TRUE(*(*db)->has_url("https://wire.example/lynas"));
  EXPECT_FALSE(*(*db)->has_url("https://wire.example/other"));
  EXPECT_FALSE(*(*db)->has_url("")) << "documents without a URL are not found by an empty one";
  ASSERT_TRUE((*db)->note_url("https://copy.example/lynas", batch[0].document.info.key).has_value());
  EXPECT_TRUE(*(*db)->has_url("https://copy.example/lynas"));
  EXPECT_EQ(*(*db)->feed_state("https://wire.example/rss"), std::nullopt);
  ASSERT_TRUE((*db)->set_feed_state({.url = "https://wire.example/rss", .etag = "\"v1\"", .checked_at = 7, .status = 200}).has_value());
  ASSERT_TRUE((*db)->set_feed_state({.url = "https://wire.example/rss", .etag = "\"v2\"", .last_modified = "Tue, 04 Mar 2025",
                                     .checked_at = 8, .status = 200})
                  .has_value());
  auto st = (*db)->feed_state("https://wire.example/rss");
  ASSERT_TRUE(st.has_value() && st->has_value());
  EXPECT_EQ((*st)->etag, "\"v2\"");
  EXPECT_EQ((*st)->last_modified, "Tue, 04 Mar 2025");
  EXPECT_EQ((*st)->checked_at, 8);
}

TEST(Store, CheckReportsASoundFileAndTheSchemaVersion) {
  std::string path = ::testing::TempDir() + "/store-check-" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(path);
  {
    auto db = open_sqlite(path, fixed_clock());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->put(three()).has_value());
  }
  auto r = check_sqlite(path);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->schema_version, sqlite_schema_version());
  EXPECT_EQ(r->documents, 3u);
  EXPECT_EQ(r->analyses, 3u);
  std::filesystem::remove(path);
  auto none = check_sqlite(path);
  EXPECT_FALSE(none.has_value()) << "a missing file is not created by a check";
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Store, DataVersionChangesOnAnotherConnectionsCommitOnly) {
  TempDir dir;
  std::string path = dir.file("shared.db");
  auto a = open_sqlite(path, fixed_clock());
  auto b = open_sqlite(path, fixed_clock());
  ASSERT_TRUE(a.has_value() && b.has_value());
  auto v0 = (*a)->data_version();
  ASSERT_TRUE(v0.has_value()) << v0.error().to_string();
  EXPECT_EQ((*a)->data_version().value(), *v0) << "nothing committed: the same number";
  // The connection's own commit does not change it (its caller counts those)...
  auto v_b = (*b)->data_version().value();
  ASSERT_TRUE((*a)->put(three()).has_value());
  EXPECT_EQ((*a)->data_version().value(), *v0);
  // ...another connection's does, once.
  auto v_b1 = (*b)->data_version().value();
  EXPECT_NE(v_b1, v_b);
  EXPECT_EQ((*b)->data_version().value(), v_b1);
  ASSERT_TRUE((*b)->remove({.key = "a"}).has_value());
  auto v1 = (*a)->data_version().value();
  EXPECT_NE(v1, *v0);
  EXPECT_EQ((*a)->data_version().value(), v1);
}

TEST(Store, DeletionRemovesDocumentsAnalysesEntitiesAndIndexEntries) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->put(three()).has_value());
  auto& s = **db;
  EXPECT_FALSE(s.remove({}).has_value()) << "a deletion names what it deletes";
  EXPECT_EQ(*s.remove({.outlet = "xinhua"}), 1u);
  EXPECT_TRUE(ids(s.documents({.entity = "China"})).empty());
  EXPECT_TRUE(s.search("export", 10)->empty());
  EXPECT_EQ(*s.remove({.before = "2025-05"}), 1u);
  EXPECT_EQ(*s.remove({.key = "c"}), 1u);
  EXPECT_EQ(*s.count_documents(), 0u);
  int n = 0;
  ASSERT_TRUE(s.each_analysis({}, [&](const DocumentInfo&, const Analysis&) { return ++n; }).has_value());
  EXPECT_EQ(n, 0);
}

TEST(Store, SearchFindsTitleAndTextBestFirstWithSnippets) {
  auto db = open_sqlite(":memory:", fixed_clock());
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->put(three()).has_value());
  auto hits = (*db)->search("Lynas", 10);
  ASSERT_TRUE(hits.has_value()) << hits.error().to_string();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].info.id, "a");
  EXPECT_NE((*hits)[0].snippet.find("[Lynas]"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_EQ((*(*db)->search("export*", 10)).size(), 1u);
  EXPECT_EQ((*(*db)->search("\"magnet supply\"", 10)).size(), 1u);
  EXPECT_EQ((*(*db)->search("rare OR magnet", 10)).size(), 2u);
  auto bad = (*db)->search("\"unclosed", 10);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("search"), std::string::npos) << bad.error().to_string();
}

TEST(Store, AFileStoreMigratesOnceAndReopens) {
  TempDir dir;
  std::string path = dir.file("a.db");
  {
    auto db = open_sqlite(path, fixed_clock());
    ASSERT_TRUE(db.has_value()) << db.error().to_string();
    EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
    ASSERT_TRUE((*db)->put(three()).has_value());
  }
  {
    auto db = open_sqlite(path, fixed_clock());
    ASSERT_TRUE(db.has_value()) << db.error().to_string();
    EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
    EXPECT_EQ(*(*db)->count_documents(), 3u);
    EXPECT_EQ((*(*db)->search("Lynas", 10)).size(), 1u);
  }
  // WAL mode, and one row per migration.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT group_concat(version) FROM schema_migrations", -1, &s, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "1,2,3,4,5,6");
  sqlite3_finalize(s);
  // Migration 5: clearing a story's entities (each placement) finds them by
  // index, not by a scan of the table.
  ASSERT_EQ(sqlite3_prepare_v2(raw, "EXPLAIN QUERY PLAN DELETE FROM story_entities WHERE story = 1", -1, &s, nullptr), SQLITE_OK);
  std::string plan;
  while (sqlite3_step(s) == SQLITE_ROW) plan += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
  EXPECT_NE(plan.find("story_entities_story"), std::string::npos) << plan;
  sqlite3_finalize(s);
  // A store from a newer assay is refused, not changed.
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO schema_migrations VALUES (99, 0)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto newer = open_sqlite(path, fixed_clock());
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().where().file, path);
  EXPECT_NE(newer.error().message().find("newer"), std::string::npos) << newer.error().to_string();
}

TEST(Store, AFileThatIsNotADatabaseIsAClearError) {
  TempDir dir;
  std::string path = dir.file("notes.db");
  std::ofstream(path) << "these are my notes, not a database; they are long enough to be read as a header\n";
  auto db = open_sqlite(path, fixed_clock());
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().where().file, path);
  EXPECT_NE(db.error().to_string().find("not an SQLite database"), std::string::npos) << db.error().to_string();
  auto missing = open_sqlite(dir.file("no/such/dir/a.db"), fixed_clock());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().to_string().find("no/such/dir/a.db"), std::string::npos);
}

TEST(Store, AFailedBatchStoresNothing) {
  TempDir dir;
  std::string path = dir.file("a.db");
  auto db = open_sqlite(path, fixed_clock());
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->put(three()).has_value());
  // A trigger (put there by another connection) refuses one document of
  // the batch: the whole batch is rolled back.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DROP TRIGGER documents_fts_insert; CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents "
                              "WHEN new.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  std::vector<Entry> batch;
  batch.push_back(entry("fine", "Fine", "A fine document.", "", "2025-01-01"));
  batch.push_back(entry("poison", "Poison", "A document the trigger refuses.", "", "2025-01-02"));
  auto db2 = open_sqlite(path, fixed_clock());
  ASSERT_TRUE(db2.has_value());
  auto r = (*db2)->put(batch);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where().file, path);
  EXPECT_NE(r.error().message().find("poison"), std::string::npos) << r.error().to_string();
  EXPECT_EQ(*(*db2)->count_documents(), 3u) << "the fine document of the failed batch is not stored either";
}

}  // namespace
}  // namespace assay::store
