// eval/train: builds the training sets of the learned models from the
// development data and trains them (`assay train`). Each model backs up the
// rules for one decision:
//   uncertainty -> hedge    CoNLL-2010 Wikipedia + gold (hedge|anonymous|vague)
//   bias        -> opinion  BABE + gold (opinion)
//   attribution -> source   PolNeAR train + gold (any source.*)
//   checkworthy -> claim    ClaimBuster
// The threshold of each model is chosen on out-of-fold probabilities of its
// training data to maximise the macro-F1 of the combined decision (rules OR
// model; for the uncertainty model also the level below which it takes back
// a hedge resting on a lone modal); k-fold cross-validation, with that
// choice nested inside each fold, estimates how the decision does on unseen
// sentences.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/eval/label_eval.h"

namespace assay::eval {

struct Example {
  std::vector<std::string> features;
  bool gold = false;
  bool rules = false;  // what the rules alone decide for this task
  bool from_public = true;  // false: a gold-article sentence (always in training)
  bool overrulable = false;  // the rules' decision rests on one bare modal (analysis::hedge_rests_on)
};

// The settings the models are trained with unless a model says otherwise
// (the values the committed models were trained with before settings per
// model existed: `assay train --epochs 8 --l2 3e-4 --learning-rate 0.1`).
inline constexpr analysis::TrainOptions kStandardTrainOptions{.epochs = 8, .learning_rate = 0.1, .l2 = 3e-4};

struct TrainingSet {
  std::string model;  // uncertainty, bias, attribution, checkworthy
  analysis::ModelTarget target;
  std::string description;
  std::vector<Example> examples;
  // The model's own training settings (build_training_sets fills them; a
  // caller may override any of them, as `assay train --epochs` does).
  analysis::TrainOptions options = kStandardTrainOptions;
};

// The inputs: the bytes of each file (empty when absent).
struct TrainingData {
  std::vector<GoldArticle> gold;
  std::string conll, babe, polnear_train, claimbuster;
};

// `rules_only` must be an Analyzer created with models disabled.
std::vector<TrainingSet> build_training_sets(const analysis::Analyzer& rules_only, const TrainingData& data);

struct TrainedModel {
  analysis::LinearModel model;
  double train_macro_f1 = 0;  // combined decision on the public part, in sample
  double cv_macro_f1 = 0;     // k-fold estimate (0 when folds == 0)
  double rules_macro_f1 = 0;  // the rules alone
  std::size_t examples = 0;
};

// Trains on set.examples with `options` (normally set.options).
TrainedModel train_model(const TrainingSet& set, int folds, const analysis::TrainOptions& options);
inline TrainedModel train_model(const TrainingSet& set, int folds) { return train_model(set, folds, set.options); }

}  // namespace assay::eval
