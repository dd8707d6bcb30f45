// The article assessment (assess.cc): the reporting quality and claim status
// (and the old credibility score) with their components, and the typed
// results it fills (framing, events) on small documents.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"
#include "assay/analysis/internal.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false, .impact = false}); }

DocumentAnalysis run(const std::string& text, const std::string& title = "") {
  text::Document d;
  d.text = text;
  d.title = title;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s);
}

double points(const DocumentAnalysis& a, std::string_view name) {
  for (const auto& c : a.assessment.credibility.components)
    if (c.name == name) return c.points;
  ADD_FAILURE() << "no component " << name;
  return NAN;
}

TEST(Credibility, ComponentsAreCappedAndSumToTheScore) {
  DocumentAnalysis a;
  auto& p = a.assessment.sourcing;
  p.sentences = 10;
  p.named = 10;       // 3 each, capped at 20
  p.anonymous = 1;    // -4
  p.quantity = 2;     // 1.5 each
  p.hedged = 5;       // -15 * 5/10
  a.assessment.missing_voices = {Stakeholder::kAnalyst, Stakeholder::kCommunity};  // -3 each
  internal::score_credibility(a);
  EXPECT_EQ(points(a, "base"), 50);
  EXPECT_EQ(points(a, "named sourcing"), 20);
  EXPECT_EQ(points(a, "anonymous sourcing"), -4);
  EXPECT_EQ(points(a, "checkable figures"), 3);
  EXPECT_EQ(points(a, "hedging"), -7.5);
  EXPECT_EQ(points(a, "missing voices"), -6);
  double total = 0;
  for (const auto& c : a.assessment.credibility.components) total += c.points;
  EXPECT_EQ(a.assessment.credibility.score, std::lround(total));
  EXPECT_EQ(a.assessment.credibility.score, 56);
}

TEST(Credibility, ScoreStaysWithin0And100) {
  DocumentAnalysis a;
  auto& p = a.assessment.sourcing;
  p.sentences = 1;
  p.anonymous = p.intent = p.non_confirmations = p.hedged = p.vague = p.opinion = 1;
  p.promo = 3;
  a.assessment.promotional_interest = true;
  a.assessment.framing.push_back({FramingKind::kHeadlineSensationalism, {}, "Shock", 0, true});
  internal::score_credibility(a);
  EXPECT_EQ(points(a, "promotional interest"), -20);
  EXPECT_EQ(points(a, "headline"), -5);
  EXPECT_EQ(a.assessment.credibility.score, 0);
}

TEST(Credibility, AnonymousSourcingCostsPointsOnASmallDocument) {
  auto anonymous = run("China will curb exports of rare-earth magnets, two people familiar with the matter said.");
  auto named = run("China will curb exports of rare-earth magnets, the commerce ministry said in a statement on Monday.");
  EXPECT_EQ(anonymous.assessment.sourcing.anonymous, 1);
  EXPECT_LT(points(anonymous, "anonymous sourcing"), 0);
  EXPECT_EQ(named.assessment.sourcing.named, 1);
  EXPECT_GT(points(named, "named sourcing"), 0);
  EXPECT_GT(named.assessment.credibility.score, anonymous.assessment.credibility.score);
}

TEST(Assess, FramingAndEventsAreTyped) {
  auto a = run("China imposed export controls on rare-earth separation technology, the commerce ministry said.",
               "Bombshell: China weaponises rare earths");
  bool headline = false;
  for (const auto& f : a.assessment.framing)
    if (f.in_headline) headline = headline || f.kind == FramingKind::kHeadlineSensationalism || f.kind == FramingKind::kGeopolitical;
  EXPECT_TRUE(headline);
  ASSERT_FALSE(a.events.empty());
  EXPECT_EQ(a.events[0].type, EventType::kExportControl);
  EXPECT_STREQ(event_type_name(a.events[0].type), "export_control");
  EXPECT_EQ(a.events[0].country, "China");
  EXPECT_EQ(a.events[0].status, EventStatus::kConfirmed);
}

// Issue 10: duplicate framing entries. Two cues over the same words (a
// word that is both a sensational and an evaluative cue; a phrase and a
// shorter phrase inside or across it) are one signal; the longer is kept.
TEST(Assess, FramingCuesOverTheSameWordsAreOneSignal) {
  auto a = run("Beijing is tightening its grip on the magnet trade, traders said.", "Miners sign landmark accord");
  int headline = 0, body = 0;
  std::string body_text;
  for (const auto& f : a.assessment.framing) {
    if (f.in_headline && f.kind == FramingKind::kHeadlineSensationalism) ++headline;
    if (!f.in_headline && f.kind == FramingKind::kGeopolitical) {
      ++body;
      body_text = f.text;
    }
  }
  EXPECT_EQ(headline, 1);
  EXPECT_EQ(body, 1);
  EXPECT_EQ(body_text, "tightening its grip");
}

// Issue 10: "(s)" plurals in the score's reasons.
TEST(Credibility, ReasonsCountInWords) {
  DocumentAnalysis a;
  auto& p = a.assessment.sourcing;
  p.sentences = 1;
  p.named = p.anonymous = p.official_confirmations = p.non_confirmations = p.quantity = p.intent = p.opinion = 1;
  a.assessment.missing_voices = {Stakeholder::kAnalyst};
  internal::score_credibility(a);
  std::string why;
  for (const auto& c : a.assessment.credibility.components) why += c.why + "\n";
  EXPECT_EQ(why.find("(s)"), std::string::npos) << why;
  for (const char* s : {"1 sentence attributed to named sources", "1 sentence rests on unnamed sources", "1 on-record confirmation\n",
                        "1 refusal, denial or unanswered request\n", "1 sentence with a checkable figure", "1 motive ascribed",
                        "1 of 1 sentence carries the writer's evaluation", "1 expected stakeholder group not heard", "0 of 1 sentence hedged"})
    EXPECT_NE(why.find(s), std::string::npos) << s << " in\n" << why;
  p.named = 3;
  internal::score_credibility(a);
  EXPECT_EQ(a.assessment.credibility.components[1].why, "3 sentences attributed to named sources");
}

TEST(ResultNames, EveryEnumNameParsesBack) {
  for (int i = 0; i <= static_cast<int>(EventType::kPolicy); ++i)
    EXPECT_EQ(parse_event_type(event_type_name(static_cast<EventType>(i))), static_cast<EventType>(i));
  for (int i = 0; i <= static_cast<int>(EventStage::kFullChain); ++i)
    EXPECT_EQ(parse_event_stage(event_stage_name(static_cast<EventStage>(i))), static_cast<EventStage>(i));
  for (int i = 0; i <= static_cast<int>(EventStatus::kDenied); ++i)
    EXPECT_EQ(parse_event_status(event_status_name(static_cast<EventStatus>(i))), static_cast<EventStatus>(i));
  for (int i = 0; i <= static_cast<int>(FramingKind::kPromotionalInterest); ++i)
    EXPECT_EQ(parse_framing_kind(framing_kind_name(static_cast<FramingKind>(i))), static_cast<FramingKind>(i));
  EXPECT_STREQ(shift_unit_name(ShiftUnit::kShare), "%");
  EXPECT_EQ(parse_shift_unit("t"), ShiftUnit::kTonnes);
  EXPECT_EQ(parse_source_kind(source_kind_name(SourceKind::kMedia)), SourceKind::kMedia);
  EXPECT_FALSE(parse_event_type("coup"));
  for (int i = 0; i <= static_cast<int>(ClaimLevel::kDenied); ++i)
    EXPECT_EQ(parse_claim_level(claim_level_name(static_cast<ClaimLevel>(i))), static_cast<ClaimLevel>(i));
}

double reporting_points(const DocumentAnalysis& a, std::string_view name) {
  for (const auto& c : a.assessment.reporting.components)
    if (c.name == name) return c.points;
  return 0;  // a component that does not apply is left out
}

TEST(Reporting, ComponentsSumToTheScoreWithinBounds) {
  internal::ReportingSignals s;
  s.sentences = 10;
  s.named_voices = 4;     // 5 each, capped at 15
  s.assertions = 8;
  s.attributed = 6;       // 15 * 6/8
  s.comment_sought = 2;   // 4 each
  s.unattributed = 2;     // -30 * 2/10
  s.motives = 1;          // -5
  Assessment a;
  internal::score_reporting(s, a);
  double total = 0;
  for (const auto& c : a.reporting.components) total += c.points;
  EXPECT_EQ(a.reporting.score, std::lround(total));
  EXPECT_EQ(a.reporting.score, 50 + 15 + 11 + 8 - 6 - 5);  // 11.25 rounds to 11.3, the sum to 73
  s.promo = 3;
  s.loaded = 9;
  s.hearsay = 9;
  s.named_voices = s.attributed = s.comment_sought = 0;
  internal::score_reporting(s, a);
  EXPECT_EQ(a.reporting.score, 0);
}

// The issue: each reported non-response cost the old score points. Asking
// the parties is good practice: reporting quality counts it for the piece,
// and only the claim status says the claim is not confirmed.
TEST(Reporting, AReportedNonResponseCountsForThePiece) {
  std::string lead = "Harmon Metals is in talks to buy a stake in a Brazilian clay project, two people familiar with the matter said. ";
  for (const char* asked : {"Harmon Metals declined to comment.", "The company did not respond to a request for comment on Monday.",
                                   "Neither company responded to emails seeking comment."}) {
    auto with = run(lead + asked);
    auto without = run(lead);
    EXPECT_GT(with.assessment.reporting.score, without.assessment.reporting.score) << asked;
    EXPECT_GT(reporting_points(with, "comment sought"), 0) << asked;
    EXPECT_LE(with.assessment.credibility.score, without.assessment.credibility.score) << asked << " (the old score, for the record)";
    EXPECT_EQ(with.assessment.claim_status.level, ClaimLevel::kAnonymousOnly) << asked;
  }
}

TEST(Reporting, UnnamedSourcesCostOnlyWhenThePieceDoesNotSayWhy) {
  std::string claim = "Vanter Group plans to close its magnet plant, two people familiar with the plan said";
  for (const char* why : {", asking not to be named because the decision has not been announced.",
                                 ". They spoke on condition of anonymity because the board has not voted.",
                                 ". The people, who are not authorised to speak to the media, declined to be identified."}) {
    auto explained = run(claim + why);
    EXPECT_GT(reporting_points(explained, "anonymous sources"), 0) << why;
  }
  for (const char* bare : {".", ", sources say.", ". The sources did not give their names to the paper's rivals."}) {
    auto a = run(claim + bare);
    EXPECT_LE(reporting_points(a, "anonymous sources"), 0) << bare;
  }
}

TEST(Reporting, CaveatsCountAndPlainStatementsDoNot) {
  for (const char* caveat : {"The company has not yet published a feasibility study.",
                                    "The results could not be independently confirmed.",
                                    "The talks could still collapse, one of the people said.",
                                    "The plant still needs an environmental permit.",
                                    "The stockpile increase is subject to approval in the next budget."}) {
    auto a = run(std::string("Orrin Minerals said its pilot plant produced 12 tonnes of oxide in May. ") + caveat);
    // A limit the piece admits is a caveat, or (when the analyzer reads it
    // as a non-confirmation) comment sought: either counts for the piece.
    EXPECT_GT(reporting_points(a, "caveats stated") + reporting_points(a, "comment sought"), 0) << caveat;
  }
  for (const char* plain : {"The plant has been running since 2019.", "The company still employs 300 people.",
                                   "Output rose 4% on the month, the company said."}) {
    auto a = run(std::string("Orrin Minerals said its pilot plant produced 12 tonnes of oxide in May. ") + plain);
    EXPECT_EQ(reporting_points(a, "caveats stated") + reporting_points(a, "comment sought"), 0) << plain;
  }
}

TEST(Reporting, TheSameClaimAttributedScoresAboveTheWritersWordForIt) {
  auto sourced = run("Tesmar Rare Earths will build a separation plant in Portugal, chief executive Ana Lopes said on Tuesday. "
                     "The plant would process 5,000 tonnes of concentrate a year, according to the company's filing.");
  auto asserted = run("Tesmar Rare Earths is building a game-changing separation plant in Portugal. "
                      "The plant will crush China's monopoly and Lisbon is clearly desperate to please Brussels.");
  EXPECT_GT(sourced.assessment.reporting.score, asserted.assessment.reporting.score + 30);
  EXPECT_LT(reporting_points(asserted, "unattributed assertions"), 0);
}

TEST(ClaimStatus, LevelsFromTheLead) {
  struct Case {
    std::string text;
    ClaimLevel level;
    std::string basis;
  } cases[] = {
      {"China will require licences for exports of terbium from June 1, the commerce ministry said in a statement on Monday.",
       ClaimLevel::kConfirmed, "the commerce ministry"},
      {"Three people familiar with the talks said Harmon Metals was close to a deal for the Brazilian project.",
       ClaimLevel::kAnonymousOnly, "three unnamed sources, no party on record"},
      {"Harmon Metals is close to a deal for the Brazilian project, a person briefed on the talks said. Harmon declined to comment.",
       ClaimLevel::kAnonymousOnly, "one unnamed source, no party on record; no comment from 1 party asked"},
      {"Prices of dysprosium oxide will rise by a fifth next year, said Mei Tanaka, an analyst at Corvid Securities.",
       ClaimLevel::kNamedSources, "1 named source, no party on record"},
      {"Harmon Metals is buying the Brazilian project. The deal is a triumph.", ClaimLevel::kUnsourced, "asserted with no source"},
      {"Insiders whisper that Japan is quietly hoarding dysprosium.", ClaimLevel::kRumoured, "talk or speculation, no source"},
  };
  for (const auto& c : cases) {
    auto a = run(c.text);
    EXPECT_EQ(a.assessment.claim_status.level, c.level) << c.text << " -> " << claim_level_name(a.assessment.claim_status.level);
    EXPECT_NE(a.assessment.claim_status.basis.find(c.basis), std::string::npos) << c.text << " -> " << a.assessment.claim_status.basis;
  }
}

TEST(ClaimStatus, ScoresFollowTheLevels) {
  auto score = [](internal::ClaimSignals s) {
    Assessment a;
    internal::score_claim_status(s, a);
    return a.claim_status;
  };
  internal::ClaimSignals confirmed{.confirmed = true, .confirmed_by = "the ministry"};
  internal::ClaimSignals named{.named_third_parties = 1};
  internal::ClaimSignals anonymous{.anonymous_sources = 4, .no_comment = 2};
  internal::ClaimSignals rumour{.rumour = true};
  internal::ClaimSignals denied{.anonymous_sources = 1, .denied = true};
  EXPECT_GT(score(confirmed).score, score(named).score);
  EXPECT_GT(score(named).score, score(anonymous).score);
  EXPECT_GT(score(anonymous).score, score(rumour).score);
  EXPECT_GT(score(rumour).score, score(denied).score);
  EXPECT_EQ(score(anonymous).basis, "four unnamed sources, no party on record; no comment from 2 parties asked");
  EXPECT_EQ(score(denied).level, ClaimLevel::kDenied);
}

}  // namespace
}  // namespace assay::analysis

namespace assay::analysis {
namespace {

// Who has spoken: each speaker counts for the group it speaks for, which
// its introduction in the article says, however it is referred to later.
std::set<std::string> quoted_groups(const std::string& text) {
  std::set<std::string> out;
  for (auto g : run(text).assessment.stakeholders_quoted) out.insert(stakeholder_name(g));
  return out;
}
using Groups = std::set<std::string>;

TEST(Voices, ASurnameSpeaksForTheGroupOfItsIntroduction) {
  // A title before the first mention.
  EXPECT_EQ(quoted_groups("Trade Minister Ingrid Solberg toured the port on Monday. "
                          "Solberg said the levy on ore would stay."),
            Groups{"government"});
  EXPECT_EQ(quoted_groups("President Maria Duarte opened the port on Monday. Duarte predicted that the country "
                          "would process so many critical minerals and rare earths that buyers would queue."),
            Groups{"government"});
  // An appositive or a relative clause after it.
  EXPECT_EQ(quoted_groups("Tomas Reyes, who runs the metals desk at Andes Analytics, expects a glut. "
                          "Reyes said supply would outrun demand next year."),
            Groups{"analyst"});
  EXPECT_EQ(quoted_groups("Ingrid Solberg, a trader at Nordvik, toured the port on Monday. "
                          "Solberg said the levy on ore would stay."),
            Groups{"company"});
  // Near-miss: a name nobody introduced keeps the default.
  EXPECT_EQ(quoted_groups("Solberg said the levy on ore would stay."), Groups{"company"});
}

TEST(Voices, AnAcronymSpeaksForTheBodyItAbbreviates) {
  EXPECT_EQ(quoted_groups("The National Mining Agency (NAMINA) issued the licence in March. "
                          "NAMINA said it would inspect the site in June."),
            Groups{"government"});
  EXPECT_EQ(quoted_groups("Northern Minerals Corp (NMC) won the licence in March. NMC said it would start drilling in June."),
            Groups{"company"});
  // Its office holder speaks for it: a regulator's chairman is no company.
  EXPECT_EQ(quoted_groups("The licence came from the Authority for Mineral Markets (AMIM) in March. "
                          "AMIM chairman Joseph Kalala said exports would resume in June."),
            Groups{"government"});
}

TEST(Voices, AnInterviewsSpeakerTagsAndFirstPersonAreTheGuest) {
  // The guest introduced as an analyst answers under a capitalised tag and
  // in the first person; the interviewer only asks (LABELS.md edge 20).
  EXPECT_EQ(quoted_groups("We asked Lena Brandt, who covers metals at Harbour Research, about the new duty.\n\n"
                          "TRIBUNE: Will prices rise?\n\nBRANDT: Yes, and quickly.\n\nTRIBUNE: And then?\n\n"
                          "BRANDT: I think they settle by the summer."),
            Groups{"analyst"});
  // The writer's own "I think" is no stakeholder's voice.
  EXPECT_EQ(quoted_groups("I think prices will rise."), Groups{});
}

TEST(Voices, AGroupWordInsideALongerOneIsTheLongerOnes) {
  // "vice-president" is a company office, not a president.
  EXPECT_EQ(quoted_groups("Its vice-president of sales, Dana Ortiz, said orders had doubled."), Groups{"company"});
  // A public lender is the state; a bank is an investor.
  EXPECT_EQ(quoted_groups("The Export-Import Bank said it would lend $300 million to the refinery."), Groups{"government"});
  EXPECT_EQ(quoted_groups("Investec, a bank, said it would lend $300 million to the refinery."), Groups{"investor"});
}

TEST(Voices, GroupsNamedByTheirInstitutions) {
  EXPECT_EQ(quoted_groups("The Commerce Department said the duty would apply from May."), Groups{"government"});
  EXPECT_EQ(quoted_groups("The Office of Mineral Security said the stockpile would grow."), Groups{"government"});
  EXPECT_EQ(quoted_groups("The US Forest Service said it had approved the road."), Groups{"government"});
  EXPECT_EQ(quoted_groups("Tribal chairman Joe Whitecloud said the mine would poison the river."), Groups{"community"});
  EXPECT_EQ(quoted_groups("Ana Ruiz, who directs the minerals programme at the Center for Strategic and International "
                          "Studies, said the deal was overdue."),
            Groups{"analyst"});
  // A price reporting agency is the analyst voice (LABELS.md edge 26).
  EXPECT_EQ(quoted_groups("Oxide prices rose 4% last week, according to Mysteel."), Groups{"analyst"});
  EXPECT_EQ(quoted_groups("The Anode Producers Coalition said the duty was too low."), Groups{"industry_body"});
  // The armed forces and their commanders speak for the state.
  EXPECT_EQ(quoted_groups("Admiral Ines Varga, chief of staff of the navy, told reporters the patrols would go on."),
            Groups{"government"});
  EXPECT_EQ(quoted_groups("The army said the convoy had reached the mine."), Groups{"government"});
}

TEST(Voices, ArtisanalMinersMakeTheCommunityExpected) {
  auto expected = [](const std::string& text) {
    std::set<std::string> out;
    for (auto g : run(text).assessment.stakeholders_expected) out.insert(stakeholder_name(g));
    return out;
  };
  EXPECT_TRUE(expected("The ban covers ore dug by artisanal miners, who sell to traders in the provincial capital.").count("community"));
  EXPECT_TRUE(expected("Small-scale miners produce a fifth of the country's cobalt.").count("community"));
  EXPECT_FALSE(expected("The ban covers ore from industrial mines, which sell to refiners in China.").count("community"));
}

TEST(Voices, InvestorsAreExpectedWhenMoneyChangesHandsAndTheStoryNamesItsHolders) {
  auto investor_expected = [](const std::string& text) {
    for (auto g : run(text).assessment.stakeholders_expected)
      if (g == Stakeholder::kInvestor) return true;
    return false;
  };
  EXPECT_TRUE(investor_expected("Keld Metals secured $40 million of funding from investors for its separation plant, "
                                "the company said."));
  EXPECT_TRUE(investor_expected("Harwick Mining agreed to invest $120 million in the Tollan project. "
                                "Its shareholders will vote on the deal in May, Harwick said."));
  // Near-misses: money between a state and a company; investors without money
  // that changed hands.
  EXPECT_FALSE(investor_expected("The energy ministry agreed to invest $120 million in the Tollan project. "
                                 "The ministry said the plant would open in 2027."));
  EXPECT_FALSE(investor_expected("Retail investors sold the shares after the blog post. Investors on forums "
                                 "called the drop overdone."));
}

// Outlet type from how the piece is written (no outlet the kb knows).
TEST(OutletType, EachTypeFromSeveralSignalsOfTheWriting) {
  EXPECT_EQ(run("LIMA, May 4 (Harbor Wire) - Peru's mines ministry said on Monday it would review copper permits. "
                "Jorge Salas, a ministry spokesman, said the review would take a month. Anglo Peruvian Mining said it "
                "had not been told of the review.")
                .assessment.outlet_type,
            "wire");
  EXPECT_EQ(run("We added to our position in Kestrelvale Minerals again this month. You should consider buying "
                "before the market wakes up to it. We think the stock could triple from here. Our subscribers "
                "already own it.")
                .assessment.outlet_type,
            "newsletter");
  EXPECT_EQ(run("The country's rare-earth industry is steadily moving up the value chain, a testament to its "
                "high-quality development. Cooperation is win-win and mutually beneficial. Firmly opposing the "
                "so-called decoupling, the sector shows its resolve to keep supply chains orderly.")
                .assessment.outlet_type,
            "state");
  EXPECT_EQ(run("Neodymium oxide prices rose to 620,000 yuan a tonne this week. Dysprosium prices were flat at "
                "1,900 yuan per kg. Exports fell 12% to 4,100 tonnes in May.")
                .assessment.outlet_type,
            "trade");
  EXPECT_EQ(run("I read the story twice and I still do not believe it. Why would a startup with no plant beat "
                "the incumbents? The piece is thin and its numbers are absurd. I think readers deserve better.")
                .assessment.outlet_type,
            "blog");
}

}  // namespace
}  // namespace assay::analysis
