// Events (events.cc): the type each family of wording triggers and the
// status its sourcing earns, on sentences written for the test (several
// phrasings per status and type), and near-misses that must not fire.
#include <gtest/gtest.h>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false, .impact = false}); }

DocumentAnalysis run(const std::string& text) {
  text::Document d;
  d.text = text;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s);
}

const Event* find(const DocumentAnalysis& a, EventType t) {
  for (const auto& e : a.events)
    if (e.type == t) return &e;
  return nullptr;
}

struct Case {
  const char* text;
  EventType type;
  EventStatus status;
};

void expect_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    auto a = run(c.text);
    const Event* e = find(a, c.type);
    ASSERT_NE(e, nullptr) << "no " << event_type_name(c.type) << " event in: " << c.text;
    EXPECT_EQ(event_status_name(e->status), std::string(event_status_name(c.status))) << c.text;
  }
}

TEST(EventStatus, APartyOnTheRecordConfirms) {
  expect_cases({
      {"Korvane Metals has opened a rare-earth separation plant in Tallinn, the company said on Monday.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
      {"The ministry confirmed it had signed an offtake agreement with Halden Minerals for its oxide.", EventType::kOfftake,
       EventStatus::kConfirmed},
      {"Ostrava Magnetics said it had acquired the magnet maker Pellworth for $40 million.", EventType::kAcquisition,
       EventStatus::kConfirmed},
  });
}

TEST(EventStatus, UnnamedSourcesAndOtherOutletsReport) {
  expect_cases({
      // Early talks that only unnamed sources describe are never confirmed.
      {"Halden Minerals is in early talks with a state lender over a loan for its separation plant, according to two people "
       "familiar with the matter.",
       EventType::kInvestment, EventStatus::kReported},
      {"Korvane Metals and Ostrava Magnetics are negotiating a joint venture to build a magnet plant, sources said.",
       EventType::kJointVenture, EventStatus::kReported},
      {"Pellworth plans to buy a stake in the Brenna mine, Bloomberg reported on Tuesday.", EventType::kInvestment,
       EventStatus::kReported},
      {"The government is preparing a ban on exports of rare-earth ore, officials who asked not to be named said.",
       EventType::kExportControl, EventStatus::kReported},
  });
}

TEST(EventStatus, ANamedThirdPartyReports) {
  expect_cases({
      {"The refinery has halted output after a flood, said Mara Quist, an analyst at Dunmore Research.", EventType::kCapacityLoss,
       EventStatus::kReported},
      {"Prices rose 12% in a week, according to the consultancy Halvard Metals Research.", EventType::kPriceMove,
       EventStatus::kReported},
  });
}

TEST(EventStatus, SpeculationIsRumoured) {
  expect_cases({
      {"Pellworth is tipped as a takeover target for larger magnet makers.", EventType::kAcquisition, EventStatus::kRumoured},
      {"There is talk that the state fund could take a stake in the Brenna separation plant.", EventType::kInvestment,
       EventStatus::kRumoured},
      {"Small explorers might become acquisition targets for miners hungry for feed.", EventType::kAcquisition,
       EventStatus::kRumoured},
  });
}

TEST(EventStatus, IntentionsAndSchedulesArePlanned) {
  expect_cases({
      {"Korvane Metals plans to build a separation plant in Estonia by 2028.", EventType::kNewCapacity, EventStatus::kPlanned},
      {"The refinery is expected to begin commissioning in 2027, the company said.", EventType::kNewCapacity,
       EventStatus::kPlanned},
      {"Halden Minerals said it intends to form a joint venture with a Japanese trading house.", EventType::kJointVenture,
       EventStatus::kPlanned},
      {"The magnet plant is under construction and will produce 2,000 tonnes a year.", EventType::kNewCapacity,
       EventStatus::kPlanned},
  });
}

TEST(EventStatus, ADenialIsDenied) {
  expect_cases({
      {"Pellworth denied the report that it was in talks to acquire Ostrava Magnetics.", EventType::kAcquisition,
       EventStatus::kDenied},
  });
  // A denial in a later sentence turns the reported event into a denied one.
  auto a = run(
      "Halden Minerals is preparing to merge with Korvane Metals, two people familiar with the matter said. "
      "Halden Minerals denied the report in a stock exchange filing.");
  const Event* e = find(a, EventType::kAcquisition);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, EventStatus::kDenied);
  // A regulator that "denied a permit" denies no report.
  auto b = run("Pellworth has opened a magnet plant in Ohio. Regulators denied a permit for its second site last year.");
  const Event* f = find(b, EventType::kNewCapacity);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, EventStatus::kConfirmed);
}

TEST(EventType, OutputMilestonesAreNewCapacity) {
  expect_cases({
      {"Korvane Metals said it has produced its first dysprosium oxide at its plant in Estonia.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
      {"The company reported the first output of dysprosium oxide from its pilot circuit in Utah.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
      {"Halden Minerals began commercial production at its Brenna mine in March, it said.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
      {"Ostrava Magnetics made its first shipment of sintered magnets to a German carmaker.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
      {"Pellworth said it had produced separated terbium oxide at 99.5% purity.", EventType::kNewCapacity,
       EventStatus::kConfirmed},
  });
}

TEST(EventType, PriceFloorsArePolicyAndSupplyAgreementsOfftake) {
  expect_cases({
      {"The Department of Energy will guarantee a price floor of $90 per kilogram for NdPr oxide.", EventType::kPolicy,
       EventStatus::kConfirmed},
      {"The government set a minimum price for domestic terbium, the ministry said.", EventType::kPolicy, EventStatus::kConfirmed},
      {"Halden Minerals signed a five-year supply agreement with a Korean magnet maker, the company said.", EventType::kOfftake,
       EventStatus::kConfirmed},
      {"Ostrava Magnetics agreed to buy 500 tonnes of NdPr oxide a year from Korvane Metals.", EventType::kOfftake,
       EventStatus::kConfirmed},
  });
  // A price floor is no longer a price move.
  auto a = run("The Department of Energy will guarantee a price floor of $90 per kilogram for NdPr oxide.");
  EXPECT_EQ(find(a, EventType::kPriceMove), nullptr);
}

TEST(EventType, NearMissesTriggerNothing) {
  // A first batch of licences is no output; a negated deal is no deal; an
  // output with no stage, no product and no lead is no milestone.
  for (const char* text : {
           "Officials said the first batch of export licences had been issued. The licences cover magnets.",
           "Note: the company has not named any offtake partners.",
           "Background: analysts have produced many reports on the sector.",
       }) {
    auto a = run(text);
    EXPECT_EQ(find(a, EventType::kNewCapacity), nullptr) << text;
    EXPECT_EQ(find(a, EventType::kOfftake), nullptr) << text;
  }
}

}  // namespace
}  // namespace assay::analysis

namespace assay::analysis {
namespace {

const Analyzer& analyzer_with_impact() { return test_support::shared_analyzer({.models = false, .impact = true}); }

DocumentAnalysis run_with_impact(const std::string& text) {
  text::Document d;
  d.text = text;
  auto s = analyzer_with_impact().new_scratch();
  return analyzer_with_impact().analyze(d, s);
}

const Event& only_build_event(const DocumentAnalysis& a) {
  for (const auto& e : a.events)
    if (e.type == EventType::kNewCapacity || e.type == EventType::kInvestment) return e;
  ADD_FAILURE() << "no build event";
  static Event none;
  return none;
}

TEST(EventLink, ThePlantsOwnNameLinksExactly) {
  auto a = run_with_impact("Iluka Resources said its Eneabba rare-earth refinery in Australia is expected to begin commissioning in 2027.");
  const Event& e = only_build_event(a);
  EXPECT_EQ(e.link.confidence, LinkConfidence::kExactAlias) << e.link.why;
  EXPECT_EQ(e.link.facility, "iluka-eneabba-separation");
  EXPECT_TRUE(e.no_impact.empty()) << e.no_impact;
}

TEST(EventLink, AGarbledPlantNameLinksNothingAndSaysWhy) {
  // "Enneaba" is no plant the knowledge base knows: the company's real plant
  // must not stand in for it.
  auto a = run_with_impact("Iluka Resources said its Enneaba rare-earth refinery in Australia is expected to begin commissioning in 2027.");
  const Event& e = only_build_event(a);
  EXPECT_EQ(e.link.confidence, LinkConfidence::kNone);
  EXPECT_NE(e.link.why.find("Enneaba"), std::string::npos) << e.link.why;
  EXPECT_NE(e.no_impact.find("the article names no plant or capacity the model knows"), std::string::npos) << e.no_impact;
  for (const auto& im : a.impacts) EXPECT_EQ(im.what.find("Eneabba"), std::string::npos) << im.what;
}

TEST(EventLink, TheCompanyAloneLinksItsOnlyPlantOfTheStage) {
  auto a = run_with_impact("Iluka Resources said it plans to build a rare-earth separation plant in Australia.");
  const Event& e = only_build_event(a);
  EXPECT_EQ(e.link.confidence, LinkConfidence::kCompanyOnly) << e.link.why;
  EXPECT_EQ(e.link.facility, "iluka-eneabba-separation");
}

TEST(EventLink, NoPlantAndNoCapacityMeansNoImpact) {
  auto a = run_with_impact("Korvane Metals plans to build a rare-earth separation plant in Estonia by 2028.");
  const Event& e = only_build_event(a);
  EXPECT_EQ(e.link.confidence, LinkConfidence::kNone);
  EXPECT_TRUE(a.impacts.empty());
  EXPECT_NE(e.no_impact.find("names no plant or capacity the model knows"), std::string::npos) << e.no_impact;
  // With a capacity the article's own plant is modelled, as the article's.
  auto b = run_with_impact("Korvane Metals plans to build a rare-earth separation plant in Estonia with capacity of 2,000 tonnes a year.");
  ASSERT_FALSE(b.impacts.empty());
  EXPECT_NE(b.impacts[0].capacity_basis.find("the article gives"), std::string::npos);
}

}  // namespace
}  // namespace assay::analysis
