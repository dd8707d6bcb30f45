// corpus/stance: the stance of an article body toward a headline (or a
// story's claim): agree, disagree, discuss or unrelated, as in the Fake News
// Challenge (FNC-1). Two linear stages, both reviewable weights in one TSV
// file (data/models/stance/stance.tsv, written by `assay train --model
// stance`):
//
//   1. relatedness: unrelated vs related, from how much of the headline the
//      body repeats (TF-IDF cosine, the share of the headline's word stems,
//      bigrams and character 4-grams found in the body and in its lead, the
//      rarest headline word the body lacks);
//   2. among related pairs, agree / disagree / discuss, from cue families
//      (refutation and denial, hedges and reported speech, confirmation) in
//      the body's sentences that repeat the headline and in the body as a
//      whole, the headline's own cues and polarity, and the body's words.
//
//   auto model = corpus::StanceModel::load(data);          // base::DataSource
//   corpus::Stance s = model->classify("Pope to visit Mars", body);
//   std::puts(corpus::stance_name(s));                     // "unrelated"
//
//   // a story's member against the story's claim (the "stories" module):
//   corpus::StoryStance t = corpus::member_stance(*model, story_claim, member_body);
//   // kSupport, kDispute, kDiscuss or kUnrelated
//
//   // training and the FNC-1 score by cross-validation (app/evaluation):
//   auto m = corpus::train_stance(pairs, {});
//   corpus::StanceScore cv = corpus::cross_validate_stance(pairs, 5, {});
//   cv.weighted();  // the official weighted score, 0..1
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"

namespace assay::corpus {

enum class Stance : std::uint8_t { kAgree, kDisagree, kDiscuss, kUnrelated };
inline constexpr int kStanceCount = 4;
const char* stance_name(Stance s);  // "agree", "disagree", "discuss", "unrelated"
std::optional<Stance> parse_stance(std::string_view name);

// A story member's relation to the story's claim: a body that agrees supports
// it, one that disagrees disputes it, one that reports it without taking a
// side discusses it; an unrelated one is about something else.
enum class StoryStance : std::uint8_t { kSupport, kDispute, kDiscuss, kUnrelated };
const char* story_stance_name(StoryStance s);  // "support", "dispute", "discuss", "unrelated"
StoryStance to_story_stance(Stance s);

// One labelled headline–body pair. `group` keeps pairs together in
// cross-validation (FNC-1: the body id, so that no body is in two folds).
struct StancePair {
  std::string_view headline;
  std::string_view body;
  Stance stance = Stance::kUnrelated;
  std::uint64_t group = 0;
};

// A multinomial logistic regression over named real-valued features.
class LinearClassifier {
 public:
  LinearClassifier() = default;
  explicit LinearClassifier(int classes) : classes_(classes), bias_(static_cast<std::size_t>(classes), 0.0) {}
  int classes() const { return classes_; }
  // Class probabilities (softmax of the scores) for the features.
  std::vector<double> probabilities(const std::vector<std::pair<std::string, double>>& features) const;
  std::vector<double>& bias() { return bias_; }
  const std::vector<double>& bias() const { return bias_; }
  std::unordered_map<std::string, std::vector<double>>& weights() { return weights_; }
  const std::unordered_map<std::string, std::vector<double>>& weights() const { return weights_; }

 private:
  int classes_ = 0;
  std::vector<double> bias_;
  std::unordered_map<std::string, std::vector<double>> weights_;
};

struct StanceTrainOptions {
  int epochs = 15;
  double learning_rate = 0.1;
  double l2 = 1e-6;
  std::size_t max_features = 6000;  // stage 2 keeps the features with the largest weights
  bool body_words = true;           // stage 2 sees the body's words ("b:" features)
  double body_scale = 3.0;          // the L2 norm of the body's word vector ("b:" features)
  double threshold = 0.3;           // P(related) at which a pair counts as related
  std::uint64_t seed = 42;
  // Which pairs the models were trained on (the model file's header).
  std::string trained_on;
};

// What the classifier says about one pair.
struct StancePrediction {
  Stance stance = Stance::kUnrelated;
  double related = 0;                       // P(related)
  // P(agree), P(disagree), P(discuss) given related; all 0 when P(related)
  // is below the model's threshold (stage 2 does not run).
  std::array<double, 3> among_related{};
};

class StanceModel {
 public:
  // The model file inside a data source.
  static constexpr std::string_view kPath = "models/stance/stance.tsv";
  static base::Result<StanceModel> parse(std::string_view tsv, std::string_view name);
  static base::Result<StanceModel> load(const base::DataSource& data);

  StancePrediction predict(std::string_view headline, std::string_view body) const;
  Stance classify(std::string_view headline, std::string_view body) const { return predict(headline, body).stance; }

  // The TSV form: a header of "# key: value" lines, then rows
  // "idf<TAB>word<TAB>value", "related<TAB>feature<TAB>w_unrelated<TAB>w_related",
  // "stance<TAB>feature<TAB>w_agree<TAB>w_disagree<TAB>w_discuss"; weights
  // sorted by descending magnitude, then name.
  std::string to_tsv() const;

  double threshold() const { return threshold_; }  // P(related) at which a pair counts as related
  const std::string& trained_on() const { return trained_on_; }
  std::size_t vocabulary() const { return idf_.size(); }

 private:
  friend StanceModel train_stance(std::span<const StancePair>, const StanceTrainOptions&);
  std::unordered_map<std::string, double> idf_;
  double documents_ = 0;  // bodies the IDF was computed over
  double threshold_ = 0.3;
  LinearClassifier related_{2};
  LinearClassifier stance_{3};
  std::string trained_on_;
  bool body_words_ = true;
  double body_scale_ = 3.0;
};

// Trains both stages on `pairs` (the IDF from their distinct bodies and
// headlines). Deterministic for a given seed.
StanceModel train_stance(std::span<const StancePair> pairs, const StanceTrainOptions& options);

// Counts of (gold, predicted) pairs and the FNC-1 figures.
struct StanceScore {
  std::array<std::array<std::uint64_t, kStanceCount>, kStanceCount> confusion{};  // [gold][predicted]
  void add(Stance gold, Stance predicted);
  // The official weighted score over its maximum: 0.25 for each pair put
  // correctly on the related/unrelated side, 0.75 more for each related pair
  // with its exact stance; the maximum gives every pair its full credit.
  double weighted() const;
  double f1(Stance s) const;
  double macro_f1() const;  // mean F1 of the four classes
  std::uint64_t total() const;
};

// k-fold cross-validation with folds by `group` (deterministic: a group's fold
// is its hash modulo k). `on_fold` (optional) is called after each fold.
StanceScore cross_validate_stance(std::span<const StancePair> pairs, int folds, const StanceTrainOptions& options,
                                  const std::function<void(int fold)>& on_fold = {});

// The stance of a story member (its body) toward the story's claim (a
// headline or the claim's sentence), as the story module reads it.
StoryStance member_stance(const StanceModel& model, std::string_view claim, std::string_view member_body);

}  // namespace assay::corpus
