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
  analysis::TrainOptions train;  // bound to the flags; only those given override a model's own
  CLI::Option *epochs = nullptr, *l2 = nullptr, *rate = nullptr, *max_features = nullptr;
};

int run_train(const TrainCmdOptions& o, const GlobalOptions& g) {
  app::TrainRequest req{.shared = app::shared_dir(o.shared_dir), .out_dir = o.out_dir, .folds = o.folds, .models = o.models,
                        .progress = show_progress(g, /*streams_to_stdout=*/true)};
  if (o.epochs->count() > 0) req.train.epochs = o.train.epochs;
  if (o.l2->count() > 0) req.train.l2 = o.train.l2;
  if (o.rate->count() > 0) req.train.learning_rate = o.train.learning_rate;
  if (o.max_features->count() > 0) req.train.max_features = o.train.max_features;
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
  o.epochs = cmd->add_option("--epochs", o.train.epochs, "Passes over the data (default: each model's own)")->check(in_range(1, 100));
  o.l2 = cmd->add_option("--l2", o.train.l2, "L2 regularisation (default: each model's own)")->check(in_range(0.0, 10.0));
  o.rate = cmd->add_option("--learning-rate", o.train.learning_rate, "AdaGrad learning rate (default: each model's own)")
      ->check(in_range(1e-9, 10.0));
  o.max_features = cmd->add_option("--max-features", o.train.max_features, "Features kept per model (largest weights)")
      ->check(in_range(1, 10000000));
  cmd->callback([&g] { throw ExitRequest{run_train(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
