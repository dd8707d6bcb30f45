#include "assay/app/backtest.h"

#include <algorithm>
#include <optional>
#include <set>

namespace assay::app {

std::vector<int> backtest_years(const supply::World& world) {
  std::set<int> published;
  for (const auto& p : world.kb->published) published.insert(p.year);
  std::vector<int> years;
  for (int y : supply::data_years(*world.kb))
    if (published.count(y)) years.push_back(y);
  return years;
}

base::Result<supply::Backtest> run_backtest(const supply::World& world, const base::DataSource& data, std::vector<int> years) {
  if (years.empty()) years = backtest_years(world);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  std::optional<supply::Scenario> trade;
  if (auto text = data.read(kTradeScenario)) {
    auto sc = supply::parse_scenario(*text, data.display_path(kTradeScenario));
    if (!sc) return base::fail(sc.error());
    trade = std::move(*sc);
  }
  return supply::backtest(world, years, trade ? &*trade : nullptr);
}

}  // namespace assay::app
