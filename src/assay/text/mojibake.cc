#include "assay/text/mojibake.h"

#include <array>
#include <cstring>

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
    i = k;
    from = k;
  }
  if (!changed) return false;
  out.append(in.substr(from));
  return true;
}

}  // namespace

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
  std::string out;
  Round r;
  if (!repair_round(valid_utf8, out, false, r)) {
    if (report) *report = {};
    return std::string(valid_utf8);
  }
  // Mojibake found: read again allowing "Â " for a no-break space.
  r = {};
  repair_round(valid_utf8, out, true, r);
  MojibakeRepair rep{.count = r.count, .first_offset = r.first};
  // Doubly (or triply) mangled text: repeat while it changes, bounded.
  std::string again;
  for (int round = 0; round < 2; ++round) {
    Round r2;
    if (!repair_round(out, again, false, r2)) break;
    out.swap(again);
    rep.count = r2.count;
  }
  if (report) *report = rep;
  return out;
}

}  // namespace assay::text
