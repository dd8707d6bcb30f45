#include "assay/app/evaluation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iterator>
#include <optional>

#include "assay/analysis/schema.h"
#include "assay/app/claims_set.h"
#include "assay/app/genre_set.h"
#include "assay/app/inputs.h"
#include "assay/app/stance.h"
#include "assay/app/stories.h"
#include "assay/base/progress.h"
#include "assay/eval/extraction.h"
#include "assay/eval/label_eval.h"
#include "assay/eval/ranking.h"
#include "assay/eval/train.h"

namespace assay::app {

namespace {

namespace fs = std::filesystem;

bool wants(const EvalRequest& r, std::string_view set) {
  return std::find(r.sets.begin(), r.sets.end(), set) != r.sets.end() ||
         std::find(r.sets.begin(), r.sets.end(), "all") != r.sets.end();
}

// Formats one piece of the output and hands it to `out` at once, so a long
// run shows its progress.
template <typename... Args>
void put(const WriteFn& out, fmt::format_string<Args...> f, Args&&... args) {
  out(fmt::format(f, std::forward<Args>(args)...));
}

// An error when `shared` holds no eval/ folder: where assay looked and how
// to name the folder, so that nothing is scored against an empty set.
std::optional<base::Error> missing_shared_folder(const std::string& shared) {
  std::error_code ec;
  fs::path dir = fs::path(shared) / "eval";
  if (fs::is_directory(dir, ec)) return std::nullopt;
  return base::Error::not_found(
      "no labelled sets here: name the folder that holds eval/articles and eval/public with --shared DIR or "
      "ASSAY_SHARED_DIR (without either, assay looks in ../shared, ../../shared and shared)",
      {.file = dir.string()});
}

// The .json files of DIR, sorted.
std::vector<std::string> json_files(const fs::path& dir, std::error_code& ec) {
  std::vector<std::string> files;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

void score_gold(const analysis::Analyzer& a, const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json,
                base::Errors& errors) {
  std::vector<eval::GoldArticle> articles;
  std::error_code ec;
  fs::path dir = fs::path(req.shared) / "eval" / "articles";
  std::vector<std::string> files = req.articles.empty() ? json_files(dir, ec) : req.articles;
  if (ec || files.empty()) {
    errors.add(base::Error::not_found("no gold articles (*.json) here", {.file = dir.string()}));
    return;  // no table of zeros
  }
  for (const auto& f : files) {
    auto bytes = read_input({f});
    if (!bytes) {
      errors.add(bytes.error());
      continue;
    }
    auto g = eval::parse_gold_article(*bytes, f);
    if (!g) errors.add(g.error());
    else articles.push_back(std::move(*g));
  }
  auto r = eval::evaluate_gold(a, articles);
  auto& j = json["gold"];
  j["articles"] = r.articles;
  j["sentence_boundary_f1"] = r.boundaries.f1();
  j["micro_f1"] = r.micro.f1();
  j["micro_precision"] = r.micro.precision();
  j["micro_recall"] = r.micro.recall();
  for (auto& [name, c] : r.labels)
    j["labels"][name] = {{"precision", c.precision()}, {"recall", c.recall()}, {"f1", c.f1()}, {"support", c.support()}};
  j["stakeholders_quoted_f1"] = r.stakeholders_quoted.f1();
  j["stakeholders_expected_f1"] = r.stakeholders_expected.f1();
  j["missing_voices_f1"] = r.missing_voices.f1();
  j["entities_f1"] = r.entities.f1();
  j["origin_accuracy"] = r.articles ? static_cast<double>(r.origin_right) / r.articles : 0;
  j["outlet_type_accuracy"] = r.articles ? static_cast<double>(r.outlet_type_right) / r.articles : 0;
  j["events_f1"] = r.events.f1();
  j["event_status_accuracy"] = r.event_status_matched ? static_cast<double>(r.event_status_right) / r.event_status_matched : 0;
  j["event_status_matched"] = r.event_status_matched;
  if (req.json) return;
  put(out, "Gold articles ({}): sentence-boundary F1 {:.3f}\n\n", r.articles, r.boundaries.f1());
  put(out, "| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
  for (auto& [name, c] : r.labels)
    put(out, "| {} | {:.3f} | {:.3f} | {:.3f} | {} |\n", name, c.precision(), c.recall(), c.f1(), c.support());
  put(out, "| **micro** | {:.3f} | {:.3f} | **{:.3f}** | {} |\n\n", r.micro.precision(), r.micro.recall(), r.micro.f1(),
      r.micro.support());
  put(out, "| article field | F1 / accuracy |\n|---|---|\n");
  put(out, "| stakeholders quoted | {:.3f} |\n| stakeholders expected | {:.3f} |\n| missing voices | {:.3f} |\n",
      r.stakeholders_quoted.f1(), r.stakeholders_expected.f1(), r.missing_voices.f1());
  put(out, "| entities | {:.3f} |\n| origin (accuracy) | {:.3f} |\n| outlet type (accuracy) | {:.3f} |\n", r.entities.f1(),
      j["origin_accuracy"].get<double>(), j["outlet_type_accuracy"].get<double>());
  put(out, "| events (F1 over types) | {:.3f} |\n| event status (accuracy over {} matched events) | {:.3f} |\n\n", r.events.f1(),
      r.event_status_matched, j["event_status_accuracy"].get<double>());
  if (req.misses)
    for (const auto& m : r.misses)
      put(out, "MISS {} gold=[{}] pred=[{}] | {}\n", m.article, fmt::join(m.gold, ","), fmt::join(m.predicted, ","),
          m.sentence);
}

void score_public_sets(const analysis::Analyzer& a, const EvalRequest& req, const WriteFn& out,
                       nlohmann::ordered_json& json, base::Errors& errors, const std::function<void(std::string_view)>& step) {
  struct PublicSet {
    const char* key;
    const char* file;
    eval::BinaryReport (*fn)(const analysis::Analyzer&, std::string_view);
  };
  const PublicSet sets[] = {{"conll", "conll2010-wiki.dev.jsonl", eval::evaluate_conll},
                            {"polnear", "polnear.dev.jsonl", eval::evaluate_polnear},
                            {"babe", "babe.dev.jsonl", eval::evaluate_babe},
                            {"claimbuster", "claimbuster.train.jsonl", eval::evaluate_claimbuster}};
  bool header = false;
  for (const auto& ps : sets) {
    if (!wants(req, ps.key)) continue;
    step(ps.key);
    fs::path f = fs::path(req.shared) / "eval" / "public" / ps.file;
    auto bytes = read_input({f.string()});
    if (!bytes) {
      errors.add(bytes.error());
      continue;
    }
    auto r = ps.fn(a, *bytes);
    auto& j = json[ps.key];
    j["macro_f1"] = r.counts.macro_f1();
    j["precision"] = r.counts.precision();
    j["recall"] = r.counts.recall();
    j["f1"] = r.counts.f1();
    j["support"] = r.counts.support();
    j["records"] = r.counts.tp + r.counts.fp + r.counts.fn + r.counts.tn;
    for (auto& [k, v] : r.extra) j[k] = v;
    if (req.json) continue;
    if (!header) {
      put(out, "| public set | macro-F1 | P (pos) | R (pos) | F1 (pos) | items | mapping |\n|---|---|---|---|---|---|---|\n");
      header = true;
    }
    put(out, "| {} | **{:.3f}** | {:.3f} | {:.3f} | {:.3f} | {} | {} |\n", r.name, r.counts.macro_f1(), r.counts.precision(),
        r.counts.recall(), r.counts.f1(), j["records"].get<int>(), r.note);
    for (auto& [k, v] : r.extra)
      if (k != "bad_records") put(out, "|   {} | {:.3f} | | | | | |\n", k, v);
  }
  if (header) out("\n");
}

void score_extraction(const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json, base::Errors& errors) {
  fs::path dir = fs::path(req.shared) / "eval" / "extraction";
  auto truth_bytes = read_input({(dir / "ground-truth.json").string()});
  if (!truth_bytes) {
    errors.add(truth_bytes.error());
    return;
  }
  auto truth = eval::parse_ground_truth(*truth_bytes);
  if (!truth) {
    errors.add(truth.error());
    return;
  }
  std::vector<eval::ExtractionCase> cases;
  for (auto& [id, body] : *truth) {
    auto gz = read_input({(dir / "html" / (id + ".html.gz")).string()});
    if (!gz) {
      errors.add(gz.error());
      continue;
    }
    auto html = eval::gunzip(*gz);
    if (!html) {
      errors.add(html.error().in_file(id + ".html.gz"));
      continue;
    }
    cases.push_back({id, std::move(*html), body});
  }
  auto r = eval::evaluate_extraction(cases);
  json["extraction"] = {{"pages", cases.size()}, {"precision", r.precision}, {"recall", r.recall}, {"f1", r.f1}};
  if (!req.json)
    put(out, "HTML extraction ({} pages): precision {:.3f}, recall {:.3f}, **F1 {:.3f}**\n", cases.size(), r.precision,
        r.recall, r.f1);
}

// Trains the stance model (corpus/stance.h) on the FNC-1 training pairs and
// writes <out_dir>/stance/stance.tsv, with the cross-validated score when
// folds are asked for.
void train_stance_file(const TrainRequest& request, const WriteFn& out, RunOutcome& outcome) {
  auto set = read_fnc1(request.shared);
  if (!set) {
    outcome.errors.add(set.error());
    return;
  }
  corpus::StanceTrainOptions options;
  options.trained_on = fnc1_trained_on(*set);
  std::string cv = "-";
  if (request.folds >= 2) cv = fmt::format("{:.1f}", 100 * corpus::cross_validate_stance(set->pairs, request.folds, options).weighted());
  corpus::StanceModel m = corpus::train_stance(set->pairs, options);
  fs::path path = fs::path(request.out_dir) / "stance" / "stance.tsv";
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (auto st = write_file(path.string(), m.to_tsv(), IfExists::kOverwrite); !st) {
    outcome.errors.add(st.error());
    return;
  }
  put(out, "\n| model | pairs | FNC-1 weighted score ({}-fold CV by body) | vocabulary |\n|---|---|---|---|\n", request.folds);
  put(out, "| stance | {} | {} | {} |\n", set->pairs.size(), cv, m.vocabulary());
}

// FNC-1: the stance classifier (corpus/stance.h) by k-fold cross-validation
// over the training pairs, folds by body; the official weighted score, each
// class's precision, recall and F1, and the confusion matrix.
void score_fnc1(const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json, base::Errors& errors) {
  auto set = read_fnc1(req.shared);
  if (!set) {
    errors.add(set.error());
    return;
  }
  constexpr int kFolds = 5;
  corpus::StanceScore s = corpus::cross_validate_stance(set->pairs, kFolds, {});
  const corpus::Stance order[] = {corpus::Stance::kAgree, corpus::Stance::kDisagree, corpus::Stance::kDiscuss,
                                  corpus::Stance::kUnrelated};
  auto& j = json["fnc1"];
  j["pairs"] = s.total();
  j["folds"] = kFolds;
  j["weighted_score"] = s.weighted();
  j["macro_f1"] = s.macro_f1();
  for (auto c : order) {
    auto k = static_cast<std::size_t>(c);
    std::uint64_t gold = 0, pred = 0;
    for (std::size_t i = 0; i < corpus::kStanceCount; ++i) {
      gold += s.confusion[k][i];
      pred += s.confusion[i][k];
    }
    auto& cj = j["classes"][corpus::stance_name(c)];
    cj["precision"] = pred ? static_cast<double>(s.confusion[k][k]) / static_cast<double>(pred) : 0.0;
    cj["recall"] = gold ? static_cast<double>(s.confusion[k][k]) / static_cast<double>(gold) : 0.0;
    cj["f1"] = s.f1(c);
    cj["support"] = gold;
    for (auto p : order) cj["predicted"][corpus::stance_name(p)] = s.confusion[k][static_cast<std::size_t>(p)];
  }
  if (req.json) return;
  put(out, "FNC-1 stance ({} pairs, {}-fold cross-validation by body): weighted score **{:.1f}** (of 100), macro-F1 {:.3f}\n\n",
      s.total(), kFolds, 100 * s.weighted(), s.macro_f1());
  put(out, "| stance | precision | recall | F1 | support | predicted agree | disagree | discuss | unrelated |\n"
           "|---|---|---|---|---|---|---|---|---|\n");
  for (auto c : order) {
    const auto& cj = j["classes"][corpus::stance_name(c)];
    auto k = static_cast<std::size_t>(c);
    put(out, "| {} | {:.3f} | {:.3f} | {:.3f} | {} | {} | {} | {} | {} |\n", corpus::stance_name(c),
        cj["precision"].get<double>(), cj["recall"].get<double>(), cj["f1"].get<double>(), cj["support"].get<std::uint64_t>(),
        s.confusion[k][0], s.confusion[k][1], s.confusion[k][2], s.confusion[k][3]);
  }
  out("\n");
}

// The genre test set: accuracy on the open and the sealed half; with
// --misses, the open half's confusions (the sealed half's stay sealed).
void score_genre(const analysis::Analyzer& a, const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json,
                 base::Errors& errors) {
  auto set = read_genre_set(req.genre_dir);
  if (!set) {
    errors.add(set.error());
    return;
  }
  GenreScore s = score_genre_set(a, *set);
  auto half = [](const GenreHalf& h) {
    return nlohmann::ordered_json{{"articles", h.articles}, {"right", h.right}, {"accuracy", h.accuracy()}};
  };
  json["genre"] = {{"open", half(s.open)}, {"sealed", half(s.sealed)}};
  if (req.json) return;
  put(out, "Genre ({} articles): open half **{:.3f}** ({}/{}), sealed half **{:.3f}** ({}/{})\n", set->size(),
      s.open.accuracy(), s.open.right, s.open.articles, s.sealed.accuracy(), s.sealed.right, s.sealed.articles);
  if (!req.misses || s.open_misses.empty()) return;
  put(out, "\nGenre confusions of the open half (gold -> assay):\n\n");
  for (const auto& m : s.open_misses)
    put(out, "- {}: {} -> {} ({})\n", m.id, analysis::genre_name(m.gold), analysis::genre_name(m.got), m.why);
}

// The story clustering set: each subfolder (dev, then holdout) scored on
// its own: pairwise and B-cubed F1, origins found, role accuracy.
void score_stories(const Engine& engine, const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json,
                   base::Errors& errors) {
  std::vector<std::string> parts;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(req.stories_dir, ec))
    if (e.is_directory() && std::filesystem::exists(e.path() / "articles.jsonl")) parts.push_back(e.path().filename().string());
  if (ec || parts.empty())
    return errors.add(base::Error::not_found("no story sets here (subfolders with an articles.jsonl)", {.file = req.stories_dir}));
  // dev first, then the rest by name.
  std::sort(parts.begin(), parts.end(), [](const std::string& a, const std::string& b) {
    return (a == "dev") != (b == "dev") ? a == "dev" : a < b;
  });
  if (!req.json) put(out, "\n## Stories ({})\n\n", req.stories_dir);
  for (const auto& name : parts) {
    auto e = evaluate_stories(engine, {.dir = req.stories_dir + "/" + name, .jobs = 2});
    if (!e) {
      errors.add(e.error());
      continue;
    }
    if (req.json) json["stories"][name] = nlohmann::ordered_json::parse(render_story_eval(*e, name, true));
    else put(out, "{}", render_story_eval(*e, name, false, req.misses));
  }
}

// The claims test set: verdict accuracy, citations, and claim extraction
// recall on the gold articles' figure sentences (when the shared folder is there).
void score_claims(const Engine& engine, const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json,
                  base::Errors& errors) {
  auto set = read_claims_set(req.claims_dir);
  if (!set) return errors.add(set.error());
  auto checker = ClaimChecker::create(engine);
  if (!checker) {
    for (const auto& e : checker.error()) errors.add(e);
    return;
  }
  ClaimsScore s = score_claims_set(*checker, *set);
  auto& j = json["claims"];
  j["claims"] = s.claims;
  j["right"] = s.right;
  j["accuracy"] = s.accuracy();
  j["decided"] = s.decided;
  j["uncited"] = s.uncited;
  j["expected_rows"] = s.expected_rows;
  j["rows_cited"] = s.rows_cited;
  for (const auto& [k, v] : s.by_verdict) j["by_verdict"][k] = {{"right", v.first}, {"claims", v.second}};
  for (const auto& [k, v] : s.by_kind) j["by_kind"][k] = {{"right", v.first}, {"claims", v.second}};
  // The same claims as passages through `assay analyze`, as issue 14's
  // unseen set is scored: each text a document judged at its date, its
  // verdict that of its first claim in text order that is not unverifiable.
  int passages_right = 0;
  {
    auto scratch = engine.new_scratch();
    for (const auto& c : *set) {
      text::Document d;
      d.id = c.id;
      d.text = c.text;
      d.published = c.published;
      passages_right += analysis::passage_verdict(engine.analyze(d, scratch).analysis) == verify::verdict_name(c.verdict);
    }
  }
  const double passage_accuracy = set->empty() ? 0 : static_cast<double>(passages_right) / static_cast<double>(set->size());
  j["passages"] = {{"right", passages_right}, {"accuracy", passage_accuracy}};
  // Extraction recall on the gold articles' quantity sentences.
  std::optional<ExtractionRecall> recall;
  std::error_code ec;
  fs::path dir = fs::path(req.shared) / "eval" / "articles";
  auto kb = engine.knowledge_base();
  if (kb && fs::is_directory(dir, ec)) {
    std::vector<GoldFigureSentence> sentences;
    for (const auto& f : json_files(dir, ec)) {
      auto bytes = read_input({f});
      if (!bytes) continue;
      auto g = eval::parse_gold_article(*bytes, f);
      if (!g) continue;
      for (const auto& gs : g->sentences)
        if (std::find(gs.labels.begin(), gs.labels.end(), "quantity") != gs.labels.end())
          sentences.push_back({g->id, gs.text});
    }
    recall = claim_extraction_recall(**kb, sentences);
    j["extraction"] = {{"sentences", recall->sentences}, {"found", recall->found}, {"recall", recall->recall()}};
  }
  if (req.json) return;
  put(out, "Claims ({} claims): verdict accuracy **{:.3f}** ({}/{}); supported or contradicted without a citation: {} of {}; "
           "expected kb row or model cited: {}/{}\n",
      s.claims, s.accuracy(), s.right, s.claims, s.uncited, s.decided, s.rows_cited, s.expected_rows);
  put(out, "As passages through `assay analyze` (each text a document at its date; its verdict the first claim's in text "
           "order that is not unverifiable): accuracy **{:.3f}** ({}/{})\n",
      passage_accuracy, passages_right, set->size());
  put(out, "\n| expected verdict | right | claims |\n|---|---|---|\n");
  for (const auto& [k, v] : s.by_verdict) put(out, "| {} | {} | {} |\n", k, v.first, v.second);
  put(out, "\n| kind | right | claims |\n|---|---|---|\n");
  for (const auto& [k, v] : s.by_kind) put(out, "| {} | {} | {} |\n", k, v.first, v.second);
  if (recall)
    put(out, "\nClaim extraction on the gold articles' figure sentences ({} `quantity` sentences with a production, reserve, "
             "capacity, share or price figure): recall **{:.3f}** ({}/{})\n",
        recall->sentences, recall->recall(), recall->found, recall->sentences);
  if (!req.misses) return;
  if (!s.misses.empty()) {
    put(out, "\nClaims misses (expected -> assay):\n\n");
    for (const auto& m : s.misses)
      put(out, "- {}: {} -> {} ({})\n", m.id, verify::verdict_name(m.expected), verify::verdict_name(m.got), m.why);
  }
  if (recall && !recall->missed.empty()) {
    put(out, "\nFigure sentences without a claim:\n\n");
    for (const auto& m : recall->missed) put(out, "- {}\n", m);
  }
}

// The ranking calibration set: pairwise agreement of reporting quality and
// of the old credibility score with an editor's ordering, per half.
void score_ranking(const analysis::Analyzer& a, const EvalRequest& req, const WriteFn& out, nlohmann::ordered_json& json,
                   base::Errors& errors) {
  fs::path dir = req.ranking_dir;
  fs::path file = dir / "pairs.jsonl";
  auto bytes = read_input({file.string()});
  if (!bytes) {
    errors.add(base::Error::not_found("no ranking pairs here: name the folder that holds pairs.jsonl with --ranking DIR",
                                      {.file = file.string()}));
    return;
  }
  auto pairs = eval::parse_ranking_pairs(*bytes, file.string());
  if (!pairs) {
    errors.add(pairs.error());
    return;
  }
  std::map<std::string, text::Document> docs;
  auto load = [&](const std::string& ref) {
    if (docs.count(ref)) return;
    if (ref.starts_with("gold:")) {
      fs::path f = fs::path(req.shared) / "eval" / "articles" / (ref.substr(5) + ".json");
      auto gold_bytes = read_input({f.string()});
      if (!gold_bytes) return errors.add(gold_bytes.error());
      auto g = eval::parse_gold_article(*gold_bytes, f.string());
      if (!g) return errors.add(g.error());
      text::Document d;
      d.id = g->id;
      d.title = g->title;
      d.text = g->text;
      docs.emplace(ref, std::move(d));
      return;
    }
    auto r = read_documents({(dir / ref).string()}, "");
    if (!r) return errors.add(r.error());
    if (r->documents.size() != 1)
      return errors.add(base::Error::invalid("a ranking article must be one document", {.file = (dir / ref).string()}));
    docs.emplace(ref, std::move(r->documents.front()));
  };
  for (const auto& p : *pairs) {
    load(p.better);
    load(p.worse);
  }
  auto r = eval::evaluate_ranking(a, *pairs, docs);
  auto& j = json["ranking"];
  j["pairs"] = r.results.size();
  for (const char* h : {"open", "sealed", "all"}) {
    const eval::RankingHalf& half = r.halves[h];
    j[h] = {{"pairs", half.pairs},
            {"reporting_agreement", half.agreement(half.reporting)},
            {"credibility_agreement", half.agreement(half.credibility)}};
  }
  if (req.json) return;
  put(out, "Ranking ({} pairs, {}): share of pairs in the editor's order (a tie is a miss)\n\n", r.results.size(),
      dir.string());
  put(out, "| half | pairs | reporting quality | credibility (old score) |\n|---|---|---|---|\n");
  for (const char* h : {"open", "sealed", "all"}) {
    const eval::RankingHalf& half = r.halves[h];
    put(out, "| {} | {} | **{:.3f}** | {:.3f} |\n", h, half.pairs, half.agreement(half.reporting),
        half.agreement(half.credibility));
  }
  out("\n");
  if (req.misses)
    for (const auto& m : r.results)
      if (!m.reporting_agrees())
        put(out, "MISS {} {}: reporting {} vs {} (credibility {} vs {}; claim {} vs {}) | {}\n", m.pair->half, m.pair->id,
            m.better.reporting, m.worse.reporting, m.better.credibility, m.worse.credibility, m.better.claim_level,
            m.worse.claim_level, m.pair->reason);
}

std::string read_or_empty(const fs::path& p, base::Errors& errors) {
  auto r = read_input({p.string()});
  if (!r) {
    errors.add(r.error());
    return {};
  }
  return std::move(*r);
}

// The paths that `pattern` matches (glob(3)), sorted; none when it matches
// nothing or cannot be read.
std::vector<std::string> glob_paths(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0)
    for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  ::globfree(&g);
  return out;
}

}  // namespace

base::Result<std::vector<std::string>> gold_article_files(const std::string& shared,
                                                          const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  for (const auto& pattern : patterns) {
    std::string full = pattern.find('/') == std::string::npos
                           ? (fs::path(shared) / "eval" / "articles" / pattern).string()
                           : pattern;
    std::size_t before = files.size();
    std::error_code ec;
    for (auto& p : glob_paths(full))
      if (fs::path(p).extension() == ".json" && fs::is_regular_file(p, ec)) files.push_back(std::move(p));
    if (files.size() == before)
      return base::fail(base::Error::not_found(
          fmt::format("--articles '{}' matches no gold article (*.json){}", pattern,
                      full == pattern ? "" : fmt::format(" in {}", (fs::path(shared) / "eval" / "articles").string())),
          {}));
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::expected<RunOutcome, base::Errors> evaluate(const Engine& engine, const EvalRequest& request,
                                                             const WriteFn& out) {
  auto analyzer = engine.analyzer();
  if (!analyzer) return std::unexpected(analyzer.error());
  RunOutcome outcome;
  const analysis::Analyzer& a = **analyzer;
  nlohmann::ordered_json json;
  // The genre and ranking sets live in the source tree, not in the shared
  // folder: they are scored only when named and need no shared folder.
  auto named = [&](std::string_view set) { return std::find(request.sets.begin(), request.sets.end(), set) != request.sets.end(); };
  bool genre = named("genre");
  bool ranking = named("ranking");
  bool claims = named("claims");
  bool fnc1 = named("fnc1");
  bool stories = named("stories");
  bool shared_sets = std::any_of(request.sets.begin(), request.sets.end(), [](const std::string& s) {
    return s != "ranking" && s != "genre" && s != "claims" && s != "stories";
  });
  if (auto missing = missing_shared_folder(request.shared); missing && shared_sets) {
    outcome.errors.add(*missing);
    return outcome;
  }
  // One progress step per set scored.
  std::uint64_t steps = 0, done = 0;
  for (const char* set : {"gold", "conll", "polnear", "babe", "claimbuster", "extraction"}) steps += wants(request, set);
  steps += ranking;
  steps += genre;
  steps += claims;
  steps += fnc1;
  steps += stories;
  base::Progress bar(request.progress, steps, "sets");
  auto step = [&](std::string_view name) { bar.update(done++, fmt::format("scoring {}", name)); };
  if (wants(request, "gold")) {
    step("gold");
    score_gold(a, request, out, json, outcome.errors);
  }
  score_public_sets(a, request, out, json, outcome.errors, step);
  if (wants(request, "extraction")) {
    step("extraction");
    score_extraction(request, out, json, outcome.errors);
  }
  if (genre) {
    step("genre");
    score_genre(a, request, out, json, outcome.errors);
  }
  if (ranking) {
    step("ranking");
    score_ranking(a, request, out, json, outcome.errors);
  }
  if (claims) {
    step("claims");
    score_claims(engine, request, out, json, outcome.errors);
  }
  if (fnc1) {
    step("fnc1");
    score_fnc1(request, out, json, outcome.errors);
  }
  if (stories) {
    step("stories");
    score_stories(engine, request, out, json, outcome.errors);
  }
  bar.update(done);
  bar.finish();
  if (request.json) out(json.dump(2) + "\n");
  return outcome;
}

std::expected<RunOutcome, base::Errors> train(std::shared_ptr<const base::DataSource> data,
                                                          const TrainRequest& request, const WriteFn& out) {
  // The rules alone: the models are what is being trained.
  Engine engine(std::move(data), {.models = false, .impact = false});
  auto rules = engine.analyzer();
  if (!rules) return std::unexpected(rules.error());
  RunOutcome outcome;
  if (auto missing = missing_shared_folder(request.shared)) {
    outcome.errors.add(*missing);
    return outcome;
  }
  bool want_stance = request.models.empty() ||
                     std::find(request.models.begin(), request.models.end(), "stance") != request.models.end();
  if (want_stance && request.models.size() == 1) {  // the stance model alone needs no rules nor the other sets
    train_stance_file(request, out, outcome);
    if (outcome.errors.empty()) put(out, "\nmodels written to {}; rebuild to embed them\n", request.out_dir);
    return outcome;
  }
  eval::TrainingData td;
  std::error_code ec;
  fs::path shared = request.shared;
  for (const auto& f : json_files(shared / "eval" / "articles", ec)) {
    auto g = eval::parse_gold_article(read_or_empty(f, outcome.errors), f);
    if (g) td.gold.push_back(std::move(*g));
    else outcome.errors.add(g.error());
  }
  fs::path pub = shared / "eval" / "public";
  td.conll = read_or_empty(pub / "conll2010-wiki.dev.jsonl", outcome.errors);
  td.babe = read_or_empty(pub / "babe.dev.jsonl", outcome.errors);
  td.polnear_train = read_or_empty(pub / "polnear.train.jsonl", outcome.errors);
  td.claimbuster = read_or_empty(pub / "claimbuster.train.jsonl", outcome.errors);
  if (!outcome.errors.empty()) return outcome;
  auto sets = eval::build_training_sets(**rules, td);
  fs::create_directories(request.out_dir, ec);
  put(out, "| model | target | examples | rules alone | rules + model (in sample) | rules + model ({}-fold CV) | threshold | features |\n",
      request.folds);
  put(out, "|---|---|---|---|---|---|---|---|\n");
  auto wanted = [&](const auto& set) {
    return request.models.empty() || std::find(request.models.begin(), request.models.end(), set.model) != request.models.end();
  };
  base::Progress bar(request.progress, static_cast<std::uint64_t>(std::count_if(sets.begin(), sets.end(), wanted)), "models");
  std::uint64_t done = 0;
  for (const auto& set : sets) {
    if (!wanted(set)) continue;
    bar.update(done++, fmt::format("training {}", set.model));
    analysis::TrainOptions options = set.options;
    if (request.train.epochs) options.epochs = *request.train.epochs;
    if (request.train.learning_rate) options.learning_rate = *request.train.learning_rate;
    if (request.train.l2) options.l2 = *request.train.l2;
    if (request.train.max_features) options.max_features = *request.train.max_features;
    auto t = eval::train_model(set, request.folds, options);
    fs::path path = fs::path(request.out_dir) / (set.model + ".tsv");
    if (auto st = write_file(path.string(), t.model.to_tsv(), IfExists::kOverwrite); !st) {
      outcome.errors.add(st.error());
      return outcome;
    }
    put(out, "| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.2f} | {} |\n", set.model, analysis::model_target_name(set.target),
        t.examples, t.rules_macro_f1, t.train_macro_f1, t.cv_macro_f1, t.model.threshold(), t.model.weights().size());
  }
  bar.update(done);
  bar.finish();
  if (want_stance) train_stance_file(request, out, outcome);
  put(out, "\nmodels written to {}; rebuild to embed them\n", request.out_dir);
  return outcome;
}

}  // namespace assay::app
