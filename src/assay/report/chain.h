// report/chain: renders the supply model's results (supply::analyse,
// scenarios, Monte Carlo) as a plain-text table, Markdown, JSON or one
// self-contained HTML page (per-stage bars of China / China-controlled /
// rest, and an SVG Sankey diagram of the flows from mines to magnets; no
// scripts, fonts or network needed to view it).
//
//   auto m = supply::analyze(net);
//   std::string md = report::render_summary(*m, report::OutputFormat::kMarkdown);
//   std::string page = report::render_summary(*m, report::OutputFormat::kHtml);
//
// Output is deterministic: fixed number formats, stable orders, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/supply/metrics.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/scenario.h"

namespace assay::report {

enum class OutputFormat { kTable, kMarkdown, kJson, kHtml };
std::optional<OutputFormat> parse_format(std::string_view s);

std::string render_summary(const supply::ChainMetrics& m, OutputFormat f);
std::string render_stages(const supply::ChainMetrics& m, OutputFormat f);
std::string render_facility(const supply::FacilityView& v, OutputFormat f);
// One or more scenarios against the baseline: every metric as
// baseline -> scenario (delta).
std::string render_scenarios(const supply::ChainMetrics& baseline, const std::vector<const supply::Scenario*>& scenarios,
                             const std::vector<supply::ChainMetrics>& results, OutputFormat f);
std::string render_montecarlo(const supply::MonteCarloResult& r, std::string_view label, OutputFormat f);

// A standalone SVG Sankey diagram of m.sankey (used by the HTML pages).
std::string sankey_svg(const supply::ChainMetrics& m);

// The headline metrics as (key, label, unit, value) rows, in a fixed order.
struct MetricRow {
  std::string key, label, unit;
  double value = 0;
};
std::vector<MetricRow> metric_rows(const supply::ChainMetrics& m);

}  // namespace assay::report
