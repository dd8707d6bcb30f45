// text/segment: paragraphs, sentences and tokens, each with its byte span.
//
// Sentences end at . ! ? (and the closing quotes or brackets that follow
// them) before a capital, digit or opening quote; not after abbreviations
// (Oct., U.S., Mr., Inc., No.), initials ("J. R. Smith"), decimals (16.1) or
// inside figures ($110/kg, 10,500). A blank line always ends a paragraph and
// a sentence; a single line break ends a sentence after a headline, a byline
// or a bullet item. A run longer than kMaxSentenceBytes without a sentence
// end is cut at a clause bound (after a comma or semicolon, before "and",
// "but" ...) or at a space, so that no sentence exceeds it.
//
//   Segmentation seg = segment(doc.text);
//   for (const Sentence& s : seg.sentences) fmt::print("{}\n", s.span.of(doc.text));
//   std::vector<Token> toks;
//   tokenize(doc.text, seg.sentences[0].span, toks);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "assay/base/span.h"

namespace assay::text {

// The longest sentence segment() returns, in bytes: news sentences stay far
// below it (the longest of the gold articles has about 300 bytes).
inline constexpr std::size_t kMaxSentenceBytes = 1000;

struct Sentence {
  base::Span span;              // trimmed of surrounding whitespace
  std::uint32_t paragraph = 0;  // index into Segmentation::paragraphs
  bool line_item = false;       // a bullet item, heading or other one-line block
};

struct Segmentation {
  std::vector<base::Span> paragraphs;
  std::vector<Sentence> sentences;
};

// Splits `text` (normalised UTF-8) into paragraphs and sentences.
Segmentation segment(std::string_view text);
// Same, appending into `out` (cleared first) to reuse its buffers.
void segment(std::string_view text, Segmentation& out);

enum class TokenKind : std::uint8_t {
  kWord,         // letters, possibly with internal ' - . (U.S., rare-earth, Lynas's)
  kNumber,       // 16.1, 10,500, 2026, 1.2bn is kNumber + kWord
  kPunct,        // everything else that is not space
};

struct Token {
  base::Span span;
  TokenKind kind;
};

// Appends the tokens of text[within] to `out`.
void tokenize(std::string_view text, base::Span within, std::vector<Token>& out);

// True when the word before a period is a known abbreviation (case-sensitive
// for titles and months: "Mr", "Oct", "Inc", "No", "U.S", "e.g").
bool is_abbreviation(std::string_view word_before_period);

}  // namespace assay::text
