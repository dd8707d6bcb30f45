// Renderers: Markdown (terminal default), JSON (versioned schema) and one
// self-contained HTML page.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "assay/base/strings.h"
#include "assay/report/critique.h"

namespace assay::report {

using analysis::DocumentAnalysis;
using analysis::Label;
using nlohmann::ordered_json;

namespace {

const char* kBold = "\x1b[1m";
const char* kDim = "\x1b[2m";
const char* kReset = "\x1b[0m";
const char* kCyan = "\x1b[36m";

std::string section_color(const std::string& id) {
  if (id == "holds_true") return "\x1b[32m";
  if (id == "shadows") return "\x1b[33m";
  if (id == "bias") return "\x1b[35m";
  if (id == "supply_chain") return "\x1b[34m";
  return "\x1b[1m";
}

}  // namespace

std::string render_markdown(const DocumentAnalysis& a, const Critique& c, const MarkdownOptions& o) {
  std::string out;
  const auto& d = a.document;
  auto b = [&](const char* code) { return o.color ? std::string(code) : std::string(); };
  out += fmt::format("{}# {}{}\n\n", b(kBold), d.title.empty() ? d.id : d.title, b(kReset));
  std::vector<std::string> meta;
  if (!d.outlet.empty()) meta.push_back(d.outlet);
  if (!d.author.empty()) meta.push_back("by " + d.author);
  if (!d.published.empty()) meta.push_back(d.published);
  if (!d.source.empty()) meta.push_back(d.source);
  if (!meta.empty()) out += fmt::format("{}{}{}\n\n", b(kDim), fmt::join(meta, " · "), b(kReset));
  for (const auto& s : c.sections) {
    out += fmt::format("{}## {}{}\n\n", o.color ? section_color(s.id) : "", s.title, b(kReset));
    for (const auto& p : s.points) {
      out += fmt::format("- {}\n", p.text);
      for (const auto& e : p.evidence) {
        if (e.fragment.empty() || e.cue == "lead") continue;
        if (e.cue == "kb") {
          out += fmt::format("  - {}source:{} {}\n", b(kDim), b(kReset), e.fragment);
          continue;
        }
        std::string where = e.sentence >= 0 ? fmt::format("s{}", e.sentence + 1) : "headline";
        std::string cue = e.cue.empty() ? "" : fmt::format(" [{}]", e.cue);
        out += fmt::format("  - {}\u201c{}\u201d{} ({}{}){}\n", b(kCyan), e.fragment, b(kReset), where, cue, "");
      }
    }
    out += "\n";
  }
  return out;
}

std::string render_json(const DocumentAnalysis& a, const Critique& c, int indent) {
  ordered_json j;
  const auto& d = a.document;
  j["schema"] = kSchemaVersion;
  j["document"] = {{"id", d.id},         {"source", d.source},       {"url", d.url},     {"outlet", d.outlet},
                   {"published", d.published}, {"title", d.title},  {"author", d.author}, {"format", text::format_name(d.format)},
                   {"bytes", d.text.size()},   {"warnings", d.warnings}};
  ordered_json sentences = ordered_json::array();
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    ordered_json sj;
    sj["index"] = i;
    sj["span"] = {s.span.begin, s.span.end};
    sj["paragraph"] = s.paragraph;
    sj["text"] = std::string(s.span.of(d.text));
    ordered_json labels = ordered_json::array();
    for (Label l : s.labels.labels()) labels.push_back(analysis::label_name(l));
    sj["labels"] = labels;
    ordered_json ev = ordered_json::array();
    for (const auto& e : s.evidence)
      ev.push_back({{"label", analysis::label_name(e.label)},
                    {"span", {e.span.begin, e.span.end}},
                    {"text", std::string(e.span.of(d.text))},
                    {"cue", e.cue},
                    {"note", e.note}});
    sj["evidence"] = ev;
    ordered_json attrs = ordered_json::array();
    for (const auto& at : s.attributions) {
      static const char* kKinds[] = {"named", "anonymous", "media"};
      attrs.push_back({{"kind", kKinds[static_cast<int>(at.kind)]},
                       {"source", std::string(at.source.of(d.text))},
                       {"source_span", {at.source.begin, at.source.end}},
                       {"cue", std::string(at.cue.of(d.text))},
                       {"cue_span", {at.cue.begin, at.cue.end}}});
    }
    sj["attributions"] = attrs;
    sj["quantities"] = s.quantities;
    sj["claim"] = s.claim;
    sentences.push_back(std::move(sj));
  }
  j["sentences"] = std::move(sentences);
  ordered_json qs = ordered_json::array();
  for (const auto& q : a.quantities)
    qs.push_back({{"span", {q.span.begin, q.span.end}},
                  {"text", std::string(q.span.of(d.text))},
                  {"value", q.value},
                  {"value_high", q.value_high},
                  {"unit", q.unit},
                  {"measure", analysis::measure_name(q.measure)},
                  {"bound", analysis::bound_name(q.bound)},
                  {"head", q.head},
                  {"material", q.material},
                  {"source_count", q.source_count}});
  j["quantities"] = std::move(qs);
  const auto& as = a.assessment;
  auto names = [](const std::vector<analysis::Stakeholder>& v) {
    std::vector<std::string> out;
    for (auto s : v) out.push_back(analysis::stakeholder_name(s));
    return out;
  };
  const auto& p = as.sourcing;
  ordered_json assessment;
  assessment["sourcing"] = {{"sentences", p.sentences},
                            {"named", p.named},
                            {"anonymous", p.anonymous},
                            {"media", p.media},
                            {"official_confirmations", p.official_confirmations},
                            {"non_confirmations", p.non_confirmations},
                            {"hedged", p.hedged},
                            {"vague", p.vague},
                            {"intent", p.intent},
                            {"opinion", p.opinion},
                            {"promo", p.promo},
                            {"quantity", p.quantity},
                            {"forecast", p.forecast}};
  assessment["named_speakers"] = as.named_speakers;
  assessment["stakeholders_quoted"] = names(as.stakeholders_quoted);
  assessment["stakeholders_expected"] = names(as.stakeholders_expected);
  assessment["missing_voices"] = names(as.missing_voices);
  assessment["origin"] = as.origin.empty() ? ordered_json(nullptr) : ordered_json(as.origin);
  assessment["outlet_type"] = as.outlet_type;
  ordered_json framing = ordered_json::array();
  for (const auto& f : as.framing)
    framing.push_back({{"kind", f.kind}, {"text", f.text}, {"span", {f.span.begin, f.span.end}}, {"sentence", f.sentence},
                       {"in_headline", f.in_headline}});
  assessment["framing"] = std::move(framing);
  assessment["promotional_interest"] = as.promotional_interest;
  ordered_json comps = ordered_json::array();
  for (const auto& comp : as.credibility.components)
    comps.push_back({{"name", comp.name}, {"points", comp.points}, {"why", comp.why}});
  assessment["credibility"] = {{"score", as.credibility.score}, {"components", comps}};
  j["assessment"] = std::move(assessment);
  ordered_json mentions;
  mentions["countries"] = a.mentions.countries;
  mentions["elements"] = a.mentions.elements;
  mentions["stages"] = a.mentions.stages;
  mentions["organisations"] = a.mentions.organisations;
  j["mentions"] = std::move(mentions);
  j["entities"] = a.entities;
  ordered_json events = ordered_json::array();
  for (const auto& e : a.events)
    events.push_back({{"type", e.type}, {"stage", e.stage}, {"country", e.country.empty() ? ordered_json(nullptr) : ordered_json(e.country)},
                      {"status", e.status}, {"actors", e.actors}, {"sentence", e.sentence}});
  j["events"] = std::move(events);
  ordered_json links = ordered_json::array();
  for (const auto& l : a.kb_links) {
    ordered_json facts = ordered_json::array();
    for (const auto& f : l.facts)
      facts.push_back({{"text", f.text}, {"source", f.source}, {"confidence", f.confidence}, {"row", f.file}});
    links.push_back({{"name", l.name}, {"kind", l.kind}, {"id", l.id}, {"canonical", l.canonical}, {"sentence", l.sentence},
                     {"facts", facts}});
  }
  j["kb_links"] = std::move(links);
  ordered_json crit;
  crit["verdict"] = c.verdict;
  ordered_json secs = ordered_json::array();
  for (const auto& s : c.sections) {
    ordered_json pts = ordered_json::array();
    for (const auto& pt : s.points) {
      ordered_json ev = ordered_json::array();
      for (const auto& e : pt.evidence)
        ev.push_back({{"sentence", e.sentence < 0 ? ordered_json(nullptr) : ordered_json(e.sentence)},
                      {"span", {e.span.begin, e.span.end}},
                      {"fragment", e.fragment},
                      {"cue", e.cue},
                      {"label", e.label.empty() ? ordered_json(nullptr) : ordered_json(e.label)}});
      pts.push_back({{"text", pt.text}, {"evidence", ev}});
    }
    secs.push_back({{"id", s.id}, {"title", s.title}, {"points", pts}});
  }
  crit["sections"] = std::move(secs);
  j["critique"] = std::move(crit);
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace assay::report
