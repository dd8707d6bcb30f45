#include "assay/supply/world.h"

namespace assay::supply {

base::Result<World> World::load(const base::DataSource& data) {
  auto kb = kb::load(data);
  if (!kb) return base::fail(kb.error());
  return load(data, std::make_shared<const kb::Kb>(std::move(*kb)));
}

base::Result<World> World::load(const base::DataSource& data, std::shared_ptr<const kb::Kb> kb) {
  auto params = load_params(data);
  if (!params) return base::fail(params.error());
  auto net = build_network(*kb, *params);
  if (!net) return base::fail(net.error());
  return World{std::move(kb), std::move(*net)};
}

}  // namespace assay::supply
