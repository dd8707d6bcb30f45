#include "assay/supply/world.h"

#include <fmt/core.h>

#include <algorithm>

namespace assay::supply {

base::Result<World> World::load(const base::DataSource& data) {
  auto kb = kb::load(data);
  if (!kb) return base::fail(kb.error());
  return load(data, std::make_shared<const kb::Kb>(std::move(*kb)));
}

base::Result<World> World::load(const base::DataSource& data, std::shared_ptr<const kb::Kb> kb) {
  auto params = load_params(data);
  if (!params) return base::fail(params.error());
  params->as_of_year = latest_data_year(*kb, params->as_of_year);
  auto net = build_network(*kb, *params);
  if (!net) return base::fail(net.error());
  auto trade = load_trade(data);  // trade.h: kb/trade.csv, kb/demand.csv
  if (!trade) return base::fail(trade.error());
  net->trade = std::move(*trade);
  return World{std::move(kb), std::move(*net)};
}

base::Result<World> World::for_year(int year) const {
  auto years = data_years(*kb);
  if (std::find(years.begin(), years.end(), year) == years.end()) {
    std::string have = years.empty() ? std::string("none") : fmt::format("{} to {}", years.front(), years.back());
    return base::fail(base::Error::invalid(
        fmt::format("{}: the knowledge base has no USGS country mine totals for that year (countries.csv; years with data: {})", year, have),
        {.field = "--year"}));
  }
  if (year == this->year()) return *this;
  ModelParams p = params();
  p.as_of_year = year;
  auto net = build_network(*kb, p);
  if (!net) return base::fail(net.error());
  net->trade = baseline.trade;
  return World{kb, std::move(*net)};
}

}  // namespace assay::supply
