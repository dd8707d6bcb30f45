#include "assay/text/html_nesting.h"

#include <array>
#include <utility>
#include <vector>

#include "assay/base/strings.h"

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

bool is_raw_text(std::string_view n) {
  return n == "script" || n == "style" || n == "textarea" || n == "title" || n == "xmp" || n == "noembed" ||
         n == "noframes" || n == "iframe";
}

// Elements whose start tag closes an open one of the same name.
bool closes_same(std::string_view n) {
  return n == "p" || n == "li" || n == "dt" || n == "dd" || n == "option" || n == "tr" || n == "td" || n == "th";
}

// Case-insensitive search for "</name" from `from`.
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

}  // namespace

std::string cap_html_nesting(std::string_view html, std::size_t max_depth) {
  std::vector<std::string> open;                            // names of open elements
  std::vector<std::pair<std::string, std::size_t>> dropped;  // name, start tags dropped
  std::vector<std::pair<std::size_t, std::size_t>> cuts;     // byte ranges to remove
  std::size_t i = 0, n = html.size();
  while (i < n) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    char c = html[lt + 1];
    if (c == '!') {
      if (html.substr(lt, 4) == "<!--") {
        std::size_t e = html.find("-->", lt + 4);
        i = e == std::string_view::npos ? n : e + 3;
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
            cuts.emplace_back(lt, end);
            break;
          }
        }
      }
      i = end;
      continue;
    }
    bool self_closing = end >= 2 && html[end - 2] == '/';
    if (is_raw_text(name)) {
      std::size_t close = find_end_tag(html, name, end);
      i = close;  // the end tag is handled as a normal end tag
      open.push_back(name);
      continue;
    }
    i = end;
    if (is_void(name) || self_closing) continue;
    if (closes_same(name) && !open.empty() && open.back() == name) open.pop_back();
    if (open.size() >= max_depth) {
      cuts.emplace_back(lt, end);
      bool found = false;
      for (auto& [dn, count] : dropped) {
        if (dn == name) {
          ++count;
          found = true;
          break;
        }
      }
      if (!found) dropped.emplace_back(name, 1);
      continue;
    }
    open.push_back(std::move(name));
  }
  if (cuts.empty()) return std::string(html);
  std::string out;
  out.reserve(html.size());
  std::size_t from = 0;
  for (auto [a, b] : cuts) {
    out.append(html.substr(from, a - from));
    from = b;
  }
  out.append(html.substr(from));
  return out;
}

}  // namespace assay::text
