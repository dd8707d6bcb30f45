// analysis/schema: see schema.h. The writer is a hot path (assay analyze
// --format json writes about 12 bytes per byte of text): fields are written
// straight from the structs, keys as literals.
#include "assay/analysis/schema.h"

#include <cmath>
#include <map>

namespace assay::analysis {

using base::JsonWriter;

namespace {

// "document": what was read.
void write_document(JsonWriter& w, const DocumentAnalysis& a) {
  const auto& d = a.document;
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
}

// "sentences": labels, evidence, attributions and quantities per sentence.
void write_sentences(JsonWriter& w, const DocumentAnalysis& a) {
  const auto& d = a.document;
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
    for (Label l : s.labels.labels()) w.string(label_name(l));
    w.end_array();
    w.key("evidence");
    w.begin_array();
    for (const auto& e : s.evidence) {
      w.begin_object();
      w.field("label", label_name(e.label));
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
      w.field("kind", source_kind_name(at.kind));
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
}

// "quantities": every figure, in text order.
void write_quantities(JsonWriter& w, const DocumentAnalysis& a) {
  const auto& d = a.document;
  w.key("quantities");
  w.begin_array();
  for (const auto& q : a.quantities) {
    w.begin_object();
    w.span("span", q.span.begin, q.span.end);
    w.field("text", q.span.of(d.text));
    w.field("value", q.value);
    w.field("value_high", q.value_high);
    w.field("unit", q.unit);
    w.field("measure", measure_name(q.measure));
    w.field("bound", bound_name(q.bound));
    w.field("head", q.head);
    w.field("material", q.material);
    w.field("source_count", q.source_count);
    w.end_object();
  }
  w.end_array();
}

// "assessment": sourcing, stakeholders, origin, framing, credibility.
void write_assessment(JsonWriter& w, const DocumentAnalysis& a) {
  const auto& as = a.assessment;
  const auto& p = as.sourcing;
  auto groups = [&](std::string_view k, const std::vector<Stakeholder>& v) {
    w.key(k);
    w.begin_array();
    for (auto g : v) w.string(stakeholder_name(g));
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
    w.field("kind", framing_kind_name(f.kind));
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
}

// "mentions" and "entities".
void write_mentions(JsonWriter& w, const DocumentAnalysis& a) {
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
}

// "events": what the article reports in the supply chain.
void write_events(JsonWriter& w, const DocumentAnalysis& a) {
  w.key("events");
  w.begin_array();
  for (const auto& e : a.events) {
    w.begin_object();
    w.field("type", event_type_name(e.type));
    w.field("stage", event_stage_name(e.stage));
    w.key("country");
    if (e.country.empty()) w.null();
    else w.string(e.country);
    w.field("status", event_status_name(e.status));
    w.strings("actors", e.actors);
    w.field("sentence", e.sentence);
    w.end_object();
  }
  w.end_array();
}

// "kb_links": names the knowledge base knows, with its facts and their rows.
void write_kb_links(JsonWriter& w, const DocumentAnalysis& a) {
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
      w.field("text", fact_text(f));
      w.field("source", f.provenance.source);
      w.field("confidence", kb::confidence_name(f.provenance.confidence));
      w.field("row", f.provenance.row());
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

// "impacts": what the reported events would change in the supply model.
void write_impacts(JsonWriter& w, const DocumentAnalysis& a) {
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
      w.field("unit", shift_unit_name(sh.unit));
      // Shares to six decimals, tonnes to three.
      const double scale = sh.unit == ShiftUnit::kShare ? 1e6 : 1e3;
      w.field("before", std::round(sh.before * scale) / scale);
      w.field("after", std::round(sh.after * scale) / scale);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

}  // namespace

void write_analysis_fields(JsonWriter& w, const DocumentAnalysis& a) {
  w.field("schema", kSchemaVersion);
  write_document(w, a);
  write_sentences(w, a);
  write_quantities(w, a);
  write_assessment(w, a);
  write_mentions(w, a);
  write_events(w, a);
  write_kb_links(w, a);
  write_impacts(w, a);
}

void write_analysis(JsonWriter& w, const DocumentAnalysis& a) {
  w.begin_object();
  write_analysis_fields(w, a);
  w.end_object();
}

}  // namespace assay::analysis
