// eval/ranking: the editor's-ordering calibration set (tests/data/ranking):
// pairs of articles on one story where one is clearly better reported than
// the other, and how often a score puts the pair in the editor's order,
// per half (`open` may be tuned on, `sealed` is only reported).
//
//   auto pairs = eval::parse_ranking_pairs(bytes, "tests/data/ranking/pairs.jsonl");
//   if (!pairs) fmt::print("{}\n", pairs.error().to_string());  // "pairs.jsonl:7: ..."
//   std::map<std::string, text::Document> docs;  // the caller reads each pair's `better` and `worse`
//   eval::RankingReport r = eval::evaluate_ranking(analyzer, *pairs, docs);
//   r.halves["sealed"].agreement(r.halves["sealed"].reporting);  // share in the editor's order
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/base/error.h"
#include "assay/text/document.h"

namespace assay::eval {

// One line of pairs.jsonl.
struct RankingPair {
  std::string id;      // unique in the file
  std::string story;   // the story both articles tell (may be empty)
  std::string better;  // a file beside pairs.jsonl, or "gold:ID" for a gold article
  std::string worse;
  std::string reason;  // why an editor ranks them so
  std::string half;    // "open" or "sealed"
  int line = 0;        // in pairs.jsonl
};

// Parses pairs.jsonl. Fails on the first line that is not a JSON object,
// lacks one of id, better, worse, reason, half (strings), has a half other
// than "open" or "sealed", names the same article twice, or repeats an
// id; the error names `name` and the line.
base::Result<std::vector<RankingPair>> parse_ranking_pairs(std::string_view jsonl, std::string_view name);

// The scores of one article.
struct RankingScores {
  int reporting = 0;    // assessment.reporting.score
  int credibility = 0;  // assessment.credibility.score (the old score)
  int claim_status = 0;
  std::string claim_level;
};

struct RankingPairResult {
  const RankingPair* pair = nullptr;
  RankingScores better, worse;
  // Strictly higher for the better-reported article (a tie is a miss).
  bool reporting_agrees() const { return better.reporting > worse.reporting; }
  bool credibility_agrees() const { return better.credibility > worse.credibility; }
};

struct RankingHalf {
  int pairs = 0, reporting = 0, credibility = 0;  // pairs, and those each score orders as the editor does
  double agreement(int agreeing) const { return pairs ? static_cast<double>(agreeing) / pairs : 0; }
};

struct RankingReport {
  std::map<std::string, RankingHalf> halves;  // "open", "sealed", "all"
  std::vector<RankingPairResult> results;     // in file order; pairs with an article missing from docs are left out
};

// Analyses every article once (docs: reference as written in the pair ->
// document) and compares each pair. `pairs` must outlive the report.
RankingReport evaluate_ranking(const analysis::Analyzer& analyzer, const std::vector<RankingPair>& pairs,
                               const std::map<std::string, text::Document>& docs);

}  // namespace assay::eval
