#include "assay/base/json_writer.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::base {

namespace {

// Bytes JSON needs escaped: control bytes, quote and backslash.
constexpr auto kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

#if defined(__SSE2__)
// Bit i set when byte i of the sixteen at p needs escaping.
inline unsigned escape_mask(const char* p) {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1f);
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, control), v);  // unsigned byte <= 0x1f
  __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
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

// Writes `indent` spaces at p in 16-byte stores (a fixed-size copy compiles
// to one store; a memset of a variable size is a call, about 30 instructions
// for the few bytes of an indent): up to 15 bytes past p + indent are
// written too, so the caller reserves indent + 15 bytes. Returns p + indent.
inline char* spaces(char* p, std::size_t indent) {
  static constexpr char kSpaces[16] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
  for (std::size_t i = 0; i < indent; i += 16) std::memcpy(p + i, kSpaces, 16);
  return p + indent;
}

}  // namespace

void JsonWriter::newline() {
  const std::size_t indent = levels_.size() * 2;
  put(indent + 16, [&](char* p) {
    *p++ = '\n';
    return spaces(p, indent);
  });
}

void JsonWriter::literal_key(std::string_view k) {
  put(k.size() + 4, [&](char* p) {
    p = quoted(separator(p), k);
    *p++ = ':';
    return p;
  });
  after_key_ = true;
}

void JsonWriter::pretty_key(std::string_view k) {
  if (after_key_ || levels_.empty()) {  // not inside an object: as any key
    key_escaped(k);
    return;
  }
  const std::size_t indent = levels_.size() * 2;
  put(k.size() + indent + 6 + 15, [&](char* p) {  // + 15: spaces() writes in 16-byte stores
    if (!first_) *p++ = ',';
    *p++ = '\n';
    p = quoted(spaces(p, indent), k);
    *p++ = ':';
    *p++ = ' ';
    return p;
  });
  first_ = false;
  after_key_ = true;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (!first_) out_.push_back(',');
  first_ = false;
  if (pretty_) newline();
}

void JsonWriter::open(char c) {
  if (pretty_) {
    before_value();
    out_.push_back(c);
  } else {
    put(2, [&](char* p) {
      p = separator(p);
      *p++ = c;
      return p;
    });
  }
  levels_.push_back(first_);
  first_ = true;
}

void JsonWriter::close(char c) {
  bool empty = first_;
  first_ = levels_.back();
  levels_.pop_back();
  if (pretty_ && !empty) newline();
  out_.push_back(c);
}

void JsonWriter::key_escaped(std::string_view k) {
  std::size_t esc = first_escape(k);
  if (!pretty_ && esc == k.size()) {
    literal_key(k);
    return;
  }
  if (esc == k.size() && !after_key_ && !levels_.empty()) {
    pretty_key(k);
    return;
  }
  before_value();
  if (esc == k.size()) put(k.size() + 2, [&](char* p) { return quoted(p, k); });
  else write_escaped(k, esc);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
  std::size_t esc = first_escape(s);
  if (!pretty_ && esc == s.size()) {
    put(s.size() + 3, [&](char* p) { return quoted(separator(p), s); });
    return;
  }
  before_value();
  if (esc == s.size()) put(s.size() + 2, [&](char* p) { return quoted(p, s); });
  else write_escaped(s, esc);
}

void JsonWriter::write_string(std::string_view s) {
  std::size_t esc = first_escape(s);
  if (esc == s.size()) put(s.size() + 2, [&](char* p) { return quoted(p, s); });
  else write_escaped(s, esc);
}

void JsonWriter::write_escaped(std::string_view s, std::size_t i) {
  out_.push_back('"');
  std::size_t run = 0;
  while (i < s.size()) {
    out_.append(s.data() + run, i - run);
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\n': out_.append("\\n"); break;
      case '\t': out_.append("\\t"); break;
      case '\r': out_.append("\\r"); break;
      case '\b': out_.append("\\b"); break;
      case '\f': out_.append("\\f"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_.append(u, 6);
      }
    }
    run = ++i;
    i += first_escape(s.substr(i));
  }
  out_.append(s.data() + run, s.size() - run);
  out_.push_back('"');
}

void JsonWriter::number(std::int64_t v) {
  if (pretty_) before_value();
  put(21, [&](char* p) {
    if (!pretty_) p = separator(p);
    return std::to_chars(p, p + 20, v).ptr;
  });
}

void JsonWriter::number(double v) {
  if (!std::isfinite(v)) {
    null();
    return;
  }
  // Whole numbers print as integers, as fmt's shortest form does ("3", not
  // "3.0"; up to 16 digits before fmt switches to an exponent). -0 keeps fmt.
  if (v == std::trunc(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
    number(static_cast<std::int64_t>(v));
    return;
  }
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::boolean(bool b) {
  if (pretty_) before_value();
  put(6, [&](char* p) {
    if (!pretty_) p = separator(p);
    std::memcpy(p, b ? "true" : "false", b ? 4 : 5);
    return p + (b ? 4 : 5);
  });
}

void JsonWriter::null() {
  if (pretty_) before_value();
  put(5, [&](char* p) {
    if (!pretty_) p = separator(p);
    std::memcpy(p, "null", 4);
    return p + 4;
  });
}

void JsonWriter::span_value(std::uint32_t b, std::uint32_t e) {
  if (pretty_ && after_key_) {
    // The two-line array begin_array(), number(), number(), end_array()
    // write, in one step: its items one level deeper than the key, its
    // bracket at the key's level. first_ is left as it was, as
    // end_array() restores it.
    after_key_ = false;
    const std::size_t indent = levels_.size() * 2;
    put(3 * indent + 64, [&](char* p) {  // 2 + 2 * (indent + 2 + 10 + 2) + indent + 1, + 15 for spaces()
      *p++ = '[';
      *p++ = '\n';
      p = std::to_chars(spaces(p, indent + 2), p + indent + 12, b).ptr;
      *p++ = ',';
      *p++ = '\n';
      p = std::to_chars(spaces(p, indent + 2), p + indent + 12, e).ptr;
      *p++ = '\n';
      p = spaces(p, indent);
      *p++ = ']';
      return p;
    });
    return;
  }
  if (pretty_) {
    begin_array();
    number(static_cast<std::int64_t>(b));
    number(static_cast<std::int64_t>(e));
    end_array();
    return;
  }
  // [b,e] in one step: after a key no separator is due.
  after_key_ = false;
  put(24, [&](char* p) {
    *p++ = '[';
    p = std::to_chars(p, p + 10, b).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 10, e).ptr;
    *p++ = ']';
    return p;
  });
}

void JsonWriter::string_array(const std::vector<std::string>& v) {
  begin_array();
  for (const auto& s : v) string(s);
  end_array();
}

}  // namespace assay::base
