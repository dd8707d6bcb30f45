// assay chain: the supply-chain model. Subcommands:
//   summary                      China's share by stage, magnets, what binds ex-China
//   stages                       capacity and flow by country and controller, per stage
//   facility ID                  one facility-stage: capacity, flow, inputs, outputs
//   scenario FILE...             every metric as baseline -> scenario (delta)
//   montecarlo FILE --draws N --seed S   outage/delay/ramp risks; percentiles
// Each takes --format table|md|json|html. FILE is a path, or the name of a
// shipped scenario (data/scenarios/NAME.yaml), or "baseline" for montecarlo.
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "assay/base/embedded.h"
#include "assay/cli/commands.h"
#include "assay/app/scenarios.h"
#include "assay/kb/kb.h"
#include "assay/report/chain.h"
#include "assay/supply/metrics.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/scenario.h"
#include "assay/supply/world.h"

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
  double demand = -1;
  bool timing = false;
};

void print_error(const base::Error& e) { fmt::print(stderr, "assay: error: {}\n", e.to_string()); }

struct Model {
  std::shared_ptr<const base::DataSource> data;
  supply::Network net;
};

// The supply world (kb + params + baseline network); prints errors.
std::optional<Model> load_model(int& code) {
  Model m{base::open_data(global_options().data_dir), {}};
  auto world = supply::World::load(*m.data);
  if (!world) {
    print_error(world.error());
    code = kExitDataError;
    return std::nullopt;
  }
  m.net = std::move(world->baseline);
  return m;
}

int emit(const std::string& s) {
  fmt::print("{}", s);
  if (!s.empty() && s.back() != '\n') fmt::print("\n");
  return kExitOk;
}

int run(const ChainOptions& o, const std::string& sub) {
  auto format = report::parse_format(o.format);
  auto objective = supply::parse_objective(o.objective);
  if (!format || !objective) {
    fmt::print(stderr, "assay: error: bad --format or --objective\n");
    return kExitUsage;
  }
  int code = kExitOk;
  auto model = load_model(code);
  if (!model) return code;
  const supply::Network& net = model->net;
  if (sub == "summary" || sub == "stages") {
    auto m = supply::analyse(net, *objective);
    if (!m) {
      print_error(m.error());
      return kExitFailure;
    }
    return emit(sub == "summary" ? report::render_summary(*m, *format) : report::render_stages(*m, *format));
  }
  if (sub == "facility") {
    supply::SolveOptions so;
    so.objective = *objective;
    auto sol = supply::solve(net, so);
    if (!sol) {
      print_error(sol.error());
      return kExitFailure;
    }
    auto v = supply::facility_view(net, *sol, o.facility);
    if (!v) {
      print_error(v.error());
      return kExitFailure;
    }
    return emit(report::render_facility(*v, *format));
  }
  auto sets = app::parse_sets(o.sets);
  if (!sets) {
    print_error(sets.error());
    return kExitUsage;
  }
  if (sub == "scenario") {
    auto base = supply::analyse(net, *objective);
    if (!base) {
      print_error(base.error());
      return kExitFailure;
    }
    std::vector<supply::Scenario> scs;
    std::vector<supply::ChainMetrics> results;
    for (const auto& f : o.files) {
      auto loaded = app::load_scenario(*model->data, f, *sets, net);
      if (!loaded) {
        print_error(loaded.error());
        return kExitFailure;
      }
      auto* sc = &loaded->scenario;
      auto* snet = &loaded->network;
      double require = sc->demand_is_requirement ? snet->magnet_demand_ex_china : 0;
      auto m = supply::analyse(*snet, sc->objective.value_or(*objective), sc->name, require);
      if (!m) {
        base::Error e = m.error();
        if (e.code() == base::ErrorCode::kInfeasible)
          e = base::Error::infeasible(fmt::format("infeasible scenario: {} (demand {} t of magnets outside China cannot be met)", e.message(),
                                                  snet->magnet_demand_ex_china),
                                      {.file = sc->file, .field = "demand.magnets_ex_china"});
        print_error(e.in_file(sc->file));
        return kExitFailure;
      }
      scs.push_back(std::move(*sc));
      results.push_back(std::move(*m));
    }
    std::vector<const supply::Scenario*> ptrs;
    for (const auto& s : scs) ptrs.push_back(&s);
    return emit(report::render_scenarios(*base, ptrs, results, *format));
  }
  if (sub == "montecarlo") {
    supply::Network mc_net = net;
    std::string label = "baseline";
    supply::Objective obj = *objective;
    if (!o.files.empty() && o.files[0] != "baseline") {
      auto loaded = app::load_scenario(*model->data, o.files[0], *sets, net);
      if (!loaded) {
        print_error(loaded.error());
        return kExitFailure;
      }
      auto* sc = &loaded->scenario;
      auto* snet = &loaded->network;
      mc_net = std::move(*snet);
      label = sc->name;
      obj = sc->objective.value_or(obj);
    }
    supply::MonteCarloOptions mo;
    mo.draws = o.draws;
    mo.seed = o.seed;
    mo.threads = o.threads;
    mo.objective = obj;
    mo.demand = o.demand;
    auto r = supply::run_monte_carlo(mc_net, mo);
    if (!r) {
      print_error(r.error());
      return kExitFailure;
    }
    if (o.timing)
      fmt::print(stderr, "assay: {} draws in {:.3f} s ({:.0f} draws/s on {} thread(s)); {:.3f} CPU-s ({:.0f} draws per CPU-s), {:.1f} pivots per draw\n",
                 r->draws, r->seconds, r->seconds > 0 ? r->draws / r->seconds : 0.0, r->threads, r->cpu_seconds,
                 r->cpu_seconds > 0 ? r->draws / r->cpu_seconds : 0.0, static_cast<double>(r->iterations) / r->draws);
    return emit(report::render_montecarlo(*r, label, *format));
  }
  return kExitUsage;
}

Registrar reg(50, [](CLI::App& app) {
  static ChainOptions o;
  auto* chain = app.add_subcommand("chain", "The rare-earth supply-chain model: shares, flows, scenarios, Monte Carlo");
  chain->require_subcommand(1);
  auto common = [](CLI::App* c) {
    c->add_option("--format", o.format, "Output: table, md, json or html")->check(CLI::IsMember({"table", "md", "json", "html"}));
    c->add_option("--objective", o.objective, "What the LP maximises: magnets or magnets_ex_china")
        ->check(CLI::IsMember({"magnets", "magnets_ex_china"}));
  };
  auto* summary = chain->add_subcommand("summary", "China's share by stage, magnet output, and what limits the chain outside China");
  common(summary);
  summary->callback([] { throw ExitRequest{run(o, "summary")}; });
  auto* stages = chain->add_subcommand("stages", "Capacity and flow per stage by location and controlling country");
  common(stages);
  stages->callback([] { throw ExitRequest{run(o, "stages")}; });
  auto* facility = chain->add_subcommand("facility", "One facility-stage: capacity, flow, inputs and outputs");
  common(facility);
  facility->add_option("id", o.facility, "Facility id (data/kb/facilities.csv)")->required();
  facility->callback([] { throw ExitRequest{run(o, "facility")}; });
  auto* scenario = chain->add_subcommand("scenario", "Every metric as baseline -> scenario (delta)");
  common(scenario);
  scenario->add_option("files", o.files, "Scenario files (YAML or JSON), or names of shipped scenarios")->required();
  scenario->add_option("--set", o.sets, "Override a scenario parameter: NAME=NUMBER");
  scenario->callback([] { throw ExitRequest{run(o, "scenario")}; });
  auto* mc = chain->add_subcommand("montecarlo", "Facility outages, delays and ramp shortfalls: percentiles and shortfall probability");
  common(mc);
  mc->add_option("files", o.files, "A scenario file or name, or \"baseline\"")->required()->expected(1);
  mc->add_option("--draws", o.draws, "Number of draws")->check(CLI::Range(1, 10000000));
  mc->add_option("--seed", o.seed, "Random seed");
  mc->add_option("--threads", o.threads, "Worker threads (results depend on seed and thread count only)")->check(CLI::Range(1, 256));
  mc->add_option("--demand", o.demand, "Demand for magnets outside China, t/yr (default: the scenario's)");
  mc->add_option("--set", o.sets, "Override a scenario parameter: NAME=NUMBER");
  mc->add_flag("--timing", o.timing, "Print draws per second to stderr");
  mc->callback([] { throw ExitRequest{run(o, "montecarlo")}; });
});

}  // namespace
}  // namespace assay::cli
