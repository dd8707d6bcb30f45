// supply/chain_report: renders the supply model's results as a plain-text
// table, Markdown, JSON or one self-contained HTML page (per-stage bars of
// China / China-controlled / rest, and an SVG Sankey diagram of the flows
// from mines to magnets; no scripts, fonts or network needed to view it).
//
// It lives in supply because src/assay/report (layer 5 in DESIGN.md) has no
// build yet; it depends only on supply's own types and moves there as is.
//
//   auto m = supply::analyse(net);
//   std::string md = supply::render_summary(*m, supply::Format::kMarkdown);
//   std::string page = supply::render_summary(*m, supply::Format::kHtml);
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

namespace assay::supply {

enum class Format { kTable, kMarkdown, kJson, kHtml };
std::optional<Format> parse_format(std::string_view s);

std::string render_summary(const ChainMetrics& m, Format f);
std::string render_stages(const ChainMetrics& m, Format f);
std::string render_facility(const FacilityView& v, Format f);
// One or more scenarios against the baseline: every metric as
// baseline -> scenario (delta).
std::string render_scenarios(const ChainMetrics& baseline, const std::vector<const Scenario*>& scenarios,
                             const std::vector<ChainMetrics>& results, Format f);
std::string render_montecarlo(const MonteCarloResult& r, std::string_view label, Format f);

// A standalone SVG Sankey diagram of m.sankey (used by the HTML pages).
std::string sankey_svg(const ChainMetrics& m);

// The headline metrics as (key, label, unit, value) rows, in a fixed order.
struct MetricRow {
  std::string key, label, unit;
  double value = 0;
};
std::vector<MetricRow> metric_rows(const ChainMetrics& m);

}  // namespace assay::supply
