#include "assay/app/article.h"

#include <cassert>

namespace assay::app {

std::string render(const Article& article, const RenderOptions& options) {
  switch (options.format) {
    case report::OutputFormat::kJson:
      return report::render_json(article.analysis, article.critique, options.json_indent, options.json_depth);
    case report::OutputFormat::kHtml:
      return report::render_html(article.analysis, article.critique, options.labels ? *options.labels : report::LabelStyles::embedded());
    case report::OutputFormat::kTable:
    case report::OutputFormat::kMarkdown: break;
  }
  return report::render_markdown(article.analysis, article.critique, {.color = options.color, .labels = options.labels.get()});
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

std::optional<OutputPlan> output_plan(std::string_view format, bool json_lines_input) {
  using report::OutputFormat;
  if (format.empty()) format = json_lines_input ? "jsonl" : "md";
  if (format == "md") return OutputPlan{{.format = OutputFormat::kMarkdown}, Layout::kSections, ".md"};
  if (format == "json") return OutputPlan{{.format = OutputFormat::kJson, .json_indent = 2}, Layout::kDocument, ".json"};
  if (format == "jsonl") return OutputPlan{{.format = OutputFormat::kJson, .json_indent = -1}, Layout::kLines, ".json"};
  if (format == "html") return OutputPlan{{.format = OutputFormat::kHtml}, Layout::kSingle, ".html"};
  return std::nullopt;
}

namespace {

// `json` as an element of an array indented by two spaces: every line moved
// right by two (JSON strings hold no raw newline, so only structure moves).
std::string indent_element(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 8 + 2);
  out += "  ";
  // Line by line (memchr finds the next newline), not byte by byte.
  for (std::size_t at = 0; at < json.size();) {
    std::size_t nl = json.find('\n', at);
    if (nl == std::string_view::npos) {
      out.append(json.substr(at));
      break;
    }
    out.append(json.substr(at, nl + 1 - at));
    out += "  ";
    at = nl + 1;
  }
  return out;
}

// The inverse of indent_element: `json` as a document of its own again.
std::string unindent_element(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  std::size_t at = json.starts_with("  ") ? 2 : 0;
  while (at < json.size()) {
    std::size_t nl = json.find('\n', at);
    if (nl == std::string_view::npos) {
      out.append(json.substr(at));
      break;
    }
    out.append(json.substr(at, nl + 1 - at));
    at = nl + 1;
    if (json.substr(at, 2) == "  ") at += 2;
  }
  return out;
}

}  // namespace

StreamWriter::StreamWriter(Layout layout, Write write) : layout_(layout), write_(std::move(write)) {}

StreamWriter::StreamWriter(Layout layout, Write write, bool indented_elements)
    : layout_(layout), write_(std::move(write)), indented_(indented_elements && layout == Layout::kDocument) {}

bool StreamWriter::add(std::string rendered) {
  assert(!finished_);
  if (refused_) return false;
  switch (layout_) {
    case Layout::kSections:
      if (documents_ > 0) put("\n---\n\n");
      put(rendered);
      break;
    case Layout::kLines:
      put(rendered);
      put("\n");
      break;
    case Layout::kDocument:
      if (documents_ == 0) {
        held_ = std::move(rendered);
        break;
      }
      if (held_) {
        put("[\n");
        put(indented_ ? *held_ : indent_element(*held_));
        held_.reset();
      }
      put(",\n");
      put(indented_ ? rendered : indent_element(rendered));
      break;
    case Layout::kSingle:
      if (documents_ > 0) {
        refused_ = true;
        held_.reset();
        return false;
      }
      held_ = std::move(rendered);
      break;
  }
  ++documents_;
  return true;
}

void StreamWriter::finish() {
  assert(!finished_);
  finished_ = true;
  if (layout_ == Layout::kDocument) {
    if (documents_ == 0) put("[]\n");
    else if (held_) {
      put(indented_ ? unindent_element(*held_) : *held_);
      put("\n");
    } else {
      put("\n]\n");
    }
  } else if (layout_ == Layout::kSingle && held_ && !refused_) {
    put(*held_);
  }
  held_.reset();
}

}  // namespace assay::app
