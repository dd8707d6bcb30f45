#include "assay/supply/solver.h"

#include <gtest/gtest.h>

#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

TEST(Solver, ChainLimitedBySmallestStage) {
  Network net = testing::tiny_network();
  auto sol = solve(net);
  ASSERT_TRUE(sol) << sol.error().to_string();
  // Mine 10000 t REO at 20% NdPr = 2000 t NdPr oxide; metal plant 500 t metal;
  // magnets need 0.31 t metal per t: the metal plant binds at 500 / 0.31.
  int mag = *net.find("magnet-a");
  EXPECT_NEAR(sol->throughput[static_cast<std::size_t>(mag)], 500.0 / 0.31, 1e-3);
  int metal = *net.find("metal-a");
  EXPECT_GT(sol->capacity_shadow[static_cast<std::size_t>(metal)], 0.1);
  int mine = *net.find("mine-a");
  EXPECT_NEAR(sol->throughput[static_cast<std::size_t>(mine)], 10000, 1e-6);
}

TEST(Solver, WarmStartAfterCapacityChange) {
  Network net = testing::tiny_network();
  auto m = FlowModel::build(net);
  ASSERT_TRUE(m);
  auto a = (*m)->solve();
  ASSERT_TRUE(a);
  auto cap = (*m)->available();
  cap[static_cast<std::size_t>(*net.find("metal-a"))] = 100;
  (*m)->set_available(cap);
  auto b = (*m)->solve();
  ASSERT_TRUE(b);
  EXPECT_NEAR(b->throughput[static_cast<std::size_t>(*net.find("magnet-a"))], 100.0 / 0.31, 1e-3);
  // Same answer as a cold solve of the edited network.
  net.nodes[static_cast<std::size_t>(*net.find("metal-a"))].available = 100;
  auto c = solve(net);
  ASSERT_TRUE(c);
  EXPECT_NEAR(b->objective, c->objective, 1e-6);
}

TEST(Solver, ExportBanCutsSupply) {
  Network net = testing::tiny_network();
  // Move the separation line to another country and ban oxide exports.
  net.nodes[static_cast<std::size_t>(*net.find("sep-a"))].country = "Xland";
  ExportControl c;
  c.id = "ban";
  c.country = "Xland";
  c.elements = ElementSet::all();
  c.stages = StageSet::all();
  c.allowed_share = 0;
  net.controls.push_back(c);
  auto sol = solve(net);
  ASSERT_TRUE(sol);
  EXPECT_NEAR(sol->throughput[static_cast<std::size_t>(*net.find("magnet-a"))], 0.0, 1e-6);
  net.controls[0].allowed_share = 0.5;
  auto half = solve(net);
  ASSERT_TRUE(half);
  EXPECT_GT(half->throughput[static_cast<std::size_t>(*net.find("magnet-a"))], 1.0);
}

// The compacted LP (SolveOptions::compact) has the same optimum and the
// same throughputs; here the separation line sells only to its market, and
// a share-limited export control caps exports at a share of what that
// market's producers sell, which compaction must keep.
TEST(Solver, CompactKeepsOptimum) {
  Network plain = testing::tiny_network();
  Network limited = plain;
  limited.nodes[static_cast<std::size_t>(*limited.find("sep-a"))].country = "Xland";
  ExportControl c;
  c.id = "half";
  c.country = "Xland";
  c.elements = ElementSet::all();
  c.stages = StageSet::all();
  c.allowed_share = 0.5;
  limited.controls.push_back(c);
  for (const Network* net : {&plain, &limited}) {
    SolveOptions o;
    auto full = solve(*net, o);
    o.compact = true;
    auto compact = FlowModel::build(*net, o);
    ASSERT_TRUE(full && compact);
    auto full_model = FlowModel::build(*net);
    EXPECT_LT((*compact)->rows(), (*full_model)->rows());
    auto sol = (*compact)->solve();
    ASSERT_TRUE(sol);
    EXPECT_NEAR(sol->objective, full->objective, 1e-6);
    for (std::size_t i = 0; i < net->nodes.size(); ++i) EXPECT_NEAR(sol->throughput[i], full->throughput[i], 1e-6) << net->nodes[i].id;
  }
}

TEST(Solver, RequirementMakesInfeasible) {
  Network net = testing::tiny_network();
  SolveOptions o;
  o.require_magnets_ex_china = 1e6;
  auto sol = solve(net, o);
  ASSERT_FALSE(sol);
  EXPECT_EQ(sol.error().code(), base::ErrorCode::kInfeasible);
}

TEST(Solver, CycleIsAnError) {
  Network net = testing::tiny_network();
  int sep = *net.find("sep-a");
  int metal = *net.find("metal-a");
  net.nodes[static_cast<std::size_t>(sep)].feeds.push_back(metal);
  net.nodes[static_cast<std::size_t>(metal)].feeds.push_back(sep);
  auto sol = solve(net);
  ASSERT_FALSE(sol);
  EXPECT_NE(sol.error().message().find("cycle"), std::string::npos);
}

TEST(Solver, NegativeCapacityIsAnError) {
  Network net = testing::tiny_network();
  net.nodes[0].available = -5;
  auto sol = solve(net);
  ASSERT_FALSE(sol);
  EXPECT_EQ(sol.error().where().field, net.nodes[0].id);
}

TEST(Solver, ScaledNetworkSolves) {
  Network net = testing::tiny_network();
  auto big = scaled_network(net, 10);
  EXPECT_EQ(big.nodes.size(), net.nodes.size() * 10);
  auto sol = solve(big);
  ASSERT_TRUE(sol) << sol.error().to_string();
  auto one = solve(net);
  EXPECT_NEAR(sol->throughput[static_cast<std::size_t>(*big.find("magnet-a"))] * 10,
              one->throughput[static_cast<std::size_t>(*net.find("magnet-a"))] * 10, 1e-3);
}

}  // namespace
}  // namespace assay::supply
