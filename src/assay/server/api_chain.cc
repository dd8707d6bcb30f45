// server/api_chain: the supply-chain routes of the API (summary, stages, a
// facility, the shipped scenarios with their parameters, a scenario with
// overrides and periods) and Monte Carlo as a job (jobs.h).
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "assay/app/catalog.h"
#include "assay/app/chain.h"
#include "assay/app/scenarios.h"
#include "assay/server/api.h"

namespace assay::server {
namespace {

using nlohmann::json;

Response json_text(std::string body, std::string_view route) {
  if (!body.ends_with('\n')) body += '\n';
  return {.status = 200, .content_type = "application/json", .body = std::move(body), .route = std::string(route)};
}

std::string media_type(std::string_view header) {
  std::string_view t = header.substr(0, header.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string s(t);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The query parameters a route takes: any other is a 400 naming it.
std::optional<std::string> unknown_parameter(const Request& r, std::initializer_list<std::string_view> names, bool sets) {
  for (const auto& [k, v] : r.query) {
    if (std::find(names.begin(), names.end(), k) != names.end()) continue;
    if (sets && k.starts_with("set.") && k.size() > 4) continue;
    std::string takes;
    for (auto n : names) takes += (takes.empty() ? "" : ", ") + std::string(n);
    if (sets) takes += (takes.empty() ? "" : ", ") + std::string("set.NAME");
    return fmt::format("unknown query parameter '{}': this endpoint takes {}", k, takes.empty() ? "none" : takes);
  }
  return std::nullopt;
}

// Overrides checked against what the scenario declares; an error names the parameter.
std::optional<std::string> check_sets(const std::map<std::string, double>& sets, const std::map<std::string, double>& declared,
                                      std::string_view scenario, std::string_view prefix) {
  for (const auto& [k, v] : sets) {
    if (declared.contains(k)) continue;
    std::string names;
    for (const auto& [d, _] : declared) names += (names.empty() ? "" : ", ") + d;
    return fmt::format("{}{}: the scenario {} declares no parameter {} ({})", prefix, k, scenario, k,
                       names.empty() ? "it declares none" : "it declares " + names);
  }
  return std::nullopt;
}

constexpr std::string_view kFacilities = "/v1/chain/facilities/", kScenarios = "/v1/chain/scenarios/", kJobs = "/v1/jobs/";

// The last segment of `p` after `prefix`, when it is one segment.
std::optional<std::string_view> id_after(const std::string& p, std::string_view prefix) {
  if (!p.starts_with(prefix) || p.size() == prefix.size() || p.find('/', prefix.size()) != std::string::npos) return std::nullopt;
  return std::string_view(p).substr(prefix.size());
}

}  // namespace

std::optional<Response> Api::route_chain(const Request& r) {
  const std::string& p = r.path;
  auto only = [&](std::string_view method, std::string_view route) -> std::optional<Response> {
    if (r.method == method) return std::nullopt;
    return problem(405, fmt::format("{} takes {} only", route, method), route);
  };
  if (p == "/v1/chain" || p == "/v1/chain/stages") {
    if (auto bad = only("GET", p)) return bad;
    return chain_summary(r, p == "/v1/chain/stages");
  }
  if (p == "/v1/chain/scenarios") {
    if (auto bad = only("GET", p)) return bad;
    return chain_scenarios();
  }
  if (auto id = id_after(p, kScenarios)) {
    if (auto bad = only("GET", "/v1/chain/scenarios/{id}")) return bad;
    return chain_scenario(r, *id);
  }
  if (auto id = id_after(p, kFacilities)) {
    if (auto bad = only("GET", "/v1/chain/facilities/{id}")) return bad;
    return chain_facility(*id);
  }
  if (p == "/v1/chain/montecarlo") {
    if (auto bad = only("POST", p)) return bad;
    return start_montecarlo(r);
  }
  if (auto id = id_after(p, kJobs)) {
    if (r.method == "DELETE") return cancel_job(*id);
    if (auto bad = only("GET", "/v1/jobs/{id}")) return problem(405, "/v1/jobs/{id} takes GET or DELETE", "/v1/jobs/{id}");
    return get_job(*id);
  }
  return std::nullopt;
}

Response Api::chain_summary(const Request& r, bool stages) {
  const std::string_view route = stages ? "/v1/chain/stages" : "/v1/chain";
  if (auto bad = unknown_parameter(r, {"period"}, false)) return problem(400, *bad, route);
  auto world = engine_->world();
  if (!world) return problem(503, "the supply model could not be built from the server's data", route);
  supply::Period period;
  std::optional<supply::World> for_year;
  const supply::World* w = world->get();
  if (auto it = r.query.find("period"); it != r.query.end()) {
    auto ps = app::parse_periods(it->second, false);
    if (!ps) return problem(400, "period: " + ps.error().message(), route);
    period = ps->front();
    if (period.year != w->year()) {
      auto y = w->for_year(period.year);
      if (!y) return problem(400, "period: " + scrub_paths(y.error().message()), route);
      for_year = std::move(*y);
      w = &*for_year;
    }
  }
  auto m = app::baseline_metrics(*w, supply::Objective::kMagnets, period);
  if (!m) return problem(status_of(m.error()), scrub_paths(m.error().message()), route);
  return json_text(stages ? report::render_stages(*m, report::OutputFormat::kJson) : report::render_summary(*m, report::OutputFormat::kJson),
                   route);
}

Response Api::chain_facility(std::string_view id) {
  constexpr std::string_view route = "/v1/chain/facilities/{id}";
  auto world = engine_->world();
  if (!world) return problem(503, "the supply model could not be built from the server's data", route);
  auto v = app::facility(**world, id, supply::Objective::kMagnets);
  if (!v) return problem(status_of(v.error()), scrub_paths(v.error().message()), route);
  return json_text(report::render_facility(*v, (*world)->year(), report::OutputFormat::kJson), route);
}

Response Api::chain_scenarios() {
  constexpr std::string_view route = "/v1/chain/scenarios";
  json items = json::array();
  for (const auto& e : app::scenario_catalog(engine_->data())) {
    json params = json::array();
    if (auto declared = app::scenario_parameters(engine_->data(), e.name))
      for (const auto& [k, v] : *declared) params.push_back({{"name", k}, {"default", v}});
    items.push_back({{"name", e.name}, {"title", scrub_paths(e.title)}, {"parameters", std::move(params)},
                     {"href", std::string(kScenarios) + e.name}});
  }
  json j = {{"items", std::move(items)}};
  return {.status = 200, .content_type = "application/json", .body = j.dump(2) + "\n", .route = std::string(route)};
}

Response Api::chain_scenario(const Request& r, std::string_view id) {
  constexpr std::string_view route = "/v1/chain/scenarios/{id}";
  // Only the shipped scenarios: the catalogue would also read a file by path.
  auto names = app::shipped_scenarios(engine_->data());
  if (std::find(names.begin(), names.end(), id) == names.end())
    return problem(404, fmt::format("no shipped scenario {}", id), route);
  if (auto bad = unknown_parameter(r, {"period"}, true)) return problem(400, *bad, route);
  std::map<std::string, double> sets;
  for (const auto& [k, v] : r.query) {
    if (!k.starts_with("set.")) continue;
    double x = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(x))
      return problem(400, fmt::format("{}: '{}' is not a number", k, v), route);
    sets[k.substr(4)] = x;
  }
  auto declared = app::scenario_parameters(engine_->data(), std::string(id));
  if (!declared) return problem(500, declared.error().message(), route);
  if (auto bad = check_sets(sets, *declared, id, "set.")) return problem(400, *bad, route);
  auto world = engine_->world();
  if (!world) return problem(503, "the supply model could not be built from the server's data", route);
  const supply::World* w = world->get();
  std::optional<supply::World> for_year;
  std::vector<supply::Period> periods;
  if (auto it = r.query.find("period"); it != r.query.end()) {
    auto ps = app::parse_periods(it->second, true);
    if (!ps) return problem(400, "period: " + ps.error().message(), route);
    periods = std::move(*ps);
    if (periods.front().year != w->year()) {
      auto y = w->for_year(periods.front().year);
      if (!y) return problem(400, "period: " + scrub_paths(y.error().message()), route);
      for_year = std::move(*y);
      w = &*for_year;
    }
  }
  auto cmp = app::compare_scenarios(*w, engine_->data(), {std::string(id)}, sets, supply::Objective::kMagnets, periods);
  if (!cmp) return problem(status_of(cmp.error()), scrub_paths(cmp.error().to_string()), route);
  // The comparison as `assay chain scenario --format json` gives it, plus
  // the flows of the baseline and of each scenario (of the last period).
  auto j = nlohmann::ordered_json::parse(report::render_scenarios(cmp->baseline, cmp->scenario_pointers(), cmp->results, report::OutputFormat::kJson,
                                                cmp->series));
  j["baseline_flows"] = app::chain_flows_json(cmp->baseline);
  for (std::size_t i = 0; i < cmp->results.size() && i < j["scenarios"].size(); ++i) j["scenarios"][i]["flows"] = app::chain_flows_json(cmp->results[i]);
  return json_text(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace), route);
}

Response Api::start_montecarlo(const Request& r) {
  constexpr std::string_view route = "/v1/chain/montecarlo";
  if (std::string type = media_type(r.content_type); type != "application/json")
    return problem(415, fmt::format("send the job as application/json, not {}", type.empty() ? "a body without a type" : type), route);
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return problem(400, "the body is not a JSON object {scenario, draws, seed, reference_level, set}", route);
  MonteCarloJob job;
  for (const auto& [k, v] : body.items()) {
    if (k == "scenario") {
      if (!v.is_string()) return problem(400, "scenario: not a string", route);
      job.scenario = v.get<std::string>();
    } else if (k == "draws") {
      if (!v.is_number_integer()) return problem(400, "draws: not an integer", route);
      auto n = v.get<long long>();
      if (n < 1 || n > jobs_.limits().max_draws)
        return problem(400, fmt::format("draws: {} is not from 1 to {} (this server's cap)", n, jobs_.limits().max_draws), route);
      job.draws = static_cast<int>(n);
    } else if (k == "seed") {
      if (!v.is_number_unsigned()) return problem(400, "seed: not an integer from 0 to 2^64-1", route);
      job.seed = v.get<std::uint64_t>();
    } else if (k == "reference_level") {
      if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 1e7))
        return problem(400, "reference_level: not a number of tonnes from 0 to 10000000", route);
      job.reference_level = v.get<double>();
    } else if (k == "set") {
      if (!v.is_object()) return problem(400, "set: not an object {NAME: NUMBER}", route);
      for (const auto& [name, x] : v.items()) {
        if (!x.is_number()) return problem(400, fmt::format("set.{}: not a number", name), route);
        job.sets[name] = x.get<double>();
      }
    } else {
      return problem(400, fmt::format("unknown member '{}': the job takes scenario, draws, seed, reference_level and set", k), route);
    }
  }
  if (job.scenario.empty()) return problem(400, "scenario: missing (a shipped scenario's name, or \"baseline\")", route);
  if (job.scenario == "baseline") {
    if (!job.sets.empty()) return problem(400, fmt::format("set.{}: the baseline has no parameters", job.sets.begin()->first), route);
  } else {
    auto names = app::shipped_scenarios(engine_->data());
    if (std::find(names.begin(), names.end(), job.scenario) == names.end())
      return problem(404, fmt::format("no shipped scenario {}", job.scenario), route);
    auto declared = app::scenario_parameters(engine_->data(), job.scenario);
    if (!declared) return problem(500, declared.error().message(), route);
    if (auto bad = check_sets(job.sets, *declared, job.scenario, "set.")) return problem(400, *bad, route);
  }
  MonteCarloJob copy = job;
  auto id = jobs_.start(std::move(job));
  if (!id) {
    Response busy = problem(503, id.error().message(), route);
    busy.headers.emplace_back("Retry-After", "5");
    return busy;
  }
  std::string href = std::string(kJobs) + *id;
  json j = {{"id", *id}, {"status", "running"}, {"href", href}};
  Response out{.status = 202, .content_type = "application/json", .body = j.dump(2) + "\n", .route = std::string(route)};
  out.headers.emplace_back("Location", href);
  return out;
}

// Stops a running job after its current draw (it then reads as failed,
// "cancelled"); a finished one is left as it is. 204 either way.
Response Api::cancel_job(std::string_view id) {
  constexpr std::string_view route = "/v1/jobs/{id}";
  if (!jobs_.cancel(id)) return problem(404, fmt::format("no job {} (finished jobs are kept for a while, not for ever)", id), route);
  return {.status = 204, .content_type = "", .body = "", .route = std::string(route)};
}

Response Api::get_job(std::string_view id) {
  constexpr std::string_view route = "/v1/jobs/{id}";
  auto v = jobs_.get(id);
  if (!v) return problem(404, fmt::format("no job {} (finished jobs are kept for a while, not for ever)", id), route);
  json request = {{"scenario", v->request.scenario}, {"draws", v->request.draws}, {"seed", v->request.seed}};
  if (v->request.reference_level >= 0) request["reference_level"] = v->request.reference_level;
  if (!v->request.sets.empty()) request["set"] = v->request.sets;
  json j = {{"id", v->id}, {"status", v->status}, {"progress", v->progress}, {"href", std::string(kJobs) + v->id},
            {"request", std::move(request)}};
  if (v->status == "done") j["result"] = json::parse(v->result);
  if (v->status == "failed") j["error"] = v->error;
  return {.status = 200, .content_type = "application/json", .body = j.dump(2) + "\n", .route = std::string(route)};
}

}  // namespace assay::server
