// HTML reader: parses with gumbo, keeps the visible text of block elements,
// drops scripts, styles, navigation, forms and comments, and reads title,
// author and date from <title>, meta tags and JSON-LD.
#include <gumbo.h>
#include <simdjson.h>

#include <fmt/format.h>

#include <string>

#include "assay/base/strings.h"
#include "assay/text/reader.h"
#include "assay/text/utf8.h"

namespace assay::text {
namespace {

using base::Error;
using base::fail;

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BR:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      return true;
    default:
      return false;
  }
}

const char* attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

struct Meta {
  std::string title, og_title, author, published, json_ld;
};

void append_text(std::string& out, std::string_view t) {
  // Collapse whitespace runs to one space.
  for (char c : t) {
    if (base::is_ascii_space(c)) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

void end_block(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return;
  if (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') return;
  out += out.back() == '\n' ? "\n" : "\n\n";
}

void collect_meta(const GumboNode* node, Meta& meta, int depth) {
  if (depth > 400 || node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& el = node->v.element;
  if (el.tag == GUMBO_TAG_TITLE && el.children.length > 0) {
    const GumboNode* c = static_cast<const GumboNode*>(el.children.data[0]);
    if (c->type == GUMBO_NODE_TEXT && meta.title.empty()) meta.title = base::trim(c->v.text.text);
  } else if (el.tag == GUMBO_TAG_META) {
    const char* name = attr(el, "name");
    if (!name) name = attr(el, "property");
    const char* content = attr(el, "content");
    if (name && content) {
      std::string n = base::to_lower_ascii(name);
      if ((n == "og:title" || n == "twitter:title") && meta.og_title.empty()) meta.og_title = content;
      if ((n == "author" || n == "article:author" || n == "dc.creator" || n == "sailthru.author") && meta.author.empty() &&
          std::string_view(content).find("://") == std::string_view::npos)
        meta.author = content;
      if ((n == "article:published_time" || n == "date" || n == "pubdate" || n == "dc.date" ||
           n == "sailthru.date" || n == "parsely-pub-date") && meta.published.empty())
        meta.published = content;
    }
  } else if (el.tag == GUMBO_TAG_SCRIPT) {
    const char* type = attr(el, "type");
    if (type && std::string_view(type) == "application/ld+json" && el.children.length > 0) {
      const GumboNode* c = static_cast<const GumboNode*>(el.children.data[0]);
      if (c->type == GUMBO_NODE_TEXT && meta.json_ld.empty()) meta.json_ld = c->v.text.text;
    }
    return;
  }
  for (unsigned i = 0; i < el.children.length; ++i)
    collect_meta(static_cast<const GumboNode*>(el.children.data[i]), meta, depth + 1);
}

void read_json_ld(const std::string& json, Meta& meta) {
  if (json.empty()) return;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string fixed = repair_utf8(json);
  if (parser.parse(fixed).get(root)) return;
  auto visit = [&](simdjson::dom::element el) {
    simdjson::dom::object o;
    if (el.get_object().get(o)) return;
    std::string_view s;
    if (meta.og_title.empty() && !o["headline"].get_string().get(s)) meta.og_title = std::string(s);
    if (meta.published.empty() && !o["datePublished"].get_string().get(s)) meta.published = std::string(s);
    if (meta.author.empty()) {
      auto a = o["author"];
      if (!a.get_string().get(s)) meta.author = std::string(s);
      else {
        simdjson::dom::array arr;
        simdjson::dom::element first = a.value_unsafe();
        if (!a.error() && !first.get_array().get(arr) && arr.size() > 0) first = arr.at(0).value_unsafe();
        simdjson::dom::object ao;
        if (!a.error() && !first.get_object().get(ao) && !ao["name"].get_string().get(s)) meta.author = std::string(s);
      }
    }
  };
  simdjson::dom::array arr;
  if (!root.get_array().get(arr)) {
    for (auto el : arr) visit(el);
  } else {
    visit(root);
    simdjson::dom::array graph;
    if (!root["@graph"].get_array().get(graph))
      for (auto el : graph) visit(el);
  }
}

void collect_text(const GumboNode* node, std::string& out, int depth) {
  if (depth > 400) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    append_text(out, node->v.text.text);
    return;
  }
  if (node->type == GUMBO_NODE_WHITESPACE) {
    if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;  // comments, document
  const GumboElement& el = node->v.element;
  if (is_skipped(el.tag)) return;
  bool block = is_block(el.tag);
  if (block) end_block(out);
  for (unsigned i = 0; i < el.children.length; ++i)
    collect_text(static_cast<const GumboNode*>(el.children.data[i]), out, depth + 1);
  if (block) end_block(out);
}

const GumboNode* find_body(const GumboNode* root) {
  if (root->type != GUMBO_NODE_ELEMENT) return root;
  for (unsigned i = 0; i < root->v.element.children.length; ++i) {
    const GumboNode* c = static_cast<const GumboNode*>(root->v.element.children.data[i]);
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY) return c;
  }
  return root;
}

}  // namespace

base::Result<Document> read_html(std::string_view bytes, std::string_view name) {
  if (base::trim(bytes).empty()) return fail(Error::invalid("empty input: no HTML to read", {.file = std::string(name)}));
  if (looks_binary(bytes)) return fail(Error::invalid("binary input, not HTML", {.file = std::string(name)}));
  Document doc;
  doc.source = std::string(name);
  doc.id = std::string(name);
  doc.format = Format::kHtml;
  std::string clean = clean_text(bytes, name, doc.warnings);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  GumboOutput* output = gumbo_parse_with_options(&options, clean.data(), clean.size());
  if (!output) return fail(Error::invalid("HTML could not be parsed", {.file = std::string(name)}));
  Meta meta;
  collect_meta(output->root, meta, 0);
  read_json_ld(meta.json_ld, meta);
  std::string body;
  collect_text(find_body(output->root), body, 0);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  doc.title = !meta.og_title.empty() ? meta.og_title : meta.title;
  doc.author = meta.author;
  doc.published = meta.published;
  doc.text = std::string(base::trim(body));
  if (doc.text.empty()) return fail(Error::invalid("HTML page has no body text", {.file = std::string(name)}));
  return doc;
}

}  // namespace assay::text
