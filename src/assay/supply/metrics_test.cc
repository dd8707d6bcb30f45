// Chain metrics (metrics.cc) on hand-made networks: per-stage capacity and
// flow, China's shares by location and by control, concentration (HHI),
// magnet output inside and outside China, and the per-facility view.
#include "assay/supply/metrics.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

TEST(Metrics, OneCountryChainHasAllTheFlowInOnePlace) {
  Network net = testing::tiny_network();
  auto m = analyze(net);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(m->label, "baseline");
  // The metal plant binds: 500 t metal at 0.31 t metal per t of magnet.
  EXPECT_NEAR(m->magnets_world, 500.0 / 0.31, 1e-3);
  EXPECT_NEAR(m->magnets_ex_china, m->magnets_world, 1e-6);
  const StageMetrics& mining = m->stage(Stage::kMining);
  EXPECT_EQ(mining.facilities, 1);
  EXPECT_NEAR(mining.capacity, 10000, 1e-6);
  EXPECT_NEAR(mining.hhi_capacity, 10000, 1e-6);  // one country holds it all
  EXPECT_NEAR(mining.china_location_capacity, 0, 1e-12);
  ASSERT_EQ(mining.capacity_by_country.size(), 1u);
  EXPECT_EQ(mining.capacity_by_country[0].key, "Aland");
  const StageMetrics& magnet = m->stage(Stage::kMagnet);
  EXPECT_NEAR(magnet.flow, m->magnets_world, 1e-3);
  EXPECT_NEAR(magnet.group_flow[2], magnet.flow, 1e-6);  // all "Rest"
}

TEST(Metrics, ChinaSharesByLocationAndByControl) {
  Network net = testing::tiny_network();
  // A second mine of the same size in China, and the first one owned from China.
  net.nodes.push_back(testing::make_node("mine-c", Stage::kMining, "China", 10000, CapacityUnit::kTReo));
  net.nodes.back().deposit = 0;
  net.nodes[at(*net.find("mine-a"))].controller = "China";
  auto m = analyze(net);
  ASSERT_TRUE(m) << m.error().to_string();
  const StageMetrics& mining = m->stage(Stage::kMining);
  EXPECT_EQ(mining.facilities, 2);
  EXPECT_NEAR(mining.capacity, 20000, 1e-6);
  EXPECT_NEAR(mining.china_location_capacity, 0.5, 1e-9);
  EXPECT_NEAR(mining.china_control_capacity, 1.0, 1e-9);
  EXPECT_NEAR(mining.hhi_capacity, 5000, 1e-6);  // two equal countries
  EXPECT_EQ(china_group(net.nodes[at(*net.find("mine-c"))]), "China");
  EXPECT_EQ(china_group(net.nodes[at(*net.find("mine-a"))]), "China-controlled");
  EXPECT_EQ(china_group(net.nodes[at(*net.find("sep-a"))]), "Rest");
}

TEST(Metrics, AJointVentureSplitsControlByTheChineseStake) {
  // The mine of Aland, next to an equal mine in China, is a joint venture in
  // which a Chinese partner holds 30%: the control view counts 30% of it as
  // China's, the location view none, and the groups split it 30/70.
  Network net = testing::tiny_network();
  net.nodes.push_back(testing::make_node("mine-c", Stage::kMining, "China", 10000, CapacityUnit::kTReo));
  net.nodes.back().deposit = 0;
  Node& jv = net.nodes[at(*net.find("mine-a"))];
  jv.china_stake = 0.3;
  auto m = analyze(net);
  ASSERT_TRUE(m) << m.error().to_string();
  const StageMetrics& mining = m->stage(Stage::kMining);
  EXPECT_NEAR(mining.china_location_capacity, 0.5, 1e-9);
  EXPECT_NEAR(mining.china_control_capacity, (10000 + 3000) / 20000.0, 1e-9);
  EXPECT_NEAR(mining.group_capacity[1], 3000, 1e-6);
  EXPECT_NEAR(mining.group_capacity[2], 7000, 1e-6);
  ASSERT_EQ(mining.capacity_by_controller.size(), 2u);
  EXPECT_EQ(mining.capacity_by_controller[0].key, "China");
  EXPECT_NEAR(mining.capacity_by_controller[0].value, 13000, 1e-6);
  EXPECT_EQ(china_group(jv), "Rest");  // a minority partner
  jv.china_stake = 0.5;
  EXPECT_EQ(china_group(jv), "China-controlled");
  jv.china_stake = 1.5;
  EXPECT_FALSE(net.validate());
}

TEST(Metrics, AnUnknownCapacityThatBindsIsReportedAsUnknown) {
  // The metal plant's capacity is not published: held at 0 t, it binds the
  // chain (no metal, no magnets), and the report says that it is unknown.
  Network net = testing::tiny_network();
  Node& metal = net.nodes[at(*net.find("metal-a"))];
  metal.capacity_known = false;
  metal.nameplate = 0;
  metal.available = 0;
  auto m = analyze(net);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_NEAR(m->standalone_magnets_ex_china, 0, 1e-6);
  auto b = std::find_if(m->binding.begin(), m->binding.end(),
                        [&](const BindingConstraint& x) { return x.node == *net.find("metal-a"); });
  ASSERT_NE(b, m->binding.end());
  EXPECT_TRUE(b->capacity_unknown);
  EXPECT_NE(b->what.find("capacity unknown"), std::string::npos) << b->what;
  bool noted = false;
  for (const auto& n : m->notes)
    if (n.find("metal-a") != std::string::npos && n.find("unknown") != std::string::npos) noted = true;
  EXPECT_TRUE(noted);
  // Known, the same plant binds as a measured limit and no note is added.
  Network known = testing::tiny_network();
  auto k = analyze(known);
  ASSERT_TRUE(k);
  for (const auto& x : k->binding) EXPECT_FALSE(x.capacity_unknown) << x.what;
  for (const auto& n : k->notes) EXPECT_EQ(n.find("unknown"), std::string::npos) << n;
}

TEST(Metrics, FacilityViewOfANodeAndOfAnUnknownId) {
  Network net = testing::tiny_network();
  auto sol = solve(net);
  ASSERT_TRUE(sol) << sol.error().to_string();
  auto v = facility_view(net, *sol, "metal-a");
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(v->node->id, "metal-a");
  EXPECT_NEAR(v->capacity, 500, 1e-6);
  EXPECT_NEAR(v->flow, 500, 1e-3);
  EXPECT_GT(v->shadow_price, 0);  // it binds
  EXPECT_FALSE(facility_view(net, *sol, "nowhere"));
}

TEST(Metrics, StageMetricsOfOneSolutionMatchAnalyze) {
  Network net = testing::tiny_network();
  auto sol = solve(net);
  ASSERT_TRUE(sol);
  auto stages = stage_metrics(net, *sol);
  auto m = analyze(net);
  ASSERT_TRUE(m);
  ASSERT_EQ(stages.size(), m->stages.size());
  for (std::size_t s = 0; s < stages.size(); ++s) {
    EXPECT_EQ(stages[s].facilities, m->stages[s].facilities);
    EXPECT_NEAR(stages[s].flow, m->stages[s].flow, 1e-6);
  }
}

}  // namespace
}  // namespace assay::supply
