#include "assay/app/evaluation.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "assay/base/embedded.h"

namespace assay::app {
namespace {

namespace fs = std::filesystem;

// A shared folder with one gold article written for the test: two sentences,
// the first attributed to a named source with a figure, the second a hedge.
fs::path shared_with_one_article() {
  fs::path dir = fs::temp_directory_path() / ("assay-eval-" + std::to_string(::getpid()));
  fs::create_directories(dir / "eval" / "articles");
  nlohmann::ordered_json a;
  a["id"] = "t-001";
  a["outlet"] = "Test Wire";
  a["outlet_type"] = "wire";
  a["title"] = "Miner raises output";
  a["text"] = "Output rose to 12,000 tonnes in 2025, the company said. Prices could fall next year.";
  a["sentences"] = nlohmann::json::array(
      {{{"text", "Output rose to 12,000 tonnes in 2025, the company said."}, {"labels", {"source.named", "quantity"}}},
       {{"text", "Prices could fall next year."}, {"labels", {"hedge", "forecast"}}}});
  std::ofstream(dir / "eval" / "articles" / "t-001.json") << a.dump(2);
  return dir;
}

std::string collect(const std::function<void(const WriteFn&)>& run) {
  std::string out;
  run([&](std::string_view s) { out.append(s); });
  return out;
}

TEST(Evaluation, ScoresTheGoldArticlesOfTheSharedFolder) {
  fs::path shared = shared_with_one_article();
  Engine engine(std::make_shared<const base::EmbeddedData>(), {.impact = false});
  base::Errors errors;
  std::string out = collect([&](const WriteFn& w) {
    auto r = evaluate(engine, {.shared = shared.string(), .sets = {"gold"}, .json = true}, w);
    ASSERT_TRUE(r.has_value());
    errors = r->errors;
  });
  fs::remove_all(shared);
  EXPECT_TRUE(errors.empty()) << errors.to_string();
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["gold"]["articles"], 1);
  EXPECT_EQ(j["gold"]["sentence_boundary_f1"], 1.0);
  EXPECT_GT(j["gold"]["micro_f1"].get<double>(), 0.0);
  EXPECT_FALSE(j.contains("conll"));  // only the sets asked for
}

TEST(Evaluation, AMissingSetIsAnErrorAndTheOthersStillRun) {
  fs::path shared = shared_with_one_article();
  Engine engine(std::make_shared<const base::EmbeddedData>(), {.impact = false});
  base::Errors errors;
  std::string out = collect([&](const WriteFn& w) {
    auto r = evaluate(engine, {.shared = shared.string(), .sets = {"gold", "babe"}}, w);
    ASSERT_TRUE(r.has_value());
    errors = r->errors;
  });
  fs::remove_all(shared);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].to_string().find("babe.dev.jsonl"), std::string::npos) << errors[0].to_string();
  EXPECT_NE(out.find("Gold articles (1)"), std::string::npos) << out;
}

TEST(Evaluation, InvalidDataFilesAreReportedBeforeAnyScoring) {
  auto data = std::make_shared<base::MemoryData>(base::MemoryData::copy_of_embedded());
  data->put("lexicons/hedge.tsv", "category\tpattern\n\tno category\n");
  Engine engine(data, {.impact = false});
  std::string out = collect([&](const WriteFn& w) {
    auto r = evaluate(engine, {.shared = "/nonexistent", .sets = {"gold"}}, w);
    EXPECT_FALSE(r.has_value());
  });
  EXPECT_EQ(out, "");
}

// Issue 10: a shared folder without eval/ printed a table of zeros before the
// error; now the error comes alone, before anything is written.
TEST(Evaluation, AMissingSharedFolderIsOneErrorAndNoTable) {
  Engine engine(std::make_shared<const base::EmbeddedData>(), {.impact = false});
  base::Errors errors;
  std::string out = collect([&](const WriteFn& w) {
    auto r = evaluate(engine, {.shared = "/nonexistent"}, w);
    ASSERT_TRUE(r.has_value());
    errors = r->errors;
  });
  EXPECT_EQ(out, "");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].to_string().find("/nonexistent/eval: no labelled sets here"), std::string::npos)
      << errors[0].to_string();
}

TEST(Training, UnreadableDevelopmentSetsStopBeforeTraining) {
  fs::path out_dir = fs::temp_directory_path() / ("assay-train-" + std::to_string(::getpid()));
  std::string out = collect([&](const WriteFn& w) {
    auto r = train(std::make_shared<const base::EmbeddedData>(), {.shared = "/nonexistent", .out_dir = out_dir.string()}, w);
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->errors.size(), 1u);  // no eval/ folder at all: one error that says where it looked
    EXPECT_NE(r->errors[0].to_string().find("/nonexistent/eval: no labelled sets here"), std::string::npos);
  });
  EXPECT_EQ(out, "");
  EXPECT_FALSE(fs::exists(out_dir));
}

}  // namespace
}  // namespace assay::app
