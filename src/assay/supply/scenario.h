// supply/scenario: what-if edits to the network, read from YAML or JSON
// (schema in docs/SCENARIOS.md): add, change or remove facilities, scale
// capacities by rule, impose or lift export controls, set demand and the
// objective. Parameters (`parameters: {capacity: 10000}`) can be referred to
// as "$capacity" or "$capacity * 0.3" and overridden from the command line.
//
//   auto sc = supply::parse_scenario(text, "myanmar-clay-halt.yaml", {});
//   if (!sc) fmt::print("{}\n", sc.error().to_string());  // file:line:col: key: ...
//   auto net2 = supply::apply_scenario(net, *sc);           // unknown ids, cycles...
//   auto before = supply::analyze(net), after = supply::analyze(*net2, sc->objective, sc->name);
//
// Every error names the file and the scenario key ("change[1].id").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/network.h"
#include "assay/supply/solver.h"

namespace assay::supply {

struct ScenarioFacility {
  std::string key;  // "add[0]"
  Node node;
  std::vector<std::string> feed_ids;
  std::string deposit_id;
};

struct ScenarioChange {
  std::string key;  // "change[0]"
  std::string id;
  std::optional<double> capacity;         // new nameplate (available follows status)
  std::optional<double> capacity_factor;  // multiplies available capacity
  std::optional<FacilityStatus> status;
  std::optional<std::string> controller, technology;
  std::optional<std::vector<std::string>> feed_ids;
};

// Multiplies the available capacity of every facility that matches all of
// the given fields.
struct CapacityRule {
  std::string key;  // "capacity_factors[0]"
  std::optional<std::string> id, country, controller, technology, company;
  std::optional<Stage> stage;
  double factor = 1;
};

struct ScenarioControl {
  std::string key;
  ExportControl control;
};

struct Scenario {
  std::string file;  // for messages
  std::string name, description;
  std::map<std::string, double> parameters;  // after overrides
  std::vector<ScenarioFacility> add;
  std::vector<ScenarioChange> change;
  std::vector<std::pair<std::string, std::string>> remove;  // (key, id)
  std::vector<CapacityRule> capacity_factors;
  std::vector<ScenarioControl> export_controls;
  std::vector<std::pair<std::string, std::string>> lift_controls;  // (key, control id)
  std::optional<double> magnet_demand_ex_china;
  bool demand_is_requirement = false;  // demand.hard: the LP must meet it
  std::optional<Objective> objective;
};

// Parses a scenario. `overrides` replace declared parameters (an override
// of an undeclared parameter is an error).
base::Result<Scenario> parse_scenario(std::string_view text, std::string_view file_name,
                                      const std::map<std::string, double>& overrides = {});

// Applies a scenario to a copy of `base`. Errors name the scenario file and key.
base::Result<Network> apply_scenario(const Network& base, const Scenario& sc);

}  // namespace assay::supply
