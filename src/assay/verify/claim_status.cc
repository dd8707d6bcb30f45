// verify/claim_status: see claim_status.h.
#include "assay/verify/claim_status.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace assay::verify {

namespace {

using analysis::ClaimKind;

// The lead as analysis/assess.cc reads it (claim_signals): the first three
// sentences, while they stay in the first sentence's paragraph.
std::vector<bool> lead_sentences(const analysis::DocumentAnalysis& a) {
  std::vector<bool> lead(a.sentences.size(), false);
  if (a.sentences.empty()) return lead;
  const std::uint32_t para = a.sentences.front().paragraph;
  for (std::size_t i = 0; i < a.sentences.size() && i < 3; ++i) lead[i] = a.sentences[i].paragraph == para;
  return lead;
}

bool is_figure(ClaimKind k) {
  return k == ClaimKind::kShare || k == ClaimKind::kRank || k == ClaimKind::kProduction || k == ClaimKind::kCapacity ||
         k == ClaimKind::kReserves || k == ClaimKind::kPrice;
}

// "“300,000 tonnes” (China mine_production 2025 was 270,000 t ...; data/kb/countries.csv:57)"
std::string described(const analysis::DocumentAnalysis& a, const analysis::Claim& c) {
  std::string rows;
  for (const auto& e : c.evidence) {
    if (rows.size() > 160) break;
    rows += (rows.empty() ? "" : ", ") + e.row;
  }
  return fmt::format("\u201c{}\u201d ({}{}{})", c.span.of(a.document.text), c.reason, rows.empty() ? "" : "; ", rows);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return s;
}

}  // namespace

void weigh_verdicts(analysis::DocumentAnalysis& a) {
  analysis::ClaimStatus& cs = a.assessment.claim_status;
  std::erase_if(cs.components, [](const analysis::CredibilityComponent& c) {
    return c.name == kContradictedComponent || c.name == kDisputedComponent || c.name == kSupportedComponent;
  });
  const std::vector<bool> lead = lead_sentences(a);
  std::vector<std::string> contradicted, disputed, supported;
  for (const auto& c : a.claims) {
    if (c.sentence >= lead.size() || !lead[c.sentence]) continue;
    if (c.year == 0 && c.date.empty()) continue;  // undated: the period compared is an assumption
    if (c.verdict == "contradicted") contradicted.push_back(described(a, c));
    else if (c.verdict == "disputed") disputed.push_back(described(a, c));
    else if (c.verdict == "supported" && is_figure(c.kind) && !c.evidence.empty()) supported.push_back(described(a, c));
  }
  if (!contradicted.empty()) {
    double pts = std::max(kContradictedFloor, kContradictedFirst + kContradictedMore * static_cast<double>(contradicted.size() - 1));
    cs.components.push_back({kContradictedComponent, pts,
                             fmt::format("the knowledge base contradicts the lead: {}", joined(contradicted))});
  }
  if (!disputed.empty()) {
    double pts = std::max(kDisputedFloor, kDisputedEach * static_cast<double>(disputed.size()));
    cs.components.push_back({kDisputedComponent, pts,
                             fmt::format("the knowledge base's sources disagree on the lead's {}: {}",
                                         disputed.size() == 1 ? "figure" : "figures", joined(disputed))});
  }
  if (!supported.empty()) {
    double pts = std::min(kSupportedCap, kSupportedEach * static_cast<double>(supported.size()));
    cs.components.push_back({kSupportedComponent, pts,
                             fmt::format("the lead's {} the knowledge base's: {}",
                                         supported.size() == 1 ? "figure matches" : "figures match", joined(supported))});
  }
  double total = 0;
  for (const auto& c : cs.components) total += c.points;
  cs.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
}

}  // namespace assay::verify
