// assay train: trains the learned models of data/models from the development
// sets of ../shared/eval and writes them as reviewable TSV files
// (app/evaluation.h).
#include <fmt/core.h>

#include <cstdio>

#include "assay/app/evaluation.h"
#include "assay/app/inputs.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct TrainCmdOptions {
  std::string shared_dir;
  std::string out_dir = "data/models";
  int folds = 5;
  std::vector<std::string> models;
  analysis::TrainOptions train;
};

int run_train(const TrainCmdOptions& o, const GlobalOptions& g) {
  app::TrainRequest req{.shared = app::shared_dir(o.shared_dir), .out_dir = o.out_dir, .folds = o.folds, .models = o.models,
                        .train = o.train, .progress = show_progress(g, /*streams_to_stdout=*/true)};
  auto r = app::train(open_data(g), req, [](std::string_view s) {
    write_stdout(s);
    std::fflush(stdout);
  });
  if (!r) {
    for (auto& e : r.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  for (auto& e : r->errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
  return r->errors.empty() ? kExitOk : kExitFailure;
}

Registrar reg(35, [](CLI::App& app, const GlobalOptions& g) {
  static TrainCmdOptions o;
  auto* cmd = app.add_subcommand("train", "Train the learned models (data/models/*.tsv) from the development sets");
  cmd->add_option("--shared", o.shared_dir, "The shared folder (default: $ASSAY_SHARED_DIR or ../shared)");
  cmd->add_option("--out", o.out_dir, "Where to write the model files (default: data/models)");
  cmd->add_option("--folds", o.folds, "Cross-validation folds for the estimate (0: none)")->check(in_range(0, 20));
  cmd->add_option("--model", o.models, "Train only these: uncertainty bias attribution checkworthy stance");
  cmd->add_option("--epochs", o.train.epochs, "Passes over the data")->check(in_range(1, 100));
  cmd->add_option("--l2", o.train.l2, "L2 regularisation")->check(in_range(0.0, 10.0));
  cmd->add_option("--learning-rate", o.train.learning_rate, "AdaGrad learning rate")
      ->check(in_range(1e-9, 10.0));
  cmd->add_option("--max-features", o.train.max_features, "Features kept per model (largest weights)")
      ->check(in_range(1, 10000000));
  cmd->callback([&g] { throw ExitRequest{run_train(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
