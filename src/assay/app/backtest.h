// app/backtest: `assay chain backtest`: the supply model run for past years
// and compared with published figures (supply/backtest.h), and its renderer
// (report/backtest.h) for the faces.
//
//   auto world = engine.world();
//   auto bt = app::run_backtest(**world, {});          // the default years
//   if (bt) fmt::print("{}", report::render_backtest(*bt, report::OutputFormat::kTable));
//   int exit_code = bt->failed > 0 ? 1 : 0;
#pragma once

#include <vector>

#include "assay/base/error.h"
#include "assay/report/backtest.h"
#include "assay/supply/backtest.h"
#include "assay/supply/world.h"

namespace assay::app {

// The years a backtest runs by default: those with both USGS country mine
// totals (the model can be solved) and published figures in kb/published.csv.
std::vector<int> backtest_years(const supply::World& world);

// Runs the backtest for `years` (empty: backtest_years()).
base::Result<supply::Backtest> run_backtest(const supply::World& world, std::vector<int> years);

}  // namespace assay::app
