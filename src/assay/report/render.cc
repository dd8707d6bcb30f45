// Renderers: Markdown (terminal default), JSON (versioned schema) and one
// self-contained HTML page.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "assay/analysis/schema.h"
#include "assay/base/json_writer.h"
#include "assay/base/strings.h"
#include "assay/report/critique.h"

namespace assay::report {

using analysis::DocumentAnalysis;
using analysis::Label;
using base::JsonWriter;

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

const char* role_note(text::SentenceRole r) {
  switch (r) {
    case text::SentenceRole::kBody: return nullptr;
    case text::SentenceRole::kHeading: return "heading";
    case text::SentenceRole::kByline: return "byline";
    case text::SentenceRole::kCaption: return "caption";
    case text::SentenceRole::kList: return "list item";
  }
  return nullptr;
}

std::string render_markdown(const DocumentAnalysis& a, const Critique& c, const MarkdownOptions& o) {
  std::string out;
  const auto& d = a.document;
  auto b = [&](const char* code) { return o.color ? std::string(code) : std::string(); };
  const LabelStyles& labels = o.labels ? *o.labels : LabelStyles::embedded();
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
        // A quote from page furniture or a list says so: "(s3, heading)".
        if (e.sentence >= 0 && static_cast<std::size_t>(e.sentence) < a.sentences.size())
          if (const char* role = role_note(a.sentences[static_cast<std::size_t>(e.sentence)].role)) where += fmt::format(", {}", role);
        // The label's human name (data/labels.tsv) when the evidence supports
        // a label; otherwise the cue, which then names a rule in words
        // ("event", "genre", "headline sensationalism").
        std::string cue = e.cue.empty() ? "" : fmt::format(" [{}]", e.cue);
        if (auto l = analysis::parse_label(e.label)) cue = fmt::format(" [{}]", labels.of(*l).name);
        out += fmt::format("  - {}\u201c{}\u201d{} ({}{}){}\n", b(kCyan), e.fragment, b(kReset), where, cue, "");
      }
    }
    out += "\n";
  }
  return out;
}

namespace {

// "critique": the sections, their points and each point's evidence.
void write_critique(JsonWriter& w, const Critique& c) {
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
        // The cited sentence's 0-based index (Markdown and HTML show it as
        // s{index + 1}); "sentence" in assay.analysis/1.
        w.key("sentence_index");
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
}

}  // namespace

std::string render_json(const DocumentAnalysis& a, const Critique& c, int indent, int depth) {
  std::string out;
  // One allocation instead of one or two regrowths (each copies all written
  // so far). News articles of the pinned benchmark corpus (1,039 of
  // /tmp/cq/q00, texts of 0.3-5 KB) render to 16-34 bytes per byte of
  // text, with a fixed part (document, assessment, critique) of up to 30
  // KB: 20x + 32 KB covers all but two of them, at about 1.4 times the bytes
  // written (the old 12x + 8 KB covered none, and a regrowth doubles).
  out.reserve(a.document.text.size() * 20 + 32768);
  const std::size_t nest = indent >= 0 && depth > 0 ? static_cast<std::size_t>(depth) : 0;
  out.append(2 * nest, ' ');
  JsonWriter w(out, indent >= 0, nest);
  w.begin_object();
  analysis::write_analysis_fields(w, a);
  write_critique(w, c);
  w.end_object();
  return out;
}

}  // namespace assay::report
