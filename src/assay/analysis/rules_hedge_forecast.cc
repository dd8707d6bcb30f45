// Hedge and forecast rules: doubt ("could", "may") and statements about
// the future ("will rise"). An expectation ("is expected to") is hedge and
// forecast, but only hedge under an "if" condition; what a party did not say
// is no forecast of the writer's.
//
// Two places hold no hedge of the writer's, whatever modal they carry:
//  - what a party did not say: the clause after a non-confirmation ("did not
//    comment on whether the rules would apply", "declined to say if the
//    plant could reopen") reports a question left open by someone else,
//    which is confirm.absent, not the writer's doubt; the clause ends at the
//    next punctuation or "but" ("declined to comment, but the curbs may
//    widen" hedges);
//  - a question asserts nothing (LABELS.md edge 20): "Could Beijing
//    retaliate?", "Would a price floor help?" carry no hedge from their
//    modal; a hedge word that is no modal ("Is the deal likely to close?")
//    still counts.
//
// Two kinds of clause hold a modal or an "if" that puts no doubt on the main
// proposition (the audit on real news, docs/EVALUATION.md, round 2):
//  - a purpose clause: the modal after "so that", "in order that" or a "so"
//    that joins a purpose ("saved so they could buy", "is cooled so that it
//    can run") says what the act is for, and the act is firm; a "so" or "so
//    that" after a comma is a result ("prices fell, so mines could close")
//    and keeps its modal, as does "so" before a degree word ("so steep
//    that ...");
//  - an "if" that sets no open condition: "only if" states a rule or a
//    requirement ("a permit is issued only if the survey is done"), "as if"
//    compares a manner ("he spoke as if the deal were done"), except after
//    a verb of appearance ("it looked as if the talks would fail": a
//    hedge, like "appears to"). "Even if"
//    stays a condition: it concedes, but usually over a hypothetical ("even
//    if buyers left, the market would lose little").
//
// The second audit (docs/EVALUATION.md, branch labels23) found two more:
//  - an "if" whose subject is "you" addresses the reader's situation or
//    choice ("if you're looking for a monitor, ...", "compatible with the
//    controller if you buy it separately", "even if you spring for the
//    wheels"): advice or a description, no doubt about the world; a modal
//    in the sentence still hedges ("if you wait, prices could rise");
//  - a "will" inside an indirect question states no outcome: "how many
//    services consumers will sign up for", "a test of whether buyers will
//    pay a premium", "unclear whether Beijing will extend the ban" (the
//    question's doubt is the hedge, if a cue says so). The question word
//    must follow a word of the sentence ("whether", "how", "what"), or, for
//    words that also open relative clauses ("which", "who", "when", "where",
//    "if"), a word of knowing, asking or deciding ("assess which", "asked
//    if"): "the plant, which will open in 2027" and "the plant which will
//    open" stay forecasts.
#include <algorithm>
#include <iterator>
#include <string>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

bool label_hedge_forecast(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out) {
  const DocContext& ctx = s.ctx;
  // What a party did not say ("did not say when it will open") is no
  // forecast of the writer's.
  std::uint32_t unsaid_from = out.span.end;
  for (const Cue* c : cues.all)
    if (c->category == Category::kConfirmAbsent) unsaid_from = std::min(unsaid_from, c->span.end);
  // The clause of what was not said: from the non-confirmation (a cue, or a
  // negated act of saying the attribution rules found: "Neither miner would
  // say", with the modal of the refusal) to the next punctuation mark or
  // "but".
  std::uint32_t refusal_from = out.span.end, refusal_end = out.span.end;
  for (const Cue* c : cues.all)
    if (c->category == Category::kConfirmAbsent && c->span.begin < refusal_from) {
      refusal_from = c->span.begin;
      refusal_end = c->span.end;
    }
  for (const Evidence& e : out.evidence)
    if (e.label == Label::kConfirmAbsent && e.span.begin < refusal_from) {
      refusal_from = e.span.begin;
      refusal_end = e.span.end;
    }
  std::uint32_t unsaid_to = refusal_from;
  if (refusal_from < out.span.end) {
    std::size_t first = s.token_at_or_after(refusal_from);
    if (first > 0) {
      std::string before = base::to_lower_ascii(s.word(first - 1));
      if (before == "would" || before == "could" || before == "will" || before == "can")
        refusal_from = s.toks[first - 1].span.begin;
    }
    std::size_t i = s.token_at_or_after(refusal_end);
    while (i < s.toks.size() && s.toks[i].kind != text::TokenKind::kPunct && s.word(i) != "but") ++i;
    unsaid_to = i < s.toks.size() ? s.toks[i].span.begin : out.span.end;
  }
  auto unsaid = [&](const Cue* c) { return c->span.begin >= refusal_from && c->span.begin < unsaid_to; };
  // A question: the sentence ends with "?" (before closing quotes).
  bool question = false;
  for (std::size_t i = s.toks.size(); i > 0; --i) {
    if (s.is_quote(i - 1)) continue;
    question = s.is_punct(i - 1, "?");
    break;
  }
  auto modal = [&](const Cue* c) {
    std::string l = base::to_lower_ascii(c->span.of(ctx.text));
    return l == "could" || l == "may" || l == "might" || l == "would" || l == "should" || l == "can";
  };
  // The word before a cue, lower-cased ("" at the sentence start).
  auto word_before = [&](std::uint32_t byte) {
    std::size_t i = s.token_before(byte);
    return i == std::string::npos || !s.span.contains(s.toks[i].span) ? std::string()
                                                                       : base::to_lower_ascii(s.word(i));
  };
  // "only if", "as if": no open condition.
  auto closed_if = [&](const Cue* c) {
    if (c->category != Category::kConditional || base::to_lower_ascii(c->span.of(ctx.text)) != "if") return false;
    std::string b = word_before(c->span.begin);
    if (b == "only") return true;
    if (b != "as") return false;
    // "looks / seems / appears / sounds as if" is appearance, a hedge.
    std::size_t as = s.token_before(c->span.begin);
    std::string v = as == std::string::npos ? std::string() : word_before(s.toks[as].span.begin);
    static constexpr std::string_view kAppearance[] = {"look",   "looks",  "looked",   "looking", "seem",
                                                       "seems",  "seemed", "seeming",  "appear",  "appears",
                                                       "appeared", "sound", "sounds", "sounded"};
    return std::find(std::begin(kAppearance), std::end(kAppearance), v) == std::end(kAppearance);
  };
  // An "if" whose subject is the reader ("if you ...").
  auto reader_if = [&](const Cue* c) {
    if (c->category != Category::kConditional || base::to_lower_ascii(c->span.of(ctx.text)) != "if") return false;
    std::size_t i = s.token_at_or_after(c->span.end);
    return i < s.toks.size() && s.span.contains(s.toks[i].span) && base::to_lower_ascii(s.word(i)) == "you";
  };
  // A forecast cue inside an indirect question: back to the clause's start
  // (punctuation), at most 12 words, a question word after another word.
  auto in_indirect_question = [&](const Cue* c) {
    std::size_t m = s.token_at_or_after(c->span.begin);
    for (std::size_t back = 1; back <= 12 && back <= m; ++back) {
      std::size_t i = m - back;
      if (!s.span.contains(s.toks[i].span) || s.toks[i].kind == text::TokenKind::kPunct) return false;
      std::string w = base::to_lower_ascii(s.word(i));
      if (i == 0 || !s.span.contains(s.toks[i - 1].span) || s.toks[i - 1].kind == text::TokenKind::kPunct) {
        if (w == "whether") return true;
        continue;
      }
      if (w == "whether" || w == "how" || w == "what") return true;
      if (w == "which" || w == "who" || w == "when" || w == "where" || w == "if") {
        static constexpr std::string_view kAsking[] = {
            "know",     "knows",   "knew",    "unclear",  "clear",   "sure",    "certain", "decide",
            "decided",  "decides", "determine", "assess", "ask",     "asked",   "asks",    "asking",
            "wonder",   "wonders", "wondered", "predict", "see",     "question", "of",     "about",
            "on",       "over",    "uncertain", "unknown", "tell",   "guess",   "learn",   "consider"};
        std::string b = base::to_lower_ascii(s.word(i - 1));
        return std::find(std::begin(kAsking), std::end(kAsking), b) != std::end(kAsking);
      }
    }
    return false;
  };
  // A modal of a purpose clause: "so that" / "in order that" / a joining
  // "so" then a subject of up to three words then the modal.
  auto purpose_modal = [&](const Cue* c) {
    if (!modal(c)) return false;
    std::size_t m = s.token_at_or_after(c->span.begin);
    for (std::size_t back = 1; back <= 5 && back <= m; ++back) {
      std::size_t i = m - back;
      if (!s.span.contains(s.toks[i].span) || s.toks[i].kind == text::TokenKind::kPunct) return false;
      std::string w = base::to_lower_ascii(s.word(i));
      // A "so" after a comma or at the sentence start is a result or a
      // discourse "so" ("..., so that ban should not block it").
      auto joins = [&](std::size_t so) {
        return so > 0 && s.span.contains(s.toks[so - 1].span) && s.toks[so - 1].kind != text::TokenKind::kPunct;
      };
      if (w == "that" && i >= 1) {
        std::string b = base::to_lower_ascii(s.word(i - 1));
        if (b == "so") return joins(i - 1);
        return b == "order" && i >= 2 && base::to_lower_ascii(s.word(i - 2)) == "in";
      }
      if (w == "so") {
        // After a joining "so" a subject must follow, not a degree word.
        if (!joins(i)) return false;
        std::string next = base::to_lower_ascii(s.word(i + 1));
        static constexpr std::string_view kSubjects[] = {"i",   "you", "he",  "she", "it",    "we",  "they",
                                                         "the", "a",   "an",  "its", "their", "his", "her",
                                                         "our", "my",  "your"};
        return std::find(std::begin(kSubjects), std::end(kSubjects), next) != std::end(kSubjects);
      }
    }
    return false;
  };
  double hedge = 0, forecast = 0;
  bool conditional = false, expectation = false, worded = false;
  const Cue *hedge_cue = nullptr, *forecast_cue = nullptr, *expect_cue = nullptr;
  for (const Cue* c : cues.all) {
    double w = ctx.weight(*c);
    bool doubt = c->category == Category::kHedge || c->category == Category::kConditional ||
                 c->category == Category::kExpectation;
    if (doubt && (unsaid(c) || (question && modal(c)) || closed_if(c) || reader_if(c) || purpose_modal(c))) continue;
    worded = worded || doubt;
    switch (c->category) {
      case Category::kHedge:
        hedge += w;
        if (!hedge_cue || w > ctx.weight(*hedge_cue)) hedge_cue = c;
        break;
      case Category::kConditional:
        conditional = true;
        hedge += w;
        if (!hedge_cue) hedge_cue = c;
        break;
      case Category::kExpectation:
        if (w >= 1.0) {
          expectation = true;
          expect_cue = c;
        } else {
          hedge += w;
          if (!hedge_cue) hedge_cue = c;
        }
        break;
      case Category::kForecast:
        if (c->span.begin >= unsaid_from || in_indirect_question(c)) break;
        forecast += w;
        if (!forecast_cue || w > ctx.weight(*forecast_cue)) forecast_cue = c;
        break;
      default:
        break;
    }
  }
  if (expectation) {
    add(out, Label::kHedge, expect_cue->span, "expectation", "expected, not certain");
    if (!conditional) add(out, Label::kForecast, expect_cue->span, "expectation", "an expected future outcome");
  }
  if (hedge >= 0.9 && !out.labels.has(Label::kHedge)) {
    add(out, Label::kHedge, hedge_cue->span, std::string(lexicon::category_name(hedge_cue->category)),
        std::string(ctx.cue_text(*hedge_cue)));
    // Every other cue that adds to the doubt is evidence too: a hedge that
    // rests on several cues is firmer than one that rests on a lone modal.
    for (const Cue* c : cues.all) {
      if (c == hedge_cue || (c->category != Category::kHedge && c->category != Category::kConditional)) continue;
      if (unsaid(c) || (question && modal(c)) || closed_if(c) || reader_if(c) || purpose_modal(c)) continue;
      out.evidence.push_back(Evidence{Label::kHedge, c->span, std::string(lexicon::category_name(c->category)),
                                      std::string(ctx.cue_text(*c))});
    }
  }
  if (forecast >= 0.9 && !out.labels.has(Label::kForecast))
    add(out, Label::kForecast, forecast_cue->span, "forecast", std::string(ctx.cue_text(*forecast_cue)));
  return worded;
}

}  // namespace assay::analysis::internal::rules
