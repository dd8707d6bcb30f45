// base/json_writer: a small streaming JSON writer for the analysis output,
// an order of magnitude faster than building a DOM and dumping it. Keys are
// written in call order; output is compact or indented by two spaces.
//
//   JsonWriter w(out, /*pretty=*/false);
//   w.begin_object();
//   w.key("schema"); w.string("assay.analysis/1");
//   w.key("spans"); w.begin_array(); w.number(4); w.number(9); w.end_array();
//   w.end_object();                          // {"schema":"assay.analysis/1","spans":[4,9]}
//
// Keys spelled as string literals are checked when compiled and copied as
// they are; keys from data (std::string, std::string_view) are escaped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace assay::base {

class JsonWriter {
 public:
  JsonWriter(std::string& out, bool pretty) : out_(out), pretty_(pretty) { levels_.reserve(16); }
  // Pretty mode, as an element nested `depth` levels deep in an enclosing
  // document: every new line is indented 2 * depth spaces more (the first
  // line's indent is the caller's to write). What a reader gets by indenting
  // each line of the plain output by 2 * depth spaces, without that copy.
  JsonWriter(std::string& out, bool pretty, std::size_t depth) : JsonWriter(out, pretty) {
    if (pretty_) {
      base_depth_ = depth;
      indent_ = 2 * depth;
    }
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key spelled as a string literal is checked when compiled (a literal
  // that would need escaping does not compile) and copied as it is; any
  // other key (std::string, std::string_view, const char*) is escaped.
  struct Literal {
    template <std::size_t N>
    consteval Literal(const char (&k)[N]) : s(k, N - 1) {
      if (k[N - 1] != '\0') throw "JsonWriter: a key array must be a string literal";
      for (std::size_t i = 0; i + 1 < N; ++i) {
        unsigned char c = static_cast<unsigned char>(k[i]);
        if (c < 0x20 || c == '"' || c == '\\') throw "JsonWriter: a literal key must not need escaping";
      }
    }
    std::string_view s;
  };
  template <class S>
  static constexpr bool kDynamicKey = !std::is_array_v<S> && std::is_convertible_v<const S&, std::string_view>;

  // Inside an object, a key of up to 32 bytes goes to the instance of
  // fixed_key for its size, picked where the key is spelled (the switch
  // folds away): its copy is a fixed-size load and store or two, with no
  // branch on the size.
  [[gnu::always_inline]] void key(Literal k) {
    if (after_key_ || levels_.empty()) [[unlikely]] {  // not inside an object: as any key
      key_escaped(k.s);
      return;
    }
    const char* d = k.s.data();
    switch (k.s.size()) {
#define ASSAY_JSON_KEY_CASE(n) \
  case n: return fixed_key<n>(d);
      ASSAY_JSON_KEY_CASE(1) ASSAY_JSON_KEY_CASE(2) ASSAY_JSON_KEY_CASE(3) ASSAY_JSON_KEY_CASE(4)
      ASSAY_JSON_KEY_CASE(5) ASSAY_JSON_KEY_CASE(6) ASSAY_JSON_KEY_CASE(7) ASSAY_JSON_KEY_CASE(8)
      ASSAY_JSON_KEY_CASE(9) ASSAY_JSON_KEY_CASE(10) ASSAY_JSON_KEY_CASE(11) ASSAY_JSON_KEY_CASE(12)
      ASSAY_JSON_KEY_CASE(13) ASSAY_JSON_KEY_CASE(14) ASSAY_JSON_KEY_CASE(15) ASSAY_JSON_KEY_CASE(16)
      ASSAY_JSON_KEY_CASE(17) ASSAY_JSON_KEY_CASE(18) ASSAY_JSON_KEY_CASE(19) ASSAY_JSON_KEY_CASE(20)
      ASSAY_JSON_KEY_CASE(21) ASSAY_JSON_KEY_CASE(22) ASSAY_JSON_KEY_CASE(23) ASSAY_JSON_KEY_CASE(24)
#undef ASSAY_JSON_KEY_CASE
      default:
        if (pretty_) pretty_key(k.s);
        else literal_key(k.s);
    }
  }
  template <class S>
    requires kDynamicKey<S>
  void key(const S& k) {
    key_escaped(std::string_view(k));
  }
  void string(std::string_view s);
  // A value its caller writes itself (objects of fixed keys in a few steps:
  // analysis/schema.cc's claims and mentions). The writer puts what is due
  // before a value (the comma; in pretty mode the new line and indent), then
  // calls f(out, depth): f appends the value's bytes to `out`, as the calls
  // it stands for would write them; in pretty mode its closing bracket goes
  // 2 * depth spaces in, its items 2 * (depth + 1), and so on.
  template <class F>
  void raw_value(F&& f) {
    before_value();
    f(out_, levels_.size() + base_depth_);
  }
  bool pretty() const { return pretty_; }
  // s quoted and escaped, as string() writes it, at p, which has room for
  // 6 * s.size() + 2 bytes. Returns one past the last byte written.
  static char* quoted_string(char* p, std::string_view s);
  void number(std::int64_t v);
  void number(double v);
  void boolean(bool b);
  void null();

  // Shorthands: key + value. The value's type picks one of the value()
  // overloads below: text is a string; integers, doubles and bools numbers
  // and literals.
  template <class V>
  void field(Literal k, const V& v) {
    key(k), value(v);
  }
  template <class S, class V>
    requires kDynamicKey<S>
  void field(const S& k, const V& v) {
    key(k), value(v);
  }
  void span(Literal k, std::uint32_t b, std::uint32_t e) { key(k), span_value(b, e); }  // "k": [b, e]
  template <class S>
    requires kDynamicKey<S>
  void span(const S& k, std::uint32_t b, std::uint32_t e) {
    key(k), span_value(b, e);
  }
  void strings(Literal k, const std::vector<std::string>& v) { key(k), string_array(v); }
  template <class S>
    requires kDynamicKey<S>
  void strings(const S& k, const std::vector<std::string>& v) {
    key(k), string_array(v);
  }

 private:
  void value(std::string_view v) { string(v); }
  void value(const char* v) { string(v); }
  void value(const std::string& v) { string(v); }
  void value(std::int64_t v) { number(v); }
  void value(int v) { number(static_cast<std::int64_t>(v)); }
  void value(std::uint32_t v) { number(static_cast<std::int64_t>(v)); }
  void value(std::size_t v) { number(static_cast<std::int64_t>(v)); }
  void value(double v) { number(v); }
  void value(bool v) { boolean(v); }
  void span_value(std::uint32_t b, std::uint32_t e);
  void string_array(const std::vector<std::string>& v);

  void key_escaped(std::string_view k);
  // A key of N bytes, inside an object, not after a key: one small function
  // for each size, out of line (inlined into a large caller, GCC 12 left
  // the steps of put() as calls), with the copy's size a constant.
  template <std::size_t N>
  [[gnu::noinline, gnu::flatten]] void fixed_key(const char* k) {
    if (pretty_) pretty_key(std::string_view(k, N));
    else literal_key(std::string_view(k, N));
  }
  // Inside an object, not after a key (compact mode): the comma if due and
  // "k": in one step; k needs no escaping.
  [[gnu::always_inline]] void literal_key(std::string_view k) {
    put(k.size() + 4, [&](char* p) {
      *p = ',';
      p += !first_;
      p = quoted(p, k);
      *p++ = ':';
      return p;
    });
    first_ = false;
    after_key_ = true;
  }
  // Pretty mode, inside an object, not after a key: the comma, the new
  // line, the indent and "k": in one step; k needs no escaping.
  [[gnu::always_inline]] void pretty_key(std::string_view k) {
    const std::size_t indent = indent_;
    put(k.size() + indent + 6 + 15, [&](char* p) {  // + 15: spaces() writes in 16-byte stores
      *p = ',';
      p += !first_;
      *p++ = '\n';
      p = quoted(spaces(p, indent), k);
      std::memcpy(p, ": ", 2);
      return p + 2;
    });
    first_ = false;
    after_key_ = true;
  }
  // Writes `indent` spaces at p in 16-byte stores (a fixed-size copy
  // compiles to one store; a memset of a variable size is a call, about 30
  // instructions for the few bytes of an indent): up to 15 bytes past p +
  // indent are written too, so the caller reserves indent + 15 bytes.
  // Returns p + indent.
  static char* spaces(char* p, std::size_t indent) {
    static constexpr char kSpaces[16] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
                                         ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    for (std::size_t i = 0; i < indent; i += 16) std::memcpy(p + i, kSpaces, 16);
    return p + indent;
  }
  // "s", with no escaping: s needs none.
  static char* quoted(char* p, std::string_view s) {
    *p++ = '"';
    p = copy(p, s.data(), s.size());
    *p++ = '"';
    return p;
  }
  // Copies n bytes from s to p and returns p + n. Keys and most values are
  // short: up to 32 bytes are copied by two loads and two stores of a fixed
  // size that overlap (a call to memcpy costs more than the copy).
  static char* copy(char* p, const char* s, std::size_t n) {
    if (n >= 8) {
      if (n > 32) {
        std::memcpy(p, s, n);
      } else if (n >= 16) {
        char a[16], b[16];
        std::memcpy(a, s, 16);
        std::memcpy(b, s + n - 16, 16);
        std::memcpy(p, a, 16);
        std::memcpy(p + n - 16, b, 16);
      } else {
        std::uint64_t a, b;
        std::memcpy(&a, s, 8);
        std::memcpy(&b, s + n - 8, 8);
        std::memcpy(p, &a, 8);
        std::memcpy(p + n - 8, &b, 8);
      }
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, s, 4);
      std::memcpy(&b, s + n - 4, 4);
      std::memcpy(p, &a, 4);
      std::memcpy(p + n - 4, &b, 4);
    } else if (n > 0) {  // an empty view's data() may be null
      p[0] = s[0];
      p[n / 2] = s[n / 2];
      p[n - 1] = s[n - 1];
    }
    return p + n;
  }
  // Compact mode: the comma before a value, if any.
  char* separator(char* p) {
    if (after_key_) {
      after_key_ = false;
      return p;
    }
    if (levels_.empty()) return p;
    if (!first_) *p++ = ',';
    first_ = false;
    return p;
  }
  void open(char c);
  void close(char c);
  void before_value();
  void newline();
  void write_string(std::string_view s);  // quoted and escaped, no separator
  void write_escaped(std::string_view s, std::size_t from);  // the slow path of write_string

  // Appends at most `max` bytes in one step: f(char* at) writes them and
  // returns one past the last byte written. The string stays valid between
  // calls, so callers may read it at any time.
  //
  // The bytes are written into the string's spare capacity first and the
  // length set after, by resize_and_overwrite with one small operation for
  // every caller (a lambda of each caller's made an instance of
  // resize_and_overwrite of its own, which GCC 12 did not inline: a call a
  // key, and the key's size no longer a constant).
  template <class F>
  [[gnu::always_inline]] void put(std::size_t max, F f) {
    const std::size_t n = out_.size();
    if (out_.capacity() - n < max) [[unlikely]] grow(max);
    char* b = out_.data();
    set_length(static_cast<std::size_t>(f(b + n) - b));
  }
  // The string's length, at most its capacity: nothing is moved or copied,
  // and libstdc++ leaves the bytes written past the old end as they are
  // (the tests compare every kind of output byte by byte).
  struct Length {
    std::size_t n;
    std::size_t operator()(char*, std::size_t) const { return n; }
  };
  [[gnu::always_inline]] void set_length(std::size_t n) { out_.resize_and_overwrite(n, Length{n}); }
  // Room for `more` bytes after the string's end (the string doubles).
  [[gnu::noinline]] void grow(std::size_t more);

  std::string& out_;
  bool pretty_;
  bool first_ = true;                 // nothing written yet in the innermost container
  bool after_key_ = false;
  std::vector<unsigned char> levels_;  // the enclosing containers' first_, innermost last
  std::size_t base_depth_ = 0;         // pretty mode: the levels of an enclosing document
  std::size_t indent_ = 0;             // pretty mode: two spaces a level, (base_depth_ + levels_.size()) * 2
};

}  // namespace assay::base
