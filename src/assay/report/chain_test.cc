// The supply-chain renderers on a hand-made network; the goldens of
// tests/chain_cli_test.cc pin their output on the shipped data.
#include "assay/report/chain.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <numeric>
#include <random>
#include <regex>
#include <set>

#include "assay/report/page.h"

#include "assay/supply/test_network.h"

namespace assay::report {
namespace {

TEST(ChainReport, ParsesFormats) {
  EXPECT_EQ(parse_format("table"), OutputFormat::kTable);
  EXPECT_EQ(parse_format("text"), OutputFormat::kTable);
  EXPECT_EQ(parse_format("md"), OutputFormat::kMarkdown);
  EXPECT_EQ(parse_format("markdown"), OutputFormat::kMarkdown);
  EXPECT_EQ(parse_format("json"), OutputFormat::kJson);
  EXPECT_EQ(parse_format("html"), OutputFormat::kHtml);
  EXPECT_FALSE(parse_format("pdf"));
}

TEST(ChainReport, SummaryInEveryFormatIsDeterministic) {
  auto m = supply::analyze(supply::testing::tiny_network());
  ASSERT_TRUE(m) << m.error().to_string();
  for (OutputFormat f : {OutputFormat::kTable, OutputFormat::kMarkdown, OutputFormat::kJson, OutputFormat::kHtml}) {
    std::string a = render_summary(*m, f), b = render_summary(*m, f);
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b);
  }
  auto j = nlohmann::json::parse(render_summary(*m, OutputFormat::kJson));
  EXPECT_TRUE(j.is_object());
  std::string page = render_summary(*m, OutputFormat::kHtml);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // self-contained, no scripts
  EXPECT_NE(render_summary(*m, OutputFormat::kMarkdown).find("# "), std::string::npos);
}

// Every <svg> of a page: a viewBox, no fixed width, and every <text> whose
// estimated width (page.h's text_width, generous for DejaVu Sans) fits
// between its x and the viewBox's right edge; no label cut with an ellipsis.
// Returns the number of labels checked.
int expect_svg_labels_fit(const std::string& page) {
  static const std::regex svg_re(R"re(<svg ([^>]*)>([\s\S]*?)</svg>)re");
  static const std::regex vb_re(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re");
  static const std::regex font_re(R"re(font-size:([0-9.]+)px)re");
  static const std::regex text_re(R"re(<text[^>]* x="([0-9.-]+)" y="([0-9.-]+)"([^>]*)>([^<]*)</text>)re");
  int labels = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), svg_re); it != std::sregex_iterator(); ++it) {
    std::string attrs = (*it)[1], inner = (*it)[2];
    std::smatch vb, font;
    EXPECT_TRUE(std::regex_search(attrs, vb, vb_re)) << attrs;
    EXPECT_TRUE(std::regex_search(attrs, font, font_re)) << attrs;
    EXPECT_EQ(attrs.find(" width="), std::string::npos) << "fixed width: " << attrs;
    if (vb.empty() || font.empty()) continue;
    double w = std::stod(vb[1]), h = std::stod(vb[2]), size = std::stod(font[1]);
    for (auto t = std::sregex_iterator(inner.begin(), inner.end(), text_re); t != std::sregex_iterator(); ++t) {
      double x = std::stod((*t)[1]), y = std::stod((*t)[2]);
      std::string text = std::regex_replace(std::string((*t)[4]), std::regex("&[a-z#0-9]+;"), "&");
      bool end = std::string((*t)[3]).find("text-anchor=\"end\"") != std::string::npos;
      double from = end ? x - text_width(text, size) : x;
      EXPECT_EQ(text.find("\u2026"), std::string::npos) << "cut label: " << text;
      EXPECT_GE(from, 0) << "label wider than its room: " << text;
      EXPECT_LE(from + text_width(text, size), w) << "label wider than its room: " << text;
      EXPECT_GE(y - size, 0) << text;
      EXPECT_LE(y, h) << text;
      ++labels;
    }
  }
  return labels;
}

TEST(ChainReport, ChartsFitTheirLabelsAndEveryNodeIsNamed) {
  auto m = supply::analyze(supply::testing::tiny_network());
  ASSERT_TRUE(m) << m.error().to_string();
  for (const std::string& page : {render_summary(*m, OutputFormat::kHtml), render_stages(*m, OutputFormat::kHtml)}) {
    EXPECT_NE(page.find("<meta name=\"viewport\""), std::string::npos);
    EXPECT_GT(expect_svg_labels_fit(page), 0);
  }
  // Every Sankey node has a <title> and a label, and a row in the table
  // under the diagram.
  std::string svg = sankey_svg(*m);
  std::regex node_re(R"re(<rect [^>]*><title>([^<]+)</title></rect>\n<text [^>]*>([^<]+)</text>)re");
  int nodes = static_cast<int>(std::distance(std::sregex_iterator(svg.begin(), svg.end(), node_re), std::sregex_iterator()));
  std::set<std::pair<int, std::string>> distinct;
  for (const auto& l : m->sankey) {
    distinct.insert({static_cast<int>(l.from_stage), l.from_group});
    distinct.insert({static_cast<int>(l.to_stage), l.to_group});
  }
  EXPECT_EQ(nodes, static_cast<int>(distinct.size()));
  std::string page = render_summary(*m, OutputFormat::kHtml);
  EXPECT_NE(page.find("Magnets outside China: "), std::string::npos);
  EXPECT_NE(page.find("<th>where</th>"), std::string::npos);
}

TEST(Page, TextWidthAndWrapping) {
  EXPECT_GT(text_width("WWW", 10), text_width("iii", 10));
  EXPECT_DOUBLE_EQ(text_width("", 12), 0);
  // DejaVu Sans digits are 0.636 em: the estimate is never below.
  EXPECT_GE(text_width("0123456789", 10), 63.6);
  auto lines = wrap_text("mining: 64.5% in China, 0.0% China-controlled, 35.5% rest", 13, 200);
  ASSERT_GT(lines.size(), 1u);
  for (const auto& l : lines) EXPECT_LE(text_width(l, 13), 200) << l;
  EXPECT_EQ(wrap_text("a-very-long-single-word", 13, 10).size(), 1u);  // kept whole
  Page p;
  p.kind = "Supply chain";
  p.title = "A < B";
  p.body = "<p>x</p>";
  std::string html = render_page(p);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("width=device-width, initial-scale=1"), std::string::npos);
  EXPECT_NE(html.find("<title>A &lt; B</title>"), std::string::npos);
  EXPECT_NE(html.find(page_stylesheet()), std::string::npos);
}

// The humps of a histogram: runs of bins at least a fifth of the highest,
// told apart by a valley (a bin under a tenth of the highest) between them.
int humps(const Histogram& h) {
  int peak = *std::max_element(h.counts.begin(), h.counts.end());
  int found = 0;
  bool in_hump = false;
  for (int c : h.counts) {
    if (c * 5 >= peak && !in_hump) {
      ++found;
      in_hump = true;
    } else if (c * 10 < peak) {
      in_hump = false;  // a valley: the next high bin is another hump
    }
  }
  return found;
}

TEST(Histogram, ABimodalSampleShowsTwoHumps) {
  // Two normal-ish clusters (sums of uniforms), around 20,000 and 26,000 t.
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> sample;
  for (int i = 0; i < 2000; ++i) {
    double noise = 0;
    for (int k = 0; k < 6; ++k) noise += u(rng);
    sample.push_back((i % 3 == 0 ? 20000 : 26000) + 250 * noise);
  }
  Histogram h = make_histogram(sample);
  ASSERT_GE(h.counts.size(), 10u);
  EXPECT_LE(h.counts.size(), 40u);
  EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), 0), 2000);
  EXPECT_EQ(humps(h), 2);
  // The same number of draws in one cluster: one hump.
  std::vector<double> one;
  for (int i = 0; i < 2000; ++i) {
    double noise = 0;
    for (int k = 0; k < 6; ++k) noise += u(rng);
    one.push_back(23000 + 250 * noise);
  }
  EXPECT_EQ(humps(make_histogram(one)), 1);
  // Degenerate samples.
  EXPECT_TRUE(make_histogram({}).counts.empty());
  Histogram flat = make_histogram({5, 5, 5});
  ASSERT_EQ(flat.counts.size(), 1u);
  EXPECT_EQ(flat.counts[0], 3);
  // The chart: one bar per non-empty bin, with a viewBox and no fixed width.
  std::string svg = histogram_svg(h, "magnets outside China", "t", {{23000, "P50"}, {21000, "demand"}});
  int bars = 0;
  for (int c : h.counts) bars += c > 0;
  std::regex bar_re("<rect ");
  EXPECT_EQ(std::distance(std::sregex_iterator(svg.begin(), svg.end(), bar_re), std::sregex_iterator()), bars);
  EXPECT_NE(svg.find("viewBox="), std::string::npos);
  EXPECT_NE(svg.find("<title>demand: 21,000 t</title>"), std::string::npos);
  EXPECT_GT(expect_svg_labels_fit(svg), 0);
  // A demand above every draw still shows: the axis reaches it.
  std::string above = histogram_svg(h, "magnets outside China", "t", {{40000, "demand"}});
  EXPECT_NE(above.find("<title>demand: 40,000 t</title>"), std::string::npos);
  EXPECT_NE(above.find(">40,000 t</text>"), std::string::npos);
}

TEST(ChainReport, MonteCarloPageDrawsAHistogramOfTheDraws) {
  supply::MonteCarloResult r;
  r.draws = 50;
  r.demand = 1500;
  for (int i = 0; i < 50; ++i) {
    supply::DrawOutcome d;
    d.magnets_ex_china = i < 25 ? 1000 + i : 2000 + i;
    d.magnets_world = 5000;
    r.per_draw.push_back(d);
  }
  std::string page = render_montecarlo(r, "baseline", OutputFormat::kHtml);
  EXPECT_NE(page.find("Distributions over the draws"), std::string::npos);
  EXPECT_NE(page.find("aria-label=\"Distribution of NdFeB magnet output outside China over the draws\""), std::string::npos);
  EXPECT_GT(expect_svg_labels_fit(page), 0);
  r.per_draw.clear();  // without the draws: the table only
  EXPECT_EQ(render_montecarlo(r, "baseline", OutputFormat::kHtml).find("<svg"), std::string::npos);
}

TEST(ChainReport, MetricRowsInFixedOrder) {
  auto m = supply::analyze(supply::testing::tiny_network());
  ASSERT_TRUE(m);
  auto rows = metric_rows(*m);
  ASSERT_FALSE(rows.empty());
  auto again = metric_rows(*m);
  ASSERT_EQ(rows.size(), again.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].key, again[i].key);
    EXPECT_FALSE(rows[i].label.empty());
  }
}

TEST(ChainReport, MonteCarloJsonCarriesDistributions) {
  supply::MonteCarloResult r;
  r.draws = 10;
  r.seed = 3;
  r.demand = 1600;
  r.p_shortfall = 0.5;
  r.magnets_world.p50 = 1234.5;
  auto j = nlohmann::json::parse(render_montecarlo(r, "baseline", OutputFormat::kJson));
  EXPECT_EQ(j["draws"], 10);
  EXPECT_EQ(j["scenario"], "baseline");
  EXPECT_DOUBLE_EQ(j["distributions"]["magnets_world"]["p50"].get<double>(), 1234.5);
  EXPECT_NE(render_montecarlo(r, "baseline", OutputFormat::kTable).find("falls below the reference level of 1,600 t"), std::string::npos);
}

}  // namespace
}  // namespace assay::report
