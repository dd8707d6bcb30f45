// store/stories_internal: the SQLite story repository (corpus::StoryRepository)
// over the connection of the SQLite store; its tables are migration 4 of
// sqlite_store.cc. And the zstd dictionaries the store packs its columns
// with, by kind (Dictionaries), shared by the two. Private to store.
#pragma once

#include <sqlite3.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "assay/corpus/cluster.h"
#include "assay/store/store.h"

namespace assay::store::internal {

// What a dictionary packs (analysis_dictionaries.kind): the analyses'
// JSON, the documents' text, the placed articles' facts lines.
enum class Kind { kAnalysis = 0, kText = 1, kFacts = 2 };
inline constexpr std::array<Kind, 3> kKinds = {Kind::kAnalysis, Kind::kText, Kind::kFacts};
const char* kind_name(Kind k);  // "analysis", "text", "facts"

// The store's dictionaries: each by its row, and the one of each kind that
// packs new rows now. Any thread may ask while the writer adds one.
class Dictionaries {
 public:
  std::shared_ptr<const Dictionary> current(Kind k) const;
  std::shared_ptr<const Dictionary> by_id(std::int64_t id) const;
  void add(Kind k, std::shared_ptr<const Dictionary> d);
  // `text` packed: with the kind's dictionary when there is one (its id),
  // else plain zstd at level 3 (id 0).
  std::pair<std::string, std::int64_t> pack(Kind k, std::string_view text) const;
  // A packed column back: a zstd frame, made with dictionary `id` (0: none).
  // Fails on damage and on a dictionary the store does not hold.
  base::Result<std::string> unpack(std::string_view bytes, std::int64_t id) const;

 private:
  mutable std::mutex mu_;
  std::map<std::int64_t, std::shared_ptr<const Dictionary>> by_id_;
  std::array<std::shared_ptr<const Dictionary>, 3> current_;
};

// A column that may be packed: TEXT is read as it is (a row written before
// its column was packed), a BLOB is unpacked with dictionary `id` (a NULL
// id: none).
base::Result<std::string> column_unpacked(const Dictionaries& d, sqlite3_stmt* s, int column, int id_column);

// Registers on `db` the SQL functions the schema's views and triggers call
// (`dictionaries` outlives the connection):
//   assay_text(x, dictionary)  x as text (column_unpacked);
//   assay_pack(x)              x packed as zstd (no dictionary);
//   assay_shingles(title, text)  corpus::encode_shingles of the shingle
//                              set of title "\n" text (what facts_of keeps);
//   assay_bands(facts, dictionary, shingles, document)  corpus::encode_band_keys
//                              of a placed article's set as the store gives
//                              it back (migration 11): empty for an empty
//                              set, NULL when the row does not read.
base::Status register_functions(sqlite3* db, const Dictionaries* dictionaries, const std::string& path);

// The repository uses `db` (owned by the store, which outlives it).
std::unique_ptr<corpus::StoryRepository> sqlite_stories(sqlite3* db, const std::string& path, Clock clock,
                                                       const Dictionaries& dictionaries);

}  // namespace assay::store::internal
