// lexicon/precompiled: Matcher::compile with the database built into the
// library (see precompiled.h). Not part of the assay_lexc tool, which makes
// that database and compiles with Matcher::compile(lex, Precompiled{}).
#include "assay/lexicon/precompiled.h"

#include "assay/lexicon/lexicon.h"

namespace assay::lexicon {

std::expected<std::shared_ptr<const Matcher>, base::Errors> Matcher::compile(const Lexicon& lex) {
  return compile(lex, embedded_precompiled());
}

}  // namespace assay::lexicon
