// analysis/claims_internal: find_claims (claims.h) with the sentence's
// quantities already found, as the analyzer has them, so that a sentence is
// not scanned for figures twice.
//
//   std::vector<Quantity> qs = ...;  // the sentence's, spans relative to it
//   std::size_t n = internal::find_claims_with(sentence_text, kb, qs, claims);
//   // claims' last n are the sentence's (appended in place: no claim is
//   // moved from a vector of the sentence's to the article's)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/claims.h"

namespace assay::analysis::internal {

std::size_t find_claims_with(std::string_view text, const kb::Kb* kb, const std::vector<Quantity>& quantities,
                             std::vector<Claim>& out);

// Does q make find_claims_with read its sentence (a share, tonnage, capacity
// or price; not a count of sources)?
bool claim_figure(const Quantity& q);

// May find_claims_with find a claim without a figure in text? false only when
// it surely finds none: no run of ASCII letters in text is a word that makes
// a sentence worth reading (a rank, policy, plant status or event word). Each
// such word of find_claims_with starts a run of letters (or, a superlative
// after a hyphen, starts one after it), so a false here is exact; a true only
// says to ask find_claims_with. The analyzer asks it before it copies the
// sentence's quantities, on every sentence with no claim_figure:
//
//   if (!figure && !internal::may_claim_without_figure(sentence)) continue;
bool may_claim_without_figure(std::string_view text);

// For tests: trigger_word, the word test of may_claim_without_figure (a
// lower-case word), and the words find_claims_with reads of a text (its
// spans, lower-case forms, capital and hyphen flags), so that the scans,
// which read eight bytes at a time, can be checked against plain loops.
bool is_trigger_word(std::string_view lower);
struct ClaimWord {
  base::Span span;
  std::string lower;
  bool capital = false;
  bool dash = false;
};
std::vector<ClaimWord> claim_words(std::string_view text);

}  // namespace assay::analysis::internal
