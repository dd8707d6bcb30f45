// base/json_writer: JsonWriter::quoted_string, in a file of its own so that
// the writer's hot functions in json_writer.cc compile as they did (a second
// user of their inline helpers there changed what the compiler inlined).
#include <array>
#include <cstdint>
#include <cstring>

#include "assay/base/json_writer.h"

namespace assay::base {

namespace {

// Whether any of the n bytes at d (n >= 8) needs escaping in JSON: a byte
// below 0x20, a quote or a backslash. Eight bytes at a time, the last eight
// overlapping those before; for "any" each test is exact (a borrow can only
// mark a byte above one that is a hit).
inline bool any_escape(std::uint64_t x) {
  constexpr std::uint64_t k1 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  const std::uint64_t q = x ^ (k1 * '"'), b = x ^ (k1 * '\\');
  return ((((x - k1 * 0x20) & ~x) | ((q - k1) & ~q) | ((b - k1) & ~b)) & k80) != 0;
}

bool needs_escape(const char* d, std::size_t n) {
  if (n >= 8) {
    std::uint64_t a;
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
      std::memcpy(&a, d + i, 8);
      if (any_escape(a)) return true;
    }
    std::memcpy(&a, d + n - 8, 8);
    return any_escape(a);
  }
  if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, d, 4);
    std::memcpy(&b, d + n - 4, 4);
    return any_escape(a | (std::uint64_t{b} << 32));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(d[i]);
    if (c < 0x20 || c == '"' || c == '\\') return true;
  }
  return false;
}

}  // namespace

char* JsonWriter::quoted_string(char* p, std::string_view s) {
  *p++ = '"';
  if (!needs_escape(s.data(), s.size())) {
    if (!s.empty()) std::memcpy(p, s.data(), s.size());  // an empty view's data() may be null
    p += s.size();
    *p++ = '"';
    return p;
  }
  // As string() escapes: the short escapes, any other control byte as \u00XX.
  static constexpr std::string_view kFrom = "\"\\\n\t\r\b\f", kTo = "\"\\ntrbf";
  static constexpr char kHex[] = "0123456789abcdef";
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *p++ = ch;
    } else if (std::size_t k = kFrom.find(ch); k != std::string_view::npos) {
      *p++ = '\\';
      *p++ = kTo[k];
    } else {
      const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      std::memcpy(p, u, 6);
      p += 6;
    }
  }
  *p++ = '"';
  return p;
}

}  // namespace assay::base
