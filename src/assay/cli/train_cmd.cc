// assay train: trains the learned models of data/models from the development
// sets of ../shared/eval and writes them as reviewable TSV files.
#include <fmt/core.h>

#include <filesystem>

#include "assay/analysis/analyzer.h"
#include "assay/app/engine.h"
#include "assay/app/inputs.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"
#include "assay/eval/train.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

struct TrainCmdOptions {
  std::string shared_dir;
  std::string out_dir = "data/models";
  int folds = 5;
  std::vector<std::string> models;
  analysis::TrainOptions train;
};

std::string read_or_empty(const fs::path& p, std::vector<base::Error>& errors) {
  auto r = app::read_input({p.string()});
  if (!r) {
    errors.push_back(r.error());
    return {};
  }
  return std::move(*r);
}

int run_train(const TrainCmdOptions& o, const GlobalOptions& g) {
  fs::path shared = app::shared_dir(o.shared_dir);
  // The rules alone: the models are what is being trained.
  app::Engine engine(base::open_data(g.data_dir), {.models = false, .impact = false});
  auto rules = engine.analyzer();
  if (!rules) {
    for (auto& e : rules.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  std::vector<base::Error> errors;
  eval::TrainingData td;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(shared / "eval" / "articles", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto g = eval::parse_gold_article(read_or_empty(f, errors), f);
    if (g) td.gold.push_back(std::move(*g));
    else errors.push_back(g.error());
  }
  fs::path pub = shared / "eval" / "public";
  td.conll = read_or_empty(pub / "conll2010-wiki.dev.jsonl", errors);
  td.babe = read_or_empty(pub / "babe.dev.jsonl", errors);
  td.polnear_train = read_or_empty(pub / "polnear.train.jsonl", errors);
  td.claimbuster = read_or_empty(pub / "claimbuster.train.jsonl", errors);
  if (!errors.empty()) {
    for (auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitFailure;
  }
  auto sets = eval::build_training_sets(**rules, td);
  fs::create_directories(o.out_dir, ec);
  fmt::print("| model | target | examples | rules alone | rules + model (in sample) | rules + model ({}-fold CV) | threshold | features |\n",
             o.folds);
  fmt::print("|---|---|---|---|---|---|---|---|\n");
  for (const auto& set : sets) {
    if (!o.models.empty() && std::find(o.models.begin(), o.models.end(), set.model) == o.models.end()) continue;
    auto t = eval::train_model(set, o.folds, o.train);
    fs::path out = fs::path(o.out_dir) / (set.model + ".tsv");
    if (auto st = write_file(out.string(), t.model.to_tsv()); !st) {
      fmt::print(stderr, "assay: error: {}\n", st.error().to_string());
      return kExitFailure;
    }
    fmt::print("| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.2f} | {} |\n", set.model, analysis::model_target_name(set.target),
               t.examples, t.rules_macro_f1, t.train_macro_f1, t.cv_macro_f1, t.model.threshold(), t.model.weights().size());
  }
  fmt::print("\nmodels written to {}; rebuild to embed them\n", o.out_dir);
  return kExitOk;
}

Registrar reg(35, [](CLI::App& app, const GlobalOptions& g) {
  static TrainCmdOptions o;
  auto* cmd = app.add_subcommand("train", "Train the learned models (data/models/*.tsv) from the development sets");
  cmd->add_option("--shared", o.shared_dir, "The shared folder (default: $ASSAY_SHARED_DIR or ../shared)");
  cmd->add_option("--out", o.out_dir, "Where to write the model files (default: data/models)");
  cmd->add_option("--folds", o.folds, "Cross-validation folds for the estimate (0: none)")->check(CLI::Range(0, 20));
  cmd->add_option("--model", o.models, "Train only these: uncertainty bias attribution checkworthy");
  cmd->add_option("--epochs", o.train.epochs, "Passes over the data")->check(CLI::Range(1, 100));
  cmd->add_option("--l2", o.train.l2, "L2 regularisation");
  cmd->add_option("--learning-rate", o.train.learning_rate, "AdaGrad learning rate");
  cmd->add_option("--max-features", o.train.max_features, "Features kept per model (largest weights)");
  cmd->callback([&g] { throw ExitRequest{run_train(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
