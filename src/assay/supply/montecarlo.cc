#include "assay/supply/montecarlo.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <thread>

#include "assay/supply/resolver.h"

namespace assay::supply {
namespace {

struct SplitMix64 {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
};

struct NodeRisk {
  double probability;
  double loss;
};

std::vector<std::vector<NodeRisk>> node_risks(const Network& net) {
  std::vector<std::vector<NodeRisk>> out(net.nodes.size());
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const Node& n = net.nodes[i];
    bool operating = n.status == FacilityStatus::kOperating;
    for (const auto& r : net.risks) {
      bool match = r.by_status ? r.key == status_key(n.status) : r.key == n.country;
      if (!match) continue;
      // A country's delays and ramp shortfalls concern plants not yet in
      // steady operation; status rows say which status they apply to.
      if (!r.by_status && r.event != kb::RiskEvent::kOutage && operating) continue;
      out[i].push_back({r.probability, r.capacity_loss});
    }
    if (net.risks.empty()) out[i].push_back({net.params.default_outage_probability, net.params.default_outage_loss});
  }
  return out;
}

void factors_into(const std::vector<std::vector<NodeRisk>>& risks, std::uint64_t seed, int draw, std::vector<double>& f) {
  SplitMix64 rng{seed ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(draw) + 1))};
  f.assign(risks.size(), 1.0);
  for (std::size_t i = 0; i < risks.size(); ++i)
    for (const auto& r : risks[i])
      if (rng.uniform() < r.probability) f[i] *= 1.0 - r.loss;
}

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

Distribution distribution(std::vector<double> v) {
  Distribution d;
  if (v.empty()) return d;
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  auto q = [&](double p) {
    double pos = p * static_cast<double>(v.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    auto hi = std::min(lo + 1, v.size() - 1);
    return round3(v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo)));
  };
  d.mean = round3(sum / static_cast<double>(v.size()));
  d.min = v.front();
  d.max = v.back();
  d.p5 = q(0.05);
  d.p10 = q(0.10);
  d.p50 = q(0.50);
  d.p90 = q(0.90);
  d.p95 = q(0.95);
  return d;
}

}  // namespace

std::vector<double> draw_factors(const Network& net, std::uint64_t seed, int draw) {
  std::vector<double> f;
  factors_into(node_risks(net), seed, draw, f);
  return f;
}

namespace {

// The nodes whose outputs a draw reports.
struct Readout {
  std::vector<int> magnets, magnets_ex, sources_ex;
  explicit Readout(const Network& net) {
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
      const Node& n = net.nodes[i];
      bool ex_china = !is_china(n.country);
      if (n.stage == Stage::kMagnet) {
        magnets.push_back(static_cast<int>(i));
        if (ex_china) magnets_ex.push_back(static_cast<int>(i));
      }
      if ((n.stage == Stage::kSeparation || n.stage == Stage::kRecycling) && ex_china) sources_ex.push_back(static_cast<int>(i));
    }
  }
  // Reads a solved LP (FlowModel or Resolver).
  template <class Solved>
  DrawOutcome read(const Solved& m, double objective, int hit) const {
    double w = 0, e = 0, nd = 0, y = 0, b = 0;
    for (int i : magnets) w += m.throughput(i);
    for (int i : magnets_ex) e += m.throughput(i);
    for (int i : sources_ex) {
      nd += m.element_output(i, 0) + m.element_output(i, 1);
      y += m.element_output(i, 2);
      b += m.element_output(i, 3);
    }
    return {hit, objective, round3(w), round3(e), round3(nd), round3(y), round3(b)};
  }
};

// Draws are solved in chunks of this many, each in nearest-neighbour order.
constexpr int kOrderChunk = 4096;

// An order of n draws (features: n x k, draw-major) in which each draw is
// the one nearest (L1) to the draw before it among those not yet taken,
// chunk by chunk; ties go to the lowest index. O(n x chunk x k).
std::vector<int> nearest_neighbour_order(const std::vector<float>& features, int n, int k, const std::atomic<bool>* stop) {
  std::vector<int> order;
  order.reserve(static_cast<std::size_t>(n));
  std::vector<float> cur(static_cast<std::size_t>(k), 0.0f), cols, dist;
  std::vector<int> ids;
  for (int c0 = 0; c0 < n; c0 += kOrderChunk) {
    const int m = std::min(kOrderChunk, n - c0);
    const auto um = static_cast<std::size_t>(m);
    // Feature-major copy of the chunk, so that the distance loop runs over
    // candidates (vectorised); taken candidates are swapped to the end.
    cols.resize(static_cast<std::size_t>(k) * um);
    ids.resize(um);
    for (int j = 0; j < m; ++j) {
      ids[static_cast<std::size_t>(j)] = c0 + j;
      for (int f = 0; f < k; ++f)
        cols[static_cast<std::size_t>(f) * um + static_cast<std::size_t>(j)] =
            features[static_cast<std::size_t>(c0 + j) * static_cast<std::size_t>(k) + static_cast<std::size_t>(f)];
    }
    dist.resize(um);
    int live = m;
    while (live > 0) {
      // A stop asked for ends the ordering early (the caller then solves
      // nothing): a chunk's ordering takes seconds under a sanitizer.
      if (stop != nullptr && (live & 63) == 0 && stop->load(std::memory_order_relaxed)) return order;
      int best = 0;
      if (!order.empty()) {
        const auto ul = static_cast<std::size_t>(live);
        std::fill(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(ul), 0.0f);
        for (int f = 0; f < k; ++f) {
          const float* col = &cols[static_cast<std::size_t>(f) * um];
          const float c = cur[static_cast<std::size_t>(f)];
          for (std::size_t j = 0; j < ul; ++j) dist[j] += std::fabs(col[j] - c);
        }
        for (int j = 1; j < live; ++j) {
          auto uj = static_cast<std::size_t>(j), ub = static_cast<std::size_t>(best);
          if (dist[uj] < dist[ub] || (dist[uj] == dist[ub] && ids[uj] < ids[ub])) best = j;
        }
      } else {
        for (int j = 1; j < live; ++j)
          if (ids[static_cast<std::size_t>(j)] < ids[static_cast<std::size_t>(best)]) best = j;
      }
      const auto ub = static_cast<std::size_t>(best), ulast = static_cast<std::size_t>(live - 1);
      order.push_back(ids[ub]);
      for (int f = 0; f < k; ++f) {
        float* col = &cols[static_cast<std::size_t>(f) * um];
        cur[static_cast<std::size_t>(f)] = col[ub];
        std::swap(col[ub], col[ulast]);
      }
      std::swap(ids[ub], ids[ulast]);
      --live;
    }
  }
  return order;
}

}  // namespace

base::Result<MonteCarloResult> run_monte_carlo(const Network& net, const MonteCarloOptions& options) {
  if (options.draws <= 0) return base::fail(base::Error::invalid("draws must be > 0", {.field = "--draws"}));
  if (options.threads <= 0) return base::fail(base::Error::invalid("threads must be > 0", {.field = "--threads"}));
  ASSAY_TRY_VOID(net.validate());
  const auto risks = node_risks(net);
  const int D = options.draws;
  const int T = std::min(options.threads, D);
  const Readout readout(net);
  std::vector<DrawOutcome> out(static_cast<std::size_t>(D));
  // Trade (trade.h): China's exports in a draw follow its magnet output
  // against the network's without risks (one solve here).
  const TradeRow* exports = net.trade.china_magnets_year(net.params.as_of_year);
  const DemandRow* use = net.trade.use_ex_china(net.params.as_of_year);
  double china_ref = 0, exports_licensed = 0;
  if (exports && use) {
    SolveOptions so;
    so.objective = options.objective;
    so.prune_idle = true;
    auto ref = solve(net, so);
    if (!ref) return base::fail(ref.error());
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
      if (net.nodes[i].stage == Stage::kMagnet && is_china(net.nodes[i].country)) china_ref += ref->throughput[i];
    const Period p = net.period.year == 0 ? Period{net.params.as_of_year, 1, 12} : net.period;
    exports_licensed = exports->value * p.fraction() * licensed_magnet_share(net);
  }
  std::vector<long long> iterations(static_cast<std::size_t>(T), 0);
  std::vector<int> thread_failed(static_cast<std::size_t>(T), 0);
  std::vector<base::Error> first_error(static_cast<std::size_t>(T), base::Error::internal(""));
  auto work = [&](int t) {
    auto ut = static_cast<std::size_t>(t);
    auto fail = [&](const base::Error& e) {
      thread_failed[ut] = 1;
      first_error[ut] = e;
    };
    auto stopped = [&] {
      if (options.stop == nullptr || !options.stop->load(std::memory_order_relaxed)) return false;
      fail(base::Error::unsupported("stopped before the last draw"));
      return true;
    };
    // Draws solved since the last call of options.on_draws (every 16).
    int unreported = 0;
    auto report = [&](int n) {
      if (!options.on_draws) return;
      unreported += n;
      if (unreported >= 16) {
        options.on_draws(unreported);
        unreported = 0;
      }
    };
    const int begin = static_cast<int>(static_cast<long long>(D) * t / T);
    const int end = static_cast<int>(static_cast<long long>(D) * (t + 1) / T);
    // Capacities of draw d; returns the number of facilities hit.
    std::vector<double> f;
    auto capacities = [&](const std::vector<double>& base_avail, int d, std::vector<double>& cap) {
      factors_into(risks, options.seed, d, f);
      int h = 0;
      for (std::size_t i = 0; i < cap.size(); ++i) {
        cap[i] = base_avail[i] * f[i];
        if (f[i] < 1.0) ++h;
      }
      return h;
    };
    {
      SolveOptions so;
      so.objective = options.objective;
      so.prune_idle = true;  // capacities only fall in a draw
      so.compact = !options.reference;
      auto model = FlowModel::build(net, so);
      if (!model) {
        fail(model.error());
      } else if (options.reference) {
        FlowModel& m = **model;
        std::vector<double> base_avail = m.available(), cap(base_avail.size());
        int it0 = m.iterations();
        for (int d = begin; d < end; ++d) {
          if (stopped()) break;
          int h = capacities(base_avail, d, cap);
          m.set_available(cap);
          auto r = m.solve_objective_only();
          if (!r) {
            fail(r.error());
            break;
          }
          out[static_cast<std::size_t>(d)] = readout.read(m, *r, h);
          report(1);
        }
        iterations[ut] = m.iterations() - it0;
      } else if (auto resolver = Resolver::create(**model); !resolver) {
        fail(resolver.error());
      } else {
        Resolver& r = **resolver;
        std::vector<double> base_avail = (*model)->available(), cap(base_avail.size());
        long long it0 = r.iterations();
        // Order the block's draws by their effective capacities: what each
        // facility may run at, capped at its baseline use.
        std::vector<int> nodes;
        std::vector<double> used;
        for (std::size_t i = 0; i < base_avail.size(); ++i)
          if (base_avail[i] > 0) {
            nodes.push_back(static_cast<int>(i));
            used.push_back(base_avail[i] * r.utilisation(static_cast<int>(i)));
          }
        const int n = end - begin, k = static_cast<int>(nodes.size());
        std::vector<float> features(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
        bool halted = false;
        for (int d = begin; d < end; ++d) {
          if ((d - begin) % 256 == 0 && stopped()) {
            halted = true;
            break;
          }
          capacities(base_avail, d, cap);
          for (int j = 0; j < k; ++j)
            features[static_cast<std::size_t>(d - begin) * static_cast<std::size_t>(k) + static_cast<std::size_t>(j)] =
                static_cast<float>(std::min(cap[static_cast<std::size_t>(nodes[static_cast<std::size_t>(j)])], used[static_cast<std::size_t>(j)]));
        }
        std::vector<int> order;
        if (!halted) order = nearest_neighbour_order(features, n, k, options.stop);
        // An ordering cut short was stopped: an error, even when it ended
        // before its first draw (an empty order would otherwise solve
        // nothing and pass for a finished run).
        if (!halted && static_cast<int>(order.size()) < n) {
          fail(base::Error::unsupported("stopped before the last draw"));
          order.clear();
        }
        for (int idx : order) {
          if (stopped()) break;
          const int d = begin + idx;
          int h = capacities(base_avail, d, cap);
          r.set_available(cap);
          auto obj = r.solve();
          if (!obj) {
            fail(obj.error());
            break;
          }
          out[static_cast<std::size_t>(d)] = readout.read(r, *obj, h);
          report(1);
        }
        iterations[ut] = r.iterations() - it0;
      }
    }
    if (options.on_draws && unreported > 0) options.on_draws(unreported);
    release_thread_solver();  // this worker thread's GLPK environment
  };
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();  // process CPU time, all threads
  std::vector<std::thread> pool;
  for (int t = 0; t < T; ++t) pool.emplace_back(work, t);
  for (auto& th : pool) th.join();
  auto t1 = std::chrono::steady_clock::now();
  std::clock_t c1 = std::clock();
  for (int t = 0; t < T; ++t)
    if (thread_failed[static_cast<std::size_t>(t)]) return base::fail(first_error[static_cast<std::size_t>(t)]);
  MonteCarloResult r;
  r.draws = D;
  r.threads = T;
  r.seed = options.seed;
  r.year = net.params.as_of_year;
  r.demand = options.demand >= 0 ? options.demand : net.magnet_demand_ex_china;
  int short_n = 0;
  long long hit_sum = 0;
  std::vector<double> world, ex, ndpr, dy, tb;
  std::vector<double> avail;
  int not_met = 0;
  if (exports && use) {
    r.trade = true;
    const Period p = net.period.year == 0 ? Period{net.params.as_of_year, 1, 12} : net.period;
    r.use_ex_china = use->value * p.fraction();
    for (DrawOutcome& o : out) {
      const double china = o.magnets_world - o.magnets_ex_china;
      const double ratio = china_ref > 0 ? std::min(1.0, china / china_ref) : 1.0;
      o.supply_ex_china = round3(o.magnets_ex_china + exports_licensed * ratio);
      if (o.supply_ex_china < r.use_ex_china) ++not_met;
      avail.push_back(o.supply_ex_china);
    }
    r.p_use_not_met = static_cast<double>(not_met) / D;
    r.supply_ex_china = distribution(std::move(avail));
  }
  for (const DrawOutcome& o : out) {
    if (o.magnets_ex_china < r.demand) ++short_n;
    hit_sum += o.facilities_hit;
    world.push_back(o.magnets_world);
    ex.push_back(o.magnets_ex_china);
    ndpr.push_back(o.ndpr_ex_china);
    dy.push_back(o.dy_ex_china);
    tb.push_back(o.tb_ex_china);
  }
  r.p_shortfall = static_cast<double>(short_n) / D;
  r.mean_facilities_hit = round3(static_cast<double>(hit_sum) / D);
  r.magnets_world = distribution(std::move(world));
  r.magnets_ex_china = distribution(std::move(ex));
  r.ndpr_ex_china = distribution(std::move(ndpr));
  r.dy_ex_china = distribution(std::move(dy));
  r.tb_ex_china = distribution(std::move(tb));
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  r.cpu_seconds = static_cast<double>(c1 - c0) / CLOCKS_PER_SEC;
  for (long long it : iterations) r.iterations += it;
  if (options.keep_draws) r.per_draw = std::move(out);
  return r;
}

}  // namespace assay::supply
