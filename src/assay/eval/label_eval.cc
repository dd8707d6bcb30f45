#include "assay/eval/label_eval.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "assay/base/strings.h"
#include "assay/eval/jsonl.h"
#include "assay/text/reader.h"

namespace assay::eval {

using analysis::Label;
using nlohmann::json;

double Counts::macro_f1() const {
  Counts neg{tn, fn, fp, tp};  // the negative class: its tp is our tn, ...
  return (f1() + neg.f1()) / 2;
}

void Counts::add(bool predicted, bool gold) {
  if (predicted && gold) ++tp;
  else if (predicted) ++fp;
  else if (gold) ++fn;
  else ++tn;
}

namespace {

std::vector<std::string> string_list(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array())
    for (const auto& v : j[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

void score_sets(const std::vector<std::string>& pred, const std::vector<std::string>& gold, Counts& c) {
  std::set<std::string> p(pred.begin(), pred.end()), g(gold.begin(), gold.end());
  for (const auto& x : p) c.add(true, g.count(x) > 0);
  for (const auto& x : g)
    if (!p.count(x)) c.add(false, true);
}

// Entities are compared by key (Analyzer::entity_keys, docs/EVALUATION.md):
// "Chinese" matches "China", "Lynas" matches "Lynas Rare Earths".
std::vector<std::string> entity_keys(const analysis::Analyzer& a, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names)
    for (auto& k : a.entity_keys(n)) out.push_back(std::move(k));
  return out;
}

analysis::DocumentAnalysis analyze_text(const analysis::Analyzer& a, std::string_view text, analysis::Analyzer::Scratch& s) {
  text::Document d;
  d.text = std::string(text);
  return a.analyze(d, s);
}

bool any_label(const analysis::DocumentAnalysis& d, std::initializer_list<Label> labels) {
  for (const auto& s : d.sentences)
    for (Label l : labels)
      if (s.labels.has(l)) return true;
  return false;
}

}  // namespace

base::Result<GoldArticle> parse_gold_article(std::string_view bytes, std::string_view name) {
  json j = json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return base::fail(base::Error::invalid("not a JSON object", {.file = std::string(name)}));
  GoldArticle a;
  a.id = json_string(j, "id");
  a.outlet = json_string(j, "outlet");
  a.outlet_type = json_string(j, "outlet_type");
  a.title = json_string(j, "title");
  a.text = json_string(j, "text");
  a.origin = j.contains("origin") && j["origin"].is_string() ? j["origin"].get<std::string>() : "";
  if (a.text.empty()) return base::fail(base::Error::invalid("missing \"text\"", {.file = std::string(name), .field = "/text"}));
  if (!j.contains("sentences") || !j["sentences"].is_array())
    return base::fail(base::Error::invalid("missing \"sentences\" array", {.file = std::string(name), .field = "/sentences"}));
  for (const auto& s : j["sentences"]) a.sentences.push_back({json_string(s, "text"), string_list(s, "labels")});
  a.stakeholders_quoted = string_list(j, "stakeholders_quoted");
  a.stakeholders_expected = string_list(j, "stakeholders_expected");
  a.missing_voices = string_list(j, "missing_voices");
  a.entities = string_list(j, "entities");
  if (j.contains("events") && j["events"].is_array())
    for (const auto& e : j["events"])
      if (e.is_object()) a.events.push_back({json_string(e, "type"), json_string(e, "status")});
  return a;
}

GoldReport evaluate_gold(const analysis::Analyzer& analyzer, const std::vector<GoldArticle>& articles) {
  GoldReport r;
  auto scratch = analyzer.new_scratch();
  for (const auto& g : articles) {
    ++r.articles;
    text::Document doc;
    doc.id = g.id;
    doc.outlet = g.outlet;
    doc.title = g.title;
    doc.text = g.text;
    auto a = analyzer.analyze(doc, scratch);
    // Gold spans: each sentence is an exact substring, in order.
    std::vector<base::Span> gold_spans;
    std::size_t from = 0;
    for (const auto& s : g.sentences) {
      std::size_t at = g.text.find(s.text, from);
      if (at == std::string::npos) at = g.text.find(s.text);
      if (at == std::string::npos) {
        gold_spans.push_back({0, 0});
        continue;
      }
      gold_spans.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + s.text.size())});
      from = at + s.text.size();
    }
    std::set<std::pair<std::uint32_t, std::uint32_t>> pred_set, gold_set;
    for (const auto& s : a.sentences) pred_set.insert({s.span.begin, s.span.end});
    for (const auto& s : gold_spans) gold_set.insert({s.begin, s.end});
    for (const auto& p : pred_set) r.boundaries.add(true, gold_set.count(p) > 0);
    for (const auto& gs : gold_set)
      if (!pred_set.count(gs)) r.boundaries.add(false, true);
    // Labels: a gold sentence gets the union of the labels of the predicted
    // sentences that overlap it most (so a boundary error costs little).
    for (std::size_t i = 0; i < g.sentences.size(); ++i) {
      analysis::LabelSet pred;
      for (const auto& s : a.sentences) {
        if (!s.span.overlaps(gold_spans[i])) continue;
        std::uint32_t ov = std::min(s.span.end, gold_spans[i].end) - std::max(s.span.begin, gold_spans[i].begin);
        if (ov * 2 >= s.span.size() || ov * 2 >= gold_spans[i].size())
          for (Label l : s.labels.labels()) pred.add(l);
      }
      std::set<std::string> gold_labels(g.sentences[i].labels.begin(), g.sentences[i].labels.end());
      bool differs = false;
      for (Label l : analysis::all_labels()) {
        bool p = pred.has(l), gl = gold_labels.count(analysis::label_name(l)) > 0;
        if (!p && !gl) continue;
        r.labels[analysis::label_name(l)].add(p, gl);
        r.micro.add(p, gl);
        differs |= p != gl;
      }
      if (differs) {
        GoldReport::Miss m{g.id, g.sentences[i].text, g.sentences[i].labels, {}};
        for (Label l : pred.labels()) m.predicted.push_back(analysis::label_name(l));
        r.misses.push_back(std::move(m));
      }
    }
    auto names = [](const std::vector<analysis::Stakeholder>& v) {
      std::vector<std::string> out;
      for (auto s : v) out.push_back(analysis::stakeholder_name(s));
      return out;
    };
    score_sets(names(a.assessment.stakeholders_quoted), g.stakeholders_quoted, r.stakeholders_quoted);
    score_sets(names(a.assessment.stakeholders_expected), g.stakeholders_expected, r.stakeholders_expected);
    score_sets(names(a.assessment.missing_voices), g.missing_voices, r.missing_voices);
    score_sets(entity_keys(analyzer, a.entities), entity_keys(analyzer, g.entities), r.entities);
    r.origin_right += base::iequals_ascii(a.assessment.origin, g.origin);
    r.outlet_type_right += a.assessment.outlet_type == g.outlet_type;
    std::vector<std::string> types;
    for (const auto& e : a.events) types.push_back(analysis::event_type_name(e.type));
    std::vector<std::string> gold_types;
    for (const auto& e : g.events) gold_types.push_back(e.type);
    score_sets(types, gold_types, r.events);
    for (const auto& e : a.events) {
      bool matched = false, right = false;
      for (const auto& ge : g.events) {
        if (ge.type != analysis::event_type_name(e.type)) continue;
        matched = true;
        right |= ge.status == analysis::event_status_name(e.status);
      }
      r.event_status_matched += matched;
      r.event_status_right += right;
    }
  }
  return r;
}

BinaryReport evaluate_conll(const analysis::Analyzer& a, std::string_view jsonl) {
  BinaryReport r{"CoNLL-2010 Wikipedia uncertainty", {}, "uncertain = hedge | source.anonymous | vague", {}};
  Counts with_opinion;
  auto s = a.new_scratch();
  int bad = for_each_json_line(jsonl, [&](const json& j) {
    if (!j.contains("uncertain") || !j["uncertain"].is_boolean()) return;
    auto d = analyze_text(a, json_string(j, "text"), s);
    bool gold = j["uncertain"].get<bool>();
    bool p = any_label(d, {Label::kHedge, Label::kSourceAnonymous, Label::kVague});
    r.counts.add(p, gold);
    with_opinion.add(p || any_label(d, {Label::kOpinion}), gold);
  });
  r.extra["macro_f1_with_opinion"] = with_opinion.macro_f1();
  r.extra["bad_records"] = bad;
  return r;
}

BinaryReport evaluate_polnear(const analysis::Analyzer& a, std::string_view jsonl) {
  BinaryReport r{"PolNeAR attribution (sentence level)", {}, "a sentence with an attribution cue carries a source.* label", {}};
  auto s = a.new_scratch();
  int named_total = 0, named_hit = 0;
  int bad = for_each_json_line(jsonl, [&](const json& j) {
    std::string t = json_string(j, "text");
    if (t.empty()) return;
    text::Document doc;
    doc.text = t;
    doc.outlet = json_string(j, "publisher");
    auto d = a.analyze(doc, s);
    // Gold: sentences that contain the cue of some attribution.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cues;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> named_sources;
    if (j.contains("attributions") && j["attributions"].is_array()) {
      for (const auto& at : j["attributions"]) {
        if (at.contains("cue") && at["cue"].is_object() && at["cue"].contains("bytes")) {
          auto b = at["cue"]["bytes"];
          if (b.is_array() && b.size() == 2) cues.push_back({b[0].get<std::uint32_t>(), b[1].get<std::uint32_t>()});
        }
        if (at.contains("source") && at["source"].is_object() && at["source"].contains("bytes") && at["source"].contains("text")) {
          std::string st = at["source"]["text"].get<std::string>();
          // A named source: starts with a capital and is not a pronoun.
          static const std::set<std::string> kPronouns = {"He", "She", "They", "It", "We", "I", "You", "This", "That"};
          if (!st.empty() && base::is_ascii_upper(st[0]) && !kPronouns.count(st)) {
            auto b = at["source"]["bytes"];
            named_sources.push_back({b[0].get<std::uint32_t>(), b[1].get<std::uint32_t>()});
          }
        }
      }
    }
    for (const auto& sent : d.sentences) {
      bool gold = false;
      for (auto [b, e] : cues) gold |= b >= sent.span.begin && e <= sent.span.end;
      bool pred = sent.labels.has(Label::kSourceNamed) || sent.labels.has(Label::kSourceAnonymous) ||
                  sent.labels.has(Label::kSourceMedia);
      r.counts.add(pred, gold);
      for (auto [b, e] : named_sources) {
        if (b >= sent.span.begin && e <= sent.span.end) {
          ++named_total;
          named_hit += sent.labels.has(Label::kSourceNamed);
        }
      }
    }
  });
  r.extra["named_source_share_labelled_named"] = named_total ? static_cast<double>(named_hit) / named_total : 0;
  r.extra["bad_records"] = bad;
  return r;
}

BinaryReport evaluate_babe(const analysis::Analyzer& a, std::string_view jsonl) {
  BinaryReport r{"BABE bias", {}, "biased = opinion", {}};
  auto s = a.new_scratch();
  int words = 0, words_hit = 0;
  int bad = for_each_json_line(jsonl, [&](const json& j) {
    if (!j.contains("biased") || !j["biased"].is_boolean()) return;
    std::string t = json_string(j, "text");
    auto d = analyze_text(a, t, s);
    bool p = any_label(d, {Label::kOpinion});
    r.counts.add(p, j["biased"].get<bool>());
    for (const auto& w : string_list(j, "biased_words")) {
      ++words;
      bool hit = false;
      for (const auto& sent : d.sentences)
        for (const auto& e : sent.evidence)
          if (e.label == Label::kOpinion && base::iequals_ascii(e.span.of(d.document.text), w)) hit = true;
      words_hit += hit;
    }
  });
  r.extra["biased_word_recall"] = words ? static_cast<double>(words_hit) / words : 0;
  r.extra["bad_records"] = bad;
  return r;
}

BinaryReport evaluate_claimbuster(const analysis::Analyzer& a, std::string_view jsonl) {
  BinaryReport r{"ClaimBuster check-worthiness", {}, "check-worthy = a checkable claim (a figure, or the claim model)", {}};
  auto s = a.new_scratch();
  int bad = for_each_json_line(jsonl, [&](const json& j) {
    if (!j.contains("checkworthy") || !j["checkworthy"].is_boolean()) return;
    auto d = analyze_text(a, json_string(j, "text"), s);
    bool p = std::any_of(d.sentences.begin(), d.sentences.end(), [](const auto& x) { return x.claim; });
    r.counts.add(p, j["checkworthy"].get<bool>());
  });
  r.extra["bad_records"] = bad;
  return r;
}

}  // namespace assay::eval
