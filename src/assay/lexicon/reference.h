// lexicon/reference: the plain matcher that Matcher is checked against in
// tests, the fuzzer and the benchmarks. Every entry's expand_pattern()
// expression goes into one vectorscan database with start-of-match reporting
// (HS_FLAG_SOM_LEFTMOST), and the matches are reduced and sorted as
// Matcher::scan documents. This was Matcher itself until the lexicon scan was
// split by shape; it is several times slower. Not thread-safe: one per thread.
//
//   auto ref = ReferenceMatcher::compile(lex);      // or an error message
//   std::vector<Cue> cues = ref->scan(text);
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/lexicon/lexicon.h"

namespace assay::lexicon {

class ReferenceMatcher {
 public:
  static std::expected<ReferenceMatcher, std::string> compile(const Lexicon& lex);

  // Every cue of `text`, sorted by (begin, end, entry); at one start
  // position only the longest match of an entry is kept.
  std::vector<Cue> scan(std::string_view text);
  // The same, appended to `out` (as Matcher::scan does).
  void scan(std::string_view text, std::vector<Cue>& out);

 private:
  struct Db;
  struct DbDeleter {
    void operator()(Db* d) const;
  };
  std::vector<Category> categories_;
  std::unique_ptr<Db, DbDeleter> db_;
};

}  // namespace assay::lexicon
