#include "assay/text/segment.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "assay/base/strings.h"

namespace assay::text {
namespace {

using base::Span;

constexpr std::size_t kMaxSentenceBytes = text::kMaxSentenceBytes;

constexpr std::array<std::string_view, 68> kAbbreviations = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Gen", "Gov", "Sen", "Rep", "Rev", "Capt", "Col",
    "Lt", "Sgt", "Pres", "Hon", "Inc", "Corp", "Co", "Ltd", "Bhd", "Pty", "Plc", "Cos", "Bros", "No", "Nos",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc", "approx",
    "est", "Fig", "fig", "al", "cf", "Vol", "vol", "Ave", "Dept", "Univ", "Assn", "Ft", "U.S", "U.K", "U.N",
    "E.U", "e.g", "i.e", "a.m", "p.m", "S.A", "N.V"};

bool is_space_at(std::string_view s, std::size_t i, std::size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // NBSP
    *len = 2;
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF) {  // U+2000..U+200A, U+202F
      *len = 3;
      return true;
    }
  }
  return false;
}

// Length of a closing quote/bracket at s[i] (ASCII or typographic), else 0.
std::size_t closer_len(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    if (c2 == 0x9D || c2 == 0x99 || c2 == 0xBA) return 3;  // ” ’ ›
  }
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB) return 2;  // »
  return 0;
}

// Could a sentence start at s[i]? Capital letter, digit, opening quote or
// bracket, or a non-ASCII letter (accented capitals, CJK).
bool sentence_starter(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (base::is_ascii_upper(static_cast<char>(c)) || base::is_ascii_digit(static_cast<char>(c))) return true;
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '$' || c == '-' || c == '*') return true;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    return c2 == 0x9C || c2 == 0x98 || c2 == 0x94 || c2 == 0x93;  // “ ‘ — –
  }
  if (c == 0xC3 && i + 1 < s.size()) {  // Latin-1 capitals À..Þ
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    return c1 >= 0x80 && c1 <= 0x9E;
  }
  return c >= 0xE3;  // CJK and beyond: treat as a start
}

// Words that begin sentences often; after "U.S." they mean a boundary.
bool common_sentence_opener(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kOpeners = {
      "The", "It", "He", "She", "They", "We", "I", "In", "But", "And", "This", "That", "These", "Those", "A", "An",
      "Its", "Their", "His", "Her", "There", "Our", "As", "On"};
  return std::find(kOpeners.begin(), kOpeners.end(), w) != kOpeners.end();
}

std::string_view word_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && base::is_ascii_alpha(s[j])) ++j;
  return s.substr(i, j - i);
}

// The "word" that ends right before position `dot` (letters and inner dots).
std::string_view word_before(std::string_view s, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0 && (base::is_ascii_alpha(s[b - 1]) || (s[b - 1] == '.' && b >= 2 && base::is_ascii_alpha(s[b - 2])))) --b;
  return s.substr(b, dot - b);
}

bool is_line_item_start(std::string_view line) {
  if (line.empty()) return false;
  char c = line[0];
  if ((c == '-' || c == '*' || c == '+') && line.size() > 1 && line[1] == ' ') return true;
  if (line.starts_with("\xE2\x80\xA2")) return true;  // •
  std::size_t k = 0;
  while (k < line.size() && base::is_ascii_digit(line[k])) ++k;
  return k > 0 && k < 4 && k + 1 < line.size() && (line[k] == '.' || line[k] == ')') && line[k + 1] == ' ';
}

bool ends_with_terminal(std::string_view line) {
  while (!line.empty()) {
    std::size_t n = line.size();
    std::size_t cl = 0;
    if (n >= 3) cl = closer_len(line, n - 3) == 3 ? 3 : 0;
    if (!cl && n >= 2 && closer_len(line, n - 2) == 2) cl = 2;
    if (!cl && closer_len(line, n - 1) == 1) cl = 1;
    if (!cl) break;
    line.remove_suffix(cl);
  }
  if (line.empty()) return false;
  char c = line.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',';
}

class Segmenter {
 public:
  Segmenter(std::string_view text, Segmentation& out) : s_(text), out_(out) {}

  void run() {
    out_.paragraphs.clear();
    out_.sentences.clear();
    std::size_t n = s_.size();
    std::size_t para_start = skip_space(0);
    std::size_t i = para_start;
    while (i < n) {
      // Find the end of this paragraph: a blank line (two newlines with only
      // spaces between) or the end of the text.
      std::size_t para_end = find_paragraph_end(i);
      if (para_end > i) {
        std::uint32_t idx = static_cast<std::uint32_t>(out_.paragraphs.size());
        out_.paragraphs.push_back(trimmed(i, para_end));
        split_paragraph(i, para_end, idx);
      }
      i = skip_space(para_end);
    }
  }

 private:
  std::size_t skip_space(std::size_t i) const {
    std::size_t len;
    while (i < s_.size() && is_space_at(s_, i, &len)) i += len;
    return i;
  }

  Span trimmed(std::size_t b, std::size_t e) const {
    std::size_t len;
    while (b < e && is_space_at(s_, b, &len)) b += len;
    while (e > b) {
      // Step back over ASCII space or multi-byte spaces.
      if (base::is_ascii_space(s_[e - 1])) {
        --e;
      } else if (e >= 2 && static_cast<unsigned char>(s_[e - 2]) == 0xC2 && static_cast<unsigned char>(s_[e - 1]) == 0xA0) {
        e -= 2;
      } else {
        break;
      }
    }
    return Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
  }

  std::size_t find_paragraph_end(std::size_t i) const {
    std::size_t n = s_.size();
    while (i < n) {
      const void* p = std::memchr(s_.data() + i, '\n', n - i);
      if (!p) return n;
      std::size_t nl = static_cast<const char*>(p) - s_.data();
      std::size_t j = nl + 1;
      while (j < n && (s_[j] == ' ' || s_[j] == '\t' || s_[j] == '\r')) ++j;
      if (j < n && s_[j] == '\n') return nl;
      if (j >= n) return nl;
      i = j;
    }
    return n;
  }

  void emit(std::size_t b, std::size_t e, std::uint32_t para, bool line_item) {
    Span sp = trimmed(b, e);
    if (sp.empty()) return;
    // An over-long run (no full stop for kMaxSentenceBytes) is cut into
    // pieces at a clause or length bound, so that the work per sentence
    // stays bounded whatever the punctuation.
    while (sp.size() > kMaxSentenceBytes) {
      std::size_t cut = clause_cut(sp.begin, sp.end);
      Span head = trimmed(sp.begin, cut);
      if (!head.empty()) out_.sentences.push_back(Sentence{head, para, line_item});
      sp = trimmed(cut, sp.end);
      if (sp.empty()) return;
    }
    out_.sentences.push_back(Sentence{sp, para, line_item});
  }

  // Where to cut an over-long run [b, e): after the last ";" or "," in the
  // second half of the first kMaxSentenceBytes, else before the last
  // conjunction there, else at the last space, else at a character boundary.
  std::size_t clause_cut(std::size_t b, std::size_t e) const {
    const std::size_t hi = std::min(e, b + kMaxSentenceBytes);
    const std::size_t lo = b + kMaxSentenceBytes / 2;
    for (std::size_t k = hi; k > lo; --k)
      if ((s_[k - 1] == ';' || s_[k - 1] == ',') && k < e && s_[k] == ' ') return k;
    static constexpr std::array<std::string_view, 5> kConjunctions = {" and ", " but ", " while ", " because ", " or "};
    for (std::size_t k = hi; k > lo; --k) {
      if (s_[k - 1] != ' ') continue;
      for (std::string_view c : kConjunctions)
        if (k - 1 + c.size() <= e && s_.substr(k - 1, c.size()) == c) return k;
    }
    for (std::size_t k = hi; k > lo; --k)
      if (s_[k - 1] == ' ') return k;
    std::size_t k = hi;
    while (k > b + 1 && (static_cast<unsigned char>(s_[k]) & 0xC0) == 0x80) --k;
    return k;
  }

  void split_paragraph(std::size_t b, std::size_t e, std::uint32_t para) {
    // Lines inside a paragraph: a line break ends a sentence when the line is
    // a bullet item, or the line has no terminal punctuation and the next
    // starts like a new block (headline, byline).
    std::size_t start = b;
    std::size_t i = b;
    while (i < e) {
      const void* p = std::memchr(s_.data() + i, '\n', e - i);
      std::size_t line_end = p ? static_cast<std::size_t>(static_cast<const char*>(p) - s_.data()) : e;
      std::string_view line = base::trim(s_.substr(i, line_end - i));
      bool item = is_line_item_start(line);
      bool next_item = false;
      if (line_end < e) {
        std::size_t k = skip_space(line_end);
        std::size_t nl2 = s_.find('\n', k);
        next_item = is_line_item_start(base::trim(s_.substr(k, std::min(nl2, e) - k)));
      }
      bool hard_break = line_end < e && (item || next_item || (!ends_with_terminal(line) && !line.empty() && sentence_starter(s_, skip_space(line_end))));
      if (hard_break || line_end >= e) {
        split_sentences(start, line_end, para, item);
        start = line_end;
      }
      i = line_end + 1;
    }
  }

  void split_sentences(std::size_t b, std::size_t e, std::uint32_t para, bool line_item) {
    std::size_t start = b;
    const std::string_view within = s_.substr(0, e);
    for (std::size_t i = b; i < e; ++i) {
      // Only terminators and the lead byte of "…" can end a sentence.
      i = base::find_first_of(within, ".!?\xE2", i);
      if (i == std::string_view::npos) break;
      char c = s_[i];
      if (c != '.' && c != '!' && c != '?') {
        // "…" (U+2026) as a terminator.
        if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < e && static_cast<unsigned char>(s_[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s_[i + 2]) == 0xA6) {
          i += 2;
          std::size_t j = i + 1;
          std::size_t sl;
          if (j < e && is_space_at(s_, j, &sl) && sentence_starter(s_, skip_space(j))) {
            emit(start, j, para, line_item);
            start = j;
          }
        }
        continue;
      }
      std::size_t j = i + 1;
      // Runs of terminators ("?!", "...").
      while (j < e && (s_[j] == '.' || s_[j] == '!' || s_[j] == '?')) ++j;
      // Closing quotes and brackets that belong to this sentence.
      bool quote_closed = false;
      while (j < e) {
        std::size_t cl = closer_len(s_, j);
        if (!cl) break;
        quote_closed |= s_[j] != ')' && s_[j] != ']';
        j += cl;
      }
      std::size_t sl;
      if (j < e && !is_space_at(s_, j, &sl)) {
        i = j - 1;
        continue;  // "16.1", "U.S.-China", "$110/kg.": no space, no boundary
      }
      std::size_t next = skip_space(j);
      if (next < e && (!sentence_starter(s_, next) || (quote_closed && is_signature(next, e)))) {
        i = j - 1;
        continue;
      }
      if (c == '.' && j == i + 1 && !is_boundary_after_period(i, next, e)) continue;
      emit(start, j, para, line_item);
      start = j;
      i = j - 1;
    }
    emit(start, e, para, line_item);
  }

  // A dash and a name that sign the quotation before them, to the end of the
  // line: '..." — Edwin G. Monroy'. They belong to the quoted sentence.
  bool is_signature(std::size_t at, std::size_t e) const {
    std::size_t k = at;
    if (s_.substr(k, 3) == "\xE2\x80\x94" || s_.substr(k, 3) == "\xE2\x80\x93") k += 3;
    else if (s_[k] == '-') k += s_.substr(k, 2) == "--" ? 2 : 1;
    else return false;
    std::size_t line_end = std::min(e, s_.find('\n', k));
    if (line_end - k > 60) return false;
    int words = 0;
    while (true) {
      while (k < line_end && s_[k] == ' ') ++k;
      if (k >= line_end) break;
      unsigned char c = static_cast<unsigned char>(s_[k]);
      if (!base::is_ascii_upper(static_cast<char>(c)) && c != 0xC3) return false;  // every word capitalised
      while (k < line_end && s_[k] != ' ') {
        if (s_[k] == '!' || s_[k] == '?' || s_[k] == '"') return false;
        ++k;
      }
      ++words;
    }
    return words >= 1 && words <= 6;
  }

  // A single period followed by space and a possible sentence start: is it an
  // abbreviation or initial rather than the end of a sentence?
  bool is_boundary_after_period(std::size_t dot, std::size_t next, std::size_t e) const {
    std::string_view w = word_before(s_, dot);
    if (w.empty()) return true;
    if (w.size() == 1 && base::is_ascii_upper(w[0])) {
      // An initial ("J. Smith") unless the sentence ends in a one-letter word
      // such as "Plan B." followed by a common opener.
      return next < e && common_sentence_opener(word_at(s_, next));
    }
    if (is_abbreviation(w)) {
      // Dotted acronyms (U.S.) end sentences before a common opener.
      if (w.find('.') != std::string_view::npos) return next < e && common_sentence_opener(word_at(s_, next));
      // Months before a number are dates ("Oct. 17"); before a capital, a boundary is unlikely.
      return false;
    }
    return true;
  }

  std::string_view s_;
  Segmentation& out_;
};

}  // namespace

bool is_abbreviation(std::string_view w) {
  if (std::find(kAbbreviations.begin(), kAbbreviations.end(), w) != kAbbreviations.end()) return true;
  // Dotted initialisms: "U.S", "N.Y", "a.k.a".
  if (w.size() >= 3 && w.find('.') != std::string_view::npos) {
    bool dotted = true;
    for (std::size_t k = 0; k < w.size(); ++k) {
      bool letter_pos = (k % 2 == 0);
      if (letter_pos ? !base::is_ascii_alpha(w[k]) : w[k] != '.') {
        dotted = false;
        break;
      }
    }
    if (dotted) return true;
  }
  return false;
}

void segment(std::string_view text, Segmentation& out) { Segmenter(text, out).run(); }

Segmentation segment(std::string_view text) {
  Segmentation out;
  segment(text, out);
  return out;
}

void tokenize(std::string_view s, base::Span within, std::vector<Token>& out) {
  std::size_t i = within.begin, e = std::min<std::size_t>(within.end, s.size());
  while (i < e) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t sl;
    if (c == ' ') {  // the common space, without the call
      ++i;
      continue;
    }
    if (is_space_at(s, i, &sl)) {
      i += sl;
      continue;
    }
    std::size_t b = i;
    if (base::is_ascii_digit(static_cast<char>(c))) {
      ++i;
      while (i < e) {
        char d = s[i];
        if (base::is_ascii_digit(d)) {
          ++i;
        } else if ((d == '.' || d == ',') && i + 1 < e && base::is_ascii_digit(s[i + 1])) {
          i += 2;
        } else {
          break;
        }
      }
      out.push_back({Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)}, TokenKind::kNumber});
      continue;
    }
    bool typographic = (c == 0xE2 && i + 1 < e && static_cast<unsigned char>(s[i + 1]) == 0x80) || c == 0xC2;
    if (base::is_ascii_alpha(static_cast<char>(c)) || (c >= 0xC3 && !typographic)) {
      while (i < e) {
        unsigned char d = static_cast<unsigned char>(s[i]);
        if (base::is_ascii_alpha(static_cast<char>(d)) || base::is_ascii_digit(static_cast<char>(d))) {
          ++i;
        } else if (d == 0xE2 && i + 3 < e && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   static_cast<unsigned char>(s[i + 2]) == 0x99 && base::is_ascii_alpha(s[i + 3])) {
          i += 3;  // Lynas’s
        } else if (d >= 0xC0) {
          // A multi-byte letter; stop at typographic punctuation (U+2000..U+206F).
          if (d == 0xE2 && i + 1 < e && static_cast<unsigned char>(s[i + 1]) == 0x80) break;
          if (d == 0xC2) break;  // NBSP, «, » ...
          ++i;
          while (i < e && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        } else if ((d == '-' || d == '\'' || d == '.') && i + 1 < e && base::is_ascii_alpha(s[i + 1]) &&
                   !(d == '.' && i + 2 < e && base::is_ascii_alpha(s[i + 2]) && !(i + 2 < e && s[i + 2] == '.') && i - b > 1)) {
          ++i;
        } else {
          break;
        }
      }
      // Keep the final dot of a dotted initialism (U.S.).
      if (i < e && s[i] == '.' && i - b >= 3 && s[i - 2] == '.') ++i;
      if (i == b) ++i;
      out.push_back({Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)}, TokenKind::kWord});
      continue;
    }
    // Punctuation: one code point.
    ++i;
    while (i < e && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    out.push_back({Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)}, TokenKind::kPunct});
  }
}

}  // namespace assay::text
