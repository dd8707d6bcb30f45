// app/claims_set: see claims_set.h.
#include "assay/app/claims_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "assay/app/inputs.h"
#include "assay/base/strings.h"

namespace assay::app {

namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (true) {
    std::size_t t = line.find('\t', b);
    out.emplace_back(line.substr(b, t == std::string_view::npos ? std::string_view::npos : t - b));
    if (t == std::string_view::npos) break;
    b = t + 1;
  }
  if (!out.empty() && !out.back().empty() && out.back().back() == '\r') out.back().pop_back();
  return out;
}

// The families of figure a `quantity` sentence must hold to count for
// extraction recall: each is a word of the family (lower case, as a
// substring) together with the kind of figure it needs. A percentage counts
// as a share only when it is a share of something ("% of", "accounts for"):
// a change ("shares rose 9%") is not a share figure.
struct Family {
  std::initializer_list<std::string_view> words;
  std::initializer_list<std::string_view> figure;  // one of these must appear too
};
const Family kFigureFamilies[] = {
    // production, reserves, capacity: a tonnage
    {{"produc", "output", "mined", "mining", "quota", "reserve", "resource", "capacity", "nameplate"},
     {"tonne", " tons", " ton ", " t ", "kt", "mt "}},
    // share
    {{"% of", "percent of", "per cent of", "share of", "accounts for", "account for"}, {"%", "percent", "per cent"}},
    // price: money per unit of mass
    {{"price", "per kg", "/kg", "per kilogram", "a kilogram", "per tonne", "a tonne", "per pound"},
     {"$", "usd", "dollar", "yuan", "eur", "\xE2\x82\xAC"}},
};
}  // namespace

base::Result<std::vector<ClaimCase>> read_claims_set(const std::string& dir) {
  std::string file = (std::filesystem::path(dir) / "claims.tsv").string();
  auto bytes = read_input({file});
  if (!bytes)
    return base::fail(base::Error::not_found("no claims test set here: name the folder that holds claims.tsv", {.file = file}));
  std::vector<ClaimCase> out;
  std::size_t pos = 0;
  int line = 0;
  while (pos < bytes->size()) {
    std::size_t nl = bytes->find('\n', pos);
    if (nl == std::string::npos) nl = bytes->size();
    std::string_view l(bytes->data() + pos, nl - pos);
    pos = nl + 1;
    ++line;
    if (line == 1 || l.empty() || l[0] == '#') continue;
    auto f = split_tabs(l);
    if (f.size() != 6)
      return base::fail(base::Error::invalid(fmt::format("expected 6 tab-separated fields, found {}", f.size()),
                                             {.file = file, .line = line}));
    ClaimCase c;
    c.id = f[0];
    c.published = f[1];
    auto v = verify::parse_verdict(f[2]);
    if (!v) return base::fail(base::Error::invalid(fmt::format("unknown verdict '{}'", f[2]), {.file = file, .line = line, .field = "verdict"}));
    c.verdict = *v;
    auto k = analysis::parse_claim_kind(f[3]);
    if (!k) return base::fail(base::Error::invalid(fmt::format("unknown kind '{}'", f[3]), {.file = file, .line = line, .field = "kind"}));
    c.kind = *k;
    c.expect = f[4];
    c.text = f[5];
    c.line = line;
    if (!c.published.empty() && !valid_date(c.published))
      return base::fail(base::Error::invalid(fmt::format("'{}' is not a date", c.published), {.file = file, .line = line, .field = "published"}));
    out.push_back(std::move(c));
  }
  return out;
}

ClaimsScore score_claims_set(ClaimChecker& checker, const std::vector<ClaimCase>& set) {
  ClaimsScore s;
  std::map<std::string, std::pair<int, int>> kinds, verdicts;
  for (const auto& c : set) {
    ClaimCheck k = checker.check({.id = c.id, .text = c.text, .published = c.published, .line = c.line}, "");
    ++s.claims;
    bool right = k.verdict == c.verdict;
    s.right += right;
    auto& kk = kinds[analysis::claim_kind_name(c.kind)];
    kk.first += right;
    ++kk.second;
    auto& vv = verdicts[verify::verdict_name(c.verdict)];
    vv.first += right;
    ++vv.second;
    for (const auto& cc : k.claims) {
      auto v = cc.judgement.verdict;
      if (v != verify::Verdict::kSupported && v != verify::Verdict::kContradicted) continue;
      ++s.decided;
      if (cc.judgement.evidence.empty()) {
        ++s.uncited;
        s.misses.push_back({c.id, c.verdict, v, "a supported or contradicted verdict without a citation"});
      }
    }
    if (!right) {
      s.misses.push_back({c.id, c.verdict, k.verdict, k.reason});
      continue;
    }
    if (c.verdict == verify::Verdict::kUnverifiable) continue;
    // The expected row (or the model) among the evidence of the deciding claim.
    ++s.expected_rows;
    bool cited = false;
    for (const auto& cc : k.claims)
      if (cc.judgement.verdict == k.verdict)
        for (const auto& e : cc.judgement.evidence)
          cited = cited || (c.expect == "model" ? e.row.starts_with("model:") : e.row.ends_with("/" + c.expect));
    s.rows_cited += cited;
    if (!cited) s.misses.push_back({c.id, c.verdict, k.verdict, fmt::format("right verdict, but {} is not cited", c.expect)});
  }
  for (auto& [k, v] : kinds) s.by_kind.emplace_back(k, v);
  for (auto& [k, v] : verdicts) s.by_verdict.emplace_back(k, v);
  return s;
}

bool is_figure_sentence(std::string_view text) {
  if (std::none_of(text.begin(), text.end(), base::is_ascii_digit)) return false;
  std::string lower = " " + base::to_lower_ascii(text) + " ";
  auto has = [&](std::initializer_list<std::string_view> ws) {
    return std::any_of(ws.begin(), ws.end(), [&](std::string_view w) { return lower.find(w) != std::string::npos; });
  };
  for (const auto& f : kFigureFamilies)
    if (has(f.words) && has(f.figure)) return true;
  return false;
}

ExtractionRecall claim_extraction_recall(const kb::Kb& kb, const std::vector<GoldFigureSentence>& sentences) {
  ExtractionRecall r;
  for (const auto& s : sentences) {
    if (!is_figure_sentence(s.text)) continue;
    ++r.sentences;
    bool found = false;
    for (const auto& c : analysis::find_claims(s.text, &kb))
      found = found || c.kind == analysis::ClaimKind::kProduction || c.kind == analysis::ClaimKind::kReserves ||
              c.kind == analysis::ClaimKind::kCapacity || c.kind == analysis::ClaimKind::kShare ||
              c.kind == analysis::ClaimKind::kRank || c.kind == analysis::ClaimKind::kPrice;
    r.found += found;
    if (!found) r.missed.push_back(s.article + ": " + s.text);
  }
  return r;
}

}  // namespace assay::app
