#include "assay/text/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assay/base/strings.h"

namespace assay::text {
namespace {

std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : segment(text).sentences) out.emplace_back(s.span.of(text));
  return out;
}

using V = std::vector<std::string>;

TEST(Segment, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(sentences("Mr. Smith met Dr. Jones on Oct. 17 at Lynas Inc. in Perth. They spoke."),
            (V{"Mr. Smith met Dr. Jones on Oct. 17 at Lynas Inc. in Perth.", "They spoke."}));
  EXPECT_EQ(sentences("Order No. 61 applies. It took effect."), (V{"Order No. 61 applies.", "It took effect."}));
}

TEST(Segment, DottedInitialisms) {
  EXPECT_EQ(sentences("The U.S. Department of Defense agreed. It will pay."),
            (V{"The U.S. Department of Defense agreed.", "It will pay."}));
  EXPECT_EQ(sentences("Exports fell to the U.S. The decline was sharp."),
            (V{"Exports fell to the U.S.", "The decline was sharp."}));
}

TEST(Segment, DecimalsAndFigures) {
  EXPECT_EQ(sentences("Prices rose 16.1% to $110/kg. Output was 10,500 t."),
            (V{"Prices rose 16.1% to $110/kg.", "Output was 10,500 t."}));
}

TEST(Segment, Initials) {
  EXPECT_EQ(sentences("J. R. Smith said so. Then he left."), (V{"J. R. Smith said so.", "Then he left."}));
}

TEST(Segment, QuotesClosingAfterFullStop) {
  EXPECT_EQ(sentences("\"We will expand.\" The company said so."), (V{"\"We will expand.\"", "The company said so."}));
  EXPECT_EQ(sentences("He said \xE2\x80\x9Cit is done.\xE2\x80\x9D Then he left."),
            (V{"He said \xE2\x80\x9Cit is done.\xE2\x80\x9D", "Then he left."}));
}

TEST(Segment, ADashSignatureStaysWithItsQuotation) {
  // A quotation signed with a dash and a name to the end of the line.
  EXPECT_EQ(sentences("\xE2\x80\x9CWe will win.\xE2\x80\x9D \xE2\x80\x94 Edwin G. Monroy\nNext line."),
            (V{"\xE2\x80\x9CWe will win.\xE2\x80\x9D \xE2\x80\x94 Edwin G. Monroy", "Next line."}));
  EXPECT_EQ(sentences("\"It is over.\" - Carla Sanchez."), (V{"\"It is over.\" - Carla Sanchez."}));
  // Not a signature: a new sentence after the dash, or no quotation before it.
  EXPECT_EQ(sentences("He said \"we will win.\" - Then we left the room and walked home."),
            (V{"He said \"we will win.\"", "- Then we left the room and walked home."}));
  EXPECT_EQ(sentences("It is over. \xE2\x80\x94 Carla Sanchez"), (V{"It is over.", "\xE2\x80\x94 Carla Sanchez"}));
}

TEST(Segment, LowercaseAfterPeriodIsNotABoundary) {
  EXPECT_EQ(sentences("The approx. figure is low. Yes."), (V{"The approx. figure is low.", "Yes."}));
}

TEST(Segment, ParagraphsHeadlinesBylinesAndBullets) {
  std::string t =
      "China tightens rare-earth grip\nBy Jane Roe\n\nFirst sentence here. Second one.\n\n"
      "Key points:\n- Quotas rise\n- Prices fall\n";
  auto seg = segment(t);
  V got;
  for (const auto& s : seg.sentences) got.emplace_back(s.span.of(t));
  EXPECT_EQ(got, (V{"China tightens rare-earth grip", "By Jane Roe", "First sentence here.", "Second one.", "Key points:",
                    "- Quotas rise", "- Prices fall"}));
  EXPECT_EQ(seg.paragraphs.size(), 3u);
  EXPECT_TRUE(seg.sentences[5].line_item);
}

TEST(Segment, WrappedLinesStayOneSentence) {
  EXPECT_EQ(sentences("The ministry said the plant\nwould open in 2026. Done."),
            (V{"The ministry said the plant\nwould open in 2026.", "Done."}));
}

TEST(Segment, QuestionsExclamationsEllipsis) {
  EXPECT_EQ(sentences("Is it real? Nobody knows! Wait... Maybe."), (V{"Is it real?", "Nobody knows!", "Wait...", "Maybe."}));
}

TEST(Segment, EmptyAndSpaceOnly) {
  EXPECT_TRUE(segment("").sentences.empty());
  EXPECT_TRUE(segment(" \n\n \t").sentences.empty());
}

TEST(Tokenize, WordsNumbersPunct) {
  std::string t = "Lynas’s U.S. plant: 10,500 t of NdPr, $110/kg.";
  std::vector<Token> toks;
  tokenize(t, base::Span{0, static_cast<uint32_t>(t.size())}, toks);
  V got;
  for (auto& k : toks) got.emplace_back(k.span.of(t));
  EXPECT_EQ(got, (V{"Lynas’s", "U.S.", "plant", ":", "10,500", "t", "of", "NdPr", ",", "$", "110", "/", "kg", "."}));
  EXPECT_EQ(toks[4].kind, TokenKind::kNumber);
}

TEST(Tokenize, HyphenatedWords) {
  std::string t = "rare-earth oxide";
  std::vector<Token> toks;
  tokenize(t, base::Span{0, static_cast<uint32_t>(t.size())}, toks);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].span.of(t), "rare-earth");
}

// A run without a full stop is cut at a clause or length bound (issue 10):
// no sentence is longer than kMaxSentenceBytes, the pieces cover the run in
// order, and ordinary sentences stay whole.
TEST(Segment, OverLongRunIsCutAtClauseOrLengthBounds) {
  std::string run;
  while (run.size() < 50'000) run += "officials said output would rise ";
  auto seg = segment(run);
  ASSERT_GT(seg.sentences.size(), 50u);
  std::uint32_t at = 0;
  for (const auto& s : seg.sentences) {
    EXPECT_LE(s.span.size(), kMaxSentenceBytes);
    if (&s != &seg.sentences.back()) {
      EXPECT_GE(s.span.size(), kMaxSentenceBytes / 2);  // not cut into crumbs
    }
    EXPECT_GE(s.span.begin, at);
    at = s.span.end;
    std::string_view piece = s.span.of(run);
    EXPECT_FALSE(piece.starts_with(' ') || piece.ends_with(' '));
  }
  EXPECT_EQ(seg.sentences.back().span.end, base::trim(run).size());

  // With commas, the cut falls after one.
  std::string clauses;
  while (clauses.size() < 5'000) clauses += "prices rose in Baotou and output fell, ";
  auto parts = sentences(clauses);
  ASSERT_GT(parts.size(), 4u);
  for (const auto& p : parts) EXPECT_TRUE(p.ends_with(",")) << p;
  // Without commas, before a conjunction.
  std::string conj;
  while (conj.size() < 5'000) conj += "prices rose in Baotou and output fell ";
  auto pieces = sentences(conj);
  ASSERT_GT(pieces.size(), 4u);
  for (std::size_t i = 1; i < pieces.size(); ++i) EXPECT_TRUE(pieces[i].starts_with("and ")) << pieces[i];
}

TEST(Segment, OrdinarySentencesAreNotCut) {
  // A long news sentence (about 600 bytes) stays one sentence.
  std::string longest =
      "KUALA LUMPUR, October 17 (Meridian Wire) - Malaysia's Atomic Energy Licensing Board has allowed Lynas "
      "Rare Earths to keep cracking and leaching rare-earth concentrate at its plant in Kuantan until its operating "
      "licence expires in March 2026, the Australian miner said on Tuesday, adding that it had met every condition "
      "set by the regulator, including the removal of radioactive residue from the site, and that it expected "
      "output to rise once its new cracking and leaching plant in Kalgoorlie, Western Australia, reached full "
      "capacity later in the year, though analysts said the timing remained uncertain.";
  ASSERT_GT(longest.size(), 500u);
  EXPECT_EQ(sentences(longest + " Shares rose."), (V{longest, "Shares rose."}));
}

}  // namespace
}  // namespace assay::text
