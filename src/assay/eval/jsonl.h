// eval/jsonl: reading the labelled sets' JSON Lines files, shared by the
// scorers (label_eval) and the trainer (train).
//
//   int bad = for_each_json_line(bytes, [&](const nlohmann::json& j) { ... });
//   std::string t = json_string(j, "text");   // "" when absent or not a string
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "assay/base/strings.h"

namespace assay::eval {

// Calls f(object) for every line that is a JSON object; returns how many
// non-blank lines were not.
template <typename F>
int for_each_json_line(std::string_view jsonl, F&& f) {
  int bad = 0;
  std::size_t pos = 0;
  while (pos < jsonl.size()) {
    std::size_t nl = jsonl.find('\n', pos);
    if (nl == std::string_view::npos) nl = jsonl.size();
    std::string_view line = base::trim(jsonl.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      ++bad;
      continue;
    }
    f(j);
  }
  return bad;
}

inline std::string json_string(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace assay::eval
