#include "assay/supply/network.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "assay/base/strings.h"
#include "assay/supply/yaml_util.h"

namespace assay::supply {
namespace {

constexpr std::array<const char*, kElements> kSymbols = {"La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb",
                                                         "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"};
}  // namespace

const char* magnet_element_symbol(int m) {
  static constexpr std::array<const char*, kMagnetElements> k = {"Nd", "Pr", "Dy", "Tb"};
  return (m >= 0 && m < kMagnetElements) ? k[static_cast<std::size_t>(m)] : "?";
}

const char* element_symbol(int e) { return (e >= 0 && e < kElements) ? kSymbols[static_cast<std::size_t>(e)] : "?"; }

std::optional<int> parse_element_symbol(std::string_view s) {
  for (int i = 0; i < kElements; ++i)
    if (base::iequals_ascii(s, kSymbols[static_cast<std::size_t>(i)])) return i;
  return std::nullopt;
}

bool is_china(std::string_view country) { return country == "China"; }

bool ExportControl::applies_to(std::string_view destination) const {
  if (destination == country) return false;
  if (destinations.empty()) return true;
  for (const auto& d : destinations)
    if (d == destination || d == "all") return true;
  return false;
}

std::optional<int> Network::find(std::string_view id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

base::Result<std::vector<int>> Network::topological_order() const {
  const int n = static_cast<int>(nodes.size());
  std::vector<int> indeg(static_cast<std::size_t>(n), 0);
  std::vector<std::vector<int>> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    for (int f : nodes[static_cast<std::size_t>(i)].feeds) {
      if (f < 0 || f >= n) return base::fail(base::Error::internal("feed index out of range", {.field = nodes[static_cast<std::size_t>(i)].id}));
      out[static_cast<std::size_t>(f)].push_back(i);
      ++indeg[static_cast<std::size_t>(i)];
    }
  }
  std::vector<int> order, stack;
  for (int i = n - 1; i >= 0; --i)
    if (indeg[static_cast<std::size_t>(i)] == 0) stack.push_back(i);
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    order.push_back(v);
    for (int w : out[static_cast<std::size_t>(v)])
      if (--indeg[static_cast<std::size_t>(w)] == 0) stack.push_back(w);
  }
  if (static_cast<int>(order.size()) != n) {
    std::vector<std::string> cyc;
    for (int i = 0; i < n; ++i)
      if (indeg[static_cast<std::size_t>(i)] > 0) cyc.push_back(nodes[static_cast<std::size_t>(i)].id);
    return base::fail(base::Error::invalid("cycle in feeds among: " + base::join(cyc, ", "), {.field = "feed"}));
  }
  return order;
}

base::Status Network::validate() const {
  for (const auto& n : nodes) {
    if (!std::isfinite(n.available) || n.available < 0 || !std::isfinite(n.nameplate) || n.nameplate < 0 || !std::isfinite(n.capacity) ||
        n.capacity < 0) {
      return base::fail(base::Error::invalid(fmt::format("negative or non-finite capacity ({})", n.available), {.field = n.id}));
    }
    if (n.deposit >= static_cast<int>(deposits.size())) return base::fail(base::Error::internal("deposit index out of range", {.field = n.id}));
    if (!(n.china_stake >= 0 && n.china_stake <= 1))
      return base::fail(base::Error::invalid(fmt::format("Chinese stake {} outside [0, 1]", n.china_stake), {.field = n.id}));
    if (!(n.recovery > 0 && n.recovery <= 1)) {
      return base::fail(base::Error::invalid(fmt::format("recovery {} is not in (0, 1]", n.recovery), {.field = n.id}));
    }
    if (n.stage == Stage::kMining && n.deposit < 0 && n.available > 0) {
      return base::fail(base::Error::invalid("a mine needs a deposit (element distribution)", {.field = n.id}));
    }
  }
  for (const auto& d : deposits) {
    double s = 0;
    for (double x : d.share) {
      if (!std::isfinite(x) || x < 0) return base::fail(base::Error::invalid("bad element share", {.field = d.id}));
      s += x;
    }
    if (std::fabs(s - 1.0) > 1e-6) return base::fail(base::Error::invalid(fmt::format("element shares sum to {}, not 1", s), {.field = d.id}));
  }
  for (double x : recipe.metal_per_t)
    if (!std::isfinite(x) || x < 0) return base::fail(base::Error::invalid("bad magnet recipe"));
  for (const auto& c : controls)
    if (!(c.allowed_share >= 0)) return base::fail(base::Error::invalid("negative allowed share", {.field = c.id}));
  auto order = topological_order();
  if (!order) return base::fail(order.error());
  return {};
}

// ------------------------------------------------------------ params

base::Result<ModelParams> parse_params(std::string_view yaml, std::string_view file_name) {
  detail::YamlReader r{std::string(file_name)};
  auto root = r.parse(yaml);
  if (!root) return base::fail(root.error());
  ModelParams p;
  const YAML::Node& y = *root;
  if (!y.IsMap()) return base::fail(r.error(y, "", "expected a mapping at the top level"));
  auto num = [&](const char* key, double& out) -> base::Status {
    if (!y[key].IsDefined()) return {};
    auto v = r.number(y[key], key);
    if (!v) return base::fail(v.error());
    if (*v < 0) return base::fail(r.error(y[key], key, "must be >= 0"));
    out = *v;
    return {};
  };
  double as_of = p.as_of_year;
  for (auto [k, dst] : std::initializer_list<std::pair<const char*, double*>>{
           {"as_of_year", &as_of},
           {"started_factor", &p.started_factor},
           {"concentrate_grade", &p.concentrate_grade},
           {"alloy_re_fraction", &p.alloy_re_fraction},
           {"recycling_oxide_yield", &p.recycling_oxide_yield},
           {"ndpr_line_la_ce_recovery", &p.ndpr_line_la_ce_recovery},
           {"throughput_weight", &p.throughput_weight},
           {"trade_cost", &p.trade_cost},
           {"ex_china_magnet_preference", &p.ex_china_magnet_preference},
           {"ex_china_oxide_preference", &p.ex_china_oxide_preference},
           {"control_threshold", &p.control_threshold},
           {"licensing_allowed_share", &p.licensing_allowed_share},
           {"magnet_demand_ex_china", &p.default_magnet_demand_ex_china},
           {"buyer_stock_months", &p.buyer_stock_months},
           {"thrift_cost", &p.thrift_cost},
           {"default_outage_probability", &p.default_outage_probability},
           {"default_outage_loss", &p.default_outage_loss}}) {
    auto s = num(k, *dst);
    if (!s) return base::fail(s.error());
  }
  p.as_of_year = static_cast<int>(as_of);
  // Recovery factors and grades: t out per t in, so in (0, 1]; 0 would
  // silently delete a stage's output and above 1 would create mass.
  for (const char* k : {"concentrate_grade", "alloy_re_fraction", "recycling_oxide_yield", "ndpr_line_la_ce_recovery"})
    if (y[k].IsDefined()) {
      double v = y[k].as<double>(0.0);
      if (!(v > 0 && v <= 1))
        return base::fail(r.error(y[k], k, fmt::format("a recovery factor must be in (0, 1] (t out per t in), not {}", v)));
    }
  if (auto th = y["thrifting"]; th.IsDefined()) {
    if (!th.IsMap()) return base::fail(r.error(th, "thrifting", "expected a mapping element (Nd, Pr, Dy, Tb) -> share"));
    for (auto it = th.begin(); it != th.end(); ++it) {
      std::string k = it->first.as<std::string>("");
      int m = -1;
      for (int j = 0; j < kMagnetElements; ++j)
        if (k == magnet_element_symbol(j)) m = j;
      if (m < 0) return base::fail(r.error(it->first, "thrifting", "unknown element \"" + k + "\" (expected Nd, Pr, Dy or Tb)"));
      auto v = r.number(it->second, "thrifting." + k);
      if (!v) return base::fail(v.error());
      if (*v < 0 || *v >= 1) return base::fail(r.error(it->second, "thrifting." + k, "a share in [0, 1)"));
      p.thrift_max[static_cast<std::size_t>(m)] = *v;
    }
  }
  if (auto sf = y["status_factor"]; sf.IsDefined()) {
    if (!sf.IsMap()) return base::fail(r.error(sf, "status_factor", "expected a mapping status -> factor"));
    for (auto it = sf.begin(); it != sf.end(); ++it) {
      std::string k = it->first.as<std::string>("");
      auto st = parse_status_key(k);
      if (!st) return base::fail(r.error(it->first, "status_factor." + k, "unknown status"));
      auto v = r.number(it->second, "status_factor." + k);
      if (!v) return base::fail(v.error());
      if (*v < 0 || *v > 1) return base::fail(r.error(it->second, "status_factor." + k, "must be in [0, 1]"));
      p.status_factor[static_cast<std::size_t>(*st)] = *v;
    }
  }
  if (auto gm = y["grade_mix"]; gm.IsDefined()) {
    if (!gm.IsMap()) return base::fail(r.error(gm, "grade_mix", "expected a mapping grade -> share"));
    p.grade_mix.clear();
    double total = 0;
    for (auto it = gm.begin(); it != gm.end(); ++it) {
      std::string k = it->first.as<std::string>("");
      auto v = r.number(it->second, "grade_mix." + k);
      if (!v) return base::fail(v.error());
      if (*v < 0) return base::fail(r.error(it->second, "grade_mix." + k, "must be >= 0"));
      p.grade_mix.emplace_back(k, *v);
      total += *v;
    }
    if (std::fabs(total - 1.0) > 1e-6) return base::fail(r.error(gm, "grade_mix", fmt::format("shares sum to {}, not 1", total)));
  }
  if (auto ag = y["aggregates"]; ag.IsDefined()) {
    if (!ag.IsSequence()) return base::fail(r.error(ag, "aggregates", "expected a list"));
    for (std::size_t i = 0; i < ag.size(); ++i) {
      const YAML::Node& a = ag[i];
      std::string key = fmt::format("aggregates[{}]", i);
      if (auto s = r.only_keys(a, key, {"id", "name", "country", "controlling_country", "technology_origin", "stage",
                                         "capacity", "unit", "deposit", "elements", "basis"});
          !s)
        return base::fail(s.error());
      ModelParams::Aggregate g;
      auto str = [&](const char* k, std::string& out, bool required) -> base::Status {
        if (!a[k].IsDefined()) {
          if (required) return base::fail(r.error(a, key + "." + k, "required"));
          return {};
        }
        auto v = r.string(a[k], key + "." + k);
        if (!v) return base::fail(v.error());
        out = *v;
        return {};
      };
      std::string stage, unit, elements;
      for (auto [k, dst, req] : std::initializer_list<std::tuple<const char*, std::string*, bool>>{
               {"id", &g.id, true}, {"name", &g.name, false}, {"country", &g.country, true},
               {"controlling_country", &g.controller, false}, {"technology_origin", &g.technology, false},
               {"stage", &stage, true}, {"unit", &unit, true}, {"deposit", &g.deposit, false},
               {"elements", &elements, false}, {"basis", &g.basis, true}}) {
        auto s = str(k, *dst, req);
        if (!s) return base::fail(s.error());
      }
      auto st = parse_stage_key(stage);
      if (!st) return base::fail(r.error(a["stage"], key + ".stage", "unknown stage \"" + stage + "\""));
      g.stage = *st;
      auto u = parse_unit_key(unit);
      if (!u) return base::fail(r.error(a["unit"], key + ".unit", "unknown unit \"" + unit + "\""));
      g.unit = *u;
      auto cap = r.number(a["capacity"], key + ".capacity");
      if (!cap) return base::fail(cap.error());
      if (*cap < 0) return base::fail(r.error(a["capacity"], key + ".capacity", "negative capacity"));
      g.capacity = *cap;
      if (!elements.empty()) {
        auto es = kb::parse_element_set(elements);
        if (!es) return base::fail(r.error(a["elements"], key + ".elements", "unknown element set \"" + elements + "\""));
        g.elements = *es;
      }
      if (g.controller.empty()) g.controller = g.country;
      if (g.technology.empty()) g.technology = g.country;
      if (g.name.empty()) g.name = g.id;
      p.aggregates.push_back(std::move(g));
    }
  }
  return p;
}

base::Result<ModelParams> load_params(const base::DataSource& data) {
  auto text = data.read("supply/model.yaml");
  if (!text) return base::fail(text.error());
  return parse_params(*text, data.display_path("supply/model.yaml"));
}

// ------------------------------------------------------------ build

namespace {

bool year_le(std::string_view date, int year) {
  if (date.size() < 4) return true;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!base::is_ascii_digit(date[i])) return true;
    y = y * 10 + (date[i] - '0');
  }
  return y <= year;
}

// t REO per unit of a mine's figure (t concentrate, t NdPr oxide); 0 when
// the unit does not convert (heavy oxides) or the deposit is unknown.
double mine_reo_per_unit(const Network& net, const Node& n) {
  if (n.deposit < 0) return 0;
  const auto& sh = net.deposits[static_cast<std::size_t>(n.deposit)].share;
  switch (n.unit) {
    case CapacityUnit::kTReo: return 1.0;
    case CapacityUnit::kTConcentrate: return net.params.concentrate_grade;
    case CapacityUnit::kTNdPrOxide: {
      double ndpr = sh[static_cast<std::size_t>(Element::kNd)] + sh[static_cast<std::size_t>(Element::kPr)];
      return ndpr > 0 ? 1.0 / ndpr : 0.0;
    }
    default: return 0;
  }
}

// "Myanmar" -> "myanmar", "United States" -> "united-states".
std::string country_slug(std::string_view country) {
  std::string out;
  for (char ch : country) {
    if (base::is_ascii_alnum(ch)) out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// USGS country mine totals for the model year bound each country's mines:
// where the mines whose output the kb does not give for the year (capacity,
// or an earlier year's output) would exceed what is left of the total,
// they are scaled down to it (basis: derived). A total the kb's mines do
// not reach is named in a note (output the kb cannot place at a mine).
void scale_mines_to_country_totals(const kb::Kb& kb, Network& net) {
  const int Y = net.params.as_of_year;
  struct Sum {
    double fixed = 0, free = 0;
    std::vector<std::size_t> free_nodes;
  };
  std::map<std::string, Sum> by_country;
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const Node& n = net.nodes[i];
    if (n.stage != Stage::kMining || n.synthetic) continue;
    double k = mine_reo_per_unit(net, n);
    if (k <= 0) continue;
    auto& s = by_country[n.country];
    if (n.basis == FigureBasis::kSourced) {
      s.fixed += n.available * k;
    } else if (n.available > 0) {
      s.free += n.available * k;
      s.free_nodes.push_back(i);
    }
  }
  std::vector<std::string> short_of;
  std::vector<std::pair<Node, std::size_t>> remainders;  // the row, and the mine it is mined like
  for (auto& [country, s] : by_country) {
    const kb::CountryFigure* c = kb.country_figure(country, kb::FigureMeasure::kMineProduction, Y);
    if (!c || !c->value || c->unit != "t REO") continue;
    double total = *c->value;
    if (s.fixed + s.free > total * (1 + 1e-9) && s.free > 0) {
      double f = std::max(0.0, total - s.fixed) / s.free;
      for (auto i : s.free_nodes) {
        net.nodes[i].available *= f;
        net.nodes[i].basis = FigureBasis::kDerived;
      }
      net.notes.push_back(fmt::format("mines in {} scaled to {:.1f}% of their capacity so that the country's mine output is the "
                                      "{} total for {} ({:.0f} t REO; basis: derived)",
                                      country, 100 * f, c->edition, Y, total));
    } else if (total - (s.fixed + s.free) >= std::max(500.0, 0.01 * total)) {
      // The country total is a constraint both ways: what the kb's mines do
      // not account for becomes one derived row (the USGS total less the
      // kb's mines), mined like the country's largest mine and sold to the
      // plants that buy from it, so a year whose kb mines fall short (2023:
      // Myanmar, Nigeria, Thailand) still carries the country's output.
      const double rest = total - (s.fixed + s.free);
      std::optional<std::size_t> like;
      double best = -1;
      for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        const Node& n = net.nodes[i];
        if (n.stage != Stage::kMining || n.synthetic || n.country != country || n.deposit < 0) continue;
        double t = n.available * mine_reo_per_unit(net, n);
        if (t > best) {
          best = t;
          like = i;
        }
      }
      if (!like) {
        short_of.push_back(fmt::format("{} {:.0f} of {:.0f} t", country, rest, total));
        continue;
      }
      const Node& t = net.nodes[*like];
      Node r;
      r.id = "usgs-remainder-" + country_slug(country);
      r.site = r.id;
      r.name = fmt::format("{} mine output no kb mine accounts for ({} total for {} less the kb's mines)", country, c->edition, Y);
      r.company = "(country total)";
      r.stage = Stage::kMining;
      r.country = country;
      r.controller = t.controller;
      r.technology = t.technology;
      r.unit = CapacityUnit::kTReo;
      r.nameplate = r.available = r.capacity = rest;
      r.capacity_known = true;
      r.basis = FigureBasis::kDerived;
      r.output_year = Y;
      r.deposit = t.deposit;
      r.source = fmt::format("{} mine production of {} in {} ({:.0f} t REO, countries.csv line {}) less the kb's mines; "
                             "ore mix and buyers as {}",
                             c->edition, country, Y, total, c->line, t.id);
      r.synthetic = true;
      net.notes.push_back(fmt::format("{}: {:.0f} t REO of {}'s {} mine output ({} total) that no kb mine accounts for, "
                                      "mined like {} (basis: derived)",
                                      r.id, rest, country, Y, c->edition, t.id));
      remainders.emplace_back(std::move(r), *like);
    }
  }
  for (auto& [r, like] : remainders) {
    const int at = static_cast<int>(net.nodes.size());
    net.nodes.push_back(std::move(r));
    for (auto& n : net.nodes)
      if (std::find(n.feeds.begin(), n.feeds.end(), static_cast<int>(like)) != n.feeds.end()) n.feeds.push_back(at);
  }
  if (!short_of.empty()) {
    std::string list;
    for (const auto& x : short_of) list += (list.empty() ? "" : "; ") + x;
    net.notes.push_back(fmt::format("USGS mine output for {} that no mine in the kb accounts for (t REO, not in the flows): {}", Y, list));
  }
}

// National magnet output for the model year (countries.csv `magnet_output`,
// t magnet, any edition: China's MIIT/CAREI or SMM figure) bounds the
// country's magnet plants as the USGS totals bound its mines: plants whose
// output the kb does not give for the year are scaled down to what is left
// of the total (basis: derived), and output the plants do not reach becomes
// one derived row (`magnet-remainder-COUNTRY`). The country's unlisted metal
// aggregate (model.yaml, stage metal_alloy, synthetic) is sized in its basis
// as the metal that the kb's magnet capacity needs less the listed metal
// plants; it moves with the year's magnet output by the metal a tonne of
// magnet holds at the grade mix (recipe), so that the metal stage neither
// caps nor inflates a year's published magnet output. A country without a
// figure for the year keeps capacities (a note says so for China).
void bound_magnets_to_country_totals(const kb::Kb& kb, Network& net) {
  const int Y = net.params.as_of_year;
  double metal_per_t = 0;
  for (double x : net.recipe.metal_per_t) metal_per_t += x;
  std::map<std::string, std::vector<std::size_t>> by_country;
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    if (net.nodes[i].stage == Stage::kMagnet) by_country[net.nodes[i].country].push_back(i);
  std::vector<Node> remainders;
  for (const auto& [country, idx] : by_country) {
    const kb::CountryFigure* c = kb.country_figure(country, kb::FigureMeasure::kMagnetOutput, Y, "");
    if (!c || !c->value || c->unit != "t magnet") {
      if (is_china(country)) {
        net.notes.push_back(fmt::format("no published magnet output for {} in {} (countries.csv magnet_output): its magnet "
                                        "plants run up to their capacity",
                                        country, Y));
      }
      continue;
    }
    const double total = *c->value;
    double fixed = 0, free = 0, nameplate = 0;
    std::vector<std::size_t> free_nodes;
    for (auto i : idx) {
      const Node& n = net.nodes[i];
      nameplate += n.capacity;
      if (n.basis == FigureBasis::kSourced) fixed += n.available;
      else if (n.available > 0) {
        free += n.available;
        free_nodes.push_back(i);
      }
    }
    if (fixed + free > total * (1 + 1e-9) && free > 0) {
      const double f = std::max(0.0, total - fixed) / free;
      for (auto i : free_nodes) {
        net.nodes[i].available *= f;
        net.nodes[i].basis = FigureBasis::kDerived;
      }
      net.notes.push_back(fmt::format("magnet plants in {} scaled to {:.1f}% of their capacity so that the country's magnet "
                                      "output is the {} figure for {} ({:.0f} t magnet; basis: derived)",
                                      country, 100 * f, c->edition, Y, total));
    } else if (total - (fixed + free) >= std::max(500.0, 0.01 * total)) {
      const double rest = total - (fixed + free);
      Node r;
      r.id = "magnet-remainder-" + country_slug(country);
      r.site = r.id;
      r.name = fmt::format("{} magnet output no kb plant accounts for ({} figure for {} less the kb's plants)", country, c->edition, Y);
      r.company = "(country total)";
      r.stage = Stage::kMagnet;
      r.country = r.controller = r.technology = country;
      r.unit = CapacityUnit::kTMagnet;
      r.nameplate = r.available = r.capacity = rest;
      r.capacity_known = true;
      r.basis = FigureBasis::kDerived;
      r.output_year = Y;
      r.source = fmt::format("{} magnet output of {} in {} ({:.0f} t magnet, countries.csv line {}) less the kb's magnet plants",
                             c->edition, country, Y, total, c->line);
      r.synthetic = true;
      net.notes.push_back(fmt::format("{}: {:.0f} t magnet of {}'s {} magnet output ({}) that no kb plant accounts for (basis: derived)",
                                      r.id, rest, country, Y, c->edition));
      remainders.push_back(std::move(r));
    }
    // The unlisted metal aggregate follows the year's magnet output.
    const double delta = (total - nameplate) * metal_per_t;
    for (auto& n : net.nodes) {
      if (!n.synthetic || n.stage != Stage::kMetalAlloy || n.country != country || n.id.starts_with("usgs-remainder-")) continue;
      const double before = n.available;
      n.available = std::max(0.0, n.available + delta);
      n.capacity = std::max(0.0, n.capacity + delta);
      n.nameplate = n.capacity;
      n.basis = FigureBasis::kDerived;
      net.notes.push_back(fmt::format("{}: {:.0f} -> {:.0f} t metal for {}: the metal {:.0f} t magnet ({} figure) needs at "
                                      "{:.3f} t metal per t, against the {:.0f} t of magnet capacity it was sized for (basis: derived)",
                                      n.id, before, n.available, Y, total, c->edition, metal_per_t, nameplate));
    }
  }
  for (auto& r : remainders) net.nodes.push_back(std::move(r));
}

double status_availability(const ModelParams& p, FacilityStatus s, int status_year) {
  // A commissioning plant's status year is its first commercial year: one
  // that starts after the model year made test batches at most (Neo Narva,
  // USA Rare Earth Stillwater in 2025) and counts as nothing.
  if (s == FacilityStatus::kCommissioning && status_year > p.as_of_year) return 0.0;
  double f = p.status_factor[static_cast<std::size_t>(s)];
  if ((s == FacilityStatus::kConstruction || s == FacilityStatus::kPlanned) && status_year > 0 && status_year <= p.as_of_year) {
    f = std::max(f, p.started_factor);
  }
  return f;
}

}  // namespace

base::Result<Network> build_network(const kb::Kb& kb, const ModelParams& params) {
  Network net;
  net.params = params;
  net.magnet_demand_ex_china = params.default_magnet_demand_ex_china;
  std::unordered_map<std::string, int> dep_index;
  for (const auto& d : kb.deposits) {
    DepositProfile p;
    p.id = d.id;
    p.name = d.name;
    p.country = d.country;
    double s = 0;
    for (int e = 0; e < kElements; ++e) s += d.share[static_cast<std::size_t>(e)];
    if (!(s > 0)) {
      net.notes.push_back(fmt::format("deposit {} has no element distribution; its mines are left out", d.id));
      continue;
    }
    for (int e = 0; e < kElements; ++e) p.share[static_cast<std::size_t>(e)] = d.share[static_cast<std::size_t>(e)] / s;
    dep_index[d.id] = static_cast<int>(net.deposits.size());
    net.deposits.push_back(std::move(p));
  }
  std::unordered_map<std::string, int> node_index;
  int unknown_capacity = 0;
  for (const auto& f : kb.facilities) {
    Node n;
    n.id = f.id;
    n.site = f.site;
    n.name = f.name;
    n.company = f.company;
    n.stage = f.stage;
    n.country = f.country;
    n.controller = f.controlling_country.empty() ? f.country : f.controlling_country;
    n.technology = f.technology_origin.empty() ? n.controller : f.technology_origin;
    n.status = f.status;
    n.status_year = f.status_year;
    n.elements = f.elements;
    n.source = f.source;
    n.capacity_known = f.capacity.has_value() && f.capacity_unit.has_value();
    n.nameplate_published = n.capacity_known;
    if (n.capacity_known) {
      n.unit = *f.capacity_unit;
      n.nameplate = *f.capacity;
    } else {
      n.unit = f.capacity_unit.value_or(CapacityUnit::kTReo);
    }
    double factor = status_availability(params, f.status, f.status_year);
    n.capacity = n.nameplate * factor;
    n.available = n.capacity;
    n.basis = n.capacity_known ? FigureBasis::kAssumed : FigureBasis::kUnknown;
    // The output the kb reports for the model year is what the output solve
    // uses (capacity stays a bound on what could happen). An operating
    // plant's output of one or two years before is carried forward, as an
    // assumption; a later year's output is never used for an earlier year.
    const int Y = params.as_of_year;
    bool year_fits = !f.output_year || (*f.output_year <= Y && (*f.output_year == Y || *f.output_year >= Y - 2));
    if (f.output && year_fits && (f.status == FacilityStatus::kOperating || (f.output_year && *f.output_year == Y))) {
      n.available = *f.output;
      n.output_year = f.output_year.value_or(0);
      n.basis = f.output_year && *f.output_year == Y ? FigureBasis::kSourced : FigureBasis::kAssumed;
      if (!n.capacity_known) {
        // No published nameplate: what it made is the least it can make.
        n.nameplate = *f.output;
        n.capacity_known = true;
        if (f.capacity_unit) n.unit = *f.capacity_unit;
      }
      n.capacity = std::max(n.capacity, *f.output);
    }
    if (n.basis == FigureBasis::kUnknown) ++unknown_capacity;
    if (!f.deposit.empty()) {
      auto it = dep_index.find(f.deposit);
      if (it != dep_index.end()) n.deposit = it->second;
    }
    if (n.stage == Stage::kMining && n.deposit < 0) {
      net.notes.push_back(fmt::format("mine {} has no deposit with a distribution; left out of the flows", n.id));
      n.available = 0;
      n.capacity = 0;
    }
    node_index[n.id] = static_cast<int>(net.nodes.size());
    net.nodes.push_back(std::move(n));
  }
  for (std::size_t i = 0; i < kb.facilities.size(); ++i) {
    for (const auto& fid : kb.facilities[i].feed) {
      auto it = node_index.find(fid);
      if (it == node_index.end()) {
        return base::fail(base::Error::not_found("feed names an unknown facility \"" + fid + "\"",
                                                 {.file = kb.facilities[i].file.empty() ? "data/kb/facilities.csv" : kb.facilities[i].file,
                                                  .line = kb.facilities[i].line, .field = "feed"}));
      }
      net.nodes[i].feeds.push_back(it->second);
    }
  }
  if (unknown_capacity > 0) {
    net.notes.push_back(fmt::format("{} facility-stages have neither a public capacity nor an output for {} and carry nothing (basis: unknown)",
                                    unknown_capacity, params.as_of_year));
  }
  for (const auto& a : params.aggregates) {
    Node n;
    n.id = a.id;
    n.site = a.id;
    n.name = a.name;
    n.company = "(aggregate)";
    n.stage = a.stage;
    n.country = a.country;
    n.controller = a.controller;
    n.technology = a.technology;
    n.unit = a.unit;
    n.nameplate = a.capacity;
    n.available = a.capacity;
    n.capacity = a.capacity;
    n.capacity_known = true;
    n.nameplate_published = false;
    n.basis = FigureBasis::kAssumed;
    n.elements = a.elements;
    n.source = a.basis;
    n.synthetic = true;
    if (!a.deposit.empty()) {
      auto it = dep_index.find(a.deposit);
      if (it == dep_index.end()) {
        return base::fail(base::Error::not_found("aggregate names an unknown deposit \"" + a.deposit + "\"",
                                                 {.file = "data/supply/model.yaml", .field = "aggregates." + a.id + ".deposit"}));
      }
      n.deposit = it->second;
    }
    if (node_index.count(a.id)) {
      return base::fail(base::Error::invalid("aggregate id duplicates a facility id", {.file = "data/supply/model.yaml", .field = "aggregates." + a.id}));
    }
    node_index[n.id] = static_cast<int>(net.nodes.size());
    net.nodes.push_back(std::move(n));
  }
  scale_mines_to_country_totals(kb, net);
  // Recovery factors (kb/balance.csv) for the model year: a facility's own
  // row over its stage's.
  for (auto& n : net.nodes) {
    const kb::BalanceFigure* stage_row = nullptr;
    const kb::BalanceFigure* own = nullptr;
    for (const auto& b : kb.balance) {
      if (b.kind != kb::BalanceKind::kRecovery || b.stage != n.stage || (b.year != 0 && b.year != params.as_of_year)) continue;
      if (b.facility.empty()) stage_row = &b;
      else if (b.facility == n.id) own = &b;
    }
    if (own) n.recovery = own->value;
    else if (stage_row) n.recovery = stage_row->value;
  }
  // Magnet recipe from the grade mix.
  for (const auto& [grade, share] : params.grade_mix) {
    const kb::MagnetGrade* g = nullptr;
    for (const auto& m : kb.magnets)
      if (m.id == grade) g = &m;
    if (!g) {
      return base::fail(base::Error::not_found("grade_mix names a magnet grade missing from kb/magnets.csv: " + grade,
                                               {.file = "data/supply/model.yaml", .field = "grade_mix." + grade}));
    }
    for (int m = 0; m < kMagnetElements; ++m) {
      auto e = static_cast<std::size_t>(kMagnetElementIds[static_cast<std::size_t>(m)]);
      net.recipe.metal_per_t[static_cast<std::size_t>(m)] += share * g->kg_metal_per_t[e] / 1000.0;
    }
  }
  bound_magnets_to_country_totals(kb, net);
  // Export restrictions in force in the model year.
  std::set<std::string> suspended;
  for (const auto& p : kb.policies) {
    if (p.type == kb::PolicyType::kSuspension && p.status == kb::PolicyStatus::kInForce && !p.related.empty() &&
        year_le(p.effective.empty() ? p.announced : p.effective, params.as_of_year)) {
      for (auto part : base::split(p.related, ';')) suspended.insert(std::string(base::trim(part)));
    }
  }
  for (const auto& p : kb.policies) {
    if (p.type != kb::PolicyType::kExportBan && p.type != kb::PolicyType::kExportControl) continue;
    if (p.status != kb::PolicyStatus::kInForce || suspended.count(p.id)) continue;
    std::string eff = p.effective.empty() ? p.announced : p.effective;
    if (!year_le(eff, params.as_of_year)) continue;
    if (!p.ends.empty() && year_le(p.ends, params.as_of_year - 1)) continue;
    ExportControl c;
    c.id = p.id;
    c.country = p.country;
    c.elements = p.elements.empty() ? ElementSet::all() : p.elements;
    c.stages = p.stages.empty() ? StageSet::all() : p.stages;
    c.destinations = p.destinations;
    c.from = eff;
    c.allowed_share = p.type == kb::PolicyType::kExportBan ? 0.0 : params.licensing_allowed_share;
    if (c.allowed_share >= 1.0) {
      net.notes.push_back(fmt::format("{}: licensing regime, exports assumed licensed (licensing_allowed_share = {})", p.id,
                                      params.licensing_allowed_share));
      continue;
    }
    net.controls.push_back(std::move(c));
  }
  for (const auto& r : kb.risks) {
    net.risks.push_back({r.id, r.scope == kb::RiskScope::kStatus, r.key, r.event, r.probability, r.capacity_loss});
  }
  if (auto s = net.validate(); !s) return base::fail(s.error());
  return net;
}

std::vector<int> data_years(const kb::Kb& kb) {
  std::set<int> years;
  for (const auto& c : kb.countries)
    if (c.measure == kb::FigureMeasure::kMineProduction && c.value && c.edition.starts_with("USGS MCS") && c.year > 0) years.insert(c.year);
  return {years.begin(), years.end()};
}

int latest_data_year(const kb::Kb& kb, int fallback) {
  auto y = data_years(kb);
  return y.empty() ? fallback : y.back();
}

const char* figure_basis_name(FigureBasis b) {
  switch (b) {
    case FigureBasis::kSourced: return "sourced";
    case FigureBasis::kAssumed: return "assumed";
    case FigureBasis::kDerived: return "derived";
    case FigureBasis::kUnknown: return "unknown";
  }
  return "unknown";
}

Network scaled_network(const Network& base, int scale) {
  Network out = base;
  if (scale <= 1) return out;
  out.nodes.clear();
  const int n = static_cast<int>(base.nodes.size());
  for (int k = 0; k < scale; ++k) {
    for (int i = 0; i < n; ++i) {
      Node c = base.nodes[static_cast<std::size_t>(i)];
      if (k > 0) {
        c.id += fmt::format("~{}", k);
        c.site += fmt::format("~{}", k);
        // Spread copies over synthetic countries so the trade structure grows too.
        if (!is_china(c.country)) c.country += fmt::format(" {}", k % 7);
      }
      for (auto& f : c.feeds) f += k * n;
      out.nodes.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace assay::supply
