#include "assay/app/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "assay/base/embedded.h"

namespace assay::app {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const base::DataSource> embedded() { return std::make_shared<const base::EmbeddedData>(); }

// A memory copy of the embedded data with only the files under `prefixes`.
std::shared_ptr<const base::DataSource> only(std::initializer_list<std::string_view> prefixes) {
  base::MemoryData all = base::MemoryData::copy_of_embedded();
  auto m = std::make_shared<base::MemoryData>();
  for (auto p : prefixes)
    for (const auto& f : all.list(p, "")) m->put(f, *all.read(f));
  return m;
}

text::Document doc(std::string id, std::string text) {
  text::Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  return d;
}

TEST(Engine, BuildsTheAnalyzerOnceAndSharesIt) {
  Engine engine(embedded(), {.impact = false});
  auto a = engine.analyzer();
  ASSERT_TRUE(a.has_value());
  auto b = engine.analyzer();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->get(), b->get());
  auto w1 = engine.world();
  auto w2 = engine.world();
  ASSERT_TRUE(w1.has_value()) << w1.error().to_string();
  EXPECT_EQ(w1->get(), w2->get());
  // One knowledge base: the analyzer's, which the world shares.
  auto kb = engine.knowledge_base();
  ASSERT_TRUE(kb.has_value());
  EXPECT_EQ(kb->get(), (*a)->knowledge_base());
  EXPECT_EQ((*w1)->kb.get(), kb->get());
}

TEST(Engine, TheWorldLoadsTheKnowledgeBaseWhenNoAnalyzerHas) {
  Engine engine(embedded());
  auto w = engine.world();
  ASSERT_TRUE(w.has_value()) << w.error().to_string();
  auto kb = engine.knowledge_base();
  ASSERT_TRUE(kb.has_value());
  EXPECT_EQ((*w)->kb.get(), kb->get());
  EXPECT_FALSE((*kb)->facilities.empty());
}

TEST(Engine, ChecksTheLexiconWithoutTheRestOfTheData) {
  // Only the lexicons: a lexicon check needs nothing else, and the supply
  // world, asked for, fails on the first file it lacks.
  Engine engine(only({"lexicons/"}));
  auto check = engine.check_lexicon();
  EXPECT_TRUE(check.problems.empty());
  ASSERT_TRUE(check.lexicon.has_value());
  EXPECT_GT(check.lexicon->size(), 100u);
  auto world = engine.world();
  ASSERT_FALSE(world.has_value());
  EXPECT_EQ(world.error().code(), base::ErrorCode::kNotFound);
}

TEST(Engine, AMissingSupplyModelFailsTheWorldAndTheImpactButNotTheRulesAlone) {
  auto data = std::make_shared<base::MemoryData>(base::MemoryData::copy_of_embedded());
  data->remove("supply/model.yaml");
  Engine without_impact(data, {.impact = false});
  EXPECT_TRUE(without_impact.analyzer().has_value());
  auto world = without_impact.world();
  ASSERT_FALSE(world.has_value());
  EXPECT_EQ(world.error().to_string(), "data/supply/model.yaml: no such data file");
  Engine with_impact(data, {.impact = true});
  auto a = with_impact.analyzer();
  ASSERT_FALSE(a.has_value());
  ASSERT_EQ(a.error().size(), 1u);
  EXPECT_EQ(a.error()[0].to_string(), "data/supply/model.yaml: no such data file");
}

TEST(Engine, KbCheckListsEveryError) {
  auto data = std::make_shared<base::MemoryData>(base::MemoryData::copy_of_embedded());
  EXPECT_TRUE(Engine(data).check_kb().ok());
  data->put("kb/risks.csv",
            "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n"
            "r1,status,planned,delay,2,1,b,s,estimate\n"
            "r2,status,planned,delay,0.5,-1,b,s,estimate\n");
  auto check = Engine(data).check_kb();
  EXPECT_EQ(check.errors.size(), 2u);
}

TEST(Engine, AnalyzesCritiquesAndRenders) {
  Engine engine(embedded());
  ASSERT_TRUE(engine.analyzer().has_value());
  auto scratch = engine.new_scratch();
  Article a = engine.analyze(doc("one", "Lynas said it would expand its Malaysian plant. Analysts may disagree."), scratch);
  EXPECT_EQ(a.analysis.sentences.size(), 2u);
  EXPECT_FALSE(a.critique.sections.empty());
  EXPECT_EQ(engine.render(a, {.format = report::OutputFormat::kJson, .json_indent = -1}),
            report::render_json(a.analysis, a.critique, -1));
  EXPECT_EQ(engine.render(a, {.format = report::OutputFormat::kMarkdown}), report::render_markdown(a.analysis, a.critique));
  EXPECT_EQ(engine.render(a, {.format = report::OutputFormat::kHtml}), report::render_html(a.analysis, a.critique));
  EXPECT_EQ(std::string(extension(report::OutputFormat::kHtml)), ".html");
}

TEST(Engine, BatchRendersAsTheSingleCallsDo) {
  fs::path path = fs::path(::testing::TempDir()) / "assay_engine_batch.jsonl";
  {
    std::ofstream f(path);
    for (int i = 0; i < 12; ++i)
      f << R"({"id": "d)" << i << R"(", "text": "China said output rose by )" << i << R"(0 percent in May."})" << "\n";
  }
  Engine engine(embedded());
  ASSERT_TRUE(engine.analyzer().has_value());
  RenderOptions ro{.format = report::OutputFormat::kJson, .json_indent = -1};
  std::vector<std::string> batch;
  auto stats = engine.analyze_batch({{path.string()}}, {.pipeline = {.jobs = 3}, .render = ro},
                                    [&](BatchResult&& r) { batch.push_back(std::move(r.rendered)); });
  EXPECT_TRUE(stats.errors.empty());
  ASSERT_EQ(batch.size(), 12u);
  auto scratch = engine.new_scratch();
  for (int i = 0; i < 12; ++i) {
    text::Document d = doc("d" + std::to_string(i), "China said output rose by " + std::to_string(i) + "0 percent in May.");
    d.source = path.string() + ":" + std::to_string(i + 1);
    EXPECT_TRUE(batch[static_cast<std::size_t>(i)] == engine.render(engine.analyze(d, scratch), ro)) << "record " << i;
  }
  fs::remove(path);
}

// The lead's verdicts move the claim status (verify/claim_status.h), on
// articles written for the test: the same lead with a figure the kb
// contradicts and one it supports, a figure it cannot check, and a wrong
// figure outside the lead. The analyzer alone gives the score before.
TEST(Engine, TheLeadsVerdictsMoveTheClaimStatus) {
  Engine engine(embedded());
  ASSERT_TRUE(engine.analyzer().has_value());
  auto scratch = engine.new_scratch();
  const analysis::Analyzer& alone = **engine.analyzer();
  auto dated = [](std::string id, std::string text) {
    text::Document d = doc(std::move(id), std::move(text));
    d.published = "2026-03-01";
    return d;
  };
  struct Case {
    const char* text;
    const char* verdict;  // of the article's one claim
    int moves;            // the claim status's change
  };
  const Case cases[] = {
      {"China mined 350,000 tonnes of rare earths in 2025, the Ministry of Natural Resources said on Tuesday.\n\n"
       "Analysts expect the quota to rise again next year.",
       "contradicted", -20},
      {"China mined 270,000 tonnes of rare earths in 2025, the Ministry of Natural Resources said on Tuesday.\n\n"
       "Analysts expect the quota to rise again next year.",
       "supported", 3},
      {"Ostrava Metals mined 2,000 tonnes of rare earths in 2025, the company said on Tuesday.\n\n"
       "Analysts expect output to rise again next year.",
       "unverifiable", 0},
      // Undated: judged against the latest year, contradicted, but the
      // period it is compared for is an assumption: no move.
      {"China mines about 350,000 tonnes of rare earths a year, the Ministry of Natural Resources said on Tuesday.\n\n"
       "Analysts expect the quota to rise again next year.",
       "contradicted", 0},
      {"Lynas said on Monday that it would expand its plant in Malaysia.\n\nThe company gave no cost.\n\n"
       "Elsewhere, China mined 350,000 tonnes of rare earths in 2025.",
       "contradicted", 0},
  };
  for (const auto& c : cases) {
    text::Document d = dated("case", c.text);
    Article a = engine.analyze(d, scratch);
    analysis::DocumentAnalysis before = alone.analyze(d, scratch);
    ASSERT_EQ(a.analysis.claims.size(), 1u) << c.text;
    EXPECT_EQ(a.analysis.claims[0].verdict, c.verdict) << c.text;
    EXPECT_EQ(a.analysis.assessment.claim_status.score, before.assessment.claim_status.score + c.moves) << c.text;
    EXPECT_EQ(a.analysis.assessment.claim_status.level, before.assessment.claim_status.level) << c.text;
    bool said = false;
    for (const auto& comp : a.analysis.assessment.claim_status.components)
      said |= comp.name.starts_with("kb ") && comp.why.find("data/kb/countries.csv:") != std::string::npos;
    EXPECT_EQ(said, c.moves != 0) << "a move names the row it rests on: " << c.text;
  }
}

}  // namespace
}  // namespace assay::app
