// The sentence rules family by family (sentence_rules.cc and rules_*.cc), on
// sentences written for the test, through the public Analyzer with the
// embedded data and without the learned models: the label each family adds,
// and the evidence (cue and span text) it keeps.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/sentence_rules_internal.h"
#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

const Analyzer& rules_only() { return test_support::shared_analyzer({.models = false}); }

// The analysis of `text` (one or more sentences).
DocumentAnalysis analyze_text(const std::string& text) {
  text::Document d;
  d.text = text;
  auto s = rules_only().new_scratch();
  return rules_only().analyze(d, s);
}

// The labels of the last sentence of `text`.
std::set<std::string> labels(const std::string& text) {
  auto a = analyze_text(text);
  std::set<std::string> out;
  if (a.sentences.empty()) return out;
  for (Label l : a.sentences.back().labels.labels()) out.insert(label_name(l));
  return out;
}

// "cue|span text" for each piece of evidence for `label` in the last sentence.
std::set<std::string> evidence(const std::string& text, Label label) {
  auto a = analyze_text(text);
  std::set<std::string> out;
  if (a.sentences.empty()) return out;
  for (const auto& e : a.sentences.back().evidence)
    if (e.label == label) out.insert(e.cue + "|" + std::string(e.span.of(a.document.text)));
  return out;
}

using S = std::set<std::string>;

TEST(RulesAttribution, SpeechVerbWithAnUnnamedGroupIsAnonymous) {
  EXPECT_EQ(labels("Officials said the quota was unchanged."), (S{"source.anonymous"}));
  EXPECT_EQ(evidence("Officials said the quota was unchanged.", Label::kSourceAnonymous), (S{"attr.verb|Officials"}));
  auto a = analyze_text("Officials said the quota was unchanged.");
  ASSERT_EQ(a.sentences.size(), 1u);
  ASSERT_EQ(a.sentences[0].attributions.size(), 1u);
  EXPECT_EQ(a.sentences[0].attributions[0].kind, SourceKind::kAnonymous);
}

TEST(RulesAttribution, NamedSourceBeforeTheVerbAndAfterAccordingTo) {
  EXPECT_EQ(evidence("Maria Lopez said the quota was unchanged.", Label::kSourceNamed), (S{"attr.verb|Maria Lopez"}));
  auto a = analyze_text("The quota is unchanged, according to Maria Lopez.");
  ASSERT_EQ(a.sentences.size(), 1u);
  ASSERT_EQ(a.sentences[0].attributions.size(), 1u);
  EXPECT_EQ(a.sentences[0].attributions[0].name, "Maria Lopez");
}

TEST(RulesAttribution, PeopleFamiliarWithTheMatterAreAnonymous) {
  EXPECT_EQ(labels("The mine will be sold, according to people familiar with the matter."),
            (S{"source.anonymous", "forecast"}));
  EXPECT_FALSE(labels("The mine will be sold, according to people familiar with the matter.").count("source.named"));
}

TEST(RulesConfirmation, NoResponseIsAbsentAndAConfirmationNamesItsSource) {
  EXPECT_EQ(labels("The company did not respond to a request for comment."), (S{"confirm.absent"}));
  EXPECT_EQ(evidence("The company did not respond to a request for comment.", Label::kConfirmAbsent).size(), 1u);
  EXPECT_EQ(labels("The ministry confirmed the new quota."), (S{"source.named", "confirm.official"}));
  // A confirmation that is negated is its absence, not a confirmation.
  auto l = labels("The ministry did not confirm the new quota.");
  EXPECT_TRUE(l.count("confirm.absent"));
  EXPECT_FALSE(l.count("confirm.official"));
}

TEST(RulesHedgeForecast, ModalsHedgeAndTheFutureIsForecast) {
  EXPECT_TRUE(labels("Prices could rise next year.").count("hedge"));
  EXPECT_EQ(labels("The plant will open next year."), (S{"forecast"}));
  // An expectation is both, but only a hedge under a condition.
  EXPECT_EQ(labels("The plant is expected to open next year."), (S{"hedge", "forecast"}));
  auto l = labels("The plant is expected to open next year if the permit is granted.");
  EXPECT_TRUE(l.count("hedge"));
  EXPECT_FALSE(l.count("forecast"));
}

TEST(RulesVagueQuantity, SizeWordsWithoutAFigureAreVague) {
  EXPECT_EQ(labels("Several producers cut output."), (S{"vague"}));
  EXPECT_EQ(labels("Producers cut output by 1,200 tonnes."), (S{"quantity"}));
  auto a = analyze_text("Producers cut output by 1,200 tonnes.");
  ASSERT_EQ(a.sentences.size(), 1u);
  ASSERT_EQ(a.sentences[0].quantities.size(), 1u);
  EXPECT_EQ(a.quantities[a.sentences[0].quantities[0]].unit, "t");
  // A motion word with its figure is a quantity, not vague.
  auto l = labels("Prices soared 40% in a month.");
  EXPECT_TRUE(l.count("quantity"));
  EXPECT_FALSE(l.count("vague"));
}

TEST(RulesIntentOpinion, PurposeAndEvaluationAreTheWritersUnlessANamedSourceVoicesThem) {
  EXPECT_EQ(labels("The company aims to double output."), (S{"intent"}));
  EXPECT_FALSE(labels("Maria Lopez said the company aims to double output.").count("intent"));
  EXPECT_EQ(labels("The export ban was a bold move."), (S{"opinion"}));
  EXPECT_FALSE(labels("Maria Lopez said the export ban was a bold move.").count("opinion"));
  // A critique's verdict heading is an opinion of the whole line.
  EXPECT_EQ(evidence("Bottom line: the story leans on one source.", Label::kOpinion),
            (S{"critique.heading|Bottom line: the story leans on one source."}));
}

TEST(RulesCast, NamesAreKeptForLaterSentences) {
  auto a = analyze_text("Ali Khan runs the mine. He said the talks had ended.");
  ASSERT_EQ(a.sentences.size(), 2u);
  ASSERT_EQ(a.sentences[0].names.size(), 1u);
  EXPECT_EQ(a.sentences[0].names[0].of(a.document.text), "Ali Khan");
  EXPECT_TRUE(a.sentences[1].labels.has(Label::kSourceNamed));
}

}  // namespace
}  // namespace assay::analysis
