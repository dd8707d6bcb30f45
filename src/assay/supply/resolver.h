// supply/resolver: re-solves one FlowModel's LP for many capacity vectors
// with COIN-OR CLP. CLP's dual simplex keeps its factorisation and work
// arrays from one solve to the next, where GLPK rebuilds them on every call;
// on the flow LP a warm re-solve costs about a third less per pivot. The
// Monte Carlo uses it; everything else solves with GLPK (solver.h).
//
//   auto model = supply::FlowModel::build(net, {.prune_idle = true});
//   auto r = supply::Resolver::create(**model);  // copies the LP; cold solve
//   r->set_available(cap);                        // per node, as FlowModel's
//   auto objective = r->solve();                  // dual simplex, warm
//   double t = r->throughput(node);
//
// The LP is the FlowModel's, bound for bound, so an optimal basis found here
// is optimal there too (resolver_test.cc hands one to GLPK to check). Not
// thread-safe; use one per thread.
#pragma once

#include <memory>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/solver.h"

namespace assay::supply {

class Resolver {
 public:
  // Copies the model's LP (with its current bounds) and solves it cold.
  static base::Result<std::unique_ptr<Resolver>> create(const FlowModel& model);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Sets every node's available capacity (as FlowModel::set_available).
  void set_available(const std::vector<double>& available);
  // Re-solves from the last basis; returns the objective.
  base::Result<double> solve();

  // Throughput of node i, and its output of magnet element m, in the last
  // solution (as FlowModel::throughput() and element_output()).
  double throughput(int node) const;
  double element_output(int node, int m) const;

  // The last solution: every column's value (LinearProgram's order).
  std::vector<double> solution() const;
  // Share of node i's capacity that the last solution uses (0 when it has
  // none).
  double utilisation(int node) const;

  Basis basis() const;
  // Simplex iterations so far, over all solves.
  long long iterations() const { return iterations_; }

 private:
  Resolver();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  long long iterations_ = 0;
};

}  // namespace assay::supply
