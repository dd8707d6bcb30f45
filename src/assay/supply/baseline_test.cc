// The model built from the shipped data must land inside the published
// ranges it can be checked against (docs/DATA.md, "Model vs published").
#include <gtest/gtest.h>

#include "assay/base/embedded.h"
#include "assay/kb/kb.h"
#include "assay/supply/metrics.h"
#include "assay/supply/scenario.h"

namespace assay::supply {
namespace {

class Baseline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base::EmbeddedData data;
    auto kb = kb::load(data);
    ASSERT_TRUE(kb) << kb.error().to_string();
    auto params = load_params(data);
    ASSERT_TRUE(params) << params.error().to_string();
    auto net = build_network(*kb, *params);
    ASSERT_TRUE(net) << net.error().to_string();
    net_ = new Network(std::move(*net));
    auto m = analyze(*net_);
    ASSERT_TRUE(m) << m.error().to_string();
    metrics_ = new ChainMetrics(std::move(*m));
  }
  static void TearDownTestSuite() {
    delete metrics_;
    delete net_;
  }
  static Network* net_;
  static ChainMetrics* metrics_;
};
Network* Baseline::net_ = nullptr;
ChainMetrics* Baseline::metrics_ = nullptr;

TEST_F(Baseline, ChinaMiningShareInPublishedRange) {
  // USGS MCS 2025/2026: 67.8-71.1%; IEA: 61-62%. Issue 3: about 60-70%.
  double s = metrics_->stage(Stage::kMining).china_location_flow;
  EXPECT_GE(s, 0.60);
  EXPECT_LE(s, 0.70);
}

TEST_F(Baseline, ChinaSeparationShareInPublishedRange) {
  // IEA 91-92%, Wood Mackenzie 86%, SMM ~85%. Issue 3: about 85-92%.
  double s = metrics_->stage(Stage::kSeparation).china_location_flow;
  EXPECT_GE(s, 0.85);
  EXPECT_LE(s, 0.92);
}

TEST_F(Baseline, ChinaMagnetShareInPublishedRange) {
  // IEA 94%, MacroPolo ~90%, Noveon ~93%. Issue 3: about 90-94%.
  double s = metrics_->stage(Stage::kMagnet).china_location_flow;
  EXPECT_GE(s, 0.90);
  EXPECT_LE(s, 0.94);
}

TEST_F(Baseline, MagnetOutputIsPlausible) {
  // World sintered NdFeB output is in the low hundreds of kt per year.
  EXPECT_GT(metrics_->magnets_world, 150000);
  EXPECT_LT(metrics_->magnets_world, 400000);
  EXPECT_GT(metrics_->magnets_ex_china, 0);
  EXPECT_GT(metrics_->standalone_magnets_ex_china, 0);
  EXPECT_NE(metrics_->limiting_stage, "none");
}

TEST_F(Baseline, ShippedScenariosApply) {
  base::EmbeddedData data;
  auto files = data.list("scenarios/", ".yaml");
  ASSERT_GE(files.size(), 4u);
  for (const auto& f : files) {
    auto text = data.read(f);
    ASSERT_TRUE(text);
    auto sc = parse_scenario(*text, f);
    ASSERT_TRUE(sc) << sc.error().to_string();
    auto n = apply_scenario(*net_, *sc);
    ASSERT_TRUE(n) << n.error().to_string();
    auto m = analyze(*n, sc->objective.value_or(Objective::kMagnets), sc->name);
    ASSERT_TRUE(m) << f << ": " << m.error().to_string();
  }
}

TEST_F(Baseline, MyanmarHaltCutsHeavySupplyInChina) {
  base::EmbeddedData data;
  auto sc = parse_scenario(*data.read("scenarios/myanmar-clay-halt.yaml"), "myanmar-clay-halt.yaml");
  ASSERT_TRUE(sc);
  auto n = apply_scenario(*net_, *sc);
  ASSERT_TRUE(n);
  auto m = analyze(*n);
  ASSERT_TRUE(m);
  double dy_before = metrics_->separated_world[8], dy_after = m->separated_world[8];
  EXPECT_LT(dy_after, dy_before);
}

TEST_F(Baseline, LynasLicenceLossCutsNdPrOutsideChina) {
  base::EmbeddedData data;
  auto sc = parse_scenario(*data.read("scenarios/lynas-malaysia-licence-loss.yaml"), "lynas.yaml");
  ASSERT_TRUE(sc);
  auto n = apply_scenario(*net_, *sc);
  ASSERT_TRUE(n);
  auto m = analyze(*n);
  ASSERT_TRUE(m);
  EXPECT_LT(m->ndpr_ex_china, metrics_->ndpr_ex_china - 1000);
}

TEST_F(Baseline, MalaysiaRefineryCapacityIsAParameter) {
  base::EmbeddedData data;
  auto text = *data.read("scenarios/malaysia-china-refinery.yaml");
  auto small = parse_scenario(text, "m.yaml", {{"capacity", 2000}});
  auto big = parse_scenario(text, "m.yaml", {{"capacity", 20000}});
  ASSERT_TRUE(small && big);
  auto a = analyze(*apply_scenario(*net_, *small));
  auto b = analyze(*apply_scenario(*net_, *big));
  ASSERT_TRUE(a && b);
  EXPECT_LT(b->stage(Stage::kSeparation).china_location_flow, a->stage(Stage::kSeparation).china_location_flow);
  EXPECT_GE(b->stage(Stage::kSeparation).china_technology_flow, a->stage(Stage::kSeparation).china_technology_flow - 1e-9);
}

}  // namespace
}  // namespace assay::supply
