// Entities (entities.cc): the key that decides when two names are one
// entity (Analyzer::entity_keys, docs/EVALUATION.md) and the names an
// article's `entities` holds, on sentences written for these tests.
#include <gtest/gtest.h>

#include <algorithm>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false, .impact = false}); }

std::vector<std::string> keys(std::string_view name) { return analyzer().entity_keys(name); }

TEST(EntityKeys, CountriesByNameAdjectiveOrShortName) {
  EXPECT_EQ(keys("China"), std::vector<std::string>{"country:china"});
  EXPECT_EQ(keys("Chinese"), keys("China"));
  EXPECT_EQ(keys("PRC"), keys("China"));
  EXPECT_EQ(keys("Brazilian"), keys("Brazil"));
  EXPECT_EQ(keys("U.S."), keys("United States"));
  EXPECT_EQ(keys("Malaysia's"), keys("Malaysia"));
  // A capital standing for its government is not the country's key.
  EXPECT_NE(keys("Beijing"), keys("China"));
}

TEST(EntityKeys, ACountryQualifierIsDropped) {
  EXPECT_EQ(keys("Ministry of Commerce (China)"), keys("Ministry of Commerce"));
  EXPECT_EQ(keys("China's Ministry of Commerce"), keys("Ministry of Commerce"));
  EXPECT_EQ(keys("Ministry of Economy, Trade and Industry (Japan)"), keys("Ministry of Economy, Trade and Industry"));
  EXPECT_EQ(keys("Chinese Ministry of Commerce"), keys("Ministry of Commerce (China)"));
  EXPECT_EQ(keys("US Department of Defense"), keys("Department of Defense"));
  EXPECT_EQ(keys("Commerce Department"), keys("Department of Commerce"));
  EXPECT_EQ(keys("Kestrel Ridge mine"), keys("Kestrel Ridge"));
  // A parenthesis that is not a country stays part of the name.
  EXPECT_NE(keys("Markets Authority (ARECOMS)"), keys("Markets Authority"));
}

TEST(EntityKeys, ElementsByNameOrSymbolAndNdPrIsTwo) {
  EXPECT_EQ(keys("neodymium"), std::vector<std::string>{"element:neodymium"});
  EXPECT_EQ(keys("Nd"), keys("neodymium"));
  EXPECT_EQ(keys("Dysprosium"), keys("dysprosium"));
  EXPECT_EQ(keys("NdPr"), (std::vector<std::string>{"element:neodymium", "element:praseodymium"}));
  EXPECT_EQ(keys("neodymium-praseodymium"), keys("NdPr"));
  EXPECT_EQ(keys("gallium"), std::vector<std::string>{"element:gallium"});
}

TEST(EntityKeys, NamesOfOneKnowledgeBaseRowAreOneEntity) {
  EXPECT_EQ(keys("Lynas"), keys("Lynas Rare Earths"));
  EXPECT_EQ(keys("Lynas Rare Earths Ltd"), keys("Lynas Rare Earths"));
  EXPECT_EQ(keys("MP Materials Corp"), keys("MP Materials"));
  EXPECT_NE(keys("Lynas"), keys("MP Materials"));
}

TEST(EntityKeys, OtherNamesIgnoreCasePunctuationAndALeadingThe) {
  EXPECT_EQ(keys("U.S. Forest Service"), keys("US Forest Service"));
  EXPECT_EQ(keys("the Idaho Conservation League"), keys("Idaho Conservation League"));
  EXPECT_EQ(keys("Energy & Minerals Group"), keys("energy and minerals group"));
  EXPECT_EQ(keys("Beijing Zhong Ke San Huan High-Tech"), keys("Beijing Zhong Ke San Huan High Tech"));
  EXPECT_NE(keys("Idaho Conservation League"), keys("Idaho Conservation"));
  EXPECT_TRUE(keys("  ").empty());
}

std::vector<std::string> entities_of(const std::string& text) {
  text::Document d;
  d.text = text;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s).entities;
}

bool has(const std::vector<std::string>& v, std::string_view name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

TEST(Entities, CountriesByNameOrAdjectiveButNotRegions) {
  auto e = entities_of("Zambian copper output rose while Chilean mines stalled. A smelter in Inner Mongolia "
                       "and another in New Mexico restarted.");
  EXPECT_TRUE(has(e, "Zambia")) << ::testing::PrintToString(e);
  EXPECT_TRUE(has(e, "Chile"));
  EXPECT_TRUE(has(e, "copper"));
  EXPECT_FALSE(has(e, "Mongolia")) << "Inner Mongolia is a region of China";
  EXPECT_FALSE(has(e, "Mexico")) << "New Mexico is a US state";
  auto dr = entities_of("Congolese officials met the traders. The DRC produces most of the world's cobalt.");
  EXPECT_TRUE(has(dr, "Democratic Republic of Congo")) << ::testing::PrintToString(dr);
  EXPECT_TRUE(has(dr, "cobalt"));
}

TEST(Entities, AgenciesAndFundsByTheShapeOfTheirNames) {
  auto e = entities_of("The Ministry of Mines and Energy said the Strategic Minerals Fund would lend to the project. "
                       "Officials at the Bureau of Land Management declined to comment.");
  EXPECT_TRUE(has(e, "Ministry of Mines and Energy")) << ::testing::PrintToString(e);
  EXPECT_TRUE(has(e, "Strategic Minerals Fund"));
  EXPECT_TRUE(has(e, "Bureau of Land Management"));
}

TEST(Entities, PeopleLawsOutletsAndHeadingsAreNotEntities) {
  auto e = entities_of("Maria Okafor said the Critical Inputs Act would pass. Harbour Daily News reported the "
                       "talks on Monday. In March the pair met again.");
  EXPECT_FALSE(has(e, "Maria Okafor")) << ::testing::PrintToString(e);
  EXPECT_FALSE(has(e, "Critical Inputs Act"));
  EXPECT_FALSE(has(e, "Harbour Daily News"));
  EXPECT_FALSE(has(e, "March"));
}

TEST(Entities, AnAcronymDefinedInTheTextIsItsLongName) {
  auto e = entities_of("The National Mineral Development Council (NMDC) approved the plan. NMDC will review it in June.");
  EXPECT_TRUE(has(e, "National Mineral Development Council")) << ::testing::PrintToString(e);
  EXPECT_FALSE(has(e, "NMDC"));
}

TEST(Entities, CompaniesByTheirDescriptionOrTheKnowledgeBase) {
  auto e = entities_of("Output was cut by miner Kestrelvale last week. Borrowdale, a Swiss trading house, bought "
                       "the cargo, according to Nadia Ruiz, an analyst at Quillfort. Lynas said it would expand.");
  EXPECT_TRUE(has(e, "Kestrelvale")) << ::testing::PrintToString(e);
  EXPECT_TRUE(has(e, "Borrowdale"));
  EXPECT_TRUE(has(e, "Quillfort"));
  EXPECT_TRUE(has(e, "Lynas Rare Earths"));
  EXPECT_FALSE(has(e, "Nadia Ruiz"));
  EXPECT_TRUE(has(e, "Switzerland")) << "a country adjective names the country";
}

TEST(Entities, TwoNamesJoinedByAndAreTwo) {
  auto e = entities_of("Lynas Rare Earths and MP Materials both raised prices, while the Ministry of Commerce and "
                       "Industry kept its forecast.");
  EXPECT_TRUE(has(e, "Lynas Rare Earths")) << ::testing::PrintToString(e);
  EXPECT_TRUE(has(e, "MP Materials"));
  EXPECT_TRUE(has(e, "Ministry of Commerce and Industry"));
}

TEST(Entities, MarketCodesAndCompoundAdjectivesAreNotNames) {
  // A wire market report writes each instrument's code beside it.
  auto e = entities_of("The Harbour Composite index .HBC fell 1.2%, and 10-year notes US10YT=RR yielded 1.8%. "
                       "Aluminium on the Calder Metals Exchange CALM3 slipped, while the Fernhill index FRNW00000PUS rose. "
                       "Long-dated Brenmoor Treasury bills were flat. Three-month nickel gained.");
  EXPECT_FALSE(has(e, "HBC")) << ::testing::PrintToString(e);
  EXPECT_FALSE(has(e, "US10YT"));
  EXPECT_FALSE(has(e, "CALM3"));
  EXPECT_FALSE(has(e, "FRNW00000PUS"));
  EXPECT_TRUE(has(e, "Calder Metals Exchange")) << "the name without the code after it";
  EXPECT_FALSE(has(e, "Long-dated Brenmoor Treasury"));
  EXPECT_TRUE(has(e, "Brenmoor Treasury")) << "the name without the compound adjective before it";
  // Capitals after the hyphen belong to a name; a short capital code is a name.
  auto n = entities_of("Output at Rolls-Royce fell, miner Quarrow-Dale said, and refiner 3M Materials Fund agreed.");
  EXPECT_TRUE(has(n, "Quarrow-Dale")) << ::testing::PrintToString(n);
  EXPECT_TRUE(has(n, "3M Materials Fund"));
}

TEST(Entities, TheOrganisationsMentionedArePeopleFreeAndCountedByTheirName) {
  text::Document d;
  d.text = "Lynas Rare Earths raised prices. Lynas said demand was firm, according to Maria Okafor, an analyst at "
           "Quillfort. Further, the Strategic Minerals Fund lent to Lynas. Among the buyers was Hong Kong's Tesselon.";
  auto s = analyzer().new_scratch();
  auto a = analyzer().analyze(d, s);
  const auto& o = a.mentions.organisations;
  EXPECT_EQ(o.count("Maria Okafor"), 0u) << ::testing::PrintToString(o);
  EXPECT_EQ(o.count("Further"), 0u);
  EXPECT_EQ(o.count("Among"), 0u);
  EXPECT_EQ(o.count("Hong Kong"), 0u);
  ASSERT_EQ(o.count("Lynas Rare Earths"), 1u);
  EXPECT_EQ(o.at("Lynas Rare Earths"), 3) << "the full name once and the short name twice";
  EXPECT_EQ(o.count("Quillfort"), 1u);
  EXPECT_EQ(o.count("Strategic Minerals Fund"), 1u);
  for (const auto& [name, n] : o) EXPECT_TRUE(has(a.entities, name)) << name << " is counted but is not an entity";
}

}  // namespace
}  // namespace assay::analysis
