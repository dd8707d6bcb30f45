#include "assay/text/html_meta.h"

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "assay/base/strings.h"
#include "assay/text/utf8.h"

namespace assay::text {
namespace {

const char* attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (base::is_ascii_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return std::string(base::trim(out));
}

// Everything the page offers, before choosing.
struct Found {
  std::string title, og_title, ld_headline;
  std::string author, ld_author;
  std::string published, ld_published, time_datetime;
  std::string site_name, ld_publisher;
  std::string og_url, canonical;
  std::string description;
  std::string ld_body;
  std::vector<std::string> json_ld;
};

void read_meta_tag(const GumboElement& el, Found& f) {
  const char* name = attr(el, "name");
  if (!name) name = attr(el, "property");
  if (!name) name = attr(el, "itemprop");
  const char* content = attr(el, "content");
  if (!name || !content || !*content) return;
  std::string n = base::to_lower_ascii(name);
  std::string v = collapse_spaces(content);
  auto take = [&](std::string& slot) {
    if (slot.empty()) slot = v;
  };
  switch (meta_field(n)) {
    case MetaField::kTitle: take(f.og_title); break;
    case MetaField::kDescription: take(f.description); break;
    case MetaField::kOutlet: take(f.site_name); break;
    case MetaField::kUrl: take(f.og_url); break;
    case MetaField::kAuthor:
      if (v.find("://") == std::string::npos) take(f.author);
      break;
    case MetaField::kPublished: take(f.published); break;
    case MetaField::kNone: break;
  }
}

std::string_view first_text(const GumboElement& el) {
  for (unsigned i = 0; i < el.children.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(el.children.data[i]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE)
      return c->v.text.text;
  }
  return {};
}

// The names of a schema.org author/publisher value: a string, an object with
// "name", or an array of either.
std::vector<std::string> names_of(simdjson::dom::element e) {
  std::vector<std::string> names;
  std::string_view s;
  simdjson::dom::array arr;
  simdjson::dom::object o;
  if (!e.get_string().get(s)) {
    names.emplace_back(s);
  } else if (!e.get_array().get(arr)) {
    for (auto x : arr) {
      if (!x.get_string().get(s)) names.emplace_back(s);
      else if (!x.get_object().get(o) && !o["name"].get_string().get(s)) names.emplace_back(s);
    }
  } else if (!e.get_object().get(o) && !o["name"].get_string().get(s)) {
    names.emplace_back(s);
  }
  return names;
}

void read_json_ld(const std::string& json, Found& f) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string fixed = repair_utf8(json);
  if (parser.parse(fixed).get(root)) return;
  auto visit = [&](simdjson::dom::element el) {
    simdjson::dom::object o;
    if (el.get_object().get(o)) return;
    std::string_view s;
    if (f.ld_headline.empty() && !o["headline"].get_string().get(s)) f.ld_headline = collapse_spaces(s);
    if (f.ld_published.empty() && !o["datePublished"].get_string().get(s)) f.ld_published = collapse_spaces(s);
    if (f.ld_body.empty() && !o["articleBody"].get_string().get(s)) f.ld_body = std::string(base::trim(s));
    simdjson::dom::element a;
    if (f.ld_author.empty() && !o["author"].get(a)) {
      std::vector<std::string> names;
      for (auto& n : names_of(a)) {
        std::string c = collapse_spaces(n);
        if (c.empty() || c.find("://") != std::string::npos) continue;
        bool seen = false;
        for (const auto& m : names) seen = seen || m == c;
        if (!seen) names.push_back(c);
      }
      f.ld_author = base::join(names, ", ");
    }
    if (f.ld_publisher.empty() && !o["publisher"].get(a)) {
      auto names = names_of(a);
      if (!names.empty()) f.ld_publisher = collapse_spaces(names[0]);
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

void collect(const GumboNode* root, Found& f) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& el = node->v.element;
    switch (el.tag) {
      case GUMBO_TAG_TITLE:
        if (f.title.empty()) f.title = collapse_spaces(first_text(el));
        continue;
      case GUMBO_TAG_META:
        read_meta_tag(el, f);
        continue;
      case GUMBO_TAG_LINK:
        if (const char* rel = attr(el, "rel"); rel && base::iequals_ascii(base::trim(rel), "canonical"))
          if (const char* href = attr(el, "href"); href && f.canonical.empty()) f.canonical = base::trim(href);
        continue;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = attr(el, "type");
            type && base::to_lower_ascii(type).find("ld+json") != std::string::npos && f.json_ld.size() < 16)
          f.json_ld.emplace_back(first_text(el));
        continue;
      case GUMBO_TAG_SVG:
      case GUMBO_TAG_STYLE:
        continue;
      default:
        break;
    }
    if (f.time_datetime.empty()) {
      const char* itemprop = attr(el, "itemprop");
      bool published = itemprop && base::iequals_ascii(itemprop, "datePublished");
      if (el.tag == GUMBO_TAG_TIME || published) {
        const char* d = attr(el, "datetime");
        if (!d && published) d = attr(el, "content");
        if (d && *d) f.time_datetime = collapse_spaces(d);
      }
    }
    for (unsigned i = el.children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(el.children.data[i]));
  }
}

// "By Jane Roe" -> "Jane Roe".
std::string clean_author(std::string a) {
  std::string_view v = base::trim(a);
  if (v.size() > 3 && base::iequals_ascii(v.substr(0, 3), "by ")) v = base::trim(v.substr(3));
  return std::string(v);
}

// A date a CMS writes when it has none ("0001-01-01T00:00:00Z").
bool is_placeholder_date(std::string_view d) {
  if (d.size() < 4 || !base::is_ascii_digit(d[0])) return false;
  int year = 0;
  std::size_t i = 0;
  for (; i < d.size() && base::is_ascii_digit(d[i]); ++i) year = year * 10 + (d[i] - '0');
  return i == 4 && year < 1900;
}

// Letters and digits only, lowercased: "SpaceNews.com" and "spacenews.com" agree.
std::string squash(std::string_view s) {
  std::string out;
  for (char c : s)
    if (base::is_ascii_alpha(c) || base::is_ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80)
      out.push_back(base::lower_ascii(c));
  return out;
}

// The host of a URL without "www." ("https://www.digg.com/x" -> "digg.com").
std::string_view host_of(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  if (url.starts_with("www.")) url.remove_prefix(4);
  return url;
}

// "Story title | Outlet" -> "Story title" when the part after the last
// separator names the outlet, or the site's host ("- Digg" on digg.com).
std::string strip_outlet(std::string title, std::string_view outlet, std::string_view url) {
  std::string_view host = host_of(url);
  std::vector<std::string> names;
  if (!outlet.empty()) names.push_back(squash(outlet));
  if (!host.empty()) {
    names.push_back(squash(host));
    names.push_back(squash(host.substr(0, host.find('.'))));
  }
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                                      " \xC2\xB7 "};
  for (auto sep : kSeparators) {
    std::size_t at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    std::string tail = squash(std::string_view(title).substr(at + sep.size()));
    for (const auto& n : names)
      if (!n.empty() && tail == n) return title.substr(0, at);
  }
  return title;
}

}  // namespace

MetaField meta_field(std::string_view n) {
  struct Entry {
    std::string_view name;
    MetaField field;
  };
  static constexpr Entry kFields[] = {
      {"og:title", MetaField::kTitle},
      {"twitter:title", MetaField::kTitle},
      {"headline", MetaField::kTitle},
      {"description", MetaField::kDescription},
      {"og:description", MetaField::kDescription},
      {"twitter:description", MetaField::kDescription},
      {"og:site_name", MetaField::kOutlet},
      {"og:url", MetaField::kUrl},
      {"author", MetaField::kAuthor},
      {"article:author", MetaField::kAuthor},
      {"dc.creator", MetaField::kAuthor},
      {"sailthru.author", MetaField::kAuthor},
      {"byl", MetaField::kAuthor},
      {"parsely-author", MetaField::kAuthor},
      {"article:published_time", MetaField::kPublished},
      {"og:published_time", MetaField::kPublished},
      {"date", MetaField::kPublished},
      {"pubdate", MetaField::kPublished},
      {"publish-date", MetaField::kPublished},
      {"dc.date", MetaField::kPublished},
      {"dc.date.issued", MetaField::kPublished},
      {"sailthru.date", MetaField::kPublished},
      {"parsely-pub-date", MetaField::kPublished},
      {"datepublished", MetaField::kPublished},
  };
  for (const auto& e : kFields)
    if (e.name == n) return e.field;
  return MetaField::kNone;
}

HtmlMeta read_html_meta(const GumboNode* root) {
  Found f;
  collect(root, f);
  for (const auto& j : f.json_ld) read_json_ld(j, f);
  HtmlMeta m;
  m.outlet = !f.site_name.empty() ? f.site_name : f.ld_publisher;
  m.url = !f.canonical.empty() ? f.canonical : f.og_url;
  std::string title = !f.og_title.empty() ? f.og_title : !f.ld_headline.empty() ? f.ld_headline : f.title;
  m.title = strip_outlet(title, m.outlet, m.url);
  m.author = clean_author(!f.author.empty() ? f.author : f.ld_author);
  for (const std::string* d : {&f.published, &f.ld_published, &f.time_datetime}) {
    if (!d->empty() && !is_placeholder_date(*d)) {
      m.published = *d;
      break;
    }
  }
  m.description = f.description;
  m.article_body = std::move(f.ld_body);
  return m;
}

}  // namespace assay::text
