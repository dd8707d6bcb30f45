// app/article: the result object of one analysed article (the analysis and
// the critique derived from it), its rendering in one of the output formats
// (report::OutputFormat, parsed once from the command line or a request),
// and the output contract of `assay analyze`: how each document renders in
// md, json, jsonl or html and how several documents share one stream.
//
//   app::Article a{analyzer.analyze(doc, scratch), {}};
//   a.critique = report::build_critique(a.analysis);
//   std::string md = app::render(a, {.format = report::OutputFormat::kMarkdown});
//   std::string line = app::render(a, {.format = report::OutputFormat::kJson, .json_indent = -1});
//
//   auto plan = app::output_plan("json", /*json_lines_input=*/false);   // pretty JSON, one document
//   app::StreamWriter out(plan->layout, [](std::string_view s) { fwrite(s.data(), 1, s.size(), stdout); });
//   out.add(app::render(a, plan->render));   // ... once per document, in order
//   out.finish();                            // one object for one document, an array for several
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "assay/analysis/analyzer.h"
#include "assay/report/chain.h"
#include "assay/report/critique.h"

namespace assay::app {

struct Article {
  analysis::DocumentAnalysis analysis;
  report::Critique critique;
};

struct RenderOptions {
  report::OutputFormat format = report::OutputFormat::kMarkdown;  // kTable renders as kMarkdown
  int json_indent = 2;  // kJson: -1 for one line (JSON Lines)
  // kJson, indented: rendered as an element this many levels deep in an
  // enclosing array (StreamWriter's kDocument layout, made with
  // `indented_elements`): each line 2 * json_depth spaces further in.
  int json_depth = 0;
  bool color = false;   // kMarkdown: ANSI colours for a terminal
  // kHtml and kMarkdown: label names (HTML: also definitions and colours),
  // data/labels.tsv from the engine's data; null: the embedded file.
  std::shared_ptr<const report::LabelStyles> labels;
};

std::string render(const Article& article, const RenderOptions& options);

// The file extension of a format: ".md", ".json", ".html".
const char* extension(report::OutputFormat format);

// How the documents of one run share a single stream (standard output).
enum class Layout : std::uint8_t {
  kSections,  // Markdown: one after the other, a "---" line between two
  kLines,     // JSON Lines: one compact object per line
  kDocument,  // JSON: exactly one JSON document: the object itself for one
              // article, an array of them for any other number (0, 2, ...)
  kSingle,    // HTML: one page; a second document is refused (use --out)
};

// What `assay analyze --format F` writes.
struct OutputPlan {
  RenderOptions render;   // per document (json: indented; jsonl: one line)
  Layout layout;          // on one stream
  const char* extension;  // per file under --out: .md, .json (json and jsonl), .html
};

// The plan for a format name: md, json, jsonl or html; "" is md, or jsonl
// when the input is JSON Lines. nullopt for an unknown name.
std::optional<OutputPlan> output_plan(std::string_view format, bool json_lines_input);

// Lays rendered documents out on a stream, in the order they are added. It
// holds at most one document (the first, until it knows whether a second
// follows), so memory does not grow with the number of documents.
// Not thread-safe: one writer thread adds.
class StreamWriter {
 public:
  using Write = std::function<void(std::string_view)>;
  StreamWriter(Layout layout, Write write);
  // kDocument: the documents come rendered as elements of the array
  // already (RenderOptions::json_depth 1), so that the writer need not copy
  // each to indent it; a lone document is written back at depth 0.
  StreamWriter(Layout layout, Write write, bool indented_elements);
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  // Adds the next rendered document (as app::render gives it). False, and
  // nothing is added, when the layout takes no more documents (kSingle after
  // the first); finish() then writes nothing at all.
  bool add(std::string rendered);
  // Ends the stream: writes what is held and closes the array. Call once.
  void finish();

  std::size_t documents() const { return documents_; }  // accepted so far
  bool refused() const { return refused_; }             // add() returned false

 private:
  void put(std::string_view s) { write_(s); }

  Layout layout_;
  Write write_;
  bool indented_ = false;  // kDocument: documents come indented as elements
  std::optional<std::string> held_;  // kDocument, kSingle: the first document
  std::size_t documents_ = 0;
  bool refused_ = false;
  bool finished_ = false;
};

}  // namespace assay::app
