// supply/backtest: the model run for past years and set against what was
// published for them. For each year: China's share of each stage's output
// (kb/published.csv: USGS, IEA), each country's mine production (kb/
// countries.csv, the newest USGS edition for the year), world and Chinese
// NdFeB output (t magnet: sintered NdFeB blocks, docs/DATA.md), and China's
// magnet exports: the months the kb has (kb/published.csv) run one by one
// through the trade layer (trade.h) under the scenario of what happened to
// trade that year (the April 2025 controls), stocks carried from month to
// month; without such a scenario they are "not modelled".
// A figure with a band passes when the model's error is within it; the
// others are reported.
//
//   auto world = supply::World::load(data);
//   auto bt = supply::backtest(*world, {2023, 2024, 2025});   // Result<Backtest>
//   auto with_trade = supply::backtest(*world, {2025}, &april_controls);  // export months modelled
//   for (const auto& r : bt->rows)
//     if (r.status == supply::BacktestStatus::kFail) fmt::print("{} {}: {}\n", r.year, r.figure, *r.error);
//   bool ok = bt->failed == 0;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/balance.h"
#include "assay/supply/metrics.h"
#include "assay/supply/scenario.h"
#include "assay/supply/world.h"

namespace assay::supply {

enum class BacktestStatus : std::uint8_t {
  kPass,         // within its band
  kFail,         // outside its band
  kReported,     // no band: the error is reported only
  kNotModelled,  // the model has no such figure (e.g. magnet trade)
};
const char* backtest_status_name(BacktestStatus s);  // "pass", "fail", "reported", "not modelled"

struct BacktestRow {
  int year = 0;
  std::string period;  // "2025" or "2025-05"
  std::string key;     // "china_share.mining", "mine_production.Myanmar", "magnet_output.World", ...
  std::string figure;  // what it is, in words: "China's share of mining output"
  std::string unit;    // "%", "t REO", "t magnet"
  std::optional<double> model;      // nullopt: not modelled
  std::string model_basis;          // what the model's figure is: "output, 2025, derived (LP flow)"
  double published = 0;
  std::optional<double> error;      // model - published, in `unit` (points for %)
  std::optional<double> error_pct;  // for tonnes: error / published x 100
  std::optional<double> band;       // points (%) or percent of the published value (tonnes)
  std::string band_unit;            // "points" or "%"
  BacktestStatus status = BacktestStatus::kReported;
  std::string source;               // "file:line: source" of the published figure
  std::string note;
};

struct Backtest {
  std::vector<int> years;
  std::vector<BacktestRow> rows;        // by year, then figure
  std::vector<MassBalance> balances;    // one per year
  int failed = 0, passed = 0;           // rows with a band
};

// Runs the model for each year (World::for_year) and compares. An invalid
// year is an error (field "--year"). `trade` is the scenario of what
// happened to trade (its export controls month by month): China's monthly
// magnet exports are modelled under it, from the first month the kb
// publishes in a year to the last; null: those rows are "not modelled".
base::Result<Backtest> backtest(const World& world, const std::vector<int>& years, const Scenario* trade = nullptr);

}  // namespace assay::supply
