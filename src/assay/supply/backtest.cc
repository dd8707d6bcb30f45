#include "assay/supply/backtest.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "assay/base/enum_names.h"

namespace assay::supply {
namespace {

constexpr auto kStatusNames = base::enum_names<BacktestStatus>({
    {BacktestStatus::kPass, "pass"},
    {BacktestStatus::kFail, "fail"},
    {BacktestStatus::kReported, "reported"},
    {BacktestStatus::kNotModelled, "not modelled"},
});

// "output, 2025 (sourced 31%, assumed 69%)": what a stage's or a country's
// mine output rests on, by the tonnes of each basis.
std::string basis_text(int year, const std::array<double, 4>& by_basis) {
  double total = 0;
  for (double t : by_basis) total += t;
  std::string parts;
  for (int b = 0; b < 4; ++b) {
    double t = by_basis[static_cast<std::size_t>(b)];
    if (total <= 0 || t < 0.0005 * total) continue;
    parts += fmt::format("{}{} {:.0f}%", parts.empty() ? "" : ", ", figure_basis_name(static_cast<FigureBasis>(b)), 100 * t / total);
  }
  return fmt::format("output, {} ({})", year, parts.empty() ? "none" : parts);
}

void judge(BacktestRow& r) {
  if (!r.model) {
    r.status = BacktestStatus::kNotModelled;
    return;
  }
  r.error = *r.model - r.published;
  if (r.unit != "%" && r.published > 0) r.error_pct = 100 * *r.error / r.published;
  if (!r.band) {
    r.status = BacktestStatus::kReported;
    return;
  }
  double e = r.unit == "%" ? std::fabs(*r.error) : (r.error_pct ? std::fabs(*r.error_pct) : INFINITY);
  r.status = e <= *r.band + 1e-9 ? BacktestStatus::kPass : BacktestStatus::kFail;
}

std::string stage_words(Stage s) {
  switch (s) {
    case Stage::kMining: return "mining";
    case Stage::kConcentration: return "concentration";
    case Stage::kCrackingLeaching: return "cracking and leaching";
    case Stage::kSeparation: return "separation";
    case Stage::kMetalAlloy: return "metal and alloy";
    case Stage::kMagnet: return "magnet";
    case Stage::kRecycling: return "recycling";
  }
  return "";
}

}  // namespace

const char* backtest_status_name(BacktestStatus s) { return kStatusNames.name(s); }

// China's magnet exports month by month under the scenario of what
// happened, from `first` to `last` ("2025-04".."2025-07"), buyers' stocks
// carried: period -> the balance of that month.
base::Result<std::map<std::string, MagnetBalance>> monthly_exports(const Network& year_net, const Scenario& sc, int year,
                                                                     int first, int last) {
  std::map<std::string, MagnetBalance> out;
  auto changed = apply_scenario(year_net, sc);
  if (!changed) return base::fail(changed.error());
  double stock = -1;
  for (int mo = first; mo <= last; ++mo) {
    Period p;
    p.year = year;
    p.first_month = mo;
    p.months = 1;
    auto base_net = for_period(year_net, p);
    if (!base_net) return base::fail(base_net.error());
    auto sc_net = for_period(*changed, p);
    if (!sc_net) return base::fail(sc_net.error());
    auto base = analyze(*base_net);
    if (!base) return base::fail(base.error());
    auto m = analyze(*sc_net);
    if (!m) return base::fail(m.error());
    BalanceInputs in{.made_ex_china = m->magnets_ex_china,
                     .standalone_ex_china = m->standalone_magnets_ex_china,
                     .china_made = m->magnets_world - m->magnets_ex_china,
                     .china_made_baseline = base->magnets_world - base->magnets_ex_china,
                     .made_ex_china_baseline = base->magnets_ex_china,
                     .stock_start = stock};
    MagnetBalance b = magnet_balance(*sc_net, in);
    stock = b.stock_end;
    out[p.label()] = std::move(b);
  }
  return out;
}

base::Result<Backtest> backtest(const World& world, const std::vector<int>& years, const Scenario* trade) {
  Backtest bt;
  bt.years = years;
  const kb::Kb& kb = *world.kb;
  for (int year : years) {
    auto w = world.for_year(year);
    if (!w) return base::fail(w.error());
    const Network& net = w->baseline;
    auto m = analyze(net);
    if (!m) return base::fail(m.error());
    SolveOptions so;
    so.prune_idle = true;
    auto sol = solve(net, so);
    if (!sol) return base::fail(sol.error());
    bt.balances.push_back(mass_balance(net, *sol, kb.balance));

    // Mine output by country and basis (t REO), from the solved flows.
    std::map<std::string, std::array<double, 4>> mined;
    std::array<double, 4> mined_world{};
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
      const Node& n = net.nodes[i];
      if (n.stage != Stage::kMining) continue;
      auto b = static_cast<std::size_t>(n.basis);
      mined[n.country][b] += sol->throughput[i];
      mined_world[b] += sol->throughput[i];
    }
    // China's magnet exports, month by month, where the kb publishes months.
    std::map<std::string, MagnetBalance> months;
    if (trade && !net.trade.empty()) {
      int first = 13, last = 0;
      for (const auto& p : kb.published) {
        if (p.year != year || p.measure != kb::PublishedMeasure::kMagnetExports || p.period.size() != 7) continue;
        const int mo = std::atoi(p.period.substr(5).c_str());
        first = std::min(first, mo);
        last = std::max(last, mo);
      }
      if (first <= last) {
        auto mm = monthly_exports(net, *trade, year, first, last);
        if (!mm) return base::fail(mm.error());
        months = std::move(*mm);
      }
    }
    std::vector<BacktestRow> rows;
    // Published figures of kb/published.csv for this year.
    for (const auto& p : kb.published) {
      if (p.year != year) continue;
      BacktestRow r;
      r.year = year;
      r.period = p.period;
      r.unit = p.unit;
      r.published = p.value;
      r.band = p.band;
      r.band_unit = p.unit == "%" ? "points" : "%";
      r.source = p.row() + ": " + p.source;
      r.note = p.note;
      switch (p.measure) {
        case kb::PublishedMeasure::kChinaShare: {
          auto s = *kb::parse_stage(p.scope);
          const auto& sm = m->stage(s);
          r.key = "china_share." + p.scope;
          r.figure = fmt::format("China's share of {} output (by location)", stage_words(s));
          r.model = 100 * sm.china_location_flow;
          r.model_basis = basis_text(year, sm.flow_by_basis) + ", share of the modelled flow (derived)";
          break;
        }
        case kb::PublishedMeasure::kMagnetOutput: {
          r.key = "magnet_output." + p.scope;
          r.figure = fmt::format("NdFeB magnet output, {}", p.scope == "World" ? "world" : p.scope);
          if (p.scope == "World") r.model = m->magnets_world;
          else if (p.scope == "China") r.model = m->magnets_world - m->magnets_ex_china;
          r.model_basis = basis_text(year, m->stage(Stage::kMagnet).flow_by_basis) + ", t magnet";
          break;
        }
        case kb::PublishedMeasure::kMagnetExports:
          r.key = "magnet_exports." + p.scope;
          r.figure = fmt::format("{}'s exports of magnets and magnet alloys ({})", p.scope, p.period);
          if (auto it = months.find(p.period); it != months.end() && it->second.available && p.scope == "China") {
            const MagnetBalance& b = it->second;
            r.model = b.imports;
            r.model_basis = fmt::format(
                "modelled, {}: China's {} customs exports pro rata ({:.0f} t) x licensed share {:.0f}% (scenario {}) x "
                "China's magnet output against the baseline's ({:.3f})",
                p.period, b.data_year, b.imports_baseline, 100 * b.licensed_share, trade->name, b.china_output_ratio);
          } else if (p.period.size() == 7) {
            r.model_basis = trade ? "not modelled: no month of the year's trade scenario covers it"
                                  : "not modelled: no scenario of what happened to trade was given";
          } else {
            r.model_basis = "not modelled: the year's customs figure is the trade layer's input (kb/trade.csv), not an output";
          }
          break;
      }
      judge(r);
      rows.push_back(std::move(r));
    }
    // USGS mine production by country (countries.csv, newest USGS edition).
    std::map<std::string, const kb::CountryFigure*> usgs;
    for (const auto& c : kb.countries)
      if (c.measure == kb::FigureMeasure::kMineProduction && c.year == year && c.value && c.edition.starts_with("USGS MCS"))
        if (const auto* f = kb.country_figure(c.country, kb::FigureMeasure::kMineProduction, year)) usgs[c.country] = f;
    for (const auto& [country, f] : usgs) {
      double modelled = 0;
      if (auto it = mined.find(country); it != mined.end())
        for (double v : it->second) modelled += v;
      if (*f->value <= 0 && modelled <= 0 && country != "World") continue;  // nothing mined, nothing published
      BacktestRow r;
      r.year = year;
      r.period = std::to_string(year);
      r.key = "mine_production." + country;
      r.figure = country == "World" ? "World mine production" : fmt::format("Mine production, {}", country);
      r.unit = "t REO";
      r.published = *f->value;
      std::array<double, 4> by = country == "World" ? mined_world : (mined.count(country) ? mined[country] : std::array<double, 4>{});
      double t = 0;
      for (double v : by) t += v;
      r.model = t;
      r.model_basis = basis_text(year, by);
      if (country == "Other") r.note = "USGS's \"other countries\": no kb mine is placed there";
      r.source = f->row() + ": " + f->edition + ", " + f->source;
      judge(r);
      rows.push_back(std::move(r));
    }
    for (auto& r : rows) {
      if (r.status == BacktestStatus::kPass) ++bt.passed;
      if (r.status == BacktestStatus::kFail) ++bt.failed;
      bt.rows.push_back(std::move(r));
    }
  }
  return bt;
}

}  // namespace assay::supply
