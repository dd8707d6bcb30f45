// app/chain: the supply-chain questions the faces ask of a supply::World:
// scenarios compared with the baseline, and Monte Carlo runs on the baseline
// or a scenario. Scenarios are named as the catalogue names them
// (scenarios.h: a file, or a shipped name). The renderers of the results
// (report/chain.h) come with this header, for the faces that print them.
//
//   auto world = engine.world();
//   auto m = app::baseline_metrics(**world, supply::Objective::kMagnets);   // summary, stages
//   auto v = app::facility(**world, "lynas-kalgoorlie", supply::Objective::kMagnets);
//   auto cmp = app::compare_scenarios(**world, engine.data(), {"myanmar-clay-halt"}, {}, supply::Objective::kMagnets);
//   if (cmp) fmt::print("{}", report::render_scenarios(cmp->baseline, cmp->scenario_pointers(), cmp->results, f));
#pragma once

#include <map>
#include <string>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/report/chain.h"
#include "assay/supply/metrics.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/scenario.h"
#include "assay/supply/solver.h"
#include "assay/supply/world.h"

namespace assay::app {

// The baseline's metrics (China's shares by stage, magnets, what binds):
// what `assay chain summary` and `stages` render.
// `period` (supply/period.h): the model year (default) or a month or quarter
// of it, capacities pro rata.
base::Result<supply::ChainMetrics> baseline_metrics(const supply::World& world, supply::Objective objective,
                                                    const supply::Period& period = {});

// One facility-stage of the solved baseline: capacity, flow, inputs, outputs.
base::Result<supply::FacilityView> facility(const supply::World& world, std::string_view id, supply::Objective objective);

// --period: one period ("2025-05", "2025Q2", "2025"), or with `range` also
// "FROM:TO" (supply/period.h). Errors name the field "--period".
base::Result<std::vector<supply::Period>> parse_periods(std::string_view s, bool range);

struct ScenarioComparison {
  supply::ChainMetrics baseline;              // of the last period
  std::vector<supply::Scenario> scenarios;
  std::vector<supply::ChainMetrics> results;  // one per scenario, of the last period
  // Per scenario, the balance of magnets outside China in each period run
  // (one entry for the model year), buyers' stocks carried from one period
  // to the next.
  std::vector<std::vector<supply::MagnetBalance>> series;
  std::vector<const supply::Scenario*> scenario_pointers() const;
};

// The baseline's metrics and each scenario's, for each of `periods` in turn
// (empty: the model year), stocks at the buyer carried between them. The
// first error ends it; an infeasible scenario says which demand it cannot meet.
base::Result<ScenarioComparison> compare_scenarios(const supply::World& world, const base::DataSource& data,
                                                   const std::vector<std::string>& scenarios,
                                                   const std::map<std::string, double>& sets, supply::Objective objective,
                                                   const std::vector<supply::Period>& periods = {});

struct MonteCarloRun {
  supply::MonteCarloResult result;
  std::string label;  // "baseline" or the scenario's name
};

// Draws on the baseline (scenario "baseline" or empty) or on a scenario;
// the scenario's objective, when it has one, replaces options.objective.
base::Result<MonteCarloRun> monte_carlo(const supply::World& world, const base::DataSource& data,
                                        const std::string& scenario, const std::map<std::string, double>& sets,
                                        supply::MonteCarloOptions options);

// Frees the calling thread's solver environment (GLPK keeps one per thread
// and the model builds it on first use). A server's worker threads call it
// after each request, so that a pool thread that ends leaves nothing behind;
// the next solve on the thread builds it again.
void release_thread_solver();

// The stage bars' and the Sankey's figures of one solved chain, as
// `assay chain summary --format json` gives them (report::flows_json): what
// the server's scenario answers carry for a redraw.
nlohmann::ordered_json chain_flows_json(const supply::ChainMetrics& m);

}  // namespace assay::app
