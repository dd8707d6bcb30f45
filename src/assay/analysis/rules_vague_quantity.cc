// Vague and quantity rules: the sentence's figures (quantity), and vague
// size or motion words ("several producers", "soared") that no figure backs.
// A size word next to its figure, or a motion word with its figure, is a
// quantity, not vague; "declining to comment" is a refusal, no motion.
#include <algorithm>
#include <string>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

void label_quantities(const DocContext& ctx, SentenceAnalysis& out, RuleState& st) {
  bool& has_quantity = st.has_quantity;
  bool& has_growth = st.has_growth;
  auto first_q = std::lower_bound(ctx.quantities.begin(), ctx.quantities.end(), out.span.begin,
                                  [](const Quantity& q, std::uint32_t b) { return q.span.begin < b; });
  for (auto it = first_q; it != ctx.quantities.end() && it->span.begin < out.span.end; ++it) {
    const Quantity& q = *it;
    auto qi = static_cast<std::uint32_t>(it - ctx.quantities.begin());
    if (!out.span.contains(q.span) || ctx.in_dateline(q.span)) continue;
    out.quantities.push_back(qi);
    if (q.source_count) continue;
    if (!has_quantity) add(out, Label::kQuantity, q.span, "quantity", std::string(measure_name(q.measure)) + " " + q.unit);
    has_quantity = true;
    if (q.measure == Measure::kGrowth || q.measure == Measure::kShare || q.unit == "%") has_growth = true;
  }
}

void label_vague(const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, const RuleState& st) {
  const DocContext& ctx = s.ctx;
  const bool has_growth = st.has_growth;
  // ---- vague: not a size word next to its figure, nor a motion word with one.
  double vague = 0;
  const Cue* vague_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category != Category::kVague && c->category != Category::kMotion) continue;
    // "are declining to comment" is a refusal, not a rate: a motion cue that
    // ends in "decline"/"declining" before "to" is no change of size.
    if (c->category == Category::kMotion) {
      std::string_view t = c->span.of(ctx.text);
      if (t.ends_with("declining") || t.ends_with("decline")) {
        std::size_t next = s.token_at_or_after(c->span.end);
        if (next < s.toks.size() && s.word(next) == "to") continue;
      }
    }
    // "how many", "how much" ask for a size; they claim none.
    if (c->category == Category::kVague) {
      std::size_t first = s.token_at_or_after(c->span.begin);
      if (first > 0 && s.span.contains(s.toks[first - 1].span) && base::to_lower_ascii(s.word(first - 1)) == "how") {
        std::string_view t = c->span.of(ctx.text);
        if (t.starts_with("many") || t.starts_with("much") || t.starts_with("Many") || t.starts_with("Much")) continue;
      }
    }
    bool near_figure = false;
    for (std::uint32_t qi : out.quantities) {
      const Quantity& q = ctx.quantities[qi];
      if (q.source_count) continue;
      if (q.span.begin >= c->span.end && q.span.begin - c->span.end <= 25) near_figure = true;
      if (c->category == Category::kMotion && has_growth) near_figure = true;
    }
    if (near_figure) continue;
    vague += ctx.weight(*c);
    if (!vague_cue || ctx.weight(*c) > ctx.weight(*vague_cue)) vague_cue = c;
  }
  if (vague >= 0.9) add(out, Label::kVague, vague_cue->span, std::string(lexicon::category_name(vague_cue->category)),
                        std::string(ctx.cue_text(*vague_cue)));
}

}  // namespace assay::analysis::internal::rules
