// libFuzzer target for the scenario reader (YAML and JSON): parse, apply to
// a small network, and solve. Any input must give a value or an Error,
// never a crash, a hang or a leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assay/supply/metrics.h"
#include "assay/supply/scenario.h"
#include "assay/supply/test_network.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace assay::supply;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto sc = parse_scenario(text, "fuzz.yaml", {});
  if (!sc) return 0;
  static const Network base = testing::tiny_network();
  auto net = apply_scenario(base, *sc);
  if (!net || net->nodes.size() > 64) return 0;
  double require = sc->demand_is_requirement ? net->magnet_demand_ex_china : 0;
  auto m = analyze(*net, sc->objective.value_or(Objective::kMagnets), sc->name, require);
  (void)m;
  return 0;
}
