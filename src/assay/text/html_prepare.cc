#include "assay/text/html_prepare.h"

#include <array>
#include <utility>
#include <vector>

#include "assay/base/strings.h"
#include "assay/text/html_meta.h"

namespace assay::text {
namespace {

bool is_name_char(char c) { return base::is_ascii_alpha(c) || base::is_ascii_digit(c) || c == '-' || c == ':'; }

bool is_void(std::string_view n) {
  static constexpr std::array<std::string_view, 16> kVoid = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                             "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont"};
  for (auto v : kVoid)
    if (n == v) return true;
  return false;
}

// Elements whose content is not parsed as markup.
bool is_raw_text(std::string_view n) {
  return n == "script" || n == "style" || n == "textarea" || n == "title" || n == "xmp" || n == "noembed" ||
         n == "noframes" || n == "iframe" || n == "noscript";
}

// Elements dropped whole: never text.
bool is_dropped(std::string_view n) {
  return n == "script" || n == "style" || n == "svg" || n == "template" || n == "noscript" || n == "iframe";
}

// Elements whose start tag closes an open one of the same name.
bool closes_same(std::string_view n) {
  return n == "p" || n == "li" || n == "dt" || n == "dd" || n == "option" || n == "tr" || n == "td" || n == "th";
}

// Case-insensitive search for "</name" from `from`; html.size() when absent.
std::size_t find_end_tag(std::string_view html, std::string_view name, std::size_t from) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + name.size() <= html.size() && base::iequals_ascii(html.substr(i + 2, name.size()), name)) return i;
  }
  return html.size();
}

// End of a tag that starts at `i` ('<'): one past its '>', quotes respected.
std::size_t tag_end(std::string_view html, std::size_t i) {
  char quote = 0;
  for (std::size_t j = i + 1; j < html.size(); ++j) {
    char c = html[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // Quotes only open an attribute value after '='.
      std::size_t k = j;
      while (k > i && base::is_ascii_space(html[k - 1])) --k;
      if (k > i && html[k - 1] == '=') quote = c;
    } else if (c == '>') {
      return j + 1;
    }
  }
  return html.size();
}

bool keeps_attribute(std::string_view tag, std::string_view attr, std::string_view value) {
  if (base::iequals_ascii(attr, "class") || base::iequals_ascii(attr, "id") || base::iequals_ascii(attr, "role") ||
      base::iequals_ascii(attr, "hidden") || base::iequals_ascii(attr, "aria-hidden") ||
      base::iequals_ascii(attr, "itemprop") || base::iequals_ascii(attr, "datetime"))
    return true;
  if (base::iequals_ascii(attr, "style")) {
    std::string v = base::to_lower_ascii(value);
    return v.find("none") != std::string::npos || v.find("hidden") != std::string::npos;
  }
  if (tag == "meta")
    return base::iequals_ascii(attr, "name") || base::iequals_ascii(attr, "property") ||
           base::iequals_ascii(attr, "content");
  if (tag == "link") return base::iequals_ascii(attr, "rel") || base::iequals_ascii(attr, "href");
  if (base::iequals_ascii(attr, "content")) return true;  // with itemprop
  if (tag == "script") return base::iequals_ascii(attr, "type");
  return false;
}

// Appends the start tag html[lt, end) with only the attributes the reader
// uses (class, id, role, visibility, metadata), so the parser has less to do.
// <meta> tags the reader does not read and <link>s other than the canonical
// one are left out whole. `name_end` is the end of the tag name.
void append_start_tag(std::string& out, std::string_view html, std::size_t lt, std::size_t name_end, std::size_t end,
                      std::string_view name) {
  std::size_t start = out.size();
  out.append(html.substr(lt, name_end - lt));
  bool is_meta = name == "meta", is_link = name == "link";
  bool wanted = !is_meta && !is_link;
  std::size_t i = name_end, stop = html[end - 1] == '>' ? end - 1 : end;
  while (i < stop) {
    while (i < stop && (base::is_ascii_space(html[i]) || html[i] == '/')) ++i;
    if (i >= stop) break;
    std::size_t a = i;
    while (i < stop && !base::is_ascii_space(html[i]) && html[i] != '=' && html[i] != '>' && html[i] != '/') ++i;
    if (i == a) {
      ++i;
      continue;
    }
    std::string_view attr = html.substr(a, i - a);
    std::size_t j = i;
    while (j < stop && base::is_ascii_space(html[j])) ++j;
    std::string_view value;
    if (j < stop && html[j] == '=') {
      ++j;
      while (j < stop && base::is_ascii_space(html[j])) ++j;
      if (j < stop && (html[j] == '"' || html[j] == '\'')) {
        char q = html[j];
        std::size_t close = html.find(q, j + 1);
        if (close == std::string_view::npos || close >= stop) close = stop - 1;
        value = html.substr(j + 1, close - j - 1);
        j = close + 1;
      } else {
        std::size_t v = j;
        while (j < stop && !base::is_ascii_space(html[j]) && html[j] != '>') ++j;
        value = html.substr(v, j - v);
      }
      i = j;
    }
    if (is_meta && (base::iequals_ascii(attr, "name") || base::iequals_ascii(attr, "property") ||
                    base::iequals_ascii(attr, "itemprop")))
      wanted = wanted || meta_field(base::to_lower_ascii(base::trim(value))) != MetaField::kNone;
    if (is_link && base::iequals_ascii(attr, "rel"))
      wanted = wanted || base::to_lower_ascii(value).find("canonical") != std::string::npos;
    if (keeps_attribute(name, attr, value)) {
      out.push_back(' ');
      out.append(html.substr(a, i - a));
    }
  }
  if (!wanted) {
    out.resize(start);
    return;
  }
  if (end >= 2 && html[end - 2] == '/' && html[end - 1] == '>') out.push_back('/');
  if (html[end - 1] == '>') out.push_back('>');
}

// Appends text with each run of ASCII whitespace cut to its first character:
// the reader collapses whitespace anyway, and the parser has less to read.
void append_collapsed(std::string& out, std::string_view text) {
  bool space = !out.empty() && base::is_ascii_space(out.back());
  for (char c : text) {
    bool s = base::is_ascii_space(c);
    if (!(s && space)) out.push_back(c);
    space = s;
  }
}

bool is_json_ld(std::string_view tag) {
  std::string t = base::to_lower_ascii(tag);
  return t.find("ld+json") != std::string::npos;
}

}  // namespace

std::string prepare_html(std::string_view html, std::size_t max_depth) {
  std::vector<std::string> open;                            // names of open elements
  std::vector<std::pair<std::string, std::size_t>> dropped;  // name, start tags dropped
  std::string out;
  out.reserve(html.size() / 2);
  std::size_t copied = 0;  // html[0, copied) is done
  auto copy_to = [&](std::size_t to) {
    append_collapsed(out, html.substr(copied, to - copied));
    copied = to;
  };
  auto skip_to = [&](std::size_t from, std::size_t to) {
    copy_to(from);
    copied = to;
  };
  std::size_t i = 0, n = html.size();
  while (i < n) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    char c = html[lt + 1];
    if (c == '!') {
      if (html.substr(lt, 4) == "<!--") {
        // "<!-->" and "<!--->" are whole (empty) comments.
        std::size_t e = html.substr(lt, 5) == "<!-->" ? lt + 2 : html.substr(lt, 6) == "<!--->" ? lt + 3
                                                                                            : html.find("-->", lt + 4);
        i = e == std::string_view::npos ? n : e + 3;
        skip_to(lt, i);
      } else {
        i = tag_end(html, lt);
      }
      continue;
    }
    if (c == '?') {
      std::size_t e = html.find('>', lt);
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    bool closing = c == '/';
    std::size_t s = lt + (closing ? 2 : 1);
    std::size_t e = s;
    while (e < n && is_name_char(html[e])) ++e;
    if (e == s || !base::is_ascii_alpha(html[s])) {
      i = lt + 1;  // a lone '<' in text
      continue;
    }
    std::string name = base::to_lower_ascii(html.substr(s, e - s));
    std::size_t end = tag_end(html, lt);
    if (closing) {
      std::size_t k = open.size();
      while (k > 0 && open[k - 1] != name) --k;
      if (k > 0) {
        open.resize(k - 1);
      } else {
        for (auto& [dn, count] : dropped) {
          if (dn == name && count > 0) {
            --count;
            skip_to(lt, end);
            break;
          }
        }
      }
      i = end;
      continue;
    }
    bool self_closing = end >= 2 && html[end - 2] == '/';
    if (is_dropped(name) && !self_closing && !(name == "script" && is_json_ld(html.substr(lt, end - lt)))) {
      std::size_t close = find_end_tag(html, name, end);
      std::size_t after = close < n ? tag_end(html, close) : n;
      skip_to(lt, after);
      i = after;
      continue;
    }
    if (end == n && html[n - 1] != '>') break;  // a truncated tag: left as it is
    if (open.size() >= max_depth && !is_void(name) && !self_closing && !is_raw_text(name)) {
      if (closes_same(name) && open.back() == name) {
        open.pop_back();
      } else {
        skip_to(lt, end);
        bool found = false;
        for (auto& [dn, count] : dropped) {
          if (dn == name) {
            ++count;
            found = true;
            break;
          }
        }
        if (!found) dropped.emplace_back(name, 1);
        i = end;
        continue;
      }
    }
    copy_to(lt);
    append_start_tag(out, html, lt, e, end, name);
    copied = end;
    i = end;
    if (is_raw_text(name)) {
      i = find_end_tag(html, name, end);  // the end tag is handled as a normal end tag
      open.push_back(std::move(name));
      continue;
    }
    if (is_void(name) || self_closing) continue;
    if (closes_same(name) && !open.empty() && open.back() == name) open.pop_back();
    open.push_back(std::move(name));
  }
  copy_to(n);
  return out;
}

}  // namespace assay::text
