#include "assay/report/json_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

namespace assay::report {

void JsonWriter::newline() {
  out_.push_back('\n');
  out_.append(levels_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (!levels_.back().first) out_.push_back(',');
  levels_.back().first = false;
  if (pretty_) newline();
}

void JsonWriter::open(char c) {
  before_value();
  out_.push_back(c);
  levels_.push_back({});
}

void JsonWriter::close(char c) {
  bool empty = levels_.back().first;
  levels_.pop_back();
  if (pretty_ && !empty) newline();
  out_.push_back(c);
}

void JsonWriter::key(std::string_view k) {
  before_value();
  write_string(k);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  write_string(s);
}

void JsonWriter::write_string(std::string_view s) {
  out_.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Skip eight bytes at a time while none needs escaping (no control
    // byte, quote or backslash): text is mostly plain.
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
      std::uint64_t control = (w - kOnes * 0x20) & ~w & kHigh;  // some byte < 0x20
      if (control | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) break;
      i += 8;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\n': out_.append("\\n"); break;
      case '\t': out_.append("\\t"); break;
      case '\r': out_.append("\\r"); break;
      case '\b': out_.append("\\b"); break;
      case '\f': out_.append("\\f"); break;
      default: out_.append(fmt::format("\\u{:04x}", c));
    }
  }
  out_.append(s.substr(run));
  out_.push_back('"');
}

void JsonWriter::number(std::int64_t v) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::number(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_.append("null");
    return;
  }
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_.append(b ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_.append("null");
}

void JsonWriter::span(std::string_view k, std::uint32_t b, std::uint32_t e) {
  key(k);
  begin_array();
  number(static_cast<std::int64_t>(b));
  number(static_cast<std::int64_t>(e));
  end_array();
}

void JsonWriter::strings(std::string_view k, const std::vector<std::string>& v) {
  key(k);
  begin_array();
  for (const auto& s : v) string(s);
  end_array();
}

}  // namespace assay::report
