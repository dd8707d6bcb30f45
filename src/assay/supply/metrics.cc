#include "assay/supply/metrics.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace assay::supply {
namespace {

const char* stage_unit(Stage s) {
  switch (s) {
    case Stage::kSeparation: return "t separated REO";
    case Stage::kMetalAlloy: return "t metal";
    case Stage::kMagnet: return "t magnet";
    case Stage::kRecycling: return "t REO recovered";
    default: return "t REO";
  }
}

std::vector<Share> sorted_shares(const std::map<std::string, double>& m) {
  std::vector<Share> v;
  for (const auto& [k, x] : m)
    if (x > 1e-9) v.push_back({k, x});
  std::stable_sort(v.begin(), v.end(), [](const Share& a, const Share& b) {
    if (a.value != b.value) return a.value > b.value;
    return a.key < b.key;
  });
  return v;
}

double hhi(const std::map<std::string, double>& m, double total) {
  if (total <= 0) return 0;
  double h = 0;
  for (const auto& [k, x] : m) {
    double s = 100.0 * x / total;
    h += s * s;
  }
  return h;
}

double frac(double a, double b) { return b > 0 ? a / b : 0; }

}  // namespace

std::string bound_label(const Node& n, int year) {
  if (!n.capacity_known) return fmt::format("capacity of {} (capacity unknown, counted as 0)", n.id);
  switch (n.basis) {
    case FigureBasis::kSourced: return fmt::format("output of {} ({} output, sourced)", n.id, year);
    case FigureBasis::kAssumed:
      if (n.output_year > 0 && n.output_year != year)
        return fmt::format("output of {} ({} output carried to {}, assumed)", n.id, n.output_year, year);
      return fmt::format("capacity of {}", n.id);
    case FigureBasis::kDerived: return fmt::format("capacity of {} (scaled to the country's USGS total for {}, derived)", n.id, year);
    case FigureBasis::kUnknown: break;
  }
  return fmt::format("capacity of {} (capacity unknown, counted as 0)", n.id);
}

double china_control_weight(const Node& n) { return is_china(n.controller) ? 1.0 : n.china_stake; }

std::array<double, 3> china_group_weights(const Node& n) {
  if (is_china(n.country)) return {1, 0, 0};
  double w = china_control_weight(n);
  return {0, w, 1 - w};
}

int china_group_index(const Node& n) {
  if (is_china(n.country)) return 0;
  if (china_control_weight(n) >= 0.5) return 1;
  return 2;
}

std::string china_group(const Node& n) { return kGroups[static_cast<std::size_t>(china_group_index(n))]; }

std::vector<StageMetrics> stage_metrics(const Network& net, const Solution& sol) {
  std::vector<StageMetrics> out(static_cast<std::size_t>(kStages));
  std::vector<std::map<std::string, double>> cap_loc(kStages), flow_loc(kStages), cap_ctl(kStages), flow_ctl(kStages);
  for (int s = 0; s < kStages; ++s) {
    out[static_cast<std::size_t>(s)].stage = static_cast<Stage>(s);
    out[static_cast<std::size_t>(s)].unit = stage_unit(static_cast<Stage>(s));
  }
  // Metal that one metal/alloy plant makes and another re-melts into alloy
  // (CNRE: Huamei metal -> Northern Magnetic alloy) is one tonne of the
  // stage, not two: the stage flow counts metal when it is made, and a plant
  // fed only by other metal plants adds no capacity of its own to the stage.
  // `chain facility` still shows each plant's own throughput.
  std::vector<double> remelted(net.nodes.size(), 0.0);
  for (const auto& f : sol.flows) {
    if (f.from < 0 || f.to < 0) continue;
    auto from = static_cast<std::size_t>(f.from), to = static_cast<std::size_t>(f.to);
    if (from < net.nodes.size() && to < net.nodes.size() && net.nodes[from].stage == Stage::kMetalAlloy &&
        net.nodes[to].stage == Stage::kMetalAlloy)
      remelted[to] += f.tonnes;
  }
  auto remelt_only = [&](const Node& n) {
    if (n.stage != Stage::kMetalAlloy || n.feeds.empty()) return false;
    for (int f : n.feeds)
      if (net.nodes[static_cast<std::size_t>(f)].stage != Stage::kMetalAlloy) return false;
    return true;
  };
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const Node& n = net.nodes[i];
    auto s = static_cast<std::size_t>(n.stage);
    auto& m = out[s];
    // Capacity: what could be made in the year (Node::capacity in the stage
    // basis); flow: the output solve's throughput.
    const std::vector<double>& could = sol.potential.size() == sol.capacity.size() ? sol.potential : sol.capacity;
    double cap = i < could.size() && !remelt_only(n) ? could[i] : 0;
    double flow = i < sol.throughput.size() ? std::max(0.0, sol.throughput[i] - remelted[i]) : 0;
    if (cap > 0 || flow > 0) ++m.facilities;
    if (n.basis == FigureBasis::kUnknown && !n.synthetic) ++m.unknown;
    m.flow_by_basis[static_cast<std::size_t>(n.basis)] += flow;
    m.capacity += cap;
    m.flow += flow;
    auto gw = china_group_weights(n);
    for (std::size_t g = 0; g < 3; ++g) {
      m.group_capacity[g] += gw[g] * cap;
      m.group_flow[g] += gw[g] * flow;
    }
    cap_loc[s][n.country] += cap;
    flow_loc[s][n.country] += flow;
    // A joint venture's Chinese stake counts as China's in the control view.
    double w = china_control_weight(n);
    if (w < 1) {
      cap_ctl[s][n.controller] += (1 - w) * cap;
      flow_ctl[s][n.controller] += (1 - w) * flow;
    }
    if (w > 0) {
      cap_ctl[s]["China"] += w * cap;
      flow_ctl[s]["China"] += w * flow;
      m.china_control_capacity += w * cap;
      m.china_control_flow += w * flow;
    }
    if (is_china(n.technology)) {
      m.china_technology_capacity += cap;
      m.china_technology_flow += flow;
    }
  }
  for (std::size_t s = 0; s < out.size(); ++s) {
    auto& m = out[s];
    m.capacity_by_country = sorted_shares(cap_loc[s]);
    m.flow_by_country = sorted_shares(flow_loc[s]);
    m.capacity_by_controller = sorted_shares(cap_ctl[s]);
    m.flow_by_controller = sorted_shares(flow_ctl[s]);
    m.china_location_capacity = frac(cap_loc[s]["China"], m.capacity);
    m.china_location_flow = frac(flow_loc[s]["China"], m.flow);
    m.china_control_capacity = frac(m.china_control_capacity, m.capacity);
    m.china_control_flow = frac(m.china_control_flow, m.flow);
    m.china_technology_capacity = frac(m.china_technology_capacity, m.capacity);
    m.china_technology_flow = frac(m.china_technology_flow, m.flow);
    m.hhi_capacity = hhi(cap_loc[s], m.capacity);
    m.hhi_flow = hhi(flow_loc[s], m.flow);
  }
  return out;
}

namespace {

// Producer-to-consumer flows through markets, attributed proportionally
// (one trade hop deep), grouped by (stage, group).
std::vector<SankeyLink> sankey_links(const Network& net, const Solution& sol) {
  struct MarketIn {
    std::map<int, double> producers;  // node -> t
    double total = 0;
  };
  // Markets are identified by (commodity, country) as the arcs report them.
  std::map<std::pair<std::string, std::string>, MarketIn> markets;
  for (const auto& f : sol.flows)
    if (f.from >= 0 && f.to < 0) {
      auto& m = markets[{f.commodity, f.to_country}];
      m.producers[f.from] += f.tonnes;
      m.total += f.tonnes;
    }
  // Trade goes market -> hub ("@...") -> market: attribute hubs first.
  auto pass = [&](bool into_hubs) {
    auto snapshot = markets;
    for (const auto& f : sol.flows) {
      if (f.from >= 0 || f.to >= 0) continue;
      bool to_hub = !f.to_country.empty() && f.to_country[0] == '@';
      if (to_hub != into_hubs) continue;
      const auto& src = snapshot[{f.commodity, f.from_country}];
      auto& dst = markets[{f.commodity, f.to_country}];
      if (src.total <= 0) continue;
      for (const auto& [p, t] : src.producers) dst.producers[p] += f.tonnes * t / src.total;
      dst.total += f.tonnes;
    }
  };
  pass(true);
  pass(false);
  auto& with_trade = markets;
  std::map<std::tuple<int, std::string, int, std::string>, double> agg;
  auto add = [&](int from, int to, double t) {
    const Node& a = net.nodes[static_cast<std::size_t>(from)];
    const Node& b = net.nodes[static_cast<std::size_t>(to)];
    auto wa = china_group_weights(a), wb = china_group_weights(b);
    for (std::size_t ga = 0; ga < 3; ++ga)
      for (std::size_t gb = 0; gb < 3; ++gb)
        if (wa[ga] * wb[gb] > 0)
          agg[{static_cast<int>(a.stage), kGroups[ga], static_cast<int>(b.stage), kGroups[gb]}] += wa[ga] * wb[gb] * t;
  };
  for (const auto& f : sol.flows) {
    if (f.from >= 0 && f.to >= 0) {
      add(f.from, f.to, f.tonnes);
    } else if (f.from < 0 && f.to >= 0) {
      const auto& m = with_trade[{f.commodity, f.to_country}];
      double tot = 0;
      for (const auto& [p, t] : m.producers) tot += t;
      if (tot <= 0) continue;
      for (const auto& [p, t] : m.producers) add(p, f.to, f.tonnes * t / tot);
    }
  }
  std::vector<SankeyLink> out;
  for (const auto& [k, t] : agg) {
    if (t < 0.5) continue;
    out.push_back({static_cast<Stage>(std::get<0>(k)), static_cast<Stage>(std::get<2>(k)), std::get<1>(k), std::get<3>(k), t});
  }
  (void)sol;
  return out;
}

}  // namespace

base::Result<ChainMetrics> analyze(const Network& net, Objective objective, std::string label,
                                   double require_magnets_ex_china) {
  SolveOptions o;
  o.objective = objective;
  o.require_magnets_ex_china = require_magnets_ex_china;
  o.prune_idle = true;
  auto world = solve(net, o);
  if (!world) return base::fail(world.error());
  ChainMetrics m;
  m.label = std::move(label);
  m.year = net.params.as_of_year;
  m.objective = objective;
  m.objective_value = world->objective;
  m.stages = stage_metrics(net, *world);
  m.magnet_demand_ex_china = net.magnet_demand_ex_china;
  m.notes = net.notes;
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const Node& n = net.nodes[i];
    bool ex = !is_china(n.country);
    if (n.stage == Stage::kMagnet) {
      m.magnets_world += world->throughput[i];
      if (ex) m.magnets_ex_china += world->throughput[i];
    }
    if (n.stage == Stage::kSeparation || n.stage == Stage::kRecycling) {
      for (int e = 0; e < kElements; ++e) {
        double t = world->elements[i][static_cast<std::size_t>(e)];
        m.separated_world[static_cast<std::size_t>(e)] += t;
        if (ex) m.separated_ex_china[static_cast<std::size_t>(e)] += t;
      }
    }
  }
  m.ndpr_ex_china = m.separated_ex_china[2] + m.separated_ex_china[3];
  m.dy_ex_china = m.separated_ex_china[8];
  m.tb_ex_china = m.separated_ex_china[7];
  m.sankey = sankey_links(net, *world);
  m.dy_thrifted = world->thrifted[2];
  m.tb_thrifted = world->thrifted[3];

  // The chain outside China on its own: what binds it.
  SolveOptions alone;
  alone.objective = Objective::kMagnetsExChina;
  alone.without_china = true;
  auto ex = solve(net, alone);
  if (!ex) return base::fail(ex.error());
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    if (net.nodes[i].stage == Stage::kMagnet && !is_china(net.nodes[i].country)) m.standalone_magnets_ex_china += ex->throughput[i];
  m.standalone_dy_thrifted = ex->thrifted[2];
  m.standalone_tb_thrifted = ex->thrifted[3];
  std::map<Stage, double> by_stage;
  // Facility-stages of unknown capacity that bind, by stage: the model holds
  // them at 0 t, so what they "limit" is a gap in the data, and the report
  // says so (issue 13: unknown is never silently zero in a binding constraint).
  std::map<Stage, std::vector<std::string>> unknown_binding;
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    double sp = ex->capacity_shadow[i];
    // Shadow prices below the throughput tie-break weight are not binding
    // the objective, only the tie-break.
    if (sp <= 10 * net.params.throughput_weight + 1e-9) continue;
    const Node& n = net.nodes[i];
    m.binding.push_back({static_cast<int>(i), fmt::format("{} {}", stage_key(n.stage), bound_label(n, m.year)), sp, !n.capacity_known});
    by_stage[n.stage] = std::max(by_stage[n.stage], sp * std::max(1.0, ex->capacity[i]));
    if (!n.capacity_known) unknown_binding[n.stage].push_back(n.id);
  }
  std::stable_sort(m.binding.begin(), m.binding.end(), [&](const BindingConstraint& a, const BindingConstraint& b) {
    if (a.shadow_price != b.shadow_price) return a.shadow_price > b.shadow_price;
    return a.what < b.what;
  });
  // The limiting stage: where magnets outside China end, read from which
  // stage's binding capacities carry the most value (shadow price x capacity).
  double best = 0;
  for (const auto& [s, v] : by_stage)
    if (v > best) {
      best = v;
      m.limiting_stage = stage_key(s);
    }
  if (!unknown_binding.empty()) {
    std::size_t count = 0;
    std::string list;
    bool at_limiting_stage = false;
    for (const auto& [s, ids] : unknown_binding) {
      count += ids.size();
      for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
      if (m.limiting_stage == stage_key(s)) at_limiting_stage = true;
    }
    m.notes.push_back(fmt::format(
        "{} of the binding constraints outside China {} facility-stage{} whose capacity is unknown and held at 0 t ({}): "
        "each binds for want of data, not as a measured limit, and a published capacity would raise magnets outside "
        "China by up to its shadow price per t; the binding stage ({}) {}",
        count, count == 1 ? "is a" : "are", count == 1 ? "" : "s", list, m.limiting_stage.empty() ? "none" : m.limiting_stage,
        at_limiting_stage ? "includes some of them" : "does not rest on them"));
    m.limiting_stage_has_unknown = at_limiting_stage;
  }
  m.element_shadow = ex->element_shadow;
  double eb = 10 * net.params.throughput_weight;
  for (int k = 0; k < kMagnetElements; ++k)
    if (ex->element_shadow[static_cast<std::size_t>(k)] > eb) {
      eb = ex->element_shadow[static_cast<std::size_t>(k)];
      m.limiting_element = magnet_element_symbol(k);
    }
  {
    double cap = 0;
    std::array<double, kMagnetElements> supply{};
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
      const Node& n = net.nodes[i];
      if (is_china(n.country)) continue;
      if (n.stage == Stage::kMagnet) cap += ex->capacity[i];
      if (n.stage == Stage::kSeparation || n.stage == Stage::kRecycling)
        for (int k = 0; k < kMagnetElements; ++k)
          supply[static_cast<std::size_t>(k)] += ex->elements[i][static_cast<std::size_t>(kMagnetElementIds[static_cast<std::size_t>(k)])];
    }
    auto need = [&](int k) {
      auto uk = static_cast<std::size_t>(k);
      return cap * net.recipe.metal_per_t[uk] * net.recipe.oxide_per_metal[uk];
    };
    double nd_need = need(0) + need(1);
    m.element_coverage = {nd_need > 0 ? (supply[0] + supply[1]) / nd_need : 0, need(2) > 0 ? supply[2] / need(2) : 0,
                          need(3) > 0 ? supply[3] / need(3) : 0};
    static constexpr std::array<const char*, 3> kNames = {"NdPr", "Dy", "Tb"};
    double lowest = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      bool needed = k == 0 ? nd_need > 0 : need(static_cast<int>(k) + 1) > 0;
      if (needed && (m.coverage_element.empty() || m.element_coverage[k] < lowest)) {
        lowest = m.element_coverage[k];
        m.coverage_element = kNames[k];
      }
    }
  }
  if (m.limiting_stage.empty()) m.limiting_stage = "none";
  if (m.limiting_element.empty()) m.limiting_element = "none";
  m.period = net.period.label();
  BalanceInputs in;
  in.made_ex_china = m.magnets_ex_china;
  in.standalone_ex_china = m.standalone_magnets_ex_china;
  in.china_made = m.magnets_world - m.magnets_ex_china;
  m.balance = magnet_balance(net, in);
  return m;
}

base::Result<FacilityView> facility_view(const Network& net, const Solution& sol, std::string_view id) {
  auto i = net.find(id);
  if (!i) return base::fail(base::Error::not_found("no facility with id \"" + std::string(id) + "\"", {.field = "id"}));
  FacilityView v;
  auto ui = static_cast<std::size_t>(*i);
  v.node = &net.nodes[ui];
  v.capacity = sol.capacity[ui];
  v.potential = ui < sol.potential.size() ? sol.potential[ui] : 0;
  v.flow = sol.throughput[ui];
  v.shadow_price = sol.capacity_shadow[ui];
  v.elements = sol.elements[ui];
  std::map<std::string, double> in, out;
  for (const auto& f : sol.flows) {
    if (f.to == *i) {
      std::string k = f.from >= 0 ? net.nodes[static_cast<std::size_t>(f.from)].id : fmt::format("market {} ({})", f.from_country, f.commodity);
      in[k] += f.tonnes;
    }
    if (f.from == *i) {
      std::string k = f.to >= 0 ? net.nodes[static_cast<std::size_t>(f.to)].id : fmt::format("market {} ({})", f.to_country, f.commodity);
      out[k] += f.tonnes;
    }
  }
  v.inputs.assign(in.begin(), in.end());
  v.outputs.assign(out.begin(), out.end());
  return v;
}

}  // namespace assay::supply
