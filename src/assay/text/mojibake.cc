#include "assay/text/mojibake.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>

#include "assay/text/code_pages.h"
#include "assay/text/utf8.h"

namespace assay::text {
namespace {

// Windows-1252 0x80..0x9F; the five undefined bytes decode to C1 controls.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

// True when a two-byte sequence decodes to a character that mojibake of
// real text plausibly hides: Latin (to Latin Extended-B), the spacing
// accents (ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝) and the okina, combining accents (decomposed
// Vietnamese), Greek, Cyrillic, Hebrew letters, Arabic. Rarer blocks (IPA,
// Armenian, Syriac, NKo, C1 controls) are left alone, so a "ß“" or "Ö“" in
// clean German text stays as written.
bool plausible_two_byte(char32_t cp) {
  return (cp >= 0xA0 && cp <= 0x24F) || cp == 0x2BB || cp == 0x2BC || cp == 0x2C6 || cp == 0x2C7 ||
         (cp >= 0x2D8 && cp <= 0x2DD) || (cp >= 0x300 && cp <= 0x52F) || (cp >= 0x5BE && cp <= 0x5F4) ||
         (cp >= 0x600 && cp <= 0x6FF);
}

// Validates the reconstructed bytes b[0..n) as one UTF-8 sequence (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_sequence(const unsigned char* b, std::size_t n) {
  unsigned char c = b[0];
  for (std::size_t k = 1; k < n; ++k)
    if ((b[k] & 0xC0) != 0x80) return false;
  if (n == 2) return c >= 0xC2 && c <= 0xDF;
  if (n == 3) {
    if (c < 0xE0 || c > 0xEF) return false;
    if (c == 0xE0 && b[1] < 0xA0) return false;
    if (c == 0xED && b[1] > 0x9F) return false;
    return true;
  }
  if (n == 4) {
    if (c < 0xF0 || c > 0xF4) return false;
    if (c == 0xF0 && b[1] < 0x90) return false;
    if (c == 0xF4 && b[1] > 0x8F) return false;
    return true;
  }
  return false;
}

struct Round {
  std::size_t count = 0;
  std::size_t first = 0;
  bool cp1252_only = false;  // a run used a character only Windows-1252 has (the first path)
  bool c1 = false;           // a run used a C1 control (what Latin-1 makes of 0x80..0x9F)
};

// One pass over `in`. Returns false (and leaves `out` alone) when nothing
// changed. `loose` also reads "Â" + ASCII space as a mangled no-break space
// (the space of "Â\u00A0" often turns into a plain one on the way).
bool repair_round(std::string_view in, std::string& out, bool loose, Round& r) {
  if (in.empty()) return false;  // (a default string_view's data() is null: no memchr on it)
  // Every lead-byte character U+00C2..U+00F4 is encoded C3 82..C3 B4.
  const void* hit = std::memchr(in.data(), 0xC3, in.size());
  if (!hit) return false;
  std::size_t i = static_cast<const char*>(hit) - in.data();
  std::size_t from = 0;  // in[from, i) is still to be copied
  bool changed = false;
  const std::size_t n = in.size();
  while (i < n) {
    const char* next = static_cast<const char*>(std::memchr(in.data() + i, 0xC3, n - i));
    if (!next) break;
    i = next - in.data();
    if (i + 1 >= n) break;
    unsigned char lead = static_cast<unsigned char>(0xC0 | (static_cast<unsigned char>(in[i + 1]) & 0x3F));
    unsigned char b1 = static_cast<unsigned char>(in[i + 1]);
    if (b1 < 0x82 || b1 > 0xB4) {  // not Â..ô
      i += 2;
      continue;
    }
    std::size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    unsigned char bytes[4] = {lead, 0, 0, 0};
    std::size_t k = i + 2;
    bool ok = true;
    bool special = false, c1 = false;
    for (std::size_t t = 1; t <= need; ++t) {
      if (k >= n) {
        ok = false;
        break;
      }
      std::size_t at = k;
      char32_t cp = decode_utf8(in, at);
      int b = cp1252_byte(cp);
      if (b < 0x80 || b > 0xBF) {
        ok = false;
        break;
      }
      if (cp > 0xFF) special = true;
      if (cp >= 0x80 && cp <= 0x9F) c1 = true;
      bytes[t] = static_cast<unsigned char>(b);
      k = at;
    }
    if (ok) ok = valid_sequence(bytes, need + 1);
    if (ok && need == 1) ok = plausible_two_byte(static_cast<char32_t>(((bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F)));
    if (!ok && loose && lead == 0xC2 && i + 2 < n && in[i + 2] == ' ') {
      bytes[1] = 0xA0;  // "Â " -> no-break space
      need = 1;
      k = i + 3;
      ok = true;
    }
    if (!ok) {
      i += 2;
      continue;
    }
    if (!changed) {
      out.clear();
      out.reserve(in.size());
      r.first = i;
      changed = true;
    }
    out.append(in.substr(from, i - from));
    out.append(reinterpret_cast<const char*>(bytes), need + 1);
    ++r.count;
    r.cp1252_only = r.cp1252_only || special;
    r.c1 = r.c1 || c1;
    i = k;
    from = k;
  }
  if (!changed) return false;
  out.append(in.substr(from));
  return true;
}

// ---------------------------------------------------------------------------
// The other code pages. UTF-8 read as Windows-1250, Windows-1251, ISO-8859-2,
// ISO-8859-5 or KOI8-R gives runs of ordinary letters of those pages
// ("РњРѕСЃРєРІР°" for "Москва", "ĹĽ" for "ż"), which clean Cyrillic or
// Central European text also contains now and then (Ukrainian "Рік" is
// such a run). So a page's repair is scored on the whole text and applied
// only when it makes the text clearly better (text_oddity below).

// Plausible code points for the sequence a run rebuilds.
bool plausible(char32_t cp, std::size_t len) {
  if (len == 2) return plausible_two_byte(cp);
  if (len == 3)
    return (cp >= 0x900 && cp <= 0xE7F) || (cp >= 0x1E00 && cp <= 0x1FFF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xE000 && cp <= 0xF8FF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);  // the Private Use Area too: icon fonts
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

// One pass of `page`'s repair over `in` (valid UTF-8). Returns false when
// nothing changed.
bool repair_round_page(std::string_view in, std::string& out, CodePage page, Round& r) {
  const std::size_t n = in.size();
  std::size_t from = 0;
  bool changed = false;
  for (std::size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t at = i;
    char32_t cp = decode_utf8(in, at);
    int lead = code_page_byte(page, cp);
    if (lead < 0xC2 || lead > 0xF4) {
      i = at;
      continue;
    }
    std::size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    unsigned char bytes[4] = {static_cast<unsigned char>(lead), 0, 0, 0};
    std::size_t k = at;
    bool ok = true;
    for (std::size_t t = 1; t <= need && ok; ++t) {
      if (k >= n || static_cast<unsigned char>(in[k]) < 0x80) {
        ok = false;
        break;
      }
      char32_t c = decode_utf8(in, k);
      int b = code_page_byte(page, c);
      ok = b >= 0x80 && b <= 0xBF;
      bytes[t] = static_cast<unsigned char>(b);
    }
    if (ok) ok = valid_sequence(bytes, need + 1);
    if (ok) {
      std::string_view seq(reinterpret_cast<const char*>(bytes), need + 1);
      std::size_t z = 0;
      ok = plausible(decode_utf8(seq, z), need + 1);
    }
    if (!ok) {
      i = at;  // the next character may start a run
      continue;
    }
    if (!changed) {
      out.clear();
      out.reserve(n);
      r.first = i;
      changed = true;
    }
    out.append(in.substr(from, i - from));
    out.append(reinterpret_cast<const char*>(bytes), need + 1);
    ++r.count;
    i = k;
    from = k;
  }
  if (!changed) return false;
  out.append(in.substr(from));
  return true;
}

// --- Scoring a decoding --------------------------------------------------

enum Script : unsigned char { kNoScript, kLatin, kGreek, kCyrillic, kOtherScript };

Script script_of(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return kLatin;
  if (c < 0xC0) return kNoScript;
  if (c <= 0x24F) return c == 0xD7 || c == 0xF7 ? kNoScript : kLatin;
  if (c == 0x2BB || c == 0x2BC) return kLatin;
  if (c >= 0x370 && c <= 0x3FF) return c >= 0x386 ? kGreek : kNoScript;
  if (c >= 0x400 && c <= 0x52F) return (c >= 0x482 && c <= 0x489) ? kNoScript : kCyrillic;
  if (c >= 0x1E00 && c <= 0x1EFF) return kLatin;
  if (c >= 0x1F00 && c <= 0x1FFF) return kGreek;
  if ((c >= 0x530 && c <= 0x1DFF) || (c >= 0x3040 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000)
    return kOtherScript;
  return kNoScript;
}

bool is_combining(char32_t c) { return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF); }

char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x200 && c <= 0x233) ||
      (c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F) ||
      (c >= 0x1E00 && c <= 0x1EFF))
    return c % 2 == 0 ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) || (c >= 0x4C1 && c <= 0x4CE)) return c % 2 == 1 ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c == 0x4C0) return 0x4CF;
  return c;
}

bool is_upper(char32_t c) { return to_lower(c) != c; }
bool is_lower(char32_t c) {
  Script s = script_of(c);
  return (s == kLatin || s == kGreek || s == kCyrillic) && !is_upper(c) && c != 0x2BB && c != 0x2BC;
}

// The alphabets of the languages these code pages serve: the non-ASCII
// letters each language writes, lower case. A letter that no alphabet of its
// script's best-represented language holds is odd (Czech "ø" read as
// Windows-1252 for "ř"; Serbian "њ" among Russian letters).
constexpr const char* kLatinAlphabets[] = {
    "äöüß",                            // German
    "àâæçéèêëîïôœùûüÿ",                // French
    "áéíñóúü",                         // Spanish
    "áâãàçéêíóôõú",                    // Portuguese
    "àèéìíîòóù",                       // Italian
    "àçéèíïòóúü",                      // Catalan
    "åäæøöéáðþýíóú",                   // Nordic
    "äöåšžõü",                         // Finnish, Estonian
    "ąćęłńóśźż",                       // Polish
    "áäčďéěíĺľňóôŕřšťúůýž",            // Czech, Slovak
    "áéíóöőúüű",                       // Hungarian
    "ăâîșțşţ",                         // Romanian
    "čćđšž",                           // Croatian, Slovene, Serbian (Latin)
    "çğıöşüâîûi̇",                      // Turkish
    "ąčęėįšųūžāēģīķļņō",               // Lithuanian, Latvian
    "àáâãèéêìíòóôõùúýăđĩũơư",          // Vietnamese (with the U+1EA0.. block)
    "ëç",                              // Albanian
    "ĉĝĥĵŝŭ",                          // Esperanto
};
constexpr const char* kCyrillicAlphabets[] = {
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",  // Russian
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",  // Ukrainian
    "абвгдеёжзійклмнопрстуўфхцчшыьэюя",   // Belarusian
    "абвгдежзийклмнопрстуфхцчшщъьюя",     // Bulgarian
    "абвгдђежзијклљмнњопрстћуфхцчџш",     // Serbian
    "абвгдѓежзѕијклљмнњопрстќуфхцчџш",    // Macedonian
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",  // Kazakh
};
constexpr std::size_t kLatinCount = std::size(kLatinAlphabets);
constexpr std::size_t kCyrillicCount = std::size(kCyrillicAlphabets);

// Alphabet membership of U+0080..U+04FF (bit a: Latin alphabet a, or
// Cyrillic alphabet a; the script tells which).
const std::array<std::uint32_t, 0x500>& alphabet_masks() {
  static const std::array<std::uint32_t, 0x500> masks = [] {
    std::array<std::uint32_t, 0x500> m{};
    auto add = [&](const char* letters, std::size_t bit) {
      std::string_view s(letters);
      for (std::size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        if (c >= 0x80 && c < 0x500) m[c] |= std::uint32_t{1} << bit;
      }
    };
    for (std::size_t a = 0; a < kLatinCount; ++a) add(kLatinAlphabets[a], a);
    for (std::size_t a = 0; a < kCyrillicCount; ++a) add(kCyrillicAlphabets[a], a);
    // Upper case shares its lower case's alphabets.
    for (char32_t c = 0x80; c < 0x500; ++c)
      if (char32_t l = to_lower(c); l != c && l < 0x500) m[c] |= m[l];
    return m;
  }();
  return masks;
}

// Characters that sit inside words in clean text: apostrophes, hyphens, the
// soft hyphen, the middle dot of Catalan "l·l".
bool joins_words(char32_t c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00AD || c == 0x2010 || c == 0x2011 || c == 0x00B7;
}

}  // namespace

TextOddity text_oddity(std::string_view s) {
  TextOddity o;
  const auto& masks = alphabet_masks();
  std::array<std::size_t, 32> latin{}, cyrillic{};
  std::size_t latin_letters = 0, cyrillic_letters = 0, greek_off = 0;
  const std::size_t n = s.size();
  char32_t prev = ' ';
  std::size_t i = 0;
  char32_t cur = n ? decode_utf8(s, i) : ' ';
  bool has_cur = n > 0;
  while (has_cur) {
    char32_t next = ' ';
    bool has_next = i < n;
    if (has_next) next = decode_utf8(s, i);
    if (cur >= 0x80) {
      ++o.characters;
      Script sc = script_of(cur), sp = script_of(prev), sn = script_of(next);
      bool letter = sc != kNoScript || is_combining(cur);
      bool odd = false;
      if (cur <= 0x9F) odd = true;  // C1 control
      else if (!letter && !joins_words(cur) && cur != 0xFFFD && sp != kNoScript && sn != kNoScript) odd = true;
      else if (cur >= 0x2190 && cur <= 0x2BFF && (sp != kNoScript || sn != kNoScript)) odd = true;  // "Ц│", "Б─≥s"
      else if (sc == kLatin || sc == kGreek || sc == kCyrillic) {
        if (sp != kNoScript && sp != kOtherScript && sp != sc) odd = true;                   // script change in a word
        else if (next < 0x80 && sn == kLatin && sc != kLatin) odd = true;
        else if (is_upper(cur) && is_lower(prev)) odd = true;                                // "aB" in a word
        if (is_upper(cur) && is_upper(prev)) ++o.capitals_inside;
        char32_t l = to_lower(cur);
        std::uint32_t mask = l < 0x500 ? masks[l] : 0;
        if (sc == kLatin && cur < 0x500) {
          ++latin_letters;
          for (std::size_t a = 0; a < kLatinCount; ++a) latin[a] += (mask >> a) & 1;
        } else if (sc == kLatin && cur >= 0x1EA0 && cur <= 0x1EF9) {
          ++latin_letters;
          ++latin[kLatinCount - 3];  // Vietnamese
        } else if (sc == kCyrillic) {
          ++cyrillic_letters;
          for (std::size_t a = 0; a < kCyrillicCount; ++a) cyrillic[a] += (mask >> a) & 1;
        } else if (sc == kGreek && (cur == 0x3A2 || cur > 0x3CE) && cur < 0x1F00) {
          ++greek_off;  // Greek-block symbols and Coptic, not Greek letters
        }
      }
      if (odd) ++o.odd;
    }
    prev = cur;
    cur = next;
    has_cur = has_next;
  }
  std::size_t best_latin = *std::max_element(latin.begin(), latin.begin() + kLatinCount);
  std::size_t best_cyrillic = *std::max_element(cyrillic.begin(), cyrillic.begin() + kCyrillicCount);
  o.odd += (latin_letters - best_latin) + (cyrillic_letters - best_cyrillic) + greek_off;
  return o;
}

int cp1252_byte(char32_t cp) {
  if (cp <= 0xFF) return static_cast<int>(cp);
  for (std::size_t k = 0; k < kCp1252High.size(); ++k)
    if (kCp1252High[k] == cp) return static_cast<int>(0x80 + k);
  return -1;
}

char32_t cp1252_char(unsigned char byte) {
  if (byte >= 0x80 && byte <= 0x9F) return kCp1252High[byte - 0x80];
  return byte;
}

std::string repair_mojibake(std::string_view valid_utf8, MojibakeRepair* report) {
  // 1. UTF-8 read as Windows-1252 or Latin-1: local runs, no scoring needed
  //    (their lead characters Â..ô followed by continuation characters are
  //    rare enough in clean text; see plausible_two_byte).
  std::string out;
  MojibakeRepair rep;
  Round r;
  bool first = repair_round(valid_utf8, out, false, r);
  if (first) {
    // Mojibake found: read again allowing "Â " for a no-break space.
    r = {};
    repair_round(valid_utf8, out, true, r);
    rep = {.count = r.count,
           .first_offset = r.first,
           .code_page = r.c1 && !r.cp1252_only ? CodePage::kLatin1 : CodePage::kWindows1252};
    // Doubly (or triply) mangled text: repeat while it changes, bounded.
    std::string again;
    for (int round = 0; round < 2; ++round) {
      Round r2;
      if (!repair_round(out, again, false, r2)) break;
      out.swap(again);
      rep.count = r2.count;
    }
  }
  // 2. The other code pages, each scored on the whole text: one applies
  //    when it repairs more runs than step 1 did and makes the text clearly
  //    less odd than step 1's result (or the input).
  bool any_high = false;
  for (char c : valid_utf8)
    if (static_cast<unsigned char>(c) >= 0xC2) {
      any_high = true;
      break;
    }
  if (any_high) {
    std::string_view base = first ? std::string_view(out) : valid_utf8;
    std::optional<TextOddity> base_odd;
    std::string best;
    std::optional<TextOddity> best_odd;
    MojibakeRepair best_rep;
    for (CodePage page : {CodePage::kWindows1250, CodePage::kWindows1251, CodePage::kIso8859_2, CodePage::kIso8859_5,
                          CodePage::kKoi8R}) {
      std::string cand;
      Round rp;
      if (!repair_round_page(valid_utf8, cand, page, rp) || rp.count <= rep.count) continue;
      if (!base_odd) base_odd = text_oddity(base);
      TextOddity o = text_oddity(cand);
      // Clearly better: less odd, and either at least one odd character gone
      // for every two runs beyond those step 1 repaired, or half as odd.
      if (o.odd >= base_odd->odd) continue;
      if (2 * (base_odd->odd - o.odd) < rp.count - rep.count && 2 * o.odd > base_odd->odd) continue;
      if (best_odd && o.odd >= best_odd->odd) continue;
      best.swap(cand);
      best_odd = o;
      best_rep = {.count = rp.count, .first_offset = rp.first, .code_page = page};
    }
    if (best_odd) {
      out.swap(best);
      rep = best_rep;
      first = true;
    }
  }
  if (report) *report = rep;
  if (!first) return std::string(valid_utf8);
  return out;
}

std::optional<std::string> decode_single_byte(std::string_view bytes, SingleByteGuess* guess) {
  // Count the sequences that are valid UTF-8 beyond ASCII and the bytes that
  // are not: text in a single-byte code page is mostly the latter.
  std::vector<std::size_t> bad;
  std::string as_utf8 = repair_utf8(bytes, &bad);
  if (bad.empty()) return std::nullopt;
  std::size_t multibyte = 0;
  for (std::size_t i = 0; i < as_utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(as_utf8[i]);
    if (c >= 0xC0) ++multibyte;
  }
  multibyte -= std::min(multibyte, bad.size());  // each U+FFFD is one lead byte EF
  if (multibyte * 4 > bad.size()) return std::nullopt;  // UTF-8 with a few broken bytes
  std::string best;
  std::optional<TextOddity> best_odd;
  CodePage best_page = CodePage::kWindows1252;
  for (CodePage page : {CodePage::kWindows1252, CodePage::kWindows1250, CodePage::kWindows1251, CodePage::kIso8859_2,
                        CodePage::kIso8859_5, CodePage::kKoi8R}) {
    std::string text;
    text.reserve(bytes.size() + bytes.size() / 2);
    for (char ch : bytes) {
      auto b = static_cast<unsigned char>(ch);
      if (b == 0) append_utf8(text, 0xFFFD);  // NUL stays out of the text, as repair_utf8 keeps it
      else append_utf8(text, code_page_char(page, b));
    }
    TextOddity o = text_oddity(text);
    if (best_odd && std::pair(o.odd, o.capitals_inside) >= std::pair(best_odd->odd, best_odd->capitals_inside)) continue;
    best.swap(text);
    best_odd = o;
    best_page = page;
  }
  if (guess) *guess = {.code_page = best_page, .invalid = bad.size(), .first_invalid = bad.front()};
  return best;
}

}  // namespace assay::text
