#include "assay/verify/model_facts.h"

#include <gtest/gtest.h>

#include <memory>

#include "assay/analysis/claims.h"
#include "assay/supply/network.h"
#include "assay/supply/solver.h"
#include "assay/supply/world.h"
#include "assay/verify/verify.h"

namespace assay::verify {
namespace {

std::shared_ptr<const supply::World> embedded_world() {
  static const std::shared_ptr<const supply::World> world = [] {
    auto w = supply::World::load(base::EmbeddedData{});
    EXPECT_TRUE(w.has_value());
    if (!w) std::abort();
    return std::make_shared<const supply::World>(std::move(*w));
  }();
  return world;
}

TEST(ModelFacts, TheTextFormKeepsEveryFigureExactly) {
  ModelTable t;
  t.fingerprint = "0123456789abcdef";
  ModelFacts f;
  f.year = 2024;
  f.stages.push_back({"t REO", {{"China", 270000.0}, {"Burma (Myanmar)", 0.1}}, {{"China", 1.0 / 3.0}}});
  f.stages.push_back({"t separated REO", {}, {{"United States", 1e-300}, {"Malaysia", 123456.78901234567}}});
  t.years.emplace(2024, f);
  ModelFacts g = f;
  g.year = 2019;
  g.stages[0].flow_by_country[0].value = 2.0 / 7.0;
  t.years.emplace(2019, g);
  auto back = read_model_facts(write_model_facts(t));
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->fingerprint, t.fingerprint);
  ASSERT_EQ(back->years.size(), 2u);
  EXPECT_TRUE(back->years.at(2024) == f);
  EXPECT_TRUE(back->years.at(2019) == g);
  EXPECT_EQ(back->years.at(2024).stage(kb::Stage::kMining).flow_by_country[0].value, 1.0 / 3.0);
}

TEST(ModelFacts, ABrokenTextNamesTheLine) {
  auto header = read_model_facts("model facts\n");
  ASSERT_FALSE(header.has_value());
  EXPECT_EQ(header.error().where().line, 1);
  auto number = read_model_facts("assay-model-facts 1\nfingerprint ab\nyear 2024\nstage\t0\tt REO\nc\tChina\t12x\n");
  ASSERT_FALSE(number.has_value());
  EXPECT_EQ(number.error().where().line, 5);
  EXPECT_NE(number.error().to_string().find("12x"), std::string::npos);
  auto order = read_model_facts("assay-model-facts 1\nfingerprint ab\nyear 2024\nstage\t1\tt REO\n");
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().where().line, 4);
  EXPECT_FALSE(read_model_facts("assay-model-facts 1\nyear 2024\n").has_value());  // no fingerprint
  EXPECT_FALSE(read_model_facts("assay-model-facts 1\nfingerprint ab\nc\tChina\t1\n").has_value());
}

// The table the build compiled in is what solving the embedded data gives,
// year by year, and covers every year a Verifier could ask a model for.
TEST(ModelFacts, TheBuildsRunsAreTheModelsOwn) {
  const ModelTable* t = precomputed_models(base::EmbeddedData{});
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->fingerprint, world_fingerprint(base::EmbeddedData{}));
  auto world = embedded_world();
  std::vector<int> years = supply::data_years(*world->kb);
  ASSERT_FALSE(years.empty());
  EXPECT_TRUE(t->years.contains(world->year()));
  for (int y : years) {
    auto w = y == world->year() ? base::Result<supply::World>(*world) : world->for_year(y);
    ASSERT_TRUE(w.has_value()) << y;
    auto m = supply::analyze(w->baseline);
    supply::release_thread_solver();
    ASSERT_TRUE(m.has_value()) << y;
    ASSERT_TRUE(t->years.contains(y)) << y;
    EXPECT_TRUE(t->years.at(y) == facts_of(*m)) << "the build's run of " << y << " differs from solving it now";
  }
  // No year beyond those with data.
  for (const auto& [y, f] : t->years) {
    EXPECT_EQ(f.year, y);
    EXPECT_TRUE(y == world->year() || std::find(years.begin(), years.end(), y) != years.end()) << y;
  }
}

TEST(ModelFacts, OtherDataAreSolvedNotLookedUp) {
  auto same = base::MemoryData::copy_of_embedded();
  EXPECT_NE(precomputed_models(same), nullptr);
  EXPECT_EQ(world_fingerprint(same), world_fingerprint(base::EmbeddedData{}));
  // One changed byte in a file the world is built from: another world.
  auto edited = base::MemoryData::copy_of_embedded();
  auto facilities = edited.read("kb/facilities.csv");
  ASSERT_TRUE(facilities.has_value());
  edited.put("kb/facilities.csv", *facilities + "\n");
  EXPECT_NE(world_fingerprint(edited), world_fingerprint(base::EmbeddedData{}));
  EXPECT_EQ(precomputed_models(edited), nullptr);
  auto model = base::MemoryData::copy_of_embedded();
  model.put("supply/model.yaml", *model.read("supply/model.yaml") + "# a comment\n");
  EXPECT_EQ(precomputed_models(model), nullptr);
  // A file outside kb/ and supply/ does not make another world.
  auto lexicon = base::MemoryData::copy_of_embedded();
  lexicon.put("lexicons/extra.tsv", "x\n");
  EXPECT_NE(precomputed_models(lexicon), nullptr);
}

// A Verifier reading the build's runs judges as one that solves.
TEST(ModelFacts, VerdictsAreTheSameReadOrSolved) {
  auto world = embedded_world();
  Verifier solved(world->kb, world);
  Verifier read(world->kb, world, precomputed_models(base::EmbeddedData{}));
  const char* kClaims[] = {
      "China is the world's largest refiner of rare earths.",
      "Malaysia is the second-largest refiner of rare earths outside China.",
      "China holds about 85% of the world's rare-earth separation capacity.",
      "China makes about 60% of the world's rare-earth metal.",
      "China produced 94% of the world's sintered magnets in 2023.",
  };
  int model_evidence = 0;
  for (const char* text : kClaims) {
    for (const auto& c : analysis::find_claims(text, world->kb.get())) {
      for (const char* date : {"2026-03-01", "2024-02-01", ""}) {
        Judgement a = solved.judge(c, date), b = read.judge(c, date);
        EXPECT_EQ(verdict_name(a.verdict), verdict_name(b.verdict)) << text << " " << date;
        EXPECT_EQ(a.reason, b.reason) << text << " " << date;
        ASSERT_EQ(a.evidence.size(), b.evidence.size()) << text;
        for (std::size_t i = 0; i < a.evidence.size(); ++i) {
          EXPECT_EQ(a.evidence[i].row, b.evidence[i].row);
          EXPECT_EQ(a.evidence[i].value, b.evidence[i].value);
          model_evidence += a.evidence[i].row.starts_with("model:");
        }
      }
    }
  }
  supply::release_thread_solver();
  EXPECT_GT(model_evidence, 3);  // the claims reached the model
}

}  // namespace
}  // namespace assay::verify
