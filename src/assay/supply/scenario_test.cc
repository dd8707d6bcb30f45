#include "assay/supply/scenario.h"

#include <gtest/gtest.h>

#include "assay/supply/metrics.h"
#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

Network net() { return testing::tiny_network(); }

TEST(Scenario, ParsesYamlWithParameters) {
  auto sc = parse_scenario(R"(
name: test
parameters: {capacity: 1000}
add:
  - id: metal-b
    stage: metal_alloy
    country: Aland
    capacity: $capacity * 0.5
    unit: t metal
change:
  - id: metal-a
    capacity_factor: 2
)",
                           "t.yaml");
  ASSERT_TRUE(sc) << sc.error().to_string();
  ASSERT_EQ(sc->add.size(), 1u);
  EXPECT_DOUBLE_EQ(sc->add[0].node.nameplate, 500);
  auto n = apply_scenario(net(), *sc);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(n->nodes.size(), 5u);
  EXPECT_DOUBLE_EQ(n->nodes[static_cast<std::size_t>(*n->find("metal-a"))].available, 1000);
}

TEST(Scenario, OverrideChangesParameter) {
  auto sc = parse_scenario("parameters: {f: 1}\ncapacity_factors: [{id: metal-a, factor: $f}]\n", "t.yaml", {{"f", 0.5}});
  ASSERT_TRUE(sc);
  auto n = apply_scenario(net(), *sc);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->nodes[static_cast<std::size_t>(*n->find("metal-a"))].available, 250);
  auto bad = parse_scenario("parameters: {f: 1}\n", "t.yaml", {{"g", 2}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where().field, "parameters.g");
}

TEST(Scenario, AnExpressionMayMultiplyTwoParameters) {
  // The Malaysian refinery's heavy line is $capacity * $heavy_share (review
  // #28: it was hard-coded as $capacity * 0.25, so heavy_share did nothing).
  const char* y = R"(
parameters: {capacity: 1000, heavy_share: 0.25}
add:
  - id: metal-b
    stage: metal_alloy
    country: Aland
    capacity: $capacity * $heavy_share
    unit: t metal
)";
  auto a = parse_scenario(y, "t.yaml");
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_DOUBLE_EQ(a->add[0].node.nameplate, 250);
  auto b = parse_scenario(y, "t.yaml", {{"heavy_share", 1}});
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_DOUBLE_EQ(b->add[0].node.nameplate, 1000);
  auto bad = parse_scenario("parameters: {c: 1}\ncapacity_factors: [{id: metal-a, factor: $c * $nope}]\n", "t.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().to_string().find("unknown parameter"), std::string::npos) << bad.error().to_string();
}

TEST(Scenario, JsonWorksToo) {
  auto sc = parse_scenario(R"({"name": "j", "remove": ["magnet-a"]})", "t.json");
  ASSERT_TRUE(sc) << sc.error().to_string();
  auto n = apply_scenario(net(), *sc);
  ASSERT_TRUE(n);
  EXPECT_FALSE(n->find("magnet-a"));
}

TEST(Scenario, MalformedNamesFileAndLine) {
  auto sc = parse_scenario("add:\n  - id: [unclosed\n", "bad.yaml");
  ASSERT_FALSE(sc);
  EXPECT_EQ(sc.error().where().file, "bad.yaml");
  EXPECT_GT(sc.error().where().line, 0);
}

TEST(Scenario, UnknownFacilityNamesKey) {
  auto sc = parse_scenario("change:\n  - id: metal-a\n    capacity: 5\n  - id: no-such-plant\n    capacity: 5\n", "s.yaml");
  ASSERT_TRUE(sc);
  auto n = apply_scenario(net(), *sc);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(n.error().where().file, "s.yaml");
  EXPECT_EQ(n.error().where().field, "change[1].id");
  EXPECT_NE(n.error().message().find("no-such-plant"), std::string::npos);
  auto r = parse_scenario("remove: [ghost]\n", "s.yaml");
  auto n2 = apply_scenario(net(), *r);
  ASSERT_FALSE(n2);
  EXPECT_EQ(n2.error().where().field, "remove[0]");
}

TEST(Scenario, NegativeCapacityIsAnError) {
  auto sc = parse_scenario("change:\n  - id: metal-a\n    capacity: -3\n", "s.yaml");
  ASSERT_FALSE(sc);
  EXPECT_EQ(sc.error().where().field, "change[0].capacity");
  EXPECT_EQ(sc.error().where().line, 3);
  auto f = parse_scenario("capacity_factors: [{country: Aland, factor: -1}]\n", "s.yaml");
  ASSERT_FALSE(f);
}

TEST(Scenario, UnknownKeyAndBadValuesAreErrors) {
  EXPECT_FALSE(parse_scenario("chnage: []\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("add: [{id: x, stage: smelting, country: A, capacity: 1, unit: t REO}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("add: [{id: x, stage: magnet, country: A, capacity: 1, unit: furlongs}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("add: [{id: x, stage: magnet, country: A, capacity: lots, unit: t magnet}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("add: [{id: x, stage: magnet, country: A, capacity: $nope, unit: t magnet}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("export_controls: [{country: A, elements: [Xx]}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("export_controls: [{country: A, allowed_share: 2}]\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("- just\n- a list\n", "s.yaml"));
  EXPECT_FALSE(parse_scenario("objective: profit\n", "s.yaml"));
  auto rule = parse_scenario("capacity_factors: [{country: Nowhere, factor: 0}]\n", "s.yaml");
  ASSERT_TRUE(rule);
  EXPECT_FALSE(apply_scenario(net(), *rule));
}

TEST(Scenario, CycleNamesScenario) {
  auto sc = parse_scenario("change:\n  - id: mine-a\n    feed: [sep-a]\n", "cyc.yaml");
  ASSERT_TRUE(sc);
  auto n = apply_scenario(net(), *sc);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().where().file, "cyc.yaml");
  EXPECT_NE(n.error().message().find("cycle"), std::string::npos);
}

TEST(Scenario, InfeasibleDemandIsAnError) {
  auto sc = parse_scenario("demand: {magnets_ex_china: 1000000, hard: true}\n", "d.yaml");
  ASSERT_TRUE(sc);
  EXPECT_TRUE(sc->demand_is_requirement);
  auto n = apply_scenario(net(), *sc);
  ASSERT_TRUE(n);
  auto m = analyze(*n, Objective::kMagnets, "d", n->magnet_demand_ex_china);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code(), base::ErrorCode::kInfeasible);
}

TEST(Scenario, AnAddedJointVentureTakesItsChineseShareFromAParameter) {
  const char* y =
      "parameters: {cs: 0.4}\n"
      "add: [{id: jv, stage: separation, country: Bland, controlling_country: Bland, technology_origin: China,\n"
      "       chinese_share: $cs, capacity: 100, unit: t REO}]\n";
  auto sc = parse_scenario(y, "jv.yaml");
  ASSERT_TRUE(sc) << sc.error().to_string();
  auto n = apply_scenario(net(), *sc);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_NEAR(n->nodes[static_cast<std::size_t>(*n->find("jv"))].china_stake, 0.4, 1e-12);
  auto over = parse_scenario(y, "jv.yaml", {{"cs", 0.9}});
  ASSERT_TRUE(over);
  auto n2 = apply_scenario(net(), *over);
  ASSERT_TRUE(n2);
  EXPECT_NEAR(n2->nodes[static_cast<std::size_t>(*n2->find("jv"))].china_stake, 0.9, 1e-12);
  auto bad = parse_scenario(y, "jv.yaml", {{"cs", 1.2}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where().field, "add[0].chinese_share");
}

TEST(Scenario, ExportControlReducesFlows) {
  Network n = net();
  n.nodes[static_cast<std::size_t>(*n.find("metal-a"))].country = "Bland";
  auto sc = parse_scenario("export_controls: [{country: Aland, elements: [Nd, Pr], stages: [separation]}]\n", "x.yaml");
  ASSERT_TRUE(sc);
  auto before = analyze(n);
  auto after_net = apply_scenario(n, *sc);
  ASSERT_TRUE(after_net);
  auto after = analyze(*after_net);
  ASSERT_TRUE(before && after);
  EXPECT_GT(before->magnets_world, 100);
  EXPECT_NEAR(after->magnets_world, 0, 1e-6);
}

}  // namespace
}  // namespace assay::supply
