// Entities (entities.cc): the key that decides when two names are one
// entity (Analyzer::entity_keys, docs/EVALUATION.md) and the names an
// article's `entities` holds, on sentences written for these tests.
#include <gtest/gtest.h>

#include "assay/analysis/analyzer.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto r = Analyzer::create(base::EmbeddedData{}, {.models = false, .impact = false});
    EXPECT_TRUE(r.has_value());
    return *r;
  }();
  return *a;
}

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

}  // namespace
}  // namespace assay::analysis
