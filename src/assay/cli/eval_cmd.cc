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
  std::string ranking_dir = "tests/data/ranking";
};

void to_stdout(std::string_view s) { write_stdout(s); }

int run_eval(const EvalOptions& o, const GlobalOptions& g) {
  app::Engine engine = make_engine(g, /*impact=*/false);
  app::EvalRequest req{.shared = app::shared_dir(o.shared_dir), .sets = o.sets, .json = o.format == "json", .misses = o.misses,
                      .progress = show_progress(g, /*streams_to_stdout=*/true), .ranking_dir = o.ranking_dir};
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
  cmd->add_option("--set", o.sets, "Sets to score: gold conll polnear babe claimbuster extraction all; ranking (only when named)")
      ->check(CLI::IsMember({"gold", "conll", "polnear", "babe", "claimbuster", "extraction", "all", "ranking"}));
  cmd->add_option("--format", o.format, "table (Markdown) or json")->check(CLI::IsMember({"table", "md", "json"}));
  cmd->add_flag("--misses", o.misses, "List the gold sentences whose labels differ and the ranking pairs out of order");
  cmd->add_option("--ranking", o.ranking_dir, "The ranking calibration set's folder (default: tests/data/ranking)");
  cmd->callback([&g] { throw ExitRequest{run_eval(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
