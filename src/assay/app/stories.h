// app/stories: stories over a store (issue 15): ingest places each newly
// stored analysis into a story (StoryPlacer, one call in library.cc's
// ingest), `assay stories` lists them, `assay story ID` reports one (its
// members' stored analyses compared across versions), and `assay eval
// --set stories` scores clustering, origins and roles on a corpus with
// known stories (tests/data/stories).
//
//   auto placer = app::StoryPlacer::open(db);               // Result<StoryPlacer>: loads what the store placed
//   placer->add(corpus::facts_of(analysis, key));           // kept until place()
//   placer->place();                                        // one transaction for the batch
//   auto list = app::list_stories(db, {.since = "2025-12"});              // Result<vector<corpus::Story>>
//   auto one = app::story_report(db, 3);                                   // Result<StoryReport>
//   std::string md = app::render_story(*one, report::OutputFormat::kMarkdown);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "assay/app/engine.h"
#include "assay/base/error.h"
#include "assay/corpus/cluster.h"
#include "assay/corpus/compare.h"
#include "assay/store/store.h"

namespace assay::app {

// Places stored analyses into stories, batch by batch. One placer serves a
// whole run (ingest), a poller's life (app/feeds.h) or a server's
// (server/api.h), so that the stories are loaded once, not per batch.
// Not thread-safe: the server calls it under its store's lock.
class StoryPlacer {
 public:
  // Loads the clusterer from the store; stored analyses that were never
  // placed (a store from before stories) are placed first, by date.
  static base::Result<StoryPlacer> open(store::Store& db);

  void add(corpus::ArticleFacts facts) { pending_.push_back(std::move(facts)); }
  // Forgets what add() kept (its documents were not stored).
  void discard() { pending_.clear(); }
  // Places what add() kept, in one transaction (the caller's, when it has
  // one open: app::store_prepared stores a batch and places it together).
  // On failure nothing of the batch is placed, and the placer reloads the
  // stories before its next placement (after the caller's rollback).
  base::Status place();
  // Reloads the stories before the next placement (the store changed
  // behind the placer's back: a deletion).
  void invalidate() { stale_ = true; }
  std::size_t pending() const { return pending_.size(); }
  std::size_t placed() const { return clusterer_.articles(); }
  const corpus::Clusterer& clusterer() const { return clusterer_; }

 private:
  StoryPlacer(store::Store& db, corpus::Clusterer c) : db_(&db), clusterer_(std::move(c)) {}
  store::Store* db_;
  corpus::Clusterer clusterer_;
  std::vector<corpus::ArticleFacts> pending_;
  bool stale_ = false;
};

base::Result<std::vector<corpus::Story>> list_stories(store::Store& db, const corpus::StoryQuery& q);

struct StoryReport {
  corpus::Story story;
  corpus::StoryComparison comparison;
  std::vector<corpus::HistoryEntry> history;
};

// One story with its members' analyses compared; an error naming the id
// when the store holds no such story.
base::Result<StoryReport> story_report(store::Store& db, std::int64_t id);

std::string render_story(const StoryReport& r, report::OutputFormat format);
std::string render_stories(const std::vector<corpus::Story>& stories, report::OutputFormat format);

// The story test set: a folder whose articles.jsonl holds the articles
// ({id, outlet, published, title, text, story, role}), and its scores.
struct StoryEvalOptions {
  std::string dir;  // tests/data/stories/SET
  int jobs = 1;
};
struct StoryEval {
  std::size_t articles = 0, stories = 0, predicted = 0;
  double pairwise_precision = 0, pairwise_recall = 0, pairwise_f1 = 0;
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  std::size_t origins_found = 0;  // gold stories whose origin member the predicted story names
  std::size_t roles_right = 0, roles_scored = 0;
  std::vector<std::string> confusions;  // "echo->independent 3", ...
  std::vector<std::string> merges;      // found stories that hold more than one gold story, in words
};
base::Result<StoryEval> evaluate_stories(const Engine& engine, const StoryEvalOptions& options);
// The scores as Markdown lines or JSON; `misses` adds the merged and split
// gold stories (Markdown only).
std::string render_story_eval(const StoryEval& e, std::string_view name, bool json, bool misses = false);

}  // namespace assay::app
