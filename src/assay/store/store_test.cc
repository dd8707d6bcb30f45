// store_test: the SQLite store in memory and on disk: migrations, idempotent
// puts, queries by time, outlet and entity, stale analyses, deletion,
// full-text search, compression, and the errors that name the database.
#include "assay/store/store.h"
#include "assay/store/store_test_util.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
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

// The documents of a batch go in by statements of many rows (the
// full-text index writes once per statement): a batch of more than one
// statement's rows, with keys stored before and a key twice, counts each
// document once, keeps the order of the batch, and every document is
// found by its words; the full-text index checks sound.
TEST(Store, ALargeBatchIsStoredInOrderAndEveryDocumentIsSearchable) {
  fs::path path = fs::temp_directory_path() / ("assay-store-batch-" + std::to_string(::getpid()) + ".db");
  fs::remove(path);
  {
    auto db = open_sqlite(path.string(), fixed_clock());
    ASSERT_TRUE(db.has_value()) << db.error().to_string();
    auto word = [](int i) { return fmt::format("quartz{}x", i); };  // one word per document
    std::vector<Entry> first;
    for (int i = 0; i < 40; ++i) first.push_back(entry(fmt::format("d{}", i), fmt::format("Note {}", i), "Mine " + word(i), "Wire", "2025-01-01"));
    ASSERT_TRUE((*db)->put(first).has_value());
    std::vector<Entry> batch;
    for (int i = 0; i < 600; ++i) batch.push_back(entry(fmt::format("d{}", i), fmt::format("Note {}", i), "Mine " + word(i), "Wire", "2025-01-01"));
    batch.push_back(batch[300]);  // twice in one batch
    auto out = (*db)->put(batch);
    ASSERT_TRUE(out.has_value()) << out.error().to_string();
    EXPECT_EQ(out->added, 560u);
    EXPECT_EQ(out->present, 41u);
    EXPECT_EQ(out->analyses, 601u);
    EXPECT_EQ(*(*db)->count_documents(), 600u);
    for (int i : {0, 39, 40, 255, 256, 299, 300, 511, 512, 599}) {
      auto hits = (*db)->search(word(i), 10);
      ASSERT_TRUE(hits.has_value()) << hits.error().to_string();
      ASSERT_EQ(hits->size(), 1u) << word(i);
      EXPECT_EQ((*hits)[0].info.id, fmt::format("d{}", i));
    }
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(raw, "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(raw);
  // Rowids in the order of the batches.
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT id FROM documents ORDER BY rowid", -1, &s, nullptr), SQLITE_OK);
  std::vector<std::string> order;
  while (sqlite3_step(s) == SQLITE_ROW) order.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  sqlite3_close(raw);
  ASSERT_EQ(order.size(), 600u);
  for (int i = 0; i < 600; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], fmt::format("d{}", i));
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
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
  TempDir dir;
  std::string path = dir.file("check.db");
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
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "1,2,3,4,5,6,7,8,9,10,11");
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


// An analysis-like JSON line of about 6 KB: the same keys in every one, the
// words and figures varying with `seed` (a dictionary learns the keys).
std::string analysis_like(int seed) {
  static const char* words[] = {"rare",   "earth", "magnet", "export", "quota",    "China",   "Lynas", "plant",
                                "oxide",  "price", "tonnes", "supply", "refinery", "Malaysia", "deal",  "mine"};
  std::uint32_t x = 2166136261u ^ static_cast<std::uint32_t>(seed);
  auto next = [&] { return x = x * 1664525u + 1013904223u; };
  std::string j = "{\"schema\":\"assay.analysis/2\",\"id\":\"doc-" + std::to_string(seed) + "\",\"sentences\":[";
  for (int i = 0; i < 40; ++i) {
    if (i) j += ',';
    j += "{\"index\":" + std::to_string(i) + ",\"text\":\"";
    for (int w = 0; w < 12; ++w) j += std::string(words[next() % 16]) + (w < 11 ? " " : ".");
    j += "\",\"labels\":[\"claim\",\"" + std::string(next() % 2 ? "attributed" : "unattributed") + "\"],\"figure\":" +
         std::to_string(next() % 100000) + "}";
  }
  return j + "],\"assessment\":{\"sourcing\":\"thin\",\"balance\":0." + std::to_string(next() % 100) + "}}";
}

std::vector<Entry> analysed(int from, int to) {
  std::vector<Entry> v;
  for (int i = from; i < to; ++i) {
    Entry e = entry("doc-" + std::to_string(i), "Title " + std::to_string(i), "Text of document " + std::to_string(i) + ".", "Wire",
                    fmt::format("2025-01-{:02}", 1 + i % 28));
    e.analysis->json = analysis_like(i);
    v.push_back(std::move(e));
  }
  return v;
}

std::map<std::string, std::string> all_analyses(Store& s) {
  std::map<std::string, std::string> out;
  auto st = s.each_analysis({}, [&](const DocumentInfo& d, const Analysis& a) {
    out[d.id] = a.json;
    return true;
  });
  EXPECT_TRUE(st.has_value()) << st.error().to_string();
  return out;
}

std::string one(sqlite3* raw, const char* sql) {
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return out;
}

TEST(Store, ADictionaryRoundTripsAndKnowsItsOwnFrames) {
  std::vector<std::string> samples;
  for (int i = 0; i < 24; ++i) samples.push_back(analysis_like(i));
  auto bytes = train_dictionary(samples);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().to_string();
  auto d = Dictionary::make(1, *bytes, kDictionaryLevel);
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  const std::string json = analysis_like(100);  // not a sample
  const std::string packed = (*d)->compress(json);
  EXPECT_LT(packed.size(), compress(json, 1).size());
  auto back = (*d)->decompress(packed);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(*back, json);
  // A frame without a dictionary reads through one; a frame that needs one
  // does not read without it, nor through another.
  EXPECT_EQ(*(*d)->decompress(compress(json)), json);
  EXPECT_FALSE(decompress(packed).has_value());
  samples.erase(samples.begin(), samples.begin() + 4);
  samples.push_back(analysis_like(200));
  auto other = Dictionary::make(2, *train_dictionary(samples), kDictionaryLevel);
  ASSERT_TRUE(other.has_value());
  auto wrong = (*other)->decompress(packed);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().message().find("dictionary"), std::string::npos) << wrong.error().to_string();
  // Not a dictionary; too little to train from.
  EXPECT_FALSE(Dictionary::make(3, std::string(4096, 'x'), kDictionaryLevel).has_value());
  EXPECT_FALSE(train_dictionary(std::vector<std::string>{"{}", "{}"}).has_value());
}

TEST(Store, TheDictionaryIsTrainedOnceFromTheFirstAnalysesAndEveryRowReadsBack) {
  TempDir dir;
  const std::string path = dir.file("a.db");
  StoreOptions o = fixed_clock();
  o.dictionary_samples = 24;
  std::map<std::string, std::string> expected;
  for (auto& e : analysed(0, 40)) expected[e.document.info.id] = e.analysis->json;
  {
    auto db = open_sqlite(path, o);
    ASSERT_TRUE(db.has_value()) << db.error().to_string();
    for (int b = 0; b < 3; ++b) ASSERT_TRUE((*db)->put(analysed(b * 10, b * 10 + 10)).has_value());
    // 30 analyses: trained after the third batch, from the first 24.
    auto d = (*db)->dictionary();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->id(), 1);
    ASSERT_TRUE((*db)->put(analysed(30, 40)).has_value());
    EXPECT_EQ((*db)->dictionary(), d) << "trained once";
    EXPECT_EQ(all_analyses(**db), expected);
    // One a worker packed before the dictionary existed is packed again with it.
    auto late = analysed(40, 41);
    expected["doc-40"] = late[0].analysis->json;
    late[0].analysis->json = compress(late[0].analysis->json, 1);
    late[0].analysis->packed = true;
    ASSERT_TRUE((*db)->put(late).has_value());
    EXPECT_EQ(all_analyses(**db), expected);
    // Putting it all again adds no document and reads back the same
    // (each analysis is replaced: now all are with the dictionary).
    auto again = (*db)->put(analysed(0, 40));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->added, 0u);
    EXPECT_EQ(all_analyses(**db), expected);
  }
  auto report = check_sqlite(path);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
  EXPECT_EQ(report->dictionaries, 1u);
  // All 41: putting them again replaced each analysis, now with it.
  EXPECT_EQ(report->analyses_with_dictionary, 41u);
  // Reopened (read-only too), it reads back the same.
  auto ro = open_sqlite(path, {.clock = o.clock, .read_only = true});
  ASSERT_TRUE(ro.has_value()) << ro.error().to_string();
  ASSERT_NE((*ro)->dictionary(), nullptr);
  EXPECT_EQ(all_analyses(**ro), expected);
}

TEST(Store, AStoreOfSchema6MigratesReadsAndTrainsItsDictionary) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  StoreOptions o = fixed_clock();
  o.dictionary_samples = 0;
  {
    auto db = open_sqlite(path, o);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->put(analysed(0, 30)).has_value());
  }
  // Back to schema 7 (store_test_util.h), then 6: analyses without the
  // column, no dictionaries table.
  testing::roll_back_to_schema_7(path);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, R"sql(
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE analyses_6 (
  document INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
  schema TEXT NOT NULL,
  producer TEXT NOT NULL,
  analysed_at INTEGER NOT NULL,
  json BLOB NOT NULL
);
INSERT INTO analyses_6 SELECT document, schema, producer, analysed_at, json FROM analyses;
DROP TABLE analyses;
ALTER TABLE analyses_6 RENAME TO analyses;
CREATE INDEX analyses_producer ON analyses(producer);
DROP TABLE analysis_dictionaries;
DELETE FROM schema_migrations WHERE version = 7;
COMMIT;
)sql",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
  std::map<std::string, std::string> expected;
  for (auto& e : analysed(0, 31)) expected[e.document.info.id] = e.analysis->json;
  o.dictionary_samples = 24;
  auto db = open_sqlite(path, o);
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
  EXPECT_EQ((*db)->dictionary(), nullptr);
  auto before = all_analyses(**db);
  EXPECT_EQ(before.size(), 30u);
  // The next put trains it from what the store holds.
  ASSERT_TRUE((*db)->put(analysed(30, 31)).has_value());
  ASSERT_NE((*db)->dictionary(), nullptr);
  EXPECT_EQ(all_analyses(**db), expected);
  auto report = check_sqlite(path);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->analyses_with_dictionary, 24u) << "the samples; the one put was packed before the training";
}

// Migration 10: a schema-7 store's entity names become numbers; the
// queries by entity (ASCII case ignored) select what they did, a name
// spelt two ways is one, and a deleted document leaves no entity row.
TEST(Store, AStoreOfSchema7KeepsItsEntityQueries) {
  TempDir dir;
  const std::string path = dir.file("seven.db");
  StoreOptions o = fixed_clock();
  o.dictionary_samples = 0;
  auto docs = three();
  docs.push_back(entry("d", "Lynas again", "Lynas said it would expand again.", "AP", "2025-08-01", "p1", {"LYNAS RARE EARTHS"}));
  {
    auto db = open_sqlite(path, o);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->put(docs).has_value());
  }
  testing::roll_back_to_schema_7(path);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(one(raw, "SELECT count(*) FROM entities WHERE typeof(name) = 'text'"), "5");
  sqlite3_close(raw);
  auto db = open_sqlite(path, o);
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto& s = **db;
  EXPECT_EQ(ids(s.documents({.entity = "china"})), std::vector<std::string>{"b"});
  EXPECT_EQ(ids(s.documents({.entity = "lynas rare earths"})), (std::vector<std::string>{"a", "d"}));
  EXPECT_EQ(ids(s.documents({.entity = "Malaysia", .since = "2025"})), std::vector<std::string>{"a"});
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(one(raw, "SELECT count(*) FROM entity_names"), "4");
  EXPECT_EQ(one(raw, "SELECT count(*) FROM entities WHERE typeof(name) = 'integer'"), "5");
  sqlite3_close(raw);
  // New names get numbers of their own; a deletion takes the rows along.
  ASSERT_TRUE(s.put(std::vector<Entry>{entry("e", "Iluka", "Iluka built a refinery.", "AP", "2025-09-01", "p1", {"Iluka", "china"})})
                  .has_value());
  EXPECT_EQ(ids(s.documents({.entity = "CHINA"})), (std::vector<std::string>{"b", "e"}));
  EXPECT_EQ(ids(s.documents({.entity = "iluka"})), std::vector<std::string>{"e"});
  ASSERT_TRUE(s.remove({.key = "a"}).has_value());
  EXPECT_EQ(ids(s.documents({.entity = "Lynas Rare Earths"})), std::vector<std::string>{"d"});
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(one(raw, "SELECT count(*) FROM entities"), "5");
  sqlite3_close(raw);
  auto report = check_sqlite(path);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
}

TEST(Store, ADamagedDictionaryOrAMissingOneIsAClearError) {
  TempDir dir;
  const std::string path = dir.file("a.db");
  StoreOptions o = fixed_clock();
  o.dictionary_samples = 24;
  {
    auto db = open_sqlite(path, o);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->put(analysed(0, 30)).has_value());
    ASSERT_NE((*db)->dictionary(), nullptr);
  }
  const std::string copy = dir.file("copy.db");
  fs::copy_file(path, copy);
  sqlite3* raw = nullptr;
  // Its last 8 bytes (sample text) overwritten: its checksum no longer holds.
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE analysis_dictionaries SET dictionary = CAST(substr(dictionary, 1, length(dictionary) - 8) || 'damaged!' AS BLOB)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto db = open_sqlite(path, o);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().where().file, path);
  EXPECT_NE(db.error().message().find("zstd dictionary 1 (table analysis_dictionaries) is damaged"), std::string::npos)
      << db.error().to_string();
  auto report = check_sqlite(path);
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok());
  ASSERT_FALSE(report->problems.empty());
  EXPECT_NE(report->problems.front().find("zstd dictionary 1"), std::string::npos) << report->problems.front();
  // An analysis that names a dictionary the store does not hold.
  ASSERT_EQ(sqlite3_open(copy.c_str(), &raw), SQLITE_OK);
  const std::string first = one(raw, "SELECT min(document) FROM analyses");
  ASSERT_EQ(sqlite3_exec(raw, ("PRAGMA foreign_keys = OFF; UPDATE analyses SET dictionary = 9 WHERE document = " + first).c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto r2 = check_sqlite(copy);
  ASSERT_TRUE(r2.has_value());
  ASSERT_EQ(r2->problems.size(), 1u);
  EXPECT_EQ(r2->problems.front(), "the analysis of document row " + first + " -> 9 names a zstd dictionary the store does not hold");
  auto db2 = open_sqlite(copy, o);
  ASSERT_TRUE(db2.has_value());
  auto st = (*db2)->each_analysis({}, [](const DocumentInfo&, const Analysis&) { return true; });
  ASSERT_FALSE(st.has_value());
  EXPECT_NE(st.error().message().find("names zstd dictionary 9"), std::string::npos) << st.error().to_string();
}

}  // namespace
}  // namespace assay::store
