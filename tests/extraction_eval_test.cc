// Runs the HTML reader over the article-extraction pages of
// $ASSAY_SHARED_DIR/eval/extraction and fails when body F1 drops more than
// 0.02 below the figure committed in $ASSAY_SOURCE_DIR/docs/EVALUATION.md
// (section "HTML extraction", line "Measured figures ...: F1 x").
//
// ASSAY_EXTRACTION_VERBOSE=1 prints each page's precision and recall;
// ASSAY_EXTRACTION_DUMP=DIR writes each page's extraction to DIR/<id>.txt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "assay/eval/extraction.h"
#include "assay/text/reader.h"

namespace assay {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The committed body F1: "Measured figures (...): F1 0.9819, ..." in the
// "## HTML extraction" section of docs/EVALUATION.md. -1 when absent.
double committed_f1(const std::string& doc) {
  std::size_t section = doc.find("## HTML extraction");
  if (section == std::string::npos) return -1;
  std::size_t end = doc.find("\n## ", section + 1);
  std::string body = doc.substr(section, end == std::string::npos ? std::string::npos : end - section);
  std::regex figure(R"(Measured figures[^:]*:\s*F1\s+([0-9]\.[0-9]+))");
  std::smatch m;
  if (!std::regex_search(body, m, figure)) return -1;
  return std::stod(m[1].str());
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
  const char* source = std::getenv("ASSAY_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "ASSAY_SOURCE_DIR is not set";
  double committed = committed_f1(slurp(fs::path(source) / "docs" / "EVALUATION.md"));
  ASSERT_GT(committed, 0) << "docs/EVALUATION.md has no \"Measured figures ...: F1 x\" line under \"## HTML extraction\"";
  EXPECT_GE(r.f1, committed - 0.02) << "committed F1 " << committed;
}

}  // namespace
}  // namespace assay
