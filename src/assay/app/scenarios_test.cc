#include "assay/app/scenarios.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "assay/base/embedded.h"
#include "assay/supply/world.h"

namespace assay::app {
namespace {

const supply::Network& baseline() {
  static const supply::Network net = [] {
    auto w = supply::World::load(base::EmbeddedData());
    if (!w) throw std::runtime_error(w.error().to_string());
    return std::move(w->baseline);
  }();
  return net;
}

TEST(Scenarios, ListsTheShippedScenariosByName) {
  auto names = shipped_scenarios(base::EmbeddedData());
  EXPECT_NE(std::find(names.begin(), names.end(), "myanmar-clay-halt"), names.end());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const auto& n : names) EXPECT_EQ(n.find('/'), std::string::npos) << n;
  base::MemoryData mine({{"scenarios/b.json", "{}"}, {"scenarios/a.yaml", ""}, {"kb/x.csv", ""}});
  EXPECT_EQ(shipped_scenarios(mine), (std::vector<std::string>{"a", "b"}));
}

TEST(Scenarios, AShippedNameIsReadWithItsDataPath) {
  auto r = read_scenario(base::EmbeddedData(), "myanmar-clay-halt");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->first, "data/scenarios/myanmar-clay-halt.yaml");
  EXPECT_FALSE(r->second.empty());
  auto missing = read_scenario(base::EmbeddedData(), "no-such-scenario");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().to_string(), "no-such-scenario: no such scenario file (nor a shipped scenario of that name)");
}

TEST(Scenarios, AFileOnDiskWinsOverAShippedName) {
  std::string path = ::testing::TempDir() + "assay_scenarios_test.yaml";
  std::ofstream(path) << "name: mine\n";
  auto r = read_scenario(base::EmbeddedData(), path);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, path);
  EXPECT_EQ(r->second, "name: mine\n");
  std::filesystem::remove(path);
}

TEST(Scenarios, LoadAppliesTheScenarioToTheNetwork) {
  auto loaded = load_scenario(base::EmbeddedData(), "myanmar-clay-halt", {}, baseline());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  EXPECT_FALSE(loaded->scenario.name.empty());
  EXPECT_EQ(loaded->scenario.file, "data/scenarios/myanmar-clay-halt.yaml");
  EXPECT_FALSE(loaded->network.nodes.empty());
}

TEST(Scenarios, ParametersAreTheDeclaredOnesWithDefaults) {
  base::MemoryData mine({{"scenarios/quarry.yaml", "name: quarry\nparameters:\n  cut: 0.4\n  months: 3\n"},
                         {"scenarios/plain.yaml", "name: plain\n"},
                         {"scenarios/broken.yaml", "name: [\n"}});
  auto p = scenario_parameters(mine, "quarry");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(*p, (std::map<std::string, double>{{"cut", 0.4}, {"months", 3}}));
  auto none = scenario_parameters(mine, "plain");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(scenario_parameters(mine, "broken").has_value());
  EXPECT_FALSE(scenario_parameters(mine, "absent").has_value());
  auto shipped = scenario_parameters(base::EmbeddedData(), "china-april-2025-controls");
  ASSERT_TRUE(shipped.has_value());
  EXPECT_EQ(shipped->at("licensed_share_june"), 0.6);
}

TEST(Scenarios, ParseSetsTakesNameEqualsNumber) {
  auto ok = parse_sets({"capacity=20000", "share=0.5"});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->at("capacity"), 20000);
  EXPECT_EQ(ok->at("share"), 0.5);
  for (const char* bad : {"capacity", "=1", "capacity=", "capacity=12x"}) {
    auto r = parse_sets({bad});
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().message(), std::string("--set expects NAME=NUMBER, got \"") + bad + "\"");
  }
}

}  // namespace
}  // namespace assay::app
