// app/article: the result object of one analysed article (the analysis and
// the critique derived from it) and its rendering in one of the output
// formats (report::OutputFormat, parsed once from the command line or a request).
//
//   app::Article a{analyzer.analyze(doc, scratch), {}};
//   a.critique = report::build_critique(a.analysis);
//   std::string md = app::render(a, {.format = report::OutputFormat::kMarkdown});
//   std::string line = app::render(a, {.format = report::OutputFormat::kJson, .json_indent = -1});
#pragma once

#include <memory>
#include <string>

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
  bool color = false;   // kMarkdown: ANSI colours for a terminal
  // kHtml: label names, definitions and colours (data/labels.tsv from the
  // engine's data); null: the embedded file.
  std::shared_ptr<const report::LabelStyles> labels;
};

std::string render(const Article& article, const RenderOptions& options);

// The file extension of a format: ".md", ".json", ".html".
const char* extension(report::OutputFormat format);

}  // namespace assay::app
