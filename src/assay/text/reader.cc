#include "assay/text/reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"
#include "assay/text/feed.h"
#include "assay/text/mojibake.h"
#include "assay/text/utf8.h"

namespace assay::text {

using base::Error;
using base::fail;
using base::Result;

namespace {
// Names first (in enum order), then the aliases parse_format() accepts.
constexpr auto kFormatNames = base::enum_names<Format>({
    {Format::kAuto, "auto"},
    {Format::kPlain, "text"},
    {Format::kMarkdown, "markdown"},
    {Format::kHtml, "html"},
    {Format::kJson, "json"},
    {Format::kJsonLines, "jsonl"},
    {Format::kFeed, "feed"},
    {Format::kPlain, "txt"},
    {Format::kPlain, "plain"},
    {Format::kMarkdown, "md"},
    {Format::kHtml, "htm"},
    {Format::kHtml, "xhtml"},
    {Format::kJsonLines, "ndjson"},
    {Format::kFeed, "rss"},
    {Format::kFeed, "atom"},
});
}  // namespace

const char* format_name(Format f) { return kFormatNames.name(f); }

Format parse_format(std::string_view s) {
  auto f = kFormatNames.parse(s, base::Case::kIgnoreAscii);
  return f && *f != Format::kAuto ? *f : Format::kAuto;
}

Format detect_format(std::string_view name, std::string_view bytes) {
  auto dot = name.rfind('.');
  if (dot != std::string_view::npos && name.find('/', dot) == std::string_view::npos) {
    Format f = parse_format(name.substr(dot + 1));
    if (f != Format::kAuto) return f;
  }
  std::string_view head = base::trim(bytes.substr(0, 2048));
  if (head.starts_with("{")) {
    // One object per line, or one object in the whole file?
    auto nl = base::trim(bytes).find('\n');
    if (nl != std::string_view::npos) {
      std::string_view rest = base::trim(base::trim(bytes).substr(nl));
      if (rest.starts_with("{")) return Format::kJsonLines;
    }
    return Format::kJson;
  }
  if (head.starts_with("[")) return Format::kJson;
  if (looks_like_feed(bytes)) return Format::kFeed;
  std::string lower = base::to_lower_ascii(head.substr(0, 512));
  if (lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.find("<body") != std::string::npos ||
      lower.find("<head") != std::string::npos || lower.find("<p>") != std::string::npos)
    return Format::kHtml;
  if (head.starts_with("# ") || head.starts_with("---\n")) return Format::kMarkdown;
  return Format::kPlain;
}

std::string repair_mojibake_with_warning(std::string_view valid_utf8, std::string_view name,
                                         std::vector<std::string>& warnings) {
  MojibakeRepair r;
  std::string out = repair_mojibake(valid_utf8, &r);
  if (r.count > 0)
    warnings.push_back(fmt::format("{}: repaired {} mis-decoded character{} (double-encoded UTF-8: read as {}), first at byte {}",
                                   name, r.count, r.count == 1 ? "" : "s", code_page_name(r.code_page), r.first_offset));
  return out;
}

std::string repair_encoding(std::string_view bytes, std::string_view name, std::vector<std::string>& warnings) {
  if (is_valid_utf8(bytes)) return repair_mojibake_with_warning(bytes, name, warnings);
  SingleByteGuess g;
  if (auto decoded = decode_single_byte(bytes, &g)) {
    warnings.push_back(fmt::format("{}: not UTF-8: read as {} ({} byte sequence{} invalid as UTF-8, the first at byte {})",
                                   name, code_page_name(g.code_page), g.invalid, g.invalid == 1 ? "" : "s",
                                   g.first_invalid));
    return std::move(*decoded);
  }
  std::vector<std::size_t> bad;
  std::string repaired = repair_utf8(bytes, &bad);
  if (!bad.empty()) {
    warnings.push_back(fmt::format("{}: byte {}: invalid UTF-8 replaced with U+FFFD ({} place{})", name, bad.front(),
                                   bad.size(), bad.size() == 1 ? "" : "s"));
  }
  return repair_mojibake_with_warning(repaired, name, warnings);
}

std::string clean_text(std::string_view bytes, std::string_view name, std::vector<std::string>& warnings) {
  std::string repaired = repair_encoding(bytes, name, warnings);
  // Normalise line ends: CRLF and CR become LF (spans then count LF only).
  // Most text has no CR: then there is nothing to copy.
  std::size_t cr = repaired.find('\r');
  if (cr == std::string::npos) return normalize_nfc(repaired);
  std::string lf;
  lf.reserve(repaired.size());
  std::size_t from = 0;
  while (cr != std::string::npos) {
    lf.append(repaired, from, cr - from);
    lf.push_back('\n');
    from = cr + 1;
    if (from < repaired.size() && repaired[from] == '\n') ++from;
    cr = repaired.find('\r', from);
  }
  lf.append(repaired, from, std::string::npos);
  return normalize_nfc(lf);
}

namespace {

bool is_byline(std::string_view line, std::string* author) {
  std::string_view t = base::trim(line);
  if (t.size() > 80) return false;
  if (t.starts_with("By ") || t.starts_with("by ") || t.starts_with("BY ")) {
    if (author) *author = std::string(base::trim(t.substr(3)));
    return true;
  }
  return false;
}

// A first line that reads like a headline: short, no final full stop, and
// followed by a blank line.
void split_headline(std::string& body, std::string& title, std::string& author) {
  std::string_view v = body;
  std::size_t start = 0;
  while (start < v.size() && base::is_ascii_space(v[start])) ++start;
  std::size_t nl = v.find('\n', start);
  if (nl == std::string_view::npos) return;
  std::string_view first = base::trim(v.substr(start, nl - start));
  bool blank_after = nl + 1 < v.size() && (v[nl + 1] == '\n' || base::trim(v.substr(nl + 1, v.find('\n', nl + 1) - nl - 1)).empty());
  if (first.empty() || first.size() > 200 || !blank_after) return;
  char last = first.back();
  if (last == '.' && !first.ends_with("...")) return;
  title = std::string(first);
  std::size_t rest = nl + 1;
  // An optional byline right after the headline.
  while (rest < v.size() && v[rest] == '\n') ++rest;
  std::size_t nl2 = v.find('\n', rest);
  if (nl2 != std::string_view::npos && is_byline(v.substr(rest, nl2 - rest), &author)) rest = nl2 + 1;
  while (rest < v.size() && v[rest] == '\n') ++rest;
  body = std::string(v.substr(rest));
}

Result<std::string> check_not_empty_or_binary(std::string_view bytes, std::string_view name) {
  if (base::trim(bytes).empty()) return fail(Error::invalid("empty input: no text to read", {.file = std::string(name)}));
  if (looks_binary(bytes)) {
    std::size_t at = 0;
    while (at < bytes.size() && bytes[at] != 0) ++at;
    return fail(Error::invalid("binary input, not text (NUL or control bytes)",
                               {.file = std::string(name), .offset = static_cast<std::int64_t>(std::min(at, bytes.size()))}));
  }
  return std::string();
}

std::string strip_markdown_inline(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') {  // image: drop
      auto close = line.find(']', i);
      auto paren = close == std::string_view::npos ? close : line.find(')', close);
      if (paren != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(') {
        i = paren + 1;
        continue;
      }
    }
    if (c == '[') {  // [text](url) -> text
      auto close = line.find(']', i);
      if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(') {
        auto paren = line.find(')', close);
        if (paren != std::string_view::npos) {
          out.append(line.substr(i + 1, close - i - 1));
          i = paren + 1;
          continue;
        }
      }
    }
    if (c == '`') {
      ++i;
      continue;
    }
    if ((c == '*' || c == '_') && i + 1 <= line.size()) {
      // Emphasis markers: drop runs of * or _ that touch a word boundary.
      std::size_t j = i;
      while (j < line.size() && line[j] == c) ++j;
      bool left_ok = i == 0 || !base::is_ascii_alpha(line[i - 1]) || j >= line.size() || !base::is_ascii_alpha(line[j]);
      if (c == '*' || left_ok) {
        i = j;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace

bool cap_text(Document& doc, std::size_t max_bytes) {
  if (doc.text.size() <= max_bytes) return false;
  std::size_t total = doc.text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && !base::is_ascii_space(doc.text[cut - 1])) --cut;
  if (cut == 0) {  // no blank at all: cut at a character boundary
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(doc.text[cut]) & 0xC0) == 0x80) --cut;
  }
  doc.text.resize(cut);
  doc.warnings.push_back(fmt::format("{}: text beyond {} MiB was not analysed ({} bytes in all)",
                                     doc.source.empty() ? doc.id : doc.source, max_bytes >> 20, total));
  return true;
}

Result<Document> read_plain(std::string_view bytes, std::string_view name) {
  ASSAY_TRY_VOID(check_not_empty_or_binary(bytes, name));
  Document doc;
  doc.source = std::string(name);
  doc.id = std::string(name);
  doc.format = Format::kPlain;
  doc.text = clean_text(bytes, name, doc.warnings);
  split_headline(doc.text, doc.title, doc.author);
  return doc;
}

Result<Document> read_markdown(std::string_view bytes, std::string_view name) {
  ASSAY_TRY_VOID(check_not_empty_or_binary(bytes, name));
  Document doc;
  doc.source = std::string(name);
  doc.id = std::string(name);
  doc.format = Format::kMarkdown;
  std::string clean = clean_text(bytes, name, doc.warnings);
  std::string_view v = clean;
  std::string out;
  std::size_t pos = 0;
  bool in_front_matter = false, in_code = false, first_line = true;
  while (pos <= v.size()) {
    std::size_t nl = v.find('\n', pos);
    if (nl == std::string_view::npos) nl = v.size();
    std::string_view line = v.substr(pos, nl - pos);
    pos = nl + 1;
    std::string_view t = base::trim(line);
    if (first_line && t == "---") {
      in_front_matter = true;
      first_line = false;
      continue;
    }
    first_line = false;
    if (in_front_matter) {
      if (t == "---") {
        in_front_matter = false;
      } else if (t.starts_with("title:")) {
        std::string_view val = base::trim(t.substr(6));
        if (val.size() >= 2 && (val.front() == '"' || val.front() == '\'')) val = val.substr(1, val.size() - 2);
        doc.title = std::string(val);
      } else if (t.starts_with("author:")) {
        doc.author = std::string(base::trim(t.substr(7)));
      } else if (t.starts_with("date:")) {
        doc.published = std::string(base::trim(t.substr(5)));
      }
      continue;
    }
    if (t.starts_with("```") || t.starts_with("~~~")) {
      in_code = !in_code;
      continue;
    }
    if (in_code) continue;
    if (t.starts_with("<!--")) continue;
    if (t == "***" || t == "---" || t == "___") {
      out += "\n";
      continue;
    }
    if (t.starts_with("#")) {
      std::size_t k = 0;
      while (k < t.size() && t[k] == '#') ++k;
      std::string heading = strip_markdown_inline(base::trim(t.substr(k)));
      if (doc.title.empty() && k == 1) {
        doc.title = heading;
        continue;
      }
      out += "\n" + heading + "\n\n";
      continue;
    }
    while (t.starts_with(">")) t = base::trim(t.substr(1));
    if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
      out += "\n- " + strip_markdown_inline(base::trim(t.substr(2))) + "\n";
      continue;
    }
    std::string author;
    if (out.empty() && is_byline(t, &author)) {
      doc.author = author;
      continue;
    }
    if (t.empty()) {
      out += "\n";
      continue;
    }
    out += strip_markdown_inline(t);
    out += "\n";
  }
  // Collapse runs of 3+ newlines and trim.
  std::string collapsed;
  collapsed.reserve(out.size());
  int nls = 0;
  for (char c : out) {
    if (c == '\n') {
      if (++nls > 2) continue;
    } else {
      nls = 0;
    }
    collapsed.push_back(c);
  }
  doc.text = std::string(base::trim(collapsed));
  if (doc.text.empty()) return fail(Error::invalid("no body text after removing Markdown markup", {.file = std::string(name)}));
  return doc;
}

namespace {

std::string get_string_field(simdjson::dom::object obj, const char* key) {
  auto v = obj[key];
  if (v.error()) return {};
  std::string_view s;
  if (v.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  int64_t i;
  if (v.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return {};
}

// One JSON object as a Document. `where` locates it for messages.
Result<Document> document_from_json(simdjson::dom::element el, const base::Location& where) {
  simdjson::dom::object obj;
  if (el.get_object().get(obj) != simdjson::SUCCESS)
    return fail(Error::invalid("record is not a JSON object", where));
  Document doc;
  doc.id = get_string_field(obj, "id");
  doc.url = get_string_field(obj, "url");
  doc.outlet = get_string_field(obj, "outlet");
  doc.published = get_string_field(obj, "published");
  doc.title = get_string_field(obj, "title");
  doc.author = get_string_field(obj, "author");
  std::string name = where.file + (where.line > 0 ? fmt::format(":{}", where.line) : "");
  std::string text;
  std::string_view sv;
  bool has_text = obj["text"].get_string().get(sv) == simdjson::SUCCESS;
  if (has_text) text = std::string(sv);
  bool has_html = obj["html"].get_string().get(sv) == simdjson::SUCCESS;
  if (!has_text && !has_html) {
    base::Location w = where;
    w.field = "/text";
    return fail(Error::invalid("record has neither a \"text\" nor an \"html\" string", w));
  }
  if (has_text) {
    if (base::trim(text).empty()) {
      base::Location w = where;
      w.field = "/text";
      return fail(Error::invalid("record's \"text\" is empty", w));
    }
    doc.text = clean_text(text, name, doc.warnings);
    doc.format = Format::kPlain;
  } else {
    auto html = read_html(sv, name);
    if (!html) {
      base::Location w = where;
      w.field = "/html";
      return fail(Error::invalid(html.error().message(), w));
    }
    if (doc.title.empty()) doc.title = html->title;
    if (doc.author.empty()) doc.author = html->author;
    if (doc.published.empty()) doc.published = html->published;
    doc.text = std::move(html->text);
    doc.warnings = std::move(html->warnings);
    doc.format = Format::kHtml;
  }
  doc.title = clean_text(doc.title, name, doc.warnings);
  doc.source = name;
  if (doc.id.empty()) doc.id = name;
  return doc;
}

std::string simdjson_message(simdjson::error_code e) { return simdjson::error_message(e); }

}  // namespace

ReadResult read_json_lines(std::string_view bytes, std::string_view name) {
  ReadResult out;
  simdjson::dom::parser parser;
  std::size_t pos = 0;
  std::int64_t line_no = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    ++line_no;
    std::size_t line_start = pos;
    pos = nl + 1;
    if (base::trim(line).empty()) continue;
    base::Location where{.file = std::string(name), .line = line_no};
    if (!is_valid_utf8(line)) {
      // simdjson rejects invalid UTF-8: repair first, and say so.
      std::vector<std::size_t> bad;
      std::string fixed = repair_utf8(line, &bad);
      simdjson::dom::element el;
      auto err = parser.parse(fixed).get(el);
      if (err) {
        out.errors.add(Error::invalid(fmt::format("not valid JSON: {}", simdjson_message(err)), where));
        continue;
      }
      auto d = document_from_json(el, where);
      if (!d) {
        out.errors.add(d.error());
        continue;
      }
      d->warnings.insert(d->warnings.begin(),
                         fmt::format("{}:{}: byte {}: invalid UTF-8 replaced with U+FFFD", name, line_no, line_start + bad.front()));
      out.documents.push_back(std::move(*d));
      continue;
    }
    simdjson::dom::element el;
    auto err = parser.parse(line.data(), line.size()).get(el);
    if (err) {
      out.errors.add(Error::invalid(fmt::format("not valid JSON: {}", simdjson_message(err)), where));
      continue;
    }
    auto d = document_from_json(el, where);
    if (!d) {
      out.errors.add(d.error());
      continue;
    }
    out.documents.push_back(std::move(*d));
  }
  return out;
}

namespace {

Result<ReadResult> read_json(std::string_view bytes, std::string_view name) {
  ReadResult out;
  std::vector<std::size_t> bad;
  std::string fixed = repair_utf8(bytes, &bad);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.parse(fixed).get(root);
  if (err) return fail(Error::invalid(fmt::format("not valid JSON: {}", simdjson_message(err)), {.file = std::string(name)}));
  base::Location where{.file = std::string(name)};
  simdjson::dom::array arr;
  if (root.get_array().get(arr) == simdjson::SUCCESS) {
    std::size_t i = 0;
    for (auto el : arr) {
      base::Location w = where;
      w.field = fmt::format("/{}", i++);
      auto d = document_from_json(el, w);
      if (d) out.documents.push_back(std::move(*d));
      else out.errors.add(d.error());
    }
  } else {
    out.documents.push_back(ASSAY_TRY(document_from_json(root, where)));
  }
  if (!bad.empty() && !out.documents.empty())
    out.documents.front().warnings.push_back(
        fmt::format("{}: byte {}: invalid UTF-8 replaced with U+FFFD", name, bad.front()));
  return out;
}

}  // namespace

Result<ReadResult> read_documents(std::string_view bytes, const ReadOptions& options) {
  const std::string& name = options.name;
  if (base::trim(bytes).empty()) return fail(Error::invalid("empty input: no text to read", {.file = name}));
  Format f = options.format == Format::kAuto ? detect_format(name, bytes) : options.format;
  if (f == Format::kJsonLines || f == Format::kJson) {
    if (looks_binary(bytes)) return fail(Error::invalid("binary input, not JSON", {.file = name}));
    if (f == Format::kJsonLines) return read_json_lines(bytes, name);
    return read_json(bytes, name);
  }
  if (f == Format::kFeed) return read_feed(bytes, name);
  Document d = ASSAY_TRY(f == Format::kHtml       ? read_html(bytes, name)
                         : f == Format::kMarkdown ? read_markdown(bytes, name)
                                                  : read_plain(bytes, name));
  ReadResult out;
  out.documents.push_back(std::move(d));
  return out;
}

}  // namespace assay::text
