// app/scenarios: the scenario catalogue. A scenario is named by a path (or
// "-" for stdin) or by the name of a shipped scenario (data/scenarios/NAME.yaml
// or .json, through the DataSource); parameters are overridden with
// NAME=NUMBER pairs (--set).
//
//   auto sets = app::parse_sets({"capacity=20000"});            // Result<map>
//   auto loaded = app::load_scenario(data, "myanmar-clay-halt", *sets, world.baseline);
//   if (loaded) analyze(loaded->network, ...);                   // loaded->scenario
//   for (auto& name : app::shipped_scenarios(data)) ...          // "myanmar-clay-halt", ...
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"
#include "assay/supply/network.h"
#include "assay/supply/scenario.h"

namespace assay::app {

// The scenario text and the name messages give it: a file from disk (or
// stdin), else a shipped scenario of that name (as data.display_path names it).
base::Result<std::pair<std::string, std::string>> read_scenario(const base::DataSource& data, const std::string& arg);

struct LoadedScenario {
  supply::Scenario scenario;
  supply::Network network;  // the scenario applied to the network given
};

// Reads, parses and applies one scenario (a file or a shipped name) to `net`.
base::Result<LoadedScenario> load_scenario(const base::DataSource& data, const std::string& arg,
                                           const std::map<std::string, double>& sets, const supply::Network& net);

// The parameters a scenario (a file or a shipped name) declares, with their
// defaults: what --set may override.
base::Result<std::map<std::string, double>> scenario_parameters(const base::DataSource& data, const std::string& arg);

// Parses NAME=NUMBER overrides.
base::Result<std::map<std::string, double>> parse_sets(const std::vector<std::string>& sets);

// The names of the shipped scenarios (data/scenarios/*.yaml and *.json,
// without folder and extension), sorted.
std::vector<std::string> shipped_scenarios(const base::DataSource& data);

}  // namespace assay::app
