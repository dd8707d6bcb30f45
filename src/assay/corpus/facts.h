// corpus/facts: what story clustering and the story critique keep of one
// analysed article (ArticleFacts), read from its analysis once, so that
// placing a new article never re-reads the others' analyses; and how the
// facts are written to and read from one line for a store.
//
//   corpus::ArticleFacts f = corpus::facts_of(analysis, store::content_key(...));
//   std::string line = corpus::encode_facts(f);      // text, one line
//   auto back = corpus::decode_facts(line);           // Result<ArticleFacts>
//   int d = corpus::day_number("2025-12-02");         // days since 1970-01-01; -1 when not a date
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/base/error.h"

namespace assay::corpus {

struct ArticleFacts {
  std::string key;        // the store's content key (the article's identity)
  std::string id;         // as read (record id or file name)
  std::string outlet, published, title;
  int day = -1;           // day_number(published)
  std::vector<std::uint32_t> shingles;  // near_dup.h shingle_set of title and text
  // For clustering, each sorted and distinct:
  std::vector<std::string> entities;  // the names of the entities it mentions (the kb's name when it holds the row)
  std::vector<std::string> terms;     // salient content words of title and text (lower case, plural -s dropped)
  std::vector<std::string> figures;   // each figure as value+unit ("5473t", "56%"), and rounded to two digits ("~5500t");
                                      // a change ("rose 36%") carries kChangeMark after its unit ("36%chg")
  // What happened, as the lead tells it: the content words of the title and
  // the first body sentence (dateline cut), without the words of the
  // entities' and the outlet's names ("halt", "output", "plant", "fault");
  // and the types of the supply-chain events it reports ("offtake").
  std::vector<std::string> lead;
  std::vector<std::string> events;
  // Who and what the lead is about: the entities (companies, countries,
  // elements) named in the title or the first body sentence.
  std::vector<std::string> actors;
  // For origin, roles and fidelity:
  std::string credit;                 // the outlet it says first reported the story (analysis assessment.origin)
  std::vector<std::string> media;     // the outlets it attributes to (media attributions, the credit), lower case
  std::vector<std::string> speakers;  // its named sources, as written
  std::vector<std::string> names;     // capitalised words of its text, lower case (is a speaker new to the origin?)
  int sentences = 0, named = 0, anonymous = 0, official = 0, non_confirmations = 0, hedged = 0, opinion = 0;
  int denials = 0;                    // events it reports as denied
  int unsourced_figures = 0;          // sentences with a figure and no attribution
};

// Days since 1970-01-01 of a YYYY-MM-DD date (a longer ISO time is cut to
// its date); -1 when `date` is not one.
int day_number(std::string_view date);

// The facts of one analysis; `key` is the caller's identity for it.
ArticleFacts facts_of(const analysis::DocumentAnalysis& a, std::string key);

// The mark a change's figure token carries after its unit, so that "rose
// 36%" and "a 36% stake" are two figures.
inline constexpr std::string_view kChangeMark = "chg";

// A figure as a token: its value in the canonical unit, then the unit
// ("5473t", "56.1%").
std::string figure_token(double value, std::string_view unit);

// The rounded token of a figure token ("5473t" -> "~5500t", "5473t/yr" ->
// "~5500t": the rate goes); the token itself when it is already rounded or
// not a figure.
std::string rounded_figure(std::string_view token);

// The content words of a lead (`title` and the first body sentence),
// stemmed as terms are, less the words of `names` (entities, the outlet).
std::vector<std::string> lead_terms(std::string_view title, std::string_view first_sentence,
                                    const std::vector<std::string>& names);

// One line without newlines (fields separated by control characters), and
// back. The line (version 3) leaves the shingles out: they go apart, as
// binary (encode_shingles, 4 bytes each, half the hex of version 2). A line
// of version 2 carries them as 8 hex digits each and reads with them; one
// of version 1 (before lead, events and actors) reads with those empty.
std::string encode_facts(const ArticleFacts& f);
base::Result<ArticleFacts> decode_facts(std::string_view line);

// The shingles as bytes (each little-endian, 4 bytes), and back: an error
// when the length is not a multiple of 4 or the set is not sorted.
std::string encode_shingles(const std::vector<std::uint32_t>& shingles);
base::Result<std::vector<std::uint32_t>> decode_shingles(std::string_view bytes);

}  // namespace assay::corpus
