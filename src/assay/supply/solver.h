// supply/solver: the flow model as a linear program, solved with GLPK.
//
// Commodities: mixed REO of each deposit at three levels (mined,
// concentrated, cracked), separated oxides and metals of Nd, Pr, Dy and Tb.
// Each country has a market per commodity; trade between markets costs a
// little (domestic supply first) and export controls remove or cap it.
// Nodes draw from their stated feeds, or else from their country's market.
// The objective maximises magnet output (or magnet output outside China),
// plus a small reward per tonne of stage throughput so that capacities are
// used as far as feed allows.
//
//   auto lp = supply::FlowModel::build(net, {.objective = Objective::kMagnets});
//   auto sol = lp->solve();                      // Result<Solution>, cold start
//   std::vector<double> cap = ...;               // per node, in its unit
//   lp->set_available(cap);                      // bounds only: keeps the basis
//   auto again = lp->solve();                    // warm start (dual simplex)
//
// A FlowModel owns a GLPK problem and is not thread-safe; use one per thread.
// GLPK keeps its environment per thread (thread-local storage), and its
// terminal output is switched off here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/network.h"

namespace assay::supply {

enum class Objective {
  kMagnets,         // world NdFeB magnet output
  kMagnetsExChina,  // magnet output at plants outside China
};
const char* objective_name(Objective o);
std::optional<Objective> parse_objective(std::string_view s);

struct SolveOptions {
  Objective objective = Objective::kMagnets;
  // Leaves out every facility located in China (the chain outside China on
  // its own); used to find what limits it.
  bool without_china = false;
  // Hard lower bound on magnet output outside China (t/yr); 0 = none. Makes
  // the LP infeasible when it cannot be met.
  double require_magnets_ex_china = 0;
  // Leaves out nodes with no available capacity (they can carry no flow, so
  // the optimum is the same; but they get no shadow price, and
  // set_available() cannot bring them back). Makes the LP much smaller.
  bool prune_idle = false;
  // Merges what only passes flow on, for an LP with the same optimum and
  // less than half the rows (511 -> 230 on the shipped data): a market that
  // buys in for a single consumer becomes one column (import straight to
  // the consumer); a producer that sells a commodity only to its country's
  // market puts its output in the market row (no dispatch column, no
  // balance row); a magnet plant fed by its country's metal market alone
  // takes its recipe from the market row (no receipt columns, no element
  // rows). Every node's throughput and element output read the same, but
  // merged arcs report no flow and merged rows no shadow price: for the
  // Monte Carlo, which reads only the former.
  bool compact = false;
};

// One aggregated flow between two nodes (or a node and a market), for Sankey
// diagrams: `from`/`to` are node indexes, -1 for a market.
struct Flow {
  int from = -1;
  int to = -1;
  std::string commodity;  // "mixed", "Nd", "Pr", "Dy", "Tb"
  std::string from_country, to_country;
  double tonnes = 0;
};

struct BindingConstraint {
  int node = -1;             // node whose capacity binds, or -1 for an element
  std::string what;          // "capacity of <id>" or "Dy oxide supply"
  double shadow_price = 0;   // objective gain per extra t of capacity/element
  // The node's capacity is not published: the model holds it at 0 t, so the
  // constraint binds because of what is not known, not a measured limit.
  bool capacity_unknown = false;
};

struct Solution {
  double objective = 0;
  // Per node: throughput in its stage basis (mining, concentration,
  // cracking: t REO; separation: t separated REO; metal: t metal; magnet:
  // t magnet; recycling: t REO recovered).
  std::vector<double> throughput;
  // Per node: capacity in the same basis (REO-equivalent where the unit is
  // NdPr oxide or concentrate).
  // This is the bound of the output solve (Node::available): the output the
  // kb reports for the year where it has one.
  std::vector<double> capacity;
  // Per node: what could be made in the model year (Node::capacity:
  // nameplate x status factor) in the same basis; 0 for a node left out.
  std::vector<double> potential;
  // Per node: t of each element (oxide) it yields: mines by their deposit,
  // separation lines and recyclers their separated oxides.
  std::vector<ElementShares> elements;
  std::vector<double> capacity_shadow;  // per node
  // Marginal value of one more t of each magnet element's oxide, the largest
  // over countries.
  std::array<double, kMagnetElements> element_shadow{};
  std::vector<Flow> flows;
  // t of metal of Nd, Pr, Dy, Tb that magnet plants did without
  // (ModelParams::thrift_max), in the world and outside China.
  std::array<double, kMagnetElements> thrifted{}, thrifted_ex_china{};
  int iterations = 0;
};

// The LP of a FlowModel in plain arrays, for another solver (resolver.h):
// columns in compressed sparse column form, 0-based; +-infinity where a
// bound is absent. The objective is maximised.
struct LinearProgram {
  int rows = 0, cols = 0;
  std::vector<int> col_start;  // cols + 1 entries
  std::vector<int> row_index;
  std::vector<double> value;
  std::vector<double> col_lower, col_upper, objective;
  std::vector<double> row_lower, row_upper;
};

// Where a node's available capacity goes in the LP: the upper bound of one
// row, of one column, or of `count` equal segment columns (index ..
// index + count - 1), each times `scale` (as FlowModel::set_available).
struct CapacitySlot {
  enum Kind : std::uint8_t { kNone, kRow, kColumn, kSegments } kind = kNone;
  int index = -1;
  int count = 1;
  double scale = 1.0;
};

// A term of a reported quantity: coef x column (0-based).
struct LpTerm {
  int col = 0;
  double coef = 0;
};

struct LpExport {
  LinearProgram lp;
  std::vector<CapacitySlot> capacity;  // per node
  // Per node: its throughput, and its output of each magnet element, as
  // FlowModel::throughput() and element_output() read them.
  std::vector<std::vector<LpTerm>> throughput;
  std::vector<std::array<std::vector<LpTerm>, kMagnetElements>> magnet_element_output;
};

// A simplex basis: the status of every row (auxiliary variable) and column.
enum class VarStatus : std::uint8_t { kBasic, kAtLower, kAtUpper, kFree, kFixed };
struct Basis {
  std::vector<VarStatus> rows, cols;
};

class FlowModel {
 public:
  static base::Result<std::unique_ptr<FlowModel>> build(const Network& net, SolveOptions options = {});
  ~FlowModel();
  FlowModel(const FlowModel&) = delete;
  FlowModel& operator=(const FlowModel&) = delete;

  // Solves (warm from the last basis when there is one). kInfeasible when
  // the requirement cannot be met.
  base::Result<Solution> solve();
  // Same, but only the objective and per-node throughput (fast path for
  // Monte Carlo).
  base::Result<double> solve_objective_only();

  // Sets every node's available capacity (in its own unit, as Node::available).
  void set_available(const std::vector<double>& available);
  const std::vector<double>& available() const { return available_; }

  // Throughput of node i in the last solution (cheap).
  double throughput(int node) const;
  // t of magnet element m yielded by node i in the last solution (separation
  // lines and recyclers; cheap).
  double element_output(int node, int m) const;

  // Simplex iterations so far (GLPK's counter).
  int iterations() const;
  // Remembers the current basis / goes back to it (e.g. the baseline's, so
  // that each Monte Carlo draw starts from it rather than from the last draw).
  void save_basis();
  void restore_basis();
  // The current basis, and a basis to start the next solve from (e.g. one
  // another solver found optimal; resolver_test.cc checks them this way).
  Basis basis() const;
  void set_basis(const Basis& b);
  // The LP as it stands (current bounds), with the node capacity slots and
  // output terms.
  LpExport export_lp() const;
  int rows() const;
  int columns() const;
  const Network& network() const { return net_; }

 private:
  FlowModel(const Network& net, SolveOptions options);
  struct Impl;
  class Builder;  // the steps of build (solver.cc)
  Network net_;
  SolveOptions options_;
  std::vector<double> available_;
  std::unique_ptr<Impl> impl_;
};

// Builds and solves once (cold).
base::Result<Solution> solve(const Network& net, SolveOptions options = {});

// GLPK keeps an environment per thread. A thread that solved and is about to
// end (a worker of a batch) releases it here; no FlowModel of this thread may
// be alive.
void release_thread_solver();

}  // namespace assay::supply
