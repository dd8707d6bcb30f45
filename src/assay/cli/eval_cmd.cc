// assay eval: scores the analyzer on the labelled sets of ../shared/eval and
// prints per-label precision, recall, F1 and support (app/evaluation.h).
#include <fmt/core.h>

#include <cstdio>

#include "assay/app/engine.h"
#include "assay/app/evaluation.h"
#include "assay/app/inputs.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct EvalOptions {
  std::string shared_dir;
  std::vector<std::string> sets{"gold", "conll", "polnear", "babe", "claimbuster", "extraction"};
  std::string format = "table";
  bool misses = false;
  std::vector<std::string> articles;  // --articles GLOB (repeatable)
  bool sets_given = false;            // --set on the command line
  std::string genre_dir = "tests/data/genre";
  std::string ranking_dir = "tests/data/ranking";
  std::string claims_dir = "tests/data/claims";
  std::string stories_dir = "tests/data/stories";
};

void to_stdout(std::string_view s) { write_stdout(s); }

int run_eval(const EvalOptions& o, const GlobalOptions& g) {
  app::EvalRequest req{.shared = app::shared_dir(o.shared_dir), .sets = o.sets, .json = o.format == "json", .misses = o.misses,
                      .progress = show_progress(g, /*streams_to_stdout=*/true),
                      .genre_dir = o.genre_dir, .ranking_dir = o.ranking_dir, .claims_dir = o.claims_dir, .stories_dir = o.stories_dir};
  if (!o.articles.empty()) {
    // --articles scores some gold articles: alone, it means --set gold.
    if (!o.sets_given) req.sets = {"gold"};
    auto files = app::gold_article_files(req.shared, o.articles);
    if (!files) {
      fmt::print(stderr, "assay: error: {}\n", files.error().to_string());
      return kExitUsage;
    }
    req.articles = std::move(*files);
  }
  app::Engine engine = make_engine(g, /*impact=*/false);
  auto r = app::evaluate(engine, req, to_stdout);
  if (!r) {
    for (auto& e : r.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  std::fflush(stdout);
  for (auto& e : r->errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
  return r->errors.empty() ? kExitOk : kExitFailure;
}

Registrar reg(30, [](CLI::App& app, const GlobalOptions& g) {
  static EvalOptions o;
  auto* cmd = app.add_subcommand("eval", "Score the analyzer on the labelled sets of ../shared/eval");
  cmd->add_option("--shared", o.shared_dir, "The shared folder (default: $ASSAY_SHARED_DIR or ../shared)");
  cmd->add_option("--set", o.sets,
                  "Sets to score: gold conll polnear babe claimbuster extraction all; genre, ranking, claims and stories (the "
                  "source tree's test sets, only when named); fnc1 (the stance classifier by 5-fold cross-validation, only when named)")
      ->check(CLI::IsMember({"gold", "conll", "polnear", "babe", "claimbuster", "extraction", "all", "genre", "ranking", "claims", "stories", "fnc1"}));
  cmd->add_option("--genre-dir", o.genre_dir, "The genre test set for --set genre (default: tests/data/genre)");
  cmd->add_option("--ranking", o.ranking_dir, "The ranking calibration set's folder for --set ranking (default: tests/data/ranking)");
  cmd->add_option("--claims-dir", o.claims_dir, "The claims test set for --set claims (default: tests/data/claims)");
  cmd->add_option("--stories-dir", o.stories_dir, "The story clustering set for --set stories (default: tests/data/stories)");
  cmd->add_option("--format", o.format, "table (Markdown) or json")->check(CLI::IsMember({"table", "md", "json"}));
  cmd->add_flag("--misses", o.misses, "List the gold sentences whose labels differ, the genre confusions and the ranking pairs out of order");
  cmd->add_option("--articles", o.articles,
                  "Score only the gold articles matching GLOB (repeatable; implies --set gold). A GLOB with a '/' is a "
                  "path, one without names files of SHARED/eval/articles: --articles 'dev-03*'")
      ->option_text("GLOB")
      ->allow_extra_args(false);
  cmd->callback([&g, cmd] {
    o.sets_given = cmd->count("--set") > 0;
    throw ExitRequest{run_eval(o, g)};
  });
});

}  // namespace
}  // namespace assay::cli
