#include "assay/app/scenarios.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "assay/app/inputs.h"

namespace assay::app {

base::Result<std::pair<std::string, std::string>> read_scenario(const base::DataSource& data, const std::string& arg) {
  std::error_code ec;
  if (arg == "-" || std::filesystem::is_regular_file(arg, ec)) {
    auto bytes = read_input({arg}, std::size_t{1} << 24);
    if (!bytes) return base::fail(bytes.error());
    return std::make_pair(arg, *bytes);
  }
  for (const auto& rel : {"scenarios/" + arg, "scenarios/" + arg + ".yaml", "scenarios/" + arg + ".json"}) {
    auto bytes = data.read(rel);
    if (bytes) return std::make_pair(data.display_path(rel), *bytes);
  }
  return base::fail(base::Error::not_found("no such scenario file (nor a shipped scenario of that name)", {.file = arg}));
}

base::Result<LoadedScenario> load_scenario(const base::DataSource& data, const std::string& arg,
                                           const std::map<std::string, double>& sets, const supply::Network& net) {
  auto text = read_scenario(data, arg);
  if (!text) return base::fail(text.error());
  auto sc = supply::parse_scenario(text->second, text->first, sets);
  if (!sc) return base::fail(sc.error());
  auto snet = supply::apply_scenario(net, *sc);
  if (!snet) return base::fail(snet.error());
  return LoadedScenario{std::move(*sc), std::move(*snet)};
}

base::Result<std::map<std::string, double>> scenario_parameters(const base::DataSource& data, const std::string& arg) {
  auto text = read_scenario(data, arg);
  if (!text) return base::fail(text.error());
  auto sc = supply::parse_scenario(text->second, text->first, {});
  if (!sc) return base::fail(sc.error());
  return sc->parameters;
}

base::Result<std::map<std::string, double>> parse_sets(const std::vector<std::string>& sets) {
  std::map<std::string, double> out;
  for (const auto& s : sets) {
    auto eq = s.find('=');
    char* end = nullptr;
    double v = eq == std::string::npos ? 0 : std::strtod(s.c_str() + eq + 1, &end);
    if (eq == std::string::npos || eq == 0 || end == s.c_str() + eq + 1 || *end != '\0')
      return base::fail(base::Error::invalid("--set expects NAME=NUMBER, got \"" + s + "\"", {.field = "--set"}));
    out[s.substr(0, eq)] = v;
  }
  return out;
}

std::vector<std::string> shipped_scenarios(const base::DataSource& data) {
  std::vector<std::string> names;
  for (const char* ext : {".yaml", ".json"})
    for (const auto& f : data.list("scenarios/", ext)) {
      std::string name = f.substr(std::string_view("scenarios/").size());
      name.resize(name.size() - std::string_view(ext).size());
      names.push_back(std::move(name));
    }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace assay::app
