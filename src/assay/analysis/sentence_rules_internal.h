// analysis/sentence_rules_internal: the rule families that label_sentence
// (sentence_rules.cc) runs in turn, and what they share. Not a public
// header: only sentence_rules.cc and the rules_*.cc files include it.
//
//   rules::Sent s{ctx, toks, out.span};
//   rules::SentenceCues cues = ...;           // the sentence's cues, deduplicated
//   rules::RuleState st{.named_complement = toks.size()};
//   rules::label_quantities(ctx, s, out, st);  // rules_vague_quantity.cc
//   rules::label_attribution(ctx, s, cues, out, st);  // rules_attribution.cc
//   ...                                       // confirmation, hedge and forecast,
//                                             // intent, vague, opinion, promo
//
// Each family reads what the earlier ones decided (who speaks, whether a
// figure is near) from RuleState and the labels already in `out`; the order
// of the calls is the order of the evidence.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"
#include "assay/base/word_set.h"

namespace assay::analysis::internal::rules {

using base::Span;

inline bool is_upper_start(std::string_view w) { return !w.empty() && base::is_ascii_upper(w[0]); }

using base::WordSet;

// The sentence as tokens, with helpers over token indices.
struct Sent {
  const DocContext& ctx;
  const std::vector<text::Token>& toks;
  Span span;

  std::string_view word(std::size_t i) const { return toks[i].span.of(ctx.text); }
  // Tokens are in text order and do not overlap, so both are binary searches.
  std::size_t token_at_or_after(std::uint32_t byte) const {
    auto it = std::partition_point(toks.begin(), toks.end(), [byte](const text::Token& t) { return t.span.begin < byte; });
    return static_cast<std::size_t>(it - toks.begin());
  }
  std::size_t token_before(std::uint32_t byte) const {  // last token ending at or before byte, or npos
    auto it = std::partition_point(toks.begin(), toks.end(), [byte](const text::Token& t) { return t.span.end <= byte; });
    return it == toks.begin() ? std::string::npos : static_cast<std::size_t>(it - toks.begin()) - 1;
  }
  bool is_punct(std::size_t i, std::string_view p) const { return toks[i].kind == text::TokenKind::kPunct && word(i) == p; }
  bool is_quote(std::size_t i) const {
    std::string_view w = word(i);
    return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D";
  }
  bool is_clause_break(std::size_t i) const {
    if (toks[i].kind != text::TokenKind::kPunct) {
      std::string_view w = word(i);
      // "and" inside a name ("Department of Geology and Minerals") joins.
      if (w == "and" && i > 0 && i + 1 < toks.size() && is_upper_start(word(i - 1)) && is_upper_start(word(i + 1)))
        return false;
      return w == "that" || w == "and" || w == "but" || w == "while" || w == "because" || w == "though" ||
             w == "although" || w == "after" || w == "since" || w == "as";
    }
    std::string_view w = word(i);
    return w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93" ||
           is_quote(i) || w == "-";
  }
};

// The length of a possessive ending and the space after it at `at` ("'s "
// or "\u2019s "), or 0: where a name's possessive leads to the next word.
inline std::size_t possessive_then_space(std::string_view text, std::size_t at) {
  std::string_view rest = text.substr(std::min(at, text.size()));
  return rest.starts_with("'s ") ? 3 : rest.starts_with("\xE2\x80\x99s ") ? 5 : 0;
}

// A preposition after which a capitalised word is a place ("in Hanoi").
inline bool is_place_preposition(std::string_view w) {
  return w == "in" || w == "near" || w == "across" || w == "from" || w == "outside" || w == "inside" ||
         w == "throughout";
}

// A run of capitalised words that looks like a name, with its token range.
struct NameRun {
  std::size_t first, last;  // inclusive token indices
};

// The sentence's cues outside the dateline, the longest of overlapping cues
// of one category.
struct SentenceCues {
  std::vector<const Cue*> all;
  bool has(Category c) const {
    return std::any_of(all.begin(), all.end(), [c](const Cue* x) { return x->category == c; });
  }
};

enum class Verdict { kNone, kNamed, kAnonymous, kMedia };

// The attribution frame of one speech cue.
struct Frame {
  Verdict verdict = Verdict::kNone;
  Span source;
  bool name = false;  // the source phrase is a name (not a reference: "the company", "he")
  Span cue;
  std::string why;
  std::size_t complement_from = 0;  // first token of what the source says (after the cue)
};

// What the rule families decide for the ones after them.
struct RuleState {
  bool has_quantity = false;  // a figure that is not a count of sources
  bool has_growth = false;    // a growth, a share or a percentage among them
  bool named = false, anonymous = false, media = false;  // the sources found
  std::size_t named_complement = 0;  // earliest token said by a named source (toks.size() when none)
};

inline void add(SentenceAnalysis& out, Label l, Span span, std::string cue, std::string note) {
  out.labels.add(l);
  out.evidence.push_back(Evidence{l, span, std::move(cue), std::move(note)});
}

// Shared helpers (sentence_rules.cc).
// The runs of capitalised words in tokens [from, to) that look like names.
std::vector<NameRun> name_runs(const Sent& s, std::size_t from, std::size_t to);
// Is the name run only a place, a nationality, or an adjective before a
// common noun ("a Sydney brokerage")?
bool is_place_or_adjective(const Sent& s, const NameRun& r, const SentenceCues& cues);
// Is there a negation within three tokens before `target` ("did not
// confirm"), or a "neither" / "nor" anywhere before it?
bool negated_before(const Sent& s, const SentenceCues& cues, Span target);

// Attribution (rules_attribution.cc).
// The attribution frame of one speech cue: who the source is and why.
Frame frame_for(const Sent& s, const SentenceCues& cues, const Cue& verb);
// Speech cues and their frames, speaker tags, anonymous and media sources.
void label_attribution(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st);

// Confirmation (rules_confirmation.cc): official confirmation, and its
// absence or negation.
void label_confirmation(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st);

// Hedge and forecast (rules_hedge_forecast.cc).
// True when the sentence holds a doubt cue (hedge, conditional, expectation)
// that no clause discounts (what was not said, a question's modal, "only
// if" / "as if", a purpose clause's modal): the uncertainty model decides
// only then.
bool label_hedge_forecast(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out);

// Vague and quantity (rules_vague_quantity.cc).
// The sentence's figures into out.quantities, and the quantity label.
void label_quantities(const DocContext& ctx, SentenceAnalysis& out, RuleState& st);
// Vague words and motion without a figure.
void label_vague(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st);

// Intent and opinion (rules_intent_opinion.cc), and promotion.
void label_intent(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st);
void label_opinion(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st);
void label_promo(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out);

}  // namespace assay::analysis::internal::rules
