#include "assay/app/article.h"

namespace assay::app {

std::string render(const Article& article, const RenderOptions& options) {
  switch (options.format) {
    case report::Format::kJson: return report::render_json(article.analysis, article.critique, options.json_indent);
    case report::Format::kHtml: return report::render_html(article.analysis, article.critique);
    case report::Format::kTable:
    case report::Format::kMarkdown: break;
  }
  return report::render_markdown(article.analysis, article.critique, {.color = options.color});
}

const char* extension(report::Format format) {
  switch (format) {
    case report::Format::kJson: return ".json";
    case report::Format::kHtml: return ".html";
    case report::Format::kTable:
    case report::Format::kMarkdown: break;
  }
  return ".md";
}

}  // namespace assay::app
