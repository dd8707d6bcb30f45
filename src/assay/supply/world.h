// supply/world: the supply world as the data describe it: the knowledge
// base, the model parameters (data/supply/model.yaml) and the baseline
// network built from them. World::load is the one place it is built; it
// prints nothing and returns the first error (kb, then parameters, then the
// network).
//
//   base::EmbeddedData data;
//   auto world = supply::World::load(data);          // Result<World>
//   if (!world) return report(world.error());
//   auto m = supply::analyze(world->baseline);        // metrics.h
//   auto changed = supply::apply_scenario(world->baseline, sc);
//   auto y2024 = world->for_year(2024);              // Result<World>, same kb and parameters
#pragma once

#include <memory>

#include "assay/base/data_source.h"
#include "assay/base/error.h"
#include "assay/kb/kb.h"
#include "assay/supply/network.h"

namespace assay::supply {

struct World {
  std::shared_ptr<const kb::Kb> kb;  // never null in a loaded world
  Network baseline;                  // built for params().as_of_year (year())

  const ModelParams& params() const { return baseline.params; }
  int year() const { return baseline.params.as_of_year; }

  // Loads the knowledge base and the parameters from `data` and builds the
  // baseline network for the latest year with data (latest_data_year: the
  // latest year with USGS country mine totals; model.yaml's as_of_year when
  // the kb has none).
  static base::Result<World> load(const base::DataSource& data);
  // The same with a knowledge base already loaded (from the same data).
  static base::Result<World> load(const base::DataSource& data, std::shared_ptr<const kb::Kb> kb);
  // The same kb and parameters, the baseline built for `year`. An invalid
  // year (no USGS country mine totals in the kb) is an error naming the
  // years there are (field "--year").
  base::Result<World> for_year(int year) const;
};

}  // namespace assay::supply
