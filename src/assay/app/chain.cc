#include "assay/app/chain.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assay/app/catalog.h"
#include "assay/app/scenarios.h"

namespace assay::app {

std::vector<const supply::Scenario*> ScenarioComparison::scenario_pointers() const {
  std::vector<const supply::Scenario*> out;
  for (const auto& s : scenarios) out.push_back(&s);
  return out;
}

base::Result<std::vector<supply::Period>> parse_periods(std::string_view s, bool range) {
  if (range) return supply::parse_period_range(s);
  auto one = supply::parse_period(s);
  if (!one) return base::fail(one.error());
  return std::vector<supply::Period>{*one};
}

base::Result<supply::ChainMetrics> baseline_metrics(const supply::World& world, supply::Objective objective,
                                                    const supply::Period& period) {
  auto net = supply::for_period(world.baseline, period);
  if (!net) return base::fail(net.error());
  return supply::analyze(*net, objective);
}

base::Result<supply::FacilityView> facility(const supply::World& world, std::string_view id, supply::Objective objective) {
  if (!world.baseline.find(id)) {
    std::vector<std::string> ids;
    for (const auto& n : world.baseline.nodes) ids.push_back(n.id);
    return base::fail(base::Error::not_found(
        fmt::format("no facility with id \"{}\"{} (`assay kb list facilities` lists them)", id, did_you_mean(id, ids)),
        {.field = "id"}));
  }
  supply::SolveOptions so;
  so.objective = objective;
  auto sol = supply::solve(world.baseline, so);
  if (!sol) return base::fail(sol.error());
  return supply::facility_view(world.baseline, *sol, id);
}

namespace {

// load_scenario, with an override the scenario does not declare named as
// the --set error it is (field "--set": the faces treat it as a usage error).
base::Result<LoadedScenario> load(const base::DataSource& data, const std::string& name,
                                  const std::map<std::string, double>& sets, const supply::Network& net) {
  auto loaded = load_scenario(data, name, sets, net);
  if (!loaded && loaded.error().code() == base::ErrorCode::kNotFound && loaded.error().where().file == name) {
    std::string near = did_you_mean(name, shipped_scenarios(data));
    if (!near.empty())
      return base::fail(base::Error::not_found(loaded.error().message() + near, loaded.error().where()));
  }
  if (!loaded && loaded.error().where().field.starts_with("parameters.") && !sets.empty() &&
      sets.count(loaded.error().where().field.substr(std::string_view("parameters.").size())))
    return base::fail(base::Error::invalid(
        fmt::format("{}: {}", loaded.error().where().file, loaded.error().message()), {.field = "--set"}));
  return loaded;
}

}  // namespace

base::Result<ScenarioComparison> compare_scenarios(const supply::World& world, const base::DataSource& data,
                                                   const std::vector<std::string>& scenarios,
                                                   const std::map<std::string, double>& sets, supply::Objective objective,
                                                   const std::vector<supply::Period>& periods_in) {
  const std::vector<supply::Period> periods = periods_in.empty() ? std::vector<supply::Period>{supply::Period{}} : periods_in;
  ScenarioComparison out;
  std::vector<supply::Network> loaded_nets;
  for (const auto& f : scenarios) {
    auto loaded = load(data, f, sets, world.baseline);
    if (!loaded) return base::fail(loaded.error());
    out.scenarios.push_back(std::move(loaded->scenario));
    loaded_nets.push_back(std::move(loaded->network));
  }
  out.series.resize(scenarios.size());
  std::vector<double> stock(scenarios.size(), -1.0);
  for (std::size_t pi = 0; pi < periods.size(); ++pi) {
    auto net = supply::for_period(world.baseline, periods[pi]);
    if (!net) return base::fail(net.error());
    auto base = supply::analyze(*net, objective);
    if (!base) return base::fail(base.error());
    std::vector<supply::ChainMetrics> results;
    for (std::size_t k = 0; k < out.scenarios.size(); ++k) {
      const supply::Scenario& sc = out.scenarios[k];
      auto snet = supply::for_period(loaded_nets[k], periods[pi]);
      if (!snet) return base::fail(snet.error());
      double require = sc.demand_is_requirement ? snet->magnet_demand_ex_china : 0;
      auto m = supply::analyze(*snet, sc.objective.value_or(objective), sc.name, require);
      if (!m) {
        base::Error e = m.error();
        if (e.code() == base::ErrorCode::kInfeasible)
          e = base::Error::infeasible(fmt::format("infeasible scenario: {} (demand {} t of magnets outside China cannot be met)",
                                                  e.message(), snet->magnet_demand_ex_china),
                                      {.file = sc.file, .field = "demand.magnets_ex_china"});
        return base::fail(e.in_file(sc.file));
      }
      // The scenario's balance against the baseline of the same period,
      // with the stocks the period before left.
      supply::BalanceInputs in;
      in.made_ex_china = m->magnets_ex_china;
      in.standalone_ex_china = m->standalone_magnets_ex_china;
      in.china_made = m->magnets_world - m->magnets_ex_china;
      in.china_made_baseline = base->magnets_world - base->magnets_ex_china;
      in.made_ex_china_baseline = base->magnets_ex_china;
      in.stock_start = stock[k];
      m->balance = supply::magnet_balance(*snet, in);
      stock[k] = m->balance.stock_end;
      out.series[k].push_back(m->balance);
      results.push_back(std::move(*m));
    }
    out.baseline = std::move(*base);
    out.results = std::move(results);
  }
  return out;
}

base::Result<MonteCarloRun> monte_carlo(const supply::World& world, const base::DataSource& data,
                                        const std::string& scenario, const std::map<std::string, double>& sets,
                                        supply::MonteCarloOptions options) {
  std::string label = "baseline";
  std::optional<supply::Network> changed;
  if (!scenario.empty() && scenario != "baseline") {
    auto loaded = load(data, scenario, sets, world.baseline);
    if (!loaded) return base::fail(loaded.error());
    label = loaded->scenario.name;
    options.objective = loaded->scenario.objective.value_or(options.objective);
    changed = std::move(loaded->network);
  }
  // The model year, export controls averaged over its months (period.h).
  auto net = supply::for_period(changed ? *changed : world.baseline, supply::Period{});
  if (!net) return base::fail(net.error());
  auto r = supply::run_monte_carlo(*net, options);
  if (!r) return base::fail(r.error());
  return MonteCarloRun{std::move(*r), std::move(label)};
}

void release_thread_solver() { supply::release_thread_solver(); }

nlohmann::ordered_json chain_flows_json(const supply::ChainMetrics& m) { return report::flows_json(m); }

}  // namespace assay::app
