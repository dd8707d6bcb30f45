// store/sqlite_stories: corpus::StoryRepository in the SQLite store (see
// stories_internal.h). Tables (migration 4): story_articles (each placed
// article's facts line in placement order; its shingles, binary, in their
// own column since migration 6), stories, story_members (role,
// fidelity, joined_at from the store's clock), story_background,
// story_entities (for --entity) and story_history. Since migration 8 the
// facts line is packed (zstd, the facts' dictionary) and the shingles are
// stored only when the article's document does not give them back. Since
// migration 11 each row keeps the LSH band keys of its set (`bands`), which
// is all a load reads of it (each_placed_keys).
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "assay/base/strings.h"
#include "assay/corpus/near_dup.h"
#include "assay/store/stories_internal.h"

namespace assay::store::internal {
namespace {

class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) { ok_ = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &s_, nullptr) == SQLITE_OK; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  bool ok() const { return ok_; }
  sqlite3_stmt* get() const { return s_; }
  void text(int i, std::string_view v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void int64(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void blob(int i, std::string_view v) { sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  int step() { return sqlite3_step(s_); }
  bool run() {
    bool done = sqlite3_step(s_) == SQLITE_DONE;
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    return done;
  }
  std::string col(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  std::int64_t col_int(int i) const { return sqlite3_column_int64(s_, i); }
  int type(int i) const { return sqlite3_column_type(s_, i); }
  std::string_view col_blob(int i) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(s_, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string_view();
  }
  double col_real(int i) const { return sqlite3_column_double(s_, i); }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

constexpr char kItem = '\x1e';

class SqliteStories final : public corpus::StoryRepository {
 public:
  SqliteStories(sqlite3* db, std::string path, Clock clock, const Dictionaries& dictionaries)
      : db_(db), path_(std::move(path)), clock_(std::move(clock)), dicts_(dictionaries) {}

  base::Status each_placed(const PlacedFn& fn) override {
    Stmt s(db_, fmt::format("SELECT {} FROM story_articles a {} ORDER BY a.seq", kPlacedColumns, kPlacedJoin));
    if (!s.ok()) return fail("cannot read the placed articles");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      auto f = read_placed(s);
      if (!f) return base::fail(base::Error::invalid(fmt::format("a placed article is damaged: {}", f.error().message()), {.file = path_}));
      fn(std::move(*f), s.col_int(6), s.col(7));
    }
    if (rc != SQLITE_DONE) return fail("cannot read the placed articles");
    return {};
  }

  base::Status each_placed_keys(const PlacedKeysFn& fn) override {
    // The document is joined only for a row without its band keys (not
    // filled by migration 11: it did not read), whose set is made as before.
    Stmt s(db_, fmt::format("SELECT {}, a.bands FROM story_articles a LEFT JOIN documents d ON a.bands IS NULL AND a.shingles IS NULL "
                            "AND d.key = a.key ORDER BY a.seq",
                            kPlacedColumns));
    if (!s.ok()) return fail("cannot read the placed articles");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      std::optional<corpus::NearDuplicateIndex::BandKeys> bands;
      base::Result<corpus::ArticleFacts> f;
      if (s.type(8) != SQLITE_NULL) {
        f = read_line(s);
        if (f && !s.col_blob(8).empty()) {
          auto keys = corpus::decode_band_keys(s.col_blob(8));
          if (keys) bands = *keys;
          else f = base::fail(keys.error());
        }
      } else {
        f = read_placed(s);
        if (f && !f->shingles.empty()) bands = corpus::NearDuplicateIndex::band_keys(f->shingles);
      }
      if (!f) return base::fail(base::Error::invalid(fmt::format("a placed article is damaged: {}", f.error().message()), {.file = path_}));
      std::vector<std::uint32_t>().swap(f->shingles);  // a line of version 2 carries them
      fn(std::move(*f), bands, s.col_int(6), s.col(7));
    }
    if (rc != SQLITE_DONE) return fail("cannot read the placed articles");
    return {};
  }

  base::Result<corpus::ArticleFacts> placed_facts(const std::string& key) override {
    Stmt& s = cached(placed_facts_, fmt::format("SELECT {} FROM story_articles a {} WHERE a.key = ?1", kPlacedColumns, kPlacedJoin));
    if (!s.ok()) return fail("cannot read a placed article");
    s.text(1, key);
    const int rc = s.step();
    base::Result<corpus::ArticleFacts> f;
    if (rc == SQLITE_ROW) f = read_placed(s);
    sqlite3_reset(s.get());
    sqlite3_clear_bindings(s.get());
    if (rc == SQLITE_DONE)
      return base::fail(base::Error::invalid(fmt::format("no placed article has the key {}", key), {.file = path_}));
    if (rc != SQLITE_ROW) return fail("cannot read a placed article");
    if (!f) return base::fail(base::Error::invalid(fmt::format("the placed article {} is damaged: {}", key, f.error().message()), {.file = path_}));
    return f;
  }

  base::Status save(const corpus::ArticleFacts& placed, const corpus::NearDuplicateIndex::BandKeys& bands, const corpus::Placement& p,
                    std::span<const corpus::StoryChange> changed, std::span<const std::string> history) override {
    const bool own = sqlite3_get_autocommit(db_) != 0;
    if (own && sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot begin a transaction");
    auto st = write(placed, bands, p, changed, history);
    if (own) {
      if (!st) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return st;
      }
      if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot commit");
    }
    return st;
  }

  base::Status transaction(const std::function<base::Status()>& fn) override {
    if (sqlite3_get_autocommit(db_) == 0) return fn();  // already inside one
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot begin a transaction");
    auto st = fn();
    if (!st) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return st;
    }
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot commit");
    return {};
  }

  base::Status update_facts(const corpus::ArticleFacts& f) override {
    Stmt& s = cached(update_facts_, "UPDATE story_articles SET facts = ?2, dictionary = ?3, shingles = ?4, bands = ?5 WHERE key = ?1");
    if (!s.ok()) return fail("cannot refresh a placed article's facts");
    s.text(1, f.key);
    ASSAY_TRY_VOID(bind_facts(s, 2, f));
    s.blob(5, encoded_bands(f, corpus::NearDuplicateIndex::band_keys(f.shingles)));
    if (!s.run()) return fail("cannot refresh a placed article's facts");
    return {};
  }

  base::Result<std::vector<corpus::Story>> stories(const corpus::StoryQuery& q) override {
    std::string sql = "SELECT id FROM stories s WHERE EXISTS (SELECT 1 FROM story_members m WHERE m.story = s.id)";
    if (!q.since.empty()) sql += " AND EXISTS (SELECT 1 FROM story_members m WHERE m.story = s.id AND m.published >= ?1)";
    if (!q.entity.empty()) sql += " AND s.id IN (SELECT story FROM story_entities WHERE name = ?2)";
    sql += " ORDER BY s.first_published, s.id";
    Stmt s(db_, sql);
    if (!s.ok()) return fail("cannot list stories");
    if (!q.since.empty()) s.text(1, q.since);
    if (!q.entity.empty()) s.text(2, q.entity);
    std::vector<std::int64_t> ids;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) ids.push_back(s.col_int(0));
    if (rc != SQLITE_DONE) return fail("cannot list stories");
    std::vector<corpus::Story> out;
    for (auto id : ids) {
      auto one = ASSAY_TRY(story(id));
      if (one) out.push_back(std::move(*one));
    }
    return out;
  }

  base::Result<std::optional<corpus::Story>> story(std::int64_t id) override {
    Stmt s(db_, "SELECT title, first_published, origin_outlet, origin_key, origin_why, entities, updated_at FROM stories WHERE id = ?1");
    if (!s.ok()) return fail("cannot read a story");
    s.int64(1, id);
    int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<corpus::Story>();
    if (rc != SQLITE_ROW) return fail("cannot read a story");
    corpus::Story st;
    st.id = id;
    st.title = s.col(0);
    st.first_published = s.col(1);
    st.origin_outlet = s.col(2);
    st.origin_key = s.col(3);
    st.origin_why = s.col(4);
    if (auto e = s.col(5); !e.empty())
      for (auto part : base::split(e, kItem)) st.entities.emplace_back(part);
    st.updated_at = s.col_int(6);
    Stmt m(db_, "SELECT key, id, outlet, published, title, role, fidelity, duplicate_of, score, joined_at FROM story_members "
                "WHERE story = ?1 ORDER BY seq");
    if (!m.ok()) return fail("cannot read a story's members");
    m.int64(1, id);
    while ((rc = m.step()) == SQLITE_ROW) {
      corpus::StoryMember x{.key = m.col(0), .id = m.col(1), .outlet = m.col(2), .published = m.col(3), .title = m.col(4),
                            .role = corpus::parse_role(m.col(5)).value_or(corpus::Role::kEcho),
                            .fidelity = static_cast<int>(m.col_int(6)), .duplicate_of = m.col(7), .score = m.col_real(8),
                            .joined_at = m.col_int(9)};
      st.members.push_back(std::move(x));
    }
    if (rc != SQLITE_DONE) return fail("cannot read a story's members");
    Stmt b(db_, "SELECT key, id, outlet, published, title, score FROM story_background WHERE story = ?1 ORDER BY published, key");
    if (!b.ok()) return fail("cannot read a story's background");
    b.int64(1, id);
    while ((rc = b.step()) == SQLITE_ROW)
      st.background.push_back({b.col(0), b.col(1), b.col(2), b.col(3), b.col(4), b.col_real(5)});
    if (rc != SQLITE_DONE) return fail("cannot read a story's background");
    return std::optional<corpus::Story>(std::move(st));
  }

  base::Result<std::vector<corpus::HistoryEntry>> history(std::int64_t story) override {
    Stmt s(db_, "SELECT at, what FROM story_history WHERE story = ?1 ORDER BY seq");
    if (!s.ok()) return fail("cannot read a story's history");
    s.int64(1, story);
    std::vector<corpus::HistoryEntry> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back({story, s.col_int(0), s.col(1)});
    if (rc != SQLITE_DONE) return fail("cannot read a story's history");
    return out;
  }

 private:
  sqlite3* db_;
  std::string path_;
  Clock clock_;
  const Dictionaries& dicts_;

  // A placed article's row, and its document's title and text when its
  // shingles are not stored (the columns read_placed reads).
  static constexpr const char* kPlacedColumns =
      "a.facts, a.dictionary, a.shingles, d.title, d.text, d.dictionary, a.story, a.duplicate_of";
  static constexpr const char* kPlacedJoin = "LEFT JOIN documents d ON a.shingles IS NULL AND d.key = a.key";

  // The facts line alone (columns 0 and 1): no shingles but those a line
  // of version 2 carries.
  base::Result<corpus::ArticleFacts> read_line(const Stmt& s) const {
    auto line = ASSAY_TRY(column_unpacked(dicts_, s.get(), 0, 1));
    return corpus::decode_facts(line);
  }

  // The band keys column of `f` (migration 11): empty for an empty set.
  static std::string encoded_bands(const corpus::ArticleFacts& f, const corpus::NearDuplicateIndex::BandKeys& bands) {
    return f.shingles.empty() ? std::string() : corpus::encode_band_keys(bands);
  }

  base::Result<corpus::ArticleFacts> read_placed(const Stmt& s) const {
    auto f = ASSAY_TRY(read_line(s));
    if (s.type(2) != SQLITE_NULL) {
      f.shingles = ASSAY_TRY(corpus::decode_shingles(s.col_blob(2)));
    } else if (f.shingles.empty() && s.type(3) != SQLITE_NULL) {
      // Not stored: the document's title and text give them back, as
      // facts_of made them (save() checked that they do).
      std::string all = s.col(3);
      all += "\n";
      all += ASSAY_TRY(column_unpacked(dicts_, s.get(), 4, 5));
      f.shingles = corpus::shingle_set(all);
    }
    return f;
  }

  // Binds the facts line packed (at `i`), its dictionary (i + 1) and the
  // shingles (i + 2): NULL when the document stored under the facts' key
  // gives them back (corpus::shingle_set of its title "\n" text).
  base::Status bind_facts(Stmt& s, int i, const corpus::ArticleFacts& f) {
    const auto [line, dict] = dicts_.pack(Kind::kFacts, corpus::encode_facts(f));
    s.blob(i, line);
    if (dict != 0) s.int64(i + 1, dict);
    Stmt& d = cached(document_text_, "SELECT title, text, dictionary FROM documents WHERE key = ?1");
    if (!d.ok()) return fail("cannot read a placed article's document");
    d.text(1, f.key);
    const int rc = d.step();
    bool recovered = false;
    if (rc == SQLITE_ROW) {
      std::string all = d.col(0);
      all += "\n";
      auto text = column_unpacked(dicts_, d.get(), 1, 2);
      if (text) {
        all += *text;
        recovered = corpus::shingle_set(all) == f.shingles;
      }
    }
    sqlite3_reset(d.get());
    sqlite3_clear_bindings(d.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail("cannot read a placed article's document");
    if (!recovered) s.blob(i + 2, corpus::encode_shingles(f.shingles));
    return {};
  }

  std::unexpected<base::Error> fail(std::string_view what) const {
    return base::fail(base::Error::io(fmt::format("{}: {}", what, sqlite3_errmsg(db_)), {.file = path_}));
  }

  // The statements of write(), prepared on first use and kept (a save per
  // placed article would otherwise prepare seven).
  std::unique_ptr<Stmt> article_, story_, member_, background_, clear_entities_, entity_, history_, update_facts_, placed_facts_,
      document_text_;

  Stmt& cached(std::unique_ptr<Stmt>& s, const std::string& sql) {
    if (!s) s = std::make_unique<Stmt>(db_, sql);
    return *s;
  }

  // Writes the placed article, the parts of each changed story that
  // changed (corpus::StoryChange: the story's row always, for its
  // updated_at; members, background items and entities whole or only those
  // that changed) and the history.
  base::Status write(const corpus::ArticleFacts& placed, const corpus::NearDuplicateIndex::BandKeys& bands, const corpus::Placement& p,
                     std::span<const corpus::StoryChange> changed, std::span<const std::string> history) {
    const std::int64_t now = clock_();
    {
      Stmt& s = cached(article_, "INSERT INTO story_articles(key, seq, story, duplicate_of, facts, dictionary, shingles, bands) "
                                 "VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM story_articles), ?2, ?3, ?4, ?5, ?6, ?7) "
                                 "ON CONFLICT(key) DO NOTHING");
      if (!s.ok()) return fail("cannot store a placed article");
      s.text(1, placed.key);
      s.int64(2, p.story);
      s.text(3, p.duplicate_of);
      ASSAY_TRY_VOID(bind_facts(s, 4, placed));
      s.blob(7, encoded_bands(placed, bands));
      if (!s.run()) return fail("cannot store a placed article");
    }
    Stmt& story = cached(story_, "INSERT INTO stories(id, title, first_published, origin_outlet, origin_key, origin_why, entities, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                    "first_published = excluded.first_published, origin_outlet = excluded.origin_outlet, origin_key = excluded.origin_key, "
                    "origin_why = excluded.origin_why, entities = excluded.entities, updated_at = excluded.updated_at");
    Stmt& member = cached(member_, "INSERT INTO story_members(story, key, id, outlet, published, title, role, fidelity, duplicate_of, score, joined_at, seq) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(story, key) DO UPDATE SET role = excluded.role, "
                     "fidelity = excluded.fidelity, seq = excluded.seq");
    Stmt& background = cached(background_, "INSERT INTO story_background(story, key, id, outlet, published, title, score, linked_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(story, key) DO NOTHING");
    Stmt& clear_entities = cached(clear_entities_, "DELETE FROM story_entities WHERE story = ?1");
    Stmt& entity = cached(entity_, "INSERT OR IGNORE INTO story_entities(name, story) VALUES (?1, ?2)");
    for (const Stmt* s : {&story, &member, &background, &clear_entities, &entity})
      if (!s->ok()) return fail("cannot prepare the story statements");
    for (const auto& change : changed) {
      const corpus::Story& st = change.story;
      std::string entities;
      for (const auto& e : st.entities) entities += (entities.empty() ? "" : std::string(1, kItem)) + e;
      story.int64(1, st.id);
      story.text(2, st.title);
      story.text(3, st.first_published);
      story.text(4, st.origin_outlet);
      story.text(5, st.origin_key);
      story.text(6, st.origin_why);
      story.text(7, entities);
      story.int64(8, now);
      if (!story.run()) return fail("cannot store a story");
      // A member's place in the story is its seq (1, 2, ...): what an
      // upsert writes of a member already stored, with its role and fidelity.
      auto write_member = [&](std::size_t i) {
        const corpus::StoryMember& m = st.members[i];
        member.int64(1, st.id);
        member.text(2, m.key);
        member.text(3, m.id);
        member.text(4, m.outlet);
        member.text(5, m.published);
        member.text(6, m.title);
        member.text(7, corpus::role_name(m.role));
        member.int64(8, m.fidelity);
        member.text(9, m.duplicate_of);
        member.real(10, m.score);
        member.int64(11, now);
        member.int64(12, static_cast<std::int64_t>(i) + 1);
        return member.run();
      };
      auto write_background = [&](const corpus::BackgroundItem& b) {
        background.int64(1, st.id);
        background.text(2, b.key);
        background.text(3, b.id);
        background.text(4, b.outlet);
        background.text(5, b.published);
        background.text(6, b.title);
        background.real(7, b.score);
        background.int64(8, now);
        return background.run();
      };
      if (change.whole) {
        for (std::size_t i = 0; i < st.members.size(); ++i)
          if (!write_member(i)) return fail("cannot store a story member");
        for (const auto& b : st.background)
          if (!write_background(b)) return fail("cannot store a story's background");
      } else {
        for (auto i : change.members)
          if (i >= st.members.size() || !write_member(i)) return fail("cannot store a story member");
        for (auto i : change.background)
          if (i >= st.background.size() || !write_background(st.background[i])) return fail("cannot store a story's background");
      }
      if (!change.whole && !change.entities) continue;
      clear_entities.int64(1, st.id);
      if (!clear_entities.run()) return fail("cannot store a story's entities");
      for (const auto& e : st.entities) {
        entity.text(1, e);
        entity.int64(2, st.id);
        if (!entity.run()) return fail("cannot store a story's entities");
      }
    }
    Stmt& h = cached(history_, "INSERT INTO story_history(story, at, what) VALUES (?1, ?2, ?3)");
    if (!h.ok()) return fail("cannot store a story's history");
    for (const auto& line : history) {
      // A line about another story names it ("background linked to story N: ...").
      std::int64_t id = p.story;
      if (line.starts_with("background linked to story ")) id = std::atoll(line.c_str() + 27);
      h.int64(1, id);
      h.int64(2, now);
      h.text(3, line);
      if (!h.run()) return fail("cannot store a story's history");
    }
    return {};
  }
};

}  // namespace

std::unique_ptr<corpus::StoryRepository> sqlite_stories(sqlite3* db, const std::string& path, Clock clock,
                                                       const Dictionaries& dictionaries) {
  return std::make_unique<SqliteStories>(db, path, std::move(clock), dictionaries);
}

}  // namespace assay::store::internal
