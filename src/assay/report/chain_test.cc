// The supply-chain renderers on a hand-made network; the goldens of
// tests/chain_cli_test.cc pin their output on the shipped data.
#include "assay/report/chain.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
