// app/stories: see stories.h.
#include "assay/app/stories.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "assay/analysis/schema.h"
#include "assay/base/strings.h"
#include "assay/report/story.h"
#include "assay/text/reader.h"

namespace assay::app {

namespace fs = std::filesystem;

base::Result<StoryPlacer> StoryPlacer::open(store::Store& db) {
  auto c = ASSAY_TRY(corpus::Clusterer::load(db.stories()));
  StoryPlacer p(db, std::move(c));
  const std::size_t documents = ASSAY_TRY(db.count_documents());
  if (documents > p.placed()) {
    // Analyses stored before stories existed: placed in publication order.
    std::set<std::string> keys;
    ASSAY_TRY_VOID(db.stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) { keys.insert(f.key); }));
    base::Status bad;
    ASSAY_TRY_VOID(db.each_analysis({}, [&](const store::DocumentInfo& d, const store::Analysis& a) {
      if (keys.contains(d.key)) return true;
      auto parsed = analysis::read_analysis(a.json);
      if (!parsed) {
        bad = base::fail(base::Error::invalid(fmt::format("the stored analysis of {} does not read: {}", d.id, parsed.error().message()),
                                              {.file = db.path()}));
        return false;
      }
      p.add(corpus::facts_of(*parsed, d.key));
      return true;
    }));
    if (!bad) return base::fail(bad.error());
    ASSAY_TRY_VOID(p.place());
  }
  return p;
}

base::Status StoryPlacer::place() {
  if (pending_.empty()) return {};
  if (stale_) {
    clusterer_ = ASSAY_TRY(corpus::Clusterer::load(db_->stories()));
    stale_ = false;
  }
  std::vector<corpus::ArticleFacts> batch;
  batch.swap(pending_);
  auto st = db_->stories().transaction([&]() -> base::Status {
    for (auto& f : batch) ASSAY_TRY_VOID(clusterer_.place(std::move(f)));
    return {};
  });
  // The transaction rolled back (or will, when it is the caller's): the
  // clusterer must not keep what the store lost.
  if (!st) stale_ = true;
  return st;
}

base::Result<std::vector<corpus::Story>> list_stories(store::Store& db, const corpus::StoryQuery& q) {
  return db.stories().stories(q);
}

namespace {

// The stored analysis of a document key, read back; an empty analysis when
// the document is gone.
analysis::DocumentAnalysis analysis_of(store::Store& db, const std::string& key, base::Errors& errors) {
  analysis::DocumentAnalysis out;
  auto st = db.each_analysis({.key = key}, [&](const store::DocumentInfo& d, const store::Analysis& a) {
    if (d.key != key) return true;
    auto parsed = analysis::read_analysis(a.json);
    if (parsed) out = std::move(*parsed);
    else errors.add(parsed.error());
    return false;
  });
  if (!st) errors.add(st.error());
  return out;
}

}  // namespace

base::Result<StoryReport> story_report(store::Store& db, std::int64_t id) {
  auto s = ASSAY_TRY(db.stories().story(id));
  if (!s || s->members.empty())
    return base::fail(base::Error::not_found(fmt::format("no story {} (assay stories lists them)", id), {.file = db.path()}));
  StoryReport r;
  r.story = std::move(*s);
  base::Errors errors;
  std::vector<analysis::DocumentAnalysis> versions, background;
  for (const auto& m : r.story.members) versions.push_back(analysis_of(db, m.key, errors));
  for (const auto& b : r.story.background) background.push_back(analysis_of(db, b.key, errors));
  if (!errors.empty()) return base::fail(errors.front());
  r.comparison = corpus::compare_versions(r.story, versions, background);
  r.history = ASSAY_TRY(db.stories().history(id));
  return r;
}

std::string render_story(const StoryReport& r, report::OutputFormat format) {
  return report::render_story(r.story, r.comparison, r.history, format);
}

std::string render_stories(const std::vector<corpus::Story>& stories, report::OutputFormat format) {
  return report::render_stories(stories, format);
}

base::Result<StoryEval> evaluate_stories(const Engine& engine, const StoryEvalOptions& options) {
  // Read: articles.jsonl, records with their gold story and role.
  std::vector<fs::path> files = {fs::path(options.dir) / "articles.jsonl"};
  std::error_code ec;
  if (!fs::exists(files[0], ec))
    return base::fail(base::Error::not_found("no story set here (articles.jsonl: articles with `story` and `role`)", {.file = options.dir}));
  struct Gold {
    std::string story, role;
  };
  std::vector<text::Document> docs;
  std::vector<Gold> gold;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    auto read = text::read_documents(bytes, {.name = f.string(), .format = text::Format::kJsonLines});
    if (!read) return base::fail(read.error());
    if (!read->errors.empty()) return base::fail(read->errors.front());
    std::istringstream lines(bytes);
    std::string line;
    std::size_t i = 0;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("story") || !j.contains("role"))
        return base::fail(base::Error::invalid(fmt::format("record {} lacks `story` or `role`", i + 1), {.file = f.string()}));
      gold.push_back({j["story"].get<std::string>(), j["role"].get<std::string>()});
      ++i;
    }
    if (i != read->documents.size())
      return base::fail(base::Error::invalid("records and documents do not match", {.file = f.string()}));
    for (auto& d : read->documents) docs.push_back(std::move(d));
  }
  // Analyse (in parallel), then place in order of publication as a feed would bring them.
  std::vector<corpus::ArticleFacts> facts(docs.size());
  std::atomic<std::size_t> next{0};
  const int jobs = std::max(1, options.jobs);
  auto work = [&] {
    auto scratch = engine.new_scratch();
    for (std::size_t i; (i = next++) < docs.size();) {
      Article a = engine.analyze(docs[i], scratch);
      facts[i] = corpus::facts_of(a.analysis, docs[i].id);
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < jobs; ++w) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  std::vector<std::size_t> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return docs[a].published < docs[b].published; });
  corpus::Clusterer c;
  std::vector<std::int64_t> predicted(docs.size());
  for (auto i : order) {
    auto p = ASSAY_TRY(c.place(facts[i]));
    predicted[i] = p.story;
  }
  StoryEval e;
  e.articles = docs.size();
  std::map<std::string, std::vector<std::size_t>> gold_members;
  std::map<std::int64_t, std::vector<std::size_t>> pred_members;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    gold_members[gold[i].story].push_back(i);
    pred_members[predicted[i]].push_back(i);
  }
  e.stories = gold_members.size();
  e.predicted = pred_members.size();
  // Pairwise.
  double tp = 0, gold_pairs = 0, pred_pairs = 0;
  for (auto& [g, v] : gold_members) gold_pairs += static_cast<double>(v.size()) * (static_cast<double>(v.size()) - 1) / 2;
  for (auto& [p, v] : pred_members) {
    pred_pairs += static_cast<double>(v.size()) * (static_cast<double>(v.size()) - 1) / 2;
    for (std::size_t a = 0; a < v.size(); ++a)
      for (std::size_t b = a + 1; b < v.size(); ++b) tp += gold[v[a]].story == gold[v[b]].story;
  }
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; };
  e.pairwise_precision = pred_pairs > 0 ? tp / pred_pairs : 1;
  e.pairwise_recall = gold_pairs > 0 ? tp / gold_pairs : 1;
  e.pairwise_f1 = f1(e.pairwise_precision, e.pairwise_recall);
  // B-cubed.
  double bp = 0, br = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& pv = pred_members[predicted[i]];
    const auto& gv = gold_members[gold[i].story];
    double common = 0;
    for (auto j : pv) common += gold[j].story == gold[i].story;
    bp += common / static_cast<double>(pv.size());
    br += common / static_cast<double>(gv.size());
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, docs.size()));
  e.bcubed_precision = bp / n;
  e.bcubed_recall = br / n;
  e.bcubed_f1 = f1(e.bcubed_precision, e.bcubed_recall);
  // Origins and roles: each gold story judged in the predicted story that
  // holds its origin (its largest share when the origin is elsewhere).
  std::map<std::string, int> confusion;
  for (auto& [g, v] : gold_members) {
    std::size_t origin = v.front();
    for (auto i : v)
      if (gold[i].role == "origin") origin = i;
    auto story = ASSAY_TRY(c.story(predicted[origin]));
    if (!story) continue;
    const std::string& okey = facts[origin].key;
    if (story->origin_key == okey) ++e.origins_found;
    else
      e.merges.push_back(fmt::format("origin missed: {} \"{}\" ({}) is the origin; found story {} names {} ({})", docs[origin].id,
                                     docs[origin].title, docs[origin].outlet, predicted[origin],
                                     story->origin_key.empty() ? "no member" : story->origin_key, story->origin_why));
    std::map<std::string, corpus::Role> role_of;
    for (const auto& m : story->members) role_of[m.key] = m.role;
    for (auto i : v) {
      ++e.roles_scored;
      auto it = role_of.find(facts[i].key);
      std::string got = it == role_of.end() ? "elsewhere" : corpus::role_name(it->second);
      if (got == "elsewhere") e.merges.push_back(fmt::format("split off: {} \"{}\" ({}) is in found story {}, its origin in {}", docs[i].id, docs[i].title, gold[i].role, predicted[i], predicted[origin]));
      if (got == gold[i].role) ++e.roles_right;
      else ++confusion[gold[i].role + "->" + got];
    }
  }
  for (auto& [k, v] : confusion) e.confusions.push_back(fmt::format("{} {}", k, v));
  for (auto& [p, v] : pred_members) {
    std::map<std::string, std::vector<std::string>> golds;
    for (auto i : v) golds[gold[i].story].push_back(fmt::format("{} \"{}\"", docs[i].id, docs[i].title));
    if (golds.size() < 2) continue;
    std::string m = fmt::format("merged: found story {} holds", p);
    for (auto& [g, items] : golds) m += fmt::format(" [{}: {}]", g, base::join(items, "; "));
    e.merges.push_back(std::move(m));
  }
  return e;
}

std::string render_story_eval(const StoryEval& e, std::string_view name, bool json, bool misses) {
  const double roles = e.roles_scored ? static_cast<double>(e.roles_right) / static_cast<double>(e.roles_scored) : 0;
  if (json) {
    nlohmann::ordered_json j;
    j["set"] = name;
    j["articles"] = e.articles;
    j["stories"] = e.stories;
    j["predicted_stories"] = e.predicted;
    j["pairwise"] = {{"precision", e.pairwise_precision}, {"recall", e.pairwise_recall}, {"f1", e.pairwise_f1}};
    j["bcubed"] = {{"precision", e.bcubed_precision}, {"recall", e.bcubed_recall}, {"f1", e.bcubed_f1}};
    j["origins_found"] = e.origins_found;
    j["roles"] = {{"right", e.roles_right}, {"scored", e.roles_scored}, {"accuracy", roles}, {"confusions", e.confusions}};
    return j.dump(2) + "\n";
  }
  std::string out = fmt::format("Story set {}: {} articles, {} stories ({} found)\n", name, e.articles, e.stories, e.predicted);
  out += fmt::format("  pairwise  P {:.3f}  R {:.3f}  F1 {:.3f}\n", e.pairwise_precision, e.pairwise_recall, e.pairwise_f1);
  out += fmt::format("  B-cubed   P {:.3f}  R {:.3f}  F1 {:.3f}\n", e.bcubed_precision, e.bcubed_recall, e.bcubed_f1);
  out += fmt::format("  origin found for {} of {} stories\n", e.origins_found, e.stories);
  out += fmt::format("  roles     {} of {} right ({:.3f})\n", e.roles_right, e.roles_scored, roles);
  if (misses)
    for (const auto& m : e.merges) out += "  miss: " + m + "\n";
  if (!e.confusions.empty()) {
    out += "  role errors (gold->found):";
    for (const auto& c : e.confusions) out += " " + c + ";";
    out.pop_back();
    out += "\n";
  }
  return out;
}

}  // namespace assay::app
