// lexicon/precompiled: the embedded lexicons compiled at build time (by the
// assay_lexc tool) and serialised into the binary, so that start-up loads the
// matcher in milliseconds instead of compiling ~1,000 patterns. Used only when
// the lexicon being compiled has the same fingerprint (same files, as with
// the embedded data); a --data override with other lexicons compiles anew.
#pragma once

#include <cstdint>
#include <string_view>

namespace assay::lexicon {

// The serialised vectorscan database, or empty when none was built in.
std::string_view precompiled_database();
// The fingerprint of the lexicon it was compiled from.
std::uint64_t precompiled_fingerprint();

}  // namespace assay::lexicon
