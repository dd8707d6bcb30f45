#include "assay/text/roles.h"

#include <algorithm>
#include <array>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::text {

namespace {

constexpr auto kRoleNames = base::enum_names<SentenceRole>({
    {SentenceRole::kBody, "body"},
    {SentenceRole::kHeading, "heading"},
    {SentenceRole::kByline, "byline"},
    {SentenceRole::kCaption, "caption"},
    {SentenceRole::kList, "list"},
});

// True when the sentence is a line of its own: only spaces between it and
// the line breaks (or the text's ends) on either side.
bool whole_line(std::string_view text, base::Span s) {
  for (std::size_t i = s.begin; i > 0; --i) {
    char c = text[i - 1];
    if (c == '\n') break;
    if (c != ' ' && c != '\t') return false;
  }
  for (std::size_t i = s.end; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') break;
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::string_view w : base::split(line, ' '))
    if (!base::trim(w).empty()) out.push_back(base::trim(w));
  return out;
}

bool starts_upper(std::string_view w) {
  return !w.empty() && (base::is_ascii_upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0xC0);
}

bool is_bullet(std::string_view line) {
  if (line.size() < 2) return false;
  char c = line[0];
  if ((c == '-' || c == '*' || c == '+') && line[1] == ' ') return true;
  for (std::string_view m : {"\xE2\x80\xA2", "\xC2\xBB", "\xE2\x96\xAA", "\xE2\x80\x93 "})  // • » ▪ –
    if (line.starts_with(m)) return true;
  std::size_t k = 0;
  while (k < line.size() && base::is_ascii_digit(line[k])) ++k;
  return k > 0 && k < 3 && k + 1 < line.size() && (line[k] == '.' || line[k] == ')') && line[k + 1] == ' ';
}

// The line's last character, past closing quotes and brackets.
char final_char(std::string_view line) {
  while (!line.empty()) {
    if (line.ends_with("\xE2\x80\x9D") || line.ends_with("\xE2\x80\x99")) line.remove_suffix(3);  // ” ’
    else if (line.back() == '"' || line.back() == '\'' || line.back() == ')' || line.back() == ']') line.remove_suffix(1);
    else break;
  }
  return line.empty() ? '\0' : line.back();
}

int numbers_in(std::string_view line) {
  int n = 0;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (base::is_ascii_digit(line[i]) && (i == 0 || !base::is_ascii_digit(line[i - 1]))) {
      std::size_t j = i;
      while (j < line.size() && (base::is_ascii_digit(line[j]) || line[j] == ',' || line[j] == '.')) ++j;
      n += (j - i) >= 2 || (j < line.size() && line[j] == '%');
      i = j;
    }
  return n;
}

bool starts_with_ci(std::string_view line, std::string_view prefix) {
  return line.size() >= prefix.size() && base::to_lower_ascii(line.substr(0, prefix.size())) == prefix;
}

}  // namespace

const char* sentence_role_name(SentenceRole r) { return kRoleNames.name(r); }
std::optional<SentenceRole> parse_sentence_role(std::string_view s) { return kRoleNames.parse(s); }

SentenceRole line_role(std::string_view text, const Sentence& s) {
  if (!whole_line(text, s.span)) return SentenceRole::kBody;
  std::string_view line = base::trim(s.span.of(text));
  if (line.empty()) return SentenceRole::kBody;
  if (is_bullet(line)) return SentenceRole::kList;
  std::vector<std::string_view> words = words_of(line);
  // Captions, credits and link lines.
  for (std::string_view p : {"photo:", "photo credit", "photograph:", "image:", "picture:", "caption:", "credit:", "file photo",
                             "read more", "read also", "also read", "related:", "see also", "watch:", "listen:",
                             "click here to read", "continue reading"})
    if (starts_with_ci(line, p)) return SentenceRole::kCaption;
  // Bylines and publication lines: "By NAME" (capitalised words, no
  // sentence), "Staff reporter", "Published 14 March 2026".
  if (words.size() >= 2 && words.size() <= 14 && words[0] == "By" && starts_upper(words[1]) && final_char(line) != '.')
    return SentenceRole::kByline;
  for (std::string_view p : {"staff reporter", "staff writer", "published ", "updated:", "updated ", "posted "})
    if (starts_with_ci(line, p) && words.size() <= 12 && final_char(line) != '.') return SentenceRole::kByline;
  // Headings: a short line of its own without final punctuation (a colon
  // ends a heading that introduces what follows: "Highlights:"), that is
  // not a row of figures (a price table's line) and opens with a capital.
  char last = final_char(line);
  bool unpunctuated = last != '.' && last != '!' && last != '?' && last != ';' && last != ',' && last != ':';
  bool introduces = last == ':' && words.size() <= 6;
  // A line with a quotation ("“We will build it here,” — Amanda Lacaze") is
  // a signed quote, which speaks: not a heading.
  bool quotes = line.find('"') != std::string_view::npos || line.find("\xE2\x80\x9C") != std::string_view::npos ||
                line.find("\xE2\x80\x9D") != std::string_view::npos;
  if ((unpunctuated || introduces) && !quotes && words.size() <= 16 && line.find('|') == std::string_view::npos &&
      numbers_in(line) < 2 && (starts_upper(words[0]) || base::is_ascii_digit(words[0][0])))
    return SentenceRole::kHeading;
  return SentenceRole::kBody;
}

std::vector<SentenceRole> sentence_roles(std::string_view text, const std::vector<Block>& blocks, const Segmentation& seg) {
  std::vector<SentenceRole> out;
  out.reserve(seg.sentences.size());
  std::size_t b = 0;
  for (const Sentence& s : seg.sentences) {
    while (b < blocks.size() && blocks[b].span.end <= s.span.begin) ++b;
    if (b < blocks.size() && blocks[b].span.begin <= s.span.begin && s.span.end <= blocks[b].span.end) {
      switch (blocks[b].kind) {
        case BlockKind::kHeading: out.push_back(SentenceRole::kHeading); break;
        case BlockKind::kCaption: out.push_back(SentenceRole::kCaption); break;
        case BlockKind::kListItem: {
          // A list item that is a link line or a byline stays so.
          SentenceRole r = line_role(text, s);
          out.push_back(r == SentenceRole::kCaption || r == SentenceRole::kByline ? r : SentenceRole::kList);
          break;
        }
      }
      continue;
    }
    // A heading read from the line's shape introduces what follows: the
    // last sentence of a text (a lone line, a headline-like record of a
    // sentence set) is not one.
    SentenceRole r = line_role(text, s);
    if (r == SentenceRole::kHeading && &s == &seg.sentences.back()) r = SentenceRole::kBody;
    out.push_back(r);
  }
  return out;
}

}  // namespace assay::text
