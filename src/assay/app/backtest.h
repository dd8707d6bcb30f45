// app/backtest: `assay chain backtest`: the supply model run for past years
// and compared with published figures (supply/backtest.h), and its renderer
// (report/backtest.h) for the faces.
//
//   auto world = engine.world();
//   auto bt = app::run_backtest(**world, engine.data(), {});   // the default years
//   if (bt) fmt::print("{}", report::render_backtest(*bt, report::OutputFormat::kTable));
//   int exit_code = bt->failed > 0 ? 1 : 0;
#pragma once

#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"
#include "assay/report/backtest.h"
#include "assay/supply/backtest.h"
#include "assay/supply/world.h"

namespace assay::app {

// The years a backtest runs by default: those with both USGS country mine
// totals (the model can be solved) and published figures in kb/published.csv.
std::vector<int> backtest_years(const supply::World& world);

// The shipped scenario of what happened to trade in the backtest years
// (China's April 2025 controls, licensed month by month), under which the
// backtest models China's monthly magnet exports.
inline constexpr const char* kTradeScenario = "scenarios/china-april-2025-controls.yaml";

// Runs the backtest for `years` (empty: backtest_years()), China's export
// months under kTradeScenario from `data` (without it: "not modelled").
base::Result<supply::Backtest> run_backtest(const supply::World& world, const base::DataSource& data, std::vector<int> years);

}  // namespace assay::app
