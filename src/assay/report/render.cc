// Renderers: Markdown (terminal default), JSON (versioned schema) and one
// self-contained HTML page.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "assay/base/strings.h"
#include "assay/report/critique.h"
#include "assay/report/json_writer.h"

namespace assay::report {

using analysis::DocumentAnalysis;
using analysis::Label;

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
        if (e.fragment.empty() || e.kind == EvidenceKind::kLead) continue;
        if (e.kind == EvidenceKind::kKb || e.kind == EvidenceKind::kModel) {
          out += fmt::format("  - {}{}:{} {}\n", b(kDim), e.kind == EvidenceKind::kKb ? "source" : "computed on", b(kReset), e.fragment);
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
  std::string out;
  // About 12 bytes of JSON per byte of text (c10 sample: mean 12, 99th percentile
  // under 12x + 8 KB): one allocation instead of two or three regrowths.
  out.reserve(a.document.text.size() * 12 + 8192);
  JsonWriter w(out, indent >= 0);
  const auto& d = a.document;
  w.begin_object();
  w.field("schema", kSchemaVersion);
  w.key("document");
  w.begin_object();
  w.field("id", d.id);
  w.field("source", d.source);
  w.field("url", d.url);
  w.field("outlet", d.outlet);
  w.field("published", d.published);
  w.field("title", d.title);
  w.field("author", d.author);
  w.field("format", text::format_name(d.format));
  w.field("bytes", d.text.size());
  w.strings("warnings", d.warnings);
  w.end_object();

  w.key("sentences");
  w.begin_array();
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    w.begin_object();
    w.field("index", i);
    w.span("span", s.span.begin, s.span.end);
    w.field("paragraph", s.paragraph);
    w.field("text", s.span.of(d.text));
    w.key("labels");
    w.begin_array();
    for (Label l : s.labels.labels()) w.string(analysis::label_name(l));
    w.end_array();
    w.key("evidence");
    w.begin_array();
    for (const auto& e : s.evidence) {
      w.begin_object();
      w.field("label", analysis::label_name(e.label));
      w.span("span", e.span.begin, e.span.end);
      w.field("text", e.span.of(d.text));
      w.field("cue", e.cue);
      w.field("note", e.note);
      w.end_object();
    }
    w.end_array();
    w.key("attributions");
    w.begin_array();
    for (const auto& at : s.attributions) {
      w.begin_object();
      w.field("kind", analysis::source_kind_name(at.kind));
      w.field("source", at.source.of(d.text));
      w.span("source_span", at.source.begin, at.source.end);
      w.field("cue", at.cue.of(d.text));
      w.span("cue_span", at.cue.begin, at.cue.end);
      w.end_object();
    }
    w.end_array();
    w.key("quantities");
    w.begin_array();
    for (auto qi : s.quantities) w.number(static_cast<std::int64_t>(qi));
    w.end_array();
    w.field("claim", s.claim);
    w.end_object();
  }
  w.end_array();

  w.key("quantities");
  w.begin_array();
  for (const auto& q : a.quantities) {
    w.begin_object();
    w.span("span", q.span.begin, q.span.end);
    w.field("text", q.span.of(d.text));
    w.field("value", q.value);
    w.field("value_high", q.value_high);
    w.field("unit", q.unit);
    w.field("measure", analysis::measure_name(q.measure));
    w.field("bound", analysis::bound_name(q.bound));
    w.field("head", q.head);
    w.field("material", q.material);
    w.field("source_count", q.source_count);
    w.end_object();
  }
  w.end_array();

  const auto& as = a.assessment;
  const auto& p = as.sourcing;
  auto groups = [&](std::string_view k, const std::vector<analysis::Stakeholder>& v) {
    w.key(k);
    w.begin_array();
    for (auto g : v) w.string(analysis::stakeholder_name(g));
    w.end_array();
  };
  w.key("assessment");
  w.begin_object();
  w.key("sourcing");
  w.begin_object();
  w.field("sentences", p.sentences);
  w.field("named", p.named);
  w.field("anonymous", p.anonymous);
  w.field("media", p.media);
  w.field("official_confirmations", p.official_confirmations);
  w.field("non_confirmations", p.non_confirmations);
  w.field("hedged", p.hedged);
  w.field("vague", p.vague);
  w.field("intent", p.intent);
  w.field("opinion", p.opinion);
  w.field("promo", p.promo);
  w.field("quantity", p.quantity);
  w.field("forecast", p.forecast);
  w.end_object();
  w.strings("named_speakers", as.named_speakers);
  groups("stakeholders_quoted", as.stakeholders_quoted);
  groups("stakeholders_expected", as.stakeholders_expected);
  groups("missing_voices", as.missing_voices);
  w.key("origin");
  if (as.origin.empty()) w.null();
  else w.string(as.origin);
  w.field("outlet_type", as.outlet_type);
  w.key("framing");
  w.begin_array();
  for (const auto& f : as.framing) {
    w.begin_object();
    w.field("kind", analysis::framing_kind_name(f.kind));
    w.field("text", f.text);
    w.span("span", f.span.begin, f.span.end);
    w.field("sentence", f.sentence);
    w.field("in_headline", f.in_headline);
    w.end_object();
  }
  w.end_array();
  w.field("promotional_interest", as.promotional_interest);
  w.key("credibility");
  w.begin_object();
  w.field("score", as.credibility.score);
  w.key("components");
  w.begin_array();
  for (const auto& comp : as.credibility.components) {
    w.begin_object();
    w.field("name", comp.name);
    w.field("points", comp.points);
    w.field("why", comp.why);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();

  auto counts = [&](std::string_view k, const std::map<std::string, int>& m) {
    w.key(k);
    w.begin_object();
    for (const auto& [name, n] : m) w.field(name, n);
    w.end_object();
  };
  w.key("mentions");
  w.begin_object();
  counts("countries", a.mentions.countries);
  counts("elements", a.mentions.elements);
  counts("stages", a.mentions.stages);
  counts("organisations", a.mentions.organisations);
  w.end_object();
  w.strings("entities", a.entities);

  w.key("events");
  w.begin_array();
  for (const auto& e : a.events) {
    w.begin_object();
    w.field("type", analysis::event_type_name(e.type));
    w.field("stage", analysis::event_stage_name(e.stage));
    w.key("country");
    if (e.country.empty()) w.null();
    else w.string(e.country);
    w.field("status", analysis::event_status_name(e.status));
    w.strings("actors", e.actors);
    w.field("sentence", e.sentence);
    w.end_object();
  }
  w.end_array();

  w.key("kb_links");
  w.begin_array();
  for (const auto& l : a.kb_links) {
    w.begin_object();
    w.field("name", l.name);
    w.field("kind", kb::entity_kind_name(l.kind));
    w.field("id", l.id);
    w.field("canonical", l.canonical);
    w.field("sentence", l.sentence);
    w.key("facts");
    w.begin_array();
    for (const auto& f : l.facts) {
      w.begin_object();
      w.field("text", analysis::fact_text(f));
      w.field("source", f.provenance.source);
      w.field("confidence", kb::confidence_name(f.provenance.confidence));
      w.field("row", f.provenance.row());
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("impacts");
  w.begin_array();
  for (const auto& im : a.impacts) {
    w.begin_object();
    w.field("event", im.event);
    w.field("sentence", im.sentence);
    w.field("what", im.what);
    w.field("capacity_basis", im.capacity_basis);
    w.field("model", im.model);
    w.key("shifts");
    w.begin_array();
    for (const auto& sh : im.shifts) {
      w.begin_object();
      w.field("metric", sh.metric);
      w.field("unit", analysis::shift_unit_name(sh.unit));
      // Shares to six decimals, tonnes to three.
      const double scale = sh.unit == analysis::ShiftUnit::kShare ? 1e6 : 1e3;
      w.field("before", std::round(sh.before * scale) / scale);
      w.field("after", std::round(sh.after * scale) / scale);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("critique");
  w.begin_object();
  w.field("verdict", c.verdict);
  w.key("sections");
  w.begin_array();
  for (const auto& sec : c.sections) {
    w.begin_object();
    w.field("id", sec.id);
    w.field("title", sec.title);
    w.key("points");
    w.begin_array();
    for (const auto& pt : sec.points) {
      w.begin_object();
      w.field("text", pt.text);
      w.key("evidence");
      w.begin_array();
      for (const auto& e : pt.evidence) {
        w.begin_object();
        w.key("sentence");
        if (e.sentence < 0) w.null();
        else w.number(e.sentence);
        w.span("span", e.span.begin, e.span.end);
        w.field("fragment", e.fragment);
        w.field("cue", e.cue);
        w.key("label");
        if (e.label.empty()) w.null();
        else w.string(e.label);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();
  return out;
}

}  // namespace assay::report
