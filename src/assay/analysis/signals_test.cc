// The signal phrases of data/lexicons/signals.tsv: each family fires on
// sentences written for this test and stays quiet on near-misses; signal
// cues never reach the rules (the analysis with and without them labels the
// same); a note that names no signal is an error naming its file and line.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "assay/analysis/internal.h"
#include "assay/analysis/test_support_internal.h"
#include "assay/base/data_source.h"
#include "assay/base/strings.h"
#include "assay/lexicon/lexicon.h"

namespace assay::analysis {
namespace {

using internal::Signal;

// The signals found in `text`, as in Analyzer::analyze.
std::set<Signal> signals_of(std::string_view text) {
  static auto matcher = [] {
    auto lex = lexicon::Lexicon::load(base::EmbeddedData{});
    EXPECT_TRUE(lex.has_value());
    auto m = lexicon::Matcher::compile(*lex);
    EXPECT_TRUE(m.has_value());
    return *m;
  }();
  auto scratch = matcher->new_scratch();
  std::vector<lexicon::Cue> cues;
  matcher->scan(text, scratch, cues);
  std::set<Signal> out;
  for (const auto& c : cues) {
    if (c.category != lexicon::Category::kSignal) continue;
    std::string_view names = lexicon::canonical(matcher->lexicon().entries()[c.entry]);
    for (std::size_t at = 0; at <= names.size();) {
      std::size_t comma = std::min(names.find(',', at), names.size());
      auto g = internal::parse_signal(base::trim(names.substr(at, comma - at)));
      EXPECT_TRUE(g.has_value()) << names;
      if (g) out.insert(*g);
      at = comma + 1;
    }
  }
  return out;
}

void expect_signal(Signal g, std::initializer_list<std::string_view> fire, std::initializer_list<std::string_view> quiet) {
  for (auto s : fire) EXPECT_TRUE(signals_of(s).contains(g)) << "should fire: " << s;
  for (auto s : quiet) EXPECT_FALSE(signals_of(s).contains(g)) << "should not fire: " << s;
}

TEST(Signals, Caveats) {
  expect_signal(Signal::kCaveat,
                {"The refinery has not produced a kilogram of oxide.", "Regulators have not yet ruled on the permit.",
                 "The agency could not independently verify the shipment figures.", "The offtake is subject to board approval.",
                 "The plant still needs an environmental licence.", "Buyers cannot yet qualify the metal.",
                 "There is no guarantee the line will run at full rate.", "Trading was thin ahead of the holiday."},
                {"The refinery produced 40 tonnes last month.", "Analysts were thinking about the price.",
                 "The minister has nothing to add."});
}

TEST(Signals, ReasonsForAnonymity) {
  expect_signal(Signal::kAnonymityUnnamed,
                {"A trader, who asked not to be named, said the cargo left.", "They spoke on condition of anonymity."}, {"A trader said the cargo left."});
  expect_signal(Signal::kAnonymityAuthorised, {"The official was not authorised to speak to reporters."},
                {"The official was authorised to sign."});
  expect_signal(Signal::kAnonymityReason,
                {"because the talks are private", "for fear of losing contracts", "as the matter is confidential"},
                {"the talks are private"});
  expect_signal(Signal::kAnonymitySpeak, {"not allowed to comment", "to discuss the deal", "speaking publicly"},
                {"the spokesman"});
}

TEST(Signals, AttributionAndRumour) {
  expect_signal(Signal::kAttributed, {"Exports fell 74%, according to customs data.", "Customs figures showed a drop."},
                {"Exports fell 74% in May."});
  expect_signal(Signal::kRumour,
                {"Rumours of a bid lifted the shares.", "Market speculation centred on a merger.", "The firm is said to be weighing a sale.",
                 "The ore was allegedly smuggled."},
                {"The firm said it was weighing a sale.", "The speculator index rose."});
}

TEST(Signals, TheWritersVoiceAndRegister) {
  expect_signal(Signal::kVoiceWe, {"We like the stock.", "In our view the price is low.", "We've added to the position."},
                {"Weather delayed the cargo."});
  expect_signal(Signal::kVoiceI, {"I think the deal will close.", "My view has not changed."}, {"Imports rose."});
  expect_signal(Signal::kVoiceYou, {"You should read the filing.", "Your portfolio needs a hedge."}, {"Youth unemployment rose."});
  expect_signal(Signal::kRegisterState,
                {"The two countries pursue win-win cooperation.", "It is a testament to the strength of the partnership.",
                 "Certain countries hyped the so-called threat."},
                {"The two companies signed a supply contract."});
  expect_signal(Signal::kMarket, {"Oxide sold at 600,000 yuan per tonne.", "Spot prices rose.", "A premium over Chinese material."},
                {"The spotlight fell on the refinery.", "The contractor finished the mill."});
}

TEST(Signals, EventStatus) {
  expect_signal(Signal::kEventTalks, {"The two firms are in talks over a joint venture.", "Negotiations began in May."},
                {"The two firms signed a joint venture."});
  expect_signal(Signal::kEventPlan, {"The company plans to build a refinery.", "The plant is under construction."},
                {"The company built a refinery in 2019."});
  expect_signal(Signal::kEventDenial, {"The ministry denied the report."}, {"The ministry confirmed the report."});
  expect_signal(Signal::kEventDenialObject, {"The ministry denied the report."}, {"The ministry denied a permit."});
  expect_signal(Signal::kEventNoPlan, {"The firm has no plans to sell the mine."}, {"The firm plans to sell the mine."});
  expect_signal(Signal::kEventRumour, {"The miner is tipped as a partner.", "There is talk of a merger."},
                {"The miner is a partner."});
  expect_signal(Signal::kEventThirdParty, {"Nick Ferraro, a metals analyst at Harborview"}, {"Nick Ferraro, the chief executive"});
  // One phrase, several signals: "rumours" is a denial's object, speculation and a rumour.
  auto both = signals_of("Rumours swirled.");
  EXPECT_TRUE(both.contains(Signal::kEventDenialObject) && both.contains(Signal::kEventRumour) && both.contains(Signal::kRumour));
}

// Signals are kept apart: they neither label a sentence nor show as cues.
TEST(Signals, NeverReachTheSentenceRules) {
  const Analyzer& a = test_support::shared_analyzer({.models = false, .impact = false});
  text::Document doc;
  doc.text = "We have not yet seen the figures, according to customs data. Rumours of a bid lifted the shares.";
  auto scratch = a.new_scratch();
  auto out = a.analyze(doc, scratch);
  ASSERT_EQ(out.sentences.size(), 2u);
  for (const auto& s : out.sentences)
    for (const auto& e : s.evidence) EXPECT_NE(e.cue, "signal") << e.note;
}

TEST(Signals, ANoteThatNamesNoSignalIsAnErrorWithItsFileAndLine) {
  // A lexicon of two signal phrases, the second naming no signal.
  base::MemoryData data(std::map<std::string, std::string, std::less<>>{
      {"lexicons/signals.tsv",
       "category\tpattern\tweight\tnote\nsignal\taccording to\t1\tattributed\nsignal\tmoonbeam\t1\tmood; \"moonbeam\"\n"}});
  auto r = Analyzer::create(data, {.models = false, .impact = false});
  ASSERT_FALSE(r.has_value());
  std::string all;
  for (const auto& e : r.error()) all += e.to_string() + "\n";
  EXPECT_NE(all.find("signals.tsv:3"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown signal \"mood\""), std::string::npos) << all;
}

}  // namespace
}  // namespace assay::analysis
