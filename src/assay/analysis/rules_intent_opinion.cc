// Intent and opinion rules, and promotion: a purpose ("aims to") or an
// evaluation ("a bold move") is the writer's unless a named source voices
// it (then it is source.named, not intent / opinion); a pitch ("buy NLC")
// is promo.
#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

namespace {

bool is_heading_line(std::string_view sentence) {
  // A critique's section heading: "Where shadows appear", "Bottom line: ...".
  // "What holds true" opens the facts a critique accepts, not a verdict.
  static constexpr std::array<std::string_view, 6> kHeads = {
      "highlights", "where shadows appear", "bias between the lines", "why it matters", "bottom line",
      "the bottom line"};
  std::string l = base::to_lower_ascii(sentence.substr(0, 40));
  return std::any_of(kHeads.begin(), kHeads.end(), [&](std::string_view h) { return l.starts_with(h); });
}

// Does the sentence name a security: shares, stock, a fund, an ETF?
bool names_a_security(const Sent& s) {
  static constexpr std::array<std::string_view, 10> kSecurity = {
      "shares", "stock", "stocks", "etf", "etfs", "fund", "equity", "warrants", "securities", "ticker"};
  for (std::size_t i = 0; i < s.toks.size(); ++i) {
    std::string l = base::to_lower_ascii(s.word(i));
    if (std::find(kSecurity.begin(), kSecurity.end(), l) != kSecurity.end()) return true;
  }
  return false;
}

// Does the cue text start with one of `words` (lower-case)?
bool starts_with_any(std::string_view cue, std::initializer_list<std::string_view> words) {
  std::string l = base::to_lower_ascii(cue);
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return l.starts_with(w); });
}

// Does the sentence carry a date: a year, a month, "next year"?
bool has_date(const Sent& s) {
  static constexpr std::array<std::string_view, 14> kWhen = {
      "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
      "december", "quarter", "next", "within"};
  for (std::size_t i = 0; i < s.toks.size(); ++i) {
    std::string_view w = s.word(i);
    if (w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
        std::all_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return true;
    std::string l = base::to_lower_ascii(w);
    if (std::find(kWhen.begin(), kWhen.end(), l) != kWhen.end()) return true;
  }
  return false;
}

// "designed to process 5,000 tonnes a year": a design cue followed closely by
// a figure states an engineering capacity, not an aim.
bool is_design_capacity(const Sent& s, const Cue& c, const SentenceAnalysis& out) {
  if (!starts_with_any(s.ctx.cue_text(c), {"designed to", "built to", "intended to", "meant to"})) return false;
  return std::any_of(out.quantities.begin(), out.quantities.end(), [&](std::uint32_t qi) {
    const Quantity& q = s.ctx.quantities[qi];
    return !q.source_count && q.span.begin >= c.span.end && q.span.begin - c.span.end <= 30;
  });
}

}  // namespace

void label_intent(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st) {
  const DocContext& ctx = s.ctx;
  const std::vector<text::Token>& toks = s.toks;
  const bool named = st.named;
  const bool anonymous = st.anonymous;
  const std::size_t named_complement = st.named_complement;
  // ---- intent: not when the purpose is what a named source says of itself
  // (LABELS.md edge 4); a motive it ascribes to another actor named between
  // its verb and the purpose ("said ... that Canberra wants", "Tokyo's
  // strategy of") is intent still.
  double intent = 0;
  const Cue* intent_cue = nullptr;
  std::uint32_t named_from = named_complement < toks.size() ? toks[named_complement].span.begin : out.span.end;
  auto other_actor_before = [&](Span cue) {
    std::size_t from = named_complement, to = s.token_at_or_after(cue.begin);
    if (from >= to) return false;
    for (const auto& r : name_runs(s, from, to)) {
      if (is_place_or_adjective(s, r, cues)) continue;
      std::string_view run = Span{toks[r.first].span.begin, toks[r.last].span.end}.of(ctx.text);
      bool speaker = std::any_of(out.attributions.begin(), out.attributions.end(), [&](const Attribution& a) {
        return !a.name.empty() && (run.starts_with(a.name) || a.name.starts_with(run));
      });
      if (!speaker) return true;
    }
    return false;
  };
  for (const Cue* c : cues.all) {
    if (c->category != Category::kIntent) continue;
    if (named && !anonymous && c->span.begin >= named_from && !other_actor_before(c->span)) continue;
    // The named source's own quoted words state its purpose (edge 27).
    if (named && !anonymous && ctx.in_quote(c->span)) continue;
    if (is_design_capacity(s, *c, out)) continue;
    intent += ctx.weight(*c);
    if (!intent_cue) intent_cue = c;
  }
  if (intent >= 1.0) add(out, Label::kIntent, intent_cue->span, "intent", std::string(ctx.cue_text(*intent_cue)));
}

void label_opinion(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st) {
  const DocContext& ctx = s.ctx;
  const std::vector<text::Token>& toks = s.toks;
  const bool named = st.named;
  const bool anonymous = st.anonymous;
  std::uint32_t named_from = st.named_complement < toks.size() ? toks[st.named_complement].span.begin : out.span.end;
  std::string_view sentence = out.span.of(ctx.text);
  // ---- opinion: the writer's evaluation, not a named source's.
  double opinion = 0;
  const Cue* opinion_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category != Category::kOpinion && c->category != Category::kBelief) continue;
    bool voiced_by_named = named && !anonymous && (ctx.in_quote(c->span) || c->span.begin >= named_from);
    if (voiced_by_named && c->category == Category::kOpinion) continue;
    // "Our advice: buy NLC", "our plan is to add": a recommendation, plan or
    // expectation marker frames a pitch, which is promo (LABELS.md edge 14),
    // not an evaluation; a belief marker ("we think", "for our money") stays
    // the writer's view (edge 18).
    if (c->category == Category::kBelief && cues.has(Category::kPromo) &&
        ctx.lex.entries()[c->entry].note.find("belief") == std::string::npos)
      continue;
    // A critic's verdict ("overstates", "fails to mention") is about coverage:
    // it counts where the sentence refers to a piece or a report.
    if (c->category == Category::kOpinion && ctx.lex.entries()[c->entry].note.starts_with("critic:") &&
        !cues.has(Category::kAttrMedia))
      continue;
    // A named speaker's own "I think" is not the writer's (edge 20), nor is
    // the "we expect" of a named source's quotation (edge 18 is the writer's).
    if (c->category == Category::kBelief && named &&
        (voiced_by_named || starts_with_any(ctx.cue_text(*c), {"i ", "in my", "my ", "for my"})))
      continue;
    // "should" / "must" about a dated future event is a forecast (edge 22),
    // not the writer's prescription.
    if (c->category == Category::kOpinion && (out.labels.has(Label::kForecast) || has_date(s)) &&
        starts_with_any(ctx.cue_text(*c), {"should", "must", "ought"}))
      continue;
    opinion += ctx.weight(*c);
    if (!opinion_cue || ctx.weight(*c) > ctx.weight(*opinion_cue)) opinion_cue = c;
  }
  if (is_heading_line(sentence)) {
    add(out, Label::kOpinion, out.span, "critique.heading", "a critique's verdict heading");
  } else if (opinion >= 1.0) {
    add(out, Label::kOpinion, opinion_cue->span, std::string(lexicon::category_name(opinion_cue->category)),
        std::string(ctx.cue_text(*opinion_cue)));
  }
}

void label_promo(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out) {
  const DocContext& ctx = s.ctx;
  // ---- promo (LABELS.md edge 14): a security, a return or the writer's
  // interest must be in play. A ticker counts beside a first-person voice or
  // another promo cue; a weak cue ("upside", "re-rating", "has been paid")
  // counts when the sentence names a security ("the shares", "the fund").
  const bool any_promo = cues.has(Category::kPromo);
  double promo = 0;
  const Cue* promo_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category == Category::kPromo ||
        (c->category == Category::kTicker && (cues.has(Category::kFirstPerson) || any_promo))) {
      promo += ctx.weight(*c);
      if (!promo_cue || ctx.weight(*c) > ctx.weight(*promo_cue)) promo_cue = c;
    }
  }
  if (promo >= 0.8 && promo < 1.5 && names_a_security(s)) promo += 0.7;
  if (promo >= 1.5) add(out, Label::kPromo, promo_cue->span, std::string(lexicon::category_name(promo_cue->category)),
                        std::string(ctx.cue_text(*promo_cue)));
}

}  // namespace assay::analysis::internal::rules
