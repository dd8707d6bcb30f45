// store/sqlite_store: the SQLite implementation of store::Store (store.h).
// One connection, prepared statements kept for the connection's life, one
// transaction per put() batch; the schema is built by numbered migrations
// recorded in `schema_migrations`.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "assay/base/strings.h"
#include "assay/store/store.h"
#include "assay/store/stories_internal.h"

namespace assay::store {
namespace {

// The migrations, in order: migration i + 1 is kMigrations[i]. A migration
// once shipped never changes; a new schema is a new migration.
constexpr std::array<const char*, 11> kMigrations = {
    // 1: documents by content key, one analysis per document.
    R"sql(
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  outlet TEXT NOT NULL,
  published TEXT NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  format TEXT NOT NULL,
  blocks TEXT NOT NULL,
  stored_at INTEGER NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet COLLATE NOCASE);
CREATE INDEX documents_id ON documents(id);
CREATE TABLE analyses (
  document INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
  schema TEXT NOT NULL,
  producer TEXT NOT NULL,
  analysed_at INTEGER NOT NULL,
  json BLOB NOT NULL
);
CREATE INDEX analyses_producer ON analyses(producer);
)sql",
    // 2: entity names for queries, and the full-text index over title and
    // text (external content: the text is stored once, in documents).
    R"sql(
CREATE TABLE entities (
  name TEXT NOT NULL COLLATE NOCASE,
  document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  PRIMARY KEY (name, document)
) WITHOUT ROWID;
CREATE INDEX entities_document ON entities(document);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
)sql",
    // 3: feeds polled over HTTP (their validators for a conditional GET),
    // documents by URL and the URLs fetched whose text was stored under
    // another (an article linked from a feed is fetched once).
    R"sql(
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  checked_at INTEGER NOT NULL,
  status INTEGER NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url != '';
CREATE TABLE fetched_urls (
  url TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 4: stories (corpus/cluster.h): each placed article's facts in placement
    // order, the stories with their members (role, fidelity, when they
    // joined), background statements, entities and history. Deleting a
    // document takes it out of its story.
    R"sql(
CREATE TABLE story_articles (
  key TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  story INTEGER NOT NULL,
  duplicate_of TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  first_published TEXT NOT NULL,
  origin_outlet TEXT NOT NULL,
  origin_key TEXT NOT NULL,
  origin_why TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX stories_first_published ON stories(first_published);
CREATE TABLE story_members (
  story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  id TEXT NOT NULL,
  outlet TEXT NOT NULL,
  published TEXT NOT NULL,
  title TEXT NOT NULL,
  role TEXT NOT NULL,
  fidelity INTEGER NOT NULL,
  duplicate_of TEXT NOT NULL,
  score REAL NOT NULL,
  joined_at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (story, key)
);
CREATE INDEX story_members_key ON story_members(key);
CREATE TABLE story_background (
  story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  id TEXT NOT NULL,
  outlet TEXT NOT NULL,
  published TEXT NOT NULL,
  title TEXT NOT NULL,
  score REAL NOT NULL,
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (story, key)
);
CREATE TABLE story_entities (
  name TEXT NOT NULL COLLATE NOCASE,
  story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  PRIMARY KEY (name, story)
) WITHOUT ROWID;
CREATE TABLE story_history (
  seq INTEGER PRIMARY KEY,
  story INTEGER NOT NULL,
  at INTEGER NOT NULL,
  what TEXT NOT NULL
);
CREATE INDEX story_history_story ON story_history(story);
CREATE TRIGGER documents_story_delete AFTER DELETE ON documents BEGIN
  DELETE FROM story_articles WHERE key = old.key;
  DELETE FROM story_members WHERE key = old.key;
  DELETE FROM story_background WHERE key = old.key;
END;
)sql",
    // 5: the story tables by the columns placing and deleting look them up
    // by: each placement clears a story's entities (story_entities is keyed
    // by name first, so that was a scan of the table per placed article),
    // and deleting a document takes it out of the background by key.
    R"sql(
CREATE INDEX story_entities_story ON story_entities(story);
CREATE INDEX story_background_key ON story_background(key);
)sql",
    // 6: a placed article's shingles apart from its facts line, as binary
    // (4 bytes each; the line of version 3 leaves them out): half the bytes
    // of the hex the line carried. NULL for an article placed before, whose
    // line (version 2) still carries them.
    R"sql(
ALTER TABLE story_articles ADD COLUMN shingles BLOB;
)sql",
    // 7: the zstd dictionary the analyses are compressed with (store.h,
    // Dictionary), trained once from the store's first analyses; each
    // analysis names the one it needs (NULL: none, a row written before).
    // `checksum` is the FNV-1a-64 of the bytes, in hex, for assay db check.
    R"sql(
CREATE TABLE analysis_dictionaries (
  id INTEGER PRIMARY KEY,
  dictionary BLOB NOT NULL,
  checksum TEXT NOT NULL,
  samples INTEGER NOT NULL,
  level INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
ALTER TABLE analyses ADD COLUMN dictionary INTEGER REFERENCES analysis_dictionaries(id);
)sql",
    // 8: dictionaries of three kinds (stories_internal.h, Kind): the
    // analyses', the documents' text's and the facts lines'. A placed
    // article's facts line is packed (zstd; `dictionary` names the one it
    // needs, NULL for none), and its shingles are no longer kept where its
    // document's title and text give them back (corpus::shingle_set of
    // title "\n" text, which is what facts_of keeps): only where they do
    // not, or the store holds no document under its key, are they stored.
    // assay_pack and assay_shingles are the store's SQL functions
    // (register_functions).
    R"sql(
ALTER TABLE analysis_dictionaries ADD COLUMN kind TEXT NOT NULL DEFAULT 'analysis';
ALTER TABLE story_articles ADD COLUMN dictionary INTEGER REFERENCES analysis_dictionaries(id);
UPDATE story_articles SET facts = assay_pack(facts);
UPDATE story_articles SET shingles = NULL WHERE shingles IS NOT NULL AND
  shingles = (SELECT assay_shingles(d.title, d.text) FROM documents d WHERE d.key = story_articles.key);
)sql",
    // 9: the documents' text packed (zstd; `dictionary` names the one it
    // needs, NULL for none). The full-text index reads its content through
    // the view documents_text, which unpacks it (assay_text): snippets and
    // deletions see the text as it was put. Made again from the view.
    R"sql(
ALTER TABLE documents ADD COLUMN dictionary INTEGER REFERENCES analysis_dictionaries(id);
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TABLE documents_fts;
UPDATE documents SET text = assay_pack(text);
CREATE VIEW documents_text(id, title, text) AS SELECT rowid, title, assay_text(text, dictionary) FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents_text', content_rowid='id');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, assay_text(new.text, new.dictionary));
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, assay_text(old.text, old.dictionary));
END;
)sql",
    // 10: a document's entity names by number: each name once in
    // entity_names (ASCII case ignored, the first spelling kept), the
    // entities table (and its index by document) rows of two integers.
    R"sql(
CREATE TABLE entity_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
INSERT OR IGNORE INTO entity_names(name) SELECT name FROM entities ORDER BY name COLLATE BINARY;
CREATE TABLE entities_11 (
  name INTEGER NOT NULL REFERENCES entity_names(id),
  document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  PRIMARY KEY (name, document)
) WITHOUT ROWID;
INSERT OR IGNORE INTO entities_11(name, document) SELECT n.id, e.document FROM entities e JOIN entity_names n ON n.name = e.name;
DROP TABLE entities;
ALTER TABLE entities_11 RENAME TO entities;
CREATE INDEX entities_document ON entities(document);
)sql",
    // 11: each placed article's LSH band keys (corpus::encode_band_keys of
    // NearDuplicateIndex::band_keys of its shingle set: 21 keys, 168 bytes;
    // empty for an empty set), so that a clusterer's load makes no shingle
    // set: before, each was made again from its document's text. Filled
    // from each row's set as the store gives it back (assay_bands reads the
    // documents' packed text: the dictionaries are loaded before it runs);
    // NULL where the row does not read, and the load makes that set.
    R"sql(
ALTER TABLE story_articles ADD COLUMN bands BLOB;
UPDATE story_articles SET bands = assay_bands(facts, dictionary, shingles, CASE WHEN shingles IS NULL THEN
  (SELECT d.title || char(10) || assay_text(d.text, d.dictionary) FROM documents d WHERE d.key = story_articles.key) END);
)sql",
};

std::string checksum_of(std::string_view bytes) { return fmt::format("{:016x}", base::fnv1a(bytes)); }

// A prepared statement, finalized with its owner.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }
  void finalize() {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement (and clears its bindings) when the scope ends.
struct Reset {
  sqlite3_stmt* s;
  ~Reset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

// The columns every document query selects, in DocumentInfo's order.
constexpr const char* kInfoColumns = "d.key, d.id, d.source, d.url, d.outlet, d.published, d.title, d.author, d.stored_at";

DocumentInfo read_info(sqlite3_stmt* s) {
  DocumentInfo d;
  d.key = column_text(s, 0);
  d.id = column_text(s, 1);
  d.source = column_text(s, 2);
  d.url = column_text(s, 3);
  d.outlet = column_text(s, 4);
  d.published = column_text(s, 5);
  d.title = column_text(s, 6);
  d.author = column_text(s, 7);
  d.stored_at = sqlite3_column_int64(s, 8);
  return d;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, StoreOptions options) : path_(std::move(path)), options_(std::move(options)) {
    if (!options_.clock) options_.clock = system_clock_seconds;
  }
  ~SqliteStore() override {
    stories_.reset();
    // Statements first, then the connection.
    for (Statement* s : {&insert_doc_, &doc_rowid_, &upsert_analysis_, &clear_entities_, &entity_id_, &insert_entity_name_, &insert_entity_,
                         &producer_of_, &has_url_, &data_version_})
      s->finalize();
    sqlite3_close(db_);
  }

  base::Status open() {
    int flags = options_.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path_.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
      return fail("cannot open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // A file that is not a database fails here, on its first read.
    ASSAY_TRY_VOID(exec("SELECT count(*) FROM sqlite_master", "not an SQLite database, or a damaged one"));
    ASSAY_TRY_VOID(exec("PRAGMA foreign_keys = ON", "cannot turn on foreign keys"));
    if (path_ != ":memory:" && !options_.read_only) {
      ASSAY_TRY_VOID(exec("PRAGMA journal_mode = WAL", "cannot switch to WAL mode"));
      // In WAL mode NORMAL loses no committed transaction when the process
      // is killed (only, at worst, the last ones on a power cut).
      ASSAY_TRY_VOID(exec("PRAGMA synchronous = NORMAL", "cannot set synchronous"));
      // 32 MB of page cache: the full-text index's pages stay in memory
      // across a batch.
      ASSAY_TRY_VOID(exec("PRAGMA cache_size = -32768", "cannot set the cache size"));
    }
    if (options_.max_pages > 0) {
      std::string limit = fmt::format("PRAGMA max_page_count = {}", options_.max_pages);
      ASSAY_TRY_VOID(exec(limit.c_str(), "cannot set the page limit"));
    }
    // The views and triggers of migrations 8 and 9 call the store's SQL
    // functions: registered before migrating.
    ASSAY_TRY_VOID(internal::register_functions(db_, &dicts_, path_));
    ASSAY_TRY_VOID(migrate());
    ASSAY_TRY_VOID(load_dictionaries());
    stories_ = internal::sqlite_stories(db_, path_, options_.clock, dicts_);
    return {};
  }

  std::shared_ptr<const Dictionary> dictionary() const override { return dicts_.current(internal::Kind::kAnalysis); }

  base::Status train_dictionary_when_due() override {
    if (options_.read_only || options_.dictionary_samples == 0 || sqlite3_get_autocommit(db_) == 0) return {};
    for (internal::Kind k : internal::kKinds) {
      const auto i = static_cast<std::size_t>(k);
      if (dicts_.current(k)) continue;
      if (next_training_at_[i] == 0) next_training_at_[i] = options_.dictionary_samples;
      // Every row of a kind without a dictionary is without one: the
      // count stops at the threshold, a few rows read.
      Statement c;
      ASSAY_TRY_VOID(prepare(c, fmt::format("SELECT count(*) FROM (SELECT 1 FROM {} WHERE dictionary IS NULL LIMIT {})", table_of(k),
                                            next_training_at_[i])));
      if (sqlite3_step(c.get()) != SQLITE_ROW) return fail("cannot count the rows to train a dictionary from");
      if (static_cast<std::size_t>(sqlite3_column_int64(c.get(), 0)) < next_training_at_[i]) continue;
      c.finalize();
      ASSAY_TRY_VOID(exec("BEGIN IMMEDIATE", "cannot begin a transaction"));
      auto st = train(k, options_.dictionary_samples);
      if (st && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) st = fail("cannot commit the dictionary");
      if (!st || !*st) {
        if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        if (!st) return base::fail(st.error());
        next_training_at_[i] += options_.dictionary_samples;  // not trained: tried again later
        continue;
      }
      dicts_.add(k, std::move(*st));
    }
    return {};
  }

  const std::string& path() const override { return path_; }
  corpus::StoryRepository& stories() override { return *stories_; }
  int schema_version() const override { return version_; }

  base::Result<PutOutcome> put(std::span<const Entry> batch) override {
    ASSAY_TRY_VOID(prepare(insert_doc_, insert_documents_sql(kDocumentRows)));
    ASSAY_TRY_VOID(prepare(doc_rowid_, "SELECT rowid FROM documents WHERE key = ?1"));
    ASSAY_TRY_VOID(prepare(upsert_analysis_,
                           "INSERT INTO analyses(document, schema, producer, analysed_at, json, dictionary) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT(document) DO UPDATE SET schema = excluded.schema, producer = excluded.producer, "
                           "analysed_at = excluded.analysed_at, json = excluded.json, dictionary = excluded.dictionary"));
    ASSAY_TRY_VOID(prepare(clear_entities_, "DELETE FROM entities WHERE document = ?1"));
    ASSAY_TRY_VOID(prepare(entity_id_, "SELECT id FROM entity_names WHERE name = ?1"));
    ASSAY_TRY_VOID(prepare(insert_entity_name_, "INSERT INTO entity_names(name) VALUES (?1)"));
    ASSAY_TRY_VOID(prepare(insert_entity_, "INSERT OR IGNORE INTO entities(name, document) VALUES (?1, ?2)"));
    PutOutcome out;
    // Inside a transaction of stories().transaction() (app stores a batch
    // and places it into stories together), that one holds the batch.
    const bool own = sqlite3_get_autocommit(db_) != 0;
    if (own) ASSAY_TRY_VOID(exec("BEGIN IMMEDIATE", "cannot begin a transaction"));
    auto st = put_all(batch, out);
    if (own && st && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) st = fail("cannot commit");
    // The batch is stored whatever the training does; a training that
    // failed on the file's side fails the next put too.
    if (own && st) (void)train_dictionary_when_due();
    if (!st) {
      // SQLite says "database or disk is full" for a full disk and for the
      // page limit alike: say what the failure kept.
      const bool full = (sqlite3_extended_errcode(db_) & 0xff) == SQLITE_FULL;
      if (own && sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      if (full)
        return base::fail(base::Error::io(
            fmt::format("{} (the {} of this batch were not stored; what was stored before stays)", st.error().message(),
                        batch.size() == 1 ? std::string("document") : fmt::format("{} documents", batch.size())),
            {.file = path_}));
      return base::fail(st.error());
    }
    return out;
  }

  base::Result<std::optional<std::string>> producer_of(std::string_view key) override {
    ASSAY_TRY_VOID(prepare(producer_of_,
                           "SELECT a.producer FROM documents d LEFT JOIN analyses a ON a.document = d.rowid WHERE d.key = ?1"));
    sqlite3_stmt* s = producer_of_.get();
    Reset r{s};
    bind(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return fail("cannot read an analysis");
    return std::optional<std::string>(column_text(s, 0));
  }

  base::Result<std::size_t> count_documents() override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "SELECT count(*) FROM documents"));
    if (sqlite3_step(s.get()) != SQLITE_ROW) return fail("cannot count documents");
    return static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
  }

  base::Result<std::vector<DocumentInfo>> documents(const Query& q) override {
    Statement s;
    std::string w = where(q);
    if (q.after) w += " AND (d.published, d.key) > (:after_published, :after_key)";
    ASSAY_TRY_VOID(prepare(s, fmt::format("SELECT {} FROM documents d WHERE {} ORDER BY d.published, d.key{}", kInfoColumns, w,
                                          q.limit > 0 ? fmt::format(" LIMIT {}", q.limit) : std::string())));
    bind_query(s.get(), q);
    std::vector<DocumentInfo> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(read_info(s.get()));
    if (rc != SQLITE_DONE) return fail("cannot read documents");
    return out;
  }

  base::Status each_analysis(const Query& q, const AnalysisFn& fn) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, fmt::format("SELECT {}, a.schema, a.producer, a.analysed_at, a.json, a.dictionary FROM documents d "
                                          "JOIN analyses a ON a.document = d.rowid WHERE {} ORDER BY d.published, d.key",
                                          kInfoColumns, where(q))));
    bind_query(s.get(), q);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      DocumentInfo info = read_info(s.get());
      Analysis a;
      a.schema = column_text(s.get(), 9);
      a.producer = column_text(s.get(), 10);
      a.analysed_at = sqlite3_column_int64(s.get(), 11);
      const void* blob = sqlite3_column_blob(s.get(), 12);
      std::string_view packed(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 12)) : 0);
      base::Result<std::string> json;
      if (sqlite3_column_type(s.get(), 13) == SQLITE_NULL) {
        json = decompress(packed);
      } else {
        const std::int64_t id = sqlite3_column_int64(s.get(), 13);
        auto d = dicts_.by_id(id);
        if (!d)
          return base::fail(base::Error::invalid(
              fmt::format("the analysis of document {} names zstd dictionary {}, which the store does not hold (assay db check)",
                          info.key, id),
              {.file = path_}));
        json = d->decompress(packed);
      }
      if (!json)
        return base::fail(base::Error::invalid(fmt::format("the analysis of document {} is damaged: {}", info.key, json.error().message()),
                                               {.file = path_}));
      a.json = std::move(*json);
      if (!fn(info, a)) break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return fail("cannot read analyses");
    return {};
  }

  base::Result<std::vector<Document>> stale(std::string_view producer, std::size_t limit) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, fmt::format("SELECT {}, assay_text(d.text, d.dictionary), d.format, d.blocks FROM documents d "
                                          "LEFT JOIN analyses a ON a.document = d.rowid "
                                          "WHERE a.producer IS NULL OR a.producer != ?1 ORDER BY d.rowid LIMIT ?2",
                                          kInfoColumns)));
    bind(s.get(), 1, producer);
    sqlite3_bind_int64(s.get(), 2, static_cast<sqlite3_int64>(std::min<std::size_t>(limit, INT64_MAX)));
    std::vector<Document> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back({read_info(s.get()), column_text(s.get(), 9), column_text(s.get(), 10), column_text(s.get(), 11)});
    if (rc != SQLITE_DONE) return fail("cannot read documents");
    return out;
  }

  base::Result<std::size_t> remove(const Query& q) override {
    if (q.key.empty() && q.outlet.empty() && q.entity.empty() && q.since.empty() && q.before.empty())
      return base::fail(base::Error::invalid("a deletion needs an id, an outlet or a date", {.file = path_}));
    Statement s;
    ASSAY_TRY_VOID(prepare(s, fmt::format("DELETE FROM documents WHERE rowid IN (SELECT d.rowid FROM documents d WHERE {})", where(q))));
    bind_query(s.get(), q);
    ASSAY_TRY_VOID(exec("BEGIN IMMEDIATE", "cannot begin a transaction"));
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
      auto e = fail("cannot delete documents");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return e;
    }
    auto n = static_cast<std::size_t>(sqlite3_changes(db_));
    ASSAY_TRY_VOID(exec("COMMIT", "cannot commit"));
    return n;
  }

  base::Status each_key_analysed_by(std::string_view producer, const std::function<void(std::string_view)>& fn) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "SELECT d.key FROM documents d JOIN analyses a ON a.document = d.rowid WHERE a.producer = ?1"));
    bind(s.get(), 1, producer);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
      fn(std::string_view(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 0))));
    }
    if (rc != SQLITE_DONE) return fail("cannot read the analysed documents");
    return {};
  }

  base::Result<bool> has_url(std::string_view url) override {
    if (url.empty()) return false;
    ASSAY_TRY_VOID(prepare(has_url_, "SELECT 1 FROM documents WHERE url = ?1 AND url != '' "
                                     "UNION ALL SELECT 1 FROM fetched_urls WHERE url = ?1 LIMIT 1"));
    sqlite3_stmt* s = has_url_.get();
    Reset r{s};
    bind(s, 1, url);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return fail("cannot look a URL up");
  }

  base::Status note_url(std::string_view url, std::string_view key) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "INSERT OR REPLACE INTO fetched_urls(url, key, fetched_at) VALUES (?1, ?2, ?3)"));
    bind(s.get(), 1, url);
    bind(s.get(), 2, key);
    sqlite3_bind_int64(s.get(), 3, options_.clock());
    if (sqlite3_step(s.get()) != SQLITE_DONE) return fail(fmt::format("cannot note the URL {}", url));
    return {};
  }

  base::Result<std::optional<FeedState>> feed_state(std::string_view url) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "SELECT url, etag, last_modified, checked_at, status FROM feeds WHERE url = ?1"));
    bind(s.get(), 1, url);
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_DONE) return std::optional<FeedState>();
    if (rc != SQLITE_ROW) return fail("cannot read a feed's state");
    return std::optional<FeedState>(FeedState{.url = column_text(s.get(), 0), .etag = column_text(s.get(), 1),
                                              .last_modified = column_text(s.get(), 2),
                                              .checked_at = sqlite3_column_int64(s.get(), 3),
                                              .status = sqlite3_column_int(s.get(), 4)});
  }

  base::Status set_feed_state(const FeedState& st) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "INSERT INTO feeds(url, etag, last_modified, checked_at, status) VALUES (?1, ?2, ?3, ?4, ?5) "
                              "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
                              "checked_at = excluded.checked_at, status = excluded.status"));
    bind(s.get(), 1, st.url);
    bind(s.get(), 2, st.etag);
    bind(s.get(), 3, st.last_modified);
    sqlite3_bind_int64(s.get(), 4, st.checked_at);
    sqlite3_bind_int(s.get(), 5, st.status);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return fail(fmt::format("cannot store the state of feed {}", st.url));
    return {};
  }

  base::Result<std::int64_t> data_version() override {
    ASSAY_TRY_VOID(prepare(data_version_, "PRAGMA data_version"));
    sqlite3_stmt* s = data_version_.get();
    Reset r{s};
    if (sqlite3_step(s) != SQLITE_ROW) return fail("cannot read the data version");
    return static_cast<std::int64_t>(sqlite3_column_int64(s, 0));
  }

  base::Result<std::vector<SearchHit>> search(std::string_view text, std::size_t limit) override {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, fmt::format("SELECT {}, snippet(documents_fts, -1, '[', ']', '...', 12) FROM documents_fts f "
                                          "JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?1 "
                                          "ORDER BY f.rank, d.key LIMIT ?2",
                                          kInfoColumns)));
    bind(s.get(), 1, text);
    sqlite3_bind_int64(s.get(), 2, static_cast<sqlite3_int64>(std::min<std::size_t>(limit, INT64_MAX)));
    std::vector<SearchHit> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back({read_info(s.get()), column_text(s.get(), 9)});
    if (rc != SQLITE_DONE) {
      // A query FTS5 cannot parse is the user's input, not a broken store.
      // (SQLITE_ERROR; a damaged or unreadable file gives SQLITE_CORRUPT,
      // SQLITE_IOERR, ...).
      std::string why = sqlite3_errmsg(db_);
      if ((sqlite3_extended_errcode(db_) & 0xff) == SQLITE_ERROR)
        return base::fail(base::Error::invalid(fmt::format("search \"{}\": {} (words, \"a phrase\", AND, OR, NOT, prefix*)", text, why),
                                               {.file = path_}));
      return fail("cannot search");
    }
    return out;
  }

 private:
  std::string path_;
  StoreOptions options_;
  sqlite3* db_ = nullptr;
  int version_ = 0;
  std::unique_ptr<corpus::StoryRepository> stories_;
  Statement insert_doc_, doc_rowid_, upsert_analysis_, clear_entities_, entity_id_, insert_entity_name_, insert_entity_, producer_of_,
      has_url_, data_version_;
  // The dictionaries (by their row) and the one of each kind rows are
  // packed with now; workers ask for the analyses' while the writer trains
  // one. The SQL functions read them too.
  internal::Dictionaries dicts_;
  // Per kind: how many rows without a dictionary make one due (0: not
  // asked yet; grows by dictionary_samples after a training that failed).
  std::array<std::size_t, 3> next_training_at_{};

  // The table each kind's rows are in (each has `rowid` and `dictionary`),
  // its packed column, and the order the samples are taken in.
  static const char* table_of(internal::Kind k) {
    switch (k) {
      case internal::Kind::kAnalysis: return "analyses";
      case internal::Kind::kText: return "documents";
      case internal::Kind::kFacts: return "story_articles";
    }
    return "analyses";
  }
  static const char* column_of(internal::Kind k) {
    switch (k) {
      case internal::Kind::kAnalysis: return "json";
      case internal::Kind::kText: return "text";
      case internal::Kind::kFacts: return "facts";
    }
    return "json";
  }
  static const char* order_of(internal::Kind k) { return k == internal::Kind::kFacts ? "seq" : "rowid"; }

  // Reads and checks the store's dictionaries; a damaged one fails the
  // opening, naming it (its analyses could not be read, nor new ones added).
  base::Status load_dictionaries() {
    Statement s;
    ASSAY_TRY_VOID(prepare(s, "SELECT id, dictionary, checksum, level, kind FROM analysis_dictionaries ORDER BY id"));
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      const std::int64_t id = sqlite3_column_int64(s.get(), 0);
      const void* blob = sqlite3_column_blob(s.get(), 1);
      std::string bytes(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 1)) : 0);
      const std::string sum = column_text(s.get(), 2);
      auto damaged = [&](std::string_view why) {
        return base::fail(base::Error::invalid(
            fmt::format("the analyses' zstd dictionary {} (table analysis_dictionaries) is damaged: {}; the analyses "
                        "compressed with it cannot be read (assay db check lists the store's problems)",
                        id, why),
            {.file = path_}));
      };
      if (checksum_of(bytes) != sum) return damaged(fmt::format("its checksum is {}, its bytes give {}", sum, checksum_of(bytes)));
      const std::string kind = column_text(s.get(), 4);
      auto k = std::find_if(internal::kKinds.begin(), internal::kKinds.end(), [&](internal::Kind x) { return kind == internal::kind_name(x); });
      if (k == internal::kKinds.end()) return damaged(fmt::format("its kind \"{}\" is none this assay knows", kind));
      auto d = Dictionary::make(id, std::move(bytes), sqlite3_column_int(s.get(), 3));
      if (!d) return damaged(d.error().message());
      dicts_.add(*k, std::move(*d));
    }
    if (rc != SQLITE_DONE) return fail("cannot read the analyses' dictionaries");
    return {};
  }

  // In the caller's transaction: trains a dictionary of kind `k` from the
  // first `n` rows stored without one, stores it and packs them again with
  // it. Null when it was not trained (too few samples, or too alike).
  base::Result<std::shared_ptr<const Dictionary>> train(internal::Kind k, std::size_t n) {
    const char* table = table_of(k);
    const char* column = column_of(k);
    std::vector<std::int64_t> rows;
    std::vector<std::string> samples;
    {
      Statement s;
      ASSAY_TRY_VOID(prepare(s, fmt::format("SELECT rowid, {}, dictionary FROM {} WHERE dictionary IS NULL ORDER BY {} LIMIT ?1", column, table,
                                            order_of(k))));
      sqlite3_bind_int64(s.get(), 1, static_cast<sqlite3_int64>(n));
      int rc;
      while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        auto text = internal::column_unpacked(dicts_, s.get(), 1, 2);
        if (!text)
          return base::fail(base::Error::invalid(
              fmt::format("{} row {} is damaged: {}", table, sqlite3_column_int64(s.get(), 0), text.error().message()), {.file = path_}));
        rows.push_back(sqlite3_column_int64(s.get(), 0));
        samples.push_back(std::move(*text));
      }
      if (rc != SQLITE_DONE) return fail(fmt::format("cannot read {} to train a dictionary", table));
    }
    if (samples.size() < n) return std::shared_ptr<const Dictionary>();
    auto bytes = train_dictionary(samples);
    if (!bytes) return std::shared_ptr<const Dictionary>();
    std::int64_t id = 0;
    {
      Statement s;
      ASSAY_TRY_VOID(prepare(s, "INSERT INTO analysis_dictionaries(dictionary, checksum, samples, level, created_at, kind) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      sqlite3_bind_blob(s.get(), 1, bytes->data(), static_cast<int>(bytes->size()), SQLITE_TRANSIENT);
      bind(s.get(), 2, checksum_of(*bytes));
      sqlite3_bind_int64(s.get(), 3, static_cast<sqlite3_int64>(samples.size()));
      sqlite3_bind_int(s.get(), 4, kDictionaryLevel);
      sqlite3_bind_int64(s.get(), 5, options_.clock());
      bind(s.get(), 6, internal::kind_name(k));
      if (sqlite3_step(s.get()) != SQLITE_DONE) return fail(fmt::format("cannot store the {} dictionary", internal::kind_name(k)));
      id = sqlite3_last_insert_rowid(db_);
    }
    auto d = Dictionary::make(id, std::move(*bytes), kDictionaryLevel);
    if (!d) return base::fail(d.error());
    Statement u;
    ASSAY_TRY_VOID(prepare(u, fmt::format("UPDATE {} SET {} = ?1, dictionary = ?2 WHERE rowid = ?3", table, column)));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Reset r{u.get()};
      const std::string packed = (*d)->compress(samples[i]);
      sqlite3_bind_blob(u.get(), 1, packed.data(), static_cast<int>(packed.size()), SQLITE_TRANSIENT);
      sqlite3_bind_int64(u.get(), 2, id);
      sqlite3_bind_int64(u.get(), 3, rows[i]);
      if (sqlite3_step(u.get()) != SQLITE_DONE) return fail(fmt::format("cannot pack {} again with the dictionary", table));
    }
    return *d;
  }

  // An error naming the database and SQLite's reason.
  base::Error error(std::string_view what) const {
    std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return base::Error::io(fmt::format("{}: {}", what, why), {.file = path_});
  }
  std::unexpected<base::Error> fail(std::string_view what) const { return base::fail(error(what)); }

  base::Status exec(const char* sql, std::string_view what) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string why = msg ? msg : sqlite3_errmsg(db_);
      sqlite3_free(msg);
      return base::fail(base::Error::io(fmt::format("{}: {}", what, why), {.file = path_}));
    }
    return {};
  }

  base::Status prepare(Statement& s, const std::string& sql) {
    if (s) return {};
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, s.out(), nullptr) != SQLITE_OK)
      return fail("cannot prepare a statement");
    return {};
  }

  static void bind(sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }

  // The WHERE clause of a query, its parameters named.
  static std::string where(const Query& q) {
    std::string w = "1";
    if (!q.key.empty()) w += " AND (d.key = :key OR d.id = :key)";
    if (!q.outlet.empty()) w += " AND d.outlet = :outlet COLLATE NOCASE";
    if (!q.entity.empty())
      w += " AND d.rowid IN (SELECT e.document FROM entity_names n JOIN entities e ON e.name = n.id WHERE n.name = :entity)";
    if (!q.since.empty()) w += " AND d.published >= :since";
    if (!q.before.empty()) w += " AND d.published < :before AND d.published != ''";
    return w;
  }
  static void bind_query(sqlite3_stmt* s, const Query& q) {
    auto named = [&](const char* name, const std::string& v) {
      if (int i = sqlite3_bind_parameter_index(s, name); i > 0) bind(s, i, v);
    };
    named(":key", q.key);
    named(":outlet", q.outlet);
    named(":entity", q.entity);
    named(":since", q.since);
    named(":before", q.before);
    if (q.after) {
      named(":after_published", q.after->first);
      named(":after_key", q.after->second);
    }
  }

  // The documents of a batch go in by statements of up to kDocumentRows
  // rows: the full-text index (FTS5, filled by the insert trigger) writes
  // what it gathered to the file at the end of each statement, so a
  // statement per document wrote a segment per document (and merged them
  // again): about a sixth of an ingest's CPU time (docs/PERFORMANCE.md,
  // part 6). The rows, their rowids and the index are those of one
  // statement per document.
  static constexpr std::size_t kDocumentRows = 256;
  static std::string insert_documents_sql(std::size_t rows) {
    std::string sql =
        "INSERT INTO documents(key, id, source, url, outlet, published, title, author, text, format, blocks, stored_at, dictionary) VALUES ";
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t p = r * 13;
      sql += fmt::format("{}(?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{})", r ? ", " : "", p + 1, p + 2, p + 3,
                         p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11, p + 12, p + 13);
    }
    return sql + " ON CONFLICT(key) DO NOTHING";
  }

  base::Status insert_documents(std::span<const Entry> rows, std::int64_t now, PutOutcome& out) {
    Statement tail;
    if (rows.size() != kDocumentRows) ASSAY_TRY_VOID(prepare(tail, insert_documents_sql(rows.size())));
    sqlite3_stmt* s = rows.size() == kDocumentRows ? insert_doc_.get() : tail.get();
    Reset r{s};
    int i = 1;
    for (const Entry& e : rows) {
      const DocumentInfo& d = e.document.info;
      for (const std::string* v : {&d.key, &d.id, &d.source, &d.url, &d.outlet, &d.published, &d.title, &d.author}) bind(s, i++, *v);
      // The text packed (migration 9); the full-text index reads it
      // unpacked (the view documents_text).
      const auto [text, dict] = dicts_.pack(internal::Kind::kText, e.document.text);
      sqlite3_bind_blob(s, i++, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      bind(s, i++, e.document.format);
      bind(s, i++, e.document.blocks);
      sqlite3_bind_int64(s, i++, now);
      if (dict != 0) sqlite3_bind_int64(s, i, dict);
      else sqlite3_bind_null(s, i);
      ++i;
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
      const DocumentInfo& d = rows.front().document.info;
      return fail(rows.size() == 1 ? fmt::format("cannot store document {}", d.id.empty() ? d.key : d.id)
                                   : fmt::format("cannot store the {} documents from {}", rows.size(), d.id.empty() ? d.key : d.id));
    }
    // A key stored before (or twice in the batch) adds no row.
    const auto added = static_cast<std::uint64_t>(sqlite3_changes(db_));
    out.added += added;
    out.present += rows.size() - added;
    return {};
  }

  base::Status put_all(std::span<const Entry> batch, PutOutcome& out) {
    const std::int64_t now = options_.clock();
    for (std::size_t from = 0; from < batch.size(); from += kDocumentRows)
      ASSAY_TRY_VOID(insert_documents(batch.subspan(from, std::min(kDocumentRows, batch.size() - from)), now, out));
    for (const Entry& e : batch) {
      const DocumentInfo& d = e.document.info;
      sqlite3_stmt* s = nullptr;
      if (!e.analysis) continue;
      std::int64_t rowid = 0;
      {
        s = doc_rowid_.get();
        Reset r{s};
        bind(s, 1, d.key);
        if (sqlite3_step(s) != SQLITE_ROW) return fail(fmt::format("cannot find document {}", d.key));
        rowid = sqlite3_column_int64(s, 0);
      }
      const Analysis& a = *e.analysis;
      {
        s = upsert_analysis_.get();
        Reset r{s};
        std::int64_t dict_id = a.dictionary;
        std::string packed;
        bool repacked = false;
        if (auto dict = dictionary(); !a.packed) {
          packed = dict ? dict->compress(a.json) : compress(a.json);
          dict_id = dict ? dict->id() : 0;
        } else if (dict && a.dictionary == 0) {
          // Packed by a worker before the dictionary was trained (the
          // analyses in flight then): packed again with it, once.
          auto json = decompress(a.json);
          if (!json)
            return base::fail(base::Error::invalid(
                fmt::format("the packed analysis of {} is not zstd: {}", d.id.empty() ? d.key : d.id, json.error().message()),
                {.file = path_}));
          packed = dict->compress(*json);
          dict_id = dict->id();
          repacked = true;
        }
        const std::string& bytes = a.packed && !repacked ? a.json : packed;
        sqlite3_bind_int64(s, 1, rowid);
        bind(s, 2, a.schema);
        bind(s, 3, a.producer);
        sqlite3_bind_int64(s, 4, now);
        sqlite3_bind_blob(s, 5, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        if (dict_id != 0) sqlite3_bind_int64(s, 6, dict_id);
        else sqlite3_bind_null(s, 6);
        if (sqlite3_step(s) != SQLITE_DONE) return fail(fmt::format("cannot store the analysis of {}", d.id.empty() ? d.key : d.id));
        ++out.analyses;
      }
      {
        s = clear_entities_.get();
        Reset r{s};
        sqlite3_bind_int64(s, 1, rowid);
        if (sqlite3_step(s) != SQLITE_DONE) return fail("cannot store entities");
      }
      for (const auto& name : a.entities) {
        if (name.empty()) continue;
        // The name's number (migration 10), a new one for a name not seen.
        std::int64_t id = 0;
        {
          s = entity_id_.get();
          Reset r{s};
          bind(s, 1, name);
          const int rc = sqlite3_step(s);
          if (rc == SQLITE_ROW) id = sqlite3_column_int64(s, 0);
          else if (rc != SQLITE_DONE) return fail("cannot store entities");
        }
        if (id == 0) {
          s = insert_entity_name_.get();
          Reset r{s};
          bind(s, 1, name);
          if (sqlite3_step(s) != SQLITE_DONE) return fail("cannot store entities");
          id = sqlite3_last_insert_rowid(db_);
        }
        s = insert_entity_.get();
        Reset r{s};
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, rowid);
        if (sqlite3_step(s) != SQLITE_DONE) return fail("cannot store entities");
      }
    }
    return {};
  }

  // Applies the migrations the database has not seen, each in its own
  // transaction with its row in schema_migrations.
  base::Status migrate() {
    if (!options_.read_only)
      ASSAY_TRY_VOID(exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
                          "cannot create the migrations table"));
    {
      Statement s;
      ASSAY_TRY_VOID(prepare(s, "SELECT coalesce(max(version), 0) FROM schema_migrations"));
      if (sqlite3_step(s.get()) != SQLITE_ROW) return fail("cannot read the schema version");
      version_ = sqlite3_column_int(s.get(), 0);
    }
    const int latest = static_cast<int>(kMigrations.size());
    if (version_ > latest)
      return base::fail(base::Error::unsupported(
          fmt::format("the store's schema is version {}, newer than this assay knows ({}): use a newer assay", version_, latest),
          {.file = path_}));
    if (version_ < latest && options_.read_only)
      return base::fail(base::Error::unsupported(
          fmt::format("the store's schema is version {} and needs migrating to {}: open it once for writing", version_, latest),
          {.file = path_}));
    while (version_ < latest) {
      const int next = version_ + 1;
      // Migration 11 reads the documents' packed text (assay_text): with
      // the dictionaries (their table has its kinds since migration 8).
      if (next == 11) ASSAY_TRY_VOID(load_dictionaries());
      ASSAY_TRY_VOID(exec("BEGIN IMMEDIATE", "cannot begin a migration"));
      auto st = exec(kMigrations[static_cast<std::size_t>(version_)], fmt::format("migration {}", next).c_str());
      if (st) {
        std::string row = fmt::format("INSERT INTO schema_migrations(version, applied_at) VALUES ({}, {})", next, options_.clock());
        st = exec(row.c_str(), "cannot record a migration");
      }
      if (!st) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return st;
      }
      ASSAY_TRY_VOID(exec("COMMIT", "cannot commit a migration"));
      version_ = next;
    }
    return {};
  }
};

}  // namespace

int sqlite_schema_version() { return static_cast<int>(kMigrations.size()); }

base::Result<CheckReport> check_sqlite(const std::string& path) {
  CheckReport report;
  report.current_version = sqlite_schema_version();
  sqlite3* db = nullptr;
  struct Close {
    sqlite3*& db;
    ~Close() { sqlite3_close(db); }
  } close{db};
  auto io = [&](std::string_view what) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    return base::fail(base::Error::io(fmt::format("{}: {}", what, why), {.file = path}));
  };
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    return io("cannot open");
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK)
    return io("not an SQLite database, or a damaged one");
  // One query, its rows as text; a failing query is itself a problem.
  auto rows = [&](const char* sql, std::vector<std::string>& out) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
      sqlite3_finalize(s);
      return std::string(sqlite3_errmsg(db));
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(column_text(s, 0));
    std::string why = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
    sqlite3_finalize(s);
    return why;
  };
  std::vector<std::string> lines;
  if (auto why = rows("PRAGMA integrity_check(100)", lines); !why.empty()) report.problems.push_back("integrity check: " + why);
  for (auto& l : lines)
    if (l != "ok") report.problems.push_back(std::move(l));
  std::vector<std::string> version;
  if (auto why = rows("SELECT coalesce(max(version), 0) FROM schema_migrations", version); !why.empty())
    report.problems.push_back("no schema version: " + why + " (not an assay store?)");
  else if (!version.empty())
    report.schema_version = std::atoi(version.front().c_str());
  for (auto [sql, count] : {std::pair{"SELECT count(*) FROM documents", &report.documents},
                            std::pair{"SELECT count(*) FROM analyses", &report.analyses}}) {
    std::vector<std::string> n;
    if (auto why = rows(sql, n); !why.empty()) report.problems.push_back(fmt::format("{}: {}", sql, why));
    else if (!n.empty()) *count = static_cast<std::size_t>(std::atoll(n.front().c_str()));
  }
  internal::Dictionaries dicts;
  if (report.schema_version >= 7) {
    // Each dictionary's bytes against its checksum, and that zstd loads
    // them; every analysis that names one names one the store holds.
    sqlite3_stmt* s = nullptr;
    const char* sql = report.schema_version >= 9 ? "SELECT id, dictionary, checksum, level, kind FROM analysis_dictionaries ORDER BY id"
                                                 : "SELECT id, dictionary, checksum, level, 'analysis' FROM analysis_dictionaries ORDER BY id";
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
      report.problems.push_back(fmt::format("analysis_dictionaries: {}", sqlite3_errmsg(db)));
    } else {
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ++report.dictionaries;
        const std::int64_t id = sqlite3_column_int64(s, 0);
        const void* blob = sqlite3_column_blob(s, 1);
        std::string bytes(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(sqlite3_column_bytes(s, 1)) : 0);
        const std::string sum = column_text(s, 2);
        if (checksum_of(bytes) != sum)
          report.problems.push_back(fmt::format("the analyses' zstd dictionary {} (table analysis_dictionaries) is damaged: its checksum is {}, its bytes give {}",
                                                id, sum, checksum_of(bytes)));
        else if (auto d = Dictionary::make(id, std::move(bytes), sqlite3_column_int(s, 3)); !d)
          report.problems.push_back(fmt::format("the analyses' zstd dictionary {} (table analysis_dictionaries) is damaged: {}", id,
                                                d.error().message()));
        else if (const std::string kind = column_text(s, 4);
                 std::none_of(internal::kKinds.begin(), internal::kKinds.end(), [&](internal::Kind k) { return kind == internal::kind_name(k); }))
          report.problems.push_back(fmt::format("the zstd dictionary {} (table analysis_dictionaries) is of kind \"{}\", none this assay knows", id, kind));
        else
          for (internal::Kind k : internal::kKinds)
            if (kind == internal::kind_name(k)) dicts.add(k, std::move(*d));
      }
      if (rc != SQLITE_DONE) report.problems.push_back(fmt::format("analysis_dictionaries: {}", sqlite3_errmsg(db)));
    }
    sqlite3_finalize(s);
    std::vector<std::string> n;
    if (auto why = rows("SELECT count(*) FROM analyses WHERE dictionary IS NOT NULL", n); !why.empty())
      report.problems.push_back("analyses: " + why);
    else if (!n.empty())
      report.analyses_with_dictionary = static_cast<std::size_t>(std::atoll(n.front().c_str()));
    std::vector<std::string> orphans;
    if (auto why = rows("SELECT a.document || ' -> ' || a.dictionary FROM analyses a WHERE a.dictionary IS NOT NULL AND "
                        "NOT EXISTS (SELECT 1 FROM analysis_dictionaries x WHERE x.id = a.dictionary) LIMIT 10",
                        orphans);
        !why.empty())
      report.problems.push_back("analyses: " + why);
    for (const auto& o : orphans)
      report.problems.push_back(fmt::format("the analysis of document row {} names a zstd dictionary the store does not hold", o));
  }
  // The packed columns (migrations 8 and 9): each reads back, with the
  // dictionary it names. At most 10 problems of each.
  auto unpacks = [&](const char* sql, const char* what, std::size_t& rows, std::size_t& with_dictionary) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
      report.problems.push_back(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
      sqlite3_finalize(s);
      return;
    }
    int rc, bad = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      ++rows;
      if (sqlite3_column_type(s, 2) != SQLITE_NULL) ++with_dictionary;
      if (auto text = internal::column_unpacked(dicts, s, 1, 2); !text && ++bad <= 10)
        report.problems.push_back(fmt::format("the {} of {} does not read: {}", what, column_text(s, 0), text.error().message()));
    }
    if (rc != SQLITE_DONE) report.problems.push_back(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
    sqlite3_finalize(s);
  };
  if (report.schema_version >= 9)
    unpacks("SELECT 'placed article ' || key, facts, dictionary FROM story_articles", "facts line", report.placed,
            report.facts_with_dictionary);
  if (report.schema_version >= 10) {
    std::size_t documents = 0;
    unpacks("SELECT 'document ' || id || ' (row ' || rowid || ')', text, dictionary FROM documents", "text", documents,
            report.texts_with_dictionary);
  }
  return report;
}

base::Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, StoreOptions options) {
  auto s = std::make_unique<SqliteStore>(path, std::move(options));
  ASSAY_TRY_VOID(s->open());
  return std::unique_ptr<Store>(std::move(s));
}

}  // namespace assay::store
