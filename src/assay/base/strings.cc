#include "assay/base/strings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::base {

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_ascii_space(s[b])) ++b;
  while (e > b && is_ascii_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

namespace {

// The eight bytes of x with A-Z lowered and every other byte (a-z, digits,
// punctuation, bytes of 0x80 and above) as it was: bit 7 of each byte of
// `upper` is set for an A-Z byte, and lowering adds 0x20.
inline std::uint64_t lower8(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const std::uint64_t low7 = x & ~kHigh;
  const std::uint64_t ge_a = low7 + (0x80 - 'A') * kOnes;  // bit 7: low7 >= 'A'
  const std::uint64_t gt_z = low7 + (0x7f - 'Z') * kOnes;  // bit 7: low7 > 'Z'
  const std::uint64_t upper = (ge_a ^ gt_z) & ~x & kHigh;  // between, and an ASCII byte
  return x | (upper >> 2);
}

}  // namespace

// Eight bytes at a time (a word's copy and its lowering were a memcpy call
// and a branch per byte), the tail byte by byte.
std::string to_lower_ascii(std::string_view s) {
  std::string out;
  // The size from s, not the callback's second argument: GCC 12's
  // resize_and_overwrite passes the grown capacity there when it allocates.
  out.resize_and_overwrite(s.size(), [&](char* p, std::size_t) {
    const char* d = s.data();
    const std::size_t n = s.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t x;
      std::memcpy(&x, d + i, 8);
      x = lower8(x);
      std::memcpy(p + i, &x, 8);
    }
    for (; i < n; ++i) p[i] = lower_ascii(d[i]);
    return n;
  });
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) return std::string(s);
  size_t pos = 0;
  while (true) {
    size_t f = s.find(from, pos);
    if (f == std::string_view::npos) break;
    out.append(s.substr(pos, f - pos));
    out.append(to);
    pos = f + from.size();
  }
  out.append(s.substr(pos));
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::size_t n = 0;
  for (const auto& p : parts) n += p.size() + sep.size();
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out.append(sep);
    out.append(parts[i]);
  }
  return out;
}

std::string group_thousands(double v) {
  double r = std::round(v);
  std::string digits = std::to_string(static_cast<unsigned long long>(std::fabs(r)));
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (i + 3 - lead) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return r < 0 ? "-" + out : out;
}

std::size_t find(std::string_view s, std::string_view needle, std::size_t from) {
#if defined(__SSE2__)
  const std::size_t m = needle.size(), n = s.size();
  if (m >= 2 && from <= n && n - from >= m + 15) {
    const __m128i first = _mm_set1_epi8(needle.front()), last = _mm_set1_epi8(needle.back());
    const char* d = s.data();
    std::size_t i = from;
    // Blocks of sixteen start positions while every load stays inside s.
    for (; i + m - 1 + 16 <= n; i += 16) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i + m - 1));
      auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
      while (mask) {
        std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
        if (std::memcmp(d + at + 1, needle.data() + 1, m - 2) == 0) return at;
        mask &= mask - 1;
      }
    }
    return s.find(needle, i);
  }
#endif
  return s.find(needle, from);
}

std::size_t find_first_of(std::string_view s, std::string_view bytes, std::size_t from) {
  std::size_t i = from;
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (!bytes.empty() && bytes.size() <= 4) {
    const char* d = s.data();
    auto at = [&](std::size_t k) { return _mm_set1_epi8(bytes[std::min(k, bytes.size() - 1)]); };
    const __m128i b0 = at(0), b1 = at(1), b2 = at(2), b3 = at(3);
    for (; i + 16 <= n; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, b0), _mm_cmpeq_epi8(v, b1)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, b2), _mm_cmpeq_epi8(v, b3)));
      if (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
  }
#endif
  return i < n ? s.find_first_of(bytes, i) : std::string_view::npos;
}

std::string counted(long long n, std::string_view one, std::string_view many) {
  std::string out = std::to_string(n);
  out += ' ';
  out += n == 1 ? one : many;
  return out;
}

}  // namespace assay::base
