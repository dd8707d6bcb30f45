// lexicon/precompiled: the embedded lexicons compiled at build time (by the
// assay_lexc tool) and serialised into the binary, so that start-up loads the
// matcher in milliseconds instead of compiling ~1,000 patterns. Used only when
// the lexicon being compiled has the same fingerprint (same files, as with
// the embedded data); a --data override with other lexicons compiles anew.
//
//   auto m = Matcher::compile(lex);                  // with embedded_precompiled()
//   auto m = Matcher::compile(lex, Precompiled{});   // compiles every pattern (assay_lexc)
//
// The library provides embedded_precompiled() from the file assay_lexc
// generates (precompiled_lexicon.cc); the tool itself links only the
// compiling half (lexicon.cc, matcher.cc, shape.cc) and needs no database.
#pragma once

#include <cstdint>
#include <string_view>

namespace assay::lexicon {

// A serialised matcher (Matcher::serialize) and the fingerprint of the
// lexicon it was compiled from; empty when there is none.
struct Precompiled {
  std::string_view database;
  std::uint64_t fingerprint = 0;
};

// The database built into the library (generated at build time).
Precompiled embedded_precompiled();

}  // namespace assay::lexicon
