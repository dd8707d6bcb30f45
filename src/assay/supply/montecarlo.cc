#include "assay/supply/montecarlo.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

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
    bool operating = n.status == Status::kOperating;
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

base::Result<MonteCarloResult> run_monte_carlo(const Network& net, const MonteCarloOptions& options) {
  if (options.draws <= 0) return base::fail(base::Error::invalid("draws must be > 0", {.field = "--draws"}));
  if (options.threads <= 0) return base::fail(base::Error::invalid("threads must be > 0", {.field = "--threads"}));
  if (auto s = net.validate(); !s) return base::fail(s.error());
  const auto risks = node_risks(net);
  const int D = options.draws;
  const int T = std::min(options.threads, D);
  std::vector<double> world(static_cast<std::size_t>(D)), ex(static_cast<std::size_t>(D)), ndpr(static_cast<std::size_t>(D)),
      dy(static_cast<std::size_t>(D)), tb(static_cast<std::size_t>(D));
  std::vector<int> hits(static_cast<std::size_t>(D), 0);
  std::vector<int> magnets, magnets_ex, sources_ex;
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const Node& n = net.nodes[i];
    bool ex_china = !is_china(n.country);
    if (n.stage == Stage::kMagnet) {
      magnets.push_back(static_cast<int>(i));
      if (ex_china) magnets_ex.push_back(static_cast<int>(i));
    }
    if ((n.stage == Stage::kSeparation || n.stage == Stage::kRecycling) && ex_china) sources_ex.push_back(static_cast<int>(i));
  }
  std::vector<int> thread_failed(static_cast<std::size_t>(T), 0);
  std::vector<base::Error> first_error(static_cast<std::size_t>(T), base::Error::internal(""));
  auto work = [&](int t) {
    {
      SolveOptions so;
      so.objective = options.objective;
      so.prune_idle = true;  // capacities only fall in a draw
      auto model = FlowModel::build(net, so);
      if (!model) {
        thread_failed[static_cast<std::size_t>(t)] = 1;
        first_error[static_cast<std::size_t>(t)] = model.error();
      } else {
        FlowModel& m = **model;
        std::vector<double> base_avail = m.available(), f, cap(base_avail.size());
        int begin = static_cast<int>(static_cast<long long>(D) * t / T);
        int end = static_cast<int>(static_cast<long long>(D) * (t + 1) / T);
        for (int d = begin; d < end; ++d) {
          factors_into(risks, options.seed, d, f);
          int h = 0;
          for (std::size_t i = 0; i < cap.size(); ++i) {
            cap[i] = base_avail[i] * f[i];
            if (f[i] < 1.0) ++h;
          }
          m.set_available(cap);
          auto r = m.solve_objective_only();
          if (!r) {
            thread_failed[static_cast<std::size_t>(t)] = 1;
            first_error[static_cast<std::size_t>(t)] = r.error();
            break;
          }
          auto ud = static_cast<std::size_t>(d);
          hits[ud] = h;
          double w = 0, e = 0;
          for (int i : magnets) w += m.throughput(i);
          for (int i : magnets_ex) e += m.throughput(i);
          double nd = 0, y = 0, b = 0;
          for (int i : sources_ex) {
            nd += m.element_output(i, 0) + m.element_output(i, 1);
            y += m.element_output(i, 2);
            b += m.element_output(i, 3);
          }
          world[ud] = round3(w);
          ex[ud] = round3(e);
          ndpr[ud] = round3(nd);
          dy[ud] = round3(y);
          tb[ud] = round3(b);
        }
      }
    }
    glp_free_env();  // this worker thread's GLPK environment
  };
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < T; ++t) pool.emplace_back(work, t);
  for (auto& th : pool) th.join();
  auto t1 = std::chrono::steady_clock::now();
  for (int t = 0; t < T; ++t)
    if (thread_failed[static_cast<std::size_t>(t)]) return base::fail(first_error[static_cast<std::size_t>(t)]);
  MonteCarloResult r;
  r.draws = D;
  r.threads = T;
  r.seed = options.seed;
  r.demand = options.demand >= 0 ? options.demand : net.magnet_demand_ex_china;
  int short_n = 0;
  long long hit_sum = 0;
  for (int d = 0; d < D; ++d) {
    if (ex[static_cast<std::size_t>(d)] < r.demand) ++short_n;
    hit_sum += hits[static_cast<std::size_t>(d)];
  }
  r.p_shortfall = static_cast<double>(short_n) / D;
  r.mean_facilities_hit = round3(static_cast<double>(hit_sum) / D);
  r.magnets_world = distribution(world);
  r.magnets_ex_china = distribution(ex);
  r.ndpr_ex_china = distribution(ndpr);
  r.dy_ex_china = distribution(dy);
  r.tb_ex_china = distribution(tb);
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  return r;
}

}  // namespace assay::supply
