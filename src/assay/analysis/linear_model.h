// analysis/linear_model: reviewable logistic-regression models that back up
// the rules. A model reads a sentence's features (words, the
// lexicon categories that fired, the labels the rules gave) and adds its
// target label when its probability passes the model's threshold. One
// exception to "only adds": an uncertainty model may take back the rules'
// hedge when it rests on a lone modal and the model reads the sentence as
// certain (see veto()).
//
// A model is a TSV file under data/models/, written by `assay train` from the
// development sets and reviewed like any data file:
//
//   # model: bias
//   # target: opinion
//   # threshold: 0.55
//   # veto: 0.40 may might could     (uncertainty models only; optional)
//   # trained: BABE dev (1,813 sentences) + gold articles (328 sentences)
//   feature	weight
//   (bias)	-1.2034
//   w:outrageous	2.3310
//   c:opinion	1.8721
//   ...
//
//   auto m = LinearModel::parse(tsv, "data/models/bias.tsv");
//   std::vector<std::string> f;
//   sentence_features(text, tokens, cues, lex, labels, f);
//   if (m->probability(f) >= m->threshold()) ...
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assay/analysis/labels.h"
#include "assay/base/error.h"
#include "assay/lexicon/lexicon.h"
#include "assay/text/segment.h"

namespace assay::analysis {

// What a model's positive decision adds to a sentence.
enum class ModelTarget : std::uint8_t {
  kHedge,    // uncertainty (hedges, weasel words)
  kOpinion,  // loaded or evaluative wording
  kSource,   // an attribution: source.named when a name is present, else source.anonymous
  kClaim,    // a check-worthy factual claim (the sentence's `claim` flag)
};
const char* model_target_name(ModelTarget t);

class LinearModel {
 public:
  static base::Result<LinearModel> parse(std::string_view tsv, std::string_view name);

  LinearModel(std::string name, ModelTarget target, double bias, double threshold,
              std::unordered_map<std::string, double> weights, std::string trained_on);

  double score(const std::vector<std::string>& features) const;  // the logit
  double probability(const std::vector<std::string>& features) const;
  // The present feature with the largest positive weight (for evidence).
  std::string strongest(const std::vector<std::string>& features) const;

  const std::string& name() const { return name_; }
  ModelTarget target() const { return target_; }
  double threshold() const { return threshold_; }
  double bias() const { return bias_; }
  const std::unordered_map<std::string, double>& weights() const { return weights_; }
  const std::string& trained_on() const { return trained_on_; }

  // An uncertainty model may overrule the rules' hedge when it rests on one
  // bare cue of `veto_cues()` ("may", "could": modals that also state what is
  // possible or allowed, not only what is uncertain) and the model's
  // probability is below `veto()`. 0: never. Header "# veto: 0.40 may could".
  double veto() const { return veto_; }
  const std::vector<std::string>& veto_cues() const { return veto_cues_; }
  void set_veto(double veto, std::vector<std::string> cues) {
    veto_ = veto;
    veto_cues_ = std::move(cues);
  }

  // The TSV form (weights sorted by descending magnitude, then name).
  std::string to_tsv() const;

 private:
  std::string name_;
  ModelTarget target_;
  double bias_ = 0, threshold_ = 0.5;
  std::unordered_map<std::string, double> weights_;
  std::string trained_on_;
  double veto_ = 0;
  std::vector<std::string> veto_cues_;
};

// The 64-bit hash under which a model stores a feature's weight.
std::uint64_t feature_hash(std::string_view feature);

// An analyzer's models with one index over all their features: each of a
// sentence's features is looked up once, for every model at a time.
//
//   ModelSet set(std::move(models));
//   std::vector<ModelSet::Score> scores;
//   set.score(hashes, scores);             // hashes: sorted, unique
//   if (scores[0].probability >= set.models()[0].threshold()) ...
class ModelSet {
 public:
  ModelSet() = default;
  explicit ModelSet(std::vector<LinearModel> models);

  struct Score {
    double probability = 0;
    std::string_view strongest;  // the present feature with the largest positive weight ("" if none)
  };
  // One score per model, in models() order. Gives the same probabilities as
  // LinearModel::probability and the same strongest feature (ties go to the
  // feature that sorts first) over the features behind `hashes`.
  void score(std::span<const std::uint64_t> hashes, std::vector<Score>& out) const;

  const std::vector<LinearModel>& models() const { return models_; }
  bool empty() const { return models_.empty(); }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  // Eight bytes a slot: the hash's high half as a tag, the full hash is
  // checked in row_hashes_ only when the tag matches.
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t row = kEmpty;
  };
  std::uint32_t find(std::uint64_t hash) const;

  std::vector<LinearModel> models_;
  std::vector<Slot> slots_;                 // open addressing, linear probing; size a power of two
  std::vector<std::uint64_t> row_hashes_;   // the hash of each row
  std::vector<double> weights_;             // row * models_.size() + model
  std::vector<std::string> names_;          // the feature behind each row
};

// The features of one sentence, appended to `out` (sorted, unique):
// "w:<word>" lower-cased words (digits as 0),
// "c:<category>" lexicon categories, "q:<category>" categories inside
// a quotation, "r:<label>" labels the rules gave, "f:pronoun|capital|lower"
// the shape of the first word, "s:name" a run of capitalised words inside
// the sentence, and a few more shape features ("s:number", "s:quote", ...).
// `quotes` are the document's quotations in text order, not overlapping
// (DocContext::find_quotes).
void sentence_features(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                       std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes, LabelSet rule_labels,
                       std::vector<std::string>& out);
// The same features as their feature_hash values (sorted, unique), built
// without composing the strings: the analyzer's hot path.
void sentence_feature_hashes(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                             std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes,
                             LabelSet rule_labels, std::vector<std::uint64_t>& out);

// Trains a logistic regression on binary features (AdaGrad, L2), keeps the
// `max_features` largest weights, and returns the model. Deterministic for a
// given seed.
struct TrainOptions {
  int epochs = 12;
  double learning_rate = 0.2;
  double l2 = 1e-5;
  std::size_t max_features = 6000;
  std::uint64_t seed = 42;

};
LinearModel train_logistic(const std::string& name, ModelTarget target, const std::vector<std::vector<std::string>>& x,
                           const std::vector<bool>& y, const TrainOptions& options, std::string trained_on);

}  // namespace assay::analysis
