// Genre: each genre read from texts written for this test (several
// phrasings), and near-misses that must not change a news report's genre.
#include <gtest/gtest.h>

#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false, .impact = false}); }

DocumentAnalysis run(const std::string& text, const std::string& title = "", const std::string& outlet = "") {
  text::Document d;
  d.text = text;
  d.title = title;
  d.outlet = outlet;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s);
}

std::string genre_of(const std::string& text, const std::string& title = "", const std::string& outlet = "") {
  return genre_name(run(text, title, outlet).assessment.genre);
}

TEST(Genre, NamesRoundTrip) {
  for (std::size_t i = 0; i < kGenreCount; ++i) {
    Genre g = static_cast<Genre>(i);
    EXPECT_EQ(parse_genre(genre_name(g)), g);
  }
  EXPECT_FALSE(parse_genre("blog"));
}

const char* kNews =
    "The lithium refinery in Kwinana will cut output by a third, its owner said on Thursday.\n\n"
    "Plant manager Ruth Ellis said the cut would last until prices recover. The state government declined to comment.";

TEST(Genre, NewsIsTheDefault) {
  EXPECT_EQ(genre_of(kNews), "news");
  // Near-misses: words of other genres inside a report.
  EXPECT_EQ(genre_of("Opinion polls show voters back the mine, the council said on Monday.\n\n"
                     "The company said in a statement that it would apply for a permit. Its analysis of the ore was released."),
            "news");
  EXPECT_EQ(genre_of("Prices of cobalt rose, traders said.\n\nThe miner said it was pleased with output, which rose 4%."),
            "news");
}

TEST(Genre, WireCopyByItsCredit) {
  EXPECT_EQ(genre_of("PERTH, May 4 (Reuters) - A rare earths miner said on Monday it would build a plant.\n\n"
                     "(Reporting by Ann Lee; Editing by Tom Hogue)"),
            "wire_copy");
  EXPECT_EQ(genre_of("SANTIAGO (AP) — Chile will let a lithium venture expand, the government said.\n\n"
                     "Copyright 2026 The Associated Press. All rights reserved."),
            "wire_copy");
  // The wire's own story on its own site is news.
  EXPECT_EQ(genre_of("PERTH, May 4 (Reuters) - A rare earths miner said on Monday it would build a plant.", "", "Reuters"),
            "news");
}

// Phrases that open with punctuation or a space are found where they stand
// in running text (the word after the opening bytes starts the look-up), and
// not at the start of the text without their opening byte or inside a longer word.
TEST(Genre, PhrasesOpeningWithPunctuationOrASpace) {
  auto has = [](const DocumentAnalysis& a, const std::string& what) {
    for (const auto& g : a.assessment.genre_signals)
      if (g.what == what) return true;
    return false;
  };
  auto a = run("(Reporting by Ann Lee)\n\nCritics dismissed the hype around the deposit.");
  EXPECT_TRUE(has(a, "a wire's credit: \"(Reporting by\""));
  EXPECT_TRUE(has(a, "a state outlet's register: \" hype\""));
  auto b = run("Hype around the deposit grew, and the hypermarket in town sold out of magnets.");
  EXPECT_FALSE(has(b, "a state outlet's register: \" hype\""));
  EXPECT_FALSE(has(b, "a state outlet's register: \" Hype\""));
}

TEST(Genre, PressRelease) {
  EXPECT_EQ(genre_of("TORONTO, June 2, 2026 /PRNewswire/ - Maple Cobalt Inc. (TSX: MCO) (the \"Company\") is pleased to announce "
                     "first production.\n\nAbout Maple Cobalt\n\nMaple Cobalt refines cobalt in Ontario.\n\n"
                     "For further information, contact ir@maple.example"),
            "press_release");
  EXPECT_EQ(genre_of("NEWS RELEASE\n\nGreyrock Tungsten today announced a drilling programme at its Yukon project.\n\n"
                     "Forward-Looking Statements\n\nThis release contains forward-looking statements."),
            "press_release");
}

TEST(Genre, OpinionAndColumns) {
  EXPECT_EQ(genre_of("OPINION\n\nI have watched graphite projects come and go. We should stop subsidising holes in the ground.\n\n"
                     "The writer is a former mining executive."),
            "opinion");
  EXPECT_EQ(genre_of("Europe must build its own magnets. In my view, the price floor is the only tool that works.",
                     "Column: Europe's magnet problem"),
            "opinion");
}

// A column or an analysis that reports (named sources, a request for
// comment) is still what the page's own label says it is; the same body
// without the label is news.
TEST(Genre, APageLabelOutweighsTheBodysReporting) {
  const std::string reported =
      "The port authority will raise fees on ore carriers by a fifth from March, its chief executive Dana Welk said on "
      "Monday.\n\nShipping agent Paul Ortiz said the rise would push smaller miners to other ports. Harbour master Lena "
      "Sato said the berths needed dredging. Union organiser Tom Reyes said crews had not been consulted. Treasurer Ann "
      "Ito said the budget counted on the fees.\n\nThe mining council declined to comment.";
  EXPECT_EQ(genre_of(reported), "news");
  EXPECT_EQ(genre_of(reported, "Column: The port's fee rise is a tax on the smallest miners"), "opinion");
  EXPECT_EQ(genre_of(reported, "Analysis: Why the port is raising its fees now"), "analysis");
  EXPECT_EQ(genre_of(reported, "The port's fee rise, and who pays for it | Opinion"), "opinion");
}

// Sites put the section's name after the headline or in the byline.
TEST(Genre, ALabelEndingTheTitleOrStandingAsTheByline) {
  auto with_author = [](const std::string& title, const std::string& author) -> std::string {
    text::Document d;
    d.text = kNews;
    d.title = title;
    d.author = author;
    auto s = analyzer().new_scratch();
    return genre_name(analyzer().analyze(d, s).assessment.genre);
  };
  EXPECT_EQ(with_author("The Harbour view on port fees: a tax on trade | Editorial", ""), "opinion");
  EXPECT_EQ(with_author("Why the refinery cut output \xE2\x80\x94 Analysis", ""), "analysis");
  EXPECT_EQ(with_author("Kwinana refinery cuts output", "Editorial Board"), "opinion");
  EXPECT_EQ(with_author("Kwinana refinery cuts output", "By The Editorial Board"), "opinion");
  // Near-misses: an outlet's name after the headline, a long second half,
  // a writer whose title holds a label word.
  EXPECT_EQ(with_author("Kwinana refinery cuts output | Reuters", ""), "news");
  EXPECT_EQ(with_author("Kwinana refinery cuts output - opinion polls show the town divided over it", ""), "news");
  EXPECT_EQ(with_author("Kwinana refinery cuts output", "Opinion Desk Editor Ruth Ellis"), "news");
}

TEST(Genre, AnalysisAndExplainers) {
  EXPECT_EQ(genre_of("Nickel prices have halved. What does that mean for cobalt?\n\nFirst, supply from Indonesia grows. "
                     "Second, Congo's quotas matter less.",
                     "Analysis: Why cobalt follows nickel"),
            "analysis");
  EXPECT_EQ(genre_of("EXPLAINER\n\nWhat are heavy rare earths?\n\nThey are the elements from gadolinium to lutetium.\n\n"
                     "Why does it matter?\n\nMagnets need them."),
            "analysis");
}

TEST(Genre, InterviewByItsTags) {
  EXPECT_EQ(genre_of("Q: Why antimony?\nA: Because the army needs it.\n\nQ: When will you produce?\nA: In 2028."), "interview");
  EXPECT_EQ(genre_of("HOST: Welcome to the show.\n\nLEE: Thanks for having me.\n\nHOST: Is gallium scarce?\n\nLEE: Outside China, yes."),
            "interview");
}

TEST(Genre, MarketReportByItsPriceLines) {
  EXPECT_EQ(genre_of("Cobalt metal, Rotterdam, $/lb: 16.20-16.80 (unchanged)\nCobalt hydroxide, CIF China, $/lb: 7.10-7.40\n"
                     "Lithium carbonate, yuan/t: 71,000-73,000\n\nPrices were steady in thin trade, market participants said."),
            "market_report");
}

TEST(Genre, NewsletterByItsFurniture) {
  EXPECT_EQ(genre_of("Welcome to this week's edition.\n\nIn this issue: gallium, graphite and a word on tungsten.\n\n"
                     "Our take: the squeeze is real.\n\nUnsubscribe | Manage preferences"),
            "newsletter");
}

TEST(Genre, InvestorLetterByItsEditorsVoice) {
  EXPECT_EQ(genre_of("We added to our position in a graphite miner this month. In our view the market has missed its "
                     "anode plans, and we think the shares are cheap.\n\nOur advice: accumulate below $2. The company "
                     "said output rose 12%, chief executive Jane Roe said."),
            "newsletter");
  // Near-miss: an analyst quoted saying "we think" is news.
  EXPECT_EQ(genre_of("\"We think the shares are cheap,\" said analyst Tom Reyes of Harbor Bank.\n\n"
                     "The company said output rose 12%, chief executive Jane Roe said."),
            "news");
}

TEST(Genre, NewswireDatelineIsNotAPressRelease) {
  EXPECT_EQ(genre_of("SYDNEY, May 4 (Pacific Newswire) - A rare earths miner said on Monday it would build a plant, "
                     "chief executive Ann Lee said."),
            "news");
}

TEST(Genre, CritiqueOfCoverage) {
  EXPECT_EQ(genre_of("The headline promised a breakthrough. The article rests on one company statement, and the piece "
                     "never asks an independent chemist.",
                     "Audit: the recycling breakthrough that was not"),
            "fact_check");
}

TEST(Genre, PromotionByItsDisclosureAndPitch) {
  EXPECT_EQ(genre_of("Sponsored content\n\nThis graphite junior could soar as Europe wakes up. Don't miss it.\n\n"
                     "The publisher has been compensated by the company."),
            "promotion");
  EXPECT_EQ(genre_of("ADVERTISEMENT\n\nAct now: the lithium stock poised to explode. Click here for our free report."), "promotion");
}

TEST(Genre, StateMediaWhateverElseItIs) {
  EXPECT_EQ(genre_of("BEIJING, May 3 (Xinhua) -- China will promote the healthy and orderly development of the rare earth "
                     "industry, an official said."),
            "state_media");
  // A state outlet's op-ed: state media, with an opinion signal.
  DocumentAnalysis a = run("Opinion | De-risking is protectionism\n\nBy Li Ming | China Daily | Updated: 2026-05-01\n\n"
                           "The so-called de-risking campaign should end. I believe cooperation is the only way.");
  EXPECT_STREQ(genre_name(a.assessment.genre), "state_media");
  bool opinion = false;
  for (const auto& s : a.assessment.genre_signals) opinion |= s.genre == Genre::kOpinion;
  EXPECT_TRUE(opinion);
  // The outlet known to data/kb as state media.
  EXPECT_EQ(genre_of(kNews, "", "Bernama"), "state_media");
}

TEST(Genre, FactCheck) {
  EXPECT_EQ(genre_of("Claim: China has banned all rare earth exports.\n\nVerdict: False. Exports need a licence.\n\n"
                     "We checked customs data."),
            "fact_check");
}

TEST(Genre, SignalsPointIntoTheText) {
  DocumentAnalysis a = run("OPINION\n\nI think lithium is cheap. We should buy it.");
  ASSERT_FALSE(a.assessment.genre_signals.empty());
  for (std::size_t i = 1; i < a.assessment.genre_signals.size(); ++i)
    EXPECT_GE(a.assessment.genre_signals[i - 1].weight, a.assessment.genre_signals[i].weight);
  for (const auto& s : a.assessment.genre_signals) {
    EXPECT_GT(s.weight, 0);
    EXPECT_FALSE(s.what.empty());
    if (!s.span.empty()) {
      ASSERT_LT(s.sentence, a.sentences.size());
      EXPECT_TRUE(a.sentences[s.sentence].span.begin <= s.span.begin);
    }
  }
}

TEST(Genre, FurnitureSentencesAreNeverSourcesOrClaims) {
  // A section heading that names a confirmation, a byline and a caption
  // stay in sentences[] but carry no label and are not claims.
  DocumentAnalysis a = run("What's confirmed\n\nBy Hannah Okafor\n\nThe ministry confirmed the 2,000 tonne quota on Monday, "
                           "spokesman Li Wei said.\n\nPhoto: Officials said the plant had 500 workers");
  ASSERT_EQ(a.sentences.size(), 4u);
  EXPECT_EQ(a.sentences[0].role, text::SentenceRole::kHeading);
  EXPECT_EQ(a.sentences[1].role, text::SentenceRole::kByline);
  EXPECT_EQ(a.sentences[2].role, text::SentenceRole::kBody);
  EXPECT_EQ(a.sentences[3].role, text::SentenceRole::kCaption);
  for (std::size_t i : {0u, 1u, 3u}) {
    EXPECT_TRUE(a.sentences[i].labels.empty()) << i;
    EXPECT_FALSE(a.sentences[i].claim) << i;
    EXPECT_TRUE(a.sentences[i].attributions.empty()) << i;
  }
  EXPECT_FALSE(a.sentences[2].labels.empty());
  EXPECT_EQ(a.assessment.sourcing.named, 1);
}

}  // namespace
}  // namespace assay::analysis
