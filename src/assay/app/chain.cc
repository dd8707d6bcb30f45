#include "assay/app/chain.h"

#include <fmt/format.h>

#include "assay/app/catalog.h"
#include "assay/app/scenarios.h"

namespace assay::app {

std::vector<const supply::Scenario*> ScenarioComparison::scenario_pointers() const {
  std::vector<const supply::Scenario*> out;
  for (const auto& s : scenarios) out.push_back(&s);
  return out;
}

base::Result<supply::ChainMetrics> baseline_metrics(const supply::World& world, supply::Objective objective) {
  return supply::analyze(world.baseline, objective);
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
                                                   const std::map<std::string, double>& sets, supply::Objective objective) {
  const supply::Network& net = world.baseline;
  auto base = supply::analyze(net, objective);
  if (!base) return base::fail(base.error());
  ScenarioComparison out{std::move(*base), {}, {}};
  for (const auto& f : scenarios) {
    auto loaded = load(data, f, sets, net);
    if (!loaded) return base::fail(loaded.error());
    supply::Scenario& sc = loaded->scenario;
    supply::Network& snet = loaded->network;
    double require = sc.demand_is_requirement ? snet.magnet_demand_ex_china : 0;
    auto m = supply::analyze(snet, sc.objective.value_or(objective), sc.name, require);
    if (!m) {
      base::Error e = m.error();
      if (e.code() == base::ErrorCode::kInfeasible)
        e = base::Error::infeasible(fmt::format("infeasible scenario: {} (demand {} t of magnets outside China cannot be met)",
                                                e.message(), snet.magnet_demand_ex_china),
                                    {.file = sc.file, .field = "demand.magnets_ex_china"});
      return base::fail(e.in_file(sc.file));
    }
    out.scenarios.push_back(std::move(sc));
    out.results.push_back(std::move(*m));
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
  auto r = supply::run_monte_carlo(changed ? *changed : world.baseline, options);
  if (!r) return base::fail(r.error());
  return MonteCarloRun{std::move(*r), std::move(label)};
}

}  // namespace assay::app
