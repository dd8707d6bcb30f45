// Benchmarks of the supply model (docs/PERFORMANCE.md, "Supply model"):
// the baseline solve, one scenario delta with warm start, Monte Carlo draws
// per second on 1 and 2 threads, and solve-time growth on synthetic
// knowledge bases 10x and 100x the real one.
//
//   build/bench/assay_bench --benchmark_filter=Supply
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "assay/base/embedded.h"
#include "assay/kb/kb.h"
#include "assay/supply/metrics.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/solver.h"
#include "assay/supply/world.h"

namespace {

using namespace assay;

const supply::Network& baseline() {
  static const supply::Network net = [] {
    auto world = supply::World::load(base::EmbeddedData());
    if (!world) {
      std::fprintf(stderr, "%s\n", world.error().to_string().c_str());
      std::abort();
    }
    return std::move(world->baseline);
  }();
  return net;
}

// Build + cold solve of the world LP (idle nodes pruned, as analyze() does).
void BM_SupplyBaselineSolve(benchmark::State& state) {
  const auto& net = baseline();
  supply::SolveOptions o;
  o.prune_idle = state.range(0) != 0;
  int rows = 0, cols = 0;
  for (auto _ : state) {
    auto m = supply::FlowModel::build(net, o);
    auto s = (*m)->solve();
    benchmark::DoNotOptimize(s->objective);
    rows = (*m)->rows();
    cols = (*m)->columns();
  }
  state.counters["rows"] = rows;
  state.counters["cols"] = cols;
}
BENCHMARK(BM_SupplyBaselineSolve)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// Everything `assay chain summary` computes: world solve, the ex-China
// standalone solve, shares, HHI, Sankey attribution.
void BM_SupplyAnalyze(benchmark::State& state) {
  const auto& net = baseline();
  for (auto _ : state) {
    auto m = supply::analyze(net);
    benchmark::DoNotOptimize(m->magnets_world);
  }
}
BENCHMARK(BM_SupplyAnalyze)->Unit(benchmark::kMillisecond);

// One scenario delta (Myanmar's mines stop) re-solved from the baseline's
// basis; each iteration applies the delta and solves, then restores the
// baseline basis and capacities (not timed).
void BM_SupplyScenarioDeltaWarm(benchmark::State& state) {
  const auto& net = baseline();
  supply::SolveOptions o;
  o.prune_idle = true;
  auto m = supply::FlowModel::build(net, o);
  (void)(*m)->solve();
  (*m)->save_basis();
  auto base_cap = (*m)->available();
  auto cap = base_cap;
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    if (net.nodes[i].country == "Myanmar" && net.nodes[i].stage == kb::Stage::kMining) cap[i] = 0;
  for (auto _ : state) {
    (*m)->set_available(cap);
    auto s = (*m)->solve();
    benchmark::DoNotOptimize(s->objective);
    state.PauseTiming();
    (*m)->set_available(base_cap);
    (*m)->restore_basis();
    (void)(*m)->solve_objective_only();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_SupplyScenarioDeltaWarm)->Unit(benchmark::kMillisecond);

// The same delta solved cold (build + solve), for comparison.
void BM_SupplyScenarioDeltaCold(benchmark::State& state) {
  supply::Network net = baseline();
  for (auto& n : net.nodes)
    if (n.country == "Myanmar" && n.stage == kb::Stage::kMining) n.available = 0;
  supply::SolveOptions o;
  o.prune_idle = true;
  for (auto _ : state) {
    auto s = supply::solve(net, o);
    benchmark::DoNotOptimize(s->objective);
  }
}
BENCHMARK(BM_SupplyScenarioDeltaCold)->Unit(benchmark::kMillisecond);

// Monte Carlo: items/s = draws per second (wall clock, all threads);
// "per_cpu_s" = draws per CPU-second (all threads: the figure to read on a
// shared machine); "pivots" = simplex iterations per draw. 2,000 draws per
// run, as the nearest-neighbour ordering of draws gains with their number.
void monte_carlo(benchmark::State& state, bool reference) {
  const auto& net = baseline();
  supply::MonteCarloOptions o;
  o.draws = reference ? 400 : 2000;
  o.threads = static_cast<int>(state.range(0));
  o.reference = reference;
  std::uint64_t seed = 1;
  long long pivots = 0;
  double cpu = 0;
  for (auto _ : state) {
    o.seed = seed++;
    auto r = supply::run_monte_carlo(net, o);
    benchmark::DoNotOptimize(r->magnets_world.p50);
    pivots += r->iterations;
    cpu += r->cpu_seconds;
  }
  const auto draws = static_cast<double>(state.iterations() * o.draws);
  state.SetItemsProcessed(state.iterations() * o.draws);
  state.counters["pivots"] = static_cast<double>(pivots) / draws;
  state.counters["per_cpu_s"] = cpu > 0 ? draws / cpu : 0;
}

// The default: CLP, draws in nearest-neighbour order.
void BM_SupplyMonteCarlo(benchmark::State& state) { monte_carlo(state, false); }
BENCHMARK(BM_SupplyMonteCarlo)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The straightforward path it replaced: GLPK, every draw in draw order.
void BM_SupplyMonteCarloReference(benchmark::State& state) { monte_carlo(state, true); }
BENCHMARK(BM_SupplyMonteCarloReference)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Solve-time growth: synthetic networks 1x, 10x and 100x the real one
// (copies of every facility, spread over synthetic countries).
void BM_SupplyScaledSolve(benchmark::State& state) {
  supply::Network net = supply::scaled_network(baseline(), static_cast<int>(state.range(0)));
  supply::SolveOptions o;
  o.prune_idle = true;
  int rows = 0, cols = 0;
  for (auto _ : state) {
    auto m = supply::FlowModel::build(net, o);
    auto s = (*m)->solve();
    benchmark::DoNotOptimize(s->objective);
    rows = (*m)->rows();
    cols = (*m)->columns();
  }
  state.counters["nodes"] = static_cast<double>(net.nodes.size());
  state.counters["rows"] = rows;
  state.counters["cols"] = cols;
}
BENCHMARK(BM_SupplyScaledSolve)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SupplyScaledSolve)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
