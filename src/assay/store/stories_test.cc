// store/stories_test: stories persist in the SQLite store (migrations 4-6):
// a clusterer saves each placement, a new one loads where it stopped, the
// queries by date and entity, the history with the store's clock, and a
// deleted document leaves its story.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <unistd.h>

#include "assay/corpus/cluster.h"
#include "assay/store/store.h"
#include "assay/store/store_test_util.h"

namespace assay::store {
namespace {

namespace fs = std::filesystem;

corpus::ArticleFacts article(std::string id, std::string outlet, std::string date, std::string text,
                             std::vector<std::string> entities, int official = 0) {
  analysis::DocumentAnalysis a;
  a.document.id = id;
  a.document.outlet = outlet;
  a.document.published = date;
  a.document.title = text.substr(0, 40);
  a.document.text = text;
  corpus::ArticleFacts f = corpus::facts_of(a, content_key(a.document.title, text));
  f.entities = std::move(entities);
  f.official = official;
  return f;
}

const char* kScoop =
    "Vietnam plans to cap exports of refined rare-earth oxides from its northern separation plant next year, three "
    "officials said, asking not to be named because the plan is not public.";
const char* kEcho =
    "Vietnam will cap exports of refined rare-earth oxides from the northern separation plant next year, according to a "
    "wire report that cited three officials.";

void remove_store(const fs::path& p) {
  fs::remove(p);
  fs::remove(p.string() + "-wal");
  fs::remove(p.string() + "-shm");
}

// Puts the documents into `store`, then places the articles through a
// clusterer loaded from it (as ingest does: the documents first).
void put_and_place(Store& store, std::span<const Entry> docs, std::span<const corpus::ArticleFacts> placed) {
  ASSERT_TRUE(store.put(docs));
  auto c = corpus::Clusterer::load(store.stories());
  ASSERT_TRUE(c);
  for (const auto& f : placed) ASSERT_TRUE(c->place(f));
}

// Where a syndicated copy of the scoop and then an echo go, placed by a
// clusterer loaded from `store`: one line each ("story duplicate_of
// score"). A migrated store must place them as one that never migrated.
std::vector<std::string> next_placements(Store& store) {
  std::vector<std::string> out;
  auto c = corpus::Clusterer::load(store.stories());
  EXPECT_TRUE(c) << c.error().to_string();
  if (!c) return out;
  for (const auto& f : {article("copy", "Harbour Post", "2025-07-02", std::string(kScoop) + " Exports rose last year.", {"Vietnam"}),
                        article("echo", "Metal Bulletin Board", "2025-07-03", kEcho, {"Vietnam"})}) {
    auto r = c->place(f);
    EXPECT_TRUE(r);
    if (!r) return out;
    out.push_back(fmt::format("{} {} {:.3f}", r->story, r->duplicate_of, r->score));
  }
  return out;
}
const char* kOther =
    "Brazil's first ionic-clay rare-earth mine shipped its initial cargo of mixed carbonate to a buyer in Estonia, the "
    "operator said on Friday.";
const char* kStatement =
    "Vietnam's industry ministry said it would review the export rules for refined rare-earth oxides and the northern "
    "separation plant, a spokesman told reporters on the record.";

TEST(Stories, PlacementsPersistAndAReloadedClustererGoesOn) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-test-" + std::to_string(::getpid()) + ".db");
  fs::remove(path);
  std::int64_t now = 1765000000;
  StoreOptions opts{.clock = [&now] { return now; }};
  std::int64_t story = 0;
  {
    auto db = open_sqlite(path.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
    auto c = corpus::Clusterer::load((*db)->stories());
    ASSERT_TRUE(c) << c.error().to_string();
    ASSERT_TRUE(c->place(article("statement", "Hanoi Daily", "2025-05-02", kStatement, {"Vietnam"}, 1)));
    auto a = c->place(article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"}));
    ASSERT_TRUE(a);
    story = a->story;
    auto b = c->place(article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"}));
    ASSERT_TRUE(b);
    EXPECT_NE(b->story, story);
  }
  now += 3600;
  auto db = open_sqlite(path.string(), opts);
  ASSERT_TRUE(db);
  auto c = corpus::Clusterer::load((*db)->stories());
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(c->articles(), 3u);
  auto e = c->place(article("echo", "Metal Bulletin Board", "2025-07-03", kEcho, {"Vietnam"}));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->story, story);
  auto s = (*db)->stories().story(story);
  ASSERT_TRUE(s && *s);
  ASSERT_EQ((*s)->members.size(), 2u);
  EXPECT_EQ((*s)->members[0].id, "scoop");
  EXPECT_EQ((*s)->members[0].role, corpus::Role::kOrigin);
  EXPECT_EQ((*s)->members[0].joined_at, 1765000000);
  EXPECT_EQ((*s)->members[1].role, corpus::Role::kEcho);
  EXPECT_EQ((*s)->members[1].joined_at, 1765003600);
  EXPECT_EQ((*s)->origin_outlet, "Delta Wire");
  ASSERT_EQ((*s)->background.size(), 1u);
  EXPECT_EQ((*s)->background[0].id, "statement");
  auto h = (*db)->stories().history(story);
  ASSERT_TRUE(h);
  ASSERT_GE(h->size(), 3u);
  EXPECT_NE((*h)[0].what.find("started the story"), std::string::npos) << (*h)[0].what;
  EXPECT_EQ(h->back().at, 1765003600);
  // Queries.
  auto vietnam = (*db)->stories().stories({.entity = "vietnam"});
  ASSERT_TRUE(vietnam);
  EXPECT_EQ(vietnam->size(), 2u);  // the statement's own story and the scoop's
  auto july = (*db)->stories().stories({.since = "2025-07"});
  ASSERT_TRUE(july);
  EXPECT_EQ(july->size(), 2u);
  auto none = (*db)->stories().stories({.entity = "Chile"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
}

// A store of schema 5 (facts lines of version 2, the shingles in them as
// hex) migrates to 6: its placed articles load with the same shingles, and
// the next article is placed as it would have been.
TEST(Stories, AStoreOfSchema5MigratesAndPlacesAsBefore) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-migrate-" + std::to_string(::getpid()) + ".db");
  fs::path fresh = fs::temp_directory_path() / ("assay-stories-fresh-" + std::to_string(::getpid()) + ".db");
  for (const auto& p : {path, fresh}) fs::remove(p);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  const auto placed = {article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"}),
                       article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"})};
  for (const auto& p : {path, fresh}) {
    auto db = open_sqlite(p.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    auto c = corpus::Clusterer::load((*db)->stories());
    ASSERT_TRUE(c);
    for (const auto& f : placed) ASSERT_TRUE(c->place(f));
  }
  {
    // Back to schema 7 (store_test_util.h), then 5: each line of version 2
    // with its shingles as hex, no column.
    testing::roll_back_to_schema_7(path.string());
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    for (const auto& f : placed) {
      std::string line = corpus::encode_facts(f), hex;
      for (auto x : f.shingles) hex += fmt::format("{:08x}", x);
      line[0] = '2';
      line.insert(line.find("\x1f\x1f") + 1, hex);
      sqlite3_stmt* s = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(raw, "UPDATE story_articles SET facts = ?2 WHERE key = ?1", -1, &s, nullptr), SQLITE_OK);
      sqlite3_bind_text(s, 1, f.key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 2, line.c_str(), static_cast<int>(line.size()), SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
      sqlite3_finalize(s);
    }
    // (and without migration 7's dictionaries: analyses as migration 1 made it)
    ASSERT_EQ(sqlite3_exec(raw, "ALTER TABLE story_articles DROP COLUMN shingles; DROP TABLE analyses; "
                                "CREATE TABLE analyses (document INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE, "
                                "schema TEXT NOT NULL, producer TEXT NOT NULL, analysed_at INTEGER NOT NULL, json BLOB NOT NULL); "
                                "CREATE INDEX analyses_producer ON analyses(producer); DROP TABLE analysis_dictionaries; "
                                "DELETE FROM schema_migrations WHERE version >= 6",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  auto db = open_sqlite(path.string(), opts);
  ASSERT_TRUE(db) << db.error().to_string();
  EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
  std::vector<std::vector<std::uint32_t>> shingles;
  ASSERT_TRUE((*db)->stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) {
    shingles.push_back(f.shingles);
  }));
  ASSERT_EQ(shingles.size(), 2u);
  EXPECT_EQ(shingles[0], placed.begin()->shingles);
  EXPECT_FALSE(shingles[0].empty());
  // The next article goes where it goes in a store that never migrated:
  // a syndicated copy of the scoop (found by its shingles) and an echo.
  std::vector<std::string> where[2] = {next_placements(**db), {}};
  db->reset();
  {
    auto f = open_sqlite(fresh.string(), opts);
    ASSERT_TRUE(f) << f.error().to_string();
    where[1] = next_placements(**f);
  }
  ASSERT_EQ(where[0].size(), 2u);
  EXPECT_EQ(where[0], where[1]);
  EXPECT_NE(where[0][0].find(placed.begin()->key), std::string::npos) << where[0][0];  // the copy found its original
  for (const auto& p : {path, fresh}) remove_store(p);
}

// A clusterer loaded from the store keeps in memory only the facts of the
// articles within kBackgroundDays of the newest: older ones are read back
// when a placement needs them (here an article that arrives late, dated
// beside them), and the placements and stories are those of a clusterer
// that keeps every article's facts.
TEST(Stories, OldFactsLeaveMemoryAndComeBackWhenAStoryChanges) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-evict-" + std::to_string(::getpid()) + ".db");
  fs::remove(path);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  const char* kLater =
      "Chile's lithium brine producer agreed a new royalty schedule with the state agency, the company said in a filing on "
      "Monday.";
  auto copy = article("copy", "Harbour Post", "2025-01-12", std::string(kScoop) + " Exports rose last year.", {"Vietnam"});
  const std::vector<corpus::ArticleFacts> first = {article("scoop", "Delta Wire", "2025-01-10", kScoop, {"Vietnam"}),
                                                   article("other", "Delta Wire", "2025-01-11", kOther, {"Brazil", "Estonia"}),
                                                   article("later", "Andes Mining", "2025-08-01", kLater, {"Chile"})};
  // The copy first: its original's shingle set must come back to find it.
  const std::vector<corpus::ArticleFacts> late = {copy, article("echo", "Metal Bulletin Board", "2025-01-12", kEcho, {"Vietnam"})};
  corpus::Clusterer all;  // keeps every article's facts
  std::vector<std::string> want;
  for (const auto* list : {&first, &late})
    for (const auto& f : *list) {
      auto r = all.place(f);
      ASSERT_TRUE(r);
      want.push_back(fmt::format("{} {} {} {:.3f}", r->story, r->new_story, r->duplicate_of, r->score));
    }
  std::vector<std::string> got;
  {
    auto db = open_sqlite(path.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    auto c = corpus::Clusterer::load((*db)->stories());
    ASSERT_TRUE(c) << c.error().to_string();
    for (const auto& f : first) {
      auto r = c->place(f);
      ASSERT_TRUE(r);
      got.push_back(fmt::format("{} {} {} {:.3f}", r->story, r->new_story, r->duplicate_of, r->score));
    }
    // August is more than kBackgroundDays after January: only its own facts stay.
    EXPECT_EQ(c->articles(), 3u);
    EXPECT_EQ(c->resident(), 1u);
    EXPECT_EQ(c->reloads(), 0u);
    EXPECT_LT(c->footprint().facts, all.footprint().facts);
    EXPECT_LT(c->footprint().duplicates, all.footprint().duplicates);  // two of the three shingle sets dropped
  }
  // A clusterer loaded afresh drops them as it loads.
  auto db = open_sqlite(path.string(), opts);
  ASSERT_TRUE(db);
  auto c = corpus::Clusterer::load((*db)->stories());
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(c->resident(), 1u);
  for (const auto& f : late) {
    auto r = c->place(f);
    ASSERT_TRUE(r) << r.error().to_string();
    got.push_back(fmt::format("{} {} {} {:.3f}", r->story, r->new_story, r->duplicate_of, r->score));
  }
  EXPECT_EQ(got, want);
  EXPECT_GT(c->reloads(), 0u);  // the scoop's facts, read back to place the echo beside it
  EXPECT_NE(got[3].find(first[0].key), std::string::npos) << got[3];  // the copy found its original (not in memory)
  EXPECT_EQ(got[4].substr(0, got[4].find(' ')), got[0].substr(0, got[0].find(' ')));  // the echo joined the scoop
  auto story_id = std::stoll(got[0]);
  auto mine = c->story(story_id);
  auto theirs = all.story(story_id);
  ASSERT_TRUE(mine && *mine && theirs && *theirs);
  ASSERT_EQ((*mine)->members.size(), (*theirs)->members.size());
  for (std::size_t i = 0; i < (*mine)->members.size(); ++i) {
    EXPECT_EQ((*mine)->members[i].key, (*theirs)->members[i].key);
    EXPECT_EQ((*mine)->members[i].role, (*theirs)->members[i].role);
    EXPECT_EQ((*mine)->members[i].fidelity, (*theirs)->members[i].fidelity);
    EXPECT_EQ((*mine)->members[i].duplicate_of, (*theirs)->members[i].duplicate_of);
  }
  EXPECT_EQ((*mine)->origin_key, (*theirs)->origin_key);
  EXPECT_EQ((*mine)->title, (*theirs)->title);
  // The store's copy of the story is the one built here.
  auto stored = (*db)->stories().story(story_id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->members.size(), (*mine)->members.size());
  // A key never placed reads back as an error naming it.
  auto missing = (*db)->stories().placed_facts("no-such-key");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("no-such-key"), std::string::npos);
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
}

// The rows of the story tables, one line each, in a fixed order.
std::vector<std::string> story_rows(const fs::path& path) {
  std::vector<std::string> out;
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) return {"cannot open"};
  for (const char* sql : {"SELECT 's', id, title, first_published, origin_outlet, origin_key, origin_why, entities, created_at, updated_at "
                          "FROM stories ORDER BY id",
                          "SELECT 'm', story, key, id, outlet, published, title, role, fidelity, duplicate_of, score, joined_at, seq "
                          "FROM story_members ORDER BY story, key",
                          "SELECT 'b', story, key, id, published, score, linked_at FROM story_background ORDER BY story, key",
                          "SELECT 'e', story, name FROM story_entities ORDER BY story, name",
                          "SELECT 'h', story, at, what FROM story_history ORDER BY seq"}) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &s, nullptr) != SQLITE_OK) return {sqlite3_errmsg(raw)};
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string line;
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const auto* t = sqlite3_column_text(s, i);
        line += fmt::format("{}|", t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      out.push_back(std::move(line));
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(raw);
  return out;
}

// The document of a placed article, as ingest stores it (the title and
// text its facts were made from, under the same key).
Entry document_of(const corpus::ArticleFacts& f, std::string_view text) {
  Entry e;
  e.document.info = {.key = f.key, .id = f.id, .outlet = f.outlet, .published = f.published, .title = f.title};
  e.document.text = std::string(text);
  return e;
}

std::string one_value(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(raw);
  return out;
}

// A clusterer writes of a story it saved before only what changed (the
// member that joined, the members whose role or fidelity moved, a new
// background statement, the entities when they changed): the tables end
// as when every placement writes each story whole (here: a clusterer
// loaded afresh before each placement, which knows nothing it saved).
TEST(Stories, ASavedStoryIsWrittenByItsChangesAndEndsAsWrittenWhole) {
  const fs::path parts = fs::temp_directory_path() / ("assay-stories-parts-" + std::to_string(::getpid()) + ".db");
  const fs::path whole = fs::temp_directory_path() / ("assay-stories-whole-" + std::to_string(::getpid()) + ".db");
  for (const auto& p : {parts, whole}) fs::remove(p);
  std::int64_t now = 1765000000;
  StoreOptions opts{.clock = [&now] { return now; }};
  const char* kRecap =
      "Vietnam is capping exports of refined rare-earth oxides from its northern separation plant next year, officials said "
      "on Monday, confirming an earlier report.";
  // The echo first (the origin while alone), then the scoop published
  // before it (now the origin: the echo's role and fidelity move), an
  // unrelated story, a recap (Hanoi, named by the echo alone, is no longer
  // one of the story's entities), and an earlier official statement placed
  // last (background of the scoop's story, which it links from its own).
  const std::vector<corpus::ArticleFacts> order = {
      article("echo", "Metal Bulletin Board", "2025-07-03", kEcho, {"Hanoi", "Vietnam"}),
      article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"}),
      article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"}),
      article("recap", "Harbour Post", "2025-07-04", kRecap, {"Vietnam"}),
      article("statement", "Hanoi Daily", "2025-05-02", kStatement, {"Vietnam"}, 1),
  };
  std::vector<std::string> where[2];
  {
    auto db = open_sqlite(parts.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    auto c = corpus::Clusterer::load((*db)->stories());
    ASSERT_TRUE(c) << c.error().to_string();
    for (const auto& f : order) {
      now += 60;
      auto r = c->place(f);
      ASSERT_TRUE(r) << r.error().to_string();
      where[0].push_back(fmt::format("{} {}", r->story, r->new_story));
    }
    // What the store holds is what the clusterer built.
    for (std::int64_t id = 1; id <= static_cast<std::int64_t>(c->story_count()); ++id) {
      auto built = c->story(id);
      auto stored = (*db)->stories().story(id);
      ASSERT_TRUE(built && *built && stored && *stored);
      ASSERT_EQ((*stored)->members.size(), (*built)->members.size());
      for (std::size_t i = 0; i < (*built)->members.size(); ++i) {
        EXPECT_EQ((*stored)->members[i].key, (*built)->members[i].key);
        EXPECT_EQ((*stored)->members[i].role, (*built)->members[i].role);
        EXPECT_EQ((*stored)->members[i].fidelity, (*built)->members[i].fidelity);
      }
      ASSERT_EQ((*stored)->background.size(), (*built)->background.size());
      EXPECT_EQ((*stored)->entities, (*built)->entities);
    }
  }
  now = 1765000000;
  for (const auto& f : order) {
    now += 60;
    auto db = open_sqlite(whole.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    auto c = corpus::Clusterer::load((*db)->stories());
    ASSERT_TRUE(c) << c.error().to_string();
    auto r = c->place(f);
    ASSERT_TRUE(r) << r.error().to_string();
    where[1].push_back(fmt::format("{} {}", r->story, r->new_story));
  }
  EXPECT_EQ(where[0], where[1]);
  ASSERT_EQ(where[0].size(), 5u);
  EXPECT_EQ(where[0][1], where[0][0].substr(0, where[0][0].find(' ')) + " false");  // the scoop joined the echo
  EXPECT_EQ(where[0][3], where[0][1]);                                               // and so did the recap
  const auto a = story_rows(parts), b = story_rows(whole);
  EXPECT_EQ(a, b);
  // The sequence did what it is here for: a role moved, and a background
  // statement was linked to a story saved before.
  auto has = [&](std::string_view what) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& l) { return l.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(has("the origin is now")) << fmt::format("{}", fmt::join(a, "\n"));
  EXPECT_TRUE(std::any_of(a.begin(), a.end(), [](const std::string& l) { return l.starts_with("b|"); }))
      << fmt::format("{}", fmt::join(a, "\n"));
  EXPECT_FALSE(has("e|1|Hanoi|")) << fmt::format("{}", fmt::join(a, "\n"));
  for (const auto& p : {parts, whole}) {
    fs::remove(p);
    fs::remove(p.string() + "-wal");
    fs::remove(p.string() + "-shm");
  }
}


// Migration 8: a placed article's shingles are stored only when its
// document does not give them back (corpus::shingle_set of its title and
// text); its facts line is packed. Every placed article reads back with its
// shingles whichever way they were kept.
TEST(Stories, ShinglesAreKeptOnlyWhereTheDocumentDoesNotGiveThemBack) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-shingles-" + std::to_string(::getpid()) + ".db");
  remove_store(path);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  auto scoop = article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"});
  auto other = article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"});
  auto odd = article("odd", "Harbour Post", "2025-07-02", kStatement, {"Vietnam"});
  const std::vector<corpus::ArticleFacts> placed = {scoop, other, odd};
  {
    auto db = open_sqlite(path.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    // The scoop's document as ingest stores it; the odd one's document is
    // another text under its key (the shingles it gives are not its facts');
    // the other has none.
    const std::vector<Entry> docs = {document_of(scoop, kScoop), document_of(odd, kEcho)};
    ASSERT_NO_FATAL_FAILURE(put_and_place(**db, docs, placed));
  }
  EXPECT_EQ(one_value(path.string(), "SELECT group_concat(key || ':' || (shingles IS NULL), ' ') FROM "
                                     "(SELECT key, shingles FROM story_articles ORDER BY seq)"),
            fmt::format("{}:1 {}:0 {}:0", scoop.key, other.key, odd.key));
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM story_articles WHERE typeof(facts) = 'blob'"), "3");
  auto db = open_sqlite(path.string(), opts);
  ASSERT_TRUE(db);
  std::vector<std::vector<std::uint32_t>> loaded;
  ASSERT_TRUE((*db)->stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) { loaded.push_back(f.shingles); }));
  ASSERT_EQ(loaded.size(), 3u);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    EXPECT_FALSE(placed[i].shingles.empty());
    EXPECT_EQ(loaded[i], placed[i].shingles) << placed[i].id;
    auto back = (*db)->stories().placed_facts(placed[i].key);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(back->shingles, placed[i].shingles) << placed[i].id;
    EXPECT_EQ(corpus::encode_facts(*back), corpus::encode_facts(placed[i]));
  }
  // A redone analysis's facts: packed again, the shingles as before.
  auto again = scoop;
  again.terms.push_back("zzz");
  ASSERT_TRUE((*db)->stories().update_facts(again));
  auto back = (*db)->stories().placed_facts(scoop.key);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->terms, again.terms);
  EXPECT_EQ(back->shingles, scoop.shingles);
  auto report = check_sqlite(path.string());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
  EXPECT_EQ(report->placed, 3u);
  db->reset();
  remove_store(path);
}

// A store of schema 7 (main before migrations 8-10: text and facts lines
// as text, every placed article's shingles stored, the full-text index over
// the documents table) migrates: its texts and facts lines are packed, the
// shingles its documents give back are dropped, search finds and quotes
// the same, and the next articles are placed as in a store that never
// migrated.
TEST(Stories, AStoreOfSchema7MigratesPacksAndPlacesAsBefore) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-seven-" + std::to_string(::getpid()) + ".db");
  fs::path fresh = fs::temp_directory_path() / ("assay-stories-seven-fresh-" + std::to_string(::getpid()) + ".db");
  for (const auto& p : {path, fresh}) remove_store(p);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  const std::vector<std::pair<corpus::ArticleFacts, const char*>> placed = {
      {article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"}), kScoop},
      {article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"}), kOther}};
  std::vector<std::string> searched_before;
  for (const auto& p : {path, fresh}) {
    auto db = open_sqlite(p.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    std::vector<Entry> docs;
    std::vector<corpus::ArticleFacts> facts;
    for (const auto& [f, text] : placed) docs.push_back(document_of(f, text)), facts.push_back(f);
    ASSERT_NO_FATAL_FAILURE(put_and_place(**db, docs, facts));
  }
  auto searches = [](Store& db) {
    std::vector<std::string> out;
    for (const char* q : {"officials", "\"separation plant\"", "rare* NOT Brazil", "Estonia OR Vietnam"}) {
      auto hits = db.search(q, 10);
      EXPECT_TRUE(hits) << hits.error().to_string();
      if (hits)
        for (const auto& h : *hits) out.push_back(fmt::format("{}: {} {}", q, h.info.id, h.snippet));
    }
    return out;
  };
  testing::roll_back_to_schema_7(path.string());
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM story_articles WHERE shingles IS NOT NULL AND typeof(facts) = 'text'"), "2");
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM documents WHERE typeof(text) = 'text'"), "2");
  {
    // What schema 7 finds (its index over the documents table itself).
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT d.id, snippet(documents_fts, -1, '[', ']', '...', 12) FROM documents_fts f "
                                      "JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH '\"separation plant\"' ORDER BY f.rank, d.key",
                                 -1, &s, nullptr),
              SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW)
      searched_before.push_back(fmt::format("\"separation plant\": {} {}", reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                                            reinterpret_cast<const char*>(sqlite3_column_text(s, 1))));
    sqlite3_finalize(s);
    sqlite3_close(raw);
  }
  ASSERT_FALSE(searched_before.empty());
  auto db = open_sqlite(path.string(), opts);
  ASSERT_TRUE(db) << db.error().to_string();
  EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM story_articles WHERE shingles IS NULL AND typeof(facts) = 'blob'"), "2");
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM documents WHERE typeof(text) = 'blob'"), "2");
  auto mine = searches(**db);
  {
    auto f = open_sqlite(fresh.string(), opts);
    ASSERT_TRUE(f);
    EXPECT_EQ(mine, searches(**f));
  }
  for (const auto& line : searched_before) EXPECT_NE(std::find(mine.begin(), mine.end(), line), mine.end()) << line;
  std::vector<std::vector<std::uint32_t>> shingles;
  ASSERT_TRUE((*db)->stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) { shingles.push_back(f.shingles); }));
  ASSERT_EQ(shingles.size(), 2u);
  EXPECT_EQ(shingles[0], placed[0].first.shingles);
  EXPECT_EQ(shingles[1], placed[1].first.shingles);
  auto report = check_sqlite(path.string());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
  // The next articles go where they go in the store that never migrated.
  std::vector<std::string> where[2] = {next_placements(**db), {}};
  db->reset();
  {
    auto f = open_sqlite(fresh.string(), opts);
    ASSERT_TRUE(f) << f.error().to_string();
    where[1] = next_placements(**f);
  }
  ASSERT_EQ(where[0].size(), 2u);
  EXPECT_EQ(where[0], where[1]);
  EXPECT_NE(where[0][0].find(placed[0].first.key), std::string::npos) << where[0][0];
  // Deleting a document takes it out of the index (the trigger unpacks its
  // text), and putting it again puts it back.
  auto again = open_sqlite(path.string(), opts);
  ASSERT_TRUE(again);
  ASSERT_TRUE((*again)->remove({.key = "other"}));
  auto gone = (*again)->search("Estonia", 10);
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->empty());
  ASSERT_TRUE((*again)->put(std::vector<Entry>{document_of(placed[1].first, placed[1].second)}));
  auto back = (*again)->search("Estonia", 10);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size(), 1u);
  again->reset();
  for (const auto& p : {path, fresh}) remove_store(p);
}

// A store of schema 10 (the placed articles' shingle sets made again from
// their documents at each load) migrates: each placed article gets the band
// keys of its set however the set was kept (given back by the document,
// stored, none for an empty set), as a store of schema 11 writes them; a
// load reads them and no set; a row without them is read as before; and the
// next articles are placed as in a store that never migrated (the copy
// found through the set read back for its check).
TEST(Stories, AStoreOfSchema10MigratesToBandKeysAndPlacesAsBefore) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-ten-" + std::to_string(::getpid()) + ".db");
  fs::path fresh = fs::temp_directory_path() / ("assay-stories-ten-fresh-" + std::to_string(::getpid()) + ".db");
  for (const auto& p : {path, fresh}) remove_store(p);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  auto scoop = article("scoop", "Delta Wire", "2025-07-01", kScoop, {"Vietnam"});
  auto other = article("other", "Delta Wire", "2025-07-02", kOther, {"Brazil", "Estonia"});
  auto odd = article("odd", "Harbour Post", "2025-07-02", kStatement, {"Vietnam"});
  auto blank = article("blank", "Harbour Post", "2025-07-02", "", {});
  ASSERT_TRUE(blank.shingles.empty());
  const std::vector<corpus::ArticleFacts> placed = {scoop, other, odd, blank};
  std::vector<std::optional<corpus::NearDuplicateIndex::BandKeys>> keys;
  std::string expected;
  for (const auto& f : placed) {
    keys.push_back(f.shingles.empty() ? std::nullopt : std::optional(corpus::NearDuplicateIndex::band_keys(f.shingles)));
    std::string hex;
    if (keys.back())
      for (unsigned char ch : corpus::encode_band_keys(*keys.back())) hex += fmt::format("{:02X}", ch);
    expected += (expected.empty() ? "" : " ") + fmt::format("{}:{}", f.id, hex);
  }
  for (const auto& p : {path, fresh}) {
    auto db = open_sqlite(p.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    const std::vector<Entry> docs = {document_of(scoop, kScoop), document_of(odd, kEcho)};
    ASSERT_NO_FATAL_FAILURE(put_and_place(**db, docs, placed));
  }
  // What a load reads: the facts without their sets, the keys as made.
  auto bands_of = [&](const fs::path& p) {
    auto db = open_sqlite(p.string(), opts);
    ASSERT_TRUE(db);
    std::size_t i = 0;
    EXPECT_TRUE((*db)->stories().each_placed_keys(
        [&](corpus::ArticleFacts&& f, const std::optional<corpus::NearDuplicateIndex::BandKeys>& b, std::int64_t, const std::string&) {
          EXPECT_TRUE(f.shingles.empty()) << f.id;
          EXPECT_LT(i, placed.size());
          if (i < placed.size()) {
            EXPECT_EQ(f.key, placed[i].key);
            EXPECT_EQ(b, keys[i]) << f.id;
          }
          ++i;
        }));
    EXPECT_EQ(i, placed.size());
  };
  auto stored = [&](const fs::path& p) {
    std::string out;
    for (std::size_t i = 0; i < placed.size(); ++i)
      out += (i ? " " : "") + fmt::format("{}:{}", placed[i].id,
                                          one_value(p.string(), fmt::format("SELECT hex(bands) FROM story_articles WHERE key = '{}'", placed[i].key)));
    return out;
  };
  EXPECT_EQ(stored(fresh), expected);
  bands_of(fresh);
  testing::roll_back_to_schema_10(path.string());
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM pragma_table_info('story_articles') WHERE name = 'bands'"), "0");
  {
    auto db = open_sqlite(path.string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    EXPECT_EQ((*db)->schema_version(), sqlite_schema_version());
  }
  EXPECT_EQ(stored(path), expected);
  bands_of(path);
  auto report = check_sqlite(path.string());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
  // A row without its keys (one migration 11 could not read) is read as
  // before: its set made from its document, its keys from the set.
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, fmt::format("UPDATE story_articles SET bands = NULL WHERE key = '{}'", scoop.key).c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  EXPECT_EQ(one_value(path.string(), "SELECT count(*) FROM story_articles WHERE bands IS NULL"), "1");
  bands_of(path);
  // The next articles go where they go in the store that never migrated:
  // the copy of the scoop, whose set no load made, is found.
  std::vector<std::string> where[2];
  for (int i = 0; i < 2; ++i) {
    auto db = open_sqlite((i ? fresh : path).string(), opts);
    ASSERT_TRUE(db) << db.error().to_string();
    where[i] = next_placements(**db);
  }
  ASSERT_EQ(where[0].size(), 2u);
  EXPECT_EQ(where[0], where[1]);
  EXPECT_NE(where[0][0].find(scoop.key), std::string::npos) << where[0][0];
  for (const auto& p : {path, fresh}) remove_store(p);
}

// assay db check unpacks every packed column: a damaged text names its
// document.
TEST(Stories, ADamagedPackedTextIsACheckProblem) {
  fs::path path = fs::temp_directory_path() / ("assay-stories-damaged-" + std::to_string(::getpid()) + ".db");
  remove_store(path);
  StoreOptions opts{.clock = [] { return std::int64_t{1765000000}; }};
  {
    auto db = open_sqlite(path.string(), opts);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->put(std::vector<Entry>{document_of(article("scoop", "Delta Wire", "2025-07-01", kScoop, {}), kScoop)}));
  }
  auto ok = check_sqlite(path.string());
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->ok());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE documents SET text = CAST(substr(text, 1, length(text) - 4) AS BLOB)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto report = check_sqlite(path.string());
  ASSERT_TRUE(report);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find("the text of document scoop (row 1) does not read"), std::string::npos) << report->problems[0];
  remove_store(path);
}

}  // namespace
}  // namespace assay::store
