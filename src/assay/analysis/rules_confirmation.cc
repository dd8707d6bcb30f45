// Confirmation rules: an official confirmation on the record, and its
// absence ("did not respond to a request for comment"). Negation right
// before a confirmation turns it into a non-confirmation; a confirmation
// names its source or is dropped. One sentence can hold both when a party
// confirms one thing and declines another (the families are in
// data/lexicons/confirmation.tsv).
#include <string>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

void label_confirmation(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st) {
  const DocContext& ctx = s.ctx;
  bool& named = st.named;
  const bool anonymous = st.anonymous;
  for (const Cue* c : cues.all) {
    if (c->category == Category::kConfirmOfficial) {
      // "could not be verified": the writer's doubt (a hedge), not a party
      // that declined.
      std::size_t ci = s.token_at_or_after(c->span.begin);
      while (ci > 0 && s.word(ci - 1).ends_with("ly")) --ci;  // "be independently verified"
      bool passive = ci > 0 && base::to_lower_ascii(s.word(ci - 1)) == "be";
      if (negated_before(s, cues, c->span)) {
        if (!out.labels.has(Label::kConfirmAbsent) && !passive)
          add(out, Label::kConfirmAbsent, c->span, "negation+confirm.official", "a confirmation that is negated");
      } else if (!out.labels.has(Label::kConfirmOfficial) && !ctx.in_quote(c->span) && (named || !anonymous)) {
        add(out, Label::kConfirmOfficial, c->span, "confirm.official", "confirmed on the record");
      }
    } else if (c->category == Category::kConfirmAbsent && !out.labels.has(Label::kConfirmAbsent)) {
      add(out, Label::kConfirmAbsent, c->span, "confirm.absent", std::string(ctx.cue_text(*c)));
    }
  }
  // A confirmation and a refusal of the same words ("has not confirmed")
  // is a refusal; a party that confirms one thing and declines another
  // ("Suzuki confirmed the halt but declined to comment on its cause")
  // does both.
  if (out.labels.has(Label::kConfirmOfficial) && out.labels.has(Label::kConfirmAbsent)) {
    bool same_words = false;
    for (const Evidence& o : out.evidence)
      if (o.label == Label::kConfirmOfficial)
        for (const Evidence& n : out.evidence)
          same_words |= n.label == Label::kConfirmAbsent && n.span.overlaps(o.span);
    if (same_words) out.labels.remove(Label::kConfirmOfficial);
  }
  // A confirmation names its source: "the minister confirmed".
  if (out.labels.has(Label::kConfirmOfficial) && !named) {
    Cue verb{out.evidence.back().span, Category::kAttrVerb, 0};
    Frame f = frame_for(s, cues, verb);
    if (f.verdict == Verdict::kNamed) {
      add(out, Label::kSourceNamed, f.source, "confirm.official", f.why);
      named = true;
    } else {
      out.labels.remove(Label::kConfirmOfficial);
    }
  }
}

}  // namespace assay::analysis::internal::rules
