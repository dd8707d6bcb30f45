// eval/label_eval: scores the analyzer against labelled data: the gold
// articles of ../shared/eval/articles (LABELS.md) and the public sets of
// ../shared/eval/public (CoNLL-2010 uncertainty, PolNeAR attribution, BABE
// bias, ClaimBuster check-worthiness), each mapped to assay's labels as that
// folder's README says.
//
//   auto gold = parse_gold_article(json_bytes, "dev-001.json");
//   GoldReport r = evaluate_gold(analyzer, {*gold});
//   fmt::print("micro-F1 {:.3f}\n", r.micro.f1());
//
// Functions take parsed records or bytes; reading files is the caller's job.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/base/error.h"

namespace assay::eval {

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  int support() const { return tp + fn; }
  // Macro-F1 of a binary task: the mean of the positive and negative class F1.
  double macro_f1() const;
  void add(bool predicted, bool gold);
  Counts& operator+=(const Counts& o) {
    tp += o.tp, fp += o.fp, fn += o.fn, tn += o.tn;
    return *this;
  }
};

struct GoldSentence {
  std::string text;
  std::vector<std::string> labels;
};

struct GoldEvent {
  std::string type, status;
};

struct GoldArticle {
  std::string id, outlet, outlet_type, title, text, origin;
  std::vector<GoldSentence> sentences;
  std::vector<std::string> stakeholders_quoted, stakeholders_expected, missing_voices, entities;
  std::vector<GoldEvent> events;
};

base::Result<GoldArticle> parse_gold_article(std::string_view json, std::string_view name);

struct GoldReport {
  int articles = 0;
  Counts boundaries;                            // sentence boundaries (exact span match)
  std::map<std::string, Counts> labels;         // per label
  Counts micro;                                 // over all labels
  Counts stakeholders_quoted, missing_voices, stakeholders_expected, entities;
  int origin_right = 0, outlet_type_right = 0;
  // Events, matched by type within an article (the analyzer reports one per
  // type): `events` counts the types; of the matched ones, how many carry a
  // status that one of the gold events of that type has.
  Counts events;
  int event_status_right = 0, event_status_matched = 0;
  // Sentences whose labels differ from gold, for error analysis.
  struct Miss {
    std::string article, sentence;
    std::vector<std::string> gold, predicted;
  };
  std::vector<Miss> misses;
};

GoldReport evaluate_gold(const analysis::Analyzer& analyzer, const std::vector<GoldArticle>& articles);

// One public set, scored as binary sentence classification.
struct BinaryReport {
  std::string name;
  Counts counts;      // positive class
  std::string note;   // how the set maps to assay's labels
  std::map<std::string, double> extra;  // e.g. "macro_f1_with_opinion", "named_share", "biased_word_recall"
};

// `jsonl` is the file's bytes. Bad lines are skipped and counted in extra["bad_records"].
BinaryReport evaluate_conll(const analysis::Analyzer& a, std::string_view jsonl);
BinaryReport evaluate_polnear(const analysis::Analyzer& a, std::string_view jsonl);
BinaryReport evaluate_babe(const analysis::Analyzer& a, std::string_view jsonl);
BinaryReport evaluate_claimbuster(const analysis::Analyzer& a, std::string_view jsonl);

}  // namespace assay::eval
