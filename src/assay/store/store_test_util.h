// store/store_test_util: for the migration tests, a store of the current
// schema taken back to schema 10 (before the band keys of migration 11), or
// to schema 7 (what main made before migrations 8-10):
// the documents' text and the facts lines unpacked, every placed article's
// shingles stored, the full-text index over the documents table itself,
// the dictionaries of one kind. Test-only.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "assay/corpus/facts.h"
#include "assay/corpus/near_dup.h"
#include "assay/store/store.h"

namespace assay::store::testing {

// unzstd(x): x unpacked when it is a zstd frame without a dictionary, else
// x. shingles_of(title, text): the shingles facts_of keeps, encoded.
inline void register_rollback_functions(sqlite3* raw) {
  auto unzstd = [](sqlite3_context* c, int, sqlite3_value** v) {
    if (sqlite3_value_type(v[0]) != SQLITE_BLOB) return sqlite3_result_value(c, v[0]);
    std::string_view bytes(static_cast<const char*>(sqlite3_value_blob(v[0])), static_cast<std::size_t>(sqlite3_value_bytes(v[0])));
    auto text = decompress(bytes);
    if (!text) return sqlite3_result_error(c, "not a zstd frame without a dictionary", -1);
    sqlite3_result_text64(c, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  };
  auto shingles_of = [](sqlite3_context* c, int, sqlite3_value** v) {
    std::string all(reinterpret_cast<const char*>(sqlite3_value_text(v[0])), static_cast<std::size_t>(sqlite3_value_bytes(v[0])));
    all += "\n";
    all.append(reinterpret_cast<const char*>(sqlite3_value_text(v[1])), static_cast<std::size_t>(sqlite3_value_bytes(v[1])));
    const std::string bytes = corpus::encode_shingles(corpus::shingle_set(all));
    sqlite3_result_blob64(c, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  };
  sqlite3_create_function_v2(raw, "unzstd", 1, SQLITE_UTF8, nullptr, unzstd, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(raw, "shingles_of", 2, SQLITE_UTF8, nullptr, shingles_of, nullptr, nullptr, nullptr);
}

// Takes the store at `path` (current schema, no text or facts dictionary:
// made with dictionary_samples 0 or too little text to train one) back to
// schema 7.
inline void roll_back_to_schema_7(const std::string& path) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  register_rollback_functions(raw);
  ASSERT_EQ(sqlite3_exec(raw, R"sql(
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TABLE documents_fts;
DROP VIEW documents_text;
CREATE TABLE documents_7 (
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
INSERT INTO documents_7 SELECT rowid, key, id, source, url, outlet, published, title, author, unzstd(text), format, blocks, stored_at
  FROM documents;
CREATE TABLE story_articles_7 (
  key TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  story INTEGER NOT NULL,
  duplicate_of TEXT NOT NULL,
  facts TEXT NOT NULL,
  shingles BLOB
);
INSERT INTO story_articles_7 SELECT a.key, a.seq, a.story, a.duplicate_of, unzstd(a.facts),
  coalesce(a.shingles, (SELECT shingles_of(d.title, d.text) FROM documents_7 d WHERE d.key = a.key)) FROM story_articles a;
DROP TABLE documents;
DROP TABLE story_articles;
ALTER TABLE story_articles_7 RENAME TO story_articles;
ALTER TABLE documents_7 RENAME TO documents;
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet COLLATE NOCASE);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_url ON documents(url) WHERE url != '';
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_story_delete AFTER DELETE ON documents BEGIN
  DELETE FROM story_articles WHERE key = old.key;
  DELETE FROM story_members WHERE key = old.key;
  DELETE FROM story_background WHERE key = old.key;
END;
CREATE TABLE entities_7 (
  name TEXT NOT NULL COLLATE NOCASE,
  document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  PRIMARY KEY (name, document)
) WITHOUT ROWID;
INSERT INTO entities_7 SELECT n.name, e.document FROM entities e JOIN entity_names n ON n.id = e.name;
DROP TABLE entities;
DROP TABLE entity_names;
ALTER TABLE entities_7 RENAME TO entities;
CREATE INDEX entities_document ON entities(document);
DELETE FROM analysis_dictionaries WHERE kind != 'analysis';
ALTER TABLE analysis_dictionaries DROP COLUMN kind;
DELETE FROM schema_migrations WHERE version > 7;
COMMIT;
)sql",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
}

// Takes the store at `path` (current schema) back to schema 10: the placed
// articles without their band keys (migration 11).
inline void roll_back_to_schema_10(const std::string& path) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "BEGIN; ALTER TABLE story_articles DROP COLUMN bands; DELETE FROM schema_migrations WHERE version > 10; COMMIT;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
}

}  // namespace assay::store::testing
