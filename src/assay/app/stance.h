// app/stance: what `assay stance`, `assay eval --set fnc1` and `assay train
// --model stance` do with the headline–body stance classifier of
// corpus/stance.h, for any face (the cli now, the server later).
//
//   auto model = corpus::StanceModel::load(*data);
//   auto run = app::classify_stance_jsonl(*model, bytes, "pairs.jsonl",
//                                         [](std::string_view line) { std::fputs(std::string(line).c_str(), stdout); });
//   // one {"id": ..., "stance": ...} line per good record, in input order;
//   // run.errors names each bad record's line
//
//   auto set = app::read_fnc1(shared);                 // ../shared/eval/public/fnc1.*
//   corpus::StanceScore s = corpus::cross_validate_stance(set->pairs, 5, {});
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assay/base/error.h"
#include "assay/corpus/stance.h"

namespace assay::app {

struct StanceRun {
  std::size_t records = 0;  // non-blank lines read
  std::size_t classified = 0;
  base::Errors errors;      // one per bad record, naming its line
};

// The output line for one record: {"id": <id as given>, "stance": "agree"}
// and a newline. `id_json` is the id already written as JSON.
std::string stance_line(std::string_view id_json, corpus::Stance stance);

// Classifies every JSON Lines record {"id", "headline", "body"} of `jsonl`
// (`name` for messages) and hands each output line to `out` in input order.
// A record that is not a JSON object, lacks an id or has no string headline
// or body is an error naming its line; the others are still classified.
StanceRun classify_stance_jsonl(const corpus::StanceModel& model, std::string_view jsonl, std::string_view name,
                                const std::function<void(std::string_view)>& out);

// The FNC-1 training pairs of <shared>/eval/public (fnc1.train_bodies.jsonl,
// fnc1.train_stances.jsonl); each pair's group is its body id. The pairs'
// views point into the set's own storage.
struct Fnc1Set {
  std::unordered_map<long long, std::string> bodies;
  std::deque<std::string> headlines;
  std::vector<corpus::StancePair> pairs;
  Fnc1Set() = default;
  Fnc1Set(const Fnc1Set&) = delete;
  Fnc1Set& operator=(const Fnc1Set&) = delete;
  Fnc1Set(Fnc1Set&&) = default;
  Fnc1Set& operator=(Fnc1Set&&) = default;
};
base::Result<Fnc1Set> read_fnc1(const std::string& shared);

// What the model file's header says it was trained on.
std::string fnc1_trained_on(const Fnc1Set& set);

}  // namespace assay::app
