// The critique's genre step: what the Highlights say for each genre, and a
// promotion's disclosure and pitch first. Analyses built by hand.
#include <gtest/gtest.h>

#include <string>

#include "assay/report/critique.h"

namespace assay::report {
namespace {

using analysis::DocumentAnalysis;
using analysis::Genre;

DocumentAnalysis two_sentences(Genre g) {
  DocumentAnalysis a;
  a.document.text = "By Ann Lee\n\nSponsored content: this stock could soar, don't miss it. The publisher has been compensated.";
  analysis::SentenceAnalysis byline, pitch, disclosure;
  byline.span = {0, 10};
  byline.role = text::SentenceRole::kByline;
  pitch.span = {12, 67};
  disclosure.span = {68, 107};
  a.sentences = {byline, pitch, disclosure};
  a.assessment.genre = g;
  a.assessment.genre_signals = {
      {Genre::kPromotion, "a payment disclosure: \"has been compensated\"", {86, 106}, 2, 3},
      {Genre::kPromotion, "a call to action: \"could soar\"", {41, 51}, 1, 0.8},
      {Genre::kOpinion, "labelled as opinion: \"Opinion\"", {}, 0, 3.5},
  };
  return a;
}

const Section& highlights(const Critique& c) { return c.sections.at(0); }

TEST(GenreCritique, EachGenreSaysHowThePieceIsRead) {
  Critique c = build_critique(two_sentences(Genre::kPressRelease));
  bool said = false;
  for (const auto& p : highlights(c).points) said |= p.text.starts_with("Genre: a press release: the company's own account; no independent source");
  EXPECT_TRUE(said);
  c = build_critique(two_sentences(Genre::kOpinion));
  said = false;
  for (const auto& p : highlights(c).points) said |= p.text.starts_with("Genre: opinion by design");
  EXPECT_TRUE(said);
}

TEST(GenreCritique, PromotionPutsTheDisclosureAndThePitchFirst) {
  Critique c = build_critique(two_sentences(Genre::kPromotion));
  const Section& hl = highlights(c);
  ASSERT_GE(hl.points.size(), 3u);
  EXPECT_EQ(hl.points[0].text, "Paid promotion. Disclosure: \"has been compensated\"; the pitch: \"could soar\".");
  ASSERT_EQ(hl.points[0].evidence.size(), 2u);
  EXPECT_EQ(hl.points[0].evidence[0].sentence, 2);
  EXPECT_EQ(hl.points[0].evidence[1].sentence, 1);
  // Then the claim, which is the first body sentence and never the byline.
  EXPECT_TRUE(hl.points[1].text.starts_with("The claim: Sponsored content")) << hl.points[1].text;
  EXPECT_TRUE(hl.points[2].text.starts_with("Genre: paid promotion")) << hl.points[2].text;
  // A strong signal of another genre is named.
  EXPECT_NE(hl.points[2].text.find("Also signs of opinion."), std::string::npos) << hl.points[2].text;
}

}  // namespace
}  // namespace assay::report
