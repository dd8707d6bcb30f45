// app/claims_set: the claims test set of tests/data/claims (issue 14), read
// and scored for `assay eval --set claims`: verdict accuracy, the expected
// kb row among the cited evidence, and no supported or contradicted verdict
// without a citation; plus claim extraction recall on the gold articles'
// figure sentences.
//
//   auto set = app::read_claims_set("tests/data/claims");      // Result<vector<ClaimCase>>
//   auto checker = app::ClaimChecker::create(engine);
//   app::ClaimsScore s = app::score_claims_set(*checker, *set);
//   fmt::print("{}/{}\n", s.right, s.claims);
//
// claims.tsv: id, published (YYYY-MM-DD or empty), verdict, kind, expect
// (a kb row "countries.csv:57", "model" for a model figure, or for an
// unverifiable claim a phrase its reason must hold), text.
#pragma once

#include <string>
#include <vector>

#include "assay/analysis/claims.h"
#include "assay/app/verify.h"
#include "assay/base/error.h"
#include "assay/kb/kb.h"

namespace assay::app {

struct ClaimCase {
  std::string id, published, expect, text;
  verify::Verdict verdict = verify::Verdict::kUnverifiable;
  analysis::ClaimKind kind = analysis::ClaimKind::kEvent;
  int line = 0;
};

// Reads <dir>/claims.tsv. Errors name the file, line and field.
base::Result<std::vector<ClaimCase>> read_claims_set(const std::string& dir);

struct ClaimMiss {
  std::string id;
  verify::Verdict expected = verify::Verdict::kUnverifiable, got = verify::Verdict::kUnverifiable;
  std::string why;  // the verdict's reason, or which citation is missing
};

struct ClaimsScore {
  int claims = 0, right = 0;
  int decided = 0, uncited = 0;           // supported/contradicted verdicts, and those without evidence
  int expected_rows = 0, rows_cited = 0;  // cases whose verdict was right and which name a row/model; cited among them
  std::vector<std::pair<std::string, std::pair<int, int>>> by_kind;     // kind -> (right, claims)
  std::vector<std::pair<std::string, std::pair<int, int>>> by_verdict;  // expected verdict -> (right, claims)
  std::vector<ClaimMiss> misses;
  double accuracy() const { return claims ? static_cast<double>(right) / claims : 0; }
};

ClaimsScore score_claims_set(ClaimChecker& checker, const std::vector<ClaimCase>& set);

// Claim extraction recall on gold sentences labelled `quantity` whose
// figure is a production, reserve, capacity, share or price figure: a
// sentence counts when it holds a digit and a word of one of those
// families (claims_set.cc, kFigureFamilies: a family word with a tonnage, a
// share "of" something, or money per unit of mass); it is found when
// find_claims gives it a claim of kind production, reserves, capacity,
// share, rank or price.
struct ExtractionRecall {
  int sentences = 0, found = 0;
  std::vector<std::string> missed;  // "article: sentence"
  double recall() const { return sentences ? static_cast<double>(found) / sentences : 0; }
};

struct GoldFigureSentence {
  std::string article, text;
};
ExtractionRecall claim_extraction_recall(const kb::Kb& kb, const std::vector<GoldFigureSentence>& quantity_sentences);

// Whether a gold `quantity` sentence's figure is of the families above.
bool is_figure_sentence(std::string_view text);

}  // namespace assay::app
