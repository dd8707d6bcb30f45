#include "assay/verify/claim_status.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace assay::verify {
namespace {

// An analysis of `text` split at ". " into one-sentence paragraphs, or (with
// `one_paragraph`) a single paragraph, with the claim status analysis gave
// it: named sources, 65 points.
analysis::DocumentAnalysis article(const std::string& text, bool one_paragraph = false) {
  analysis::DocumentAnalysis a;
  a.document.text = text;
  std::uint32_t begin = 0, para = 0;
  while (begin < text.size()) {
    auto dot = text.find(". ", begin);
    std::uint32_t end = dot == std::string::npos ? static_cast<std::uint32_t>(text.size()) : static_cast<std::uint32_t>(dot + 1);
    analysis::SentenceAnalysis s;
    s.span = {begin, end};
    s.paragraph = para;
    if (!one_paragraph) ++para;
    a.sentences.push_back(s);
    begin = end + 1;
  }
  a.assessment.claim_status.level = analysis::ClaimLevel::kNamedSources;
  a.assessment.claim_status.components = {{"level", 65, "reported by named sources"}};
  a.assessment.claim_status.score = 65;
  return a;
}

// A checked claim on the first occurrence of `figure`.
void claim(analysis::DocumentAnalysis& a, std::string_view figure, analysis::ClaimKind kind, std::string verdict,
           bool cited = true) {
  analysis::Claim c;
  auto at = static_cast<std::uint32_t>(a.document.text.find(figure));
  c.span = {at, at + static_cast<std::uint32_t>(figure.size())};
  for (std::uint32_t i = 0; i < a.sentences.size(); ++i)
    if (a.sentences[i].span.contains(c.span)) c.sentence = i;
  c.kind = kind;
  c.year = 2025;
  c.verdict = std::move(verdict);
  c.reason = "the kb says otherwise";
  if (cited) c.evidence.push_back({"data/kb/countries.csv:57", "USGS", "270,000 t"});
  a.claims.push_back(std::move(c));
}

const analysis::CredibilityComponent* component(const analysis::DocumentAnalysis& a, std::string_view name) {
  for (const auto& c : a.assessment.claim_status.components)
    if (c.name == name) return &c;
  return nullptr;
}

constexpr const char* kText =
    "Ostrava Metals said it mined 300,000 tonnes of rare earths in 2025. Analysts said the figure was high. "
    "China banned the export of separation technology in 2023. The company holds 90% of the market.";

TEST(ClaimStatus, AContradictedLeadFigureLowersTheScoreAndSaysWhy) {
  auto a = article(kText);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kProduction, "contradicted");
  weigh_verdicts(a);
  const auto* c = component(a, kContradictedComponent);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->points, kContradictedFirst);
  EXPECT_NE(c->why.find("300,000 tonnes"), std::string::npos) << c->why;
  EXPECT_NE(c->why.find("the kb says otherwise"), std::string::npos) << c->why;
  EXPECT_NE(c->why.find("data/kb/countries.csv:57"), std::string::npos) << c->why;
  EXPECT_EQ(a.assessment.claim_status.score, 45);
  EXPECT_EQ(a.assessment.claim_status.level, analysis::ClaimLevel::kNamedSources) << "who stands behind it is unchanged";
}

TEST(ClaimStatus, OnlyTheLeadCounts) {
  // The contradicted figure is in the fourth paragraph: background, not the lead.
  auto a = article(kText);
  claim(a, "90%", analysis::ClaimKind::kShare, "contradicted");
  weigh_verdicts(a);
  EXPECT_EQ(component(a, kContradictedComponent), nullptr);
  EXPECT_EQ(a.assessment.claim_status.score, 65);
  // In one paragraph the first three sentences are the lead, the fourth is not.
  auto one = article(kText, true);
  claim(one, "banned", analysis::ClaimKind::kPolicy, "contradicted");
  claim(one, "90%", analysis::ClaimKind::kShare, "contradicted");
  weigh_verdicts(one);
  ASSERT_NE(component(one, kContradictedComponent), nullptr);
  EXPECT_EQ(component(one, kContradictedComponent)->points, kContradictedFirst) << "only the policy in the third sentence";
}

TEST(ClaimStatus, SeveralContradictionsAreBoundedAndTheScoreStaysInRange) {
  auto a = article(kText, true);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kProduction, "contradicted");
  claim(a, "2025", analysis::ClaimKind::kProduction, "contradicted");
  claim(a, "banned", analysis::ClaimKind::kPolicy, "contradicted");
  a.assessment.claim_status.components = {{"level", 10, "denied by a party to it"}};
  weigh_verdicts(a);
  EXPECT_EQ(component(a, kContradictedComponent)->points, kContradictedFloor);
  EXPECT_EQ(a.assessment.claim_status.score, 0) << "clamped at 0";
}

TEST(ClaimStatus, ASupportedCitedFigureRaisesItALittle) {
  auto a = article(kText, true);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kProduction, "supported");
  weigh_verdicts(a);
  ASSERT_NE(component(a, kSupportedComponent), nullptr);
  EXPECT_EQ(a.assessment.claim_status.score, 65 + static_cast<int>(kSupportedEach));
  // Two supported figures: capped.
  claim(a, "2025", analysis::ClaimKind::kProduction, "supported");
  weigh_verdicts(a);
  EXPECT_EQ(a.assessment.claim_status.score, 65 + static_cast<int>(kSupportedCap));
  EXPECT_EQ(std::count_if(a.assessment.claim_status.components.begin(), a.assessment.claim_status.components.end(),
                          [](const auto& c) { return c.name == kSupportedComponent; }),
            1)
      << "weighing again replaces the step's own component";
}

TEST(ClaimStatus, WhatDoesNotMoveIt) {
  // A supported figure without a cited row, a supported policy, unverifiable
  // and unchecked claims: no component, the same score.
  auto a = article(kText, true);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kProduction, "supported", false);
  claim(a, "banned", analysis::ClaimKind::kPolicy, "supported");
  claim(a, "2025", analysis::ClaimKind::kProduction, "unverifiable");
  claim(a, "Ostrava", analysis::ClaimKind::kEvent, "");
  weigh_verdicts(a);
  ASSERT_EQ(a.assessment.claim_status.components.size(), 1u);
  EXPECT_EQ(a.assessment.claim_status.score, 65);
}

TEST(ClaimStatus, AnUndatedClaimDoesNotMoveIt) {
  // "The plant can be expanded to 5,000 tonnes": judged against today's
  // capacity, contradicted, but the writer meant another period.
  auto a = article(kText, true);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kCapacity, "contradicted");
  a.claims.back().year = 0;
  claim(a, "2025", analysis::ClaimKind::kProduction, "supported");
  a.claims.back().year = 0;
  weigh_verdicts(a);
  EXPECT_EQ(a.assessment.claim_status.components.size(), 1u);
  EXPECT_EQ(a.assessment.claim_status.score, 65);
  // A month is a date too.
  a.claims.front().date = "2025-06";
  weigh_verdicts(a);
  EXPECT_NE(component(a, kContradictedComponent), nullptr);
}

TEST(ClaimStatus, ADisputedLeadFigureLowersItSlightly) {
  auto a = article(kText, true);
  claim(a, "300,000 tonnes", analysis::ClaimKind::kProduction, "disputed");
  weigh_verdicts(a);
  ASSERT_NE(component(a, kDisputedComponent), nullptr);
  EXPECT_NE(component(a, kDisputedComponent)->why.find("sources disagree"), std::string::npos);
  EXPECT_EQ(a.assessment.claim_status.score, 65 + static_cast<int>(kDisputedEach));
}

}  // namespace
}  // namespace assay::verify
