// assay chain: the supply-chain model. Subcommands:
//   summary                      China's share by stage, magnets, what binds ex-China
//   stages                       capacity and flow by country and controller, per stage
//   facility ID                  one facility-stage: capacity, flow, inputs, outputs
//   scenario FILE...             every metric as baseline -> scenario (delta)
//   montecarlo FILE --draws N --seed S   outage/delay/ramp risks; percentiles
//   backtest [--year Y]...       the model for past years against published figures
// Each takes --format table|md|json|html and --year Y (default: the latest
// year with USGS country mine totals in the kb). FILE is a path, or the name of a
// shipped scenario (data/scenarios/NAME.yaml), or "baseline" for montecarlo.
#include <fmt/core.h>

#include <charconv>
#include <optional>
#include <system_error>

#include "assay/app/backtest.h"
#include "assay/app/catalog.h"
#include "assay/app/chain.h"
#include "assay/app/engine.h"
#include "assay/app/scenarios.h"
#include "assay/base/progress.h"
#include "assay/base/strings.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct ChainOptions {
  std::string format = "table";
  std::string objective = "magnets";
  std::string facility;
  std::vector<std::string> files;
  std::vector<std::string> sets;  // name=value parameter overrides
  int draws = 1000;
  std::uint64_t seed = 1;
  int threads = 1;
  int year = 0;              // 0 = the latest year with data
  std::string period;        // --period: a month, a quarter or a range of them (period.h)
  double reference = -1;     // --reference-level
  std::string demand_alias;  // --demand, the old name of --reference-level (hidden; warns; checked in run)
  bool timing = false;
  bool list = false;  // chain scenario --list
  std::vector<int> years;  // chain backtest --year (repeatable)
};

void print_error(const base::Error& e) { fmt::print(stderr, "assay: error: {}\n", e.to_string()); }

// A scenario error of the command line's own making (a --set the scenario
// does not declare) is a usage error, exit 2, as a malformed --set is.
int scenario_failure(const base::Error& e) {
  print_error(e);
  return e.where().field == "--set" ? kExitUsage : kExitFailure;
}

enum class ChainView { kSummary, kStages, kFacility, kScenario, kMonteCarlo, kBacktest };

int emit(const std::string& s) {
  write_stdout(s);
  if (!s.empty() && s.back() != '\n') write_stdout("\n");
  return kExitOk;
}

// `assay chain scenario --list`: the shipped scenarios and their titles.
int list_scenarios(const ChainOptions& o, const GlobalOptions& g) {
  if (!o.files.empty()) {
    fmt::print(stderr, "assay: error: --list takes no scenario names\n");
    return kExitUsage;
  }
  auto data = open_data(g);
  auto format = app::parse_list_format(o.format == "html" ? "" : o.format);
  if (!format) {
    fmt::print(stderr, "assay: error: --list prints table, md or json, not {}\n", o.format);
    return kExitUsage;
  }
  write_stdout(app::render(app::scenario_table(app::scenario_catalog(*data)), *format));
  return kExitOk;
}

int run(const ChainOptions& o, ChainView view, const GlobalOptions& g) {
  if (view == ChainView::kScenario && o.list) return list_scenarios(o, g);
  if (view == ChainView::kScenario && o.files.empty()) {
    fmt::print(stderr, "assay: error: 'assay chain scenario' needs a scenario (a file or a shipped name; --list lists them)\n");
    return kExitUsage;
  }
  auto format = report::parse_format(o.format);
  auto objective = supply::parse_objective(o.objective);
  if (!format || !objective) {
    fmt::print(stderr, "assay: error: bad --format or --objective\n");
    return kExitUsage;
  }
  app::Engine engine = make_engine(g);
  auto loaded = engine.world();
  if (!loaded) {
    print_error(loaded.error());
    return kExitDataError;
  }
  if (view == ChainView::kBacktest) {
    if (*format == report::OutputFormat::kHtml) {
      fmt::print(stderr, "assay: error: 'assay chain backtest' prints table, md or json, not html\n");
      return kExitUsage;
    }
    auto bt = app::run_backtest(**loaded, engine.data(), o.years);
    if (!bt) {
      print_error(bt.error());
      return bt.error().where().field == "--year" ? kExitUsage : kExitFailure;
    }
    emit(report::render_backtest(*bt, *format));
    return bt->failed > 0 ? kExitFailure : kExitOk;
  }
  // --period: one period, or for `scenario` a range; its year is the model
  // year unless --year says otherwise (then they must agree).
  std::vector<supply::Period> periods;
  int year = o.year;
  if (!o.period.empty()) {
    auto ps = app::parse_periods(o.period, view == ChainView::kScenario);
    if (!ps) {
      print_error(ps.error());
      return kExitUsage;
    }
    periods = std::move(*ps);
    if (year == 0) year = periods.front().year;
    for (const auto& p : periods)
      if (p.year != year) {
        print_error(base::Error::invalid(fmt::format("period {} is not in the model year {} (a range stays within one year)", p.label(), year),
                                         {.field = "--period"}));
        return kExitUsage;
      }
  }
  // --year: the same kb and parameters, the baseline built for that year.
  const supply::World* world = &**loaded;
  std::optional<supply::World> for_year;
  if (year != 0 && year != world->year()) {
    auto y = world->for_year(year);
    if (!y) {
      print_error(y.error());
      return kExitUsage;
    }
    for_year = std::move(*y);
    world = &*for_year;
  }
  if (view == ChainView::kSummary || view == ChainView::kStages) {
    auto m = app::baseline_metrics(*world, *objective, periods.empty() ? supply::Period{} : periods.front());
    if (!m) {
      print_error(m.error());
      return kExitFailure;
    }
    return emit(view == ChainView::kSummary ? report::render_summary(*m, *format) : report::render_stages(*m, *format));
  }
  if (view == ChainView::kFacility) {
    auto v = app::facility(*world, o.facility, *objective);
    if (!v) {
      print_error(v.error());
      return kExitFailure;
    }
    return emit(report::render_facility(*v, world->year(), *format));
  }
  auto sets = app::parse_sets(o.sets);
  if (!sets) {
    print_error(sets.error());
    return kExitUsage;
  }
  if (view == ChainView::kScenario) {
    auto cmp = app::compare_scenarios(*world, engine.data(), o.files, *sets, *objective, periods);
    if (!cmp) return scenario_failure(cmp.error());
    return emit(report::render_scenarios(cmp->baseline, cmp->scenario_pointers(), cmp->results, *format, cmp->series));
  }
  supply::MonteCarloOptions mo;
  mo.draws = o.draws;
  mo.seed = o.seed;
  mo.threads = o.threads;
  mo.objective = *objective;
  mo.demand = o.reference;
  if (!o.demand_alias.empty()) {
    // A hidden option has no name in CLI11's messages, so the old name is
    // read and checked here, with the messages in_range gives.
    double v = 0;
    const char* end = o.demand_alias.data() + o.demand_alias.size();
    auto [ptr, ec] = std::from_chars(o.demand_alias.data(), end, v);
    if (ec != std::errc() || ptr != end) {
      fmt::print(stderr, "assay: error: --demand: '{}' is not a number\nassay: run 'assay chain montecarlo --help' for usage\n", o.demand_alias);
      return kExitUsage;
    }
    if (!(v >= 0 && v <= 1e7)) {
      fmt::print(stderr, "assay: error: --demand: {} is out of range: 0 to 10000000\nassay: run 'assay chain montecarlo --help' for usage\n",
                 o.demand_alias);
      return kExitUsage;
    }
    fmt::print(stderr, "assay: warning: --demand is the old name of --reference-level (a reference level for magnet output outside China, "
                       "not demand); use --reference-level\n");
    if (o.reference < 0) mo.demand = v;
  }
  // The bar every long command shows (base/progress.h); the results are
  // printed at the end, so a terminal on stdout does not turn it off.
  base::Progress bar(show_progress(g), static_cast<std::uint64_t>(o.draws), "draws");
  if (bar.enabled()) mo.on_draws = [&bar](int n) { bar.add(static_cast<std::uint64_t>(n)); };
  mo.keep_draws = *format == report::OutputFormat::kHtml;  // the page draws histograms of the draws
  auto mc = app::monte_carlo(*world, engine.data(), o.files.empty() ? std::string() : o.files[0], *sets, mo);
  bar.finish();
  if (!mc) return scenario_failure(mc.error());
  const supply::MonteCarloResult* r = &mc->result;
  if (o.timing)
    fmt::print(stderr, "assay: {} draws in {:.3f} s ({:.0f} draws/s on {}); {:.3f} CPU-s ({:.0f} draws per CPU-s), {:.1f} pivots per draw\n",
               r->draws, r->seconds, r->seconds > 0 ? r->draws / r->seconds : 0.0, base::counted(r->threads, "thread", "threads"), r->cpu_seconds,
               r->cpu_seconds > 0 ? r->draws / r->cpu_seconds : 0.0, static_cast<double>(r->iterations) / r->draws);
  return emit(report::render_montecarlo(*r, mc->label, *format));
}

Registrar reg(50, [](CLI::App& app, const GlobalOptions& g) {
  static ChainOptions o;
  auto* chain = app.add_subcommand("chain", "The rare-earth supply-chain model: shares, flows, scenarios, Monte Carlo");
  chain->require_subcommand(1);
  auto common = [](CLI::App* c) {
    c->add_option("--format", o.format, "Output: table, md, json or html")->check(CLI::IsMember({"table", "md", "json", "html"}));
    c->add_option("--objective", o.objective, "What the LP maximises: magnets or magnets_ex_china")
        ->check(CLI::IsMember({"magnets", "magnets_ex_china"}));
    c->add_option("--year", o.year, "Model year: output figures of that year, capacity as a bound (default: the latest year with USGS country mine totals)")
        ->check(in_range(1900, 2100));
  };
  auto period = [](CLI::App* c, const char* what) { c->add_option("--period", o.period, what); };
  auto* summary = chain->add_subcommand("summary", "China's share by stage, magnet output, and what limits the chain outside China");
  common(summary);
  period(summary, "Solve a month (2025-05) or a quarter (2025Q2) of the model year: capacities pro rata");
  summary->callback([&g] { throw ExitRequest{run(o, ChainView::kSummary, g)}; });
  auto* stages = chain->add_subcommand("stages", "Capacity and flow per stage by location and controlling country");
  common(stages);
  period(stages, "Solve a month (2025-05) or a quarter (2025Q2) of the model year: capacities pro rata");
  stages->callback([&g] { throw ExitRequest{run(o, ChainView::kStages, g)}; });
  auto* facility = chain->add_subcommand("facility", "One facility-stage: capacity, flow, inputs and outputs");
  common(facility);
  facility->add_option("id", o.facility, "Facility id (data/kb/facilities.csv)")->required();
  facility->callback([&g] { throw ExitRequest{run(o, ChainView::kFacility, g)}; });
  auto* scenario = chain->add_subcommand("scenario", "Every metric as baseline -> scenario (delta)");
  common(scenario);
  scenario->add_option("files", o.files, "Scenario files (YAML or JSON), or names of shipped scenarios");
  scenario->add_flag("--list", o.list, "List the shipped scenarios with their titles (--format table, md or json)");
  scenario->add_option("--set", o.sets, "Override a scenario parameter: NAME=NUMBER");
  period(scenario,
         "A month (2025-05), a quarter (2025Q2) or a range (2025-04:2025-07) of the model year: capacities pro rata, licences "
         "month by month, buyers' stocks carried from period to period");
  scenario->callback([&g] { throw ExitRequest{run(o, ChainView::kScenario, g)}; });
  auto* mc = chain->add_subcommand("montecarlo", "Facility outages, delays and ramp shortfalls: percentiles and shortfall probability");
  common(mc);
  mc->add_option("files", o.files, "A scenario file or name, or \"baseline\"")->required()->expected(1);
  mc->add_option("--draws", o.draws, "Number of draws")->check(in_range(1, 10000000));
  mc->add_option("--seed", o.seed, "Random seed")->check(in_range(0, 1.8e19));
  mc->add_option("--threads", o.threads, "Worker threads (results depend on seed and thread count only)")->check(in_range(1, 256));
  mc->add_option("--reference-level", o.reference,
                 "Reference level for magnet output outside China, t/yr, for the shortfall probability (not demand; default: the scenario's)")
      ->check(in_range(0.0, 1e7));
  mc->add_option("--demand", o.demand_alias, "Old name of --reference-level (warns)")->group("");
  mc->add_option("--set", o.sets, "Override a scenario parameter: NAME=NUMBER");
  mc->add_flag("--timing", o.timing, "Print draws per second to stderr");
  mc->callback([&g] { throw ExitRequest{run(o, ChainView::kMonteCarlo, g)}; });
  auto* bt = chain->add_subcommand(
      "backtest",
      "The model for past years (default: every year with USGS mine totals and published figures) against published figures: "
      "each error, and pass or fail per band. Exit code 1 when a figure falls outside its band");
  bt->add_option("--format", o.format, "Output: table, md or json")->check(CLI::IsMember({"table", "md", "json"}));
  bt->add_option("--year", o.years, "A year to run (repeat for several; default: 2023, 2024 and 2025 with the shipped data)")
      ->check(in_range(1900, 2100));
  bt->callback([&g] { throw ExitRequest{run(o, ChainView::kBacktest, g)}; });
});

}  // namespace
}  // namespace assay::cli
