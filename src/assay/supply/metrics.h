// supply/metrics: what the model says about the chain. Per stage: capacity
// and flow by location and by controlling country, China's share by
// location, by control and by technology origin, and the HHI; magnet output
// and element supply inside and outside China; what binds the chain outside
// China; and the mine-to-magnet flows grouped for a Sankey diagram.
//
//   auto m = supply::analyze(net);                  // Result<ChainMetrics>
//   double sep = m->stage(Stage::kSeparation).china_location_flow;  // 0.0 .. 1.0
//   for (const auto& b : m->binding) fmt::print("{} {}\n", b.what, b.shadow_price);
//
// analyze() solves the network twice: the world (objective as given) and
// the chain outside China on its own (objective: magnets outside China),
// whose shadow prices name the binding stage and element.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/network.h"
#include "assay/supply/solver.h"
#include "assay/supply/trade.h"

namespace assay::supply {

struct Share {
  std::string key;
  double value = 0;  // tonnes
};

struct StageMetrics {
  Stage stage = Stage::kMining;
  std::string unit;  // "t REO", "t separated REO", "t metal", "t magnet"
  int facilities = 0;
  int unknown = 0;     // facility-stages with neither capacity nor output for the year
  // What could be made in the model year (nameplate x status factor) and the
  // output the model gives for it (the flow of the output solve).
  double capacity = 0;
  double flow = 0;
  // Flow by what its facility's bound rests on (FigureBasis: sourced,
  // assumed, derived, unknown), tonnes.
  std::array<double, 4> flow_by_basis{};
  std::vector<Share> capacity_by_country, flow_by_country;        // location, largest first
  std::vector<Share> capacity_by_controller, flow_by_controller;  // ownership
  double china_location_capacity = 0, china_location_flow = 0;    // fractions
  double china_control_capacity = 0, china_control_flow = 0;
  double china_technology_capacity = 0, china_technology_flow = 0;
  double hhi_capacity = 0, hhi_flow = 0;  // by location, 0..10000
  // Flow and capacity in China / China-controlled abroad / rest (tonnes).
  std::array<double, 3> group_flow{}, group_capacity{};
};

// A band of the Sankey diagram: flows between (stage, group) where group is
// "China", "China-controlled" (outside China, Chinese owner) or "Rest".
struct SankeyLink {
  Stage from_stage = Stage::kMining, to_stage = Stage::kMining;
  std::string from_group, to_group;
  double tonnes = 0;
};

struct ChainMetrics {
  std::string label;  // "baseline" or the scenario name
  int year = 0;       // the model year (Network::params.as_of_year)
  Objective objective = Objective::kMagnets;
  double objective_value = 0;
  std::vector<StageMetrics> stages;  // every stage, upstream first
  double magnets_world = 0, magnets_ex_china = 0;
  ElementShares separated_world{}, separated_ex_china{};  // t oxide by element
  // Ex-China supply of NdPr, Dy, Tb oxide (separation + recycling).
  double ndpr_ex_china = 0, dy_ex_china = 0, tb_ex_china = 0;
  // Dy and Tb metal magnet plants did without (thrifting, model.yaml), t metal.
  double dy_thrifted = 0, tb_thrifted = 0;
  // The same in the chain outside China on its own.
  double standalone_dy_thrifted = 0, standalone_tb_thrifted = 0;
  // The chain outside China on its own.
  double standalone_magnets_ex_china = 0;
  std::vector<BindingConstraint> binding;  // largest shadow price first
  std::string limiting_stage;              // stage of the largest binding capacity
  // Some binding capacities of the limiting stage are unknown (held at 0 t):
  // the stage binds partly for want of data.
  bool limiting_stage_has_unknown = false;
  std::string limiting_element;            // magnet element with the largest shadow price
  std::array<double, kMagnetElements> element_shadow{};
  // Supply of NdPr, Dy and Tb oxide outside China (chain on its own) over
  // what the magnet capacity outside China would need at the grade mix: the
  // element with the lowest coverage binds once capacity no longer does.
  std::array<double, 3> element_coverage{};  // NdPr, Dy, Tb
  std::string coverage_element;              // "NdPr", "Dy" or "Tb"
  double magnet_demand_ex_china = 0;  // the reference level (not demand)
  // The period solved ("" = the model year, whole; "2025-05" ...).
  std::string period;
  // Magnets outside China: what the chain there makes, China's exports, the
  // use outside China (trade.h). analyze() fills it as a baseline (no stock
  // drawn); app::compare_scenarios recomputes a scenario's against its
  // baseline and carries stocks between periods.
  MagnetBalance balance;
  std::vector<SankeyLink> sankey;
  std::vector<std::string> notes;

  const StageMetrics& stage(Stage s) const { return stages[static_cast<std::size_t>(s)]; }
};

// Solves `net` and computes the metrics (label "baseline" unless given).
base::Result<ChainMetrics> analyze(const Network& net, Objective objective = Objective::kMagnets,
                                   std::string label = "baseline", double require_magnets_ex_china = 0);

// Metrics of one solution (no second solve): the per-stage part only.
std::vector<StageMetrics> stage_metrics(const Network& net, const Solution& sol);

// "China", "China-controlled" or "Rest" for a node, and its index 0..2 (a
// joint venture outside China is "China-controlled" when the Chinese partner
// holds at least half).
std::string china_group(const Node& n);
int china_group_index(const Node& n);
inline constexpr std::array<const char*, 3> kGroups = {"China", "China-controlled", "Rest"};
// Share of a node's control that is Chinese: 1 for a Chinese controller,
// else its Chinese partner's stake. The control view and the groups split a
// joint venture's capacity and flow by it.
double china_control_weight(const Node& n);
// What bounds a node in the output solve, as the binding-constraint report
// names it: "output of ID (2025 output, sourced)", "capacity of ID",
// "capacity of ID (capacity unknown, counted as 0)" ...
std::string bound_label(const Node& n, int year);
// A node's capacity or flow split over the three groups (sums to 1).
std::array<double, 3> china_group_weights(const Node& n);

// Per facility: the row of `stages` for one node, for `assay chain facility`.
struct FacilityView {
  const Node* node = nullptr;
  // Stage basis: the bound of the output solve (Node::available), what
  // could be made (Node::capacity) and the modelled output.
  double capacity = 0, potential = 0, flow = 0;
  double shadow_price = 0;
  ElementShares elements{};
  std::vector<std::pair<std::string, double>> inputs, outputs;  // counterpart id / market, tonnes
};
base::Result<FacilityView> facility_view(const Network& net, const Solution& sol, std::string_view id);

}  // namespace assay::supply
