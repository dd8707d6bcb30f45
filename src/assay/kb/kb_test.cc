#include "assay/kb/kb.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "assay/kb/csv.h"

namespace assay::kb {
namespace {

std::string source_dir() {
  const char* d = std::getenv("ASSAY_SOURCE_DIR");
  return d ? d : ".";
}

// ------------------------------------------------------------ CSV reader

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto t = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n3,,z\r\n");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].to_string();
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t.rows[0].fields[2], "two\nlines");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[0].columns[1], 3);
  EXPECT_EQ(t.rows[0].columns[2], 14);
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(t.rows[1].fields[1], "");
  EXPECT_EQ(t.rows[1].fields[2], "z");
}

TEST(Csv, BomBlankLinesAndNoFinalNewline) {
  auto t = parse_csv("\xEF\xBB\xBFh1,h2\n\n1,2\n\n3,4");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.header[0], "h1");
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[1].line, 5);
  EXPECT_EQ(t.rows[1].fields[1], "4");
}

TEST(Csv, SyntaxErrorsAreReportedAndParsingGoesOn) {
  auto t = parse_csv("a,b\n1,x\"y\n2,\"ok\"tail\n3,4,5\n6,7\n8,\"open\n");
  ASSERT_EQ(t.errors.size(), 4u);
  EXPECT_EQ(t.errors[0].to_string(), "line 2:4: quote inside an unquoted field (quote the whole field and double the quote)");
  EXPECT_EQ(t.errors[1].to_string(), "line 3:7: unexpected text after a closing quote");
  EXPECT_EQ(t.errors[2].to_string(), "line 4:1: row has 3 fields, the header has 2");
  EXPECT_EQ(t.errors[3].to_string(), "line 6:3: unterminated quoted field");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields[0], "6");
}

TEST(Csv, EmptyInput) {
  auto t = parse_csv("");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_TRUE(t.rows.empty());
}

// ------------------------------------------------------------ the real kb

TEST(Kb, EmbeddedDataLoadsWithoutErrors) {
  base::EmbeddedData data;
  auto all = load_all(data);
  for (const auto& e : all.errors) ADD_FAILURE() << e.to_string();
  EXPECT_GE(all.kb.facilities.size(), 80u);
  EXPECT_GT(all.kb.countries.size(), 50u);
  EXPECT_GE(all.kb.outlets.size(), 20u);
  EXPECT_EQ(all.kb.magnets.size(), 3u);
}

TEST(Kb, NamesInTheSampleCritiqueResolve) {
  auto kb = load(base::EmbeddedData());
  ASSERT_TRUE(kb.has_value()) << kb.error().to_string();
  auto company = [&](std::string_view name) -> std::string {
    for (auto r : kb->aliases.find(name))
      if (r.kind == EntityKind::kCompany) return kb->companies[r.index].id;
    return "";
  };
  auto outlet = [&](std::string_view name) -> std::string {
    for (auto r : kb->aliases.find(name))
      if (r.kind == EntityKind::kOutlet) return kb->outlets[r.index].id;
    return "";
  };
  EXPECT_EQ(company("Lynas Rare Earths"), "lynas");
  EXPECT_EQ(company("USARE"), "usa-rare-earth");
  EXPECT_EQ(company("REalloys"), "realloys");
  EXPECT_EQ(company("E-VAC"), "e-vac");
  EXPECT_EQ(company("Noveon"), "noveon");
  EXPECT_EQ(company("TDK"), "tdk");
  EXPECT_EQ(company("Star Group"), "star-group");
  EXPECT_EQ(company("ASM"), "asm");
  EXPECT_EQ(company("Khazanah Nasional"), "khazanah");
  EXPECT_EQ(outlet("Reuters"), "reuters");
  EXPECT_EQ(outlet("Azernews"), "azernews");
  EXPECT_EQ(outlet("REEx"), "rare-earth-exchanges");
  // Plants the critique names, with their status.
  EXPECT_EQ(kb->find_facility("lynas-malaysia-cracking")->country, "Malaysia");
  EXPECT_EQ(kb->find_facility("lynas-seadrift")->status, FacilityStatus::kSuspended);
  EXPECT_EQ(kb->find_facility("asm-korean-metals-plant")->status, FacilityStatus::kOperating);
  EXPECT_FALSE(kb->find_facility("evac-sumter-magnet")->capacity.has_value());
  EXPECT_EQ(kb->find_facility("khazanah-china-refinery")->technology_origin, "China");
}

TEST(Kb, FacilitiesOfACompanyIncludeSubsidiaries) {
  auto kb = load(base::EmbeddedData());
  ASSERT_TRUE(kb.has_value());
  auto ids = [](const std::vector<const Facility*>& v) {
    std::vector<std::string> out;
    for (auto* f : v) out.push_back(f->id);
    return out;
  };
  auto usar = ids(kb->facilities_of("usa-rare-earth"));
  EXPECT_NE(std::find(usar.begin(), usar.end(), "usar-stillwater-magnet"), usar.end());
  EXPECT_NE(std::find(usar.begin(), usar.end(), "lcm-ellesmere-port"), usar.end());
  auto lynas = ids(kb->facilities_of("lynas"));
  EXPECT_NE(std::find(lynas.begin(), lynas.end(), "lynas-seadrift"), lynas.end());
  EXPECT_EQ(ids(kb->site_stages("mountain-pass")).size(), 5u);
  EXPECT_TRUE(kb->facilities_of("nobody").empty());
}

TEST(Kb, EveryMineHasADistributionThatSumsToOne) {
  auto kb = load(base::EmbeddedData());
  ASSERT_TRUE(kb.has_value());
  for (const auto& d : kb->deposits) {
    double sum = 0;
    for (double s : d.share) sum += s;
    EXPECT_NEAR(sum, 1.0, 1e-9) << d.id;
  }
  for (const auto& f : kb->facilities) {
    if (f.stage == Stage::kMining) {
      EXPECT_NE(kb->find_deposit(f.deposit), nullptr) << f.id;
    }
  }
}

TEST(Kb, SourceTreeDataLoadsLikeTheEmbeddedCopy) {
  auto dir = base::open_data(source_dir() + "/data").value();
  auto a = load_all(*dir);
  auto b = load_all(base::EmbeddedData());
  for (const auto& e : a.errors) ADD_FAILURE() << e.to_string();
  EXPECT_EQ(a.kb.summary(), b.kb.summary());
}

TEST(KbCountries, CanonicalNames) {
  EXPECT_EQ(canonical_country("Burma"), "Myanmar");
  EXPECT_EQ(canonical_country("U.S."), "United States");
  EXPECT_EQ(canonical_country("usa"), "United States");
  EXPECT_EQ(canonical_country("CHN"), "China");
  EXPECT_EQ(canonical_country("south korea"), "South Korea");
  EXPECT_EQ(canonical_country("Viet Nam"), "Vietnam");
  EXPECT_EQ(canonical_country("Narnia"), std::nullopt);
  EXPECT_EQ(country_iso3("Myanmar"), "MMR");
  EXPECT_EQ(country_iso3("Burma"), std::nullopt);
}

// The key of the caches kept beside a kb: every Kb its own, a new one after
// an edit (reindex), the same in a copy (the same rows), none for no kb.
TEST(Kb, SerialTellsTablesApart) {
  Kb a, b;
  EXPECT_NE(a.serial(), 0u);
  EXPECT_NE(a.serial(), b.serial());
  const auto before = a.serial();
  a.companies.push_back(Company{});
  a.reindex();
  EXPECT_NE(a.serial(), before);
  Kb copy = a;
  EXPECT_EQ(copy.serial(), a.serial());
  EXPECT_EQ(serial_of(&a), a.serial());
  EXPECT_EQ(serial_of(nullptr), 0u);
  // One freed and another made in its place: the address may be reused, the
  // serial is not.
  auto first = std::make_unique<Kb>();
  const auto first_serial = first->serial();
  first.reset();
  auto second = std::make_unique<Kb>();
  EXPECT_NE(second->serial(), first_serial);
}

}  // namespace
}  // namespace assay::kb
