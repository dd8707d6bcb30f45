// analysis/schema: see schema.h. The writer is a hot path (assay analyze
// --format json writes about 12 bytes per byte of text): fields are written
// straight from the structs, keys as literals.
#include "assay/analysis/schema.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <optional>

#include "assay/text/reader.h"

namespace assay::analysis {

using base::JsonWriter;

namespace {

// The attribution kind of a reference that names nobody in the sentence
// (assay.analysis/2; SourceKind::kNamed with an empty name in code).
constexpr const char* kReferenceKind = "reference";

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
    w.field("number", i + 1);  // what Markdown and HTML cite as s{number}
    w.span("span", s.span.begin, s.span.end);
    w.field("paragraph", s.paragraph);
    w.field("role", text::sentence_role_name(s.role));
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
      // assay.analysis/2: a named source with no name in the sentence ("the
      // company", "he") is a reference, a kind of its own.
      w.field("kind", at.kind == SourceKind::kNamed && at.name.empty() ? kReferenceKind : source_kind_name(at.kind));
      w.field("source", at.source.of(d.text));
      w.span("source_span", at.source.begin, at.source.end);
      w.key("name");  // the source's name as written; null for a reference, an anonymous or a media source
      if (at.name.empty()) w.null();
      else w.string(at.name);
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

// "assessment": sourcing, stakeholders, origin, framing, genre, reporting
// quality and claim status (the old credibility score is not written since
// assay.analysis/2).
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
  w.field("genre", genre_name(as.genre));
  w.key("genre_signals");
  w.begin_array();
  for (const auto& g : as.genre_signals) {
    w.begin_object();
    w.field("genre", genre_name(g.genre));
    w.field("what", g.what);
    w.span("span", g.span.begin, g.span.end);
    w.field("sentence", g.sentence);
    w.field("weight", g.weight);
    w.end_object();
  }
  w.end_array();
  auto components = [&](const std::vector<CredibilityComponent>& list) {
    w.key("components");
    w.begin_array();
    for (const auto& comp : list) {
      w.begin_object();
      w.field("name", comp.name);
      w.field("points", comp.points);
      w.field("why", comp.why);
      w.end_object();
    }
    w.end_array();
  };
  w.key("reporting");
  w.begin_object();
  w.field("score", as.reporting.score);
  components(as.reporting.components);
  w.end_object();
  w.key("claim_status");
  w.begin_object();
  w.field("level", claim_level_name(as.claim_status.level));
  w.field("score", as.claim_status.score);
  w.field("basis", as.claim_status.basis);
  components(as.claim_status.components);
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
    // Added within assay.analysis/1: the tie to the knowledge base and why
    // no impact is modelled.
    w.key("link");
    w.begin_object();
    w.field("confidence", link_confidence_name(e.link.confidence));
    w.key("facility");
    if (e.link.facility.empty()) w.null();
    else w.string(e.link.facility);
    w.key("company");
    if (e.link.company.empty()) w.null();
    else w.string(e.link.company);
    w.field("why", e.link.why);
    w.end_object();
    w.key("no_impact");
    if (e.no_impact.empty()) w.null();
    else w.string(e.no_impact);
    w.end_object();
  }
  w.end_array();
}

// A kb fact's values beside its text (assay.analysis/2), so that a reader
// needs no English: kind, name, country, and for a company its state
// ownership, for a facility its stage, capacity and unit (null when not
// public), status, the status's year (null when not given) and the
// controlling country (null when it is the facility's own).
void write_fact_fields(JsonWriter& w, const KbFact& f) {
  w.field("kind", kb::entity_kind_name(f.kind));
  w.field("name", f.name);
  w.field("country", f.country);
  if (f.kind == kb::EntityKind::kCompany) {
    w.field("state_owned", kb::state_owned_name(f.state_owned));
    return;
  }
  w.field("stage", kb::stage_name(f.stage));
  w.key("capacity");
  if (f.value && f.unit) w.number(*f.value);
  else w.null();
  w.key("unit");
  if (f.value && f.unit) w.string(kb::capacity_unit_name(*f.unit));
  else w.null();
  w.field("status", kb::status_name(f.status));
  w.key("status_year");
  if (f.year) w.number(static_cast<std::int64_t>(f.year));
  else w.null();
  w.key("controlled_from");
  if (f.controlled_from.empty()) w.null();
  else w.string(f.controlled_from);
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
      write_fact_fields(w, f);
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

// The claims and the mentions are objects of fixed keys, many to an article:
// they are written straight into the output (JsonWriter::raw_value), byte for
// byte as the writer's key and value calls would write them, in fewer steps:
// room for a whole array is made once, and each key with the comma, new line
// and indent before it is a copy of a few bytes.
// kPretty: indented as JsonWriter's pretty mode, else compact.
template <bool kPretty>
class FixedOut {
 public:
  explicit FixedOut(char* p) : p_(p) {}
  char* end() const { return p_; }

  // Before an item of an array or a key of an object at nesting `level`
  // (its indent 2 * level): the comma unless first; in pretty mode the new
  // line and the indent.
  [[gnu::always_inline]] void item(std::size_t level, bool first) {
    if (!first) *p_++ = ',';
    if constexpr (kPretty) line(level);
  }
  // k: a literal that needs no escaping (the keys below), copied in stores
  // of its known size.
  template <std::size_t N>
  [[gnu::always_inline]] void key(std::size_t level, bool first, const char (&k)[N]) {
    item(level, first);
    *p_++ = '"';
    std::memcpy(p_, k, N - 1);
    p_ += N - 1;
    *p_++ = '"';
    *p_++ = ':';
    if constexpr (kPretty) *p_++ = ' ';
  }
  // The closing bracket of a container that holds something, at `level`.
  void close(std::size_t level, char c) {
    if constexpr (kPretty) line(level);
    *p_++ = c;
  }
  void put(char c) { *p_++ = c; }
  void string(std::string_view s) { p_ = JsonWriter::quoted_string(p_, s); }
  void number(std::int64_t v) { p_ = std::to_chars(p_, p_ + 20, v).ptr; }
  // As JsonWriter::number(double): whole numbers as integers, others in
  // fmt's shortest form, what is not finite as null.
  void number(double v) {
    if (!std::isfinite(v)) null();
    else if (v == std::trunc(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v)))
      number(static_cast<std::int64_t>(v));
    else p_ = fmt::format_to(p_, "{}", v);
  }
  void boolean(bool b) {
    if (b) copy("true");
    else copy("false");
  }
  void null() { copy("null"); }
  // A span [b, e] as the value of a key at `level`.
  void span(std::size_t level, std::uint32_t b, std::uint32_t e) {
    *p_++ = '[';
    item(level + 1, true);
    number(static_cast<std::int64_t>(b));
    item(level + 1, false);
    number(static_cast<std::int64_t>(e));
    close(level, ']');
  }
  // An array of strings as the value of a key at `level`.
  void strings(std::size_t level, const std::vector<std::string>& v) {
    *p_++ = '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      item(level + 1, i == 0);
      string(v[i]);
    }
    if (!v.empty()) close(level, ']');
    else *p_++ = ']';
  }
  // A kb row {"table", "id"} as the value of a key at `level`.
  void ref(std::size_t level, const KbRef& r) {
    *p_++ = '{';
    key(level + 1, true, "table");
    string(r.table);
    key(level + 1, false, "id");
    string(r.id);
    close(level, '}');
  }

 private:
  template <std::size_t N>
  void copy(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  // A new line and 2 * level spaces, in 16-byte stores (room() counts the
  // overrun).
  [[gnu::always_inline]] void line(std::size_t level) {
    static constexpr char kSpaces[16] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    *p_++ = '\n';
    const std::size_t n = 2 * level;
    for (std::size_t i = 0; i < n; i += 16) std::memcpy(p_ + i, kSpaces, 16);
    p_ += n;
  }

  char* p_;
};

// Room enough for what FixedOut writes: `lines` keys, items and brackets at
// nesting up to `level`, plus the strings (of `bytes` bytes in all) each
// escaped at worst.
std::size_t room_for(std::size_t lines, std::size_t level, std::size_t bytes, std::size_t strings) {
  return lines * (2 * level + 16 + 32) + 6 * bytes + 2 * strings;
}

// An array of objects written by FixedOut: `room(x, level)` bounds what
// write(o, x, level) writes of one item whose keys are at `level`. Room is
// made an item at a time: a bound for the whole array, far above what it
// writes, would grow the output (a copy of all of it) more often.
template <bool kPretty, class T, class Room, class Write>
void write_fixed_array(std::string& out, std::size_t depth, const std::vector<T>& items, Room room, Write write) {
  if (items.empty()) {
    out.append("[]");
    return;
  }
  const std::size_t level = depth + 2;  // the items' keys
  auto put = [&](std::size_t bound, auto f) {
    const std::size_t n = out.size();
    out.resize_and_overwrite(n + bound, [&](char* b, std::size_t) {
      FixedOut<kPretty> o(b + n);
      f(o);
      const auto written = static_cast<std::size_t>(o.end() - b);
      // A room() that no longer bounds what write() writes (a field added to
      // one and not the other) stops here, in the tests, rather than going on
      // past the memory it overran.
      if (written > n + bound) {
        std::fputs("assay: internal error: a fixed JSON array item overran its room\n", stderr);
        std::abort();
      }
      return written;
    });
  };
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i)
    put(room(items[i], level) + 2 * depth + 24, [&](FixedOut<kPretty>& o) {
      o.item(depth + 1, i == 0);
      o.put('{');
      write(o, items[i], level);
      o.close(depth + 1, '}');
    });
  put(2 * depth + 18, [&](FixedOut<kPretty>& o) { o.close(depth, ']'); });
}

template <class T, class Room, class Write>
void write_fixed_array(JsonWriter& w, const std::vector<T>& items, Room room, Write write) {
  const bool pretty = w.pretty();
  w.raw_value([&](std::string& out, std::size_t depth) {
    if (pretty) write_fixed_array<true>(out, depth, items, room, write);
    else write_fixed_array<false>(out, depth, items, room, write);
  });
}

std::size_t bytes_of(const std::vector<std::string>& v) {
  std::size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

// "claims": the check-worthy sentences' structured claims and, when the
// verifier ran (app), their verdicts with the rows they rest on.
void write_claims(JsonWriter& w, const DocumentAnalysis& a) {
  w.key("claims");
  auto room = [&](const Claim& c, std::size_t level) {
    std::size_t bytes = c.span.size() + c.subject_name.size() + c.measure.size() + c.unit.size() + c.figure.size() +
                        c.date.size() + c.element.size() + c.form.size() + c.hedge.size() + c.verdict.size() +
                        c.reason.size() + c.tolerance.size() + c.judged_at.size() + 32 + bytes_of(c.subject) +
                        bytes_of(c.destinations) + bytes_of(c.sourcing);
    std::size_t strings = 24 + c.subject.size() + c.destinations.size() + c.sourcing.size();
    std::size_t lines = 48 + c.subject.size() + c.destinations.size() + c.sourcing.size() + 6 * c.evidence.size();
    for (const auto& e : c.evidence) bytes += e.row.size() + e.source.size() + e.value.size();
    strings += 3 * c.evidence.size();
    return room_for(lines, level + 2, bytes, strings);
  };
  auto figure = [](auto& o, std::optional<double> v) {
    if (v) o.number(std::round(*v * 1e6) / 1e6);
    else o.null();
  };
  write_fixed_array(w, a.claims, room, [&](auto& o, const Claim& c, std::size_t l) {
    o.key(l, true, "sentence");
    o.number(static_cast<std::int64_t>(c.sentence));
    o.key(l, false, "span");
    o.span(l, c.span.begin, c.span.end);
    o.key(l, false, "text");
    o.string(c.span.of(a.document.text));
    o.key(l, false, "kind");
    o.string(claim_kind_name(c.kind));
    o.key(l, false, "subject");
    o.strings(l, c.subject);
    o.key(l, false, "subject_name");
    o.string(c.subject_name);
    o.key(l, false, "measure");
    o.string(c.measure);
    o.key(l, false, "value");
    figure(o, c.value);
    o.key(l, false, "value_high");
    figure(o, c.value_high);
    o.key(l, false, "unit");
    o.string(c.unit);
    o.key(l, false, "figure");
    o.string(c.figure);
    o.key(l, false, "precision");
    o.number(std::round(c.precision * 1e6) / 1e6);
    o.key(l, false, "year");
    o.number(static_cast<std::int64_t>(c.year));
    o.key(l, false, "date");
    o.string(c.date);
    o.key(l, false, "stage");
    o.string(c.stage ? kb::stage_name(*c.stage) : "");
    o.key(l, false, "element");
    o.string(c.element);
    o.key(l, false, "form");
    o.string(c.form);
    o.key(l, false, "scope");
    o.string(claim_scope_name(c.scope));
    o.key(l, false, "bound");
    o.string(bound_name(c.bound));
    o.key(l, false, "hedge");
    o.string(c.hedge);
    o.key(l, false, "rank");
    o.number(static_cast<std::int64_t>(c.rank));
    o.key(l, false, "present");
    o.boolean(c.present);
    o.key(l, false, "destinations");
    o.strings(l, c.destinations);
    o.key(l, false, "sourcing");
    o.strings(l, c.sourcing);
    o.key(l, false, "verdict");
    o.string(c.verdict);
    o.key(l, false, "reason");
    o.string(c.reason);
    o.key(l, false, "tolerance");
    o.string(c.tolerance);
    o.key(l, false, "judged_at");
    o.string(c.judged_at);
    o.key(l, false, "evidence");
    o.put('[');
    for (std::size_t i = 0; i < c.evidence.size(); ++i) {
      const auto& e = c.evidence[i];
      o.item(l + 1, i == 0);
      o.put('{');
      o.key(l + 2, true, "row");
      o.string(e.row);
      o.key(l + 2, false, "source");
      o.string(e.source);
      o.key(l + 2, false, "value");
      o.string(e.value);
      o.close(l + 1, '}');
    }
    if (c.evidence.empty()) o.put(']');
    else o.close(l, ']');
  });
}

// "entity_mentions": every named entity with its span and kb row (link.h).
void write_entity_mentions(JsonWriter& w, const DocumentAnalysis& a) {
  w.key("entity_mentions");
  auto room = [](const EntityMention& m, std::size_t level) {
    std::size_t bytes = m.text.size() + m.form.size() + m.name.size() + m.why.size() + 16 + bytes_of(m.elements);
    if (m.kb) bytes += m.kb->table.size() + m.kb->id.size();
    if (m.context) bytes += m.context->table.size() + m.context->id.size();
    return room_for(20 + m.elements.size(), level + 1, bytes, 10 + m.elements.size());
  };
  write_fixed_array(w, a.entity_mentions, room, [](auto& o, const EntityMention& m, std::size_t l) {
    o.key(l, true, "span");
    o.span(l, m.span.begin, m.span.end);
    o.key(l, false, "sentence");
    o.number(static_cast<std::int64_t>(m.sentence));
    o.key(l, false, "text");
    o.string(m.text);
    o.key(l, false, "kind");
    o.string(mention_kind_name(m.kind));
    o.key(l, false, "form");
    o.string(m.form);
    o.key(l, false, "name");
    o.string(m.name);
    o.key(l, false, "kb");
    if (m.kb) o.ref(l, *m.kb);
    else o.null();
    if (m.context) {
      o.key(l, false, "context");
      o.ref(l, *m.context);
    }
    if (!m.elements.empty()) {
      o.key(l, false, "elements");
      o.strings(l, m.elements);
    }
    if (!m.why.empty()) {
      o.key(l, false, "why");
      o.string(m.why);
    }
  });
}

}  // namespace

std::string passage_verdict(const DocumentAnalysis& a) {
  const Claim* first = nullptr;
  for (const auto& c : a.claims)
    if (!c.verdict.empty() && c.verdict != "unverifiable" && (!first || c.span.begin < first->span.begin)) first = &c;
  return first ? first->verdict : std::string("unverifiable");
}

// "verification": the claims' verdicts counted, and the passage's verdict:
// that of its first claim in text order that is not unverifiable, else
// unverifiable (issue 14's rule for scoring passages). Derived from
// "claims", so it is not read back.
static void write_verification(JsonWriter& w, const DocumentAnalysis& a) {
  int checked = 0, supported = 0, contradicted = 0, disputed = 0, unverifiable = 0;
  for (const auto& c : a.claims) {
    if (c.verdict.empty()) continue;
    ++checked;
    supported += c.verdict == "supported";
    contradicted += c.verdict == "contradicted";
    disputed += c.verdict == "disputed";
    unverifiable += c.verdict == "unverifiable";
  }
  w.key("verification");
  w.begin_object();
  w.field("checked", checked);
  w.field("supported", supported);
  w.field("contradicted", contradicted);
  w.field("disputed", disputed);
  w.field("unverifiable", unverifiable);
  w.field("verdict", passage_verdict(a));
  w.end_object();
}

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
  write_claims(w, a);
  write_verification(w, a);
  write_entity_mentions(w, a);
}

void write_analysis(JsonWriter& w, const DocumentAnalysis& a) {
  w.begin_object();
  write_analysis_fields(w, a);
  w.end_object();
}

// ---------------------------------------------------------------- reading

namespace {

namespace dom = simdjson::dom;

// Reads fields of the parsed document; the first error (with its JSON
// pointer) is kept and later reads return empty values.
class In {
 public:
  std::optional<base::Error> error;
  int version = 2;  // of the schema read: 1 (assay.analysis/1) or 2

  void fail(const std::string& at, std::string what) {
    if (!error) error = base::Error::invalid(std::move(what), {.field = at.empty() ? "/" : at});
  }
  static std::string at(const std::string& base, std::string_view key) { return base + "/" + std::string(key); }
  static std::string at(const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); }

  // After the first error nothing more is read: the object or array that
  // failed is a default-constructed simdjson value, which must not be
  // touched (found by fuzz_analysis).
  bool get(dom::object o, std::string_view key, const std::string& ptr, dom::element& out) {
    if (error) return false;
    if (o[key].get(out)) {
      fail(at(ptr, key), "missing field");
      return false;
    }
    return true;
  }
  dom::object object(dom::element e, const std::string& ptr) {
    dom::object o;
    if (error) return o;
    if (e.get_object().get(o)) fail(ptr, "expected an object");
    return o;
  }
  dom::object object(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    if (!get(o, key, ptr, e)) return {};
    return object(e, at(ptr, key));
  }
  // The elements of an array field; none after an error.
  std::vector<dom::element> array(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    dom::array a;
    if (!get(o, key, ptr, e)) return {};
    if (e.get_array().get(a)) {
      fail(at(ptr, key), "expected an array");
      return {};
    }
    return std::vector<dom::element>(a.begin(), a.end());
  }
  std::string str(dom::element e, const std::string& ptr) {
    std::string_view s;
    if (e.get_string().get(s)) fail(ptr, "expected a string");
    return std::string(s);
  }
  std::string str(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    if (!get(o, key, ptr, e)) return {};
    return str(e, at(ptr, key));
  }
  // A string or null (empty).
  std::string str_or_null(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    if (!get(o, key, ptr, e)) return {};
    if (e.is_null()) return {};
    return str(e, at(ptr, key));
  }
  double num(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    double v = 0;
    if (get(o, key, ptr, e) && e.get_double().get(v)) fail(at(ptr, key), "expected a number");
    return v;
  }
  std::int64_t integer(dom::element e, const std::string& ptr) {
    std::int64_t v = 0;
    if (e.get_int64().get(v)) fail(ptr, "expected an integer");
    return v;
  }
  std::int64_t integer(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    if (!get(o, key, ptr, e)) return 0;
    return integer(e, at(ptr, key));
  }
  std::uint32_t index(dom::object o, std::string_view key, const std::string& ptr) {
    std::int64_t v = integer(o, key, ptr);
    if (v < 0 || v > std::numeric_limits<std::uint32_t>::max()) fail(at(ptr, key), "out of range");
    return static_cast<std::uint32_t>(v);
  }
  bool boolean(dom::object o, std::string_view key, const std::string& ptr) {
    dom::element e;
    bool v = false;
    if (get(o, key, ptr, e) && e.get_bool().get(v)) fail(at(ptr, key), "expected true or false");
    return v;
  }
  base::Span span(dom::object o, std::string_view key, const std::string& ptr) {
    std::string p = at(ptr, key);
    std::vector<dom::element> a = array(o, key, ptr);
    if (error) return {};
    std::int64_t v[2] = {0, 0};
    std::size_t n = 0;
    for (dom::element e : a) {
      if (n < 2) v[n] = integer(e, at(p, n));
      ++n;
    }
    if (n != 2 || v[0] < 0 || v[1] < v[0] || v[1] > std::numeric_limits<std::uint32_t>::max()) {
      fail(p, "expected [begin, end]");
      return {};
    }
    return {static_cast<std::uint32_t>(v[0]), static_cast<std::uint32_t>(v[1])};
  }
  std::vector<std::string> strings(dom::object o, std::string_view key, const std::string& ptr) {
    std::vector<std::string> out;
    std::string p = at(ptr, key);
    std::size_t i = 0;
    for (dom::element e : array(o, key, ptr)) out.push_back(str(e, at(p, i++)));
    return out;
  }
  template <class E>
  E name(std::optional<E> parsed, const std::string& ptr, std::string_view what) {
    if (!parsed) {
      fail(ptr, fmt::format("unknown {}", what));
      return E{};
    }
    return *parsed;
  }
  template <class E, class Parse>
  E name(dom::object o, std::string_view key, const std::string& ptr, Parse parse, std::string_view what) {
    std::string s = str(o, key, ptr);
    if (error) return E{};
    return name<E>(parse(s), at(ptr, key), what);
  }
};

// The document text, rebuilt: spaces, with every span's text the JSON holds
// written where it was.
struct TextBuilder {
  std::string text;
  void put(base::Span s, std::string_view t) {
    if (s.end <= text.size() && s.end - s.begin == t.size()) text.replace(s.begin, t.size(), t);
  }
};

// Parses fact_text()'s words back into `f` (the inverse of fact_text for
// the facts kb_link makes); false when they do not parse.
bool parse_fact_text(std::string_view t, KbFact& f) {
  constexpr std::string_view kOwned = "; state ownership: ", kHq = ": headquartered in ";
  if (auto so = t.rfind(kOwned); so != std::string_view::npos) {
    auto hq = t.rfind(kHq, so);
    auto owned = kb::parse_state_owned(t.substr(so + kOwned.size()));
    if (hq != std::string_view::npos && owned) {
      f.kind = kb::EntityKind::kCompany;
      f.name = std::string(t.substr(0, hq));
      f.country = std::string(t.substr(hq + kHq.size(), so - hq - kHq.size()));
      f.state_owned = *owned;
      return true;
    }
  }
  f.kind = kb::EntityKind::kFacility;
  constexpr std::string_view kControlled = ", controlled from ";
  if (auto c = t.rfind(kControlled); c != std::string_view::npos) {
    f.controlled_from = std::string(t.substr(c + kControlled.size()));
    t = t.substr(0, c);
  }
  auto comma = t.rfind(", ");
  if (comma == std::string_view::npos) return false;
  std::string_view status = t.substr(comma + 2);
  t = t.substr(0, comma);
  if (auto paren = status.find(" ("); paren != std::string_view::npos && status.ends_with(")")) {
    std::string_view year = status.substr(paren + 2, status.size() - paren - 3);
    if (std::from_chars(year.data(), year.data() + year.size(), f.year).ec != std::errc()) return false;
    status = status.substr(0, paren);
  }
  auto st = kb::parse_status(status);
  if (!st) return false;
  f.status = *st;
  constexpr std::string_view kNotPublic = ", capacity not public", kAYear = " a year";
  if (t.ends_with(kNotPublic)) {
    t.remove_suffix(kNotPublic.size());
  } else {
    if (!t.ends_with(kAYear)) return false;
    t.remove_suffix(kAYear.size());
    auto cap = t.rfind(", ");
    if (cap == std::string_view::npos) return false;
    std::string_view figure = t.substr(cap + 2);
    t = t.substr(0, cap);
    auto sp = figure.find(' ');
    if (sp == std::string_view::npos) return false;
    auto unit = kb::parse_capacity_unit(figure.substr(sp + 1));
    std::string digits;
    for (char ch : figure.substr(0, sp))
      if (ch != ',') digits += ch;
    double v = 0;
    if (!unit || std::from_chars(digits.data(), digits.data() + digits.size(), v).ec != std::errc()) return false;
    f.value = v;
    f.unit = unit;
  }
  // "{name}: {stage} in {country}"
  std::size_t best = std::string_view::npos;
  for (int i = 0; i < kb::kStageCount; ++i) {
    auto stage = static_cast<kb::Stage>(i);
    std::string mid = fmt::format(": {} in ", kb::stage_name(stage));
    auto at = t.rfind(mid);
    if (at == std::string_view::npos || (best != std::string_view::npos && at < best)) continue;
    best = at;
    f.stage = stage;
    f.name = std::string(t.substr(0, at));
    f.country = std::string(t.substr(at + mid.size()));
  }
  return best != std::string_view::npos;
}

void read_document(In& in, dom::object root, DocumentAnalysis& a, TextBuilder& tb) {
  const std::string p = "/document";
  dom::object o = in.object(root, "document", "");
  if (in.error) return;
  auto& d = a.document;
  d.id = in.str(o, "id", p);
  d.source = in.str(o, "source", p);
  d.url = in.str(o, "url", p);
  d.outlet = in.str(o, "outlet", p);
  d.published = in.str(o, "published", p);
  d.title = in.str(o, "title", p);
  d.author = in.str(o, "author", p);
  std::string format = in.str(o, "format", p);
  d.format = text::parse_format(format);
  if (!in.error && d.format == text::Format::kAuto && format != "auto") in.fail(p + "/format", "unknown format");
  std::int64_t bytes = in.integer(o, "bytes", p);
  if (bytes < 0 || bytes > std::int64_t{1} << 40) in.fail(p + "/bytes", "out of range");
  d.warnings = in.strings(o, "warnings", p);
  if (!in.error) tb.text.assign(static_cast<std::size_t>(bytes), ' ');
}

void read_sentences(In& in, dom::object root, DocumentAnalysis& a, TextBuilder& tb) {
  std::size_t i = 0;
  for (dom::element el : in.array(root, "sentences", "")) {
    const std::string p = In::at("/sentences", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    SentenceAnalysis s;
    // "number" (1-based; i is already index + 1) came after assay.analysis/1
    // first shipped: a file without it reads; one with it must number the
    // sentence it is.
    const auto number = static_cast<std::int64_t>(i);
    if (dom::element num; !in.error && !o["number"].get(num) && in.integer(num, In::at(p, "number")) != number)
      in.fail(In::at(p, "number"), fmt::format("expected {} (the sentence's index + 1)", number));
    s.span = in.span(o, "span", p);
    s.paragraph = in.index(o, "paragraph", p);
    // "role" came after assay.analysis/1 first shipped: without it, body.
    if (dom::element role; !in.error && !o["role"].get(role))
      s.role = in.name<text::SentenceRole>(text::parse_sentence_role(in.str(role, In::at(p, "role"))), In::at(p, "role"), "sentence role");
    tb.put(s.span, in.str(o, "text", p));
    std::size_t j = 0;
    for (dom::element l : in.array(o, "labels", p)) {
      std::string lp = In::at(p + "/labels", j++);
      s.labels.add(in.name<Label>(parse_label(in.str(l, lp)), lp, "label"));
    }
    j = 0;
    for (dom::element ev : in.array(o, "evidence", p)) {
      std::string ep = In::at(p + "/evidence", j++);
      dom::object eo = in.object(ev, ep);
      if (in.error) return;
      Evidence e;
      e.label = in.name<Label>(eo, "label", ep, parse_label, "label");
      e.span = in.span(eo, "span", ep);
      tb.put(e.span, in.str(eo, "text", ep));
      e.cue = in.str(eo, "cue", ep);
      e.note = in.str(eo, "note", ep);
      s.evidence.push_back(std::move(e));
    }
    j = 0;
    for (dom::element at : in.array(o, "attributions", p)) {
      std::string ap = In::at(p + "/attributions", j++);
      dom::object ao = in.object(at, ap);
      if (in.error) return;
      Attribution att;
      // assay.analysis/2 gives a reference ("the company", "he") the kind
      // "reference"; in code it is a named source without a name.
      const std::string kind = in.str(ao, "kind", ap);
      const bool reference = in.version >= 2 && kind == kReferenceKind;
      att.kind = reference ? SourceKind::kNamed
                           : in.name<SourceKind>(parse_source_kind(kind), In::at(ap, "kind"), "source kind");
      att.source = in.span(ao, "source_span", ap);
      std::string source = in.str(ao, "source", ap);
      tb.put(att.source, source);
      if (in.version >= 2) {
        dom::element name;
        if (in.get(ao, "name", ap, name) && !name.is_null()) att.name = in.str(name, In::at(ap, "name"));
        if (!in.error && att.kind == SourceKind::kNamed && !reference && att.name.empty())
          in.fail(In::at(ap, "name"), "a named source needs its name (a reference that names nobody is kind \"reference\")");
        if (!in.error && reference && !att.name.empty()) in.fail(In::at(ap, "name"), "a reference has no name: expected null");
      } else if (dom::element name; !in.error && !ao["name"].get(name)) {
        // "name" came after assay.analysis/1 first shipped.
        att.name = name.is_null() ? "" : in.str(name, In::at(ap, "name"));
      } else if (att.kind == SourceKind::kNamed) {
        att.name = source;  // without "name", a named source's phrase was its name
      }
      att.cue = in.span(ao, "cue_span", ap);
      tb.put(att.cue, in.str(ao, "cue", ap));
      s.attributions.push_back(std::move(att));
    }
    j = 0;
    for (dom::element q : in.array(o, "quantities", p)) {
      std::int64_t v = in.integer(q, In::at(p + "/quantities", j++));
      s.quantities.push_back(static_cast<std::uint32_t>(v));
    }
    s.claim = in.boolean(o, "claim", p);
    if (in.error) return;
    a.sentences.push_back(std::move(s));
  }
}

void read_quantities(In& in, dom::object root, DocumentAnalysis& a, TextBuilder& tb) {
  std::size_t i = 0;
  for (dom::element el : in.array(root, "quantities", "")) {
    const std::string p = In::at("/quantities", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    Quantity q;
    q.span = in.span(o, "span", p);
    tb.put(q.span, in.str(o, "text", p));
    q.value = in.num(o, "value", p);
    q.value_high = in.num(o, "value_high", p);
    q.unit = in.str(o, "unit", p);
    q.measure = in.name<Measure>(o, "measure", p, parse_measure, "measure");
    q.bound = in.name<Bound>(o, "bound", p, parse_bound, "bound");
    q.approximate = q.bound != Bound::kExact;
    q.head = in.str(o, "head", p);
    q.material = in.str(o, "material", p);
    q.source_count = in.boolean(o, "source_count", p);
    a.quantities.push_back(std::move(q));
  }
}

void read_assessment(In& in, dom::object root, DocumentAnalysis& a) {
  const std::string p = "/assessment";
  dom::object o = in.object(root, "assessment", "");
  if (in.error) return;
  Assessment& as = a.assessment;
  {
    const std::string sp = p + "/sourcing";
    dom::object so = in.object(o, "sourcing", p);
    if (in.error) return;
    auto n = [&](std::string_view k) { return static_cast<int>(in.integer(so, k, sp)); };
    auto& s = as.sourcing;
    s.sentences = n("sentences");
    s.named = n("named");
    s.anonymous = n("anonymous");
    s.media = n("media");
    s.official_confirmations = n("official_confirmations");
    s.non_confirmations = n("non_confirmations");
    s.hedged = n("hedged");
    s.vague = n("vague");
    s.intent = n("intent");
    s.opinion = n("opinion");
    s.promo = n("promo");
    s.quantity = n("quantity");
    s.forecast = n("forecast");
  }
  as.named_speakers = in.strings(o, "named_speakers", p);
  auto groups = [&](std::string_view k, std::vector<Stakeholder>& out) {
    std::string gp = In::at(p, k);
    std::size_t j = 0;
    for (const auto& g : in.strings(o, k, p)) out.push_back(in.name<Stakeholder>(parse_stakeholder(g), In::at(gp, j++), "stakeholder"));
  };
  groups("stakeholders_quoted", as.stakeholders_quoted);
  groups("stakeholders_expected", as.stakeholders_expected);
  groups("missing_voices", as.missing_voices);
  as.origin = in.str_or_null(o, "origin", p);
  as.outlet_type = in.str(o, "outlet_type", p);
  std::size_t j = 0;
  for (dom::element el : in.array(o, "framing", p)) {
    std::string fp = In::at(p + "/framing", j++);
    dom::object fo = in.object(el, fp);
    if (in.error) return;
    FramingSignal f;
    f.kind = in.name<FramingKind>(fo, "kind", fp, parse_framing_kind, "framing kind");
    f.text = in.str(fo, "text", fp);
    f.span = in.span(fo, "span", fp);
    f.sentence = in.index(fo, "sentence", fp);
    f.in_headline = in.boolean(fo, "in_headline", fp);
    as.framing.push_back(std::move(f));
  }
  as.promotional_interest = in.boolean(o, "promotional_interest", p);
  // "genre" and "genre_signals" came after assay.analysis/1 first shipped:
  // without them, news with no signals.
  if (dom::element g; !in.error && !o["genre"].get(g))
    as.genre = in.name<Genre>(parse_genre(in.str(g, In::at(p, "genre"))), In::at(p, "genre"), "genre");
  if (dom::element gs; !in.error && !o["genre_signals"].get(gs)) {
    std::size_t k = 0;
    for (dom::element el : in.array(o, "genre_signals", p)) {
      std::string gp = In::at(p + "/genre_signals", k++);
      dom::object go = in.object(el, gp);
      if (in.error) return;
      GenreSignal sig;
      sig.genre = in.name<Genre>(go, "genre", gp, parse_genre, "genre");
      sig.what = in.str(go, "what", gp);
      sig.span = in.span(go, "span", gp);
      sig.sentence = in.index(go, "sentence", gp);
      sig.weight = in.num(go, "weight", gp);
      as.genre_signals.push_back(std::move(sig));
    }
  }
  auto components = [&](dom::object co, const std::string& cp, std::vector<CredibilityComponent>& list) {
    std::size_t k = 0;
    for (dom::element el : in.array(co, "components", cp)) {
      std::string kp = In::at(cp + "/components", k++);
      dom::object ko = in.object(el, kp);
      if (in.error) return;
      CredibilityComponent c;
      c.name = in.str(ko, "name", kp);
      c.points = in.num(ko, "points", kp);
      c.why = in.str(ko, "why", kp);
      list.push_back(std::move(c));
    }
  };
  // assay.analysis/1 carried the old credibility score (dropped in /2, where
  // reporting and claim_status are required; in /1 they came later and are
  // read when present).
  if (in.version == 1) {
    const std::string cp = p + "/credibility";
    dom::object co = in.object(o, "credibility", p);
    if (in.error) return;
    as.credibility.score = static_cast<int>(in.integer(co, "score", cp));
    components(co, cp, as.credibility.components);
  }
  dom::element present;
  const bool required = in.version >= 2;
  if (!in.error && (required || !o["reporting"].get(present))) {
    const std::string rp = p + "/reporting";
    dom::object ro = in.object(o, "reporting", p);
    if (in.error) return;
    as.reporting.score = static_cast<int>(in.integer(ro, "score", rp));
    components(ro, rp, as.reporting.components);
  }
  if (!in.error && (required || !o["claim_status"].get(present))) {
    const std::string sp = p + "/claim_status";
    dom::object so = in.object(o, "claim_status", p);
    if (in.error) return;
    as.claim_status.level = in.name<ClaimLevel>(so, "level", sp, parse_claim_level, "claim level");
    as.claim_status.score = static_cast<int>(in.integer(so, "score", sp));
    as.claim_status.basis = in.str(so, "basis", sp);
    components(so, sp, as.claim_status.components);
  }
}

void read_mentions(In& in, dom::object root, DocumentAnalysis& a) {
  dom::object o = in.object(root, "mentions", "");
  if (in.error) return;
  auto counts = [&](std::string_view k, std::map<std::string, int>& out) {
    std::string p = In::at("/mentions", k);
    dom::object m = in.object(o, k, "/mentions");
    if (in.error) return;
    for (auto [name, value] : m) out[std::string(name)] = static_cast<int>(in.integer(value, In::at(p, name)));
  };
  counts("countries", a.mentions.countries);
  counts("elements", a.mentions.elements);
  counts("stages", a.mentions.stages);
  counts("organisations", a.mentions.organisations);
  a.entities = in.strings(root, "entities", "");
}

void read_events(In& in, dom::object root, DocumentAnalysis& a) {
  std::size_t i = 0;
  for (dom::element el : in.array(root, "events", "")) {
    const std::string p = In::at("/events", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    Event e;
    e.type = in.name<EventType>(o, "type", p, parse_event_type, "event type");
    e.stage = in.name<EventStage>(o, "stage", p, parse_event_stage, "event stage");
    e.country = in.str_or_null(o, "country", p);
    e.status = in.name<EventStatus>(o, "status", p, parse_event_status, "event status");
    e.actors = in.strings(o, "actors", p);
    e.sentence = in.index(o, "sentence", p);
    // "link" and "no_impact" came after assay.analysis/1: optional.
    if (dom::element le; !in.error && !o["link"].get(le)) {
      const std::string lp = In::at(p, "link");
      dom::object lo = in.object(le, lp);
      if (in.error) return;
      e.link.confidence = in.name<LinkConfidence>(lo, "confidence", lp, parse_link_confidence, "link confidence");
      e.link.facility = in.str_or_null(lo, "facility", lp);
      e.link.company = in.str_or_null(lo, "company", lp);
      e.link.why = in.str(lo, "why", lp);
    }
    if (dom::element ne; !in.error && !o["no_impact"].get(ne)) e.no_impact = in.str_or_null(o, "no_impact", p);
    a.events.push_back(std::move(e));
  }
}

// A fact's values from its fields (assay.analysis/2: write_fact_fields).
void read_fact_fields(In& in, dom::object fo, const std::string& fp, KbFact& f) {
  in.str(fo, "text", fp);  // required, but the fields hold the values
  f.kind = in.name<kb::EntityKind>(fo, "kind", fp, kb::parse_entity_kind, "kind");
  f.name = in.str(fo, "name", fp);
  f.country = in.str(fo, "country", fp);
  if (in.error) return;
  if (f.kind == kb::EntityKind::kCompany) {
    f.state_owned = in.name<kb::StateOwned>(fo, "state_owned", fp, kb::parse_state_owned, "state ownership");
    return;
  }
  if (f.kind != kb::EntityKind::kFacility) return in.fail(fp + "/kind", "expected company or facility");
  f.stage = in.name<kb::Stage>(fo, "stage", fp, kb::parse_stage, "stage");
  dom::element cap, unit, year, from;
  if (in.get(fo, "capacity", fp, cap) && in.get(fo, "unit", fp, unit) && cap.is_null() != unit.is_null())
    in.fail(fp + "/unit", "capacity and unit are both null or both set");
  if (!in.error && !cap.is_null()) {
    f.value = in.num(fo, "capacity", fp);
    f.unit = in.name<kb::CapacityUnit>(fo, "unit", fp, [](std::string_view u) { return kb::parse_capacity_unit(u); }, "capacity unit");
  }
  f.status = in.name<kb::FacilityStatus>(fo, "status", fp, kb::parse_status, "status");
  if (in.get(fo, "status_year", fp, year) && !year.is_null()) {
    std::int64_t y = in.integer(year, fp + "/status_year");
    if (y < 1 || y > 9999) in.fail(fp + "/status_year", "expected a year or null");
    f.year = static_cast<int>(y);
  }
  f.controlled_from = in.str_or_null(fo, "controlled_from", fp);
}

void read_kb_links(In& in, dom::object root, DocumentAnalysis& a) {
  std::size_t i = 0;
  for (dom::element el : in.array(root, "kb_links", "")) {
    const std::string p = In::at("/kb_links", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    KbLink l;
    l.name = in.str(o, "name", p);
    l.kind = in.name<kb::EntityKind>(o, "kind", p, kb::parse_entity_kind, "kind");
    l.id = in.str(o, "id", p);
    l.canonical = in.str(o, "canonical", p);
    l.sentence = in.index(o, "sentence", p);
    std::size_t j = 0;
    for (dom::element fe : in.array(o, "facts", p)) {
      std::string fp = In::at(p + "/facts", j++);
      dom::object fo = in.object(fe, fp);
      if (in.error) return;
      KbFact f;
      if (in.version >= 2) read_fact_fields(in, fo, fp, f);
      else if (!parse_fact_text(in.str(fo, "text", fp), f) && !in.error) in.fail(fp + "/text", "not a fact assay writes");
      f.provenance.source = in.str(fo, "source", fp);
      f.provenance.confidence = in.name<kb::Confidence>(fo, "confidence", fp, kb::parse_confidence, "confidence");
      std::string row = in.str(fo, "row", fp);
      auto colon = row.rfind(':');
      std::int64_t line = 0;
      if (colon == std::string::npos ||
          std::from_chars(row.data() + colon + 1, row.data() + row.size(), line).ptr != row.data() + row.size()) {
        if (!in.error) in.fail(fp + "/row", "expected file:line");
      } else {
        f.provenance.file = row.substr(0, colon);
        f.provenance.line = line;
      }
      l.facts.push_back(std::move(f));
    }
    a.kb_links.push_back(std::move(l));
  }
}

void read_entity_mentions(In& in, dom::object root, DocumentAnalysis& a) {
  // Additive in assay.analysis/1: older documents have none.
  if (dom::element e; root["entity_mentions"].get(e)) return;
  auto ref = [&](dom::object o, std::string_view key, const std::string& p) -> std::optional<KbRef> {
    dom::element e;
    if (o[key].get(e) || e.is_null()) return std::nullopt;
    std::string rp = p + "/" + std::string(key);
    dom::object ro = in.object(e, rp);
    if (in.error) return std::nullopt;
    return KbRef{in.str(ro, "table", rp), in.str(ro, "id", rp)};
  };
  std::size_t i = 0;
  for (dom::element el : in.array(root, "entity_mentions", "")) {
    const std::string p = In::at("/entity_mentions", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    EntityMention m;
    m.span = in.span(o, "span", p);
    m.sentence = in.index(o, "sentence", p);
    m.text = in.str(o, "text", p);
    m.kind = in.name<MentionKind>(o, "kind", p, parse_mention_kind, "kind");
    m.form = in.str(o, "form", p);
    m.name = in.str(o, "name", p);
    m.kb = ref(o, "kb", p);
    m.context = ref(o, "context", p);
    if (dom::element e; !o["elements"].get(e)) m.elements = in.strings(o, "elements", p);
    if (dom::element e; !o["why"].get(e)) m.why = in.str(o, "why", p);
    if (in.error) return;
    a.entity_mentions.push_back(std::move(m));
  }
}

void read_impacts(In& in, dom::object root, DocumentAnalysis& a) {
  std::size_t i = 0;
  for (dom::element el : in.array(root, "impacts", "")) {
    const std::string p = In::at("/impacts", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    Impact im;
    im.event = in.index(o, "event", p);
    im.sentence = in.index(o, "sentence", p);
    im.what = in.str(o, "what", p);
    im.capacity_basis = in.str(o, "capacity_basis", p);
    im.model = in.str(o, "model", p);
    std::size_t j = 0;
    for (dom::element se : in.array(o, "shifts", p)) {
      std::string sp = In::at(p + "/shifts", j++);
      dom::object so = in.object(se, sp);
      if (in.error) return;
      ImpactShift sh;
      sh.metric = in.str(so, "metric", sp);
      sh.unit = in.name<ShiftUnit>(so, "unit", sp, parse_shift_unit, "unit");
      sh.before = in.num(so, "before", sp);
      sh.after = in.num(so, "after", sp);
      im.shifts.push_back(std::move(sh));
    }
    a.impacts.push_back(std::move(im));
  }
}

// "claims" is additive: an analysis written before it has none.
void read_claims(In& in, dom::object root, DocumentAnalysis& a) {
  dom::element present;
  if (root["claims"].get(present)) return;
  std::size_t i = 0;
  for (dom::element el : in.array(root, "claims", "")) {
    const std::string p = In::at("/claims", i++);
    dom::object o = in.object(el, p);
    if (in.error) return;
    Claim c;
    c.sentence = in.index(o, "sentence", p);
    c.span = in.span(o, "span", p);
    c.kind = in.name<ClaimKind>(o, "kind", p, parse_claim_kind, "claim kind");
    c.subject = in.strings(o, "subject", p);
    c.subject_name = in.str(o, "subject_name", p);
    c.measure = in.str(o, "measure", p);
    auto figure = [&](std::string_view k) -> std::optional<double> {
      dom::element e;
      if (!in.get(o, k, p, e) || e.is_null()) return std::nullopt;
      return in.num(o, k, p);
    };
    c.value = figure("value");
    c.value_high = figure("value_high");
    c.unit = in.str(o, "unit", p);
    c.figure = in.str(o, "figure", p);
    c.precision = in.num(o, "precision", p);
    c.year = static_cast<int>(in.integer(o, "year", p));
    c.date = in.str(o, "date", p);
    std::string stage = in.str(o, "stage", p);
    if (!stage.empty()) c.stage = in.name<kb::Stage>(kb::parse_stage(stage), p + "/stage", "stage");
    c.element = in.str(o, "element", p);
    c.form = in.str(o, "form", p);
    c.scope = in.name<ClaimScope>(o, "scope", p, parse_claim_scope, "scope");
    c.bound = in.name<Bound>(o, "bound", p, parse_bound, "bound");
    c.hedge = in.str(o, "hedge", p);
    c.rank = static_cast<int>(in.integer(o, "rank", p));
    c.present = in.boolean(o, "present", p);
    c.destinations = in.strings(o, "destinations", p);
    c.sourcing = in.strings(o, "sourcing", p);
    c.verdict = in.str(o, "verdict", p);
    c.reason = in.str(o, "reason", p);
    c.tolerance = in.str(o, "tolerance", p);
    c.judged_at = in.str(o, "judged_at", p);
    std::size_t j = 0;
    for (dom::element ee : in.array(o, "evidence", p)) {
      std::string ep = In::at(p + "/evidence", j++);
      dom::object eo = in.object(ee, ep);
      if (in.error) return;
      c.evidence.push_back({in.str(eo, "row", ep), in.str(eo, "source", ep), in.str(eo, "value", ep)});
    }
    a.claims.push_back(std::move(c));
  }
}

// Indices that point into other arrays must point inside them.
void check_references(In& in, const DocumentAnalysis& a) {
  auto n = a.sentences.size();
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    for (std::size_t j = 0; j < a.sentences[i].quantities.size(); ++j)
      if (a.sentences[i].quantities[j] >= a.quantities.size())
        in.fail(fmt::format("/sentences/{}/quantities/{}", i, j), "no such quantity");
  for (std::size_t i = 0; i < a.events.size(); ++i)
    if (a.events[i].sentence >= n) in.fail(fmt::format("/events/{}/sentence", i), "no such sentence");
  for (std::size_t i = 0; i < a.kb_links.size(); ++i)
    if (a.kb_links[i].sentence >= n) in.fail(fmt::format("/kb_links/{}/sentence", i), "no such sentence");
  for (std::size_t i = 0; i < a.entity_mentions.size(); ++i)
    if (a.entity_mentions[i].sentence >= n) in.fail(fmt::format("/entity_mentions/{}/sentence", i), "no such sentence");
  for (std::size_t i = 0; i < a.impacts.size(); ++i) {
    if (a.impacts[i].sentence >= n) in.fail(fmt::format("/impacts/{}/sentence", i), "no such sentence");
    if (a.impacts[i].event >= a.events.size()) in.fail(fmt::format("/impacts/{}/event", i), "no such event");
  }
  for (std::size_t i = 0; i < a.claims.size(); ++i)
    if (a.claims[i].sentence >= n) in.fail(fmt::format("/claims/{}/sentence", i), "no such sentence");
  for (std::size_t i = 0; i < a.assessment.framing.size(); ++i) {
    const auto& f = a.assessment.framing[i];
    if (!f.in_headline && f.sentence >= n) in.fail(fmt::format("/assessment/framing/{}/sentence", i), "no such sentence");
  }
  for (std::size_t i = 0; i < a.assessment.genre_signals.size(); ++i) {
    const auto& g = a.assessment.genre_signals[i];
    if (!g.span.empty() && g.sentence >= n) in.fail(fmt::format("/assessment/genre_signals/{}/sentence", i), "no such sentence");
  }
}

// The writer writes a negative zero as "-0", which simdjson reads as the
// integer 0: outside strings, "-0" not followed by a digit, '.' or an
// exponent becomes "-0.0" so that it reads back as -0.0 and writes as "-0".
std::string keep_negative_zeros(std::string_view json) {
  std::string out;
  bool in_string = false;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' && i + 1 < json.size() && json[i + 1] == '0') {
      char next = i + 2 < json.size() ? json[i + 2] : ' ';
      if ((next >= '0' && next <= '9') || next == '.' || next == 'e' || next == 'E') continue;
      out.append(json.substr(copied, i + 2 - copied));
      out += ".0";
      copied = i + 2;
    }
  }
  if (copied == 0) return std::string(json);
  out.append(json.substr(copied));
  return out;
}

}  // namespace

base::Result<DocumentAnalysis> read_analysis(std::string_view json_in) {
  const std::string json = keep_negative_zeros(json_in);
  dom::parser parser;
  dom::element root_el;
  if (auto err = parser.parse(json.data(), json.size()).get(root_el))
    return base::fail(base::Error::invalid(fmt::format("not JSON: {}", simdjson::error_message(err)), {.field = "/"}));
  In in;
  dom::object root = in.object(root_el, "");
  if (!in.error) {
    std::string schema = in.str(root, "schema", "");
    if (schema == kSchemaVersion1) in.version = 1;
    else if (!in.error && schema != kSchemaVersion)
      in.fail("/schema", fmt::format("expected \"{}\" (or \"{}\")", kSchemaVersion, kSchemaVersion1));
  }
  DocumentAnalysis a;
  TextBuilder tb;
  if (!in.error) read_document(in, root, a, tb);
  if (!in.error) read_sentences(in, root, a, tb);
  if (!in.error) read_quantities(in, root, a, tb);
  if (!in.error) read_assessment(in, root, a);
  if (!in.error) read_mentions(in, root, a);
  if (!in.error) read_events(in, root, a);
  if (!in.error) read_kb_links(in, root, a);
  if (!in.error) read_impacts(in, root, a);
  if (!in.error) read_claims(in, root, a);
  if (!in.error) read_entity_mentions(in, root, a);
  if (!in.error) check_references(in, a);
  if (in.error) return base::fail(std::move(*in.error));
  a.document.text = std::move(tb.text);
  return a;
}

}  // namespace assay::analysis
