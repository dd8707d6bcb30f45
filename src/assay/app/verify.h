// app/verify: what `assay verify` does, for any face: claims given as text
// (one per line, or JSON Lines {text, published, id}) are analysed (for the
// sentence's sourcing labels), their structured claims found
// (analysis/claims.h) and judged against the knowledge base and the supply
// model (verify/verify.h) at the claim's publication date, or `--date`, or
// the latest data; then rendered as Markdown or JSON.
//
//   app::Engine engine(*base::open_data(""));
//   auto inputs = app::parse_claim_inputs("China mined 270,000 t of rare earths in 2025.\n", "-");
//   auto checker = app::ClaimChecker::create(engine);        // Expected<ClaimChecker, Errors>
//   std::vector<app::ClaimCheck> checks;
//   for (const auto& in : *inputs) checks.push_back(checker->check(in, "2026-03-01"));
//   std::string md = app::render_claim_checks(checks, report::OutputFormat::kMarkdown);
//
// Never an error for a claim: one that cannot be checked is unverifiable
// with the reason. A ClaimChecker is for one thread (it keeps a scratch).
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/claims.h"
#include "assay/app/engine.h"
#include "assay/base/error.h"
#include "assay/report/chain.h"
#include "assay/verify/verify.h"

namespace assay::app {

struct ClaimInput {
  std::string id;         // the JSON "id", or "line N"
  std::string text;
  std::string published;  // "YYYY-MM-DD" (or "YYYY-MM", "YYYY"); empty: not given
  int line = 0;           // 1-based line of the input
};

// One claim per non-blank line ('#' starts a comment line), or JSON Lines
// when the first non-blank line starts with '{' (objects with "text" and
// optionally "published" and "id"). Unexpected: a JSON line that does not
// parse or has no "text", naming `name` and the line.
base::Result<std::vector<ClaimInput>> parse_claim_inputs(std::string_view bytes, std::string_view name);

struct CheckedClaim {
  analysis::Claim claim;  // spans relative to ClaimCheck::text
  verify::Judgement judgement;
};

struct ClaimCheck {
  ClaimInput input;
  std::string text;        // the text as analysed (normalised)
  std::string date;        // the date judged at; empty: the latest data
  std::string date_from;   // "published", "--date" or "" (latest data)
  std::vector<CheckedClaim> claims;
  // The input's verdict: its first claim that is not unverifiable, else unverifiable.
  verify::Verdict verdict = verify::Verdict::kUnverifiable;
  std::string reason;      // the reason of that claim, or why there is none
};

// "YYYY-MM-DD" (or "YYYY-MM", "YYYY") with a valid month and day.
bool valid_date(std::string_view d);

class ClaimChecker {
 public:
  // Unexpected: the data files (lexicons, kb, supply model) are invalid.
  static std::expected<ClaimChecker, base::Errors> create(const Engine& engine);
  // `default_date` applies when the input gives none (empty: the latest data).
  ClaimCheck check(const ClaimInput& in, std::string_view default_date);

 private:
  ClaimChecker() = default;
  std::shared_ptr<const analysis::Analyzer> analyzer_;
  std::shared_ptr<const verify::Verifier> verifier_;
  std::shared_ptr<analysis::Analyzer::Scratch> scratch_;
};

// Markdown (kMarkdown, kTable) or JSON ("assay.verify/1").
std::string render_claim_checks(const std::vector<ClaimCheck>& checks, report::OutputFormat format);

}  // namespace assay::app
