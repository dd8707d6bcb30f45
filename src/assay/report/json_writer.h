// report/json_writer: a small streaming JSON writer for the analysis output,
// an order of magnitude faster than building a DOM and dumping it. Keys are
// written in call order; output is compact or indented by two spaces.
//
//   JsonWriter w(out, /*pretty=*/false);
//   w.begin_object();
//   w.key("schema"); w.string("assay.analysis/1");
//   w.key("spans"); w.begin_array(); w.number(4); w.number(9); w.end_array();
//   w.end_object();                          // {"schema":"assay.analysis/1","spans":[4,9]}
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::report {

class JsonWriter {
 public:
  JsonWriter(std::string& out, bool pretty) : out_(out), pretty_(pretty) { levels_.reserve(16); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);
  void string(std::string_view s);
  void number(std::int64_t v);
  void number(double v);
  void boolean(bool b);
  void null();

  // Shorthands: key + value.
  void field(std::string_view k, std::string_view v) { key(k), string(v); }
  void field(std::string_view k, const char* v) { key(k), string(v); }
  void field(std::string_view k, const std::string& v) { key(k), string(v); }
  void field(std::string_view k, std::int64_t v) { key(k), number(v); }
  void field(std::string_view k, int v) { key(k), number(static_cast<std::int64_t>(v)); }
  void field(std::string_view k, std::uint32_t v) { key(k), number(static_cast<std::int64_t>(v)); }
  void field(std::string_view k, std::size_t v) { key(k), number(static_cast<std::int64_t>(v)); }
  void field(std::string_view k, double v) { key(k), number(v); }
  void field(std::string_view k, bool v) { key(k), boolean(v); }
  void span(std::string_view k, std::uint32_t b, std::uint32_t e);  // "k": [b, e]
  void strings(std::string_view k, const std::vector<std::string>& v);

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void newline();
  void write_string(std::string_view s);  // quoted and escaped, no separator
  void write_escaped(std::string_view s, std::size_t from);  // the slow path of write_string
  char* separator(char* p);               // compact mode: the comma before a value, if any

  // Appends at most `max` bytes in one step: f(char* at) writes them and
  // returns one past the last byte written. The string stays valid between
  // calls, so callers may read it at any time.
  template <class F>
  void put(std::size_t max, F f) {
    const std::size_t n = out_.size();
    out_.resize_and_overwrite(n + max, [&](char* b, std::size_t) { return static_cast<std::size_t>(f(b + n) - b); });
  }

  std::string& out_;
  bool pretty_;
  bool first_ = true;                 // nothing written yet in the innermost container
  bool after_key_ = false;
  std::vector<unsigned char> levels_;  // the enclosing containers' first_, innermost last
};

}  // namespace assay::report
