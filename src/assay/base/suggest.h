// base/suggest: "did you mean" for names a user typed: the edit distance
// between two words (insertions, deletions, substitutions and swaps of two
// neighbouring characters each count one) and the closest of a list of
// candidates, when it is close enough to be worth suggesting.
//
//   edit_distance("chian", "chain") == 1;                     // a swap
//   suggest("chian", {"analyze", "chain", "kb"}) == "chain";
//   suggest("zzz", {"analyze", "chain"}).empty();             // nothing close
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assay::base {

// Optimal-string-alignment distance, ASCII case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` (the first of equals, in the order given),
// or "" when none is within max(1, |word| / 3) edits (at most 3). A
// candidate that starts with `word` (a prefix of three or more characters) is
// suggested too: "anal" -> "analyze".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace assay::base
