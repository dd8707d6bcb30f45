#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace assay::analysis {
namespace {

// The rules alone: the tests below pin the scope rules, not the learned models.
const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false}); }

DocumentAnalysis run(const std::string& text, const std::string& outlet = "") {
  text::Document d;
  d.text = text;
  d.outlet = outlet;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s);
}

std::set<std::string> labels_of(const std::string& sentence, const std::string& context = "") {
  std::string text = context.empty() ? sentence : context + " " + sentence;
  auto a = run(text);
  std::set<std::string> out;
  for (const auto& s : a.sentences)
    if (s.span.of(a.document.text) == sentence)
      for (Label l : s.labels.labels()) out.insert(label_name(l));
  return out;
}

using S = std::set<std::string>;

// Stakeholder groups by name.
S names_of(const std::vector<Stakeholder>& groups) {
  S out;
  for (auto g : groups) out.insert(stakeholder_name(g));
  return out;
}

TEST(Labels, NamesRoundTrip) {
  for (Label l : all_labels()) EXPECT_EQ(parse_label(label_name(l)), l);
  EXPECT_FALSE(parse_label("nope").has_value());
}

TEST(Attribution, NamedAnonymousMedia) {
  EXPECT_EQ(labels_of("Lynas said the plant would reopen."), (S{"source.named", "hedge"}));
  EXPECT_EQ(labels_of("The plant will reopen, people familiar with the matter said."), (S{"source.anonymous", "forecast"}));
  EXPECT_EQ(labels_of("Reuters reported the talks on Monday."), (S{"source.media"}));
  EXPECT_EQ(labels_of("Analysts said the ruling removed a risk."), (S{"source.anonymous"}));
  EXPECT_EQ(labels_of("Analysts at Tasman Commodities Research said the cost was in line."), (S{"source.named"}));
}

TEST(Attribution, AppositiveAndInvertedForms) {
  EXPECT_EQ(labels_of("Nick Ferraro, a metals analyst at Harborview Capital Markets, said the deal helps."), (S{"source.named"}));
  EXPECT_EQ(labels_of("\"We were told to wait,\" said Lim Siew Hoon, a resident."), (S{"source.named"}));
  EXPECT_EQ(labels_of("A buyer, who asked not to be named, said stocks were low."), (S{"source.anonymous"}));
}

TEST(Attribution, EpigraphDashAndSpeechActs) {
  EXPECT_EQ(labels_of("\xE2\x80\x9CWe will build it here,\xE2\x80\x9D \xE2\x80\x94 Amanda Lacaze, chief executive"),
            (S{"source.named", "forecast"}));
  EXPECT_EQ(labels_of("Senator Ann Ruiz denounced the export ban."), (S{"source.named"}));
  EXPECT_EQ(labels_of("The deposit is widely regarded as the richest in Europe."), (S{"source.anonymous"}));
  EXPECT_EQ(labels_of("It has been suggested that the ore grades were overstated."), (S{"source.anonymous"}));
}

TEST(Attribution, SpeakerTagsSignedQuotationsAndProgressives) {
  // A transcript tag that opens two lines, and a headline that names someone
  // the story goes on to mention.
  std::string transcript = "\"WALLACE: Let us start with the news.\n\n\"PENCE: She will not be at the debate tomorrow.\n\n"
                           "\"WALLACE: Do you see those two as equivalent?";
  EXPECT_EQ(labels_of("UPDATE: the plant reopened on Monday after repairs.").count("source.named"), 0u);
  EXPECT_EQ(labels_of("\"LACAZE: We will build it here and soon.").count("source.named"), 0u);  // one tag is no transcript
  auto a = run(transcript);
  ASSERT_EQ(a.sentences.size(), 3u);
  for (const auto& s : a.sentences) EXPECT_TRUE(s.labels.has(Label::kSourceNamed)) << s.span.of(a.document.text);
  EXPECT_EQ(labels_of("Pence: Flowers will not attend the debate.", "Mike Pence spoke on Sunday.").count("source.named"), 1u);
  // Headings are not speakers: not mentioned elsewhere, or written in lower case too.
  EXPECT_EQ(labels_of("Disclosure: the editor holds shares in the company.").count("source.named"), 0u);
  EXPECT_EQ(labels_of("Bias: the framing leans on the rivalry angle.", "The bias is plain.").count("source.named"), 0u);
  EXPECT_EQ(labels_of("China: the export licences are still pending.", "China acted.").count("source.named"), 0u);
  // A quotation signed after a dash, with or without a space.
  EXPECT_EQ(labels_of("He makes blanket statements about people.\xE2\x80\x9D\xE2\x80\x95 Pamela Padilla"), (S{"source.named"}));
  // A progressive names its speaker; a passive does not.
  EXPECT_EQ(labels_of("Attorney General Eric Ross is confirming that the charity is not registered.").count("source.named"), 1u);
  EXPECT_EQ(labels_of("The figure was assessed by traders.").count("source.named"), 0u);
  // Unnamed people by role are anonymous sources.
  EXPECT_EQ(labels_of("His aides said the visit was postponed."), (S{"source.anonymous"}));
}

TEST(Attribution, NegatedSayingDisclosureMotivesAndNouns) {
  // A negated act of saying is a non-confirmation, not an attribution.
  EXPECT_EQ(labels_of("Neither the White House nor Critical Metals has confirmed any talks."), (S{"confirm.absent"}));
  EXPECT_EQ(labels_of("The company did not say where the plant will be located."), (S{"confirm.absent"}));
  EXPECT_EQ(labels_of("Malaysian regulators have not said whether the licence will change."), (S{"confirm.absent"}));
  EXPECT_EQ(labels_of("Lynas does not comment on customer contracts."), (S{"source.named", "confirm.absent"}));
  EXPECT_EQ(labels_of("Neither company has disclosed the size of the investment."), (S{"confirm.absent"}));
  EXPECT_EQ(labels_of("The claim could not be independently verified."), (S{"hedge"}));
  EXPECT_EQ(labels_of("Environmental groups have criticised the permits."), (S{"source.anonymous"}));
  EXPECT_EQ(labels_of("The US Geological Survey cut its estimate of the reserves."), (S{"source.named"}));
  // A motive a named source ascribes to another actor is intent (LABELS.md
  // edge 4); a purpose it states of itself is not.
  EXPECT_EQ(labels_of("Kenji Morita, an analyst, said the deal underlines Tokyo's strategy of paying for security."),
            (S{"source.named", "intent"}));
  EXPECT_EQ(labels_of("Lynas said the plant is designed to supply carmakers in Japan."), (S{"source.named"}));
  // A crowd's expectation is hedge and forecast (LABELS.md edge 2).
  EXPECT_EQ(labels_of("Traders expect volatility to persist into next year."), (S{"source.anonymous", "hedge", "forecast"}));
  // "Officials in Hanoi": a capital after "in" is a place, not a metonym.
  EXPECT_EQ(labels_of("Officials in Hanoi still describe the deposits as vast."), (S{"source.anonymous", "vague"}));
  // "data from X" names a source; "residents from X" a place.
  EXPECT_EQ(labels_of("Oxide traded near $60 per kilogram, according to data from Shanghai Metals Market."),
            (S{"source.named", "quantity"}));
  // A title runs into the name; a determiner or "in" makes a cue a noun; a
  // capitalised opener is no name.
  auto mr = run("Mr. Obama dismissed the criticism as politics.");
  ASSERT_EQ(mr.sentences.size(), 1u);
  ASSERT_EQ(mr.sentences[0].attributions.size(), 1u);
  EXPECT_EQ(mr.sentences[0].attributions[0].name, "Mr. Obama");
  EXPECT_EQ(labels_of("The footage aired on Mr. King's show last week.").count("source.named"), 0u);
  EXPECT_EQ(labels_of("Both parties split four to one in favor of the treaty.").count("source.named"), 0u);
  EXPECT_EQ(labels_of("To put that number in context, the deficit was larger.").count("source.named"), 0u);
}

TEST(Scope, CrowdQuantifiersAndApproximatorsWithoutFigures) {
  EXPECT_EQ(labels_of("Many buyers switched suppliers."), (S{"vague"}));
  EXPECT_EQ(labels_of("As many as 5,000 tonnes were shipped."), (S{"quantity"}));
  EXPECT_EQ(labels_of("Separation plants generally run below nameplate."), (S{"hedge"}));
  EXPECT_EQ(labels_of("The kiln often runs at night."), (S{})) << "frequency is not uncertainty";
}

TEST(Attribution, PronounRefersToEarlierName) {
  EXPECT_EQ(labels_of("He said the talks had ended.", "Ali Khan runs the mine."), (S{"source.named"}));
  EXPECT_EQ(labels_of("He said the talks had ended."), (S{}));
}

TEST(Scope, NegationTurnsConfirmationIntoAbsence) {
  EXPECT_EQ(labels_of("The ministry confirmed the decision."), (S{"source.named", "confirm.official"}));
  EXPECT_TRUE(labels_of("Neither the White House nor the company has confirmed any talks.").count("confirm.absent"));
  EXPECT_FALSE(labels_of("Neither the White House nor the company has confirmed any talks.").count("confirm.official"));
  EXPECT_EQ(labels_of("Solvay declined to comment."), (S{"confirm.absent"}));
}

TEST(Scope, PurposeStatedByNamedSourceIsNotIntent) {
  EXPECT_EQ(labels_of("The deal is designed to shield MP from Chinese pricing."), (S{"intent"}));
  EXPECT_FALSE(labels_of("The minister said the rule was designed to protect jobs.").count("intent"));
  EXPECT_TRUE(labels_of("The group is seeking to lock in contracts, people familiar with its plans said.").count("intent"));
}

TEST(Scope, SizeWordNextToFigureIsQuantityNotVague) {
  EXPECT_EQ(labels_of("Malaysia holds vast untapped reserves."), (S{"vague"}));
  auto l = labels_of("The country holds vast deposits of 12.4 million tonnes.");
  EXPECT_TRUE(l.count("quantity"));
  EXPECT_FALSE(l.count("vague"));
  EXPECT_EQ(labels_of("Shares jumped sharply."), (S{"vague"}));
  EXPECT_FALSE(labels_of("Shares jumped more than 50% on Thursday.").count("vague"));
}

TEST(Scope, ExpectationIsHedgeAndForecastUnlessConditional) {
  EXPECT_EQ(labels_of("The plant is expected to open in 2027."), (S{"hedge", "forecast"}));
  auto l = labels_of("The rules are likely to take effect in 2026 if the government approves them.");
  EXPECT_TRUE(l.count("hedge"));
  EXPECT_FALSE(l.count("forecast"));
  EXPECT_EQ(labels_of("The mine will start production next year."), (S{"forecast"}));
}

TEST(Scope, MonthMayIsNotAHedge) {
  EXPECT_FALSE(labels_of("Exports fell sharply in May.").count("hedge"));
}

TEST(Scope, ABeliefMarkerThatFramesAPitchIsPromoOnly) {
  EXPECT_EQ(labels_of("Our advice: buy NLC up to C$0.40 and hold through the estimate.").count("opinion"), 0u);
  EXPECT_EQ(labels_of("In our view, the plant is a milestone.").count("opinion"), 1u);
  EXPECT_EQ(labels_of("European magnet users still buy the vast majority of their magnets from China.").count("promo"), 0u);
}

TEST(Scope, OpinionPromoAndBelief) {
  EXPECT_EQ(labels_of("This is a big deal."), (S{"opinion"}));
  EXPECT_TRUE(labels_of("In our view, the stock is overlooked.").count("opinion"));
  EXPECT_TRUE(labels_of("Disclosure: the editor holds USAR shares.").count("promo"));
  EXPECT_TRUE(labels_of("We are talking our own book here.").count("promo"));
}

TEST(Assessment, StakeholdersMissingVoicesAndOrigin) {
  auto a = run(
      "The ministry said quotas would rise. Lynas said it welcomed the decision. "
      "Residents near the plant have protested for years over radioactive residue. "
      "The talks were first reported by Reuters.");
  S quoted = names_of(a.assessment.stakeholders_quoted), missing = names_of(a.assessment.missing_voices);
  EXPECT_TRUE(quoted.count("government"));
  EXPECT_TRUE(quoted.count("company"));
  EXPECT_TRUE(missing.count("analyst"));
  EXPECT_TRUE(missing.count("environment"));
  EXPECT_EQ(a.assessment.origin, "Reuters");
  EXPECT_GE(a.assessment.credibility.score, 0);
  EXPECT_LE(a.assessment.credibility.score, 100);
  EXPECT_FALSE(a.assessment.credibility.components.empty());
}

TEST(Assessment, AnAppositiveSaysWhoTheSpeakerIs) {
  auto quoted = [](const std::string& text) { return names_of(run(text).assessment.stakeholders_quoted); };
  // The campaign's name reads like an environmental group; the appositive
  // says it is the residents.
  EXPECT_EQ(quoted("Save Malaysia Stop Lynas, a residents' group, said the decision broke a promise."),
            (std::set<std::string>{"community"}));
  EXPECT_EQ(quoted("Mei Lin Chua, head of magnet metals research at Straits Commodity Analytics, said prices would rise."),
            (std::set<std::string>{"analyst"}));
}

TEST(Assessment, ExpectedVoicesFollowTheStory) {
  auto expected = [](const std::string& text) { return names_of(run(text).assessment.stakeholders_expected); };
  // A policy story with a stockpile in it is not a money story.
  auto policy = expected("The ministry said it would tighten export quotas. Traders said the stockpile was large.");
  EXPECT_FALSE(policy.count("investor"));
  EXPECT_FALSE(policy.count("community"));
  // A loan whose holders the story names is; the investors are expected to
  // speak. The same loan as a deal between a state and a company alone is not.
  auto money = expected("The government agreed a A$400 million loan to Iluka Resources for its refinery. "
                        "Iluka said the loan secured the project and spared shareholders a dilutive raise.");
  EXPECT_TRUE(money.count("investor"));
  auto state_deal = expected("The government agreed a A$400 million loan to Iluka Resources for its refinery. "
                             "Iluka said the loan secured the project.");
  EXPECT_FALSE(state_deal.count("investor"));
}

TEST(Assessment, EvidenceSpansPointIntoText) {
  auto a = run("Beijing is seeking to undercut Lynas, one of the people said.");
  ASSERT_EQ(a.sentences.size(), 1u);
  for (const auto& e : a.sentences[0].evidence) {
    EXPECT_LE(e.span.end, a.document.text.size());
    EXPECT_FALSE(e.span.of(a.document.text).empty()) << e.cue;
  }
}

TEST(Models, EmbeddedModelsLoadAndOnlyAddLabels) {
  auto full = Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(full.has_value());
  ASSERT_EQ((*full)->models().size(), 4u);
  text::Document d;
  d.text = "Critics called the plan an outrageous giveaway. Lynas said it would expand. The mine produced 5,000 tonnes.";
  auto s1 = analyzer().new_scratch();
  auto s2 = (*full)->new_scratch();
  auto rules = analyzer().analyze(d, s1);
  auto both = (*full)->analyze(d, s2);
  ASSERT_EQ(rules.sentences.size(), both.sentences.size());
  // The models only add labels, except that the uncertainty model may take
  // back a hedge that rests on one bare modal ("said it would expand" is a
  // reported "will").
  std::vector<std::string> veto_cues;
  for (const auto& m : (*full)->models())
    if (m.target() == ModelTarget::kHedge) veto_cues = m.veto_cues();
  for (std::size_t i = 0; i < rules.sentences.size(); ++i)
    for (Label l : rules.sentences[i].labels.labels()) {
      if (l == Label::kHedge && hedge_rests_on(rules.sentences[i], d.text, veto_cues)) continue;
      EXPECT_TRUE(both.sentences[i].labels.has(l)) << label_name(l);
    }
  EXPECT_TRUE(both.sentences[2].claim);
  for (const auto& s : both.sentences)
    for (const auto& e : s.evidence)
      if (e.cue.starts_with("model:")) {
        EXPECT_NE(e.note.find("p="), std::string::npos);
      }
}

// The sentences the analyzer with its learned models labels `opinion`.
std::vector<std::string> opinions(const std::string& text) {
  const Analyzer& full = test_support::shared_analyzer({.models = true, .impact = false});
  text::Document d;
  d.text = text;
  auto scratch = full.new_scratch();
  std::vector<std::string> out;
  for (const auto& s : full.analyze(d, scratch).sentences)
    if (s.labels.has(Label::kOpinion)) out.push_back(std::string(s.span.of(d.text)));
  return out;
}

TEST(Models, TheOpinionModelLeavesQuestionsAndAGuestsTurnsAlone) {
  // An explainer's headings and an interviewer's questions assert nothing
  // (LABELS.md edges 20 and 28).
  EXPECT_EQ(opinions("Why does the quota matter? How big is the market for the oxide? Will prices rise this year?"),
            std::vector<std::string>{});
  // A guest's turns under a speaker tag are the guest's, on the record.
  EXPECT_EQ(opinions("We spoke to Ruth Adeyemi, who follows metals at Harbour Research, about the ban.\n\n"
                     "TRIBUNE: Will the ban last?\n\nADEYEMI: Not for long.\n\nTRIBUNE: Why not?\n\n"
                     "ADEYEMI: It already has levers.\n"),
            std::vector<std::string>{});
  // Near-misses: loaded wording in a question is still the writer's opinion,
  // and the model still reads evaluation in the writer's statements.
  EXPECT_EQ(opinions("Is this outrageous giveaway really the best the ministry can do?").size(), 1u);
  EXPECT_EQ(opinions("The incumbents are simply trying to protect their margins while they still can.").size(), 1u);
}

TEST(Models, TheOpinionModelNeedsEvaluativeWordingInPlainNews) {
  // Straight reporting: the writer evaluates nowhere, and the model (fitted
  // where half the sentences are biased) adds no opinion to plain sentences.
  EXPECT_EQ(opinions("The retailer has hired a designer to work on the layout of its first shop. "
                     "The shop will open in the spring in the city's old market hall. "
                     "He said the team had worked on it for most of the year. "
                     "His family visited the site with him on Sunday. "
                     "The company did not say how much the building cost."),
            std::vector<std::string>{});
  // In the same plain register a sentence worded evaluatively is still read.
  auto worded = opinions("The retailer has hired a designer to work on the layout of its first shop. "
                         "The shop will open in the spring in the city's old market hall. "
                         "The chain's shoddy, cynical handling of its suppliers has been a fiasco. "
                         "The company did not say how much the building cost.");
  EXPECT_EQ(worded, std::vector<std::string>{"The chain's shoddy, cynical handling of its suppliers has been a fiasco."});
}

TEST(Models, UncertaintyModelOverrulesALoneModalOnly) {
  // An uncertainty model that is sure nothing is uncertain, allowed to
  // overrule "may": it takes back a hedge that rests on "may" alone, not one
  // that rests on more.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "assay_veto_test";
  fs::create_directories(dir / "models");
  {
    std::ofstream f(dir / "models" / "uncertainty.tsv");
    f << "# model: uncertainty\n# target: hedge\n# threshold: 0.6\n# veto: 0.5 may\nfeature\tweight\n(bias)\t-10\n";
  }
  auto a = Analyzer::create(*base::open_data(dir.string()).value());
  ASSERT_TRUE(a.has_value());
  auto labels = [&](const std::string& text) {
    text::Document d;
    d.text = text;
    auto s = (*a)->new_scratch();
    auto r = (*a)->analyze(d, s);
    return r.sentences.empty() ? LabelSet{} : r.sentences[0].labels;
  };
  EXPECT_FALSE(labels("The powder may be used as a pigment.").has(Label::kHedge));
  EXPECT_TRUE(labels("The plant may possibly reopen.").has(Label::kHedge));
  EXPECT_TRUE(labels("The plant could reopen.").has(Label::kHedge)) << "\"could\" is not among this model's cues";
  fs::remove_all(dir);
}

TEST(Assessment, KnownOutletTypeComesFromTheKnowledgeBase) {
  auto full = Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(full.has_value());
  text::Document d;
  d.outlet = "Xinhua";
  d.text = "BEIJING, May 2 (Xinhua) - China's rare-earth output rose, the ministry said.";
  auto s = (*full)->new_scratch();
  EXPECT_EQ((*full)->analyze(d, s).assessment.outlet_type, "state");  // not "wire" from the dateline
  d.outlet = "Unknown Gazette";
  EXPECT_EQ((*full)->analyze(d, s).assessment.outlet_type, "wire");
}

TEST(Impact, ABuiltPlantMovesChinasShareOfItsStage) {
  auto a = run("Acme Rare Earths opened a rare-earth separation plant in the United States with capacity of 5,000 tonnes a year.");
  ASSERT_EQ(a.impacts.size(), 1u);
  const Impact& im = a.impacts[0];
  EXPECT_EQ(im.capacity_basis, "the capacity the article gives");
  EXPECT_EQ(im.what, "a separation plant in the United States runs at 5,000 t separated oxides a year");
  ASSERT_FALSE(im.shifts.empty());
  EXPECT_EQ(im.shifts[0].metric, "China's share of separation capacity by location");
  EXPECT_EQ(im.shifts[0].unit, ShiftUnit::kShare);
  EXPECT_LT(im.shifts[0].after, im.shifts[0].before) << "capacity outside China lowers China's share";
  EXPECT_GT(im.shifts[0].before, 0.5);
  EXPECT_FALSE(im.model.empty());
}

TEST(Impact, LossesAndNonEventsLeaveTheModelAlone) {
  // A stop reported in Myanmar raises China's share of mining.
  auto halt = run("Rare-earth mining in Myanmar halted after the rebels seized the mines.");
  ASSERT_EQ(halt.impacts.size(), 1u);
  EXPECT_EQ(halt.impacts[0].what, "Myanmar's mining capacity stops");
  ASSERT_FALSE(halt.impacts[0].shifts.empty());
  EXPECT_GT(halt.impacts[0].shifts[0].after, halt.impacts[0].shifts[0].before);
  // A stop of all of China's capacity is not what a report of a loss means.
  EXPECT_TRUE(run("China stopped publicly announcing its rare-earth mining quotas this year.").impacts.empty());
  // No event, no impact; and --no-impact (AnalyzerOptions::impact) turns it off.
  EXPECT_TRUE(run("Prices were flat on Tuesday.").impacts.empty());
  auto off = Analyzer::create(base::EmbeddedData{}, {.models = false, .impact = false});
  ASSERT_TRUE(off.has_value());
  text::Document d;
  d.text = "Acme Rare Earths opened a rare-earth separation plant in the United States with capacity of 5,000 tonnes a year.";
  auto s = (*off)->new_scratch();
  EXPECT_TRUE((*off)->analyze(d, s).impacts.empty());
}

TEST(Analyzer, EmptyDocumentHasNoSentences) {
  auto a = run("");
  EXPECT_TRUE(a.sentences.empty());
  EXPECT_EQ(a.assessment.sourcing.sentences, 0);
}

}  // namespace
}  // namespace assay::analysis

namespace assay::analysis {
namespace {

TEST(Analyzer, TimingTheAssessmentStepsChangesNoResult) {
  auto a = Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(a.has_value());
  text::Document d;
  d.title = "Rare earths: a new plant";
  d.text = "Lynas said it would build a separation plant in Texas. Analysts said the plan may slip.";
  auto s = (*a)->new_scratch();
  double seconds = 0;
  auto timed = (*a)->analyze(d, s, {.assess_seconds = &seconds});
  auto plain = (*a)->analyze(d, s);
  EXPECT_GT(seconds, 0.0);
  EXPECT_EQ(timed.assessment.credibility.score, plain.assessment.credibility.score);
  EXPECT_EQ(timed.assessment.missing_voices, plain.assessment.missing_voices);
  EXPECT_EQ(timed.entities, plain.entities);
}

}  // namespace
}  // namespace assay::analysis
