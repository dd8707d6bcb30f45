// store/store: where documents and their analyses persist (issue 15), behind
// a narrow interface so that a server database can stand behind it later.
// SQLite is the embedded default (open_sqlite): WAL mode, numbered schema
// migrations, documents keyed by a hash of their content (putting one twice
// stores it once), each analysis compressed (zstd) with its schema version
// and the hash of the data and code that produced it, a full-text index over
// title and text. Times come from an injectable clock.
//
//   auto db = store::open_sqlite("assay.db", {.clock = [] { return 1765000000; }});
//   if (!db) fmt::print(stderr, "{}\n", db.error().to_string());   // names the path and what failed
//   store::Entry e{.document = {.key = store::content_key(doc.title, doc.text), .id = doc.id, ...},
//                  .analysis = {.schema = "assay.analysis/2", .producer = "3886389/7f0a...", .json = json}};
//   auto put = (*db)->put({&e, 1});                 // one transaction per batch
//   (*db)->each_analysis({.since = "2025-01-01"}, [](const store::DocumentInfo& d, std::string_view json) { ... });
//   auto hits = (*db)->search("Lynas AND Malaysia", 10);
//   auto clusterer = corpus::Clusterer::load((*db)->stories());   // stories persist in the same file
//
// Thread-safety: a Store is used by one thread at a time; several processes
// may open the same file (SQLite's locking; writers wait up to 5 s).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/corpus/cluster.h"

namespace assay::store {

// Seconds since 1970-01-01 UTC. Tests and goldens pass a fixed clock.
using Clock = std::function<std::int64_t()>;
std::int64_t system_clock_seconds();

// The key of a document: 32 hex digits, a 128-bit FNV-1a pair over its
// title and text (not cryptographic: a key, not a signature). The same
// title and text under another URL or file name are the same document.
std::string content_key(std::string_view title, std::string_view text);

// What the store knows of a document besides its text.
struct DocumentInfo {
  std::string key;        // content_key()
  std::string id;         // the record id or file name it was read as (the first time)
  std::string source;     // path or path:line
  std::string url, outlet, published, title, author;
  std::int64_t stored_at = 0;  // the clock when it was first put
};

struct Document {
  DocumentInfo info;
  std::string text;    // as analysed (normalised UTF-8)
  std::string format;  // what it was read from ("html", "text", ...), for re-analysis
  std::string blocks;  // the headings, list items and captions the markup marked, as the caller encodes them
};

// One analysis as stored: the JSON of `assay analyze --format jsonl` (one
// line, no newline), the schema it is written in, and what produced it.
struct Analysis {
  std::string schema;    // "assay.analysis/2"
  std::string producer;  // the hash of the data and code that produced it (app: analysis_producer)
  std::string json;
  bool packed = false;  // put(): `json` already holds compress(json) (made on the caller's worker threads)
  // When packed: the id of the Dictionary it was compressed with (Store::dictionary()), 0 for none.
  std::int64_t dictionary = 0;
  std::vector<std::string> entities;  // names to find the document by (entity queries)
  std::int64_t analysed_at = 0;       // set by the store from its clock
};

struct Entry {
  Document document;
  std::optional<Analysis> analysis;  // none: the document only
};

struct PutOutcome {
  std::size_t added = 0;       // documents new to the store
  std::size_t present = 0;     // documents it already held (nothing changed but the analysis)
  std::size_t analyses = 0;    // analyses written (new or replacing an older one)
};

// Which documents a query or a deletion means. Empty fields do not filter;
// dates are compared as text, so "2025-03" means from March 2025 on.
struct Query {
  std::string key;        // one document: its key or the id it was read as
  std::string outlet;     // exactly, ignoring ASCII case
  std::string entity;     // a name its analysis gave (Analysis::entities), ignoring ASCII case
  std::string since;      // published on or after (YYYY-MM-DD, or a prefix)
  std::string before;     // published before
  // A page of documents() (other calls ignore these): the documents after
  // the position (published, key) in its order, at most `limit` (0: all).
  std::optional<std::pair<std::string, std::string>> after = std::nullopt;
  std::size_t limit = 0;
};

struct SearchHit {
  DocumentInfo info;
  std::string snippet;  // the matching words in context, [brackets] around them
};

// The zstd dictionary a store trains once from its first kDictionarySamples
// analyses (ZDICT, at most kDictionaryBytes) and keeps in its file: the
// analyses written after it are compressed with it at kDictionaryLevel
// (about 4.4 KB against 7.8 without it, for a 41 KB render: PERFORMANCE.md).
// Each analysis row names the dictionary it needs; rows written before one
// existed need none. Immutable once made: any thread may compress and
// decompress with it at once.
class Dictionary {
 public:
  // Fails when `bytes` is not a zstd dictionary.
  static base::Result<std::shared_ptr<const Dictionary>> make(std::int64_t id, std::string bytes, int level);
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  std::int64_t id() const { return id_; }            // its row in the store
  const std::string& bytes() const { return bytes_; }
  int level() const { return level_; }
  std::string compress(std::string_view bytes) const;
  // Fails on damage, and on a frame made with another dictionary.
  base::Result<std::string> decompress(std::string_view bytes) const;

 private:
  Dictionary() = default;
  std::int64_t id_ = 0;
  std::string bytes_;
  int level_ = 0;
  void* cdict_ = nullptr;  // ZSTD_CDict
  void* ddict_ = nullptr;  // ZSTD_DDict
};
inline constexpr std::size_t kDictionarySamples = 128;
inline constexpr std::size_t kDictionaryBytes = 112640;  // zstd --train's default
inline constexpr int kDictionaryLevel = 3;

// Trains a dictionary of at most `max_bytes` from the samples (ZDICT's
// default trainer, deterministic); fails when they are too few or too small.
base::Result<std::string> train_dictionary(std::span<const std::string> samples, std::size_t max_bytes = kDictionaryBytes);

struct StoreOptions {
  Clock clock;              // default: system_clock_seconds
  bool read_only = false;   // open an existing store without changing it
  // At most this many pages of 4 KB (SQLite's max_page_count); 0: no limit.
  // A write past it fails as on a full disk (tests simulate one with it).
  std::int64_t max_pages = 0;
  // Once the store holds this many analyses and no dictionary, it trains
  // one from the first of them (Dictionary); 0: never.
  std::size_t dictionary_samples = kDictionarySamples;
};

// What a store remembers of a feed between polls (app/feeds.h): the
// validators of its last answer, for a conditional GET.
struct FeedState {
  std::string url;
  std::string etag;           // the ETag header of the last 200 answer
  std::string last_modified;  // its Last-Modified header
  std::int64_t checked_at = 0;  // the clock at the last poll
  int status = 0;               // the HTTP status of the last poll (0: no answer)
};

class Store {
 public:
  virtual ~Store() = default;

  // The file (or ":memory:") this store is, for messages.
  virtual const std::string& path() const = 0;

  // Puts a batch in one transaction: each document once (by key; one already
  // held keeps its first id and time), each analysis replacing the
  // document's previous one. Nothing of the batch is stored when it fails.
  virtual base::Result<PutOutcome> put(std::span<const Entry> batch) = 0;

  // Whether the store holds the document, and the producer of its analysis
  // ("" when it holds none).
  virtual base::Result<std::optional<std::string>> producer_of(std::string_view key) = 0;

  virtual base::Result<std::size_t> count_documents() = 0;

  // The documents a query selects, by publication date then key.
  virtual base::Result<std::vector<DocumentInfo>> documents(const Query& q) = 0;

  // Calls `fn` with each selected document's stored analysis, decompressed,
  // in the order of documents(); the callback returns false to stop.
  using AnalysisFn = std::function<bool(const DocumentInfo&, const Analysis&)>;
  virtual base::Status each_analysis(const Query& q, const AnalysisFn& fn) = 0;

  // Documents whose analysis was not made by `producer` (or that have none),
  // with their text, for re-analysis; at most `limit`.
  virtual base::Result<std::vector<Document>> stale(std::string_view producer, std::size_t limit) = 0;

  // Deletes the documents a query selects (at least one field must be set),
  // with their analyses and index entries; returns how many.
  virtual base::Result<std::size_t> remove(const Query& q) = 0;

  // Full-text search over title and text (SQLite FTS5 syntax: words, "a
  // phrase", AND, OR, NOT, prefix*), best first, at most `limit`.
  virtual base::Result<std::vector<SearchHit>> search(std::string_view text, std::size_t limit) = 0;

  // The stories of the documents placed so far (corpus/cluster.h): what a
  // corpus::Clusterer loads and saves through, and the story queries.
  virtual corpus::StoryRepository& stories() = 0;

  // The dictionary put() and the callers that pack analyses themselves
  // compress with now (null while the store has none). Any thread may ask,
  // while another puts.
  virtual std::shared_ptr<const Dictionary> dictionary() const = 0;

  // Trains the store's dictionary when it has none and holds at least
  // StoreOptions::dictionary_samples analyses (put() does it after its own
  // transaction; a caller that puts inside stories().transaction() calls it
  // after that commits), in a transaction of its own, and recompresses the
  // analyses it was trained from with it. A training that fails (samples
  // too alike or too small) is tried again after as many analyses more.
  virtual base::Status train_dictionary_when_due() = 0;

  // The schema version of the store (the last migration applied).
  virtual int schema_version() const = 0;

  // Calls `fn` with the key of every document whose analysis `producer`
  // made (ingest skips them: a killed ingest resumes where it stopped).
  virtual base::Status each_key_analysed_by(std::string_view producer, const std::function<void(std::string_view)>& fn) = 0;

  // Whether a document was read from this URL (DocumentInfo::url), or
  // note_url noted it.
  virtual base::Result<bool> has_url(std::string_view url) = 0;
  // Notes that `url` was read and held the document `key` (stored under
  // another URL): has_url knows it from then on.
  virtual base::Status note_url(std::string_view url, std::string_view key) = 0;

  // A feed's state (none before its first poll), and its update.
  virtual base::Result<std::optional<FeedState>> feed_state(std::string_view url) = 0;
  virtual base::Status set_feed_state(const FeedState& state) = 0;

  // A number that changes when another connection (another Store on the
  // same file, another process) has committed a change since this one last
  // asked (SQLite's PRAGMA data_version: no I/O, about a microsecond). This
  // connection's own writes do not change it: a cache over the store counts
  // those itself (server/response_cache.h).
  virtual base::Result<std::int64_t> data_version() = 0;
};

// The SQLite store at `path` (":memory:" for one in memory), created and
// migrated to the current schema when needed. Errors name the path and
// what failed ("assay.db: not a database: file is not a database").
base::Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, StoreOptions options = {});

// The number of migrations open_sqlite applies (the current schema version).
int sqlite_schema_version();

// What `assay db check` reports of a store file, opened read-only and not
// migrated: SQLite's integrity check (its problems, none when the file is
// sound), the schema version against this assay's, and the counts.
struct CheckReport {
  std::vector<std::string> problems;  // integrity_check's lines, and what else is wrong
  int schema_version = 0;             // the last migration the file records (0: none)
  int current_version = 0;            // sqlite_schema_version()
  std::size_t documents = 0, analyses = 0;
  std::size_t dictionaries = 0, analyses_with_dictionary = 0;
  // Placed articles; the facts lines and the documents' texts packed with
  // a dictionary (each packed column is unpacked by the check).
  std::size_t placed = 0, facts_with_dictionary = 0, texts_with_dictionary = 0;
  bool ok() const { return problems.empty() && schema_version == current_version; }
};
// Fails (naming the path) only when the file cannot be opened or is not
// an SQLite database at all; damage inside one is a problem of the report.
base::Result<CheckReport> check_sqlite(const std::string& path);

// zstd, for the analyses (and for whoever else stores text).
std::string compress(std::string_view bytes, int level = 3);
base::Result<std::string> decompress(std::string_view bytes);

}  // namespace assay::store
