// base/json_writer's escaping, shared by json_writer.cc (JsonWriter's own
// calls) and json_quoted.cc (JsonWriter::quoted_string): which bytes JSON
// needs escaped, where the first is, and how each is written. Internal to
// base/: not part of JsonWriter's interface.
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::base::json_escape {

// Bytes JSON needs escaped: control bytes, quote and backslash.
inline constexpr auto kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

#if defined(__SSE2__)
// Bit i set when byte i of the sixteen in v needs escaping.
inline unsigned escape_mask(__m128i v) {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1f);
  __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, control), v);  // unsigned byte <= 0x1f
  __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
// Bit i set when byte i of the sixteen at p needs escaping.
inline unsigned escape_mask(const char* p) { return escape_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
#endif

// The index of the first byte of s that JSON needs escaped, or s.size() when
// there is none. Text is mostly plain: strings of sixteen bytes or more are
// checked sixteen at a time, the last block overlapping the one before.
inline std::size_t first_escape(std::string_view s) {
  const char* d = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (n >= 16) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      if (unsigned m = escape_mask(d + i)) return i + static_cast<std::size_t>(__builtin_ctz(m));
    if (i < n)  // bytes before i are plain, so the first hit is at i or later
      if (unsigned m = escape_mask(d + n - 16)) return n - 16 + static_cast<std::size_t>(__builtin_ctz(m));
    return n;
  }
#endif
  for (std::size_t i = 0; i < n; ++i)
    if (kEscape[static_cast<unsigned char>(d[i])]) return i;
  return n;
}

// Writes the escape of c (a byte kEscape marks) at p: the short escapes
// (\" \\ \n \t \r \b \f), any other control byte as \u00XX. At most 6 bytes;
// returns one past the last byte written.
inline char* escape_byte(char* p, unsigned char c) {
  static constexpr std::string_view kFrom = "\"\\\n\t\r\b\f", kTo = "\"\\ntrbf";
  *p++ = '\\';
  if (std::size_t k = kFrom.find(static_cast<char>(c)); k != std::string_view::npos) {
    *p++ = kTo[k];
    return p;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  const char u[5] = {'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
  std::memcpy(p, u, 5);
  return p + 5;
}

}  // namespace assay::base::json_escape
