// How a learned model's decision joins the rules' labels: a model only adds
// (the rules are precise, the models recall what they miss), and its
// evidence is the present feature with the largest weight.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace {

constexpr double kConfidentWithoutCue = 0.75;

// The span of the word behind a "w:" or "b:" feature, else the sentence.
base::Span feature_span(std::string_view text, const std::vector<text::Token>& tokens, std::string_view feature,
                        base::Span sentence) {
  if (feature.size() > 2 && feature[0] == 'w' && feature[1] == ':') {
    std::string_view word = feature.substr(2);
    for (const auto& t : tokens) {
      // The token lower-cased equals the word (compared without a copy).
      std::string_view w = t.span.of(text);
      if (w.size() == word.size() &&
          std::equal(w.begin(), w.end(), word.begin(), [](char a, char b) { return base::lower_ascii(a) == b; }))
        return t.span;
    }
  }
  return sentence;
}

}  // namespace

bool evaluative_register(const DocContext& ctx, std::size_t sentences) {
  if (sentences < kRegisterMinSentences) return true;
  std::size_t strong = 0;
  std::uint32_t last_end = 0;
  for (const Cue& c : ctx.cues) {
    if (c.category != Category::kOpinion && c.category != Category::kBelief) continue;
    if (ctx.weight(c) < 1.0 || c.span.begin < last_end || ctx.in_quote(c.span)) continue;
    last_end = c.span.end;
    ++strong;
  }
  return static_cast<double>(strong) >= kEvaluativeShare * static_cast<double>(sentences);
}

void apply_models(const ModelSet& models, std::string_view text, const std::vector<text::Token>& tokens,
                  std::span<const std::uint64_t> hashes, std::vector<ModelSet::Score>& scores, bool evaluative,
                  bool doubt_worded, SentenceAnalysis& out) {
  static const std::array<std::uint64_t, 4> kAttributionCues = {
      feature_hash("c:attr.verb"), feature_hash("c:attr.group"), feature_hash("c:attr.media"),
      feature_hash("c:attr.anonymous")};
  // The evaluative cues in the writer's words (outside a quotation): loaded
  // and evaluative words, weak ones included, the writer's belief markers and
  // sensational wording.
  static const std::array<std::uint64_t, 3> kEvaluativeCues = {
      feature_hash("c:opinion"), feature_hash("c:belief"), feature_hash("c:sensational")};
  auto has_any = [&](const auto& cues) {
    return std::any_of(cues.begin(), cues.end(),
                       [&](std::uint64_t h) { return std::binary_search(hashes.begin(), hashes.end(), h); });
  };
  models.score(hashes, scores);
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const LinearModel& m = models.models()[k];
    double p = scores[k].probability;
    if (m.target() == ModelTarget::kHedge && p < m.veto() && hedge_rests_on(out, text, m.veto_cues())) {
      // The model reads this modal as stating what is possible or allowed,
      // not as doubt: the rules' hedge is overruled.
      out.labels.remove(Label::kHedge);
      std::erase_if(out.evidence, [](const Evidence& e) { return e.label == Label::kHedge; });
      continue;
    }
    if (p < m.threshold()) continue;
    // The evidence is composed only when a label is added (most decisions add
    // nothing: the label is there already, or the target is the claim flag).
    auto add = [&](Label l) {
      if (out.labels.has(l)) return;
      std::string_view top = scores[k].strongest;
      out.labels.add(l);
      out.evidence.push_back(Evidence{l, feature_span(text, tokens, top, out.span), "model:" + m.name(),
                                      fmt::format("model {} p={:.2f}; strongest feature {}", m.name(), p,
                                                  top.empty() ? "-" : top)});
    };
    switch (m.target()) {
      case ModelTarget::kHedge:
        // The model learned uncertainty as a whole (hedges, weasel words,
        // unquantified crowds); a sentence the rules already found anonymous
        // or vague has its uncertainty accounted for. A hedge is worded
        // (LABELS.md: "could", "reportedly", "if realized", "is expected
        // to"): the model decides on a sentence that holds a doubt cue the
        // rules found too weak, and does not invent doubt from topic words
        // ("volumes", "province") where no cue is, nor from a cue the rules
        // discounted (what a party did not say, a question's modal, "only
        // if", a purpose clause's modal: label_hedge_forecast).
        if (!out.labels.has(Label::kSourceAnonymous) && !out.labels.has(Label::kVague) && doubt_worded)
          add(Label::kHedge);
        break;
      case ModelTarget::kOpinion: {
        // A question asserts nothing: an interviewer's question or an
        // explainer's heading gets no label (LABELS.md edges 20 and 28). The
        // model learned a question's shape as bias from opinion pieces; a
        // question that carries loaded wording keeps the rules' opinion.
        std::string_view t = base::trim(out.span.of(text));
        while (!t.empty() && (t.back() == '"' || t.back() == ')' || static_cast<unsigned char>(t.back()) >= 0x80)) t.remove_suffix(1);
        if (t.ends_with('?')) break;
        // A guest's turn in an interview or transcript ("MARSH: Not
        // quickly.") is the speaker's, on the record: source.named, and the
        // speaker's evaluation is no opinion of the writer's (edge 20).
        if (std::any_of(out.attributions.begin(), out.attributions.end(), [&](const Attribution& a) {
              return a.kind == SourceKind::kNamed && a.cue.of(text) == ":";
            }))
          break;
        // The bias model was fitted where half the sentences are biased
        // (BABE, opinion pieces); in straight news few sentences carry the
        // writer's evaluation, and on unseen real news the model alone put
        // opinion on a fifth of all sentences, three in four of them plain
        // (docs/EVALUATION.md, "A stranger's audit on real news"). Outside an
        // evaluative register an opinion is worded: the model decides only
        // on a sentence with an evaluative cue in the writer's words.
        if (!evaluative && !has_any(kEvaluativeCues)) break;
        add(Label::kOpinion);
        break;
      }
      case ModelTarget::kSource: {
        if (out.labels.has(Label::kSourceNamed) || out.labels.has(Label::kSourceAnonymous) ||
            out.labels.has(Label::kSourceMedia))
          break;
        // A sentence the rules read as a non-confirmation ("have not said",
        // "declined to comment") reports what a party did not say: its
        // speech verb is no attribution (LABELS.md edge 7).
        if (out.labels.has(Label::kConfirmAbsent)) break;
        // The model rescues attributions whose frame the rules could not
        // resolve: it needs an attribution cue in the sentence.
        bool cue = has_any(kAttributionCues);
        // Without a cue, only a confident model speaks (reporting words the
        // lexicon lacks: "believes", "his view", "the statement").
        if (!cue && p < kConfidentWithoutCue) break;
        add(out.names.empty() ? Label::kSourceAnonymous : Label::kSourceNamed);
        break;
      }
      case ModelTarget::kClaim: out.claim = true; break;
    }
  }
}

}  // namespace assay::analysis::internal

namespace assay::analysis {

bool hedge_rests_on(const SentenceAnalysis& s, std::string_view text, const std::vector<std::string>& cues) {
  if (!s.labels.has(Label::kHedge) || s.labels.has(Label::kSourceAnonymous) || s.labels.has(Label::kVague)) return false;
  const Evidence* only = nullptr;
  for (const auto& e : s.evidence) {
    if (e.label != Label::kHedge) continue;
    if (only) return false;
    only = &e;
  }
  if (!only || only->span.end > text.size()) return false;
  std::string cue = base::to_lower_ascii(only->span.of(text));
  return std::find(cues.begin(), cues.end(), cue) != cues.end();
}

}  // namespace assay::analysis
