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

}  // namespace assay::analysis::internal
