// Runs the HTML reader over the article-extraction pages of
// $ASSAY_SHARED_DIR/eval/extraction and fails when body F1 drops more than
// 0.02 below the figure committed in docs/EVALUATION.md ("HTML extraction").
//
// ASSAY_EXTRACTION_VERBOSE=1 prints each page's precision and recall;
// ASSAY_EXTRACTION_DUMP=DIR writes each page's extraction to DIR/<id>.txt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "assay/eval/extraction.h"
#include "assay/text/reader.h"

namespace assay {
namespace {

namespace fs = std::filesystem;

// The committed body F1 (docs/EVALUATION.md, section "HTML extraction").
constexpr double kCommittedF1 = 0.960;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ExtractionEval, BodyF1HoldsOnTheDevelopmentPages) {
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  if (!shared) GTEST_SKIP() << "ASSAY_SHARED_DIR is not set";
  fs::path dir = fs::path(shared) / "eval" / "extraction";
  if (!fs::exists(dir / "ground-truth.json")) GTEST_SKIP() << "no extraction set at " << dir;
  auto truth = eval::parse_ground_truth(slurp(dir / "ground-truth.json"));
  ASSERT_TRUE(truth.has_value()) << truth.error().to_string();
  std::vector<eval::ExtractionCase> cases;
  for (auto& [id, body] : *truth) {
    fs::path page = dir / "html" / (id + ".html.gz");
    ASSERT_TRUE(fs::exists(page)) << page;
    auto html = eval::gunzip(slurp(page));
    ASSERT_TRUE(html.has_value()) << page << ": " << html.error().to_string();
    cases.push_back({.id = id, .html = std::move(*html), .truth = std::move(body)});
  }
  ASSERT_GE(cases.size(), 80u);
  const char* dump = std::getenv("ASSAY_EXTRACTION_DUMP");
  auto extractor = [&](std::string_view html, std::string_view name) -> base::Result<std::string> {
    auto body = eval::extract_with_reader(html, name);
    if (dump) {
      std::ofstream out(fs::path(dump) / (std::string(name) + ".txt"), std::ios::binary);
      out << (body ? *body : "ERROR: " + body.error().to_string());
    }
    return body;
  };
  eval::ExtractionReport r = eval::evaluate_extraction(cases, extractor);
  if (std::getenv("ASSAY_EXTRACTION_VERBOSE")) {
    auto pages = r.pages;
    std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) {
      return a.score.precision() + a.score.recall() < b.score.precision() + b.score.recall();
    });
    for (const auto& p : pages)
      std::printf("%.3f %.3f %s %s\n", p.score.precision(), p.score.recall(), p.id.c_str(), p.error.c_str());
  }
  std::printf("HTML extraction: %zu pages, F1 %.4f, precision %.4f, recall %.4f\n", r.pages.size(), r.f1,
              r.precision, r.recall);
  EXPECT_GE(r.f1, kCommittedF1 - 0.02);
}

}  // namespace
}  // namespace assay
