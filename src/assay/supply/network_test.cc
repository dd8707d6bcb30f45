// The supply network as plain data (network.cc): lookups, feed order,
// validation, export-control scope, and the network the embedded knowledge
// base builds.
#include "assay/supply/network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

TEST(Params, RecoveryFactorsMustBeInZeroToOne) {
  auto ok = parse_params("recycling_oxide_yield: 0.3\nconcentrate_grade: 1\n", "model.yaml");
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_NEAR(ok->recycling_oxide_yield, 0.3, 1e-12);
  for (const char* bad : {"recycling_oxide_yield: 1.3\n", "alloy_re_fraction: 0\n", "\nndpr_line_la_ce_recovery: 2\n"}) {
    auto p = parse_params(bad, "model.yaml");
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().where().file, "model.yaml");
    EXPECT_GT(p.error().where().line, 0) << bad;
    EXPECT_NE(p.error().message().find("(0, 1]"), std::string::npos) << p.error().to_string();
  }
}

TEST(Network, FindsNodesById) {
  Network net = testing::tiny_network();
  EXPECT_EQ(net.find("mine-a"), 0);
  EXPECT_EQ(net.find("magnet-a"), 3);
  EXPECT_EQ(net.find("nowhere"), std::nullopt);
}

TEST(Network, TopologicalOrderPutsEveryFeedFirst) {
  Network net = testing::tiny_network();
  // Feed the metal plant from the separation line, listed after it.
  std::swap(net.nodes[1], net.nodes[2]);  // metal-a at 1, sep-a at 2
  net.nodes[1].feeds = {2};
  auto order = net.topological_order();
  ASSERT_TRUE(order) << order.error().to_string();
  ASSERT_EQ(order->size(), net.nodes.size());
  auto pos = [&](int i) { return std::find(order->begin(), order->end(), i) - order->begin(); };
  for (int i = 0; i < static_cast<int>(net.nodes.size()); ++i)
    for (int f : net.nodes[at(i)].feeds) EXPECT_LT(pos(f), pos(i)) << net.nodes[at(f)].id << " feeds " << net.nodes[at(i)].id;
}

TEST(Network, ACycleIsAnErrorNamingItsNodes) {
  Network net = testing::tiny_network();
  net.nodes[at(*net.find("sep-a"))].feeds.push_back(*net.find("metal-a"));
  net.nodes[at(*net.find("metal-a"))].feeds.push_back(*net.find("sep-a"));
  auto order = net.topological_order();
  ASSERT_FALSE(order);
  const std::string m = order.error().to_string();
  EXPECT_NE(m.find("cycle"), std::string::npos) << m;
  EXPECT_NE(m.find("sep-a"), std::string::npos) << m;
  EXPECT_NE(m.find("metal-a"), std::string::npos) << m;
}

TEST(Network, ValidateChecksIndexesCapacitiesAndShares) {
  EXPECT_TRUE(testing::tiny_network().validate());

  Network bad_feed = testing::tiny_network();
  bad_feed.nodes[1].feeds = {7};
  EXPECT_FALSE(bad_feed.validate());

  Network bad_deposit = testing::tiny_network();
  bad_deposit.nodes[0].deposit = 3;
  EXPECT_FALSE(bad_deposit.validate());

  Network negative = testing::tiny_network();
  negative.nodes[2].available = -1;
  auto s = negative.validate();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().where().field, "metal-a");

  Network shares = testing::tiny_network();
  shares.deposits[0].share[0] += 0.5;  // sums to 1.5
  EXPECT_FALSE(shares.validate());
}

TEST(Network, ExportControlAppliesToItsDestinationsOrToEveryone) {
  ExportControl everyone;
  everyone.country = "Xland";
  EXPECT_TRUE(everyone.applies_to("Aland"));
  ExportControl listed = everyone;
  listed.destinations = {"Aland", "Bland"};
  EXPECT_TRUE(listed.applies_to("Bland"));
  EXPECT_FALSE(listed.applies_to("Cland"));
}

TEST(Network, ScaledNetworkCopiesNodesAndKeepsFeedsInsideEachCopy) {
  Network net = testing::tiny_network();
  Network big = scaled_network(net, 3);
  ASSERT_EQ(big.nodes.size(), net.nodes.size() * 3);
  for (const auto& n : big.nodes)
    for (int f : n.feeds) {
      ASSERT_GE(f, 0);
      ASSERT_LT(at(f), big.nodes.size());
      // A copy's feed is the same node of the same copy: same stage upstream.
      EXPECT_EQ(big.nodes[at(f)].stage, Stage::kMining) << n.id;
    }
  EXPECT_TRUE(big.validate());
}

TEST(Network, EmbeddedKnowledgeBaseBuildsAValidNetwork) {
  base::EmbeddedData data;
  auto kb = kb::load(data);
  ASSERT_TRUE(kb) << kb.error().to_string();
  auto params = load_params(data);
  ASSERT_TRUE(params) << params.error().to_string();
  auto net = build_network(*kb, *params);
  ASSERT_TRUE(net) << net.error().to_string();
  EXPECT_TRUE(net->validate());
  for (Stage s : {Stage::kMining, Stage::kSeparation, Stage::kMetalAlloy, Stage::kMagnet})
    EXPECT_TRUE(std::any_of(net->nodes.begin(), net->nodes.end(), [&](const Node& n) { return n.stage == s; }))
        << stage_key(s);
  for (const auto& n : net->nodes) {
    EXPECT_GE(n.available, 0) << n.id;
    if (n.stage == Stage::kMining && !n.synthetic) {
      EXPECT_GE(n.deposit, 0) << n.id;
    }
  }
  EXPECT_TRUE(is_china("China"));
  EXPECT_FALSE(is_china("Malaysia"));
}

TEST(Network, ACommissioningPlantCountsFromItsFirstCommercialYear) {
  // Neo Narva made test batches from Sep 2025; commercial output from 2026.
  base::EmbeddedData data;
  auto kb = kb::load(data);
  ASSERT_TRUE(kb) << kb.error().to_string();
  auto params = load_params(data);
  ASSERT_TRUE(params) << params.error().to_string();
  ASSERT_EQ(params->as_of_year, 2025);
  auto net = build_network(*kb, *params);
  ASSERT_TRUE(net) << net.error().to_string();
  auto narva = net->find("neo-narva-magnet");
  auto mp = net->find("mp-independence-magnet");  // commissioning since 2025
  ASSERT_TRUE(narva && mp);
  EXPECT_EQ(net->nodes[at(*narva)].available, 0.0);
  EXPECT_GT(net->nodes[at(*mp)].available, 0.0);
  params->as_of_year = 2026;
  auto later = build_network(*kb, *params);
  ASSERT_TRUE(later) << later.error().to_string();
  EXPECT_DOUBLE_EQ(later->nodes[at(*narva)].available, 0.5 * later->nodes[at(*narva)].nameplate);
}


// ---- Model year: output of that year, capacity as a bound (issue 13 item 1)

struct YearFixture {
  std::shared_ptr<kb::Kb> kb;
  ModelParams params;
  static YearFixture load() {
    base::EmbeddedData data;
    auto kb = kb::load(data);
    auto params = load_params(data);
    EXPECT_TRUE(kb && params);
    return {std::make_shared<kb::Kb>(std::move(*kb)), std::move(*params)};
  }
  Network build(int year) const {
    ModelParams p = params;
    p.as_of_year = year;
    auto net = build_network(*kb, p);
    EXPECT_TRUE(net) << net.error().to_string();
    return std::move(*net);
  }
};

const Node& node(const Network& net, std::string_view id) {
  auto i = net.find(id);
  EXPECT_TRUE(i) << id;
  return net.nodes[at(*i)];
}

// t REO of a mine's bound (NdPr oxide and concentrate converted as the solver does).
double mine_reo(const Network& net, const Node& n) {
  const auto& sh = net.deposits[at(n.deposit)].share;
  if (n.unit == CapacityUnit::kTNdPrOxide) return n.available / (sh[static_cast<std::size_t>(Element::kNd)] + sh[static_cast<std::size_t>(Element::kPr)]);
  if (n.unit == CapacityUnit::kTConcentrate) return n.available * net.params.concentrate_grade;
  return n.available;
}

// China's published magnet output of the year bounds its magnet plants,
// and the unlisted metal aggregate follows it (countries.csv magnet_output:
// 240,000 t in 2023, 260,000 t in 2024, 274,040 t in 2025).
TEST(ModelYear, ChinasMagnetOutputOfTheYearBoundsItsPlants) {
  auto f = YearFixture::load();
  auto china_magnets = [](const Network& net) {
    double t = 0;
    for (const auto& n : net.nodes)
      if (n.stage == Stage::kMagnet && n.country == "China") t += n.available;
    return t;
  };
  const Network y2023 = f.build(2023), y2024 = f.build(2024), y2025 = f.build(2025);
  EXPECT_NEAR(china_magnets(y2023), 240000, 1);  // scaled down (derived)
  EXPECT_NEAR(china_magnets(y2024), 260000, 1);
  EXPECT_NEAR(china_magnets(y2025), 274040, 1);  // with a derived remainder row
  const Node& rest = node(y2025, "magnet-remainder-china");
  EXPECT_EQ(rest.basis, FigureBasis::kDerived);
  EXPECT_TRUE(rest.synthetic);
  EXPECT_FALSE(y2024.find("magnet-remainder-china"));
  // The metal aggregate moves by the metal a tonne of magnet holds.
  double per_t = 0;
  for (double x : y2025.recipe.metal_per_t) per_t += x;
  const double m2024 = node(y2024, "china-metal-unlisted").available;
  EXPECT_NEAR(node(y2023, "china-metal-unlisted").available, m2024 - 20000 * per_t, 1);
  EXPECT_GT(node(y2025, "china-metal-unlisted").available, m2024);
  // Capacities stay what could be made: scaling touches the output bound only.
  for (const auto& n : y2023.nodes)
    if (n.stage == Stage::kMagnet && n.country == "China" && !n.synthetic) {
      EXPECT_LE(n.available, n.capacity + 1e-9) << n.id;
    }
}

TEST(ModelYear, TheLatestYearWithUsgsCountryTotalsIsTheDefault) {
  auto f = YearFixture::load();
  auto years = data_years(*f.kb);
  ASSERT_FALSE(years.empty());
  EXPECT_TRUE(std::is_sorted(years.begin(), years.end()));
  EXPECT_EQ(latest_data_year(*f.kb, 1999), 2025);  // USGS MCS 2026 gives 2025
  EXPECT_NE(std::find(years.begin(), years.end(), 2023), years.end());
  kb::Kb none = *f.kb;
  none.countries.clear();
  EXPECT_TRUE(data_years(none).empty());
  EXPECT_EQ(latest_data_year(none, 1999), 1999);
}

TEST(ModelYear, OutputOfTheYearBoundsTheSolveAndCapacityStaysWhatCouldBeMade) {
  auto f = YearFixture::load();
  Network net = f.build(2025);
  // Mount Weld: 12,000 t NdPr target (capacity), 6,889 t NdPr-equivalent made in 2025 (USGS Australia).
  const Node& weld = node(net, "lynas-mt-weld-mine");
  EXPECT_EQ(weld.basis, FigureBasis::kSourced);
  EXPECT_EQ(weld.output_year, 2025);
  EXPECT_DOUBLE_EQ(weld.available, 6889);
  EXPECT_DOUBLE_EQ(weld.capacity, 12000);
  EXPECT_TRUE(weld.nameplate_published);
  // Bayan Obo's output is of 2024: carried to 2025, and said to be an assumption.
  const Node& obo = node(net, "cnre-bayan-obo-mine");
  EXPECT_EQ(obo.basis, FigureBasis::kAssumed);
  EXPECT_EQ(obo.output_year, 2024);
  EXPECT_DOUBLE_EQ(obo.available, 185000);
  EXPECT_DOUBLE_EQ(obo.capacity, 188650);
  // No capacity, an output: the output is the least it can make; its nameplate is not published.
  const Node& irel = node(net, "irel-mines");
  EXPECT_FALSE(irel.nameplate_published);
  EXPECT_DOUBLE_EQ(irel.capacity, irel.available);
  // Neither: unknown, never a silent figure.
  for (const auto& n : net.nodes) {
    if (n.synthetic) continue;
    const kb::Facility* k = f.kb->find_facility(n.id);
    ASSERT_NE(k, nullptr) << n.id;
    if (!k->capacity && !k->output) {
      EXPECT_EQ(n.basis, FigureBasis::kUnknown) << n.id;
      EXPECT_EQ(n.available, 0) << n.id;
    }
    EXPECT_GE(n.capacity + 1e-9, n.available) << n.id << ": the output bound exceeds what could be made";
  }
}

TEST(ModelYear, ALaterYearsOutputIsNeverUsedForAnEarlierYear) {
  auto f = YearFixture::load();
  Network net = f.build(2024);
  EXPECT_EQ(net.params.as_of_year, 2024);
  const Node& weld = node(net, "lynas-mt-weld-mine");  // output of 2025 only
  EXPECT_NE(weld.basis, FigureBasis::kSourced);
  EXPECT_EQ(weld.output_year, 0);
  const Node& obo = node(net, "cnre-bayan-obo-mine");  // output of 2024
  EXPECT_EQ(obo.basis, FigureBasis::kSourced);
  EXPECT_EQ(obo.output_year, 2024);
  const Node& myanmar = node(net, "myanmar-kachin-mines");  // output of 2025 only
  EXPECT_EQ(myanmar.output_year, 0);
  EXPECT_NE(myanmar.basis, FigureBasis::kSourced);
}

TEST(ModelYear, UsgsCountryTotalsBoundEachCountrysMines) {
  auto f = YearFixture::load();
  for (int year : {2023, 2024, 2025}) {
    Network net = f.build(year);
    std::map<std::string, double> mined;
    for (const auto& n : net.nodes)
      if (n.stage == Stage::kMining && !n.synthetic && n.deposit >= 0 && n.unit != CapacityUnit::kTHeavyOxides) mined[n.country] += mine_reo(net, n);
    for (const auto& [country, t] : mined) {
      const kb::CountryFigure* c = f.kb->country_figure(country, kb::FigureMeasure::kMineProduction, year);
      if (!c || !c->value) continue;
      // Within 1 t: Mount Weld's 6,889 t NdPr is USGS's 29,000 t REO rounded.
      EXPECT_LE(t, *c->value + 1.0) << country << " " << year;
    }
  }
  // 2024: Australia's only producing mine has no 2024 output in the kb, so
  // its capacity (50.5 kt REO) is scaled to USGS's 29,000 t, as derived.
  Network y2024 = f.build(2024);
  const Node& weld = node(y2024, "lynas-mt-weld-mine");
  EXPECT_EQ(weld.basis, FigureBasis::kDerived);
  EXPECT_NEAR(mine_reo(y2024, weld), 29000, 1);
  EXPECT_LT(weld.available, weld.capacity);
  bool noted = false;
  for (const auto& n : y2024.notes) noted = noted || (n.find("mines in Australia scaled") != std::string::npos && n.find("derived") != std::string::npos);
  EXPECT_TRUE(noted);
}

TEST(ModelYear, FigureBasisNames) {
  EXPECT_STREQ(figure_basis_name(FigureBasis::kSourced), "sourced");
  EXPECT_STREQ(figure_basis_name(FigureBasis::kAssumed), "assumed");
  EXPECT_STREQ(figure_basis_name(FigureBasis::kDerived), "derived");
  EXPECT_STREQ(figure_basis_name(FigureBasis::kUnknown), "unknown");
}

}  // namespace
}  // namespace assay::supply
