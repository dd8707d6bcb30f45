#include "assay/supply/montecarlo.h"

#include <gtest/gtest.h>

#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

Network risky() {
  Network net = testing::tiny_network();
  net.risks.push_back({"r1", true, "operating", kb::RiskEvent::kOutage, 0.3, 0.5});
  return net;
}

TEST(MonteCarlo, DeterministicForSeed) {
  Network net = risky();
  MonteCarloOptions o;
  o.draws = 300;
  o.seed = 7;
  auto a = run_monte_carlo(net, o);
  auto b = run_monte_carlo(net, o);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->magnets_ex_china.p50, b->magnets_ex_china.p50);
  EXPECT_EQ(a->magnets_ex_china.mean, b->magnets_ex_china.mean);
  EXPECT_EQ(a->p_shortfall, b->p_shortfall);
  o.seed = 8;
  auto c = run_monte_carlo(net, o);
  ASSERT_TRUE(c);
  EXPECT_NE(a->magnets_ex_china.mean, c->magnets_ex_china.mean);
}

TEST(MonteCarlo, TwoThreadsSameDraws) {
  Network net = risky();
  MonteCarloOptions o;
  o.draws = 400;
  o.seed = 3;
  auto one = run_monte_carlo(net, o);
  o.threads = 2;
  auto two = run_monte_carlo(net, o);
  ASSERT_TRUE(one && two);
  // The sampled capacities do not depend on threads; this LP has a unique
  // optimum, so neither do the results.
  EXPECT_EQ(one->magnets_world.mean, two->magnets_world.mean);
  EXPECT_EQ(one->magnets_world.p10, two->magnets_world.p10);
}

TEST(MonteCarlo, OutagesLowerOutputAndShortfallCounts) {
  Network net = risky();
  MonteCarloOptions o;
  o.draws = 500;
  o.demand = 1600;  // baseline gives 500/0.31 = 1613 t
  auto r = run_monte_carlo(net, o);
  ASSERT_TRUE(r);
  EXPECT_LE(r->magnets_world.p5, r->magnets_world.p95);
  EXPECT_NEAR(r->magnets_world.max, 500 / 0.31, 1);
  EXPECT_LT(r->magnets_world.min, r->magnets_world.max);
  EXPECT_GT(r->p_shortfall, 0.1);
  EXPECT_LT(r->p_shortfall, 0.9);
}

TEST(MonteCarlo, FactorsDependOnDrawAndSeedOnly) {
  Network net = risky();
  auto a = draw_factors(net, 1, 5), b = draw_factors(net, 1, 5), c = draw_factors(net, 1, 6);
  EXPECT_EQ(a, b);
  bool differ = false;
  for (int d = 0; d < 20 && !differ; ++d) differ = draw_factors(net, 1, d) != a;
  EXPECT_TRUE(differ);
  (void)c;
}

TEST(MonteCarlo, BadOptions) {
  Network net = risky();
  MonteCarloOptions o;
  o.draws = 0;
  EXPECT_FALSE(run_monte_carlo(net, o));
}

}  // namespace
}  // namespace assay::supply
