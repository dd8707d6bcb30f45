#include "assay/supply/world.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assay/base/embedded.h"
#include "assay/supply/metrics.h"
#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

TEST(World, LoadsTheShippedDataIntoASolvableBaseline) {
  auto world = World::load(base::EmbeddedData());
  ASSERT_TRUE(world.has_value()) << world.error().to_string();
  ASSERT_NE(world->kb, nullptr);
  EXPECT_FALSE(world->kb->facilities.empty());
  EXPECT_FALSE(world->baseline.nodes.empty());
  EXPECT_GT(world->params().as_of_year, 2000);
  EXPECT_TRUE(world->baseline.validate().has_value());
  auto m = analyze(world->baseline);
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
}

TEST(World, IsTheNetworkThePiecesBuild) {
  base::EmbeddedData data;
  auto world = World::load(data);
  ASSERT_TRUE(world.has_value());
  auto kb = kb::load(data);
  auto params = load_params(data);
  ASSERT_TRUE(kb && params);
  auto net = build_network(*kb, *params);
  ASSERT_TRUE(net.has_value());
  ASSERT_EQ(world->baseline.nodes.size(), net->nodes.size());
  for (std::size_t i = 0; i < net->nodes.size(); ++i) {
    EXPECT_EQ(world->baseline.nodes[i].id, net->nodes[i].id);
    EXPECT_EQ(world->baseline.nodes[i].nameplate, net->nodes[i].nameplate);
  }
  EXPECT_EQ(world->baseline.notes, net->notes);
}

TEST(World, AMissingParameterFileIsTheError) {
  base::MemoryData data = base::MemoryData::copy_of_embedded();
  data.remove("supply/model.yaml");
  auto world = World::load(data);
  ASSERT_FALSE(world.has_value());
  EXPECT_EQ(world.error().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(world.error().to_string(), "data/supply/model.yaml: no such data file");
}

TEST(World, ABrokenKnowledgeBaseFailsBeforeTheParameters) {
  base::MemoryData data = base::MemoryData::copy_of_embedded();
  data.put("kb/facilities.csv", "not,a,facility,table\n");
  data.remove("supply/model.yaml");
  auto world = World::load(data);
  ASSERT_FALSE(world.has_value());
  EXPECT_NE(world.error().to_string().find("data/kb/"), std::string::npos) << world.error().to_string();
  EXPECT_EQ(world.error().to_string().find("model.yaml"), std::string::npos) << world.error().to_string();
}


TEST(World, ForYearRebuildsTheBaselineAndRejectsAYearWithoutData) {
  const World* world = &testing::shipped_world();
  EXPECT_EQ(world->year(), 2025);
  auto y = world->for_year(2024);
  ASSERT_TRUE(y.has_value()) << y.error().to_string();
  EXPECT_EQ(y->year(), 2024);
  EXPECT_EQ(y->kb, world->kb);
  auto m = analyze(y->baseline);
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_EQ(m->year, 2024);
  auto bad = world->for_year(1990);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().where().field, "--year");
  EXPECT_NE(bad.error().message().find("years with data"), std::string::npos) << bad.error().to_string();
}

TEST(World, SharesAreReportedByOutputAndByCapacity) {
  const World* world = &testing::shipped_world();
  auto m = analyze(world->baseline);
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  const auto& mining = m->stage(Stage::kMining);
  // Mount Weld's 12,000 t NdPr target counts in capacity, USGS's 29,000 t in output.
  EXPECT_GT(mining.capacity, mining.flow);
  EXPECT_LT(mining.china_location_capacity, mining.china_location_flow);
  for (const auto& s : m->stages) {
    double by_basis = 0;
    for (double t : s.flow_by_basis) by_basis += t;
    EXPECT_NEAR(by_basis, s.flow, 1e-6 * std::max(1.0, s.flow)) << stage_key(s.stage);
  }
}

}  // namespace
}  // namespace assay::supply
