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
// Monte Carlo pages draw a histogram of each outcome when the result holds
// its draws (MonteCarloOptions::keep_draws).
//
// Output is deterministic: fixed number formats, stable orders, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "assay/supply/metrics.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/scenario.h"

namespace assay::report {

enum class OutputFormat { kTable, kMarkdown, kJson, kHtml };
std::optional<OutputFormat> parse_format(std::string_view s);

// The JSON of every `assay chain` view carries "schema": kChainSchema
// (docs/SCHEMA.md "assay.chain/1"; docs/schema/chain.schema.json).
inline constexpr const char* kChainSchema = "assay.chain/1";

std::string render_summary(const supply::ChainMetrics& m, OutputFormat f);
std::string render_stages(const supply::ChainMetrics& m, OutputFormat f);
// `year`: the model year the view was solved for (World::year()).
std::string render_facility(const supply::FacilityView& v, int year, OutputFormat f);
// One or more scenarios against the baseline: every metric as
// baseline -> scenario (delta).
// `series` (optional): per scenario, the balance of magnets outside China in
// each period run (app::ScenarioComparison::series), shown as a table by
// period with the reported figure where the kb has one.
std::string render_scenarios(const supply::ChainMetrics& baseline, const std::vector<const supply::Scenario*>& scenarios,
                             const std::vector<supply::ChainMetrics>& results, OutputFormat f,
                             const std::vector<std::vector<supply::MagnetBalance>>& series = {});
std::string render_montecarlo(const supply::MonteCarloResult& r, std::string_view label, OutputFormat f);

// A histogram of a sample: equal-width bins from its smallest to its largest
// value; bin i covers [low + i*width, low + (i+1)*width), the last bin
// includes the largest value. The number of bins follows the
// Freedman-Diaconis rule (the square root of the count when the
// interquartile range is 0), never fewer than Sturges' rule and at most
// `max_bins`. An empty sample gives no bins; a constant one, one bin.
struct Histogram {
  double low = 0, width = 0;
  std::vector<int> counts;
};
Histogram make_histogram(std::vector<double> values, int max_bins = 40);

// The histogram as a responsive SVG (viewBox, width 100%): one bar per bin
// with its range and count as a <title>, an axis from the lowest to the
// highest of the sample and the markers (its ends labelled, with `unit`),
// and a vertical line at each of `markers` (value,
// name; a name starting "demand" is drawn solid, the others dashed), named in
// its <title>.
std::string histogram_svg(const Histogram& h, std::string_view what, std::string_view unit,
                          const std::vector<std::pair<double, std::string>>& markers);

// A standalone SVG Sankey diagram of m.sankey (used by the HTML pages).
std::string sankey_svg(const supply::ChainMetrics& m);

// What a redraw of the stage bars and the Sankey needs of one solved chain:
// each stage's output and capacity by group (China, China-controlled, rest)
// and the mine-to-magnet bands, as the JSON summary gives them (its
// `stages[].groups` and `sankey`), rounded to 0.001 t.
nlohmann::ordered_json flows_json(const supply::ChainMetrics& m);

// The headline metrics as (key, label, unit, value) rows, in a fixed order.
struct MetricRow {
  std::string key, label, unit;
  double value = 0;
};
std::vector<MetricRow> metric_rows(const supply::ChainMetrics& m);

}  // namespace assay::report
