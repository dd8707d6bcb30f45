// analysis/quantity: see quantity.h.
//
// The scanner walks the text once. At a digit (after looking back for a
// currency prefix) or at a number word it parses, left to right:
//   [currency] number [scale] [unit [rate] [of material [rate]]]
// or a count ("47 strategic projects"), then a range ("850 to 1,000 t",
// "between 5% and 7%"), then rejects what is not a checkable figure (dates,
// years, identifiers, tickers, relative times, "the two companies"), then
// reads the words around the figure for its bound and its measure.
#include "assay/analysis/quantity.h"

#include "assay/analysis/quantity_internal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace assay::analysis {

const char* measure_name(Measure m) { return kMeasureNames.name(m, "other"); }
std::optional<Measure> parse_measure(std::string_view s) { return kMeasureNames.parse(s); }

const char* bound_name(Bound b) { return kBoundNames.name(b, "exact"); }
std::optional<Bound> parse_bound(std::string_view s) { return kBoundNames.parse(s); }

namespace qscan {

namespace {
// Each byte's class for run(): 2 a digit, 1 an ASCII letter, 0 anything else.
constexpr auto kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (unsigned c = 0; c < 256; ++c) t[c] = is_digit(static_cast<unsigned char>(c)) ? 2 : is_alpha(static_cast<unsigned char>(c)) ? 1 : 0;
  return t;
}();
}  // namespace

void Scanner::run() {
  const auto* t = reinterpret_cast<const unsigned char*>(t_.data());
  std::size_t i = 0;
  while (i < n_) {
    const unsigned k = kByteClass[t[i]];
    if (k == 0) {
      ++i;
      continue;
    }
    if (k == 2) {
      if (i >= last_end_ && fresh_digit(i)) {
        std::size_t e = scan_at(currency_start(i));
        if (e > i) { i = e; continue; }
      }
      std::size_t j = i;
      while (j < n_ && (kByteClass[t[j]] || ((t[j] == '.' || t[j] == ',') && is_digit(at(j + 1))))) ++j;
      i = j;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n_ && kByteClass[t[j]]) ++j;
    // A number word has at most 9 letters (may_start_number_word's first test).
    if (j - i <= 9 && i >= last_end_ && (i == 0 || !kByteClass[t[i - 1]]) && may_start_number_word(i, j)) {
      std::size_t e = scan_at(i);
      if (e > i) { i = e; continue; }
    }
    i = j;
  }
}

// [currency] number [scale] [unit [rate] [of material [rate]]] | count
// [currency] number: sets a.b, a.cur, the number and p after it; false when
// what starts at s is no figure (a time, a date, a fraction glued to it).
bool Scanner::parse_amount(std::size_t s, One& a, std::size_t& p) const {
  a = One{};
  a.b = s;
  p = s;
  std::size_t after = 0;
  if (const char* cur = parse_currency(p, &after)) {
    a.cur = cur;
    p = after;
  }
  if (is_digit(at(p))) {
    Num m;
    if (!parse_number(p, m)) return false;
    a.raw = m.v;
    a.decimal = m.decimal;
    p = m.end;
    a.year_like = !a.cur && m.plain && m.int_digits == 4 && m.v >= 1800 && m.v <= 2100;
    // times, dates, fractions, ordinals glued to the number
    const unsigned char c = at(p);
    if ((c == ':' || c == '/') && is_digit(at(p + 1))) return false;
    if (std::size_t d = dash_len(p); d && is_digit(at(p + d)) && m.plain) {
      // ISO date 2025-06-12
      std::size_t r = p + d;
      while (is_digit(at(r))) ++r;
      if (dash_len(r) && is_digit(at(r + dash_len(r)))) return false;
    }
  } else if (!a.cur && is_alpha(at(p))) {
    if (!parse_word_number(p, a)) return false;
    p = a.num_end;
  } else {
    return false;
  }
  a.num_end = p;
  return true;
}

// A scale word after the number ("million", "bn", glued "k" or "m", "half a
// million"); returns the position after it (p when there is none).
std::size_t Scanner::parse_scale(std::size_t p, One& a) const {
  Tok w = next(p);
  const bool glued = w.b == p;
  double sc = 0;
  std::size_t end = w.e;
  if (w.kind == Tok::kWord && !w.nl) {
    const std::string_view o = orig(w);
    if (glued && !a.word) {
      if (o == "k" || o == "K") sc = 1e3;
      else if (o == "m" && a.cur) sc = 1e6;
      else if (o == "m" && !a.cur) { sc = 1e6; a.glued_m = true; }
      else if (o == "M" || o == "mn" || o == "mln" || o == "MN") sc = 1e6;
      else if (o == "bn" || o == "bln" || o == "Bn" || o == "BN" || ((o == "b" || o == "B") && a.cur)) sc = 1e9;
      else if (o == "tn" || o == "trn" || (o == "T" && a.cur)) sc = 1e12;
      if (!sc && w.len >= 7) sc = scale_word(w);  // "$1billion", "$45.1million"
      if (sc && is_alnum(at(w.e))) sc = 0;
    } else if (!glued) {
      sc = scale_word(w);
    }
  } else if (glued && w.kind == Tok::kSym && is_dash_tok(w)) {
    Tok x = next(w.e);
    if (x.b == w.e && x.kind == Tok::kWord && (sc = scale_word(x))) end = x.e;
  }
  if (sc) {
    if (a.fraction) {
      // "half a million": only with "a" between
      a.fraction = false;
    }
    a.scale = sc;
    a.has_scale = true;
    p = end;
    a.num_end = p;
  } else if (a.fraction && w.is("a")) {
    Tok x = next(w.e);
    if (double s2 = scale_word(x); s2 && a.raw == 0.5) {
      a.fraction = false;
      a.scale = s2;
      a.has_scale = true;
      p = x.e;
      a.num_end = p;
    }
  }
  return p;
}

// "one in five", "two in 10": a ratio, as a percentage. True when parsed.
bool Scanner::parse_ratio(std::size_t p, One& a) const {
  if (!a.cur && !a.has_scale && !a.fraction && a.raw > 0) {
    Tok in = next(p);
    if (in.is("in") && !in.nl) {
      const std::size_t s2 = skip_spaces(in.e);
      double den = 0;
      std::size_t dend = 0;
      Num m2;
      One w2;
      if (is_digit(at(s2)) && parse_number(s2, m2) && m2.plain && !is_alnum(at(m2.end))) {
        den = m2.v;
        dend = m2.end;
      } else if (is_alpha(at(s2)) && parse_word_number(s2, w2) && !w2.fraction && w2.raw > 1) {
        den = w2.raw;
        dend = w2.num_end;
      }
      if (den > a.raw && den <= 100 && std::floor(den) == den) {
        a.raw = a.raw / den;
        a.one = false;
        a.dim = Dim::kPercent;
        a.unit = "%";
        a.factor = 100;
        a.unit_end = a.e = dend;
        return true;
      }
    }
  }
  return false;
}

// What follows the number: a fraction's "of", money and its rate, a unit
// (with rate and material), "12m" as metres, or a counted noun.
bool Scanner::parse_after_number(std::size_t p, One& a) const {
  if (a.fraction) {
    Tok w = next(p);
    if (w.any("of", "the")) {
      a.dim = Dim::kPercent;
      a.unit = "%";
      a.factor = 100;
      a.unit_end = p;
      a.e = p;
      if (w.is("of")) parse_material(p, a, false);
      return true;
    }
    a.e = p;
    a.unit_end = p;
    return true;  // bare fraction: only good as the low end of a range
  }

  if (a.cur) {
    a.dim = Dim::kMoney;
    a.unit = a.cur;
    a.unit_end = p;
    a.e = p;
    const char* per = nullptr;
    if (std::size_t r = parse_per(p, true, &per)) {
      a.unit += '/';
      a.unit += per;
      a.dim = is_time_per(per) ? Dim::kMoneyRate : Dim::kPrice;
      a.e = r;
    }
    return true;
  }

  bool glued_reject = false;
  std::size_t ue = parse_unit(p, a, &glued_reject);
  if (glued_reject) return false;
  if (ue) {
    a.unit_end = ue;
    a.e = ue;
    if (a.dim == Dim::kMoney) {
      const char* per = nullptr;
      if (std::size_t r = parse_per(ue, true, &per)) {
        a.unit += '/';
        a.unit += per;
        a.dim = is_time_per(per) ? Dim::kMoneyRate : Dim::kPrice;
        a.e = r;
      }
    } else if (a.dim == Dim::kMass || a.dim == Dim::kEnergy || a.dim == Dim::kVolume) {
      const char* per = nullptr;
      if (std::size_t r = parse_per(ue, false, &per)) {
        a.unit += '/';
        a.unit += per;
        if (a.dim == Dim::kMass) a.dim = Dim::kMassRate;
        a.e = r;
        parse_material(r, a, false);
      } else {
        parse_material(ue, a, true);
      }
    } else if (a.dim == Dim::kMassRate || a.dim == Dim::kPercent) {
      parse_material(ue, a, false);
    }
    return true;
  }
  if (a.glued_m) {  // "12m" with no unit after it: metres
    a.scale = 1;
    a.has_scale = false;
    a.dim = Dim::kLength;
    a.unit = "m";
    a.unit_end = a.e = a.num_end;
    return true;
  }
  if (a.one && !a.has_scale) {
    if (parse_one_informant(p, a)) a.e = a.unit_end;
    else a.e = p;
    return true;
  }
  if (parse_head(p, a)) {
    a.e = a.unit_end;
    return true;
  }
  if (next(p).is("of") && a.raw <= 12 && parse_one_informant(p, a)) {  // "two of the people"
    a.e = a.unit_end;
    return true;
  }
  a.e = p;
  a.unit_end = p;
  return true;  // bare
}

bool Scanner::parse_one(std::size_t s, One& a) const {
  std::size_t p = 0;
  if (!parse_amount(s, a, p)) return false;
  p = parse_scale(p, a);
  if (parse_ratio(p, a)) return true;
  return parse_after_number(p, a);
}

std::size_t Scanner::scan_at(std::size_t s) {
  One a;
  if (!parse_one(s, a)) return 0;
  Tok before = prev(s);
  const bool between = before.is("between") || (before.kind == Tok::kWord && prev(before.b).is("between"));
  const bool from = before.is("from") || (before.kind == Tok::kWord && prev(before.b).is("from"));

  // ranges
  One bq;
  bool ranged = false;
  {
    Tok c = next(a.e);
    std::size_t ce = 0;
    if (!c.nl) {
      if (is_dash_tok(c) && (c.b == a.e || c.e - c.b > 1)) ce = c.e;
      else if (c.is("to") && !from) ce = c.e;
      else if (c.is("and") && between) ce = c.e;
      else if (c.is("or") && a.word && a.dim == Dim::kBare) ce = c.e;
    }
    if (ce) {
      std::size_t s2 = skip_spaces(ce);
      std::size_t pend = 0;
      const bool start_ok = is_digit(at(s2)) || parse_currency(s2, &pend) || (is_alpha(at(s2)) && a.word);
      if (start_ok && parse_one(s2, bq) && (bq.dim == Dim::kBare || !reject(bq, s2))) {
        if (a.dim == Dim::kBare && !a.fraction && bq.dim != Dim::kBare && !bq.fraction && !a.cur) {
          // "850 to 1,000 tonnes", "10-12%", "two to three months"
          if (!a.has_scale && bq.has_scale && a.raw <= bq.raw) {
            a.scale = bq.scale;
            a.has_scale = true;
          }
          ranged = true;
        } else if (a.fraction && bq.dim == Dim::kPercent && bq.fraction) {
          a.factor = 100;
          ranged = true;
        } else if (a.dim == Dim::kMoney && (bq.dim == Dim::kPrice || bq.dim == Dim::kMoneyRate) && bq.cur && a.cur &&
                   std::strcmp(bq.cur, a.cur) == 0) {
          // "$60-$66 per share"
          a.factor = bq.factor;
          ranged = true;
        } else if (a.dim != Dim::kBare && bq.dim == a.dim && bq.unit == a.unit) {
          if (!a.has_scale && bq.has_scale && a.raw <= bq.raw) {
            a.scale = bq.scale;
            a.has_scale = true;
          }
          ranged = a.value() <= bq.value();
        } else if (a.dim == Dim::kMoney && bq.dim == Dim::kBare && bq.has_scale && !bq.cur) {
          // "$1.7-1.8 billion"
          if (!a.has_scale && a.raw <= bq.raw) {
            a.scale = bq.scale;
            a.has_scale = true;
          }
          bq.dim = Dim::kMoney;
          bq.unit = a.unit;
          ranged = a.value() <= bq.raw * bq.scale;
        }
      }
    }
  }

  Quantity q;
  double lo = 0, hi = 0;
  if (ranged) {
    lo = a.fraction ? a.raw * 100 : a.raw * a.scale * (a.dim == Dim::kBare ? bq.factor : a.factor);
    hi = bq.value();
    if (lo > hi * (1 + 1e-9)) ranged = false;
  }
  if (ranged) {
    q.span = {static_cast<std::uint32_t>(a.b), static_cast<std::uint32_t>(bq.e)};
    q.value = lo;
    q.value_high = hi;
    q.unit = bq.unit;
    q.head = bq.head;
    q.source_count = bq.person && bq.value() <= 12 && speech_near(a.b, bq.e);
    One m = bq;
    m.b = a.b;
    if (bq.mat_e > bq.mat_b) q.material = std::string(t_.substr(bq.mat_b, bq.mat_e - bq.mat_b));
    q.bound = bound_before(a.b);
    q.measure = classify(m, a.b, bq.dim);
    if (bq.dim == Dim::kMoney && !a.has_scale && a.raw * a.scale >= 1e5) q.measure = Measure::kMoney;
  } else {
    if (reject(a, s)) return 0;
    q.span = {static_cast<std::uint32_t>(a.b), static_cast<std::uint32_t>(a.e)};
    q.value = q.value_high = a.value();
    q.unit = a.unit;
    q.head = a.head;
    // "one official" is never a checkable count; others need a speech cue
    q.source_count = a.person && a.value() <= 12 &&
                     (a.value() == 1 || q.head == "sources" || q.head == "source" || speech_near(a.b, a.e));
    if (a.mat_e > a.mat_b) q.material = std::string(t_.substr(a.mat_b, a.mat_e - a.mat_b));
    q.bound = bound_before(a.b);
    q.measure = classify(a, a.b, a.dim);
  }
  if (!std::isfinite(q.value) || !std::isfinite(q.value_high)) return 0;
  q.approximate = q.bound != Bound::kExact;
  last_end_ = q.span.end;
  const std::size_t end = q.span.end;
  out_.push_back(std::move(q));
  return end;
}

}  // namespace qscan

void find_quantities(std::string_view text, std::vector<Quantity>& out) {
  if (text.size() >= 0xFFFFFFFFu) text = text.substr(0, 0xFFFFFFFEu);
  qscan::Scanner(text, out).run();
}

std::vector<Quantity> find_quantities(std::string_view text) {
  std::vector<Quantity> out;
  find_quantities(text, out);
  return out;
}

}  // namespace assay::analysis
