#include "assay/text/utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace assay::text {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t valid_seq_len(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t n = s.size();
  if (c < 0x80) return c == 0 ? 0 : 1;
  if (c >= 0xC2 && c <= 0xDF) {
    if (i + 1 < n && (b(i + 1) & 0xC0) == 0x80) return 2;
    return 0;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 2 >= n) return 0;
    unsigned char c1 = b(i + 1), c2 = b(i + 2);
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 3 >= n) return 0;
    unsigned char c1 = b(i + 1), c2 = b(i + 2), c3 = b(i + 3);
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 || (c3 & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return 4;
  }
  return 0;
}

// The first index at or after i whose byte is not ASCII (>= 0x80), or with
// `nul` also a NUL byte; s.size() when there is none. Eight bytes at a time.
std::size_t skip_ascii(std::string_view s, std::size_t i, bool nul) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const std::size_t n = s.size();
  while (i + 8 <= n) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    std::uint64_t stop = w & kHigh;
    if (nul) stop |= (w - kOnes) & ~w & kHigh;  // a zero byte (exact when no byte is >= 0x80)
    if (stop) break;
    i += 8;
  }
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || (nul && c == 0)) break;
    ++i;
  }
  return i;
}

}  // namespace

std::string repair_utf8(std::string_view in, std::vector<std::size_t>* bad_offsets) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    // Fast path over ASCII runs.
    std::size_t j = skip_ascii(in, i, true);
    out.append(in.substr(i, j - i));
    i = j;
    if (i >= in.size()) break;
    std::size_t len = valid_seq_len(in, i);
    if (len > 0) {
      out.append(in.substr(i, len));
      i += len;
      continue;
    }
    if (bad_offsets) bad_offsets->push_back(i);
    out.append("\xEF\xBF\xBD");
    // Skip the invalid lead byte and any continuation bytes that follow it.
    ++i;
    while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

bool is_valid_utf8(std::string_view in) {
  for (std::size_t i = skip_ascii(in, 0, true); i < in.size(); i = skip_ascii(in, i, true)) {
    std::size_t len = valid_seq_len(in, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

namespace {

// True when every character of `s` is one that NFC leaves alone and that
// cannot combine with its neighbours: ASCII, U+0080..U+02FF (precomposed
// Latin letters; combining marks start at U+0300), General Punctuation but
// the two quads (U+2000 and U+2001 decompose to spaces), currency symbols and
// U+FFFD. News text (typographic quotes and dashes, accented names) is
// almost always of this kind, and then needs no trip through utf8proc.
// normalize_nfc_test checks the ranges against utf8proc.
bool stable_under_nfc(std::string_view s) {
  for (std::size_t i = skip_ascii(s, 0, false); i < s.size(); i = skip_ascii(s, i, false)) {
    char32_t cp = decode_utf8(s, i);
    bool ok = cp < 0x300 || (cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20C0) || cp == 0xFFFD;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string normalize_nfc(std::string_view s) {
  if (s.empty() || stable_under_nfc(s)) return std::string(s);
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0 || out == nullptr) return std::string(s);
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool looks_binary(std::string_view bytes) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 4096);
  std::size_t ctrl = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x09 || (c > 0x0D && c < 0x20)) ++ctrl;
  }
  return n > 0 && ctrl * 20 > n;  // over 5% control bytes
}

}  // namespace assay::text
