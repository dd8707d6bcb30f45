// corpus/compare: see compare.h.
#include "assay/corpus/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "assay/base/strings.h"

namespace assay::corpus {

namespace {

using analysis::Label;

std::string claim_key(const analysis::Claim& c) {
  return fmt::format("{}|{}|{}|{}|{}", analysis::claim_kind_name(c.kind), c.measure, base::join(c.subject, ","), c.element, c.year);
}

// Whether two figures agree once the coarser one's rounding is allowed for.
bool same_figure(const analysis::Claim& a, const analysis::Claim& b) {
  if (!a.value || !b.value) return a.value.has_value() == b.value.has_value();
  double tol = std::max({a.precision, b.precision, 1e-9}) / 2 + 1e-9;
  return std::fabs(*a.value - *b.value) <= tol;
}

int verdict_rank(std::string_view v) {
  if (v == "contradicted") return 4;
  if (v == "supported") return 3;
  if (v == "disputed") return 2;
  if (v == "unverifiable") return 1;
  return 0;
}

std::string sentence_text(const analysis::DocumentAnalysis& a, const analysis::SentenceAnalysis& s) {
  return std::string(s.span.of(a.document.text));
}

std::string member_name(const StoryMember& m) { return m.id.empty() ? m.key : m.id; }

}  // namespace

StoryComparison compare_versions(const Story& story, std::span<const analysis::DocumentAnalysis> versions,
                                 std::span<const analysis::DocumentAnalysis> background) {
  StoryComparison c;
  std::set<std::string> outlets;
  std::vector<ArticleFacts> facts;
  for (std::size_t i = 0; i < story.members.size(); ++i)
    facts.push_back(i < versions.size() ? facts_of(versions[i], story.members[i].key) : ArticleFacts{});
  int origin = -1;
  for (std::size_t i = 0; i < story.members.size(); ++i)
    if (story.members[i].key == story.origin_key) origin = static_cast<int>(i);
  const analysis::DocumentAnalysis* o = origin >= 0 && static_cast<std::size_t>(origin) < versions.size() ? &versions[static_cast<std::size_t>(origin)] : nullptr;

  // Claims across versions, in the order first met (origin first).
  std::vector<std::size_t> order;
  if (origin >= 0) order.push_back(static_cast<std::size_t>(origin));
  for (std::size_t i = 0; i < story.members.size(); ++i)
    if (static_cast<int>(i) != origin) order.push_back(i);
  std::map<std::string, std::size_t> by_key;
  std::map<std::size_t, const analysis::Claim*> first_claim;
  for (std::size_t i : order) {
    if (i >= versions.size()) continue;
    const auto& a = versions[i];
    std::set<std::string> seen;
    for (const auto& cl : a.claims) {
      std::string k = claim_key(cl);
      if (!seen.insert(k).second) continue;
      auto [it, fresh] = by_key.try_emplace(k, c.claims.size());
      if (fresh) {
        VersionedClaim v;
        v.text = cl.sentence < a.sentences.size() ? sentence_text(a, a.sentences[cl.sentence]) : cl.figure;
        v.kind = analysis::claim_kind_name(cl.kind);
        v.measure = cl.measure;
        v.subject = cl.subject_name;
        c.claims.push_back(std::move(v));
        first_claim[it->second] = &cl;
      } else if (!same_figure(*first_claim[it->second], cl)) {
        c.claims[it->second].differs = true;
      }
      auto& v = c.claims[it->second];
      v.carried.push_back({member_name(story.members[i]), cl.figure, cl.verdict});
      if (verdict_rank(cl.verdict) > verdict_rank(v.verdict)) v.verdict = cl.verdict;
    }
  }

  for (std::size_t i = 0; i < story.members.size(); ++i) {
    const StoryMember& m = story.members[i];
    outlets.insert(base::to_lower_ascii(m.outlet));
    MemberComparison mc{.id = member_name(m), .outlet = m.outlet, .role = m.role, .fidelity = m.fidelity};
    if (i >= versions.size()) {
      c.members.push_back(std::move(mc));
      continue;
    }
    const auto& a = versions[i];
    const auto& f = facts[i];
    mc.opinion = f.opinion;
    if (f.anonymous > 0) ++c.anonymous_members;
    bool confirms = false;
    for (const auto& s : a.sentences) {
      if (s.labels.has(Label::kConfirmOfficial)) {
        c.on_record.push_back({mc.id, m.outlet, m.published, sentence_text(a, s), false});
        confirms = true;
      }
    }
    for (const auto& e : a.events)
      if (e.status == analysis::EventStatus::kDenied && e.sentence < a.sentences.size())
        c.on_record.push_back({mc.id, m.outlet, m.published, sentence_text(a, a.sentences[e.sentence]), true}), confirms = true;
    if (m.role == Role::kIndependent && confirms) ++c.independent_confirmations;
    if (o && static_cast<int>(i) != origin) {
      const ArticleFacts& of = facts[static_cast<std::size_t>(origin)];
      Fidelity fid = fidelity(f, of, story.origin_outlet);
      mc.notes = fid.notes;
      mc.credit_kept = fid.credit >= 1;
      for (const auto& q : a.quantities) {
        if (q.source_count || q.unit == "count" || q.unit.empty()) continue;
        std::string tok = rounded_figure(figure_token(q.value, q.unit));
        if (!std::binary_search(of.figures.begin(), of.figures.end(), tok)) {
          std::string text(q.span.of(a.document.text));
          if (std::find(mc.added_figures.begin(), mc.added_figures.end(), text) == mc.added_figures.end()) mc.added_figures.push_back(text);
        }
      }
      std::set<std::string> origin_speakers;
      for (const auto& s : of.speakers) origin_speakers.insert(base::to_lower_ascii(s));
      for (const auto& s : f.speakers)
        if (!origin_speakers.contains(base::to_lower_ascii(s))) mc.added_names.push_back(s);
      // The origin's caveat sentences whose kind an echo carries nowhere
      // (an independent member brings its own sourcing instead).
      for (const auto& s : o->sentences) {
        if (m.role != Role::kEcho) break;
        for (Label l : {Label::kSourceAnonymous, Label::kHedge, Label::kConfirmAbsent}) {
          if (!s.labels.has(l)) continue;
          bool carried = (l == Label::kSourceAnonymous && f.anonymous > 0) || (l == Label::kHedge && f.hedged > 0) ||
                         (l == Label::kConfirmAbsent && f.non_confirmations > 0);
          if (!carried) {
            mc.dropped.push_back(fmt::format("({}) {}", analysis::label_name(l), sentence_text(*o, s)));
            break;
          }
        }
      }
    }
    c.members.push_back(std::move(mc));
  }
  for (std::size_t i = 0; i < story.background.size() && i < background.size(); ++i) {
    const auto& b = story.background[i];
    const auto& a = background[i];
    for (const auto& s : a.sentences)
      if (s.labels.has(Label::kConfirmOfficial) || (s.labels.has(Label::kSourceNamed) && !a.assessment.named_speakers.empty() &&
                                                     s.role == text::SentenceRole::kBody && c.background.size() < 3 + i * 3))
        c.background.push_back({b.id.empty() ? b.key : b.id, b.outlet, b.published, sentence_text(a, s), false});
  }
  c.outlets = static_cast<int>(outlets.size());
  return c;
}

}  // namespace assay::corpus
