#include "assay/supply/balance.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace assay::supply {
namespace {

// A flow's commodity as the solver names it: "mixed0"/"mixed1" (mixed REO
// mined, or concentrated/cracked), "mixed" (what one separation line
// forwards to the next), "Nd oxide", "Dy metal" ...
struct Commodity {
  enum Kind { kMixed, kForward, kOxide, kMetal, kOther } kind = kOther;
  int level = 0;    // mixed
  int element = 0;  // magnet element (oxide, metal)
};

Commodity parse(const std::string& c) {
  if (c == "mixed") return {Commodity::kForward, 0, 0};
  if (c.starts_with("mixed")) return {Commodity::kMixed, c == "mixed0" ? 0 : 1, 0};
  for (int m = 0; m < kMagnetElements; ++m) {
    std::string sym = magnet_element_symbol(m);
    if (c == sym + " oxide") return {Commodity::kOxide, 0, m};
    if (c == sym + " metal") return {Commodity::kMetal, 0, m};
  }
  return {};
}

constexpr int kMixedStages = 4;  // mining, concentration, cracking_leaching, separation

}  // namespace

MassBalance mass_balance(const Network& net, const Solution& sol, const std::vector<kb::BalanceFigure>& balance) {
  MassBalance out;
  out.year = net.params.as_of_year;
  for (double r : net.recipe.metal_per_t) out.re_per_magnet += r;
  const auto& nodes = net.nodes;
  auto stage_of = [&](int i) -> std::optional<Stage> {
    if (i < 0 || static_cast<std::size_t>(i) >= nodes.size()) return std::nullopt;
    return nodes[static_cast<std::size_t>(i)].stage;
  };
  auto f_of = [&](int m) { return net.recipe.oxide_per_metal[static_cast<std::size_t>(m)]; };

  std::array<double, kStages> mixed_in{}, mixed_out{};
  std::vector<double> node_in(nodes.size(), 0.0), node_out(nodes.size(), 0.0);  // mixed REO, per node
  std::array<std::array<double, kStages>, 2> market_sales{};  // [level][stage]
  std::array<double, 2> market_purchases{};
  double oxide_into_metal = 0, oxide_into_magnet = 0, metal_made = 0, metal_into_magnet = 0;
  std::array<double, kMagnetElements> oxide_taken{};
  for (const auto& f : sol.flows) {
    Commodity c = parse(f.commodity);
    auto from = stage_of(f.from), to = stage_of(f.to);
    switch (c.kind) {
      case Commodity::kMixed:
        if (from) {
          mixed_out[static_cast<std::size_t>(*from)] += f.tonnes;
          node_out[static_cast<std::size_t>(f.from)] += f.tonnes;
          if (f.to < 0) market_sales[static_cast<std::size_t>(c.level)][static_cast<std::size_t>(*from)] += f.tonnes;
        }
        if (to) {
          mixed_in[static_cast<std::size_t>(*to)] += f.tonnes;
          node_in[static_cast<std::size_t>(f.to)] += f.tonnes;
          if (f.from < 0) market_purchases[static_cast<std::size_t>(c.level)] += f.tonnes;
        }
        break;
      case Commodity::kForward: break;  // within the separation stage
      case Commodity::kOxide:
        if (to == Stage::kMetalAlloy) oxide_into_metal += f.tonnes / f_of(c.element);
        if (to == Stage::kMagnet) oxide_into_magnet += f.tonnes / f_of(c.element);
        if (to == Stage::kMetalAlloy || to == Stage::kMagnet) oxide_taken[static_cast<std::size_t>(c.element)] += f.tonnes;
        break;
      case Commodity::kMetal:
        if (from == Stage::kMetalAlloy && to != Stage::kMetalAlloy) metal_made += f.tonnes;
        if (to == Stage::kMagnet) metal_into_magnet += f.tonnes;
        break;
      case Commodity::kOther: break;
    }
  }
  double mined = 0, separated = 0, magnet_oxide_sep = 0, magnet_oxide_rec = 0, magnets = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.stage == Stage::kMining) mined += sol.throughput[i];
    if (n.stage == Stage::kSeparation) {
      separated += sol.throughput[i];
      for (auto e : kMagnetElementIds) magnet_oxide_sep += sol.elements[i][static_cast<std::size_t>(e)];
    }
    if (n.stage == Stage::kRecycling)
      for (auto e : kMagnetElementIds) magnet_oxide_rec += sol.elements[i][static_cast<std::size_t>(e)];
    if (n.stage == Stage::kMagnet) magnets += sol.throughput[i];
  }

  auto stated = [&](Stage s, StageBalance& b) {
    for (const auto& r : balance)
      if (r.kind == kb::BalanceKind::kRecovery && r.stage == s && r.facility.empty() && (r.year == 0 || r.year == out.year)) {
        b.recovery = r.value;
        b.recovery_stated = true;
        b.recovery_basis = r.basis;
        b.recovery_source = r.row() + ": " + r.source;
      }
  };

  // Mining, concentration, cracking/leaching: mixed REO in and out.
  for (int si = 0; si < kMixedStages - 1; ++si) {
    const Stage s = static_cast<Stage>(si);
    StageBalance b;
    b.stage = s;
    b.unit_in = b.unit_out = "t REO";
    b.input = s == Stage::kMining ? mined : mixed_in[static_cast<std::size_t>(si)];
    b.output = mixed_out[static_cast<std::size_t>(si)];
    // A plant loses (1 - recovery) of what it takes in; what it recovers and
    // does not ship stays at the plant, unsold.
    double held = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].stage != s || s == Stage::kMining) continue;
      b.process_loss += (1 - nodes[i].recovery) * node_in[i];
      held += std::max(0.0, nodes[i].recovery * node_in[i] - node_out[i]);
    }
    if (s == Stage::kMining) b.process_loss = std::max(0.0, b.input - b.output);
    if (s != Stage::kMining) stated(s, b);
    const int level = s == Stage::kMining ? 0 : 1;
    double sales = 0;
    for (double v : market_sales[static_cast<std::size_t>(level)]) sales += v;
    const double disposed = std::max(0.0, sales - market_purchases[static_cast<std::size_t>(level)]);
    const double unsold_at_market =
        sales > 0 ? disposed * market_sales[static_cast<std::size_t>(level)][static_cast<std::size_t>(si)] / sales : 0.0;
    b.passed_on = b.output - unsold_at_market;
    b.unsold = unsold_at_market + held;
    // What the rows do not account for (0 up to rounding).
    b.residual = b.input - (b.passed_on + b.process_loss + b.unsold);
    out.stages.push_back(std::move(b));
  }
  // Separation: mixed REO in, separated oxides out; Nd, Pr, Dy, Tb oxide go
  // on to metal (with the recyclers' oxide); the other oxides leave the chain.
  {
    StageBalance b;
    b.stage = Stage::kSeparation;
    b.unit_in = "t REO";
    b.unit_out = "t separated REO";
    b.input = mixed_in[static_cast<std::size_t>(Stage::kSeparation)];
    b.output = separated;
    b.process_loss = std::max(0.0, b.input - b.output);
    stated(Stage::kSeparation, b);
    b.other_uses = std::max(0.0, separated - magnet_oxide_sep);
    double taken = 0;
    for (double v : oxide_taken) taken += v;
    const double made = magnet_oxide_sep + magnet_oxide_rec;
    const double unsold_all = std::max(0.0, made - taken);
    b.unsold = made > 0 ? unsold_all * magnet_oxide_sep / made : 0.0;
    b.passed_on = magnet_oxide_sep - b.unsold;
    b.residual = b.input - (b.passed_on + b.other_uses + b.process_loss + b.unsold);
    if (magnet_oxide_rec > 0)
      out.notes.push_back(fmt::format("recyclers add {:.0f} t of Nd, Pr, Dy and Tb oxide to what separation passes on to metal plants",
                                      magnet_oxide_rec));
    out.stages.push_back(std::move(b));
  }
  // Metal/alloy: oxide taken, as the metal it makes; metal shipped on.
  {
    StageBalance b;
    b.stage = Stage::kMetalAlloy;
    b.unit_in = b.unit_out = "t metal";
    b.input = oxide_into_metal;
    b.output = metal_made;
    b.process_loss = std::max(0.0, b.input - b.output);
    b.unsold = std::max(0.0, metal_made - metal_into_magnet);
    b.passed_on = b.output - b.unsold;
    b.residual = b.input - (b.passed_on + b.process_loss + b.unsold);
    out.stages.push_back(std::move(b));
  }
  // Magnets: RE metal in (and oxide taken straight from an integrated
  // separation line, as metal), magnets out.
  {
    StageBalance b;
    b.stage = Stage::kMagnet;
    b.unit_in = "t metal";
    b.unit_out = "t magnet";
    b.input = metal_into_magnet + oxide_into_magnet;
    b.output = magnets;
    const double re_used = magnets * out.re_per_magnet;
    b.process_loss = std::max(0.0, b.input - re_used);
    b.passed_on = magnets;
    b.residual = b.input - (re_used + b.process_loss);
    out.stages.push_back(std::move(b));
  }
  // The kb's stockpiles for the year: explicit sinks of what a stage left unsold.
  for (const auto& r : balance) {
    if (r.kind != kb::BalanceKind::kStockpile || r.year != out.year) continue;
    auto idx = net.find(r.facility);
    if (!idx || nodes[static_cast<std::size_t>(*idx)].stage != r.stage) {
      out.notes.push_back(fmt::format("stockpile {} ({}) names no {} facility-stage of the model; not used", r.id, r.row(), kb::stage_name(r.stage)));
      continue;
    }
    for (auto& b : out.stages)
      if (b.stage == r.stage) {
        b.stockpiled += r.value;
        b.stockpiles.push_back({r.id, r.facility, r.value, r.basis, r.row() + ": " + r.source});
      }
  }
  for (auto& b : out.stages) {
    b.unplaced = b.unsold - b.stockpiled;
    if (b.unplaced < -0.5)
      out.notes.push_back(fmt::format("{}: the kb's stockpiles ({:.0f} {}) exceed what the model leaves unsold ({:.0f} {})",
                                      stage_key(b.stage), b.stockpiled, b.unit_out, b.unsold, b.unit_out));
  }
  // Across stages: mixed REO passed on by mining, concentration and
  // cracking is what concentration, cracking and separation take in.
  double passed = 0, taken = 0;
  for (const auto& b : out.stages) {
    if (b.stage == Stage::kMining || b.stage == Stage::kConcentration || b.stage == Stage::kCrackingLeaching) passed += b.passed_on;
    if (b.stage == Stage::kConcentration || b.stage == Stage::kCrackingLeaching || b.stage == Stage::kSeparation) taken += b.input;
  }
  if (std::fabs(passed - taken) > std::max(1.0, 1e-6 * taken))
    out.notes.push_back(fmt::format("mixed REO passed on ({:.0f} t) differs from what the next stages take in ({:.0f} t)", passed, taken));
  return out;
}

}  // namespace assay::supply
