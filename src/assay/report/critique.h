// report/critique: turns a DocumentAnalysis into the critique analysts read
// (eval/sample-critique.md): Highlights · What holds true · Where shadows
// appear · Bias between the lines · Why it matters for the supply chain ·
// Bottom line. Every point carries its evidence: the sentence, the quoted
// fragment and the cue, so that a renderer can show or link it.
//
//   Critique c = build_critique(analysis);
//   for (const Section& s : c.sections)
//     for (const Point& p : s.points) fmt::print("- {}\n", p.text);
//   std::string md = render_markdown(analysis, c, {.color = false});
//   std::string js = render_json(analysis, c);     // schema "assay.analysis/2"
//   std::string page = render_html(analysis, c);   // one self-contained page
#pragma once

#include <string>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/schema.h"
#include "assay/report/labels.h"

namespace assay::report {

inline constexpr const char* kSchemaVersion = analysis::kSchemaVersion;

// What a piece of evidence is, for renderers to show it (JSON writes `cue`).
enum class EvidenceKind : std::uint8_t {
  kCue,       // a label's cue or a framing signal in the text; `cue` names the category, rule or framing
  kEvent,     // the sentence that reports an event (cue "event")
  kQuantity,  // a figure to check (cue "quantity")
  kLead,      // the lead sentence, quoted in the point's text (cue "lead")
  kModel,     // the supply model an impact was computed on; `fragment` names it (cue "model")
  kKb,        // a knowledge-base row; `fragment` is its source and row (cue "kb")
};

struct PointEvidence {
  std::int64_t sentence = -1;  // index into the analysis' sentences, or -1
  base::Span span;             // the cue or fragment in the document text
  std::string fragment;        // the quoted sentence fragment
  std::string cue;             // the lexicon category or rule, or "kb"/"model"
  std::string label;           // the LABELS.md label it supports, if any
  EvidenceKind kind = EvidenceKind::kCue;
};

struct Point {
  std::string text;  // one plain-language statement
  std::vector<PointEvidence> evidence;
};

struct Section {
  std::string id;     // highlights, holds_true, shadows, bias, supply_chain, bottom_line
  std::string title;  // "What holds true"
  std::vector<Point> points;
};

struct Critique {
  std::vector<Section> sections;
  std::string verdict;  // the bottom line in one sentence
};

Critique build_critique(const analysis::DocumentAnalysis& a);

struct MarkdownOptions {
  bool color = false;  // ANSI colours for a terminal
  // Label names after quotes ("[Named source]", data/labels.tsv); the
  // embedded copy when null.
  const LabelStyles* labels = nullptr;
};

std::string render_markdown(const analysis::DocumentAnalysis& a, const Critique& c, const MarkdownOptions& o = {});
// `indent` < 0: one line. Else pretty, and with `depth` > 0 laid out as an
// element `depth` levels deep in an enclosing document (an array of
// documents): each line, the first included, 2 * depth spaces further in.
std::string render_json(const analysis::DocumentAnalysis& a, const Critique& c, int indent = -1, int depth = 0);
// The page's legend, highlight colours and tooltips come from `labels`
// (data/labels.tsv; labels.h).
std::string render_html(const analysis::DocumentAnalysis& a, const Critique& c,
                        const LabelStyles& labels = LabelStyles::embedded());

// How a renderer names a sentence that is not body text, after its number
// ("s3, heading"): "heading", "byline", "caption", "list item"; nullptr for body text.
const char* role_note(text::SentenceRole r);

// Text made safe inside HTML elements and attribute values (& < > " ').
std::string html_escape(std::string_view s);

// The quoted fragment of a sentence around a span: at most `max_bytes`,
// cut at word boundaries, with an ellipsis where it was cut.
std::string fragment_around(std::string_view text, base::Span sentence, base::Span focus, std::size_t max_bytes = 160);

}  // namespace assay::report
