// The mass balance (balance.h): each stage's input is what it passes on,
// loses at its recovery, sends to other uses or leaves unsold; a stated
// recovery below 1 takes mass out of the flow; a stockpile is an explicit
// sink of what is left unsold.
#include "assay/supply/balance.h"

#include <gtest/gtest.h>

#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

const StageBalance& stage(const MassBalance& b, Stage s) {
  for (const auto& x : b.stages)
    if (x.stage == s) return x;
  ADD_FAILURE() << "no stage " << stage_key(s);
  return b.stages.front();
}

MassBalance balance_of(const Network& net, const std::vector<kb::BalanceFigure>& rows = {}) {
  auto sol = solve(net);
  EXPECT_TRUE(sol) << sol.error().to_string();
  return mass_balance(net, *sol, rows);
}

TEST(MassBalance, EveryStageClosesOnTheTinyChain) {
  Network net = testing::tiny_network();
  MassBalance b = balance_of(net);
  const auto& mine = stage(b, Stage::kMining);
  EXPECT_NEAR(mine.input, 10000, 1e-6);
  EXPECT_NEAR(mine.output, 10000, 1e-6);
  EXPECT_NEAR(mine.process_loss, 0, 1e-6);
  const auto& sep = stage(b, Stage::kSeparation);
  // Everything mined is separated (the line takes all elements): no loss;
  // what is not Nd, Pr, Dy or Tb leaves the magnet chain.
  EXPECT_NEAR(sep.input, 10000, 1e-6);
  EXPECT_NEAR(sep.output, 10000, 1e-6);
  EXPECT_NEAR(sep.process_loss, 0, 1e-6);
  EXPECT_NEAR(sep.other_uses, 10000 * (1 - 0.15 - 0.05 - 0.01 - 0.002), 1e-3);
  for (const auto& s : b.stages) {
    EXPECT_NEAR(s.residual, 0, 1e-6) << stage_key(s.stage);
    EXPECT_GE(s.input + 1e-6, s.stage == Stage::kMagnet ? s.output * b.re_per_magnet : 0.0) << stage_key(s.stage);
  }
  // What the mine passes on is what separation takes in.
  EXPECT_NEAR(mine.passed_on, sep.input, 1e-6);
  // The metal plant (500 t) binds: metal in = metal out, all used by magnets.
  const auto& metal = stage(b, Stage::kMetalAlloy);
  EXPECT_NEAR(metal.output, 500, 1e-6);
  const auto& mag = stage(b, Stage::kMagnet);
  EXPECT_NEAR(mag.output, 500 / 0.31, 1e-3);
  EXPECT_NEAR(mag.input, mag.output * b.re_per_magnet, 1e-3);
  EXPECT_TRUE(b.notes.empty()) << b.notes.front();
}

TEST(MassBalance, ARecoveryBelowOneIsAProcessLoss) {
  Network net = testing::tiny_network();
  // A cracking plant between the mine and the separation line.
  net.nodes.push_back(testing::make_node("crack-a", Stage::kCrackingLeaching, "Aland", 20000, CapacityUnit::kTReo));
  net.nodes.back().feeds = {0};
  net.nodes.back().recovery = 0.8;
  net.nodes[1].feeds = {4};
  net.nodes[1].recovery = 0.9;
  MassBalance b = balance_of(net);
  const auto& crack = stage(b, Stage::kCrackingLeaching);
  EXPECT_NEAR(crack.input, 10000, 1e-6);
  EXPECT_NEAR(crack.output, 8000, 1e-6);
  EXPECT_NEAR(crack.process_loss, 2000, 1e-6);
  const auto& sep = stage(b, Stage::kSeparation);
  EXPECT_NEAR(sep.input, 8000, 1e-6);
  EXPECT_NEAR(sep.output, 7200, 1e-6);
  EXPECT_NEAR(sep.process_loss, 800, 1e-6);
  EXPECT_TRUE(b.notes.empty()) << b.notes.front();
}

TEST(MassBalance, AStockpileIsAnExplicitSinkOfWhatIsLeftUnsold) {
  Network net = testing::tiny_network();
  net.params.as_of_year = 2025;
  net.nodes[1].available = net.nodes[1].capacity = 6000;  // separation takes 6,000 of 10,000 t
  net.nodes[1].feeds.clear();                              // from the market: the rest stays unsold there
  kb::BalanceFigure pile;
  pile.id = "mine-a-pile";
  pile.kind = kb::BalanceKind::kStockpile;
  pile.stage = Stage::kMining;
  pile.facility = "mine-a";
  pile.year = 2025;
  pile.value = 3000;
  pile.unit = "t REO";
  pile.basis = kb::ValueBasis::kSourced;
  pile.source = "company report";
  kb::BalanceFigure other_year = pile;
  other_year.year = 2024;
  MassBalance b = balance_of(net, {pile, other_year});
  const auto& mine = stage(b, Stage::kMining);
  EXPECT_NEAR(mine.unsold, 4000, 1e-6);
  EXPECT_NEAR(mine.stockpiled, 3000, 1e-6);
  EXPECT_NEAR(mine.unplaced, 1000, 1e-6);
  EXPECT_NEAR(mine.passed_on, 6000, 1e-6);
  ASSERT_EQ(mine.stockpiles.size(), 1u);
  EXPECT_EQ(mine.stockpiles[0].facility, "mine-a");
  // A stockpile larger than what is unsold is named.
  pile.value = 5000;
  MassBalance over = balance_of(net, {pile});
  ASSERT_EQ(over.notes.size(), 1u);
  EXPECT_EQ(over.notes[0], "mining: the kb's stockpiles (5000 t REO) exceed what the model leaves unsold (4000 t REO)");
}

TEST(MassBalance, ARecoveryOutsideZeroToOneIsInvalid) {
  Network net = testing::tiny_network();
  net.nodes[1].recovery = 1.2;
  EXPECT_FALSE(net.validate());
  net.nodes[1].recovery = 0;
  EXPECT_FALSE(net.validate());
}

}  // namespace
}  // namespace assay::supply
