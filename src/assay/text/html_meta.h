// text/html_meta: what a page says about itself: title, author, date,
// outlet and address, from <title>, <meta> tags, <link rel=canonical>,
// <time datetime> and JSON-LD (schema.org Article and friends).
//
//   GumboOutput* out = gumbo_parse(html);
//   HtmlMeta meta = read_html_meta(out->root);
//   // meta.title "Lynas expands" (a trailing " | Site" is cut when it names
//   // the outlet), meta.author "Ann Lee, Bo Chan" (no "By "), meta.published
//   // "2025-03-04T10:00:00Z" (as given; placeholder dates such as year 1 are
//   // dropped), meta.outlet "Mining Weekly", meta.url "https://...".
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace assay::text {

struct HtmlMeta {
  std::string title;
  std::string author;
  std::string published;
  std::string outlet;
  std::string url;
  std::string description;   // the page's summary (meta description)
  std::string article_body;  // JSON-LD articleBody, as given (often absent)
};

HtmlMeta read_html_meta(const GumboNode* root);

// What a <meta> tag's name (or property, or itemprop), lowercased, tells the
// reader; kNone for the tags it does not read. prepare_html drops those.
enum class MetaField { kNone, kTitle, kDescription, kOutlet, kUrl, kAuthor, kPublished };
MetaField meta_field(std::string_view lowercase_name);

}  // namespace assay::text
