// app/stance: the stance command's batch, the FNC-1 reader (stance.h).
#include "assay/app/stance.h"

#include <fmt/core.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "assay/app/inputs.h"
#include "assay/base/strings.h"

namespace assay::app {

namespace fs = std::filesystem;

std::string stance_line(std::string_view id_json, corpus::Stance stance) {
  return fmt::format("{{\"id\": {}, \"stance\": \"{}\"}}\n", id_json, corpus::stance_name(stance));
}

StanceRun classify_stance_jsonl(const corpus::StanceModel& model, std::string_view jsonl, std::string_view name,
                                const std::function<void(std::string_view)>& out) {
  StanceRun run;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < jsonl.size()) {
    std::size_t nl = jsonl.find('\n', pos);
    if (nl == std::string_view::npos) nl = jsonl.size();
    std::string_view line = base::trim(jsonl.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    ++run.records;
    auto bad = [&](std::string what) {
      run.errors.add(base::Error::invalid(std::move(what), {.file = std::string(name), .line = line_no}));
    };
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      bad("not a JSON object (expected {\"id\", \"headline\", \"body\"})");
      continue;
    }
    if (!j.contains("id") || !(j["id"].is_string() || j["id"].is_number())) {
      bad("no \"id\" (a string or a number)");
      continue;
    }
    if (!j.contains("headline") || !j["headline"].is_string()) {
      bad("no \"headline\" string");
      continue;
    }
    if (!j.contains("body") || !j["body"].is_string()) {
      bad("no \"body\" string");
      continue;
    }
    corpus::Stance s = model.classify(j["headline"].get_ref<const std::string&>(), j["body"].get_ref<const std::string&>());
    out(stance_line(j["id"].dump(), s));
    ++run.classified;
  }
  return run;
}

base::Result<Fnc1Set> read_fnc1(const std::string& shared) {
  fs::path dir = fs::path(shared) / "eval" / "public";
  std::string bodies_path = (dir / "fnc1.train_bodies.jsonl").string();
  std::string stances_path = (dir / "fnc1.train_stances.jsonl").string();
  auto bodies = read_input({bodies_path});
  if (!bodies) return base::fail(bodies.error());
  auto stances = read_input({stances_path});
  if (!stances) return base::fail(stances.error());
  Fnc1Set set;
  auto each_line = [](std::string_view text, auto&& f) -> base::Result<void> {
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = base::trim(text.substr(pos, nl - pos));
      pos = nl + 1;
      ++line_no;
      if (line.empty()) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return base::fail(base::Error::invalid("not a JSON object", {.line = line_no}));
      if (auto r = f(j, line_no); !r) return r;
    }
    return {};
  };
  auto rb = each_line(*bodies, [&](const nlohmann::json& j, int line_no) -> base::Result<void> {
    if (!j.contains("body_id") || !j["body_id"].is_number_integer() || !j.contains("body") || !j["body"].is_string())
      return base::fail(base::Error::invalid("expected {\"body_id\": integer, \"body\": string}", {.line = line_no}));
    set.bodies[j["body_id"].get<long long>()] = j["body"].get<std::string>();
    return {};
  });
  if (!rb) return base::fail(rb.error().in_file(bodies_path));
  std::unordered_map<std::string, std::string_view> heads;
  auto rs = each_line(*stances, [&](const nlohmann::json& j, int line_no) -> base::Result<void> {
    if (!j.contains("headline") || !j["headline"].is_string() || !j.contains("body_id") ||
        !j["body_id"].is_number_integer() || !j.contains("stance") || !j["stance"].is_string())
      return base::fail(base::Error::invalid("expected {\"headline\": string, \"body_id\": integer, \"stance\": string}",
                                             {.line = line_no}));
    auto stance = corpus::parse_stance(j["stance"].get_ref<const std::string&>());
    if (!stance)
      return base::fail(base::Error::invalid(
          fmt::format("unknown stance '{}' (agree, disagree, discuss, unrelated)", j["stance"].get<std::string>()),
          {.line = line_no}));
    long long id = j["body_id"].get<long long>();
    auto body = set.bodies.find(id);
    if (body == set.bodies.end())
      return base::fail(base::Error::invalid(fmt::format("body_id {} is not in fnc1.train_bodies.jsonl", id), {.line = line_no}));
    const std::string& h = j["headline"].get_ref<const std::string&>();
    auto it = heads.find(h);
    if (it == heads.end()) {
      set.headlines.push_back(h);
      it = heads.emplace(h, set.headlines.back()).first;
    }
    set.pairs.push_back({it->second, body->second, *stance, static_cast<std::uint64_t>(id)});
    return {};
  });
  if (!rs) return base::fail(rs.error().in_file(stances_path));
  return set;
}

std::string fnc1_trained_on(const Fnc1Set& set) {
  std::unordered_set<std::uint64_t> bodies;
  for (const auto& p : set.pairs) bodies.insert(p.group);
  return fmt::format(
      "FNC-1 training pairs ({} pairs, {} bodies; Fake News Challenge stage 1, 2017, built from the Emergent data set "
      "of Ferreira and Vlachos 2016), by `assay train --model stance`",
      set.pairs.size(), bodies.size());
}

}  // namespace assay::app
