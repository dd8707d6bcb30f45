// The families of promo, opinion, intent and vague (issue 11; the families
// are listed in each lexicon's header and in docs/EVALUATION.md "Label
// families"), on sentences written for this test, never copied from the gold
// articles: several phrasings per family, and near-misses that must not fire.
// Run through the public Analyzer with the embedded data and without the
// learned models, as sentence_rules_test.cc does.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

const Analyzer& rules_only() { return test_support::shared_analyzer({.models = false}); }

// Does the last sentence of `text` carry `label`?
bool has(const std::string& text, Label label) {
  text::Document d;
  d.text = text;
  auto s = rules_only().new_scratch();
  auto a = rules_only().analyze(d, s);
  if (a.sentences.empty()) return false;
  return a.sentences.back().labels.has(label);
}

#define FIRES(label, text) EXPECT_TRUE(has(text, Label::label)) << (text)
#define QUIET(label, text) EXPECT_FALSE(has(text, Label::label)) << (text)

// ---- promo (LABELS.md edge 14)

TEST(PromoFamilies, DisclosureInManyWordings) {
  FIRES(kPromo, "The author owns shares of Kestrel Metals and may trade them.");
  FIRES(kPromo, "We hold a small position in both companies mentioned here.");
  FIRES(kPromo, "The publisher has been compensated by Ridgeback Minerals for this profile.");
  FIRES(kPromo, "This is a paid advertisement on behalf of Tallow Creek Resources.");
  FIRES(kPromo, "I bought a starter position last week.");
  FIRES(kPromo, "Our editor has a long position in the stock.");
}

TEST(PromoFamilies, AStakeIsTheWritersOnlyWhenItIsHeld) {
  FIRES(kPromo, "We own a small stake in Tarn Minerals and may add to it.");
  FIRES(kPromo, "I bought a stake in the company's shares last year.");
  // "have a stake in" is also figurative: it counts with a security named.
  FIRES(kPromo, "We have a stake in the fund we describe below.");
  QUIET(kPromo, "We have a stake in each other, and in the town's future, the mayor said.");
  QUIET(kPromo, "\"I think we all have a stake in clean water,\" said Ines Moreau, a farmer.");
}

TEST(PromoFamilies, DisclosureNearMisses) {
  // Holdings of others, payments that are not for coverage: no interest of the writer.
  QUIET(kPromo, "The state fund holds a 12% stake in the refinery, the ministry said.");
  QUIET(kPromo, "Contractors have been paid for the first phase of the road.");
  QUIET(kPromo, "The company owns the mining lease until 2041.");
}

TEST(PromoFamilies, FundOrStockOfferedAsTheWayIn) {
  FIRES(kPromo, "Investors who want a basket can get exposure through the Pallas Critical Metals ETF.");
  FIRES(kPromo, "Quarry Lane remains the purest listed way to own the gallium shortage.");
  FIRES(kPromo, "Our favourite name in the sector is still Brennan Rare Earths.");
  FIRES(kPromo, "Harlow Graphite is our top pick for the year.");
}

TEST(PromoFamilies, WayInNearMisses) {
  // A route or a pick that is no security.
  QUIET(kPromo, "The cheapest way to ship the concentrate is by rail to the coast.");
  QUIET(kPromo, "Recycling offers a way to recover magnets from old motors.");
}

TEST(PromoFamilies, PaidServiceSellsTheNames) {
  FIRES(kPromo, "Subscribe today to get the name of the stock we expect to lead the rally.");
  FIRES(kPromo, "Members of our premium service receive the names of our three picks.");
}

TEST(PromoFamilies, ReturnClaimsOnASecurity) {
  FIRES(kPromo, "We think Vantor shares could triple from here.");
  FIRES(kPromo, "This junior has all the makings of a ten-bagger.");
  FIRES(kPromo, "A multi-bagger like this comes along once a decade.");
  FIRES(kPromo, "The next doubling in the stock is a question of timing.");
  FIRES(kPromo, "The shares look cheap next to their peers.");
}

TEST(PromoFamilies, ReturnNearMisses) {
  // A multiple that is no return on a security.
  QUIET(kPromo, "Output at the plant could double by 2028 if the second kiln is built.");
  QUIET(kPromo, "Demand for terbium may triple over the decade, the agency estimated.");
}

TEST(PromoFamilies, UrgencyOnASecurity) {
  FIRES(kPromo, "Buy Corvid Lithium before the market wakes up to the drill results.");
  FIRES(kPromo, "Get in while the stock is still cheap.");
  FIRES(kPromo, "The shares are still under the radar of the big funds.");
}

TEST(PromoFamilies, UrgencyNearMisses) {
  QUIET(kPromo, "Crews worked through the night before the market opened in Baotou.");
  QUIET(kPromo, "The drone flew under the radar of the border patrol.");
}

TEST(PromoFamilies, TakeoverTeasers) {
  FIRES(kPromo, "A bid from a larger producer would make Tarn Minerals an obvious takeover target.");
  FIRES(kPromo, "Dunmore could be a natural acquisition target for a major.");
}

TEST(PromoFamilies, WeakCueNeedsASecurity) {
  // "has been paid" counts only beside a security word.
  FIRES(kPromo, "The writer has been paid in shares of the company he covers.");
  QUIET(kPromo, "The upside for the town is a new road.");
}

// ---- opinion

TEST(OpinionFamilies, VerdictWithoutALoadedAdjective) {
  FIRES(kOpinion, "The court ruling hands Ottawa a new card to play in the talks.");
  FIRES(kOpinion, "The Kolwezi refinery is a bet worth watching.");
  FIRES(kOpinion, "That promise is hard to square with the company's own cost estimates.");
  FIRES(kOpinion, "The forecast looks far too rosy for a mine without a permit.");
  FIRES(kOpinion, "The real problem lies with the buyers, not the miners.");
  FIRES(kOpinion, "The sums simply do not add up.");
}

TEST(OpinionFamilies, VerdictNearMisses) {
  // Plain description of an act, and an evaluation a named source voices.
  QUIET(kOpinion, "The ministry handed the licence to a state trader in May.");
  QUIET(kOpinion, "\"The forecast is far too rosy,\" said Dana Whitfield, an analyst at Corra Research.");
}

TEST(OpinionFamilies, AWatershedIsAVerdictOnlyAsAMomentOrATurn) {
  FIRES(kOpinion, "The deal is a watershed moment for the industry.");
  FIRES(kOpinion, "The ruling marks a watershed for tribal consent.");
  FIRES(kOpinion, "For the smelter's owners, the vote was a watershed.");
  // A river's basin, common in stories about a mine or a plant.
  QUIET(kOpinion, "Salmon spawn in the upper watershed every autumn.");
  QUIET(kOpinion, "The mine sits at the head of the watershed, above the village.");
  QUIET(kOpinion, "The tribe spends $1 million a year on fish habitat in the watershed.");
}

TEST(OpinionFamilies, TheWritersPrescription) {
  FIRES(kOpinion, "Carmakers should stockpile magnets rather than trust a single supplier.");
  FIRES(kOpinion, "Europe must stop treating recycling as an afterthought.");
  FIRES(kOpinion, "Brussels ought to rethink its tariff plan.");
}

TEST(OpinionFamilies, PrescriptionNearMisses) {
  // "should" about a dated future is a forecast (edge 22); a rule of the regime
  // is no prescription by the writer; a named source's advice is its own.
  QUIET(kOpinion, "The second kiln should start up in June 2027.");
  QUIET(kOpinion, "Exporters must apply for a licence for each shipment.");
  QUIET(kOpinion, "\"Buyers should diversify now,\" said Tomas Reyes, who runs the Andes Metals fund.");
}

TEST(OpinionFamilies, StateMediaRegister) {
  FIRES(kOpinion, "The new smelter is a testament to the province's steady progress.");
  FIRES(kOpinion, "The agreement shows its resolve to keep supply chains open.");
  FIRES(kOpinion, "The record output fully demonstrates the strength of the sector.");
  FIRES(kOpinion, "Both sides praised the win-win partnership.");
}

TEST(OpinionFamilies, StateMediaNearMisses) {
  QUIET(kOpinion, "The data show exports fell in October.");
  QUIET(kOpinion, "The plant reflects sunlight off a white roof to cut cooling costs.");
}

TEST(OpinionFamilies, CriticsVerdictsOnOtherCoverage) {
  FIRES(kOpinion, "The piece overstates what a pilot plant can prove.");
  FIRES(kOpinion, "The report treats a single drill hole as proof of a deposit.");
  FIRES(kOpinion, "The story fails to mention that the permit was withdrawn.");
  FIRES(kOpinion, "The headline says more about the outlet than about the mine.");
}

TEST(OpinionFamilies, CriticNearMisses) {
  QUIET(kOpinion, "The report was published on Tuesday.");
  QUIET(kOpinion, "The company did not mention prices in its statement.");
}

TEST(OpinionFamilies, UnnamedCrowdsJudgments) {
  FIRES(kOpinion, "Critics call the scheme a giveaway to foreign miners.");
  FIRES(kOpinion, "Sceptics dismissed the plan as a branding exercise.");
}

TEST(OpinionFamilies, BeliefMarkersAndEdge20) {
  FIRES(kOpinion, "For our money, the smaller producer is the better-run company.");
  FIRES(kOpinion, "A second delay would not surprise us.");
  // A belief marker beside a pitch is opinion and promo; a plan framing a
  // pitch is promo only (edge 14).
  FIRES(kOpinion, "We think the shares could double from here.");
  FIRES(kPromo, "We think the shares could double from here.");
  QUIET(kOpinion, "Our plan is to add KRM on any pullback.");
  // A named speaker's own "I think" is the speaker's, not the writer's.
  QUIET(kOpinion, "\"I think the duty buys time,\" said Priya Nair, a trade lawyer.");
}

TEST(OpinionFamilies, ANamedSourcesBeliefMarkerIsTheSources) {
  // "we expect" inside a named source's quotation is the source's view
  // (edges 18 and 20): source.named, not the writer's opinion.
  QUIET(kOpinion, "\"We have agreed the terms, and we expect to sign next week,\" the minister, Ana Ruiz, said.");
  QUIET(kOpinion, "\"We think the line will run by spring,\" Tom Okafor, the plant manager, told reporters.");
  FIRES(kSourceNamed, "\"We think the line will run by spring,\" Tom Okafor, the plant manager, told reporters.");
  // The writer's own belief marker beside a named source stays opinion.
  FIRES(kOpinion, "We think the minister, who said the talks went well, is too hopeful.");
}

TEST(OpinionFamilies, WeakEvaluativeWordsAloneLabelNothing) {
  // Words that praise or blame (the weak "evaluative" family) let the bias
  // model speak; one alone is no opinion of the rules'.
  QUIET(kOpinion, "The council approved a much-needed road to the port.");
  QUIET(kOpinion, "Prices rose after a poor harvest in the south.");
  QUIET(kOpinion, "Shareholders welcomed the new chair at the annual meeting.");
}

// ---- intent (edges 4 and 27)

TEST(IntentFamilies, CourtingAnAudienceIsAnAimACourtIsNot) {
  FIRES(kIntent, "The senator flew to Ohio to court undecided voters before the primary.");
  FIRES(kIntent, "The miner is courting Japanese buyers for its first concentrate.");
  QUIET(kIntent, "The guards signed false logs, according to court records.");
  QUIET(kIntent, "The plan was referred to court documents filed on Monday.");
}

TEST(IntentFamilies, PurposeClausesInTheWritersVoice) {
  FIRES(kIntent, "Jakarta banned ore exports in order to force smelters onshore.");
  FIRES(kIntent, "The miner cut its dividend so as to fund the expansion.");
  FIRES(kIntent, "Seoul bought into the project with an eye to securing tungsten.");
  FIRES(kIntent, "The agency signed the loan with a view to building a refinery at home.");
}

TEST(IntentFamilies, AimVerbsAndDesign) {
  FIRES(kIntent, "The cartel seeks to keep prices high.");
  FIRES(kIntent, "Canberra has spent years trying to win a seat at the table.");
  FIRES(kIntent, "The tariff is aimed at slowing imports of cheap anodes.");
  FIRES(kIntent, "The quota was designed to reward the largest exporters.");
}

TEST(IntentFamilies, CampaignsAndMotivesReadByOthers) {
  FIRES(kIntent, "The ban is the latest attempt by Hanoi to control its processing industry.");
  FIRES(kIntent, "Analysts see the move as an attempt to pressure Washington.");
  FIRES(kIntent, "The licence freeze was widely read as retaliation.");
  FIRES(kIntent, "Beijing is using its export licences to reward loyal buyers.");
  FIRES(kIntent, "The province is courting foreign refiners.");
}

TEST(IntentFamilies, NearMisses) {
  // The actor's own quoted purpose is source.named only (edge 27).
  QUIET(kIntent, "\"We cut exports in order to protect our reserves,\" Energy Minister Lina Osei said.");
  QUIET(kIntent, "Energy Minister Lina Osei said the curbs were in order to protect national reserves.");
  // An engineering capacity is no aim.
  QUIET(kIntent, "The kiln is designed to process 12,000 tonnes of ore a year.");
  // A reputation read by others is no motive.
  QUIET(kIntent, "The deposit is widely seen as one of the richest in Africa.");
  // Plain sequence without a purpose.
  QUIET(kIntent, "The ship sailed from Durban to Qingdao in May.");
}

// ---- vague (edges 9 and 17)

TEST(VagueFamilies, UnquantifiedProportions) {
  FIRES(kVague, "The bulk of the feed comes from one mine.");
  FIRES(kVague, "China takes the lion's share of the concentrate.");
  FIRES(kVague, "Virtually all of the scandium is sold to one buyer.");
  FIRES(kVague, "Recycled metal is a small fraction of supply.");
  FIRES(kVague, "The majority of the plants run on coal power.");
}

TEST(VagueFamilies, UnquantifiedCountsAndCrowds) {
  FIRES(kVague, "A handful of refiners outside China can separate the heavies.");
  FIRES(kVague, "Few smelters outside China can handle the heavy elements.");
  // "some" before a crowd is left to source.anonymous (edge 6).
  QUIET(kVague, "Some carmakers have started to redesign their motors.");
  FIRES(kVague, "Dozens of trucks queue at the border each morning.");
}

TEST(VagueFamilies, DegreeAndSizeWithoutAFigure) {
  FIRES(kVague, "Chinese oxide is far cheaper than anything made in Europe.");
  FIRES(kVague, "The refinery has a large backlog of orders.");
  FIRES(kVague, "Costs at the new plant are markedly higher.");
}

TEST(VagueFamilies, RateWordsEdge17) {
  FIRES(kVague, "Germanium prices slipped on Friday.");
  FIRES(kVague, "The backlog could clear quickly once licences arrive.");
  FIRES(kVague, "Antimony hit record highs in Rotterdam this week.");
  FIRES(kVague, "Tungsten prices are expected to climb further.");
}

TEST(VagueFamilies, AChangeUnderWayWithoutAFigure) {
  // Edge 17, round 2 of the audit: a change under way, its noun and a
  // moving quantity, none with a figure.
  FIRES(kVague, "Orders for the older magnets are dropping.");
  FIRES(kVague, "Ore grades at the pit continued to decline through the winter.");
  FIRES(kVague, "Electric buses are still growing in popularity across the region.");
  FIRES(kVague, "The region's smelters have been in decline since the dam was built.");
  FIRES(kVague, "Exporters blamed a slowdown in Asian orders.");
  FIRES(kVague, "Falling prices have pushed junior miners to pause drilling.");
  FIRES(kVague, "Demand for recycled cobalt is on the rise.");
}

TEST(VagueFamilies, AChangeWithItsFigureOrARefusalIsNotVague) {
  QUIET(kVague, "Orders for the older magnets are dropping by 8% a year.");
  QUIET(kVague, "Falling prices cut the miner's revenue by 12% in the quarter.");
  QUIET(kVague, "Company officials are declining to comment on the sale.");
  QUIET(kVague, "The board declined to raise the dividend.");
  QUIET(kVague, "The drill rig was moved to the northern edge of the lease.");
}

TEST(VagueFamilies, AQuestionOfSizeClaimsNone) {
  // The second audit (labels23): "how many" and "how much" ask for a size.
  QUIET(kVague, "Analysts are trying to work out how many mines will close this year.");
  QUIET(kVague, "Nobody knows how much ore is left in the pit.");
  FIRES(kVague, "Many mines closed this year.");
}

TEST(VagueFamilies, NearMisses) {
  // A size or share word next to its figure is quantity (edge 9).
  QUIET(kVague, "A handful of 12 projects have permits.");
  QUIET(kVague, "The bulk of 40,000 tonnes was shipped in March.");
  QUIET(kVague, "Prices slipped 4% on Friday.");
  // A plain fact with no magnitude claim.
  QUIET(kVague, "The refinery opened in 2019 near the port.");
}

}  // namespace
}  // namespace assay::analysis
