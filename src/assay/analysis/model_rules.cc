// How a learned model's decision joins the rules' labels: a model only adds
// (the rules are precise, the models recall what they miss), and its
// evidence is the present feature with the largest weight.
#include <fmt/format.h>

#include <algorithm>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace {

constexpr double kConfidentWithoutCue = 0.75;

// The span of the word behind a "w:" or "b:" feature, else the sentence.
base::Span feature_span(std::string_view text, const std::vector<text::Token>& tokens, const std::string& feature,
                        base::Span sentence) {
  if (feature.size() > 2 && feature[0] == 'w' && feature[1] == ':') {
    std::string_view word = std::string_view(feature).substr(2);
    for (const auto& t : tokens) {
      std::string lw = base::to_lower_ascii(t.span.of(text));
      if (lw == word) return t.span;
    }
  }
  return sentence;
}

}  // namespace

void apply_models(const std::vector<LinearModel>& models, std::string_view text, const std::vector<text::Token>& tokens,
                  const std::vector<std::string>& features, std::vector<std::uint64_t>& hashes, SentenceAnalysis& out) {
  hashes.clear();
  for (const auto& f : features) hashes.push_back(feature_hash(f));
  for (const auto& m : models) {
    double p = m.probability_hashed(hashes);
    if (p < m.threshold()) continue;
    std::string top = m.strongest(features, hashes);
    std::string note = fmt::format("model {} p={:.2f}; strongest feature {}", m.name(), p, top.empty() ? "-" : top);
    base::Span span = feature_span(text, tokens, top, out.span);
    std::string cue = "model:" + m.name();
    auto add = [&](Label l) {
      if (out.labels.has(l)) return;
      out.labels.add(l);
      out.evidence.push_back(Evidence{l, span, cue, note});
    };
    switch (m.target()) {
      case ModelTarget::kHedge:
        // The model learned uncertainty as a whole (hedges, weasel words,
        // unquantified crowds); a sentence the rules already found anonymous
        // or vague has its uncertainty accounted for.
        if (!out.labels.has(Label::kSourceAnonymous) && !out.labels.has(Label::kVague)) add(Label::kHedge);
        break;
      case ModelTarget::kOpinion: add(Label::kOpinion); break;
      case ModelTarget::kSource: {
        if (out.labels.has(Label::kSourceNamed) || out.labels.has(Label::kSourceAnonymous) ||
            out.labels.has(Label::kSourceMedia))
          break;
        // The model rescues attributions whose frame the rules could not
        // resolve: it needs an attribution cue in the sentence.
        bool cue = std::any_of(features.begin(), features.end(), [](const std::string& f) {
          return f == "c:attr.verb" || f == "c:attr.group" || f == "c:attr.media" || f == "c:attr.anonymous";
        });
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
