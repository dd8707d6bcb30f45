// app/verify: see verify.h.
#include "assay/app/verify.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "assay/base/strings.h"

namespace assay::app {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

bool valid_date(std::string_view d) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= d.size() || !base::is_ascii_digit(d[i])) return false;
    return true;
  };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (d.size() >= 7) {
    if (d[4] != '-' || !digits(5, 2)) return false;
    int m = (d[5] - '0') * 10 + (d[6] - '0');
    if (m < 1 || m > 12) return false;
  }
  if (d.size() == 10) {
    if (d[7] != '-' || !digits(8, 2)) return false;
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    if (day < 1 || day > 31) return false;
  }
  return true;
}

base::Result<std::vector<ClaimInput>> parse_claim_inputs(std::string_view bytes, std::string_view name) {
  std::vector<ClaimInput> out;
  bool jsonl = false, decided = false;
  int line = 0;
  std::size_t pos = 0;
  while (pos <= bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string text = trim(bytes.substr(pos, nl - pos));
    ++line;
    pos = nl + 1;
    if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text = text.substr(3);
    if (text.empty() || (!jsonl && text[0] == '#')) {
      if (nl == bytes.size()) break;
      continue;
    }
    if (!decided) {
      jsonl = text[0] == '{';
      decided = true;
    }
    ClaimInput in;
    in.line = line;
    if (jsonl) {
      auto j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return base::fail(base::Error::invalid("not a JSON object", {.file = std::string(name), .line = line}));
      if (!j.contains("text") || !j["text"].is_string())
        return base::fail(base::Error::invalid("no \"text\" string", {.file = std::string(name), .line = line, .field = "text"}));
      in.text = j["text"].get<std::string>();
      if (j.contains("published") && j["published"].is_string()) in.published = j["published"].get<std::string>();
      if (j.contains("id") && j["id"].is_string()) in.id = j["id"].get<std::string>();
      else if (j.contains("id") && j["id"].is_number_integer()) in.id = std::to_string(j["id"].get<long long>());
      if (!in.published.empty() && in.published.size() > 10) in.published = in.published.substr(0, 10);
    } else {
      in.text = text;
    }
    if (in.id.empty()) in.id = fmt::format("line {}", line);
    out.push_back(std::move(in));
    if (nl == bytes.size()) break;
  }
  return out;
}

std::expected<ClaimChecker, base::Errors> ClaimChecker::create(const Engine& engine) {
  auto analyzer = engine.analyzer();
  if (!analyzer) return std::unexpected(analyzer.error());
  auto kb = engine.knowledge_base();
  if (!kb) {
    base::Errors e;
    e.add(kb.error());
    return std::unexpected(std::move(e));
  }
  std::shared_ptr<const supply::World> world;
  if (auto w = engine.world()) world = *w;  // without a supply model, shares beyond mining are unverifiable
  ClaimChecker c;
  c.analyzer_ = *analyzer;
  c.verifier_ = std::make_shared<const verify::Verifier>(*kb, world, verify::precomputed_models(engine.data()));
  c.scratch_ = std::make_shared<analysis::Analyzer::Scratch>(c.analyzer_->new_scratch());
  return c;
}

ClaimCheck ClaimChecker::check(const ClaimInput& in, std::string_view default_date) {
  ClaimCheck out;
  out.input = in;
  if (!in.published.empty() && valid_date(in.published)) {
    out.date = in.published;
    out.date_from = "published";
  } else if (!default_date.empty()) {
    out.date = std::string(default_date);
    out.date_from = "--date";
  }
  text::Document doc;
  doc.id = in.id;
  doc.text = in.text;
  auto a = analyzer_->analyze(doc, *scratch_);
  out.text = a.document.text;
  for (const auto& s : a.sentences) {
    std::vector<std::string> sourcing;
    for (auto l : s.labels.labels()) {
      std::string n = analysis::label_name(l);
      if (n.starts_with("source.") || n.starts_with("confirm.") || n == "hedge") sourcing.push_back(n);
    }
    for (auto& c : analysis::find_claims(s.span.of(out.text), &verifier_->kb())) {
      c.span = {c.span.begin + s.span.begin, c.span.end + s.span.begin};
      c.sourcing = sourcing;
      verify::Judgement j = verifier_->judge(c, out.date);
      out.claims.push_back({std::move(c), std::move(j)});
    }
  }
  // Text order: within a sentence the claim finder gives figures before
  // ranks and policies; the input's verdict is that of its first claim as read.
  std::stable_sort(out.claims.begin(), out.claims.end(),
                   [](const CheckedClaim& x, const CheckedClaim& y) { return x.claim.span.begin < y.claim.span.begin; });
  out.reason = "no checkable claim found (no figure, rank, policy, plant status or event the kb covers)";
  for (const auto& c : out.claims)
    if (c.judgement.verdict != verify::Verdict::kUnverifiable) {
      out.verdict = c.judgement.verdict;
      out.reason = c.judgement.reason;
      return out;
    }
  if (!out.claims.empty()) out.reason = out.claims.front().judgement.reason;
  return out;
}

namespace {

std::string figure_text(const analysis::Claim& c) {
  if (c.kind == analysis::ClaimKind::kRank) return fmt::format("rank {}", c.rank);
  if (!c.value) return c.figure;
  std::string v = verify::format_number(*c.value);
  if (c.value_high && *c.value_high != *c.value) v += "-" + verify::format_number(*c.value_high);
  return fmt::format("{} {}", v, c.unit);
}

std::string judged_text(const ClaimCheck& k) {
  if (k.date.empty()) return "the latest data (no date given)";
  return fmt::format("{} ({})", k.date, k.date_from == "published" ? "published" : "--date");
}

nlohmann::ordered_json claim_json(const ClaimCheck& k, const CheckedClaim& cc) {
  const auto& c = cc.claim;
  nlohmann::ordered_json j;
  j["span"] = {c.span.begin, c.span.end};
  j["text"] = std::string(c.span.of(k.text));
  j["kind"] = analysis::claim_kind_name(c.kind);
  j["subject"] = c.subject;
  j["measure"] = c.measure;
  // Figures as parsed, without the binary noise of scaling ("16.1 million" -> 16100000).
  auto figure = [](std::optional<double> v) {
    return v ? nlohmann::ordered_json(std::round(*v * 1e6) / 1e6) : nlohmann::ordered_json(nullptr);
  };
  j["value"] = figure(c.value);
  j["value_high"] = figure(c.value_high);
  j["unit"] = c.unit;
  j["year"] = c.year ? nlohmann::ordered_json(c.year) : nlohmann::ordered_json(nullptr);
  j["date"] = c.date;
  j["stage"] = c.stage ? kb::stage_name(*c.stage) : "";
  j["element"] = c.element;
  j["scope"] = analysis::claim_scope_name(c.scope);
  j["bound"] = analysis::bound_name(c.bound);
  j["hedge"] = c.hedge;
  if (c.kind == analysis::ClaimKind::kRank) j["rank"] = c.rank;
  j["sourcing"] = c.sourcing;
  j["verdict"] = verify::verdict_name(cc.judgement.verdict);
  j["reason"] = cc.judgement.reason;
  j["tolerance"] = cc.judgement.tolerance;
  auto ev = nlohmann::ordered_json::array();
  for (const auto& e : cc.judgement.evidence) ev.push_back({{"row", e.row}, {"source", e.source}, {"value", e.value}});
  j["evidence"] = ev;
  return j;
}

}  // namespace

std::string render_claim_checks(const std::vector<ClaimCheck>& checks, report::OutputFormat format) {
  std::map<std::string, int> counts;
  for (const auto& k : checks) ++counts[verify::verdict_name(k.verdict)];
  if (format == report::OutputFormat::kJson) {
    nlohmann::ordered_json j;
    j["schema"] = "assay.verify/1";
    auto arr = nlohmann::ordered_json::array();
    for (const auto& k : checks) {
      nlohmann::ordered_json x;
      x["id"] = k.input.id;
      x["line"] = k.input.line;
      x["text"] = k.text;
      x["published"] = k.input.published;
      x["judged_at"] = k.date.empty() ? "latest data" : k.date;
      x["verdict"] = verify::verdict_name(k.verdict);
      x["reason"] = k.reason;
      auto cs = nlohmann::ordered_json::array();
      for (const auto& c : k.claims) cs.push_back(claim_json(k, c));
      x["claims"] = cs;
      arr.push_back(std::move(x));
    }
    j["inputs"] = arr;
    nlohmann::ordered_json s;
    for (const char* v : {"supported", "contradicted", "disputed", "unverifiable"}) s[v] = counts[v];
    j["summary"] = s;
    return j.dump(2) + "\n";
  }
  std::string out = "# Claims checked against the knowledge base\n\n";
  out += fmt::format("{} claim{}: {} supported, {} contradicted, {} disputed, {} unverifiable.\n", checks.size(),
                     checks.size() == 1 ? "" : "s", counts["supported"], counts["contradicted"], counts["disputed"],
                     counts["unverifiable"]);
  bool undated = std::any_of(checks.begin(), checks.end(), [](const ClaimCheck& k) { return k.date.empty(); });
  if (undated)
    out += "Claims without a publication date (and no --date) are judged against the latest data in the knowledge base.\n";
  for (const auto& k : checks) {
    out += fmt::format("\n## {}: {}\n\n", k.input.id, k.text);
    out += fmt::format("**{}**, judged at {}.\n", verify::verdict_name(k.verdict), judged_text(k));
    if (k.claims.empty()) out += fmt::format("\n- {}\n", k.reason);
    for (const auto& cc : k.claims) {
      const auto& c = cc.claim;
      out += fmt::format("\n- {} claim \"{}\" ({}{}{}{}{}): **{}**. {}\n", analysis::claim_kind_name(c.kind),
                         std::string(c.span.of(k.text)), c.subject_name.empty() ? "no subject" : c.subject_name,
                         c.measure.empty() ? "" : ", " + c.measure, c.kind == analysis::ClaimKind::kPolicy ||
                         c.kind == analysis::ClaimKind::kOperation || c.kind == analysis::ClaimKind::kEvent ? "" : ", " + figure_text(c),
                         c.year ? fmt::format(", {}", c.year) : "", c.hedge.empty() ? "" : ", '" + c.hedge + "'",
                         verify::verdict_name(cc.judgement.verdict), cc.judgement.reason);
      if (!cc.judgement.tolerance.empty()) out += fmt::format("  - tolerance: {}\n", cc.judgement.tolerance);
      for (const auto& e : cc.judgement.evidence)
        out += fmt::format("  - evidence: `{}`: {} (source: {})\n", e.row, e.value, e.source);
    }
  }
  return out;
}

}  // namespace assay::app
