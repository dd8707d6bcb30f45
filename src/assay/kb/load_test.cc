// Loading the knowledge base (load.cc): each table's rows, the checks across
// tables, and errors that name the file, the line, the column and the field
// of every bad row, reported all at once in file order.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "assay/kb/kb.h"

namespace assay::kb {
namespace {
// ------------------------------------------------------------ malformed input

constexpr const char* kFacilityHeader =
    "id,site,name,company,country,location,stage,products,elements,capacity,capacity_unit,output,output_year,"
    "status,status_year,feed,deposit,controlling_country,technology_origin,note,source,confidence\n";

constexpr const char* kBalanceHeader = "id,kind,stage,facility,year,value,unit,basis,note,source,confidence\n";
constexpr const char* kPublishedHeader = "id,period,measure,scope,value,unit,band,note,source,confidence\n";
constexpr const char* kEstimatesHeader = "id,country,year,measure,value,unit,definition,publisher,note,source,confidence\n";
constexpr const char* kSharesHeader =
    "id,country,stage,measure,year,value,low,high,rank,scope,kind,note,source,confidence\n";

// A small valid knowledge base; tests replace one file to break it.
constexpr std::string_view kTradeHeader = "exporter,product,period,partner,value,unit,basis,note,source,confidence\n";
constexpr std::string_view kDemandHeader = "region,year,measure,value,unit,basis,note,source,confidence\n";

std::map<std::string, std::string, std::less<>> tiny_kb() {
  std::map<std::string, std::string, std::less<>> f;
  f["kb/countries.csv"] =
      "country,iso3,year,measure,value,unit,edition,note,source,confidence\n"
      "China,CHN,2024,mine_production,270000,t REO,USGS MCS 2025,,MCS 2025 table,primary\n"
      "China,CHN,2024,mine_production,270000,t REO,USGS MCS 2026,,MCS 2026 table,primary\n"
      "Australia,AUS,2024,mine_production,13000,t REO,USGS MCS 2025,,MCS 2025 table,primary\n"
      "Australia,AUS,2024,mine_production,29000,t REO,USGS MCS 2026,revised,MCS 2026 table,primary\n"
      "Australia,AUS,2025,reserves,,t REO,USGS MCS 2026,NA,MCS 2026 table,primary\n";
  f["kb/deposits.csv"] =
      "id,name,country,ore_type,La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y,nd_pr,proxy,source,confidence\n"
      "mono,Monazite,Australia,monazite,25,50,5,15,5,,,,,,,,,,,20,,lit,estimate\n"
      "rich,NdPr-rich,Australia,monazite,,,,,,,,,,,,,,,,40,mono,co site,secondary\n";
  f["kb/companies.csv"] =
      "id,name,aliases,tickers,country,state_owned,parent,source,confidence\n"
      "lynas,Lynas Rare Earths,Lynas;Lynas Malaysia,ASX:LYC,Australia,no,,annual report,primary\n"
      "mine-co,Mine Co,,,Australia,partial,lynas,registry,secondary\n";
  f["kb/facilities.csv"] = std::string(kFacilityHeader) +
      "mine,,Mine,mine-co,Australia,WA,mining,ore,,1000,t REO,,,operating,2024,,mono,Australia,,,s,primary\n"
      "sep,,Separator,lynas,Malaysia,Pahang,separation,oxides,light,500,t NdPr oxide,400,2025,operating,2024,mine,,Australia,Australia,,s,secondary\n"
      "mag,,Magnets,lynas,Malaysia,Pahang,magnet,NdFeB,,,t magnet,,,planned,2026,sep,,,,,s,estimate\n";
  f["kb/policies.csv"] =
      "id,country,type,elements,stages,destinations,announced,effective,ends,status,related,scope,source,confidence\n"
      "p1,China,export_control,Sm;Gd;Tb;Dy;Lu;Sc;Y,separation;metal_alloy;magnet,all,2025-04-04,2025-04-04,,in_force,,seven elements,MOFCOM No. 18,primary\n"
      "p2,China,suspension,all,all,United States;Japan,2025-11-07,,2026-11-10,in_force,p1,suspends,MOFCOM No. 70,primary\n";
  f["kb/prices.csv"] =
      "product,elements,form,basis,date,period,value,unit,note,source,confidence\n"
      "NdPr oxide,Nd;Pr,oxide,FOB China,2025,annual average,69,USD/kg,,USGS,primary\n";
  f["kb/magnets.csv"] =
      "grade,name,element,wt_pct,kg_metal_per_t,kg_oxide_per_t,market_share,source,confidence\n"
      "std,Standard,Nd,23.25,232.5,271.2,0.6,lit,estimate\n"
      "std,Standard,Pr,7.75,77.5,93.6,0.6,lit,estimate\n";
  f["kb/outlets.csv"] =
      "id,name,aliases,country,type,basis,source,confidence\n"
      "reuters,Reuters,reuters.com,United Kingdom,wire,agency,about page,secondary\n";
  f["kb/risks.csv"] =
      "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n"
      "r1,status,planned,delay,0.8,1,history,assumption,estimate\n"
      "r2,country,Myanmar,outage,0.3,0.6,conflict,assumption,estimate\n";
  f["kb/balance.csv"] = std::string(kBalanceHeader) +
      "rec-sep,recovery,separation,,,0.95,fraction,assumed,,assumption,estimate\n"
      "rec-crack,recovery,cracking_leaching,,2025,0.9,fraction,sourced,,company report,secondary\n";
  f["kb/published.csv"] = std::string(kPublishedHeader) +
      "share-2025,2025,china_share,separation,91,%,3,,IEA 2025,secondary\n"
      "exports-2025-05,2025-05,magnet_exports,China,1238,t magnet,,,GAC,secondary\n";
  f["kb/trade.csv"] = std::string(kTradeHeader) +
      "China,magnet,2025-05,World,1238,t magnet,sourced,,GAC via WSJ,secondary\n";
  f["kb/demand.csv"] = std::string(kDemandHeader) +
      "Outside China,2024,direct_use,80000,t magnet,derived,,review,estimate\n"
      "European Union,2024,import_share,0.4,share,assumed,,GAC,estimate\n"
      "Other,2024,import_share,0.6,share,assumed,,rest,estimate\n";
  f["kb/estimates.csv"] = std::string(kEstimatesHeader) +
      "my-res,Malaysia,2023,resources,16100000,t REE,national resource survey,JMG,,minister in parliament,secondary\n";
  f["kb/shares.csv"] = std::string(kSharesHeader) +
      "sep-2024,China,separation,output,2024,91,90,92,1,world,reported,,IEA 2025,secondary\n"
      "sep-range,China,separation,output,2024,,86,92,,world,range,,IEA; WoodMac,secondary\n"
      "mine-2023,China,mining,output,2023,62,,,,world,reported,,IEA 2024,secondary\n";
  return f;
}

std::vector<std::string> messages(const LoadOutcome& o) {
  std::vector<std::string> v;
  for (const auto& e : o.errors) v.push_back(e.to_string());
  return v;
}

TEST(KbLoad, TinyKbLoadsAndLinks) {
  auto o = load_texts(tiny_kb());
  ASSERT_TRUE(o.ok()) << messages(o)[0];
  const Kb& kb = o.kb;
  EXPECT_EQ(kb.summary(), "countries=5 deposits=2 companies=2 facilities=3 policies=2 prices=1 magnets=1 outlets=1 risks=2 balance=2 published=2 trade=1 demand=3 estimates=1 shares=3");
  const Facility* sep = kb.find_facility("sep");
  ASSERT_NE(sep, nullptr);
  EXPECT_EQ(sep->stage, Stage::kSeparation);
  EXPECT_EQ(sep->capacity_unit, CapacityUnit::kTNdPrOxide);
  EXPECT_EQ(*sep->capacity, 500);
  EXPECT_EQ(*sep->output, 400);
  EXPECT_EQ(sep->elements, ElementSet::light());
  EXPECT_EQ(sep->feed, (std::vector<std::string>{"mine"}));
  EXPECT_EQ(sep->line, 3);
  // Empty capacity is unknown, not zero.
  EXPECT_FALSE(kb.find_facility("mag")->capacity.has_value());
  EXPECT_EQ(kb.find_facility("mine")->site, "mine");
  // Policies: element sets, stage sets, destinations.
  const Policy* p1 = kb.find_policy("p1");
  EXPECT_TRUE(p1->elements.has(Element::kDy));
  EXPECT_FALSE(p1->elements.has(Element::kNd));
  EXPECT_TRUE(p1->stages.has(Stage::kMagnet));
  EXPECT_FALSE(p1->stages.has(Stage::kMining));
  EXPECT_TRUE(p1->destinations.empty());
  EXPECT_EQ(kb.find_policy("p2")->destinations.size(), 2u);
  // Magnet grade rows are gathered.
  const MagnetGrade* g = kb.find_magnet_grade("std");
  ASSERT_NE(g, nullptr);
  EXPECT_DOUBLE_EQ(g->kg_metal_per_t[static_cast<int>(Element::kNd)], 232.5);
  EXPECT_DOUBLE_EQ(*g->market_share, 0.6);
  // Newest edition wins.
  EXPECT_EQ(*kb.country_figure("Australia", FigureMeasure::kMineProduction, 2024)->value, 29000);
  EXPECT_EQ(kb.country_figure("Australia", FigureMeasure::kReserves, 0), nullptr);  // NA
}

TEST(KbLoad, DepositSharesNormalizeAndScaleTheProxy) {
  auto o = load_texts(tiny_kb());
  ASSERT_TRUE(o.ok());
  const Deposit* mono = o.kb.find_deposit("mono");
  const Deposit* rich = o.kb.find_deposit("rich");
  double sum = 0, rsum = 0;
  for (int i = 0; i < kDistributionElementCount; ++i) {
    sum += mono->share[i];
    rsum += rich->share[i];
  }
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_NEAR(rsum, 1.0, 1e-12);
  EXPECT_NEAR(mono->share[static_cast<int>(Element::kCe)], 0.5, 1e-12);
  // rich: NdPr 40% split as in the proxy (5:15), the rest (60%) shaped like La:Ce:Sm 25:50:5.
  EXPECT_NEAR(rich->share[static_cast<int>(Element::kPr)], 0.10, 1e-12);
  EXPECT_NEAR(rich->share[static_cast<int>(Element::kNd)], 0.30, 1e-12);
  EXPECT_NEAR(rich->share[static_cast<int>(Element::kCe)], 0.60 * 50 / 80, 1e-12);
}

TEST(KbLoad, AliasIndexIsCaseAndPunctuationInsensitive) {
  auto o = load_texts(tiny_kb());
  ASSERT_TRUE(o.ok());
  const Kb& kb = o.kb;
  auto lyc = kb.aliases.find("LYC");
  ASSERT_EQ(lyc.size(), 1u);
  EXPECT_EQ(lyc[0].kind, EntityKind::kCompany);
  EXPECT_EQ(kb.companies[lyc[0].index].id, "lynas");
  EXPECT_EQ(kb.aliases.find("asx:lyc"), lyc);
  EXPECT_EQ(kb.aliases.find("  lynas   RARE-earths "), lyc);
  EXPECT_EQ(kb.aliases.find("lynas malaysia"), lyc);
  auto r = kb.aliases.find("REUTERS.COM");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, EntityKind::kOutlet);
  auto sep = kb.aliases.find("separator");
  ASSERT_EQ(sep.size(), 1u);
  EXPECT_EQ(sep[0].kind, EntityKind::kFacility);
  EXPECT_TRUE(kb.aliases.find("nobody").empty());
}


LoadOutcome with_facilities(const std::string& rows) {
  auto f = tiny_kb();
  f["kb/facilities.csv"] = std::string(kFacilityHeader) + rows;
  return load_texts(f);
}

TEST(KbLoad, MalformedRowNamesFileAndLine) {
  auto o = with_facilities("mine,,Mine,mine-co,Australia,WA,mining,ore,,1000,t REO,,,operating,2024,,mono,Australia,,,s,primary,EXTRA\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{"data/kb/facilities.csv:2:1: row has 23 fields, the header has 22"}));
}

TEST(KbLoad, UnknownUnit) {
  auto o = with_facilities("mine,,Mine,mine-co,Australia,WA,mining,ore,,1000,t bananas,,,operating,2024,,mono,,,,s,primary\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/facilities.csv:2:50: capacity_unit: unknown unit 't bananas' (expected t REO|t "
                             "concentrate|t NdPr oxide|t separated oxides|t heavy oxides|t metal|t alloy|t magnet|t feed)"}));
}

TEST(KbLoad, NegativeCapacity) {
  auto o = with_facilities("mine,,Mine,mine-co,Australia,WA,mining,ore,,-5,t REO,,,operating,2024,,mono,,,,s,primary\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/facilities.csv:2:45: capacity: negative value -5 (must be >= 0)"}));
}

TEST(KbLoad, UnknownFeedId) {
  auto o = with_facilities(
      "mine,,Mine,mine-co,Australia,WA,mining,ore,,1000,t REO,,,operating,2024,,mono,,,,s,primary\n"
      "sep,,Sep,lynas,Malaysia,P,separation,ox,,500,t REO,,,operating,2024,mine;nowhere,,,,,s,primary\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/facilities.csv:3:69: feed: unknown facility id 'nowhere' in feed"}));
}

TEST(KbLoad, FeedCycle) {
  auto o = with_facilities(
      "a,,A,lynas,Malaysia,P,separation,ox,,1,t REO,,,operating,2024,c,,,,,s,primary\n"
      "b,,B,lynas,Malaysia,P,metal_alloy,m,,1,t metal,,,operating,2024,a,,,,,s,primary\n"
      "c,,C,lynas,Malaysia,P,magnet,mag,,1,t magnet,,,operating,2024,b,,,,,s,primary\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/facilities.csv:2:63: feed: feed cycle: a <- c <- b <- a"}));
}

TEST(KbLoad, EveryErrorIsReportedAtOnceInFileOrder) {
  auto f = tiny_kb();
  f["kb/facilities.csv"] = std::string(kFacilityHeader) +
      "mine,,Mine,mine-co,Atlantis,WA,mining,ore,,1000,t REO,,,operating,2024,,mono,,,,s,primary\n"
      "Bad Id,,X,nobody,Malaysia,P,smelting,ox,,x,t REO,,,running,2024,,,,,,,certain\n"
      "m2,,M2,lynas,Malaysia,P,magnet,mag,,5,t REO,,,operating,2024,,,,,,s,primary\n"
      "m3,,M3,lynas,Malaysia,P,mining,ore,,5,t REO,,,operating,2024,,,,,,s,primary\n";
  f["kb/risks.csv"] =
      "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n"
      "r1,status,running,delay,1.5,1,history,assumption,estimate\n";
  f.erase("kb/outlets.csv");
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/facilities.csv:2:20: country: unknown country 'Atlantis' (use the English short name, e.g. 'United States')",
      "data/kb/facilities.csv:3:1: id: bad id 'Bad Id' (use lower-case letters, digits and '-')",
      "data/kb/facilities.csv:3:29: stage: unknown stage 'smelting' (expected mining|concentration|cracking_leaching|separation|metal_alloy|magnet|recycling)",
      "data/kb/facilities.csv:3:42: capacity: not a number: 'x'",
      "data/kb/facilities.csv:3:52: status: unknown status 'running' (expected operating|commissioning|construction|planned|suspended|closed)",
      "data/kb/facilities.csv:3:70: source: required value is empty",
      "data/kb/facilities.csv:3:71: confidence: unknown confidence 'certain' (expected primary|secondary|estimate)",
      "data/kb/facilities.csv:4:39: capacity_unit: unit 't REO' does not fit stage 'magnet'",
      "data/kb/facilities.csv:5:63: deposit: a mine needs a deposit id (deposits.csv)",
      "data/kb/outlets.csv: no such data file",
      "data/kb/risks.csv:2:11: key: unknown status 'running' (expected operating|commissioning|construction|planned|suspended|closed)",
      "data/kb/risks.csv:2:25: probability: value 1.5 out of range [0, 1]",
  }));
}

TEST(KbLoad, ABadRowIsReportedOnceNotAgainWhereItIsReferenced) {
  auto o = with_facilities(
      "mine,,Mine,mine-co,Australia,WA,mining,ore,,-1,t REO,,,operating,2024,,mono,,,,s,primary\n"
      "sep,,Sep,lynas,Malaysia,P,separation,ox,,500,t REO,,,operating,2024,mine,,,,,s,primary\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{"data/kb/facilities.csv:2:45: capacity: negative value -1 (must be >= 0)"}));
}

TEST(KbValidate, InMemoryKbCycleAndUnknownReferences) {
  Kb kb;
  Company c;
  c.id = "co";
  kb.companies.push_back(c);
  auto fac = [&](std::string id, std::vector<std::string> feed, std::int64_t line) {
    Facility f;
    f.id = std::move(id);
    f.company = "co";
    f.feed = std::move(feed);
    f.line = line;
    kb.facilities.push_back(f);
  };
  fac("x", {"y"}, 2);
  fac("y", {"x"}, 3);
  kb.reindex();
  auto errors = validate(kb, "synthetic/");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(), "synthetic/kb/facilities.csv:2: feed: feed cycle: x <- y <- x");
  kb.facilities[1].feed = {"nowhere"};
  kb.facilities[1].company = "ghost";
  kb.reindex();
  errors = validate(kb);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].to_string(), "data/kb/facilities.csv:3: company: unknown company id 'ghost'");
  EXPECT_EQ(errors[1].to_string(), "data/kb/facilities.csv:3: feed: unknown facility id 'nowhere' in feed");
}

TEST(KbLoad, ResultCarriesTheFirstErrorAndTheCount) {
  std::string dir = ::testing::TempDir() + "kb_result_test";
  std::filesystem::create_directories(dir + "/kb");
  {
    std::ofstream f(dir + "/kb/risks.csv");
    f << "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n"
         "r1,status,planned,delay,2,1,b,s,estimate\n"
         "r2,status,planned,delay,0.5,-1,b,s,estimate\n";
  }
  auto r = load(*base::open_data(dir).value());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().to_string(),
            dir + "/kb/risks.csv:2:25: probability: value 2 out of range [0, 1] (and 1 more error)");
  std::filesystem::remove_all(dir);
}

TEST(KbLoad, DuplicateFiguresAndIds) {
  auto f = tiny_kb();
  f["kb/countries.csv"] +=
      "China,CHN,2024,mine_production,270001,t REO,USGS MCS 2026,,MCS 2026 table,primary\n";
  f["kb/outlets.csv"] += "reuters,Reuters again,,United Kingdom,wire,agency,about,secondary\n";
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/countries.csv:7:45: edition: same country, year, measure and edition as line 3",
      "data/kb/outlets.csv:3:1: id: duplicate id 'reuters' (first on line 2)",
  }));
}

TEST(KbLoad, HeaderProblems) {
  auto f = tiny_kb();
  f["kb/outlets.csv"] = "id,name,name,aliases,country,kind,basis,source,confidence\n";
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/outlets.csv:1:1: type: missing column",
      "data/kb/outlets.csv:1:9: name: duplicate column",
      "data/kb/outlets.csv:1:30: kind: unknown column (expected: id,name,aliases,country,type,basis,source,confidence)",
  }));
}

TEST(KbLoad, CrossFileReferences) {
  auto f = tiny_kb();
  f["kb/companies.csv"] =
      "id,name,aliases,tickers,country,state_owned,parent,source,confidence\n"
      "lynas,Lynas Rare Earths,,,Australia,no,ghost,annual report,primary\n"
      "mine-co,Mine Co,,,Australia,maybe,lynas,registry,secondary\n";
  f["kb/policies.csv"] =
      "id,country,type,elements,stages,destinations,announced,effective,ends,status,related,scope,source,confidence\n"
      "p1,China,export_control,Sm;Xx,separation,all,2025-13-04,,,in_force,p9,x,s,primary\n";
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/companies.csv:2:40: parent: unknown company id 'ghost'",
      "data/kb/companies.csv:3:29: state_owned: unknown state_owned 'maybe' (expected yes|partial|no)",
      "data/kb/policies.csv:2:25: elements: bad element list 'Sm;Xx'",
      "data/kb/policies.csv:2:46: announced: bad date '2025-13-04' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
  }));
}

// ------------------------------------------------------------ mass balance

TEST(KbCheck, MineOutputAboveTheCountryTotalIsAnError) {
  // Australia 2024: 29,000 t REO (MCS 2026, the larger of the two editions).
  const char* second = "mine2,,Mine 2,mine-co,Australia,WA,mining,ore,,20000,t REO,12000,2024,operating,2024,,mono,,,,s,primary\n";
  auto ok = with_facilities(
      std::string("mine,,Mine,mine-co,Australia,WA,mining,ore,,20000,t REO,17000,2024,operating,2024,,mono,Australia,,,s,primary\n") +
      second);
  EXPECT_TRUE(ok.ok()) << messages(ok).front();
  auto over = with_facilities(
      std::string("mine,,Mine,mine-co,Australia,WA,mining,ore,,20000,t REO,18000,2024,operating,2024,,mono,Australia,,,s,primary\n") +
      second);
  EXPECT_EQ(messages(over), (std::vector<std::string>{
                                "data/kb/facilities.csv:3:60: output: mines in Australia report 30000 t REO of output for 2024 "
                                "(mine, mine2), more than the country's mine production of 29000 t REO in countries.csv",
                            }));
  // A year the country table does not give is not checked.
  auto other_year = with_facilities(
      "mine,,Mine,mine-co,Australia,WA,mining,ore,,90000,t REO,90000,2023,operating,2024,,mono,Australia,,,s,primary\n");
  EXPECT_TRUE(other_year.ok());
}

TEST(KbCheck, StockpilesBalanceAgainstWhatTheFacilityMade) {
  auto files = tiny_kb();
  // sep made 400 t NdPr oxide in 2025: a 500 t stockpile is more than the flow into it.
  files["kb/balance.csv"] = std::string(kBalanceHeader) +
      "sep-stock,stockpile,separation,sep,2025,500,t NdPr oxide,sourced,,company report,secondary\n"
      "wrong-unit,stockpile,separation,sep,2025,50,t REO,derived,,company report,secondary\n"
      "wrong-stage,stockpile,mining,sep,2025,50,t REO,derived,,company report,secondary\n"
      "ghost,stockpile,separation,ghost,2025,50,t REO,derived,,company report,secondary\n"
      "magnet-rec,recovery,magnet,,,0.9,fraction,assumed,,assumption,estimate\n"
      "zero,recovery,separation,,,0,fraction,assumed,,assumption,estimate\n";
  auto o = load_texts(files);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/balance.csv:2:41: value: mass balance: stockpile of 500 t NdPr oxide is more than sep made in "
                             "2025 (400 t NdPr oxide, facilities.csv line 3)",
                             "data/kb/balance.csv:3:45: unit: unit 't REO' is not sep's unit 't NdPr oxide' (no conversion is given)",
                             "data/kb/balance.csv:4:23: stage: facility sep is a separation row, not mining",
                             "data/kb/balance.csv:5:28: facility: unknown facility id 'ghost'",
                             "data/kb/balance.csv:6:21: stage: a recovery applies to concentration, cracking_leaching or separation "
                             "(the stages that process mixed REO), not magnet",
                             "data/kb/balance.csv:7:28: value: a recovery of 0 would lose the whole flow (must be > 0)",
                         }));
}

TEST(KbCheck, UnitsAlongTheChain) {
  // A magnet plant cannot take mixed REO from a mine; a separation line
  // cannot take magnets.
  auto o = with_facilities(
      "mine,,Mine,mine-co,Australia,WA,mining,ore,,1000,t REO,,,operating,2024,,mono,Australia,,,s,primary\n"
      "sep,,Separator,lynas,Malaysia,Pahang,separation,oxides,light,500,t NdPr oxide,400,2025,operating,2024,mag,,Australia,Australia,,s,secondary\n"
      "mag,,Magnets,lynas,Malaysia,Pahang,magnet,NdFeB,,,t magnet,,,planned,2026,mine,,,,,s,estimate\n");
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/facilities.csv:3:103: feed: units along the chain: mag (magnet) makes magnets (t magnet), "
                             "which a separation plant does not take",
                             "data/kb/facilities.csv:4:75: feed: units along the chain: mine (mining) makes mixed REO (t REO), "
                             "which a magnet plant does not take",
                         }));
}

TEST(KbLoadTables, PublishedFiguresCheckScopeUnitAndPeriod) {
  auto files = tiny_kb();
  files["kb/published.csv"] = std::string(kPublishedHeader) +
      "a,2025,china_share,smelting,91,%,3,,IEA,secondary\n"
      "b,2025,china_share,magnet,94,t magnet,3,,IEA,secondary\n"
      "c,2025-05-01,magnet_exports,China,1238,t magnet,,,GAC,secondary\n"
      "d,2025,magnet_output,World,250000,t magnet,10,,SMM,secondary\n";
  auto o = load_texts(files);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
                             "data/kb/published.csv:2:20: scope: unknown stage 'smelting' (china_share is per stage)",
                             "data/kb/published.csv:3:30: unit: unit 't magnet' (china_share is in %)",
                             "data/kb/published.csv:4:3: period: period '2025-05-01' is a day (expected YYYY or YYYY-MM)",
                         }));
  ASSERT_EQ(o.kb.published.size(), 1u);
  EXPECT_EQ(o.kb.published[0].year, 2025);
  EXPECT_EQ(*o.kb.published[0].band, 10);
}

// ------------------------------------------------------------ one bad row per table

TEST(KbLoadTables, CountriesCheckIso3AndUnit) {
  auto f = tiny_kb();
  f["kb/countries.csv"] =
      "country,iso3,year,measure,value,unit,edition,note,source,confidence\n"
      "China,CHX,2024,mine_production,270000,t REO,USGS MCS 2025,,MCS 2025 table,primary\n"
      "Australia,AUS,2024,magnet_output,13000,t REO,USGS MCS 2025,,MCS 2025 table,primary\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/countries.csv:2:7: iso3: iso3 'CHX' does not match country 'China' (CHN)",
      "data/kb/countries.csv:3:40: unit: unknown unit 't REO' (expected t magnet for magnet_output)",
  }));
}

TEST(KbLoadTables, DepositsCheckTheirShares) {
  auto f = tiny_kb();
  f["kb/deposits.csv"] =
      "id,name,country,ore_type,La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y,nd_pr,proxy,source,confidence\n"
      "mono,Monazite,Australia,monazite,60,50,5,15,5,,,,,,,,,,,20,,lit,estimate\n"
      "bare,Bare,Australia,monazite,,,,,,,,,,,,,,,,,,lit,estimate\n";
  auto msgs = messages(load_texts(f));
  ASSERT_GE(msgs.size(), 2u);
  EXPECT_EQ(msgs[0], "data/kb/deposits.csv:2:34: La: element shares sum to 135.00% (more than 105%)");
  EXPECT_EQ(msgs[1], "data/kb/deposits.csv:3:45: nd_pr: no element shares, no nd_pr and no proxy: give at least one");
}

TEST(KbLoadTables, PricesCheckFormAndUnit) {
  auto f = tiny_kb();
  f["kb/prices.csv"] =
      "product,elements,form,basis,date,period,value,unit,note,source,confidence\n"
      "NdPr oxide,Nd;Pr,powder,FOB China,2025,annual average,69,USD/lb,,USGS,primary\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/prices.csv:2:18: form: unknown form 'powder' (expected oxide|metal|alloy|magnet|carbonate|concentrate)",
      "data/kb/prices.csv:2:58: unit: unknown unit 'USD/lb' (expected USD/kg, CNY/kg or EUR/kg)",
  }));
}

TEST(KbLoadTables, MagnetsCheckMassesAgainstEachOther) {
  auto f = tiny_kb();
  f["kb/magnets.csv"] =
      "grade,name,element,wt_pct,kg_metal_per_t,kg_oxide_per_t,market_share,source,confidence\n"
      "std,Standard,Nd,23.25,300,271.2,0.6,lit,estimate\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/magnets.csv:2:23: kg_metal_per_t: 300 kg/t disagrees with wt_pct 23.25 (= 232.5 kg/t)",
      "data/kb/magnets.csv:2:27: kg_oxide_per_t: oxide mass is less than metal mass",
  }));
}

TEST(KbLoadTables, OutletsAndRisksCheckTheirKinds) {
  auto f = tiny_kb();
  f["kb/outlets.csv"] =
      "id,name,aliases,country,type,basis,source,confidence\n"
      "reuters,Reuters,reuters.com,United Kingdom,podcast,agency,about page,secondary\n";
  f["kb/risks.csv"] =
      "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n"
      "r1,status,dormant,delay,0.8,1,history,assumption,estimate\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/outlets.csv:2:44: type: unknown outlet type 'podcast' (expected "
      "wire|trade|state|newsletter|blog|newspaper|broadcaster|magazine)",
      "data/kb/risks.csv:2:11: key: unknown status 'dormant' (expected "
      "operating|commissioning|construction|planned|suspended|closed)",
  }));
}

TEST(KbLoadTables, TradeChecksCountriesProductsUnitsAndPeriods) {
  auto f = tiny_kb();
  f["kb/trade.csv"] = std::string(kTradeHeader) +
      "Chinaa,magnet,2025-05,World,1238,t magnet,sourced,,GAC,secondary\n"
      "China,magnets,2025-05,World,1238,t magnet,sourced,,GAC,secondary\n"
      "China,magnet,2025-13,World,1238,t magnet,sourced,,GAC,secondary\n"
      "China,magnet,2025Q5,Atlantis,1238,t magnet,sourced,,GAC,secondary\n"
      "China,rare_earths,2024,World,55431,t magnet,sourced,,GAC,secondary\n"
      "China,magnet,2024,World,-3,t magnet,guessed,,,secondary\n"
      "China,magnet,2025-06,World,3188,t magnet,sourced,,GAC,secondary\n"
      "China,magnet,2025-06,World,3190,t magnet,sourced,,GAC again,secondary\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/trade.csv:2:1: exporter: unknown country 'Chinaa' (use the English short name, e.g. 'United States')",
      "data/kb/trade.csv:3:7: product: unknown product 'magnets' (expected magnet|rare_earths)",
      "data/kb/trade.csv:4:14: period: bad period '2025-13' (expected YYYY, YYYYQn or YYYY-MM)",
      "data/kb/trade.csv:5:14: period: bad period '2025Q5' (expected YYYY, YYYYQn or YYYY-MM)",
      "data/kb/trade.csv:5:21: partner: unknown country 'Atlantis' (use the English short name, e.g. 'United States')",
      "data/kb/trade.csv:6:36: unit: unit 't magnet' (rare_earths is counted in t product)",
      "data/kb/trade.csv:7:25: value: negative value -3 (must be >= 0)",
      "data/kb/trade.csv:7:37: basis: unknown basis 'guessed' (expected sourced|assumed|derived)",
      "data/kb/trade.csv:7:46: source: required value is empty",
      "data/kb/trade.csv:9:14: period: same exporter, product, period and partner as line 8",
  }));
}

TEST(KbLoadTables, DemandChecksRegionsUnitsAndShares) {
  auto f = tiny_kb();
  f["kb/demand.csv"] = std::string(kDemandHeader) +
      "Outside Chna,2024,direct_use,80000,t magnet,derived,,review,estimate\n"
      "Outside China,2024,direct_use,80000,share,derived,,review,estimate\n"
      "European Union,2024,imports,0.4,share,assumed,,GAC,estimate\n"
      "European Union,2024,import_share,1.4,share,assumed,,GAC,estimate\n"
      "Japan,2024,import_share,0.5,share,assumed,,GAC,estimate\n"
      "Other,2024,import_share,0.3,share,assumed,,rest,\n"
      "Other,24,import_share,0.3,share,assumed,,rest,estimate\n"
      "United States,2023,import_share,0.9,share,assumed,,GAC,estimate\n";
  EXPECT_EQ(messages(load_texts(f)), (std::vector<std::string>{
      "data/kb/demand.csv:2:1: region: unknown region 'Outside Chna' (a country, 'European Union' or 'Outside China')",
      "data/kb/demand.csv:3:37: unit: unit 'share' (direct_use is in t magnet)",
      "data/kb/demand.csv:4:21: measure: unknown measure 'imports' (expected direct_use|import_share)",
      "data/kb/demand.csv:5:34: value: value 1.4 out of range [0, 1]",
      "data/kb/demand.csv:6:25: value: the import shares of 2024 add up to 0.5, not 1",
      "data/kb/demand.csv:7:49: confidence: required confidence is empty (expected primary|secondary|estimate)",
      "data/kb/demand.csv:8:7: year: value 24 out of range [1990, 2100]",
      "data/kb/demand.csv:9:33: value: the import shares of 2023 add up to 0.9, not 1",
  }));
}

TEST(KbLoadTables, TradeAndDemandMayBeAbsent) {
  auto f = tiny_kb();
  f.erase("kb/trade.csv");
  f.erase("kb/demand.csv");
  auto o = load_texts(f);
  ASSERT_TRUE(o.ok()) << messages(o)[0];
  EXPECT_TRUE(o.kb.trade.empty());
  EXPECT_TRUE(o.kb.demand.empty());
}

TEST(KbLoadTables, EstimatesAreTypedAndFoundByCountry) {
  auto o = load_texts(tiny_kb());
  ASSERT_TRUE(o.ok()) << ::testing::PrintToString(messages(o));
  auto mys = o.kb.estimates_for("Malaysia");
  ASSERT_EQ(mys.size(), 1u);
  EXPECT_EQ(mys[0]->measure, EstimateMeasure::kResources);
  EXPECT_EQ(mys[0]->value, 16100000);
  EXPECT_EQ(mys[0]->unit, "t REE");
  EXPECT_EQ(mys[0]->publisher, "JMG");
  EXPECT_EQ(mys[0]->row(), "data/kb/estimates.csv:2");
  EXPECT_EQ(o.kb.find_estimate("my-res"), mys[0]);
  EXPECT_TRUE(o.kb.estimates_for("Vietnam").empty());
}

TEST(KbLoadTables, EstimatesCheckCountryMeasureUnitAndDefinition) {
  auto f = tiny_kb();
  f["kb/estimates.csv"] = std::string(kEstimatesHeader) +
      "a,Atlantis,2023,resources,100,t REO,survey,GS,,src,secondary\n"
      "b,India,2023,deposits,100,t REO,survey,GS,,src,secondary\n"
      "c,India,2023,resources,100,kg,survey,GS,,src,secondary\n"
      "d,India,2023,resources,100,t REO,,GS,,src,secondary\n"
      "e,India,2023,resources,0,t REO,survey,GS,,src,secondary\n"
      "f,India,2023,resources,5,t REO,survey,GS,,src,secondary\n"
      "f,India,2024,resources,5,t REO,survey,GS,,src,secondary\n";
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/estimates.csv:2:3: country: unknown country 'Atlantis' (use the English short name, e.g. 'United States')",
      "data/kb/estimates.csv:3:14: measure: unknown measure 'deposits' (expected resources|reserves)",
      "data/kb/estimates.csv:4:28: unit: unknown unit 'kg' (expected t REO|t REE|t monazite|t ore)",
      "data/kb/estimates.csv:5:34: definition: required value is empty",
      "data/kb/estimates.csv:6:24: value: an estimate of 0 says nothing (leave the row out)",
      "data/kb/estimates.csv:8:1: id: duplicate id 'f' (first on line 7)",
  }));
}

TEST(KbLoadTables, SharesAreTypedWithRangesAndRanks) {
  auto o = load_texts(tiny_kb());
  ASSERT_TRUE(o.ok()) << ::testing::PrintToString(messages(o));
  auto sep = o.kb.shares_for("China", Stage::kSeparation, ShareMeasure::kOutput, 2024);
  ASSERT_EQ(sep.size(), 2u);
  EXPECT_EQ(sep[0]->kind, ShareKind::kReported);
  EXPECT_EQ(*sep[0]->value, 91);
  EXPECT_EQ(*sep[0]->low, 90);
  EXPECT_EQ(*sep[0]->high, 92);
  EXPECT_EQ(*sep[0]->rank, 1);
  EXPECT_EQ(sep[1]->kind, ShareKind::kRange);
  EXPECT_FALSE(sep[1]->value);
  EXPECT_EQ(*sep[1]->low, 86);
  // Every year, sorted by year; other stages and measures apart.
  EXPECT_EQ(o.kb.shares_for("China", Stage::kMining, ShareMeasure::kOutput).size(), 1u);
  EXPECT_TRUE(o.kb.shares_for("China", Stage::kSeparation, ShareMeasure::kCapacity).empty());
  EXPECT_TRUE(o.kb.shares_for("China", Stage::kSeparation, ShareMeasure::kOutput, 2023).empty());
}

TEST(KbLoadTables, SharesCheckRangesValuesAndKinds) {
  auto f = tiny_kb();
  f["kb/shares.csv"] = std::string(kSharesHeader) +
      "a,China,smelting,output,2024,91,,,,world,reported,,IEA,secondary\n"
      "b,China,separation,output,2024,91,95,97,,world,reported,,IEA,secondary\n"
      "c,China,separation,output,2024,91,90,,,world,reported,,IEA,secondary\n"
      "d,China,separation,output,2024,120,,,,world,reported,,IEA,secondary\n"
      "e,China,separation,output,2024,91,86,92,,world,range,,IEA,secondary\n"
      "g,China,separation,output,2024,,,,,world,reported,,IEA,secondary\n"
      "h,China,separation,output,2024,,,,2,galaxy,reported,,IEA,secondary\n"
      "i,China,separation,output,2024,,,,2,outside_china,reported,,IEA,secondary\n";
  auto o = load_texts(f);
  EXPECT_EQ(messages(o), (std::vector<std::string>{
      "data/kb/shares.csv:2:9: stage: unknown stage 'smelting' (expected "
      "mining|concentration|cracking_leaching|separation|metal_alloy|magnet|recycling)",
      "data/kb/shares.csv:3:32: value: value 91 lies outside its range 95-97",
      "data/kb/shares.csv:4:38: high: a range needs both low and high",
      "data/kb/shares.csv:5:32: value: value 120 out of range [0, 100]",
      "data/kb/shares.csv:6:32: value: a range row gives low and high, and no value",
      "data/kb/shares.csv:7:32: value: give a value, a rank or both",
      "data/kb/shares.csv:8:37: scope: unknown scope 'galaxy' (expected world|outside_china)",
  }));
  ASSERT_EQ(o.kb.shares.size(), 1u);
  EXPECT_EQ(o.kb.shares[0].scope, ShareScope::kOutsideChina);
}

}  // namespace
}  // namespace assay::kb
