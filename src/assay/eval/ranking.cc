#include "assay/eval/ranking.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

#include "assay/base/strings.h"

namespace assay::eval {

base::Result<std::vector<RankingPair>> parse_ranking_pairs(std::string_view jsonl, std::string_view name) {
  std::vector<RankingPair> pairs;
  std::set<std::string> ids;
  std::size_t pos = 0;
  int line = 0;
  auto bad = [&](std::string what) {
    return base::fail(base::Error::invalid(std::move(what), {.file = std::string(name), .line = line}));
  };
  while (pos < jsonl.size()) {
    std::size_t nl = jsonl.find('\n', pos);
    if (nl == std::string_view::npos) nl = jsonl.size();
    std::string_view text = base::trim(jsonl.substr(pos, nl - pos));
    pos = nl + 1;
    ++line;
    if (text.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    RankingPair p;
    p.line = line;
    for (auto [key, field] : {std::pair{"id", &p.id}, std::pair{"better", &p.better}, std::pair{"worse", &p.worse},
                              std::pair{"reason", &p.reason}, std::pair{"half", &p.half}}) {
      if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty())
        return bad(fmt::format("\"{}\" is missing or not a non-empty string", key));
      *field = j[key].get<std::string>();
    }
    if (j.contains("story") && j["story"].is_string()) p.story = j["story"].get<std::string>();
    if (p.half != "open" && p.half != "sealed") return bad(fmt::format("\"half\" is \"{}\": open or sealed", p.half));
    if (p.better == p.worse) return bad(fmt::format("\"better\" and \"worse\" are the same article ({})", p.better));
    if (!ids.insert(p.id).second) return bad(fmt::format("id \"{}\" repeats an earlier pair's", p.id));
    pairs.push_back(std::move(p));
  }
  if (pairs.empty()) return base::fail(base::Error::invalid("no pairs", {.file = std::string(name)}));
  return pairs;
}

RankingReport evaluate_ranking(const analysis::Analyzer& analyzer, const std::vector<RankingPair>& pairs,
                               const std::map<std::string, text::Document>& docs) {
  std::map<std::string, RankingScores> scores;
  auto scratch = analyzer.new_scratch();
  auto score_of = [&](const std::string& ref) -> const RankingScores* {
    if (auto it = scores.find(ref); it != scores.end()) return &it->second;
    auto d = docs.find(ref);
    if (d == docs.end()) return nullptr;
    analysis::DocumentAnalysis a = analyzer.analyze(d->second, scratch);
    const auto& as = a.assessment;
    return &(scores[ref] = {as.reporting.score, as.credibility.score, as.claim_status.score,
                            analysis::claim_level_name(as.claim_status.level)});
  };
  RankingReport r;
  for (const auto& p : pairs) {
    const RankingScores* b = score_of(p.better);
    const RankingScores* w = score_of(p.worse);
    if (!b || !w) continue;
    RankingPairResult res{&p, *b, *w};
    for (const char* h : {p.half.c_str(), "all"}) {
      RankingHalf& half = r.halves[h];
      ++half.pairs;
      half.reporting += res.reporting_agrees();
      half.credibility += res.credibility_agrees();
    }
    r.results.push_back(res);
  }
  return r;
}

}  // namespace assay::eval
