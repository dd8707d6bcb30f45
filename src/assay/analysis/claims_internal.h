// analysis/claims_internal: find_claims (claims.h) with the sentence's
// quantities already found, as the analyzer has them, so that a sentence is
// not scanned for figures twice.
//
//   std::vector<Quantity> qs = ...;  // the sentence's, spans relative to it
//   auto claims = internal::find_claims_with(sentence_text, kb, qs);
#pragma once

#include <string_view>
#include <vector>

#include "assay/analysis/claims.h"

namespace assay::analysis::internal {

std::vector<Claim> find_claims_with(std::string_view text, const kb::Kb* kb, const std::vector<Quantity>& quantities);

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

}  // namespace assay::analysis::internal
