// HTML reader: main-content extraction.
//
// The page goes through prepare_html (no scripts, styles or comments, nesting
// capped), is parsed with gumbo and copied into a flat tree (`Page`) in
// document order, invisible elements marked. Then:
//  1. boilerplate is removed by tag (nav, aside, footer, forms), by class/id
//     words (share, related, comments, ad slots, short captions, credits and
//     bylines, standfirsts), except for a node that holds most of the page's
//     prose;
//  2. text blocks are scored as Readability does (commas, length, the class
//     words of their ancestors) and the scores flow to their ancestors; the
//     best ancestor, weighed down by its link density, is the article;
//  3. an article cut into chunks between ads is gathered by its container's
//     class; otherwise siblings that continue it (and a lead paragraph set
//     apart before it) join it;
//  4. inside the article, link lists, "Read more" lines, ad labels and
//     widgets are cleaned out conditionally (link density, paragraphs,
//     inputs, images), and headings that repeat the description;
//  5. the text is written with blank lines between blocks, without the
//     headline (it is the title) or a heading left dangling at the end.
// When an attempt yields under 500 characters, the next strips less
// (Readability's retry). Metadata comes from html_meta. ASSAY_HTML_DEBUG=1
// prints each attempt's choice to stderr.
#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "assay/base/strings.h"
#include "assay/text/html_meta.h"
#include "assay/text/html_prepare.h"
#include "assay/text/reader.h"
#include "assay/text/utf8.h"

namespace assay::text {
namespace {

using base::Error;
using base::fail;

constexpr std::size_t kMaxDepth = 256;
// Markup (after prepare_html) beyond this is not parsed: gumbo needs about
// 15 bytes of memory per byte of dense markup, and no article needs more.
constexpr std::size_t kMaxMarkup = 16u << 20;

const char* attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

// ---------------------------------------------------------------- the tree

enum class Kind : unsigned char { kElement, kText };

struct Node {
  Kind kind = Kind::kElement;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int parent = -1;
  int first = -1, last = -1, next = -1;
  std::string_view text;  // text nodes: points into the gumbo output
  int text_chars = 0, text_commas = 0;  // text nodes: counted once
  std::string words;      // elements: lowercased " class id "
  std::string cls;        // elements: the class attribute as written
  bool hidden = false;   // invisible or a boilerplate ARIA role: never text
  bool removed = false;  // removed by the current extraction attempt
  bool in_link = false;  // text under an <a>
  int block = -1;        // nearest block ancestor (elements and text)
  // Subtree statistics (recomputed after each round of removals).
  int chars = 0, link_chars = 0, commas = 0;
  int paragraphs = 0, list_items = 0, images = 0, inputs = 0, embeds = 0, heading_chars = 0, links = 0;
  // Own inline text (not under a nested block).
  int own_chars = 0, own_commas = 0, own_link_chars = 0;
  // Text of the subtree's prose blocks (own text of 50+ characters, links not counted).
  int prose_chars = 0;
  bool has_block_child = false;
  double score = 0;
  bool scored = false;
};

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

// Never text: dropped while copying the tree.
bool is_dropped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST: case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

// Boilerplate by tag: removed wherever it is.
bool is_boilerplate_tag(GumboTag t) {
  return t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_MENU;
}

bool is_hidden(const GumboElement& el) {
  if (gumbo_get_attribute(&el.attributes, "hidden")) return true;
  if (const char* a = attr(el, "aria-hidden"); a && std::string_view(a) == "true") return true;
  if (const char* s = attr(el, "style")) {
    std::string st = base::to_lower_ascii(s);
    st.erase(std::remove_if(st.begin(), st.end(), [](char c) { return base::is_ascii_space(c); }), st.end());
    if (st.find("display:none") != std::string::npos || st.find("visibility:hidden") != std::string::npos) return true;
  }
  return false;
}

// Class names of CSS frameworks that hide an element (Bootstrap's d-none,
// screen-reader-only text, print-only blocks).
bool has_hidden_class(std::string_view cls) {
  for (std::string_view c : base::split(cls, ' ')) {
    std::string t = base::to_lower_ascii(base::trim(c));
    if (t == "d-none" || t == "hide" || t == "hidden" || t == "is-hidden" || t == "u-hidden" || t == "sr-only" ||
        t == "visually-hidden" || t == "visuallyhidden" || t == "screen-reader-text" || t == "screen-reader-only" ||
        t == "print-only" || t == "offscreen")
      return true;
  }
  return false;
}

bool is_boilerplate_role(std::string_view role) {
  return role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
         role == "menu" || role == "menubar" || role == "dialog" || role == "alertdialog" || role == "search" ||
         role == "toolbar" || role == "tablist";
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

template <std::size_t N>
bool contains_any(std::string_view hay, const std::string_view (&needles)[N]) {
  for (auto n : needles)
    if (contains(hay, n)) return true;
  return false;
}

// Class/id words of boilerplate (Readability's list and more).
constexpr std::string_view kUnlikely[] = {
    "-ad-", "ad-break", "adbox", "advert", "agegate", "banner", "breadcrumb", "combx", "comment", "community",
    "consent", "cookie", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "modal",
    "newsletter", "outbrain", "pager", "pagination", "popup", "promo", "related", "remark", "replies", "rss",
    "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "subscribe", "supplemental",
    "taboola", "toolbar", "widget", "yom-remote", "signup", "sign-up", "recommend", "trending",
    "most-popular", "mostpopular", "most-read", "read-more", "readmore", "more-stories", "masthead",
    "navbar", "nav-", "-nav", "skip", "byline", "author-bio", "tags", "topics", "follow"};
constexpr std::string_view kMaybe[] = {"and", "article", "body", "column", "content", "main", "shadow", "story",
                                       "entry", "post", "text", "prose"};
constexpr std::string_view kPositive[] = {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
                                          "pagination", "post", "text", "blog", "story", "prose"};
constexpr std::string_view kNegative[] = {
    "-ad-", "hidden", " hid ", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "caption", "credit", "byline", "social",
    "newsletter", "subscribe", "recommend"};
// Removed even when a "maybe" word is present too.
constexpr std::string_view kStrong[] = {"comment", "related", "share", "sharing", "social", "newsletter", "cookie",
                                        "consent", "outbrain", "taboola", "recommend", "promo", "subscribe",
                                        "breadcrumb", "trending", "most-popular", "most-read", "more-stories",
                                        "read-more", "readmore", "advert", "sidebar", "disqus"};

// Class/id words of page furniture that is boilerplate when short (captions,
// credits, bylines, datelines, tag lists, image and video boxes).
constexpr std::string_view kShortJunk[] = {
    "caption", "credit", "byline", "author", "dateline", "timestamp", "-date", "date-", "_date", "date_", " date ",
    "pubdate", "published", "meta", "photo", "image", "img", "video", "media", "gallery", "slideshow", "tags",
    "label", "categor", "disclaimer", "copyright", "sticky", "embed", " dates "};

// Class/id words of a standfirst (dek, summary): the title's companion, not body.
constexpr std::string_view kStandfirst[] = {" dek ", "-dek", "dek-", "_dek", "standfirst", "strapline", "subtitle",
                                            "lead-text", "excerpt", "teaser", "sub-title", " deck "};

// Class/id tokens (split at non-alphanumerics) of advertising.
bool has_ad_token(std::string_view words) {
  std::size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && !base::is_ascii_alpha(words[i]) && !base::is_ascii_digit(words[i])) ++i;
    std::size_t j = i;
    while (j < words.size() && (base::is_ascii_alpha(words[j]) || base::is_ascii_digit(words[j]))) ++j;
    std::string_view t = words.substr(i, j - i);
    if (t == "ad" || t == "ads" || t == "adv" || t == "advert" || t == "advertisement" || t == "dfp" || t == "gpt" ||
        t == "adslot" || t == "adunit" || t == "adsense" || t == "adsbygoogle")
      return true;
    i = j;
  }
  return false;
}

// Labels that stand alone in the text where an advertisement was.
bool is_ad_label(std::string_view text) {
  std::string t = base::to_lower_ascii(base::trim(text));
  return t == "advertisement" || t == "advert" || t == "ad" || t == "sponsored" || t == "continue reading below" ||
         t == "story continues below" || t == "article continues below" || t == "story continues below advertisement" ||
         t == "article continues below advertisement" || t == "advertisement - scroll to continue" ||
         t == "- advertisement -" || t == "-advertisement-";
}

int class_weight(std::string_view words) {
  if (words.size() <= 2) return 0;
  int w = 0;
  if (contains_any(words, kNegative)) w -= 25;
  if (contains_any(words, kPositive)) w += 25;
  return w;
}

class Page {
 public:
  explicit Page(const GumboNode* body) { copy(body); }

  std::vector<Node>& nodes() { return nodes_; }

  bool alive(int i) const { return alive_[static_cast<std::size_t>(i)]; }

  // Recomputes liveness and subtree statistics after removals.
  void measure() {
    alive_.assign(nodes_.size(), true);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      bool a = !n.removed && !n.hidden && (n.parent < 0 || alive_[static_cast<std::size_t>(n.parent)]);
      alive_[i] = a;
      n.chars = n.link_chars = n.commas = n.paragraphs = n.list_items = n.images = n.inputs = n.embeds = n.links = 0;
      n.heading_chars = n.own_chars = n.own_commas = n.own_link_chars = n.prose_chars = 0;
      n.has_block_child = false;
    }
    for (std::size_t k = nodes_.size(); k-- > 1;) {
      Node& n = nodes_[k];
      if (!alive_[k]) continue;
      if (n.kind == Kind::kText) {
        int c = n.text_chars, commas = n.text_commas;
        n.chars = c;
        n.commas = commas;
        if (n.in_link) n.link_chars = c;
        if (n.block >= 0) {
          Node& b = nodes_[static_cast<std::size_t>(n.block)];
          b.own_chars += c;
          b.own_commas += commas;
          if (n.in_link) b.own_link_chars += c;
        }
      } else {
        // Paragraphs: <p>, and blocks of text written as <div>s.
        bool text_div = (n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_SECTION) && !n.has_block_child && n.own_chars > 0;
        if (n.tag == GUMBO_TAG_P || text_div) ++n.paragraphs;
        if (is_block(n.tag) && n.own_chars >= 50) n.prose_chars += n.own_chars - n.own_link_chars;
        if (n.tag == GUMBO_TAG_LI) ++n.list_items;
        if (n.tag == GUMBO_TAG_IMG) ++n.images;
        if (n.tag == GUMBO_TAG_A) ++n.links;
        if (n.tag == GUMBO_TAG_INPUT) ++n.inputs;
        if (n.tag == GUMBO_TAG_EMBED || n.tag == GUMBO_TAG_OBJECT || n.tag == GUMBO_TAG_IFRAME) ++n.embeds;
        if (is_heading(n.tag)) n.heading_chars = n.chars;
        if (is_block(n.tag) && n.block >= 0) nodes_[static_cast<std::size_t>(n.block)].has_block_child = true;
      }
      Node& p = nodes_[static_cast<std::size_t>(n.parent)];
      p.chars += n.chars;
      p.link_chars += n.link_chars;
      p.commas += n.commas;
      p.paragraphs += n.paragraphs;
      p.list_items += n.list_items;
      p.images += n.images;
      p.links += n.links;
      p.inputs += n.inputs;
      p.embeds += n.embeds;
      p.heading_chars += n.heading_chars;
      p.prose_chars += n.prose_chars;
    }
  }

  static int count_chars(std::string_view s) {
    // Code points, whitespace runs counted once.
    int c = 0;
    bool space = true;
    for (unsigned char ch : s) {
      if (base::is_ascii_space(static_cast<char>(ch))) {
        if (!space) ++c;
        space = true;
      } else {
        space = false;
        if ((ch & 0xC0) != 0x80) ++c;
      }
    }
    return c;
  }

  static int count_commas(std::string_view s) {
    int c = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char ch = s[i];
      if (ch == ',') {
        ++c;
      } else if (static_cast<unsigned char>(ch) >= 0xD8) {
        // U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C Arabic comma.
        std::string_view rest = s.substr(i);
        if (rest.starts_with("\xEF\xBC\x8C") || rest.starts_with("\xE3\x80\x81") || rest.starts_with("\xD8\x8C")) ++c;
      }
    }
    return c;
  }

 private:
  void copy(const GumboNode* root) {
    struct Item {
      const GumboNode* g;
      int parent;
    };
    std::vector<Item> stack{{root, -1}};
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      const GumboNode* g = it.g;
      Node n;
      n.parent = it.parent;
      if (it.parent >= 0) {
        const Node& p = nodes_[static_cast<std::size_t>(it.parent)];
        n.in_link = p.in_link || (p.kind == Kind::kElement && p.tag == GUMBO_TAG_A);
        n.block = is_block(p.tag) ? it.parent : p.block;
      }
      if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA || g->type == GUMBO_NODE_WHITESPACE) {
        n.kind = Kind::kText;
        n.text = g->v.text.text;
        n.text_chars = count_chars(n.text);
        n.text_commas = count_commas(n.text);
      } else if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
        const GumboElement& el = g->v.element;
        if (is_dropped_tag(el.tag)) continue;
        n.tag = el.tag;
        if (el.tag == GUMBO_TAG_UNKNOWN) {
          // Custom elements count as inline unless they hold blocks; treat as span.
          n.tag = GUMBO_TAG_SPAN;
        }
        const char* cls = attr(el, "class");
        const char* id = attr(el, "id");
        const char* role = attr(el, "role");
        if (cls) n.cls = base::trim(cls);
        if (cls || id) {
          std::string_view c = cls ? cls : "", d = id ? id : "";
          n.words.reserve(c.size() + d.size() + 3);
          n.words.push_back(' ');
          for (char ch : c) n.words.push_back(base::lower_ascii(ch));
          n.words.push_back(' ');
          for (char ch : d) n.words.push_back(base::lower_ascii(ch));
          n.words.push_back(' ');
        }
        if (it.parent >= 0 && (is_hidden(el) || (cls && has_hidden_class(cls)) ||
                               (role && is_boilerplate_role(base::to_lower_ascii(role)))))
          n.hidden = true;
      } else {
        continue;  // comments
      }
      int index = static_cast<int>(nodes_.size());
      if (n.parent >= 0) {
        Node& p = nodes_[static_cast<std::size_t>(n.parent)];
        if (p.last >= 0) nodes_[static_cast<std::size_t>(p.last)].next = index;
        else p.first = index;
        p.last = index;
      }
      nodes_.push_back(std::move(n));
      if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
        const GumboVector& kids = g->v.element.children;
        for (unsigned k = kids.length; k-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[k]), index});
      }
    }
  }

  std::vector<Node> nodes_;
  std::vector<bool> alive_;
};

// ---------------------------------------------------------------- extraction

class Extractor {
 public:
  Extractor(const GumboNode* body, std::string_view title, std::string_view description)
      : page_(body), n_(page_.nodes()), title_(title), description_(squash(description)) {}

  // Readability's retry: when an attempt yields little text, the next one
  // strips less. The longest result wins if none is long enough.
  std::string run() {
    std::string best;
    for (int attempt = 0; attempt < 3; ++attempt) {
      strip_unlikely_ = attempt < 1;
      weigh_classes_ = attempt < 2;
      reset();
      page_.measure();
      remove_hover_cards();
      remove_boilerplate();
      page_.measure();
      int top = pick_article();
      std::vector<int> parts = gather_chunks(top);
      if (parts.empty()) parts = gather_siblings(climb(top));
      for (int p : parts) clean(p);
      page_.measure();
      std::string out;
      marks_.clear();
      title_dropped_ = false;
      last_heading_ = last_heading_end_ = std::string::npos;
      for (int p : parts) write(p, out);
      // A heading that ends the article introduced something removed
      // ("You may also like:").
      if (last_heading_end_ != std::string::npos && base::trim(std::string_view(out).substr(last_heading_end_)).empty())
        out.resize(last_heading_);
      out = std::string(base::trim(out));
      if (debug_) {
        std::fprintf(stderr, "attempt %d: top %d <%s>%s score %.1f, %zu parts, %zu bytes\n", attempt, top,
                     gumbo_normalized_tagname(at(top).tag), at(top).words.c_str(), at(top).score, parts.size(),
                     out.size());
      }
      if (Page::count_chars(out) >= 500) {
        best_marks_ = std::move(marks_);
        return out;
      }
      if (out.size() > best.size()) {
        best = std::move(out);
        best_marks_ = std::move(marks_);
      }
    }
    return best;
  }

  // The headings and list items of the text run() returned, as written
  // (text/roles reads them as Document::blocks), in text order.
  struct Mark {
    BlockKind kind;
    std::string text;
  };
  const std::vector<Mark>& marks() const { return best_marks_; }

 private:
  void reset() {
    for (Node& n : n_) {
      n.removed = false;
      n.score = 0;
      n.scored = false;
    }
  }

  Node& at(int i) { return n_[static_cast<std::size_t>(i)]; }

  double link_density(int i) { return at(i).chars ? static_cast<double>(at(i).link_chars) / at(i).chars : 0; }

  // Hover cards inside running text: an inline element of a paragraph that
  // holds a picture and several links, mostly link text (a person's card
  // with their latest stories). Innermost first; a card's text no longer
  // counts for the elements around it.
  void remove_hover_cards() {
    for (std::size_t k = n_.size(); k-- > 1;) {
      Node& n = n_[k];
      int i = static_cast<int>(k);
      if (n.kind != Kind::kElement || is_block(n.tag) || n.tag == GUMBO_TAG_A || !page_.alive(i)) continue;
      if (n.images < 1 || n.links < 2 || n.block < 0 || at(n.block).tag != GUMBO_TAG_P || link_density(i) <= 0.5)
        continue;
      n.removed = true;
      for (int a = n.parent; a >= 0; a = at(a).parent) {
        at(a).chars -= n.chars;
        at(a).link_chars -= n.link_chars;
        at(a).images -= n.images;
        at(a).links -= n.links;
      }
    }
  }

  void remove_boilerplate() {
    int total = std::max(1, at(0).prose_chars);
    for (std::size_t k = 1; k < n_.size(); ++k) {
      Node& n = n_[k];
      if (n.kind != Kind::kElement || n.removed || !page_.alive(static_cast<int>(k))) continue;
      // A node holding most of the page's text is never boilerplate.
      bool holds_page = n.prose_chars * 2 > total && link_density(static_cast<int>(k)) < 0.5;
      if (is_boilerplate_tag(n.tag) && !holds_page) {
        n.removed = true;
        continue;
      }
      if ((n.tag == GUMBO_TAG_FORM || n.tag == GUMBO_TAG_FIELDSET) && !holds_page && n.paragraphs < 3) {
        n.removed = true;
        continue;
      }
      if (n.words.empty() || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_ARTICLE ||
          n.tag == GUMBO_TAG_MAIN)
        continue;
      // Readers' comments go however long the thread is, in every attempt.
      if (n.words.find("comments") != std::string::npos || n.words.find("disqus") != std::string::npos) {
        n.removed = true;
        continue;
      }
      if (!strip_unlikely_ || holds_page) continue;
      if (has_ad_token(n.words) && n.prose_chars < 200) {
        n.removed = true;
        continue;
      }
      if ((n.chars < 200 && contains_any(n.words, kShortJunk)) || (n.chars < 500 && contains_any(n.words, kStandfirst))) {
        n.removed = true;
        continue;
      }
      if (contains_any(n.words, kStrong) || (contains_any(n.words, kUnlikely) && !contains_any(n.words, kMaybe)))
        n.removed = true;
    }
  }

  static double tag_score(GumboTag t) {
    switch (t) {
      case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN: return 5;
      case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
      case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
      case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
      case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
      default: return 0;
    }
  }

  void add_score(int i, double s) {
    Node& n = at(i);
    if (!n.scored) {
      n.scored = true;
      n.score = tag_score(n.tag) + (weigh_classes_ ? class_weight(n.words) : 0);
    }
    n.score += s;
  }

  static bool scores_as_paragraph(GumboTag t) {
    switch (t) {
      case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
      case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_H2:
      case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_CENTER:
        return true;
      default:
        return false;
    }
  }

  int pick_article() {
    std::vector<int> scored;
    for (std::size_t k = 1; k < n_.size(); ++k) {
      int i = static_cast<int>(k);
      Node& n = n_[k];
      if (n.kind != Kind::kElement || !page_.alive(i) || !scores_as_paragraph(n.tag)) continue;
      if (n.own_chars < 25) continue;
      double s = 1 + n.own_commas + std::min(3, n.own_chars / 100);
      // A container with its own text holds a virtual paragraph: it scores
      // first; a leaf block scores to its parent.
      int level = 0;
      int a = n.has_block_child ? i : n.parent;
      for (; a >= 0 && level < 5; a = at(a).parent, ++level) {
        if (at(a).kind != Kind::kElement) continue;
        double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        if (!at(a).scored) scored.push_back(a);
        add_score(a, s / div);
      }
    }
    if (scored.empty()) return 0;
    int top = -1;
    double best = -1e9;
    for (int i : scored) {
      at(i).score *= 1 - link_density(i);
      if (at(i).score > best) {
        best = at(i).score;
        top = i;
      }
    }
    // Readability: when several strong candidates share an ancestor, take it.
    // (Among the next four best, as Readability does.)
    std::vector<int> alternatives;
    for (int i : scored)
      if (i != top && at(i).score >= best * 0.75) alternatives.push_back(i);
    std::size_t keep = std::min<std::size_t>(4, alternatives.size());
    std::partial_sort(alternatives.begin(), alternatives.begin() + static_cast<std::ptrdiff_t>(keep), alternatives.end(),
                      [&](int a, int b) { return at(a).score > at(b).score || (at(a).score == at(b).score && a < b); });
    alternatives.resize(keep);
    if (alternatives.size() >= 3) {
      for (int a = at(top).parent; a > 0; a = at(a).parent) {
        int covered = 0;
        for (int alt : alternatives)
          if (is_ancestor(a, alt)) ++covered;
        if (covered >= 3) {
          top = a;
          break;
        }
      }
    }
    return top;
  }

  // Climbs while the parent is only a wrapper around the candidate.
  int climb(int top) {
    while (top > 0 && at(top).parent > 0 && only_child(at(top).parent, top)) top = at(top).parent;
    return top;
  }

  // An article cut into chunks (between ads) repeats its container's class:
  // every alive element of the same class with text of its own joins, in
  // document order. Empty when the article is in one piece.
  std::vector<int> gather_chunks(int top) {
    if (top <= 0 || at(top).cls.empty()) return {};
    std::vector<int> parts;
    for (std::size_t k = 1; k < n_.size(); ++k) {
      int i = static_cast<int>(k);
      Node& n = n_[k];
      if (n.kind != Kind::kElement || n.tag != at(top).tag || n.cls != at(top).cls || !page_.alive(i)) continue;
      if (!parts.empty() && is_ancestor(parts.back(), i)) continue;
      if (i != top && (n.chars < 100 || link_density(i) > 0.3)) continue;
      parts.push_back(i);
    }
    if (parts.size() < 2) return {};
    return parts;
  }

  bool is_ancestor(int a, int i) {
    for (int p = at(i).parent; p >= 0; p = at(p).parent)
      if (p == a) return true;
    return false;
  }

  bool only_child(int parent, int child) {
    for (int c = at(parent).first; c >= 0; c = at(c).next) {
      if (c == child || !page_.alive(c)) continue;
      if (at(c).kind == Kind::kText && at(c).chars == 0) continue;
      return false;
    }
    return true;
  }

  std::vector<int> gather_siblings(int top) {
    if (top <= 0) return {top};
    int parent = at(top).parent;
    double threshold = std::max(10.0, at(top).score * 0.2);
    std::vector<int> parts;
    bool after_top = false;  // a lead paragraph may sit apart before the body
    for (int c = at(parent).first; c >= 0; c = at(c).next) {
      if (!page_.alive(c)) continue;
      if (c == top) {
        parts.push_back(c);
        after_top = true;
        continue;
      }
      Node& s = at(c);
      if (s.kind != Kind::kElement) continue;
      double bonus = (!at(top).words.empty() && s.words == at(top).words) ? at(top).score * 0.2 : 0;
      if (s.scored && s.score + bonus >= threshold) {
        parts.push_back(c);
      } else if (!after_top && s.tag != GUMBO_TAG_UL && s.tag != GUMBO_TAG_OL && s.tag != GUMBO_TAG_TABLE && s.prose_chars > 80 &&
                 link_density(c) < 0.25 && s.prose_chars * 2 > s.chars) {
        parts.push_back(c);
      } else if (s.tag == GUMBO_TAG_P) {
        double ld = link_density(c);
        if ((s.chars > 80 && ld < 0.25) || (s.chars > 0 && s.chars <= 80 && ld == 0 && ends_sentence(c)))
          parts.push_back(c);
      }
    }
    return parts;
  }

  bool ends_sentence(int i) {
    std::string t;
    text_of(i, t);
    std::string_view v = base::trim(t);
    return !v.empty() && (v.back() == '.' || v.back() == '!' || v.back() == '?' || v.ends_with("\xE3\x80\x82"));
  }

  // The text of a small subtree (labels, headings, short paragraphs). The
  // walk stops after a few hundred nodes: a subtree that large is no label,
  // and pathological pages (thousands of empty elements under one short
  // block) must not cost a walk per ancestor.
  void text_of(int i, std::string& out) {
    constexpr std::size_t kMaxNodes = 512;
    std::size_t visited = 0;
    std::vector<int> stack{i};
    while (!stack.empty() && visited++ < kMaxNodes) {
      int k = stack.back();
      stack.pop_back();
      if (!page_.alive(k)) continue;
      if (at(k).kind == Kind::kText) {
        out += at(k).text;
        continue;
      }
      std::size_t mark = stack.size();
      for (int c = at(k).first; c >= 0 && stack.size() < kMaxNodes; c = at(c).next) stack.push_back(c);
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
    }
  }

  // Readability's conditional cleaning, bottom-up inside the article.
  void clean(int root) {
    std::vector<int> order;
    collect(root, order);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      int i = *it;
      Node& n = at(i);
      if (n.kind != Kind::kElement || i == root) continue;
      if (should_drop(i)) n.removed = true;
    }
  }

  void collect(int i, std::vector<int>& order) {
    std::vector<int> stack{i};
    while (!stack.empty()) {
      int k = stack.back();
      stack.pop_back();
      if (!page_.alive(k)) continue;
      order.push_back(k);
      std::vector<int> kids;
      for (int c = at(k).first; c >= 0; c = at(c).next) kids.push_back(c);
      for (auto c = kids.rbegin(); c != kids.rend(); ++c) stack.push_back(*c);
    }
  }

  bool should_drop(int i) {
    Node& n = at(i);

    if (is_block(n.tag) && n.chars > 0 && n.chars < 40) {
      std::string t;
      text_of(i, t);
      if (is_ad_label(t)) return true;
    }
    // Paragraphs and items that are mostly links: "Read more: ...", link lists.
    if ((n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_LI || n.tag == GUMBO_TAG_DIV) && n.chars > 0 &&
        link_density(i) > 0.5 && n.chars >= 20 && n.chars - n.link_chars < 60)
      return true;
    // Headings that repeat the title, and headings marked as boilerplate.
    if (is_heading(n.tag)) {
      if (weigh_classes_ && class_weight(n.words) < 0) return true;
      if (repeats_description(i)) return true;
      return false;
    }
    switch (n.tag) {
      case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
      case GUMBO_TAG_HEADER: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DL: case GUMBO_TAG_FIGURE:
        break;
      default:
        return false;
    }
    if (n.tag == GUMBO_TAG_FIGURE) return true;
    int weight = weigh_classes_ ? class_weight(n.words) : 0;
    double score = n.scored ? n.score : 0;
    if (weight + score < 0) return true;
    if (n.commas >= 10) return false;
    bool is_list = n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL;
    int p = n.paragraphs, img = n.images, li = n.list_items - 100, inputs = n.inputs;
    double ld = link_density(i);
    int len = n.chars;
    double heading_density = len ? static_cast<double>(n.heading_chars) / len : 0;
    if (img > 1 && static_cast<double>(p) / img < 0.5) return true;
    if (!is_list && li > p) return true;
    if (inputs > p / 3) return true;
    if (!is_list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2) && ld > 0) return true;
    if (weight < 25 && ld > 0.2) return true;
    if (weight >= 25 && ld > 0.5) return true;
    if ((n.embeds == 1 && len < 75) || n.embeds > 1) return true;
    if (is_list && ld > 0.3) return true;
    return false;
  }

  static bool breaks_line(GumboTag t) { return t == GUMBO_TAG_BR; }

  void end_block(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return;
    if (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') return;
    out += out.back() == '\n' ? "\n" : "\n\n";
  }

  void append_text(std::string& out, std::string_view t) {
    for (char c : t) {
      if (base::is_ascii_space(c)) {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      } else {
        out.push_back(c);
      }
    }
  }

  // A standfirst set as a heading repeats the page's description.
  bool repeats_description(int i) {
    if (description_.size() < 40) return false;
    std::string t;
    text_of(i, t);
    std::string a = squash(t);
    if (a.size() < 40) return false;
    return a == description_ || description_.starts_with(a.substr(0, a.size() - 3)) ||
           a.starts_with(description_.substr(0, description_.size() - 3));
  }

  bool repeats_title(int i) {
    if (title_.empty()) return false;
    std::string t;
    text_of(i, t);
    std::string a = squash(t), b = squash(title_);
    if (a.empty()) return false;
    return a == b || (a.size() > 10 && b.find(a) != std::string::npos) || (b.size() > 10 && a.find(b) != std::string::npos);
  }

  static std::string squash(std::string_view s) {
    std::string out;
    for (char c : s)
      if (!base::is_ascii_space(c) && !(base::is_ascii_alpha(c) == false && base::is_ascii_digit(c) == false &&
                                        static_cast<unsigned char>(c) < 0x80))
        out.push_back(base::lower_ascii(c));
    return out;
  }

  void write(int root, std::string& out) {
    struct Item {
      int node;
      bool close;
      bool heading = false;
      int mark = -1;               // the block this item closes (marks_)
      std::size_t mark_begin = 0;  // where its text starts in `out`
    };
    std::vector<Item> stack{{root, false}};
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      Node& n = at(it.node);
      if (it.close) {
        if (it.mark >= 0) {
          std::size_t e = out.size();
          if (e > it.mark_begin) marks_[static_cast<std::size_t>(it.mark)].text = out.substr(it.mark_begin, e - it.mark_begin);
        }
        end_block(out);
        if (it.heading) last_heading_end_ = out.size();
        continue;
      }
      if (!page_.alive(it.node)) continue;
      if (n.kind == Kind::kText) {
        append_text(out, n.text);
        continue;
      }
      if (breaks_line(n.tag)) {
        // One <br> breaks the line; two in a row end the paragraph.
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (!out.empty() && (out.back() != '\n' || (out.size() >= 2 && out[out.size() - 2] != '\n')))
          out.push_back('\n');
        continue;
      }
      if ((n.tag == GUMBO_TAG_H1 || n.tag == GUMBO_TAG_H2) && !title_dropped_ && repeats_title(it.node)) {
        title_dropped_ = true;
        continue;
      }
      bool block = is_block(n.tag);
      if (block) {
        end_block(out);
        stack.push_back({it.node, true});
      }
      if (is_heading(n.tag)) {
        last_heading_ = out.size();
        stack.back().heading = true;
      }
      if (block && (is_heading(n.tag) || n.tag == GUMBO_TAG_LI || n.tag == GUMBO_TAG_FIGCAPTION)) {
        stack.back().mark = static_cast<int>(marks_.size());
        stack.back().mark_begin = out.size();
        marks_.push_back({is_heading(n.tag) ? BlockKind::kHeading
                          : n.tag == GUMBO_TAG_LI ? BlockKind::kListItem
                                                  : BlockKind::kCaption,
                          {}});
      }
      std::vector<int> kids;
      for (int c = n.first; c >= 0; c = at(c).next) kids.push_back(c);
      for (auto c = kids.rbegin(); c != kids.rend(); ++c) stack.push_back({*c, false});
    }
    end_block(out);
  }

  Page page_;
  std::vector<Node>& n_;
  std::string title_;
  std::string description_;  // squashed meta description
  bool title_dropped_ = false;
  std::size_t last_heading_ = std::string::npos, last_heading_end_ = std::string::npos;  // in the output
  std::vector<Mark> marks_, best_marks_;
  bool strip_unlikely_ = true, weigh_classes_ = true;
  bool debug_ = std::getenv("ASSAY_HTML_DEBUG") != nullptr;
};

const GumboNode* find_child(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(node->v.element.children.data[i]);
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == tag) return c;
  }
  return nullptr;
}

// Plain text with blank lines between paragraphs, spaces collapsed.
std::string paragraphs_of(std::string_view s) {
  std::string out;
  for (std::string_view line : base::split(s, '\n')) {
    line = base::trim(line);
    if (line.empty()) continue;
    if (!out.empty()) out += "\n\n";
    bool space = false;
    for (char c : line) {
      if (base::is_ascii_space(c)) {
        space = true;
        continue;
      }
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

base::Result<Document> read_html(std::string_view bytes, std::string_view name) {
  if (base::trim(bytes).empty()) return fail(Error::invalid("empty input: no HTML to read", {.file = std::string(name)}));
  if (looks_binary(bytes)) return fail(Error::invalid("binary input, not HTML", {.file = std::string(name)}));
  Document doc;
  doc.source = std::string(name);
  doc.id = std::string(name);
  doc.format = Format::kHtml;
  // Invalid bytes are repaired (with a warning) before parsing; NFC applies
  // to what the reader keeps, not to the markup.
  // Double-encoded UTF-8 is undone on the bytes too, markup and all (the
  // markup is ASCII, so only text and attribute values can change).
  // A page in a single-byte code page is decoded as the page that fits it
  // best (the markup is ASCII in all of them).
  std::string clean = prepare_html(repair_encoding(bytes, name, doc.warnings), kMaxDepth);
  if (clean.size() > kMaxMarkup) {
    doc.warnings.push_back(fmt::format("{}: HTML markup beyond {} MiB (scripts and styles aside) was not read", name,
                                       kMaxMarkup >> 20));
    std::size_t cut = kMaxMarkup;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;  // a whole character
    clean.resize(cut);
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, clean.data(), clean.size());
  if (!output) return fail(Error::invalid("HTML could not be parsed", {.file = std::string(name)}));
  HtmlMeta meta = read_html_meta(output->root);
  doc.title = normalize_nfc(meta.title);
  doc.author = normalize_nfc(meta.author);
  doc.published = meta.published;
  doc.outlet = normalize_nfc(meta.outlet);
  doc.url = meta.url;
  const GumboNode* body = find_child(output->root, GUMBO_TAG_BODY);
  Extractor extractor(body ? body : output->root, doc.title, meta.description);
  std::string text = extractor.run();
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  // A page whose article is rendered by script may only carry it in JSON-LD:
  // when the extraction holds much less than that, the JSON-LD text wins.
  const std::string& ld = meta.article_body;
  bool from_ld = false;
  if (!ld.empty() && ld.find('<') == std::string::npos &&
      Page::count_chars(text) * 10 < Page::count_chars(ld) * 3) {
    text = paragraphs_of(ld);
    from_ld = true;
  }
  doc.text = normalize_nfc(text);
  // Headings, list items and captions as blocks of the final text: each
  // found in order (normalisation and trimming may have moved it). Not when
  // the JSON-LD text replaced the extraction.
  if (!from_ld) {
    std::size_t cursor = 0;
    std::string_view missed;  // a text not found after `cursor` (nested blocks repeat it)
    for (const auto& m : extractor.marks()) {
      std::string_view raw = base::trim(m.text);
      if (raw.empty() || raw == missed) continue;
      bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      std::string t = ascii ? std::string(raw) : normalize_nfc(raw);
      std::size_t at = doc.text.find(t, cursor);
      if (at == std::string::npos) {
        missed = raw;
        continue;
      }
      doc.blocks.push_back({base::Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + t.size())}, m.kind});
      cursor = at + t.size();
    }
  }
  if (doc.text.empty()) return fail(Error::invalid("HTML page has no body text", {.file = std::string(name)}));
  return doc;
}

}  // namespace assay::text
