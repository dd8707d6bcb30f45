// app/evaluation: what `assay eval` and `assay train` do, for any face:
// score the analyzer on the labelled sets of the shared folder (gold
// articles, the public sets, HTML extraction), and train the learned models
// of data/models from them. Output goes to `out` as it is produced (a table
// or JSON for eval, one table row per trained model for train), so a long
// run shows its progress; errors are collected and returned.
//
//   app::Engine engine(*base::open_data(""), {.impact = false});
//   auto r = app::evaluate(engine, {.shared = app::shared_dir(""), .sets = {"gold"}},
//                          [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); });
//   if (!r) { /* the data files are invalid: r.error() lists every problem */ }
//   else for (const auto& e : r->errors) ...;  // a set that could not be read
#pragma once

#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/linear_model.h"
#include "assay/app/engine.h"
#include "assay/base/error.h"

namespace assay::app {

using WriteFn = std::function<void(std::string_view)>;

struct EvalRequest {
  std::string shared;  // the shared folder (app::shared_dir)
  std::vector<std::string> sets{"gold", "conll", "polnear", "babe", "claimbuster", "extraction"};  // or "all"
  bool json = false;    // one JSON document instead of Markdown tables
  bool misses = false;  // list the gold sentences whose labels differ, and the ranking pairs out of order (tables only)
  bool progress = false;  // a progress bar on stderr (base/progress.h), one step per set
  // The gold article files to score (gold_article_files); empty: every
  // *.json of <shared>/eval/articles.
  std::vector<std::string> articles;
  // The genre test set ("genre" in `sets`; not part of "all": it lives in
  // the source tree, app/genre_set.h).
  std::string genre_dir = "tests/data/genre";
  // The ranking calibration set (pairs.jsonl and its articles), scored only
  // when "ranking" is named in `sets` ("all" leaves it out: it lives in the
  // source tree, not the shared folder).
  std::string ranking_dir = "tests/data/ranking";
  // The claims test set ("claims" in `sets`; only when named: it lives in
  // the source tree, app/claims_set.h). Its extraction recall reads the
  // gold articles of the shared folder when there is one.
  std::string claims_dir = "tests/data/claims";
  // The story clustering set ("stories" in `sets`; only when named): each
  // subfolder of it (dev, holdout) scored on its own (app/stories.h).
  std::string stories_dir = "tests/data/stories";
};

// The files that `assay eval --articles GLOB` scores: each pattern is a shell
// glob (*, ?, [a-z]); one that holds a '/' is a path (relative to the working
// directory), one without is matched against the file names of
// <shared>/eval/articles. Only *.json files count; the result is sorted and
// without duplicates. Unexpected: a pattern that matches no gold article,
// named in the error.
//
//   auto files = app::gold_article_files(shared, {"../shared/eval/articles/dev-03*"});
base::Result<std::vector<std::string>> gold_article_files(const std::string& shared,
                                                          const std::vector<std::string>& patterns);

struct RunOutcome {
  base::Errors errors;  // inputs that could not be read or parsed; the rest ran
};

// Scores engine's analyzer. Unexpected: the analyzer could not be built
// (the data files are invalid), with every error. A shared folder without
// eval/ is an error (RunOutcome::errors, naming where it looked) before
// anything is scored or written; so is a gold folder without articles.
// The ranking set alone needs no shared folder (its gold: pairs then fail).
std::expected<RunOutcome, base::Errors> evaluate(const Engine& engine, const EvalRequest& request,
                                                             const WriteFn& out);

struct TrainRequest {
  std::string shared;                // the shared folder (app::shared_dir)
  std::string out_dir = "data/models";
  int folds = 5;                     // cross-validation folds for the estimate (0: none)
  std::vector<std::string> models;   // only these (empty: all)
  // Settings that override every trained model's own (eval::TrainingSet::
  // options); unset: each model's own.
  struct Overrides {
    std::optional<int> epochs;
    std::optional<double> learning_rate, l2;
    std::optional<std::size_t> max_features;
  } train;
  bool progress = false;  // a progress bar on stderr (base/progress.h), one step per model
};

// Trains on the rules of `data` (the models being trained are not applied)
// and writes one TSV per model into request.out_dir. Unexpected: the rules
// could not be built. A development set that cannot be read stops before any
// training (RunOutcome::errors).
std::expected<RunOutcome, base::Errors> train(std::shared_ptr<const base::DataSource> data,
                                                          const TrainRequest& request, const WriteFn& out);

}  // namespace assay::app
