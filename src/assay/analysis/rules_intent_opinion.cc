// Intent and opinion rules, and promotion: a purpose ("aims to") or an
// evaluation ("a bold move") is the writer's unless a named source voices
// it (then it is source.named, not intent / opinion); a pitch ("buy NLC")
// is promo.
#include <algorithm>
#include <array>
#include <string>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

namespace {

bool is_heading_line(std::string_view sentence) {
  // A critique's section heading: "Where shadows appear", "Bottom line: ...".
  static constexpr std::array<std::string_view, 7> kHeads = {
      "highlights", "what holds true", "where shadows appear", "bias between the lines", "why it matters",
      "bottom line", "the bottom line"};
  std::string l = base::to_lower_ascii(sentence.substr(0, 40));
  return std::any_of(kHeads.begin(), kHeads.end(), [&](std::string_view h) { return l.starts_with(h); });
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
    // "Our advice: buy NLC": the belief marker frames a pitch, which is
    // promo (LABELS.md edge 14), not an evaluation.
    if (c->category == Category::kBelief && cues.has(Category::kPromo)) continue;
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
  // ---- promo
  double promo = 0;
  const Cue* promo_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category == Category::kPromo || (c->category == Category::kTicker && cues.has(Category::kFirstPerson))) {
      promo += ctx.weight(*c);
      if (!promo_cue || ctx.weight(*c) > ctx.weight(*promo_cue)) promo_cue = c;
    }
  }
  if (promo >= 1.5) add(out, Label::kPromo, promo_cue->span, std::string(lexicon::category_name(promo_cue->category)),
                        std::string(ctx.cue_text(*promo_cue)));
}

}  // namespace assay::analysis::internal::rules
