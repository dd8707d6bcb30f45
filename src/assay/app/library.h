// app/library: the life cycle of the analyses a store keeps (issue 15):
// ingest inputs through the same pipeline as `assay analyze` into a store,
// re-analyse what an older analyzer or knowledge base produced, export the
// stored analyses as JSON Lines. Deleting and searching are the store's own
// (store::Store::remove, search).
//
//   auto db = app::open_store(app::default_store_path(), /*create=*/true);  // Result<unique_ptr<store::Store>>
//   std::string producer = app::analysis_producer(engine, "3886389");
//   auto sum = app::ingest(engine, **db, inputs, {.pipeline = {.jobs = 2}, .producer = producer});
//   fmt::print("{} new, {} already stored\n", sum.added, sum.present);
//   auto re = app::reanalyze(engine, **db, {.jobs = 2, .producer = producer});
//   app::export_analyses(**db, {.since = "2025-01-01"}, [](std::string_view line) { fwrite(...); });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/app/engine.h"
#include "assay/app/inputs.h"
#include "assay/app/pipeline.h"
#include "assay/app/stories.h"
#include "assay/base/error.h"
#include "assay/store/store.h"

namespace assay::app {

// Where the store lives unless --db says: $XDG_DATA_HOME/assay/assay.db, or
// ~/.local/share/assay/assay.db when XDG_DATA_HOME is unset or relative
// (the XDG base directory rule); "assay.db" when there is no HOME either.
std::string default_store_path();

// Opens (and, with `create`, creates with its folder) the SQLite store at
// `path`. Without `create` a missing file is an error naming it (export,
// search, delete and reanalyze do not make an empty store). Without a
// `clock`, the system's, or SOURCE_DATE_EPOCH's seconds when it is set.
base::Result<std::unique_ptr<store::Store>> open_store(const std::string& path, bool create,
                                                       store::Clock clock = {});

// `assay db check`: the store at `path` checked without changing it
// (store::check_sqlite); a missing file is an error naming it.
base::Result<store::CheckReport> check_store(const std::string& path);

// A fingerprint of the data the engine reads: the embedded data's
// (`assay --version`), or a FNV-1a-64 over the names and bytes of every
// file of a --data DIR.
std::string data_fingerprint(const base::DataSource& data);

// What produced an analysis: the code (`commit`, the build's git commit),
// the data's fingerprint and the options that change the analysis
// ("3886389/data:1f2e.../rules-only"). reanalyze compares it.
std::string analysis_producer(const Engine& engine, std::string_view commit);

struct IngestOptions {
  PipelineOptions pipeline;  // jobs, input format, progress, text cap
  std::string producer;      // analysis_producer()
  std::size_t batch = 256;   // documents per transaction (or half a second's, when fewer)
};

struct IngestSummary {
  std::uint64_t documents = 0;  // analysed
  std::uint64_t added = 0;      // new to the store
  std::uint64_t present = 0;    // already there (their analysis replaced, or current and skipped)
  std::uint64_t skipped = 0;    // of `present`: stored with an analysis by this producer, not analysed again
  std::uint64_t bytes = 0;
  double seconds = 0;
  base::Errors errors;          // bad inputs and records, skipped; the batch went on
  base::Errors store_errors;    // writes that failed: the documents of that batch are not stored
};

// Reads, analyses and stores `inputs` (files, directories, JSON Lines,
// HTML, RSS and Atom feed files: the formats of `assay analyze`) with
// `options.pipeline.jobs` workers, storing each analysis as the JSON
// `assay analyze --format jsonl` prints, in transactions of
// `options.batch` documents or half a second. A document the store holds
// with an analysis by `options.producer` is skipped before its analysis,
// so a run that was killed resumes where it stopped.
// Requires engine.analyzer() to have succeeded.
IngestSummary ingest(const Engine& engine, store::Store& db, const std::vector<InputRef>& inputs,
                     const IngestOptions& options);

// One article made ready for the store, on a worker thread: its entry (the
// analysis as `assay analyze --format jsonl` prints it, compressed; the
// document with its markup; the entity names) and its story facts.
struct PreparedArticle {
  store::Entry entry;
  corpus::ArticleFacts facts;
};
// `jsonl` is engine.render(a, the jsonl plan) (ingest renders it in the
// pipeline's render step); it is compressed with `dictionary` (the store's,
// store::Store::dictionary(); null: none).
PreparedArticle prepare_article(const Engine& engine, const Article& a, std::string jsonl, const std::string& producer,
                                const store::Dictionary* dictionary);
PreparedArticle prepare_article(const Engine& engine, const Article& a, const std::string& producer,
                                const store::Dictionary* dictionary);

// The one way articles reach the store (ingest's batches, the feeds, the
// server's POST): the batch in one transaction, then placed into stories
// by `placer` (kept by the caller for its lifetime, so that the stories are
// not reloaded per batch); with no placer, or when placing fails, the next
// StoryPlacer::open places what was stored and never placed.
base::Result<store::PutOutcome> store_prepared(store::Store& db, StoryPlacer* placer, std::vector<PreparedArticle>&& batch);

// Analyses `docs` with `jobs` workers and stores them with their analyses
// in one transaction (store_prepared; app/feeds.h stores the articles of a
// feed with it). Requires engine.analyzer().
base::Result<store::PutOutcome> analyze_and_store(const Engine& engine, store::Store& db, std::vector<text::Document> docs,
                                                  int jobs, const std::string& producer, StoryPlacer* placer);

struct ReanalyzeOptions {
  int jobs = 1;
  std::string producer;      // analysis_producer(): documents whose analysis another producer made are redone
  std::size_t batch = 64;
  bool progress = false;
};

struct ReanalyzeSummary {
  std::uint64_t reanalysed = 0;
  double seconds = 0;
};

// Stores articles already analysed (engine.analyze) in one transaction, each
// analysis as ingest() stores it, placed into stories by `placer`
// (store_prepared); `keys`, when given, receives each document's content
// key in order (the server's permalinks).
base::Result<store::PutOutcome> store_articles(const Engine& engine, store::Store& db, const std::vector<Article>& articles,
                                               const std::string& producer, StoryPlacer* placer,
                                               std::vector<std::string>* keys = nullptr);

// Re-analyses every stored document whose analysis is missing or was made
// by another producer, batch by batch (each batch one transaction, so an
// interrupted run resumes where it stopped), and refreshes the story facts
// of those placed into stories (their stories stay as they are; the next
// load of the stories reads the new facts). Requires engine.analyzer().
base::Result<ReanalyzeSummary> reanalyze(const Engine& engine, store::Store& db, const ReanalyzeOptions& options);

// Writes each selected stored analysis as one line (the JSON and "\n"), by
// publication date then key; returns how many.
base::Result<std::uint64_t> export_analyses(store::Store& db, const store::Query& query,
                                            const std::function<void(std::string_view)>& write);

}  // namespace assay::app
