#include "assay/base/json_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "assay/base/json_escape.h"

namespace assay::base {

using json_escape::escape_byte;
using json_escape::escape_mask;
using json_escape::first_escape;

void JsonWriter::grow(std::size_t more) {
  const std::size_t need = out_.size() + more;
  out_.reserve(std::max(need, 2 * out_.capacity()));
}

[[gnu::flatten]] void JsonWriter::newline() {
  const std::size_t indent = indent_;
  put(indent + 16, [&](char* p) {
    *p++ = '\n';
    return spaces(p, indent);
  });
}

[[gnu::flatten]] void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (!first_) out_.push_back(',');
  first_ = false;
  if (pretty_) newline();
}

[[gnu::flatten]] void JsonWriter::open(char c) {
  if (pretty_) {
    if (after_key_ || levels_.empty()) {
      after_key_ = false;
      put(1, [&](char* p) {
        *p++ = c;
        return p;
      });
    } else {  // an item of an array: the comma, the new line, the indent and the bracket in one step
      const std::size_t indent = indent_;
      put(indent + 18, [&](char* p) {
        *p = ',';
        p += !first_;
        *p++ = '\n';
        p = spaces(p, indent);
        *p++ = c;
        return p;
      });
      first_ = false;
    }
  } else {
    put(2, [&](char* p) {
      p = separator(p);
      *p++ = c;
      return p;
    });
  }
  levels_.push_back(first_);
  first_ = true;
  indent_ += 2;
}

[[gnu::flatten]] void JsonWriter::close(char c) {
  bool empty = first_;
  first_ = levels_.back();
  levels_.pop_back();
  indent_ -= 2;
  if (pretty_ && !empty) {  // the new line, the indent and the bracket in one step
    const std::size_t indent = indent_;
    put(indent + 17, [&](char* p) {
      *p++ = '\n';
      p = spaces(p, indent);
      *p++ = c;
      return p;
    });
    return;
  }
  out_.push_back(c);
}

[[gnu::flatten]] void JsonWriter::key_escaped(std::string_view k) {
  std::size_t esc = first_escape(k);
  if (!pretty_ && esc == k.size()) {
    put(k.size() + 4, [&](char* p) {
      p = quoted(separator(p), k);
      *p++ = ':';
      return p;
    });
    after_key_ = true;
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

[[gnu::flatten]] void JsonWriter::string(std::string_view s) {
  if (s.size() < 16) {  // short: one step with the separator
    std::size_t esc = first_escape(s);
    if (!pretty_ && esc == s.size()) {
      put(s.size() + 3, [&](char* p) { return quoted(separator(p), s); });
      return;
    }
    before_value();
    if (esc == s.size()) put(s.size() + 2, [&](char* p) { return quoted(p, s); });
    else write_escaped(s, esc);
    return;
  }
  if (pretty_) before_value();
  else put(1, [&](char* p) { return separator(p); });
  write_string(s);
}

[[gnu::flatten]] void JsonWriter::write_string(std::string_view s) {
  const std::size_t n = s.size();
#if defined(__SSE2__)
  // Sixteen bytes or more: each block of sixteen is checked and copied in
  // the same step (the last block overlapping the one before), instead of
  // a pass to find an escape and a copy after. The bytes are written past
  // the string's end and its length set only when none needs escaping.
  if (n >= 16) {
    if (out_.capacity() - out_.size() < n + 2) grow(n + 2);
    const char* d = s.data();
    char* b = out_.data();
    char* p = b + out_.size();
    *p++ = '"';
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
      if (unsigned m = escape_mask(v)) {
        write_escaped(s, i + static_cast<std::size_t>(__builtin_ctz(m)));
        return;
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), v);
    }
    if (i < n) {  // bytes before i are plain, so the first hit is at i or later
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + n - 16));
      if (unsigned m = escape_mask(v)) {
        write_escaped(s, n - 16 + static_cast<std::size_t>(__builtin_ctz(m)));
        return;
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p + n - 16), v);
    }
    p += n;
    *p++ = '"';
    set_length(static_cast<std::size_t>(p - b));
    return;
  }
#endif
  std::size_t esc = first_escape(s);
  if (esc == n) put(n + 2, [&](char* p) { return quoted(p, s); });
  else write_escaped(s, esc);
}

void JsonWriter::write_escaped(std::string_view s, std::size_t i) {
  out_.push_back('"');
  std::size_t run = 0;
  while (i < s.size()) {
    out_.append(s.data() + run, i - run);
    char e[6];
    out_.append(e, static_cast<std::size_t>(escape_byte(e, static_cast<unsigned char>(s[i])) - e));
    run = ++i;
    i += first_escape(s.substr(i));
  }
  out_.append(s.data() + run, s.size() - run);
  out_.push_back('"');
}

[[gnu::flatten]] void JsonWriter::number(std::int64_t v) {
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

[[gnu::flatten]] void JsonWriter::boolean(bool b) {
  if (pretty_) before_value();
  put(6, [&](char* p) {
    if (!pretty_) p = separator(p);
    std::memcpy(p, b ? "true" : "false", b ? 4 : 5);
    return p + (b ? 4 : 5);
  });
}

[[gnu::flatten]] void JsonWriter::null() {
  if (pretty_) before_value();
  put(5, [&](char* p) {
    if (!pretty_) p = separator(p);
    std::memcpy(p, "null", 4);
    return p + 4;
  });
}

[[gnu::flatten]] void JsonWriter::span_value(std::uint32_t b, std::uint32_t e) {
  if (pretty_ && after_key_) {
    // The two-line array begin_array(), number(), number(), end_array()
    // write, in one step: its items one level deeper than the key, its
    // bracket at the key's level. first_ is left as it was, as
    // end_array() restores it.
    after_key_ = false;
    const std::size_t indent = indent_;
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
