#include "assay/app/catalog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assay/app/chain.h"
#include "assay/base/embedded.h"
#include "assay/kb/kb.h"

namespace assay::app {
namespace {

// A small knowledge base built in memory.
kb::Kb small_kb() {
  kb::Kb k;
  kb::Company lynas;
  lynas.id = "lynas";
  lynas.name = "Lynas Rare Earths";
  lynas.country = "Australia";
  kb::Company mp;
  mp.id = "mp-materials";
  mp.name = "MP Materials";
  mp.country = "United States";
  k.companies = {lynas, mp};
  kb::Facility f;
  f.id = "lynas-kalgoorlie";
  f.name = "Kalgoorlie | plant";
  f.company = "lynas";
  f.country = "Australia";
  f.stage = kb::Stage::kCrackingLeaching;
  f.status = kb::FacilityStatus::kOperating;
  f.status_year = 2024;
  kb::Facility g = f;
  g.id = "mountain-pass";
  g.name = "Mountain Pass";
  g.company = "mp-materials";
  g.country = "United States";
  g.status_year = 0;
  k.facilities = {f, g};
  kb::CountryFigure a{.country = "China", .iso3 = "CHN", .year = 2024, .value = 270000.0};
  kb::CountryFigure b{.country = "China", .iso3 = "CHN", .year = 2025, .value = 270000.5};
  kb::CountryFigure r{.country = "China", .iso3 = "CHN", .year = 2025, .measure = kb::FigureMeasure::kReserves, .value = 44e6};
  k.countries = {b, a, r};
  return k;
}

TEST(Catalog, FacilitiesAsEveryFormat) {
  auto t = kb_table(small_kb(), "facilities");
  ASSERT_TRUE(t.has_value()) << t.error().to_string();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(render(*t, ListFormat::kTable),
            "id                name                company       country        stage              status\n"
            "lynas-kalgoorlie  Kalgoorlie | plant  lynas         Australia      cracking_leaching  operating (2024)\n"
            "mountain-pass     Mountain Pass       mp-materials  United States  cracking_leaching  operating\n");
  std::string md = render(*t, ListFormat::kMarkdown);
  EXPECT_EQ(md.substr(0, md.find("\n|---|---|---|---|---|---|\n")), "| id | name | company | country | stage | status |");
  EXPECT_NE(render(*t, ListFormat::kMarkdown).find("Kalgoorlie \\| plant"), std::string::npos);
  EXPECT_EQ(render(*t, ListFormat::kTsv).substr(0, 37), "id\tname\tcompany\tcountry\tstage\tstatus\n");
  auto j = nlohmann::json::parse(render(*t, ListFormat::kJson));
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["id"], "mountain-pass");
  EXPECT_EQ(j[0]["status"], "operating (2024)");
}

TEST(Catalog, CountriesShowTheLatestFigures) {
  auto t = kb_table(small_kb(), "countries");
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"CHN", "China", "270000.5", "2025", "44000000"}));
}

TEST(Catalog, UnknownTableAndCompanyGetSuggestions) {
  auto t = kb_table(small_kb(), "facilites");
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message().find("did you mean 'facilities'?"), std::string::npos) << t.error().message();
  auto c = kb_table(small_kb(), "facilities", "lynass");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().message(), "no company with id 'lynass'; did you mean 'lynas'?");
  auto only = kb_table(small_kb(), "facilities", "mp-materials");
  ASSERT_TRUE(only.has_value());
  ASSERT_EQ(only->rows.size(), 1u);
  EXPECT_EQ(only->rows[0][0], "mountain-pass");
}

TEST(Catalog, EveryTableOfTheShippedKbLists) {
  auto loaded = kb::load_all(base::EmbeddedData());
  ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.to_string();
  for (const auto& name : kb_table_names()) {
    auto t = kb_table(loaded.kb, name);
    ASSERT_TRUE(t.has_value()) << name;
    EXPECT_GT(t->rows.size(), 3u) << name;
    for (const auto& r : t->rows) EXPECT_EQ(r.size(), t->columns.size()) << name;
  }
}

TEST(Catalog, ShippedScenariosWithTitles) {
  auto s = scenario_catalog(base::EmbeddedData());
  ASSERT_GE(s.size(), 4u);
  auto it = std::find_if(s.begin(), s.end(), [](const auto& e) { return e.name == "myanmar-clay-halt"; });
  ASSERT_NE(it, s.end());
  EXPECT_EQ(it->title, "Every rare-earth mine in Myanmar stops for the year (factor `share_left` of capacity remains, default 0).");
  EXPECT_EQ(it->file, "data/scenarios/myanmar-clay-halt.yaml");
  Table t = scenario_table(s);
  EXPECT_EQ(t.columns, (std::vector<std::string>{"name", "title"}));
}

TEST(Catalog, EmbeddedDataVersion) {
  DataVersion v = embedded_data_version();
  EXPECT_EQ(v.hash.size(), 16u);
  EXPECT_EQ(v.hash.find_first_not_of("0123456789abcdef"), std::string::npos) << v.hash;
  EXPECT_EQ(v.hash, embedded_data_version().hash);
  EXPECT_EQ(v.files, base::embedded_files().size());
  EXPECT_GE(v.as_of_year, 2024);
}

TEST(Catalog, DidYouMean) {
  EXPECT_EQ(did_you_mean("lynas-malaysia-licence", {"lynas-malaysia-licence-loss", "myanmar-clay-halt"}),
            "; did you mean 'lynas-malaysia-licence-loss'?");
  EXPECT_EQ(did_you_mean("zzzz", {"lynas-malaysia-licence-loss"}), "");
}

}  // namespace
}  // namespace assay::app
