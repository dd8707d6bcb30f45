// analysis/quantity_number: the number of a figure, in digits ("10,500",
// "1.7", "12m") or in words ("seven", "twenty-five", "a third", "half a
// million"), with its scale word ("billion", "k"). See quantity_internal.h.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "assay/analysis/quantity_internal.h"

namespace assay::analysis::qscan {

bool Scanner::parse_number(std::size_t p, Num& m) const {
  char buf[72];
  int k = 0;
  std::size_t q = p;
  while (q < n_ && is_digit(at(q))) {
    if (k < 40) buf[k++] = static_cast<char>(at(q));
    ++q;
    ++m.int_digits;
  }
  if (m.int_digits > 15) return false;
  if (m.int_digits <= 3) {
    for (;;) {
      std::size_t sep = 0;
      if (at(q) == ',') sep = 1;
      else if (std::size_t s = space_len(q); s >= 2) sep = s;  // NBSP, thin space
      if (!sep) break;
      const std::size_t r = q + sep;
      if (!(is_digit(at(r)) && is_digit(at(r + 1)) && is_digit(at(r + 2)) && !is_digit(at(r + 3)))) break;
      if (k > 36) return false;
      for (int d = 0; d < 3; ++d) buf[k++] = static_cast<char>(at(r + d));
      q = r + 3;
      m.int_digits += 3;
      m.plain = false;
    }
  }
  if (at(q) == '.' && is_digit(at(q + 1))) {
    buf[k++] = '.';
    m.decimal = true;
    ++q;
    while (q < n_ && is_digit(at(q))) {
      if (k < 70) buf[k++] = static_cast<char>(at(q));
      ++q;
    }
    m.plain = false;
  }
  auto [ptr, ec] = std::from_chars(buf, buf + k, m.v);
  (void)ptr;
  if (ec != std::errc()) return false;
  m.end = q;
  return true;
}

int Scanner::unit_word_value(const Tok& w) {
  static constexpr std::array<std::string_view, 20> kUnits = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  if (w.kind != Tok::kWord) return -1;
  for (std::size_t i = 1; i < kUnits.size(); ++i)
    if (w.lw() == kUnits[i]) return static_cast<int>(i);
  return -1;
}

int Scanner::tens_word_value(const Tok& w) {
  static constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  if (w.kind != Tok::kWord) return -1;
  for (std::size_t i = 0; i < kTens.size(); ++i)
    if (w.lw() == kTens[i]) return static_cast<int>(20 + 10 * i);
  return -1;
}

double Scanner::fraction_den(const Tok& w) {
  if (w.any("half", "halves")) return 2;
  if (w.any("third", "thirds")) return 3;
  if (w.any("quarter", "quarters")) return 4;
  if (w.any("fifth", "fifths")) return 5;
  if (w.any("tenth", "tenths")) return 10;
  return 0;
}

double Scanner::scale_word(const Tok& w) {
  if (w.any("thousand")) return 1e3;
  if (w.any("million", "mn", "mln")) return 1e6;
  if (w.any("billion", "bn", "bln")) return 1e9;
  if (w.any("trillion", "tn")) return 1e12;
  if (w.any("crore", "crores")) return 1e7;
  if (w.any("lakh", "lakhs")) return 1e5;
  return 0;
}

// Number words: "seven", "twenty-five", "a third", "two-thirds", "a dozen",
// "half", "a million" (the scale is left for the caller).
bool Scanner::parse_word_number(std::size_t p, One& a) const {
  Tok w = next(p);
  if (w.kind != Tok::kWord) return false;
  a.word = true;
  if (w.any("a", "an")) {
    Tok x = next(w.e);
    if (x.nl) return false;
    if (double d = fraction_den(x)) {
      if (x.ends("s")) return false;
      a.raw = 1 / d;
      a.fraction = true;
      a.num_end = x.e;
      return true;
    }
    if (x.is("dozen")) { a.raw = 12; a.num_end = x.e; return true; }
    if (x.is("hundred")) { a.raw = 100; a.num_end = x.e; return true; }
    if (scale_word(x) && !x.any("crore", "crores", "lakh", "lakhs", "mn", "mln", "bn", "bln", "tn")) {
      a.raw = 1;
      a.num_end = w.e;
      return true;
    }
    return false;
  }
  if (w.is("half")) {
    a.raw = 0.5;
    a.fraction = true;
    a.num_end = w.e;
    return true;
  }
  double v = 0;
  std::size_t end = w.e;
  if (int tens = tens_word_value(w); tens > 0) {
    v = tens;
    if (std::size_t d = dash_len(w.e); d) {
      Tok u = next(w.e + d);
      int uv = unit_word_value(u);
      if (u.b == w.e + d && uv > 0 && uv < 10) {
        v += uv;
        end = u.e;
      }
    }
  } else if (int uv = unit_word_value(w); uv > 0) {
    v = uv;
    a.one = uv == 1;
  } else {
    return false;
  }
  // "two-thirds", "three quarters", "one third"
  Tok f = next_joined(end);
  if (!f.nl) {
    if (double d = fraction_den(f); d > 0 && v < d) {
      a.raw = v / d;
      a.fraction = true;
      a.one = false;
      a.num_end = f.e;
      return true;
    }
    if (f.is("hundred")) { v *= 100; end = f.e; a.one = false; }
    else if (f.is("dozen")) { v *= 12; end = f.e; a.one = false; }
  }
  a.raw = v;
  a.num_end = end;
  return true;
}

}  // namespace assay::analysis::qscan
