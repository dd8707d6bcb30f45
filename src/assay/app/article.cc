#include "assay/app/article.h"

namespace assay::app {

std::string render(const Article& article, const RenderOptions& options) {
  switch (options.format) {
    case report::OutputFormat::kJson: return report::render_json(article.analysis, article.critique, options.json_indent);
    case report::OutputFormat::kHtml:
      return report::render_html(article.analysis, article.critique, options.labels ? *options.labels : report::LabelStyles::embedded());
    case report::OutputFormat::kTable:
    case report::OutputFormat::kMarkdown: break;
  }
  return report::render_markdown(article.analysis, article.critique, {.color = options.color});
}

const char* extension(report::OutputFormat format) {
  switch (format) {
    case report::OutputFormat::kJson: return ".json";
    case report::OutputFormat::kHtml: return ".html";
    case report::OutputFormat::kTable:
    case report::OutputFormat::kMarkdown: break;
  }
  return ".md";
}

}  // namespace assay::app
