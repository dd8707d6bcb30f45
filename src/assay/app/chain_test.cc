#include "assay/app/chain.h"

#include <gtest/gtest.h>

#include "assay/base/embedded.h"

namespace assay::app {
namespace {

const supply::World& world() {
  static const supply::World w = [] {
    auto r = supply::World::load(base::EmbeddedData());
    if (!r) throw std::runtime_error(r.error().to_string());
    return std::move(*r);
  }();
  return w;
}

TEST(Chain, BaselineMetricsAndAFacility) {
  auto m = baseline_metrics(world(), supply::Objective::kMagnets);
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  auto v = facility(world(), "lynas-kalgoorlie", supply::Objective::kMagnets);
  ASSERT_TRUE(v.has_value()) << v.error().to_string();
  auto none = facility(world(), "no-such-facility", supply::Objective::kMagnets);
  ASSERT_FALSE(none.has_value());
  auto near = facility(world(), "lynas-kalgorlie", supply::Objective::kMagnets);
  ASSERT_FALSE(near.has_value());
  EXPECT_NE(near.error().message().find("did you mean 'lynas-kalgoorlie'?"), std::string::npos) << near.error().message();
}

TEST(Chain, ComparesScenariosWithTheBaseline) {
  auto cmp = compare_scenarios(world(), base::EmbeddedData(), {"myanmar-clay-halt", "malaysia-china-refinery"}, {},
                               supply::Objective::kMagnets);
  ASSERT_TRUE(cmp.has_value()) << cmp.error().to_string();
  ASSERT_EQ(cmp->scenarios.size(), 2u);
  ASSERT_EQ(cmp->results.size(), 2u);
  auto ptrs = cmp->scenario_pointers();
  EXPECT_EQ(ptrs[1], &cmp->scenarios[1]);
  auto bad = compare_scenarios(world(), base::EmbeddedData(), {"myanmar-clay-halt", "nope"}, {}, supply::Objective::kMagnets);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().where().file, "nope");
  auto near = compare_scenarios(world(), base::EmbeddedData(), {"myanmar-clay"}, {}, supply::Objective::kMagnets);
  ASSERT_FALSE(near.has_value());
  EXPECT_NE(near.error().message().find("did you mean 'myanmar-clay-halt'?"), std::string::npos) << near.error().message();
}

TEST(Chain, MonteCarloOnTheBaselineOrAScenario) {
  supply::MonteCarloOptions mo;
  mo.draws = 20;
  auto base = monte_carlo(world(), base::EmbeddedData(), "baseline", {}, mo);
  ASSERT_TRUE(base.has_value()) << base.error().to_string();
  EXPECT_EQ(base->label, "baseline");
  EXPECT_EQ(base->result.draws, 20);
  auto sc = monte_carlo(world(), base::EmbeddedData(), "myanmar-clay-halt", {}, mo);
  ASSERT_TRUE(sc.has_value()) << sc.error().to_string();
  EXPECT_NE(sc->label, "baseline");
}

}  // namespace
}  // namespace assay::app
