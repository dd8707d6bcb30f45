#include "assay/app/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

namespace assay::app {
namespace {

namespace fs = std::filesystem;

// A JSON Lines file of `n` records ("doc-0" ...), with a broken record after
// record `bad_after` (when >= 0).
std::string write_jsonl(const std::string& name, int n, int bad_after) {
  std::string path = (fs::path(::testing::TempDir()) / name).string();
  std::ofstream f(path);
  for (int i = 0; i < n; ++i) {
    f << fmt::format(R"({{"id": "doc-{}", "text": "Record number {} says little."}})", i, i) << "\n";
    if (i == bad_after) f << "{this is not json\n";
  }
  return path;
}

// An analysis that only remembers the document's id, after a delay that
// varies by record so workers finish out of order.
Article fake_analyze(const text::Document& d, int) {
  int n = std::stoi(d.id.substr(4));
  std::this_thread::sleep_for(std::chrono::microseconds((n * 7919) % 500));
  Article a;
  a.analysis.document.id = d.id;
  return a;
}

TEST(Pipeline, KeepsInputOrderWithSeveralWorkers) {
  std::string path = write_jsonl("assay_pipeline_order.jsonl", 200, -1);
  std::vector<std::string> ids;
  std::atomic<int> renders{0};
  auto stats = run_pipeline(
      {{path}}, {.jobs = 4, .max_in_flight = 8}, fake_analyze,
      [&](const Article& a, int worker) {
        ++renders;
        EXPECT_GE(worker, 0);
        EXPECT_LT(worker, 4);
        return "rendered " + a.analysis.document.id;
      },
      [&](BatchResult&& r) {
        EXPECT_FALSE(r.article.has_value()) << "a render step leaves only the rendering";
        EXPECT_EQ(r.rendered, "rendered " + r.document.id);
        ids.push_back(r.document.id);
      });
  EXPECT_EQ(stats.documents, 200u);
  EXPECT_TRUE(stats.errors.empty());
  EXPECT_EQ(renders.load(), 200);
  ASSERT_EQ(ids.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(ids[static_cast<std::size_t>(i)], fmt::format("doc-{}", i));
  fs::remove(path);
}

TEST(Pipeline, WithoutARenderStepTheWriterGetsTheResultObjects) {
  std::string path = write_jsonl("assay_pipeline_objects.jsonl", 20, -1);
  int n = 0;
  run_pipeline({{path}}, {.jobs = 3}, fake_analyze, nullptr, [&](BatchResult&& r) {
    ASSERT_TRUE(r.article.has_value());
    EXPECT_EQ(r.article->analysis.document.id, fmt::format("doc-{}", n));
    EXPECT_EQ(r.document.source, fmt::format("{}:{}", path, n + 1));
    EXPECT_TRUE(r.rendered.empty());
    ++n;
  });
  EXPECT_EQ(n, 20);
  fs::remove(path);
}

TEST(Pipeline, BadRecordsAndInputsAreReportedAndTheBatchGoesOn) {
  std::string a = write_jsonl("assay_pipeline_bad_a.jsonl", 10, 4);
  std::string b = write_jsonl("assay_pipeline_bad_b.jsonl", 5, -1);
  std::string missing = (fs::path(::testing::TempDir()) / "assay_pipeline_missing.txt").string();
  std::vector<std::string> ids;
  auto stats = run_pipeline({{a}, {missing}, {b}}, {.jobs = 2}, fake_analyze, nullptr,
                            [&](BatchResult&& r) { ids.push_back(r.document.id); });
  EXPECT_EQ(stats.documents, 15u);
  EXPECT_EQ(ids.size(), 15u);
  ASSERT_EQ(stats.errors.size(), 2u);
  // In input order: the broken record (line 6 of a), then the missing file.
  EXPECT_EQ(stats.errors[0].where().file, a);
  EXPECT_EQ(stats.errors[0].where().line, 6);
  EXPECT_EQ(stats.errors[1].where().file, missing);
  fs::remove(a);
  fs::remove(b);
}

// A document cut to max_text_bytes is reported when it is read, before its
// analysis starts (issue 10: the warning came only after the work), and once.
TEST(Pipeline, CapWarningComesBeforeTheAnalysis) {
  std::string path = (fs::path(::testing::TempDir()) / "assay_pipeline_cap.txt").string();
  {
    std::ofstream f(path);
    for (int i = 0; i < 2000; ++i) f << "officials said output would rise ";
  }
  std::vector<std::string> warnings;
  ::testing::internal::CaptureStderr();
  run_pipeline(
      {{path}}, {.jobs = 1, .max_text_bytes = 1000},
      [](const text::Document& d, int) {
        std::fputs("<analysis>\n", stderr);
        Article a;
        a.analysis.document.id = d.id;
        return a;
      },
      nullptr, [&](BatchResult&& r) { warnings = r.document.warnings; });
  std::string err = ::testing::internal::GetCapturedStderr();
  std::size_t warned = err.find("text beyond"), analysed = err.find("<analysis>");
  ASSERT_NE(warned, std::string::npos) << err;
  ASSERT_NE(analysed, std::string::npos) << err;
  EXPECT_LT(warned, analysed) << err;
  EXPECT_EQ(err.find("text beyond", warned + 1), std::string::npos) << err;
  for (const auto& w : warnings) EXPECT_EQ(w.find("text beyond"), std::string::npos) << "reported twice: " << w;
  fs::remove(path);
}

}  // namespace
}  // namespace assay::app
