// report/backtest: renders a supply::Backtest (`assay chain backtest`) as a
// plain-text table, Markdown or JSON ("schema": "assay.chain/1", "view":
// "backtest"): each figure's model value, published value, error, band and
// result, what each model figure is (output, year, unit, basis), the
// published source, and each year's mass balance by stage.
//
//   auto bt = supply::backtest(world, {2023, 2024, 2025});
//   std::string text = report::render_backtest(*bt, report::OutputFormat::kTable);
//
// Output is deterministic: fixed number formats, stable orders, no clock.
#pragma once

#include <string>

#include "assay/report/chain.h"
#include "assay/supply/backtest.h"

namespace assay::report {

// kHtml is not offered (the faces refuse it); it renders as Markdown.
std::string render_backtest(const supply::Backtest& bt, OutputFormat f);

}  // namespace assay::report
