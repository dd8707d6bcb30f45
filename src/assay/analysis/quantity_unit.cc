// analysis/quantity_unit: what follows or precedes a number: the currency
// ("US$", "A$", "RMB"), the unit ("tonnes", "%", "MW"), the rate ("a
// year", "per kg"), the material ("of NdPr oxide") and the counted noun
// ("47 strategic projects", "three people familiar"). See
// quantity_internal.h.
#include <algorithm>
#include <cmath>

#include "assay/analysis/quantity_internal.h"

namespace assay::analysis::qscan {

namespace {

// A plural noun (or an invariable plural) that a count can count.
bool is_plural_noun(const Tok& w) {
  if (w.kind != Tok::kWord || w.len < 3) return false;
  if (w.any("people", "staff", "men", "women", "children", "personnel", "police", "cattle")) return true;
  if (w.len < 4 || !w.ends("s")) return false;
  if (w.ends("ss") || w.ends("us") || w.ends("is")) return false;
  return !w.any("does", "goes", "always", "perhaps", "towards", "afterwards", "besides", "whereas",
                "sometimes", "unless", "various", "yes", "ours", "yours", "theirs", "hers",
                "news", "says", "means", "series", "lies");
}

bool is_informant(const Tok& w, bool plural) {
  if (plural)
    return w.any("people", "persons", "sources", "officials", "executives", "traders", "analysts",
                 "insiders", "diplomats", "bankers", "individuals", "participants", "observers",
                 "experts", "lawyers", "residents", "witnesses", "buyers", "dealers", "brokers",
                 "advisers", "advisors", "aides", "staffers", "lawmakers", "regulators", "negotiators");
  return w.any("person", "source", "official", "executive", "trader", "analyst", "insider",
               "diplomat", "banker", "individual", "participant", "observer", "expert", "lawyer",
               "employee", "engineer", "manager", "resident", "witness", "buyer", "seller",
               "investor", "dealer", "broker", "adviser", "advisor", "aide", "staffer", "lawmaker",
               "regulator", "negotiator", "spokesperson", "spokesman", "spokeswoman", "insider");
}

// Time units: canonical name, or nullptr.
const char* time_unit(const Tok& w) {
  if (w.kind != Tok::kWord) return nullptr;
  if (w.any("year", "years", "yr", "yrs")) return "yr";
  if (w.any("month", "months")) return "month";
  if (w.any("week", "weeks")) return "week";
  if (w.any("day", "days")) return "day";
  if (w.any("hour", "hours", "hr", "hrs")) return "h";
  if (w.any("minute", "minutes")) return "min";
  if (w.any("second", "seconds")) return "s";
  if (w.any("decade", "decades")) return "decade";
  return nullptr;
}

}  // namespace

// Currency prefix at p: "$", "US$", "A$", "C$", "€", "£", "¥", "₹", "Rs",
// "USD", "RMB" ... Returns the ISO code and sets *end to the digit after it.
const char* Scanner::parse_currency(std::size_t p, std::size_t* end) const {
  const unsigned char c = at(p);
  const char* code = nullptr;
  std::size_t q = p;
  if (c == '$') {
    code = "USD";
    q = p + 1;
  } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xAC) {
    code = "EUR", q = p + 3;
  } else if (c == 0xC2 && at(p + 1) == 0xA3) {
    code = "GBP", q = p + 2;
  } else if (c == 0xC2 && at(p + 1) == 0xA5) {
    code = "CNY", q = p + 2;
  } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xB9) {
    code = "INR", q = p + 3;
  } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xA9) {
    code = "KRW", q = p + 3;
  } else if (is_alpha(c)) {
    std::size_t r = p;
    while (r < n_ && is_alpha(at(r)) && r - p < 4) ++r;
    if (is_alpha(at(r))) return nullptr;
    const std::string_view s = t_.substr(p, r - p);
    if (at(r) == '$') {
      if (s == "US" || s == "U.S") code = "USD";
      else if (s == "A" || s == "AU") code = "AUD";
      else if (s == "C" || s == "CA" || s == "CAN" || s == "CDN") code = "CAD";
      else if (s == "HK") code = "HKD";
      else if (s == "NZ") code = "NZD";
      else if (s == "S" || s == "SG") code = "SGD";
      else if (s == "R") code = "BRL";
      else if (s == "NT") code = "TWD";
      else if (s == "MX") code = "MXN";
      else return nullptr;
      q = r + 1;
    } else {
      if (s == "USD") code = "USD";
      else if (s == "EUR") code = "EUR";
      else if (s == "AUD") code = "AUD";
      else if (s == "CAD") code = "CAD";
      else if (s == "CNY" || s == "RMB") code = "CNY";
      else if (s == "JPY") code = "JPY";
      else if (s == "GBP") code = "GBP";
      else if (s == "INR" || s == "Rs") code = "INR";
      else if (s == "HKD") code = "HKD";
      else if (s == "SGD") code = "SGD";
      else if (s == "NZD") code = "NZD";
      else if (s == "CHF") code = "CHF";
      else if (s == "KRW") code = "KRW";
      else if (s == "BRL") code = "BRL";
      else if (s == "ZAR") code = "ZAR";
      else if (s == "MYR" || s == "RM") code = "MYR";
      else return nullptr;
      q = r;
      if (s == "Rs" && at(q) == '.') ++q;
    }
  } else {
    return nullptr;
  }
  // at most one space between the symbol and the number
  if (std::size_t s = space_len(q); s && is_digit(at(q + s))) q += s;
  if (!is_digit(at(q))) return nullptr;
  *end = q;
  return code;
}

// Where a figure whose first digit is at d starts, including a currency prefix.
std::size_t Scanner::currency_start(std::size_t d) const {
  std::size_t p = d;
  if (std::size_t s = space_before(p); s) p -= s;
  if (p == 0) return d;
  std::size_t cands[3];
  int nc = 0;
  const unsigned char c = at(p - 1);
  if (c == '$') {
    std::size_t r = p - 1;
    while (r > 0 && is_alpha(at(r - 1)) && p - 1 - r < 3) --r;
    if (r < p - 1) cands[nc++] = r;
    cands[nc++] = p - 1;
  } else if (c >= 0x80) {
    if (p >= 2) cands[nc++] = p - 2;
    if (p >= 3) cands[nc++] = p - 3;
  } else if (is_alpha(c) || c == '.') {
    std::size_t r = p;
    if (c == '.') --r;
    std::size_t e = r;
    while (r > 0 && is_alpha(at(r - 1)) && e - r < 4) --r;
    if (r < e && (r == 0 || !is_alnum(at(r - 1)))) cands[nc++] = r;
  }
  for (int i = 0; i < nc; ++i) {
    std::size_t end = 0;
    const std::size_t s = cands[i];
    if (s < last_end_) continue;
    if (s > 0 && is_alnum(at(s - 1))) continue;
    if (parse_currency(s, &end) && end == d) return s;
  }
  return d;
}

// "a year", "per annum", "/yr", "annually", "-a-year"; for money also "per kg",
// "a tonne", "/lb", "a share". Returns the end and the per-unit, or 0.
std::size_t Scanner::parse_per(std::size_t p, bool money, const char** per) const {
  Tok w = next(p);
  if (w.nl) return 0;
  if (w.b == p && is_dash_tok(w)) w = next(w.e);  // "-a-year"
  Tok x;
  if (sym_is(w, '/')) {
    x = next(w.e);
    if (x.b != w.e || x.kind != Tok::kWord) return 0;
    if (x.any("yr", "y", "a", "year", "annum", "yea")) { *per = "yr"; return x.e; }
    if (x.any("d", "day")) { *per = "day"; return x.e; }
    if (x.any("month", "mo")) { *per = "month"; return x.e; }
    if (!money) return 0;
  } else if (w.kind == Tok::kWord && w.any("a", "an", "per", "each", "every")) {
    x = next_joined(w.e);
    if (x.nl || x.kind != Tok::kWord) return 0;
    if (x.any("year", "yr", "annum")) { *per = "yr"; return x.e; }
    if (x.is("day")) { *per = "day"; return x.e; }
    if (x.is("month")) { *per = "month"; return x.e; }
    if (money && x.is("hour")) { *per = "h"; return x.e; }
    if (!money || w.is("every")) return 0;
  } else if (w.kind == Tok::kWord) {
    if (w.any("annually", "yearly")) { *per = "yr"; return w.e; }
    if (w.is("daily")) { *per = "day"; return w.e; }
    if (w.is("monthly")) { *per = "month"; return w.e; }
    if (w.is("p")) {  // p.a.
      Tok d1 = next(w.e), a = next(d1.e), d2 = next(a.e);
      if (sym_is(d1, '.') && a.is("a") && sym_is(d2, '.') && d1.b == w.e && a.b == d1.e) { *per = "yr"; return d2.e; }
    }
    return 0;
  } else {
    return 0;
  }
  // money per unit
  const std::string_view o = orig(x);
  if (x.any("kg", "kilogram", "kilogramme", "kilo")) { *per = "kg"; return x.e; }
  if (x.any("tonne", "ton", "t") || o == "mt" || o == "MT") { *per = "t"; return x.e; }
  if (x.is("metric")) {
    Tok y = next(x.e);
    if (y.any("ton", "tonne")) { *per = "t"; return y.e; }
    return 0;
  }
  if (x.any("lb", "pound")) { *per = "lb"; return x.e; }
  if (x.any("oz", "ounce")) { *per = "oz"; return x.e; }
  if (x.is("share")) { *per = "share"; return x.e; }
  if (x.any("barrel", "bbl")) { *per = "bbl"; return x.e; }
  if (x.is("mwh")) { *per = "MWh"; return x.e; }
  if (x.is("kwh")) { *per = "kWh"; return x.e; }
  if (x.is("g")) { *per = "g"; return x.e; }
  return 0;
}

bool Scanner::is_time_per(const char* per) {
  return std::strcmp(per, "yr") == 0 || std::strcmp(per, "day") == 0 || std::strcmp(per, "month") == 0 ||
         std::strcmp(per, "h") == 0;
}

// Unit after the number (+ scale). Sets a.dim / a.unit / a.factor and
// returns the end of the unit word(s), or 0 when none. `glued` says the
// token touches the number ("10kt"), in which case only abbreviations count.
std::size_t Scanner::parse_unit(std::size_t p, One& a, bool* glued_reject) const {
  *glued_reject = false;
  Tok w = next(p);
  if (w.nl) return 0;
  bool glued = w.b == p;
  bool hyphened = false;
  if (glued && is_dash_tok(w) && word_char(w.e)) {  // "10-year", "14,000-hectare"
    w = next(w.e);
    glued = false;
    hyphened = true;
  }
  if (w.kind == Tok::kSym) {
    const std::string_view s = orig(w);
    if (s == "%" || s == "\xEF\xBC\x85") { a.dim = Dim::kPercent; a.unit = "%"; return w.e; }
    if (glued && (s == "\xC3\x97")) { a.dim = Dim::kMult; a.unit = "x"; return w.e; }  // 3×
    // a temperature: "83°C", "107 °F", "30°"
    if (s == "\xC2\xB0") {
      a.dim = Dim::kPhysical;
      a.unit = "deg";
      const unsigned char u = at(w.e);
      if ((u == 'C' || u == 'F') && !is_alnum(at(w.e + 1))) return w.e + 1;
      return w.e;
    }
    return 0;
  }
  if (w.kind != Tok::kWord) return 0;
  const std::string_view o = orig(w);
  auto set = [&](Dim d, const char* u, double f) {
    a.dim = d;
    a.unit = u;
    a.factor = f;
  };
  // abbreviations (case-sensitive) -----------------------------------
  std::size_t end = w.e;
  bool hit = true;
  if (o == "t" || o == "mt" || o == "MT" || o == "T") set(Dim::kMass, "t", 1);
  else if (o == "kt" || o == "Kt" || o == "KT") set(Dim::kMass, "t", 1e3);
  else if (o == "Mt") set(Dim::kMass, "t", 1e6);
  else if (o == "Gt") set(Dim::kMass, "t", 1e9);
  else if (o == "kg" || o == "kgs") set(Dim::kMass, "t", 1e-3);
  else if (o == "g" && at(w.e) == '/' && at(w.e + 1) == 't' && !is_alpha(at(w.e + 2))) { set(Dim::kGrade, "g/t", 1); end = w.e + 2; }
  else if (o == "g") set(Dim::kMass, "t", 1e-6);
  else if (o == "lb" || o == "lbs") set(Dim::kMass, "t", 4.5359237e-4);
  else if (o == "oz") set(Dim::kMass, "oz", 1);
  else if (o == "tpa" || o == "tpy" || o == "TPA" || o == "tpy") set(Dim::kMassRate, "t/yr", 1);
  else if (o == "ktpa" || o == "ktpy" || o == "ktpa" || o == "ktpy") set(Dim::kMassRate, "t/yr", 1e3);
  else if (o == "Mtpa" || o == "mtpa" || o == "MTPA" || o == "Mtpy") set(Dim::kMassRate, "t/yr", 1e6);
  else if (o == "km" && (at(w.e) == '2' || (at(w.e) == 0xC2 && at(w.e + 1) == 0xB2))) { set(Dim::kArea, "km2", 1); end = w.e + (at(w.e) == '2' ? 1 : 2); }
  else if (o == "m" && !a.has_scale && (at(w.e) == '2' || (at(w.e) == 0xC2 && at(w.e + 1) == 0xB2))) { set(Dim::kArea, "m2", 1); end = w.e + (at(w.e) == '2' ? 1 : 2); }
  else if (o == "km") set(Dim::kLength, "km", 1);
  else if (o == "m" && !a.has_scale) set(Dim::kLength, "m", 1);
  else if (o == "ft") set(Dim::kLength, "m", 0.3048);
  else if (o == "ha") set(Dim::kArea, "ha", 1);
  else if (o == "MW") set(Dim::kPower, "MW", 1);
  else if (o == "GW") set(Dim::kPower, "MW", 1e3);
  else if (o == "kW") set(Dim::kPower, "MW", 1e-3);
  else if (o == "MWh") set(Dim::kEnergy, "GWh", 1e-3);
  else if (o == "GWh") set(Dim::kEnergy, "GWh", 1);
  else if (o == "TWh") set(Dim::kEnergy, "GWh", 1e3);
  else if (o == "kWh") set(Dim::kEnergy, "GWh", 1e-6);
  else if (o == "ppm") set(Dim::kGrade, "ppm", 1);
  else if (o == "ppb") set(Dim::kGrade, "ppb", 1);
  else if (o == "pct" || (o == "pc" && glued)) set(Dim::kPercent, "%", 1);
  else if (o == "tpd") set(Dim::kMassRate, "t/day", 1);
  else if (o == "kta") set(Dim::kMassRate, "t/yr", 1e3);
  else if (o == "bbl") set(Dim::kVolume, "bbl", 1);
  else if (o == "bp" || o == "bps") set(Dim::kPoints, "bp", 1);
  else if (o == "pp") set(Dim::kPoints, "pp", 1);
  else if (o == "x" && glued) set(Dim::kMult, "x", 1);
  else if ((o == "yr" || o == "yrs")) set(Dim::kDuration, "yr", 1);
  else if (o == "mm") set(Dim::kLength, "m", 1e-3);
  else if (o == "cm") set(Dim::kLength, "m", 1e-2);
  else if (o == "KB" || o == "kB" || o == "MB" || o == "GB" || o == "TB" || o == "PB") set(Dim::kPhysical, "B", 1);
  else if (o == "Kbps" || o == "kbps" || o == "Mbps" || o == "Gbps" || o == "Kb" || o == "Mb" || o == "Gb") set(Dim::kPhysical, "bit", 1);
  else if (o == "Hz" || o == "kHz" || o == "MHz" || o == "GHz") set(Dim::kPhysical, "Hz", 1);
  else if (o == "dB" || o == "dBA" || o == "dBa") set(Dim::kPhysical, "dB", 1);
  else if (o == "W" && glued) set(Dim::kPhysical, "W", 1);  // "a 96W adapter"; a lone "W" may be a direction
  else if (o == "USD" || o == "EUR" || o == "AUD" || o == "CAD" || o == "CNY" || o == "RMB" || o == "JPY" || o == "GBP" || o == "INR") {
    if (glued) return 0;
    a.cur = o == "USD" ? "USD" : o == "EUR" ? "EUR" : o == "AUD" ? "AUD" : o == "CAD" ? "CAD" : (o == "CNY" || o == "RMB") ? "CNY" : o == "JPY" ? "JPY" : o == "GBP" ? "GBP" : "INR";
    a.dim = Dim::kMoney;
    a.unit = a.cur;
  } else hit = false;
  if (hit) {
    if (is_alnum(at(end))) { *glued_reject = glued; a.dim = Dim::kBare; a.unit.clear(); a.factor = 1; return 0; }
    return end;
  }
  if (glued) {
    *glued_reject = true;
    return 0;
  }
  // words ----------------------------------------------------------------
  hit = true;
  if (w.any("tonne", "tonnes", "ton", "tons", "tonnage")) set(Dim::kMass, "t", 1);
  else if (w.any("kilotonne", "kilotonnes", "kiloton", "kilotons")) set(Dim::kMass, "t", 1e3);
  else if (w.any("megatonne", "megatonnes", "megaton", "megatons")) set(Dim::kMass, "t", 1e6);
  else if (w.any("kilogram", "kilograms", "kilogramme", "kilogrammes", "kilos", "kilo")) set(Dim::kMass, "t", 1e-3);
  else if (w.any("gram", "grams", "gramme", "grammes")) {
    Tok x = next(w.e), y = next(x.e);
    if (x.is("per") && y.any("tonne", "ton", "t")) { set(Dim::kGrade, "g/t", 1); end = y.e; }
    else set(Dim::kMass, "t", 1e-6);
  } else if (w.any("pound", "pounds")) {
    Tok x = next(w.e);
    if (x.is("sterling")) { a.cur = "GBP"; a.dim = Dim::kMoney; a.unit = "GBP"; end = x.e; }
    else set(Dim::kMass, "t", 4.5359237e-4);
  } else if (w.any("ounce", "ounces")) set(Dim::kMass, "oz", 1);
  else if (w.is("metric")) {
    Tok x = next(w.e);
    if (x.any("ton", "tons", "tonne", "tonnes")) { set(Dim::kMass, "t", 1); end = x.e; }
    else hit = false;
  } else if (w.any("percent", "pct")) set(Dim::kPercent, "%", 1);
  else if (w.is("per")) {
    Tok x = next_joined(w.e);
    if (x.is("cent")) { set(Dim::kPercent, "%", 1); end = x.e; }
    else hit = false;
  } else if (w.is("percentage")) {
    Tok x = next(w.e);
    if (x.any("point", "points")) { set(Dim::kPoints, "pp", 1); end = x.e; }
    else hit = false;
  } else if (w.is("basis")) {
    Tok x = next(w.e);
    if (x.any("point", "points")) { set(Dim::kPoints, "bp", 1); end = x.e; }
    else hit = false;
  } else if (w.any("kilometre", "kilometres", "kilometer", "kilometers")) set(Dim::kLength, "km", 1);
  else if (w.any("mile", "miles")) set(Dim::kLength, "km", 1.609344);
  else if (w.any("metre", "metres", "meter", "meters")) set(Dim::kLength, "m", 1);
  else if (w.any("foot", "feet")) set(Dim::kLength, "m", 0.3048);
  else if (w.any("millimetre", "millimetres", "millimeter", "millimeters")) set(Dim::kLength, "m", 1e-3);
  else if (w.any("centimetre", "centimetres", "centimeter", "centimeters")) set(Dim::kLength, "m", 1e-2);
  else if (w.any("kilobyte", "kilobytes", "megabyte", "megabytes", "gigabyte", "gigabytes", "terabyte", "terabytes"))
    set(Dim::kPhysical, "B", 1);
  else if (w.any("kilobit", "kilobits", "megabit", "megabits", "gigabit", "gigabits")) set(Dim::kPhysical, "bit", 1);
  else if (w.any("hertz", "kilohertz", "megahertz", "gigahertz")) set(Dim::kPhysical, "Hz", 1);
  else if (w.any("decibel", "decibels")) set(Dim::kPhysical, "dB", 1);
  else if (w.any("watt", "watts")) set(Dim::kPhysical, "W", 1);
  else if (w.any("degree", "degrees")) {
    // a temperature or an angle: "107 degrees Fahrenheit", "30 degrees from
    // center"; not a university degree ("two degrees in law")
    Tok x = next(w.e);
    if (x.any("celsius", "centigrade", "fahrenheit", "c", "f")) { set(Dim::kPhysical, "deg", 1); end = x.e; }
    else if (x.any("in", "from") && next(x.e).any("law", "engineering", "economics", "physics", "chemistry", "history", "business", "science", "medicine", "the", "a", "an")) hit = false;
    else set(Dim::kPhysical, "deg", 1);
  }
  else if (w.any("hectare", "hectares")) set(Dim::kArea, "ha", 1);
  else if (w.any("acre", "acres")) set(Dim::kArea, "ha", 0.40468564224);
  else if (w.any("square", "sq")) {
    Tok x = next_joined(w.e);
    if (x.any("kilometre", "kilometres", "kilometer", "kilometers", "km")) { set(Dim::kArea, "km2", 1); end = x.e; }
    else if (x.any("mile", "miles", "mi")) { set(Dim::kArea, "km2", 2.589988110336); end = x.e; }
    else if (x.any("metre", "metres", "meter", "meters", "m")) { set(Dim::kArea, "m2", 1); end = x.e; }
    else if (x.any("foot", "feet", "ft")) { set(Dim::kArea, "m2", 0.09290304); end = x.e; }
    else hit = false;
  } else if (w.is("cubic")) {
    Tok x = next_joined(w.e);
    if (x.any("metre", "metres", "meter", "meters", "m")) { set(Dim::kVolume, "m3", 1); end = x.e; }
    else hit = false;
  } else if (w.any("barrel", "barrels")) set(Dim::kVolume, "bbl", 1);
  else if (w.any("litre", "litres", "liter", "liters")) set(Dim::kVolume, "m3", 1e-3);
  else if (w.any("megawatt", "megawatts")) set(Dim::kPower, "MW", 1);
  else if (w.any("gigawatt", "gigawatts")) set(Dim::kPower, "MW", 1e3);
  else if (w.any("kilowatt", "kilowatts")) set(Dim::kPower, "MW", 1e-3);
  else if (w.any("times", "fold")) {
    if (w.is("fold") && !hyphened) hit = false;
    else set(Dim::kMult, "x", 1);
  } else if (const char* tu = time_unit(w)) set(Dim::kDuration, tu, 1);
  else if (w.any("dollar", "dollars")) { a.cur = "USD"; a.dim = Dim::kMoney; a.unit = "USD"; }
  else if (w.any("australian", "canadian", "us", "singapore", "taiwan", "hong", "new")) {
    Tok x = next(w.e);
    const char* code = w.is("australian") ? "AUD" : w.is("canadian") ? "CAD" : w.is("us") ? "USD" : w.is("singapore") ? "SGD" : w.is("taiwan") ? "TWD" : nullptr;
    if (w.is("hong") && x.is("kong")) { code = "HKD"; x = next(x.e); }
    if (w.is("new") && x.is("zealand")) { code = "NZD"; x = next(x.e); }
    if (code && x.any("dollar", "dollars")) { a.cur = code; a.dim = Dim::kMoney; a.unit = code; end = x.e; }
    else hit = false;
  } else if (w.any("euro", "euros")) { a.cur = "EUR"; a.dim = Dim::kMoney; a.unit = "EUR"; }
  else if (w.any("cent", "cents")) { a.cur = "USD"; a.dim = Dim::kMoney; a.unit = "USD"; a.factor = 0.01; }
  else if (w.any("yuan", "renminbi", "rmb")) { a.cur = "CNY"; a.dim = Dim::kMoney; a.unit = "CNY"; }
  else if (w.is("yen")) { a.cur = "JPY"; a.dim = Dim::kMoney; a.unit = "JPY"; }
  else if (w.any("rupee", "rupees")) { a.cur = "INR"; a.dim = Dim::kMoney; a.unit = "INR"; }
  else if (w.is("ringgit")) { a.cur = "MYR"; a.dim = Dim::kMoney; a.unit = "MYR"; }
  else if (w.is("sterling")) { a.cur = "GBP"; a.dim = Dim::kMoney; a.unit = "GBP"; }
  else hit = false;
  return hit ? end : 0;
}

// Words after "of" (up to 6) that name what was measured, stopping at a
// rate, which then closes the figure ("tonnes of NdPr oxide a year").
void Scanner::parse_material(std::size_t p, One& a, bool want_rate) const {
  Tok of = next(p);
  if (!of.is("of") || of.nl) return;
  std::size_t q = of.e, mb = 0, me = 0;
  for (int i = 0; i < 8; ++i) {
    if (want_rate) {
      const char* per = nullptr;
      if (std::size_t r = parse_per(q, false, &per); r && me) {
        a.unit += '/';
        a.unit += per;
        a.dim = a.dim == Dim::kMass ? Dim::kMassRate : a.dim;
        a.e = r;
        break;
      }
    }
    Tok w = next(q);
    if (w.nl) break;
    if (w.kind == Tok::kSym) {
      const unsigned char c = at(w.b);
      if (is_dash_tok(w) || c == '(' || c == ')' || c == '\'' || sym_is(w, "\xE2\x80\x99")) { q = w.e; continue; }
      break;
    }
    if (w.kind != Tok::kWord) break;
    if (is_stop(w) && !w.any("and", "or")) break;
    if (w.any("roughly", "approximately", "nearly", "almost", "more", "less", "some", "grading", "worth")) break;
    if (!mb) mb = w.b;
    if (!w.any("and", "or")) me = w.e;
    q = w.e;
  }
  if (me > mb) {
    a.mat_b = mb;
    a.mat_e = me;
  }
}

// A count's noun ("47 strategic projects", "seven medium and heavy rare
// earths") or a duration with modifiers ("45 working days").
bool Scanner::parse_head(std::size_t p, One& a) const {
  std::size_t q = p;
  int mods = 0;
  for (int i = 0; i < 8; ++i) {
    Tok w = next(q);
    if (w.nl) return false;
    if (i == 0 && is_month(w)) return false;
    if (w.kind == Tok::kSym && is_dash_tok(w) && mods > 0) { q = w.e; continue; }
    if (w.kind != Tok::kWord || w.len == 0) return false;
    if (is_stop(w) && !(mods > 0 && w.any("and", "or"))) return false;
    if (const char* tu = time_unit(w)) {
      a.dim = Dim::kDuration;
      a.unit = tu;
      a.unit_end = w.e;
      return true;
    }
    if (is_plural_noun(w)) {
      a.dim = Dim::kCount;
      a.unit = "count";
      a.head.assign(w.low, w.len);
      a.person = is_informant(w, true);
      a.unit_end = w.e;
      return true;
    }
    if (++mods > 4) return false;
    q = w.e;
  }
  return false;
}

// "one" counts only informants ("one of the people", "one trader") and units.
bool Scanner::parse_one_informant(std::size_t p, One& a) const {
  Tok w = next(p);
  if (w.is("of")) {
    Tok x = next(w.e);
    if (x.any("the", "those", "these", "two", "three", "four")) x = next(x.e);
    if (is_informant(x, true)) {
      a.dim = Dim::kCount;
      a.unit = "count";
      a.head.assign(x.low, x.len);
      a.person = true;
      a.unit_end = x.e;
      return true;
    }
    return false;
  }
  for (int i = 0; i < 3 && w.kind == Tok::kWord && !is_stop(w); ++i) {
    if (is_informant(w, false)) {
      a.dim = Dim::kCount;
      a.unit = "count";
      a.head.assign(w.low, w.len);
      a.person = true;
      a.unit_end = w.e;
      return true;
    }
    w = next(w.e);
  }
  return false;
}

}  // namespace assay::analysis::qscan
