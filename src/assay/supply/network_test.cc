// The supply network as plain data (network.cc): lookups, feed order,
// validation, export-control scope, and the network the embedded knowledge
// base builds.
#include "assay/supply/network.h"

#include <gtest/gtest.h>

#include <algorithm>

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

}  // namespace
}  // namespace assay::supply
