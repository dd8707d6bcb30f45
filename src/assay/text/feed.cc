// text/feed: see feed.h. libxml2 parses; this file walks the tree.
#include "assay/text/feed.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <cctype>
#include <memory>
#include <mutex>

#include "assay/base/strings.h"
#include "assay/text/utf8.h"

namespace assay::text {

using base::Error;
using base::fail;

namespace {

// libxml2 sets up its globals once, before threads use it.
void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::string_view local_name(const xmlNode* n) { return n && n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool is(const xmlNode* n, std::string_view name) { return n->type == XML_ELEMENT_NODE && local_name(n) == name; }

std::string content_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (!c) return {};
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return std::string(base::trim(s));
}

std::string attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return std::string(base::trim(s));
}

// The markup inside an element (Atom's type="xhtml" content), as text.
std::string inner_markup(xmlNode* n) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), &xmlBufferFree);
  if (!buf) return {};
  for (xmlNode* c = n->children; c; c = c->next) xmlNodeDump(buf.get(), n->doc, c, 0, 0);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())), static_cast<std::size_t>(xmlBufferLength(buf.get())));
}

// Whether a description reads as markup: feeds escape HTML into it.
bool has_markup(std::string_view s) {
  for (std::size_t at = s.find('<'); at != std::string_view::npos; at = s.find('<', at + 1))
    if (at + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[at + 1])) || s[at + 1] == '/')) return true;
  return false;
}

// An RSS item (2.0 or 1.0): the content module's <content:encoded> before
// <description>; <dc:creator> or <author>; <pubDate> or <dc:date>.
FeedItem rss_item(xmlNode* item, const std::string& outlet) {
  FeedItem it;
  it.line = xmlGetLineNo(item);
  std::string description, encoded, date, dc_date;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view n = local_name(c);
    if (n == "title") it.title = content_of(c);
    else if (n == "link") it.link = content_of(c);
    else if (n == "guid") it.guid = content_of(c);
    else if (n == "description") description = content_of(c);
    else if (n == "encoded") encoded = content_of(c);
    else if (n == "pubDate") date = content_of(c);
    else if (n == "date") dc_date = content_of(c);
    else if (n == "creator" || (n == "author" && it.author.empty())) it.author = content_of(c);
    else if (n == "source") it.outlet = content_of(c);
  }
  if (it.link.empty()) {
    std::string about = attribute(item, "about");  // RSS 1.0: rdf:about is the item's URL
    if (about.starts_with("http")) it.link = about;
  }
  if (it.link.empty() && (it.guid.starts_with("http://") || it.guid.starts_with("https://"))) it.link = it.guid;
  it.content = !encoded.empty() ? encoded : description;
  it.content_is_html = has_markup(it.content);
  std::string when = !date.empty() ? date : dc_date;
  std::string iso = feed_date(when);
  it.published = iso.empty() ? when : iso;
  if (it.outlet.empty()) it.outlet = outlet;
  return it;
}

FeedItem atom_entry(xmlNode* entry, const std::string& outlet) {
  FeedItem it;
  it.line = xmlGetLineNo(entry);
  std::string published, updated, content, summary;
  bool content_html = false, summary_html = false;
  auto typed = [](xmlNode* c, bool& html) {
    std::string type = base::to_lower_ascii(attribute(c, "type"));
    if (type == "xhtml") {
      html = true;
      return inner_markup(c);
    }
    std::string s = content_of(c);
    html = type == "html" || type == "text/html" || (type.empty() && has_markup(s));
    return s;
  };
  for (xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view n = local_name(c);
    if (n == "title") it.title = content_of(c);
    else if (n == "id") it.guid = content_of(c);
    else if (n == "link") {
      std::string rel = attribute(c, "rel");
      if (rel.empty() || rel == "alternate") {
        if (it.link.empty() || rel == "alternate") it.link = attribute(c, "href");
      }
    } else if (n == "published") published = content_of(c);
    else if (n == "updated") updated = content_of(c);
    else if (n == "content") content = typed(c, content_html);
    else if (n == "summary") summary = typed(c, summary_html);
    else if (n == "author") {
      for (xmlNode* a = c->children; a; a = a->next)
        if (is(a, "name") && it.author.empty()) it.author = content_of(a);
    } else if (n == "source") {
      for (xmlNode* s = c->children; s; s = s->next)
        if (is(s, "title")) it.outlet = content_of(s);
    }
  }
  if (!content.empty()) {
    it.content = std::move(content);
    it.content_is_html = content_html;
  } else {
    it.content = std::move(summary);
    it.content_is_html = summary_html;
  }
  std::string when = !published.empty() ? published : updated;
  std::string iso = feed_date(when);
  it.published = iso.empty() ? when : iso;
  if (it.outlet.empty()) it.outlet = outlet;
  return it;
}

// The title and link of a channel or feed element.
void head_of(xmlNode* parent, Feed& feed) {
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (is(c, "title") && feed.title.empty()) feed.title = content_of(c);
    else if (is(c, "link") && feed.link.empty()) {
      std::string href = attribute(c, "href");
      feed.link = href.empty() ? content_of(c) : href;
    }
  }
}

int month_number(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  std::string lower = base::to_lower_ascii(m.substr(0, 3));
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string feed_date(std::string_view date) {
  std::string_view d = base::trim(date);
  // RFC 3339 / ISO 8601: 2025-03-04T10:00:00Z.
  if (d.size() >= 10 && digits(d.substr(0, 4)) && d[4] == '-' && digits(d.substr(5, 2)) && d[7] == '-' && digits(d.substr(8, 2)))
    return std::string(d.substr(0, 10));
  // RFC 822 (as RSS writes it): [Tue,] 4 Mar 2025 10:00:00 GMT.
  if (auto comma = d.find(','); comma != std::string_view::npos && comma < 10) d = base::trim(d.substr(comma + 1));
  std::vector<std::string_view> words;
  while (!d.empty() && words.size() < 3) {
    auto sp = d.find_first_of(" \t");
    words.push_back(d.substr(0, sp));
    d = sp == std::string_view::npos ? std::string_view() : base::trim(d.substr(sp));
  }
  if (words.size() < 3 || !digits(words[0]) || words[0].size() > 2 || !digits(words[2])) return {};
  int day = std::stoi(std::string(words[0]));
  int month = month_number(words[1]);
  int year = std::stoi(std::string(words[2]));
  if (words[2].size() == 2) year += year < 50 ? 2000 : 1900;  // RFC 822's two-digit years
  else if (words[2].size() != 4) return {};
  if (month == 0 || day < 1 || day > 31) return {};
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool looks_like_feed(std::string_view bytes) {
  std::string_view s = bytes.substr(0, 4096);
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (true) {
    s = base::trim(s);
    if (s.starts_with("<?")) {
      auto end = s.find("?>");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 2);
    } else if (s.starts_with("<!--")) {
      auto end = s.find("-->");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 3);
    } else if (s.starts_with("<!")) {
      auto end = s.find('>');
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 1);
    } else {
      break;
    }
  }
  std::string head = base::to_lower_ascii(s.substr(0, 16));
  auto root = [&](std::string_view tag) {
    return head.starts_with(tag) && head.size() > tag.size() && (head[tag.size()] == ' ' || head[tag.size()] == '>' ||
                                                                 head[tag.size()] == '\n' || head[tag.size()] == '\r' ||
                                                                 head[tag.size()] == '\t');
  };
  return root("<rss") || root("<feed") || root("<rdf:rdf");
}

base::Result<Feed> parse_feed(std::string_view bytes, std::string_view name) {
  const std::string where(name);
  if (base::trim(bytes).empty()) return fail(Error::invalid("empty input: no feed to read", {.file = where}));
  if (looks_binary(bytes)) return fail(Error::invalid("binary input, not an RSS or Atom feed", {.file = where}));
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    return fail(Error::invalid("a feed larger than 2 GB", {.file = where}));
  init_libxml();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return fail(Error::io("out of memory for the XML parser", {.file = where}));
  // No network, no entity substitution from outside, no messages on stderr.
  const int flags = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS;
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), where.c_str(), nullptr, flags));
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string why = e && e->message ? std::string(base::trim(e->message)) : "unreadable";
    return fail(Error::invalid(fmt::format("not an RSS or Atom feed: not XML: {}", why),
                               {.file = where, .line = e ? e->line : 0}));
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return fail(Error::invalid("not an RSS or Atom feed: no root element", {.file = where}));
  Feed feed;
  std::string_view r = local_name(root);
  if (r == "rss" || r == "RDF") {
    feed.kind = r == "rss" ? "rss" : "rdf";
    xmlNode* channel = nullptr;
    for (xmlNode* c = root->children; c; c = c->next)
      if (is(c, "channel")) channel = c;
    if (channel) head_of(channel, feed);
    // RSS 2.0 puts the items in the channel, RSS 1.0 beside it.
    for (xmlNode* parent : {channel, root}) {
      if (!parent) continue;
      for (xmlNode* c = parent->children; c; c = c->next)
        if (is(c, "item")) feed.items.push_back(rss_item(c, feed.title));
    }
  } else if (r == "feed") {
    feed.kind = "atom";
    head_of(root, feed);
    for (xmlNode* c = root->children; c; c = c->next)
      if (is(c, "entry")) feed.items.push_back(atom_entry(c, feed.title));
  } else {
    return fail(Error::invalid(fmt::format("not an RSS or Atom feed: the root element is <{}>", r),
                               {.file = where, .line = xmlGetLineNo(root)}));
  }
  return feed;
}

base::Result<ReadResult> read_feed(std::string_view bytes, std::string_view name) {
  Feed feed = ASSAY_TRY(parse_feed(bytes, name));
  ReadResult out;
  for (const FeedItem& it : feed.items) {
    base::Location where{.file = std::string(name), .line = it.line};
    std::string source = fmt::format("{}:{}", name, it.line);
    if (base::trim(it.content).empty()) {
      out.errors.add(Error::invalid("feed item has no text (no content, description or summary)", where));
      continue;
    }
    Document doc;
    if (it.content_is_html) {
      auto html = read_html(it.content, source);
      if (!html) {
        out.errors.add(Error::invalid(html.error().message(), where));
        continue;
      }
      doc = std::move(*html);
    } else {
      doc.text = clean_text(it.content, source, doc.warnings);
      doc.format = Format::kPlain;
    }
    if (base::trim(doc.text).empty()) {
      out.errors.add(Error::invalid("feed item has no text once its markup is stripped", where));
      continue;
    }
    doc.title = clean_text(it.title, source, doc.warnings);
    doc.url = it.link;
    doc.outlet = clean_text(it.outlet, source, doc.warnings);
    doc.published = it.published;
    if (!it.author.empty()) doc.author = clean_text(it.author, source, doc.warnings);
    doc.source = source;
    doc.id = !it.link.empty() ? it.link : !it.guid.empty() ? it.guid : source;
    out.documents.push_back(std::move(doc));
  }
  return out;
}

}  // namespace assay::text
