#include "assay/supply/scenario.h"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <set>

#include "assay/base/strings.h"
#include "assay/supply/yaml_util.h"

namespace assay::supply {
namespace {

using detail::YamlReader;

class Parser {
 public:
  Parser(std::string file, const std::map<std::string, double>& overrides) : r_(std::move(file)), overrides_(overrides) {}

  base::Result<Scenario> run(std::string_view text) {
    auto root = ASSAY_TRY(r_.parse(text));
    const YAML::Node& y = root;
    if (!y.IsMap()) return base::fail(r_.error(y, "", "a scenario is a mapping (YAML) or an object (JSON)"));
    ASSAY_TRY_VOID(r_.only_keys(y, "", {"name", "description", "parameters", "add", "change", "remove", "capacity_factors",
                                      "export_controls", "lift_controls", "demand", "objective"}));
    sc_.file = r_.file();
    if (y["name"].IsDefined()) {
      auto v = ASSAY_TRY(r_.string(y["name"], "name"));
      sc_.name = v;
    }
    if (y["description"].IsDefined()) {
      auto v = ASSAY_TRY(r_.string(y["description"], "description"));
      sc_.description = v;
    }
    ASSAY_TRY_VOID(parameters(y["parameters"]));
    ASSAY_TRY_VOID(adds(y["add"]));
    ASSAY_TRY_VOID(changes(y["change"]));
    ASSAY_TRY_VOID(id_list(y["remove"], "remove", sc_.remove));
    ASSAY_TRY_VOID(id_list(y["lift_controls"], "lift_controls", sc_.lift_controls));
    ASSAY_TRY_VOID(rules(y["capacity_factors"]));
    ASSAY_TRY_VOID(controls(y["export_controls"]));
    if (auto d = y["demand"]; d.IsDefined()) {
      ASSAY_TRY_VOID(r_.only_keys(d, "demand", {"magnets_ex_china", "hard"}));
      if (d["magnets_ex_china"].IsDefined()) {
        auto v = ASSAY_TRY(value(d["magnets_ex_china"], "demand.magnets_ex_china"));
        if (v < 0) return base::fail(r_.error(d["magnets_ex_china"], "demand.magnets_ex_china", "demand must be >= 0"));
        sc_.magnet_demand_ex_china = v;
      }
      if (d["hard"].IsDefined()) {
        auto v = ASSAY_TRY(r_.string(d["hard"], "demand.hard"));
        if (v != "true" && v != "false") return base::fail(r_.error(d["hard"], "demand.hard", "expected true or false"));
        sc_.demand_is_requirement = v == "true";
      }
    }
    if (y["objective"].IsDefined()) {
      auto v = ASSAY_TRY(r_.string(y["objective"], "objective"));
      auto o = parse_objective(v);
      if (!o) return base::fail(r_.error(y["objective"], "objective", "unknown objective \"" + v + "\" (magnets, magnets_ex_china)"));
      sc_.objective = *o;
    }
    for (const auto& [k, v] : overrides_)
      if (!declared_.count(k))
        return base::fail(base::Error::invalid("override of a parameter the scenario does not declare: " + k,
                                               {.file = r_.file(), .field = "parameters." + k}));
    if (sc_.name.empty()) sc_.name = r_.file();
    return sc_;
  }

 private:
  base::Status parameters(const YAML::Node& n) {
    if (!n.IsDefined()) return {};
    if (!n.IsMap()) return base::fail(r_.error(n, "parameters", "expected a mapping name -> number"));
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string k = it->first.as<std::string>("");
      auto v = ASSAY_TRY(r_.number(it->second, "parameters." + k));
      declared_.insert(k);
      auto o = overrides_.find(k);
      sc_.parameters[k] = o != overrides_.end() ? o->second : v;
    }
    return {};
  }

  // A number, or "$param", or "$param * x" / "$param / x", where x is a
  // number or another "$param" ("$capacity * $heavy_share").
  base::Result<double> value(const YAML::Node& n, const std::string& key) {
    if (n.IsDefined() && n.IsScalar() && !n.Scalar().empty() && n.Scalar()[0] == '$') {
      std::string s = n.Scalar();
      std::size_t op = s.find_first_of("*/");
      std::string name(base::trim(std::string_view(s).substr(1, op == std::string::npos ? std::string::npos : op - 1)));
      auto it = sc_.parameters.find(name);
      if (it == sc_.parameters.end()) return base::fail(r_.error(n, key, "unknown parameter \"" + name + "\""));
      double v = it->second;
      if (op != std::string::npos) {
        std::string rhs(base::trim(std::string_view(s).substr(op + 1)));
        double x = 0;
        bool ok = false;
        if (!rhs.empty() && rhs[0] == '$') {
          auto jt = sc_.parameters.find(std::string(base::trim(std::string_view(rhs).substr(1))));
          if (jt == sc_.parameters.end()) return base::fail(r_.error(n, key, "unknown parameter \"" + rhs.substr(1) + "\""));
          x = jt->second;
          ok = true;
        } else {
          char* end = nullptr;
          x = std::strtod(rhs.c_str(), &end);
          ok = !rhs.empty() && end == rhs.c_str() + rhs.size();
        }
        if (!ok || !std::isfinite(x) || (s[op] == '/' && x == 0))
          return base::fail(r_.error(n, key, "bad expression \"" + s + "\" (use $name, $name * x, $name / x or $name * $other)"));
        v = s[op] == '*' ? v * x : v / x;
      }
      if (!std::isfinite(v) || std::fabs(v) > kMaxValue)
        return base::fail(r_.error(n, key, fmt::format("implausible value {} (limit {:g})", v, kMaxValue)));
      return v;
    }
    auto v = r_.number(n, key);
    if (v && std::fabs(*v) > kMaxValue)
      return base::fail(r_.error(n, key, fmt::format("implausible value {} (limit {:g})", *v, kMaxValue)));
    return v;
  }

  // No facility or demand in this chain comes near 10^9 t/yr; larger values
  // are typos and would only make the LP ill-conditioned.
  static constexpr double kMaxValue = 1e9;

  base::Result<std::optional<std::string>> opt_string(const YAML::Node& m, const char* k, const std::string& key) {
    if (!m[k].IsDefined()) return std::optional<std::string>{};
    auto v = ASSAY_TRY(r_.string(m[k], key + "." + k));
    return std::optional<std::string>{v};
  }

  base::Status adds(const YAML::Node& n) {
    if (!n.IsDefined()) return {};
    if (!n.IsSequence()) return base::fail(r_.error(n, "add", "expected a list of facilities"));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& a = n[i];
      std::string key = fmt::format("add[{}]", i);
      ASSAY_TRY_VOID(r_.only_keys(a, key, {"id", "name", "site", "company", "stage", "country", "controlling_country",
                                         "technology_origin", "chinese_share", "capacity", "unit", "status", "elements",
                                         "feed", "deposit"}));
      ScenarioFacility f;
      f.key = key;
      Node& nd = f.node;
      auto id = ASSAY_TRY(r_.string(a["id"], key + ".id"));
      nd.id = id;
      for (auto [k, dst] : std::initializer_list<std::pair<const char*, std::string*>>{
               {"name", &nd.name}, {"site", &nd.site}, {"company", &nd.company}, {"controlling_country", &nd.controller},
               {"technology_origin", &nd.technology}, {"deposit", &f.deposit_id}}) {
        auto v = ASSAY_TRY(opt_string(a, k, key));
        if (v) *dst = *v;
      }
      auto country = ASSAY_TRY(r_.string(a["country"], key + ".country"));
      nd.country = country;
      auto stage = r_.string(a["stage"], key + ".stage");
      if (!stage) return base::fail(stage.error());
      auto st = parse_stage_key(*stage);
      if (!st) return base::fail(r_.error(a["stage"], key + ".stage", "unknown stage \"" + *stage + "\""));
      nd.stage = *st;
      auto unit = r_.string(a["unit"], key + ".unit");
      if (!unit) return base::fail(unit.error());
      auto u = parse_unit_key(*unit);
      if (!u) return base::fail(r_.error(a["unit"], key + ".unit", "unknown unit \"" + *unit + "\""));
      nd.unit = *u;
      auto cap = ASSAY_TRY(value(a["capacity"], key + ".capacity"));
      if (cap < 0) return base::fail(r_.error(a["capacity"], key + ".capacity", fmt::format("negative capacity {}", cap)));
      nd.nameplate = cap;
      nd.capacity_known = true;
      if (a["chinese_share"].IsDefined()) {
        auto cs = ASSAY_TRY(value(a["chinese_share"], key + ".chinese_share"));
        if (!(cs >= 0 && cs <= 1))
          return base::fail(r_.error(a["chinese_share"], key + ".chinese_share",
                                     fmt::format("a Chinese partner's share of control must be in [0, 1], not {}", cs)));
        nd.china_stake = cs;
      }
      nd.status = FacilityStatus::kOperating;
      if (a["status"].IsDefined()) {
        auto s = ASSAY_TRY(r_.string(a["status"], key + ".status"));
        auto ps = parse_status_key(s);
        if (!ps) return base::fail(r_.error(a["status"], key + ".status", "unknown status \"" + s + "\""));
        nd.status = *ps;
      }
      if (a["elements"].IsDefined()) {
        auto s = ASSAY_TRY(r_.strings(a["elements"], key + ".elements"));
        auto es = ASSAY_TRY(element_set(s, a["elements"], key + ".elements"));
        nd.elements = es;
      }
      auto feed = ASSAY_TRY(r_.strings(a["feed"], key + ".feed"));
      f.feed_ids = feed;
      if (nd.name.empty()) nd.name = nd.id;
      if (nd.site.empty()) nd.site = nd.id;
      if (nd.controller.empty()) nd.controller = nd.country;
      if (nd.technology.empty()) nd.technology = nd.controller;
      nd.source = "scenario " + r_.file() + " " + key;
      sc_.add.push_back(std::move(f));
    }
    return {};
  }

  base::Result<ElementSet> element_set(const std::vector<std::string>& items, const YAML::Node& at, const std::string& key) {
    ElementSet es;
    for (const auto& s : items) {
      if (s == "all") es.bits |= ElementSet::all().bits;
      else if (s == "light") es.bits |= (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3);
      else if (s == "heavy") {
        for (int e = 4; e < kElements; ++e) es.bits |= 1u << e;
      } else {
        auto e = parse_element_symbol(s);
        if (!e) return base::fail(r_.error(at, key, "unknown element \"" + s + "\""));
        es.bits |= 1u << *e;
      }
    }
    if (es.empty()) return base::fail(r_.error(at, key, "no elements given"));
    return es;
  }

  base::Status changes(const YAML::Node& n) {
    if (!n.IsDefined()) return {};
    if (!n.IsSequence()) return base::fail(r_.error(n, "change", "expected a list"));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& a = n[i];
      std::string key = fmt::format("change[{}]", i);
      ASSAY_TRY_VOID(r_.only_keys(a, key, {"id", "capacity", "capacity_factor", "status", "controlling_country",
                                         "technology_origin", "feed"}));
      ScenarioChange c;
      c.key = key;
      auto id = ASSAY_TRY(r_.string(a["id"], key + ".id"));
      c.id = id;
      if (a["capacity"].IsDefined()) {
        auto v = ASSAY_TRY(value(a["capacity"], key + ".capacity"));
        if (v < 0) return base::fail(r_.error(a["capacity"], key + ".capacity", fmt::format("negative capacity {}", v)));
        c.capacity = v;
      }
      if (a["capacity_factor"].IsDefined()) {
        auto v = ASSAY_TRY(value(a["capacity_factor"], key + ".capacity_factor"));
        if (v < 0) return base::fail(r_.error(a["capacity_factor"], key + ".capacity_factor", "factor must be >= 0"));
        c.capacity_factor = v;
      }
      if (a["status"].IsDefined()) {
        auto s = ASSAY_TRY(r_.string(a["status"], key + ".status"));
        auto ps = parse_status_key(s);
        if (!ps) return base::fail(r_.error(a["status"], key + ".status", "unknown status \"" + s + "\""));
        c.status = *ps;
      }
      auto ctl = ASSAY_TRY(opt_string(a, "controlling_country", key));
      c.controller = ctl;
      auto tech = ASSAY_TRY(opt_string(a, "technology_origin", key));
      c.technology = tech;
      if (a["feed"].IsDefined()) {
        auto f = ASSAY_TRY(r_.strings(a["feed"], key + ".feed"));
        c.feed_ids = f;
      }
      sc_.change.push_back(std::move(c));
    }
    return {};
  }

  base::Status id_list(const YAML::Node& n, const char* name, std::vector<std::pair<std::string, std::string>>& out) {
    if (!n.IsDefined()) return {};
    if (!n.IsSequence()) return base::fail(r_.error(n, name, "expected a list of ids"));
    for (std::size_t i = 0; i < n.size(); ++i) {
      std::string key = fmt::format("{}[{}]", name, i);
      auto v = ASSAY_TRY(r_.string(n[i], key));
      out.emplace_back(key, v);
    }
    return {};
  }

  base::Status rules(const YAML::Node& n) {
    if (!n.IsDefined()) return {};
    if (!n.IsSequence()) return base::fail(r_.error(n, "capacity_factors", "expected a list"));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& a = n[i];
      std::string key = fmt::format("capacity_factors[{}]", i);
      ASSAY_TRY_VOID(r_.only_keys(a, key, {"id", "country", "controlling_country", "technology_origin", "company", "stage", "factor"}));
      CapacityRule rule;
      rule.key = key;
      for (auto [k, dst] : std::initializer_list<std::pair<const char*, std::optional<std::string>*>>{
               {"id", &rule.id}, {"country", &rule.country}, {"controlling_country", &rule.controller},
               {"technology_origin", &rule.technology}, {"company", &rule.company}}) {
        auto v = ASSAY_TRY(opt_string(a, k, key));
        *dst = v;
      }
      if (a["stage"].IsDefined()) {
        auto s = ASSAY_TRY(r_.string(a["stage"], key + ".stage"));
        auto st = parse_stage_key(s);
        if (!st) return base::fail(r_.error(a["stage"], key + ".stage", "unknown stage \"" + s + "\""));
        rule.stage = *st;
      }
      auto f = ASSAY_TRY(value(a["factor"], key + ".factor"));
      if (f < 0) return base::fail(r_.error(a["factor"], key + ".factor", "factor must be >= 0"));
      rule.factor = f;
      if (!rule.id && !rule.country && !rule.controller && !rule.technology && !rule.company && !rule.stage)
        return base::fail(r_.error(a, key, "a rule needs at least one of id, country, controlling_country, technology_origin, company, stage"));
      sc_.capacity_factors.push_back(std::move(rule));
    }
    return {};
  }

  base::Status controls(const YAML::Node& n) {
    if (!n.IsDefined()) return {};
    if (!n.IsSequence()) return base::fail(r_.error(n, "export_controls", "expected a list"));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& a = n[i];
      std::string key = fmt::format("export_controls[{}]", i);
      ASSAY_TRY_VOID(r_.only_keys(a, key, {"id", "country", "elements", "stages", "destinations", "from", "allowed_share",
                                         "allowed_share_by_month", "magnet_coverage"}));
      ScenarioControl c;
      c.key = key;
      auto country = ASSAY_TRY(r_.string(a["country"], key + ".country"));
      c.control.country = country;
      c.control.id = key;
      if (a["id"].IsDefined()) {
        auto v = ASSAY_TRY(r_.string(a["id"], key + ".id"));
        c.control.id = v;
      }
      auto els = r_.strings(a["elements"], key + ".elements");
      if (!els) return base::fail(els.error());
      if (els->empty()) c.control.elements = ElementSet::all();
      else {
        auto es = ASSAY_TRY(element_set(*els, a["elements"], key + ".elements"));
        c.control.elements = es;
      }
      auto stages = r_.strings(a["stages"], key + ".stages");
      if (!stages) return base::fail(stages.error());
      if (stages->empty()) c.control.stages = StageSet::all();
      for (const auto& s : *stages) {
        if (s == "all") {
          c.control.stages = StageSet::all();
          continue;
        }
        auto st = parse_stage_key(s);
        if (!st) return base::fail(r_.error(a["stages"], key + ".stages", "unknown stage \"" + s + "\""));
        c.control.stages.add(*st);
      }
      auto dest = ASSAY_TRY(r_.strings(a["destinations"], key + ".destinations"));
      c.control.destinations = dest;
      if (a["from"].IsDefined()) {
        auto v = ASSAY_TRY(r_.string(a["from"], key + ".from"));
        c.control.from = v;
      }
      c.control.allowed_share = 0;
      if (a["allowed_share"].IsDefined()) {
        auto v = ASSAY_TRY(value(a["allowed_share"], key + ".allowed_share"));
        if (v < 0 || v > 1) return base::fail(r_.error(a["allowed_share"], key + ".allowed_share", "must be in [0, 1]"));
        c.control.allowed_share = v;
      }
      if (const YAML::Node& bm = a["allowed_share_by_month"]; bm.IsDefined()) {
        const std::string k = key + ".allowed_share_by_month";
        if (!bm.IsMap()) return base::fail(r_.error(bm, k, "expected a mapping month (YYYY-MM) -> share"));
        for (auto it = bm.begin(); it != bm.end(); ++it) {
          std::string month = it->first.as<std::string>("");
          auto p = parse_period(month);
          if (!p || p->months != 1) return base::fail(r_.error(it->first, k, "\"" + month + "\" is not a month (YYYY-MM)"));
          auto v = ASSAY_TRY(value(it->second, k + "." + month));
          if (v < 0 || v > 1) return base::fail(r_.error(it->second, k + "." + month, "must be in [0, 1]"));
          c.control.allowed_by_month.emplace_back(month, v);
        }
      }
      if (a["magnet_coverage"].IsDefined()) {
        auto v = ASSAY_TRY(value(a["magnet_coverage"], key + ".magnet_coverage"));
        if (v < 0 || v > 1) return base::fail(r_.error(a["magnet_coverage"], key + ".magnet_coverage", "must be in [0, 1]"));
        c.control.magnet_coverage = v;
      }
      sc_.export_controls.push_back(std::move(c));
    }
    return {};
  }

  YamlReader r_;
  const std::map<std::string, double>& overrides_;
  std::set<std::string> declared_;
  Scenario sc_;
};

base::Error key_error(const Scenario& sc, const std::string& key, base::ErrorCode code, const std::string& msg) {
  return base::Error(code, msg, {.file = sc.file, .field = key});
}

double status_factor(const ModelParams& p, FacilityStatus s) { return p.status_factor[static_cast<std::size_t>(s)]; }

}  // namespace

base::Result<Scenario> parse_scenario(std::string_view text, std::string_view file_name,
                                      const std::map<std::string, double>& overrides) {
  try {
    Parser p{std::string(file_name), overrides};
    return p.run(text);
  } catch (const YAML::Exception& e) {
    return base::fail(base::Error::invalid("malformed scenario: " + e.msg,
                                           {.file = std::string(file_name), .line = e.mark.line + 1, .column = e.mark.column + 1}));
  }
}

base::Result<Network> apply_scenario(const Network& base, const Scenario& sc) {
  Network net = base;
  auto find = [&](const std::string& id) { return net.find(id); };
  // Changes first (on existing facilities), then removals, then additions.
  for (const auto& c : sc.change) {
    auto i = find(c.id);
    if (!i) return base::fail(key_error(sc, c.key + ".id", base::ErrorCode::kNotFound, "unknown facility \"" + c.id + "\""));
    Node& n = net.nodes[static_cast<std::size_t>(*i)];
    double ratio = n.nameplate > 0 ? n.available / n.nameplate : status_factor(net.params, n.status);
    if (c.status) {
      double old_f = status_factor(net.params, n.status);
      double new_f = status_factor(net.params, *c.status);
      ratio = old_f > 0 ? ratio * new_f / old_f : new_f;
      n.status = *c.status;
    }
    if (c.capacity) {
      n.nameplate = *c.capacity;
      n.capacity_known = true;
    }
    // What could be made follows the same change as the output bound: the
    // status factor and nameplate (at least the bound), times the factor.
    double could = n.nameplate * status_factor(net.params, n.status);
    n.available = n.nameplate * ratio;
    if (c.capacity_factor) {
      n.available *= *c.capacity_factor;
      could *= *c.capacity_factor;
    }
    if (c.status || c.capacity || c.capacity_factor) {
      n.capacity = std::max(could, n.available);
      if (c.capacity) n.nameplate_published = true;
      if (n.basis == FigureBasis::kUnknown && n.capacity_known) n.basis = FigureBasis::kAssumed;
      if (n.basis == FigureBasis::kSourced && (c.status || c.capacity_factor)) n.basis = FigureBasis::kAssumed;
    }
    if (c.controller) n.controller = *c.controller;
    if (c.technology) n.technology = *c.technology;
    if (c.feed_ids) {
      n.feeds.clear();
      for (std::size_t k = 0; k < c.feed_ids->size(); ++k) {
        auto f = find((*c.feed_ids)[k]);
        if (!f)
          return base::fail(key_error(sc, fmt::format("{}.feed[{}]", c.key, k), base::ErrorCode::kNotFound,
                                      "unknown facility \"" + (*c.feed_ids)[k] + "\""));
        n.feeds.push_back(*f);
      }
    }
  }
  for (const auto& rule : sc.capacity_factors) {
    int matched = 0;
    for (auto& n : net.nodes) {
      if (rule.id && n.id != *rule.id) continue;
      if (rule.country && n.country != *rule.country) continue;
      if (rule.controller && n.controller != *rule.controller) continue;
      if (rule.technology && n.technology != *rule.technology) continue;
      if (rule.company && n.company != *rule.company) continue;
      if (rule.stage && n.stage != *rule.stage) continue;
      n.available *= rule.factor;
      n.capacity *= rule.factor;
      ++matched;
    }
    if (matched == 0)
      return base::fail(key_error(sc, rule.key, base::ErrorCode::kNotFound, "the rule matches no facility"));
  }
  if (!sc.remove.empty()) {
    std::vector<bool> gone(net.nodes.size(), false);
    for (const auto& [key, id] : sc.remove) {
      auto i = find(id);
      if (!i) return base::fail(key_error(sc, key, base::ErrorCode::kNotFound, "unknown facility \"" + id + "\""));
      gone[static_cast<std::size_t>(*i)] = true;
    }
    std::vector<int> remap(net.nodes.size(), -1);
    std::vector<Node> kept;
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
      if (!gone[i]) {
        remap[i] = static_cast<int>(kept.size());
        kept.push_back(std::move(net.nodes[i]));
      }
    for (auto& n : kept) {
      std::vector<int> feeds;
      for (int f : n.feeds)
        if (remap[static_cast<std::size_t>(f)] >= 0) feeds.push_back(remap[static_cast<std::size_t>(f)]);
      n.feeds = std::move(feeds);
    }
    net.nodes = std::move(kept);
  }
  for (const auto& a : sc.add) {
    if (find(a.node.id))
      return base::fail(key_error(sc, a.key + ".id", base::ErrorCode::kInvalidInput, "a facility with id \"" + a.node.id + "\" exists"));
    Node n = a.node;
    n.available = n.nameplate * status_factor(net.params, n.status);
    n.capacity = n.available;
    n.nameplate_published = true;
    n.basis = FigureBasis::kAssumed;
    if (!a.deposit_id.empty()) {
      int d = -1;
      for (std::size_t k = 0; k < net.deposits.size(); ++k)
        if (net.deposits[k].id == a.deposit_id) d = static_cast<int>(k);
      if (d < 0) return base::fail(key_error(sc, a.key + ".deposit", base::ErrorCode::kNotFound, "unknown deposit \"" + a.deposit_id + "\""));
      n.deposit = d;
    }
    if (n.stage == Stage::kMining && n.deposit < 0)
      return base::fail(key_error(sc, a.key + ".deposit", base::ErrorCode::kInvalidInput, "a mine needs a deposit"));
    net.nodes.push_back(std::move(n));
  }
  // Feeds of added facilities (they may name each other).
  for (const auto& a : sc.add) {
    Node& n = net.nodes[static_cast<std::size_t>(*find(a.node.id))];
    for (std::size_t k = 0; k < a.feed_ids.size(); ++k) {
      auto f = find(a.feed_ids[k]);
      if (!f)
        return base::fail(key_error(sc, fmt::format("{}.feed[{}]", a.key, k), base::ErrorCode::kNotFound,
                                    "unknown facility \"" + a.feed_ids[k] + "\""));
      n.feeds.push_back(*f);
    }
  }
  for (const auto& [key, id] : sc.lift_controls) {
    auto it = std::find_if(net.controls.begin(), net.controls.end(), [&](const ExportControl& c) { return c.id == id; });
    if (it == net.controls.end())
      return base::fail(key_error(sc, key, base::ErrorCode::kNotFound, "no export control in force with id \"" + id + "\""));
    net.controls.erase(it);
  }
  for (const auto& c : sc.export_controls) net.controls.push_back(c.control);
  if (sc.magnet_demand_ex_china) net.magnet_demand_ex_china = *sc.magnet_demand_ex_china;
  if (auto order = net.topological_order(); !order)
    return base::fail(key_error(sc, "feed", base::ErrorCode::kInvalidInput, order.error().message()));
  if (auto s = net.validate(); !s) {
    base::Error e = s.error();
    return base::fail(key_error(sc, e.where().field, e.code(), e.message()));
  }
  return net;
}

}  // namespace assay::supply
