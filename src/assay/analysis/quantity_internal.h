// analysis/quantity_internal: the quantity scanner's pieces, shared by the
// files that hold them. Not a public header: only analysis/quantity*.cc
// include it.
//
//   std::vector<Quantity> out;
//   qscan::Scanner(text, out).run();  // what find_quantities does
//
// The Scanner walks the text once (run, in quantity.cc). At a digit or a
// number word it parses one figure (parse_one, quantity.cc) from its parts:
// the number (quantity_number.cc), the currency, unit, rate, material and
// counted noun (quantity_unit.cc); then the words around it give its bound
// and measure, and what is not a checkable figure is rejected
// (quantity_classify.cc). The byte- and token-level helpers stay here,
// inline, because every step runs them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/quantity.h"

namespace assay::analysis::qscan {

constexpr bool is_digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }
constexpr bool is_alpha(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26u; }
constexpr bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }
constexpr bool is_upper(unsigned char c) { return static_cast<unsigned>(c - 'A') < 26u; }

constexpr std::size_t kMaxWord = 24;

struct Tok {
  enum Kind : std::uint8_t { kEnd, kWord, kNum, kSym };
  Kind kind = kEnd;
  bool cap = false;    // starts with an ASCII capital
  bool upper = false;  // two or more letters, all ASCII capitals
  bool nl = false;     // a line break between this token and the reference point
  std::uint8_t len = 0;  // length of low (0 when the word is longer than kMaxWord)
  std::uint32_t b = 0, e = 0;
  std::uint32_t hash = 0;  // FNV-1a of low
  char low[kMaxWord];

  std::string_view lw() const { return {low, len}; }
  bool is(std::string_view w) const {
    return kind == kWord && len == w.size() && std::memcmp(low, w.data(), len) == 0;
  }
  template <typename... W>
  bool any(W... w) const { return (is(w) || ...); }
  bool starts(std::string_view p) const { return kind == kWord && len >= p.size() && std::memcmp(low, p.data(), p.size()) == 0; }
  bool ends(std::string_view p) const {
    return kind == kWord && len >= p.size() && std::memcmp(low + len - p.size(), p.data(), p.size()) == 0;
  }
};

// Dimensions of a parsed figure, before it becomes a canonical unit string.
enum class Dim : std::uint8_t {
  kBare, kCount, kPercent, kPoints, kMoney, kPrice, kMoneyRate, kMass, kMassRate,
  kDuration, kLength, kArea, kVolume, kPower, kEnergy, kGrade, kMult,
  // Everyday physical and technical units no supply-chain figure uses: data
  // sizes and rates ("512GB", "40 gigabits"), frequency ("2.4GHz"),
  // temperature ("89 degrees", "83°C"), sound level ("38 dBA") and electric
  // power of a device ("a 96W adapter"). A checkable figure (quantity), of
  // no supply-chain measure.
  kPhysical,
};

// One figure without range handling.
struct One {
  std::size_t b = 0, e = 0;  // span
  std::size_t num_end = 0;   // end of the number (+ scale)
  std::size_t unit_end = 0;  // end of the unit word(s), before rate and material
  double raw = 0;            // the number as written
  double scale = 1;          // thousand, million, k, bn ...
  double factor = 1;         // unit to canonical unit
  bool has_scale = false;
  bool word = false;         // written in words
  bool fraction = false;     // "a third", "two-thirds", "half"
  bool year_like = false;    // 4 plain digits in 1800..2100
  bool glued_m = false;      // "12m" without currency: million or metres
  bool one = false;          // the word "one"
  bool decimal = false;      // written with a decimal point
  Dim dim = Dim::kBare;
  const char* cur = nullptr;  // ISO code when money
  std::string unit;
  std::string head;
  bool person = false;
  std::size_t mat_b = 0, mat_e = 0;  // material words, when any

  double value() const { return raw * scale * factor; }
};

enum class Cue : std::uint8_t {
  kNone, kCapacity, kReserves, kProduction, kTrade, kGrowth, kShare, kPrice, kPremium,
  kMoney, kOtherPct, kPlant, kAble,
};

inline bool is_month(const Tok& w) {
  if (w.kind != Tok::kWord || !w.cap) return false;
  return w.any("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
               "sep", "sept", "oct", "nov", "dec");
}

// A word that ends a count's noun phrase or a material phrase (and any
// token that is not a word).
bool is_stop(const Tok& w);

class Scanner {
 public:
  Scanner(std::string_view t, std::vector<Quantity>& out) : t_(t), n_(t.size()), out_(out) {}

  void run();

 private:
  unsigned char at(std::size_t p) const { return p < n_ ? static_cast<unsigned char>(t_[p]) : 0; }

  // ---- characters ----
  std::size_t space_len(std::size_t p) const {
    const unsigned char c = at(p);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && at(p + 1) == 0xA0) return 2;
    if (c == 0xE2) {
      const unsigned char c1 = at(p + 1), c2 = at(p + 2);
      if (c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF)) return 3;
      if (c1 == 0x81 && c2 == 0x9F) return 3;
    }
    if (c == 0xE3 && at(p + 1) == 0x80 && at(p + 2) == 0x80) return 3;
    return 0;
  }
  std::size_t space_before(std::size_t p) const {
    if (p == 0) return 0;
    const unsigned char c = at(p - 1);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (p >= 2 && c == 0xA0 && at(p - 2) == 0xC2) return 2;
    if (p >= 3 && space_len(p - 3) == 3) return 3;
    return 0;
  }
  std::size_t skip_spaces(std::size_t p) const {
    while (p < n_) {
      std::size_t s = space_len(p);
      if (!s) break;
      p += s;
    }
    return p;
  }
  // '-', U+2010..U+2015 (hyphens, en and em dash), U+2212 minus.
  std::size_t dash_len(std::size_t p) const {
    const unsigned char c = at(p);
    if (c == '-') return 1;
    if (c == 0xE2) {
      if (at(p + 1) == 0x80 && at(p + 2) >= 0x90 && at(p + 2) <= 0x95) return 3;
      if (at(p + 1) == 0x88 && at(p + 2) == 0x92) return 3;
    }
    return 0;
  }
  std::size_t dash_before(std::size_t p) const {
    if (p >= 1 && at(p - 1) == '-') return 1;
    if (p >= 3 && dash_len(p - 3) == 3) return 3;
    return 0;
  }
  // Latin letters: ASCII, and two-byte UTF-8 for U+00C0..U+024F (not × ÷).
  std::size_t word_char(std::size_t p) const {
    const unsigned char c = at(p);
    if (is_alpha(c)) return 1;
    if (c >= 0xC3 && c <= 0xC9) {
      const unsigned char d = at(p + 1);
      if (d < 0x80 || d > 0xBF) return 0;
      if (c == 0xC3 && (d == 0x97 || d == 0xB7)) return 0;
      return 2;
    }
    return 0;
  }
  std::size_t word_char_before(std::size_t p) const {
    if (p == 0) return 0;
    if (is_alpha(at(p - 1))) return 1;
    if (p >= 2 && word_char(p - 2) == 2) return 2;
    return 0;
  }
  std::size_t utf8_len(unsigned char c) const {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
  }

  // ---- tokens ----
  void fill_word(Tok& k) const {
    k.kind = Tok::kWord;
    const std::size_t len = k.e - k.b;
    k.cap = is_upper(at(k.b));
    if (len > kMaxWord) {
      k.len = 0;
      return;
    }
    // Lowered by a table; "upper" when no ASCII lower-case letter is seen.
    static constexpr auto kLower = [] {
      std::array<unsigned char, 256> t{};
      for (unsigned c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(is_upper(static_cast<unsigned char>(c)) ? c + 32 : c);
      return t;
    }();
    const auto* s = reinterpret_cast<const unsigned char*>(t_.data()) + k.b;  // k.e <= n_
    bool lower = false;
    std::uint32_t h = 2166136261u;
    for (std::size_t i = 0; i < len; ++i) {
      const unsigned char c = s[i];
      lower |= static_cast<unsigned>(c - 'a') < 26u;
      const unsigned char l = kLower[c];
      k.low[i] = static_cast<char>(l);
      h = (h ^ l) * 16777619u;
    }
    k.hash = h;
    k.upper = len >= 2 && !lower;
    k.len = static_cast<std::uint8_t>(len);
  }
  // The token starting at or after p (spaces skipped).
  Tok next(std::size_t p) const {
    Tok k;
    while (p < n_) {
      std::size_t s = space_len(p);
      if (!s) break;
      if (t_[p] == '\n') k.nl = true;
      p += s;
    }
    k.b = static_cast<std::uint32_t>(p);
    if (p >= n_) {
      k.e = k.b;
      return k;
    }
    const unsigned char c = at(p);
    std::size_t q = p;
    if (word_char(p)) {
      while (q < n_) {
        std::size_t l = word_char(q);
        if (!l) break;
        q += l;
      }
      k.e = static_cast<std::uint32_t>(q);
      fill_word(k);
    } else if (is_digit(c)) {
      while (q < n_ && (is_digit(at(q)) || ((at(q) == '.' || at(q) == ',') && is_digit(at(q + 1))))) ++q;
      k.kind = Tok::kNum;
      k.e = static_cast<std::uint32_t>(q);
    } else {
      k.kind = Tok::kSym;
      k.e = static_cast<std::uint32_t>(std::min(n_, p + utf8_len(c)));
    }
    return k;
  }
  // The token ending at or before p (spaces skipped).
  Tok prev(std::size_t p) const {
    Tok k;
    while (p > 0) {
      std::size_t s = space_before(p);
      if (!s) break;
      if (at(p - 1) == '\n') k.nl = true;
      p -= s;
    }
    k.e = static_cast<std::uint32_t>(p);
    if (p == 0) {
      k.b = 0;
      return k;
    }
    if (word_char_before(p)) {
      while (p > 0) {
        std::size_t l = word_char_before(p);
        if (!l) break;
        p -= l;
      }
      k.b = static_cast<std::uint32_t>(p);
      fill_word(k);
    } else if (is_digit(at(p - 1))) {
      while (p > 0 && (is_digit(at(p - 1)) || ((at(p - 1) == '.' || at(p - 1) == ',') && p >= 2 && is_digit(at(p - 2))))) --p;
      k.kind = Tok::kNum;
      k.b = static_cast<std::uint32_t>(p);
    } else {
      --p;
      while (p > 0 && (at(p) & 0xC0) == 0x80 && k.e - p < 4) --p;
      k.kind = Tok::kSym;
      k.b = static_cast<std::uint32_t>(p);
    }
    return k;
  }
  bool sym_is(const Tok& k, char c) const { return k.kind == Tok::kSym && k.e - k.b == 1 && at(k.b) == static_cast<unsigned char>(c); }
  bool sym_is(const Tok& k, std::string_view s) const {
    return k.kind == Tok::kSym && k.e - k.b == s.size() && t_.substr(k.b, s.size()) == s;
  }
  bool is_dash_tok(const Tok& k) const { return k.kind == Tok::kSym && dash_len(k.b) == k.e - k.b; }
  std::string_view orig(const Tok& k) const { return t_.substr(k.b, k.e - k.b); }
  // A sentence boundary token for the context windows.
  bool is_boundary(const Tok& k) const {
    if (k.kind == Tok::kEnd) return true;
    if (k.kind != Tok::kSym) return false;
    const unsigned char c = at(k.b);
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
  }
  // The next word after p, joined by spaces or by a single dash ("10-year").
  Tok next_joined(std::size_t p) const {
    Tok k = next(p);
    if (k.b == p && is_dash_tok(k) && word_char(k.e)) return next(k.e);
    return k;
  }

  // ---- triggers ----
  // A digit that starts a figure: not glued to letters ("Q3", "FY25"), nor the
  // tail of a date, URL, time or code ("2025-06-12", "/2024/", "10:30").
  bool fresh_digit(std::size_t i) const {
    if (i == 0) return true;
    const unsigned char c = at(i - 1);
    if (is_alnum(c) || c == '/' || c == ':' || c == '_' || c == '@' || c == '#' || c == '&' || c == '=') return false;
    if (c == '.' || c == ',') return !(i >= 2 && is_alnum(at(i - 2)));
    if (std::size_t d = dash_before(i)) {
      if (i > d && (is_alnum(at(i - d - 1)))) return false;
    }
    return true;
  }
  bool may_start_number_word(std::size_t b, std::size_t e) const {
    const std::size_t len = e - b;
    if (len > 9) return false;
    // cheap filter on the first letter and the length before comparing
    static constexpr std::uint16_t kLens[26] = {
        /*a*/ 1u << 1 | 1u << 2, 0, 0, 0, /*e*/ 1u << 5 | 1u << 6 | 1u << 8, /*f*/ 1u << 4 | 1u << 5 | 1u << 7 | 1u << 8,
        0, /*h*/ 1u << 4, 0, 0, 0, 0, 0, /*n*/ 1u << 4 | 1u << 6 | 1u << 8, /*o*/ 1u << 3, 0, 0, 0,
        /*s*/ 1u << 3 | 1u << 5 | 1u << 7 | 1u << 9, /*t*/ 1u << 3 | 1u << 5 | 1u << 6 | 1u << 8, 0, 0, 0, 0, 0, 0};
    const unsigned first = static_cast<unsigned>((at(b) | 0x20) - 'a');
    if (first >= 26 || !(kLens[first] >> len & 1u)) return false;
    if (first == 0) {  // "a", "an": only before half, third, quarter, fifth, tenth, dozen, hundred, thousand, million ...
      const unsigned char c = at(skip_spaces(e)) | 0x20;
      if (c != 'h' && c != 't' && c != 'q' && c != 'f' && c != 'd' && c != 'm' && c != 'b') return false;
    }
    char w[10] = {};
    for (std::size_t k = 0; k < len; ++k) w[k] = static_cast<char>(at(b + k) | 0x20);
    const std::string_view s(w, len);
    switch (w[0]) {
      case 'a': return s == "a" || s == "an";
      case 'o': return s == "one";
      case 't': return s == "two" || s == "three" || s == "ten" || s == "twelve" || s == "twenty" || s == "thirty" || s == "thirteen";
      case 'f': return s == "four" || s == "five" || s == "fourteen" || s == "fifteen" || s == "forty" || s == "fifty";
      case 's': return s == "six" || s == "seven" || s == "sixteen" || s == "seventeen" || s == "sixty" || s == "seventy";
      case 'e': return s == "eight" || s == "eleven" || s == "eighteen" || s == "eighty";
      case 'n': return s == "nine" || s == "nineteen" || s == "ninety";
      case 'h': return s == "half";
      default: return false;
    }
  }

  // ---- numbers (quantity_number.cc) ----
  struct Num {
    double v = 0;
    std::size_t end = 0;
    int int_digits = 0;
    bool plain = true;  // digits only
    bool decimal = false;  // has a decimal point
  };
  bool parse_number(std::size_t p, Num& m) const;

  static int unit_word_value(const Tok& w);
  static int tens_word_value(const Tok& w);
  static double fraction_den(const Tok& w);
  static double scale_word(const Tok& w);

  // Number words: "seven", "twenty-five", "a third", "two-thirds", "a dozen",
  // "half", "a million" (the scale is left for the caller).
  bool parse_word_number(std::size_t p, One& a) const;

  // ---- currency (quantity_unit.cc) ----
  // Currency prefix at p: "$", "US$", "A$", "C$", "€", "£", "¥", "₹", "Rs",
  // "USD", "RMB" ... Returns the ISO code and sets *end to the digit after it.
  const char* parse_currency(std::size_t p, std::size_t* end) const;
  // Where a figure whose first digit is at d starts, including a currency prefix.
  std::size_t currency_start(std::size_t d) const;

  // ---- units, rates, materials and counted nouns (quantity_unit.cc) ----
  // "a year", "per annum", "/yr", "annually", "-a-year"; for money also "per kg",
  // "a tonne", "/lb", "a share". Returns the end and the per-unit, or 0.
  std::size_t parse_per(std::size_t p, bool money, const char** per) const;

  static bool is_time_per(const char* per);

  // Unit after the number (+ scale). Sets a.dim / a.unit / a.factor and
  // returns the end of the unit word(s), or 0 when none. `glued` says the
  // token touches the number ("10kt"), in which case only abbreviations count.
  std::size_t parse_unit(std::size_t p, One& a, bool* glued_reject) const;

  // Words after "of" (up to 6) that name what was measured, stopping at a
  // rate, which then closes the figure ("tonnes of NdPr oxide a year").
  void parse_material(std::size_t p, One& a, bool want_rate) const;

  // A count's noun ("47 strategic projects", "seven medium and heavy rare
  // earths") or a duration with modifiers ("45 working days").
  bool parse_head(std::size_t p, One& a) const;
  // "one" counts only informants ("one of the people", "one trader") and units.
  bool parse_one_informant(std::size_t p, One& a) const;

  // [currency] number [scale] [unit [rate] [of material [rate]]] | count
  bool parse_one(std::size_t s, One& a) const;
  // Its steps, in order (quantity.cc).
  bool parse_amount(std::size_t s, One& a, std::size_t& p) const;
  std::size_t parse_scale(std::size_t p, One& a) const;
  bool parse_ratio(std::size_t p, One& a) const;
  bool parse_after_number(std::size_t p, One& a) const;

  // ---- context: bound and measure (quantity_classify.cc) ----
  Bound bound_before(std::size_t b) const;

  struct Found {
    int back = 1 << 20;  // words between the cue and the figure, before it
    int fwd = 1 << 20;   // after it
  };
  // Nearest cue of each kind within the sentence, before b and after e.
  void cues_around(std::size_t b, std::size_t e, std::array<Found, 13>& f, int back, int fwd) const;
  static int dist(const std::array<Found, 13>& f, Cue c);

  Measure classify(const One& a, std::size_t b, Dim dim) const;

  // ---- rejection of what is not a checkable figure (quantity_classify.cc) ----
  bool identifier_word(const Tok& w) const;
  bool exchange_word(const Tok& w) const;
  // Is the token before b the start of a sentence (so a capital means nothing)?
  bool sentence_start_before(const Tok& w) const;
  bool reject(const One& a, std::size_t b) const;

  // Is a count of informants used as a source ("two officials said", "three
  // people familiar with", "according to two sources")?
  bool speech_near(std::size_t b, std::size_t e) const;

  // ---- one figure or range, emitted (quantity.cc) ----
  std::size_t scan_at(std::size_t s);

  std::string_view t_;
  std::size_t n_;
  std::vector<Quantity>& out_;
  std::size_t last_end_ = 0;
};

}  // namespace assay::analysis::qscan
