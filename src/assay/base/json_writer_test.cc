#include "assay/base/json_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace assay::base {
namespace {

TEST(JsonWriter, CompactAndPretty) {
  std::string c;
  JsonWriter w(c, false);
  w.begin_object();
  w.field("s", "a\"b\\c\n\x01");
  w.span("span", 4, 9);
  w.key("empty");
  w.begin_array();
  w.end_array();
  w.field("x", 1.5);
  w.field("n", 3);
  w.key("z");
  w.null();
  w.end_object();
  EXPECT_EQ(c, R"({"s":"a\"b\\c\n\u0001","span":[4,9],"empty":[],"x":1.5,"n":3,"z":null})");
  std::string p;
  JsonWriter v(p, true);
  v.begin_object();
  v.field("a", true);
  v.key("b");
  v.begin_array();
  v.number(std::int64_t{1});
  v.end_array();
  v.end_object();
  EXPECT_EQ(p, "{\n  \"a\": true,\n  \"b\": [\n    1\n  ]\n}");
}

// The pretty span written in one step is the array the general calls write,
// at any depth; keys and strings of every length class copy() handles
// (0, 1-3, 4-7, 8-15, 16-32, longer) come out whole.
TEST(JsonWriter, PrettySpanAndShortCopies) {
  std::string keys[] = {"", "a", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghijklmno", "abcdefghijklmnop",
                        std::string(32, 'k'), std::string(33, 'l'), std::string(200, 'm')};
  for (int depth = 0; depth < 12; ++depth) {
    std::string fast, slow;
    JsonWriter f(fast, true), s(slow, true);
    for (JsonWriter* w : {&f, &s}) {
      w->begin_object();
      for (int d = 0; d < depth; ++d) {
        w->key("k");
        w->begin_object();
      }
    }
    for (const auto& k : keys) {
      f.span(k, 7, 4294967295u);
      s.key(k);
      s.begin_array();
      s.number(std::int64_t{7});
      s.number(std::int64_t{4294967295u});
      s.end_array();
      f.field(k + "!", k);
      s.key(k + "!");
      s.string(k);
    }
    for (JsonWriter* w : {&f, &s}) {
      for (int d = 0; d < depth; ++d) w->end_object();
      w->end_object();
    }
    EXPECT_EQ(fast, slow) << depth;
    for (const auto& k : keys) EXPECT_NE(fast.find("\"" + k + "\": [\n"), std::string::npos) << k.size();
  }
  std::string p;
  JsonWriter v(p, true);
  v.begin_object();
  v.span("span", 4, 19);
  v.end_object();
  EXPECT_EQ(p, "{\n  \"span\": [\n    4,\n    19\n  ]\n}");
}

// An empty view may have a null data(): writing it copies nothing (UBSan
// checks that no null pointer reaches memcpy; the analysis fuzzer found one).
TEST(JsonWriter, EmptyViewsWithoutData) {
  for (bool pretty : {false, true}) {
    std::string out;
    JsonWriter w(out, pretty);
    w.begin_object();
    w.field("a", std::string_view{});
    w.key("b");
    w.string(std::string_view{});
    w.end_object();
    EXPECT_EQ(out, pretty ? "{\n  \"a\": \"\",\n  \"b\": \"\"\n}" : R"({"a":"","b":""})");
  }
}

TEST(JsonWriter, NumbersAndKeysAsFmtWritesThem) {
  // Whole doubles take the integer path; the bytes must stay fmt's "{}".
  std::string c;
  JsonWriter w(c, false);
  w.begin_array();
  for (double v : {3.0, -42.0, 0.0, -0.0, 1e14, 999999999999999.0, 1e15, 1e16, 0.1, -2.5e-7, 1.0 / 3})
    w.number(v);
  w.number(std::int64_t{-9223372036854775807 - 1});
  w.end_array();
  std::string want = "[";
  for (double v : {3.0, -42.0, 0.0, -0.0, 1e14, 999999999999999.0, 1e15, 1e16, 0.1, -2.5e-7, 1.0 / 3})
    want += fmt::format("{}", v) + ",";
  EXPECT_EQ(c, want + "-9223372036854775808]");
  std::string k;
  JsonWriter v(k, false);
  v.begin_object();
  v.field(std::string("a\"b"), "x\ty");  // a literal key that needs escaping does not compile
  v.field("", "");
  v.end_object();
  EXPECT_EQ(k, R"({"a\"b":"x\ty","":""})");
}

// What the writer makes of `in` between the quotes (the short escapes, else
// \u00XX below 0x20), written the slow, obvious way: the escaping tests'
// expectation.
std::string json_escaped(std::string_view in) {
  std::string out;
  for (char ch : in) {
    if (ch == '"') out += "\\\"";
    else if (ch == '\\') out += "\\\\";
    else if (ch == '\n') out += "\\n";
    else if (ch == '\t') out += "\\t";
    else if (ch == '\r') out += "\\r";
    else if (ch == '\b') out += "\\b";
    else if (ch == '\f') out += "\\f";
    else if (static_cast<unsigned char>(ch) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(ch));
    else out += ch;
  }
  return out;
}

TEST(JsonWriter, EscapesAtEveryPositionOfLongStrings) {
  // The writer skips plain text sixteen bytes at a time: put each character
  // that needs escaping at every offset of a long string, beside UTF-8.
  for (char special : {'"', '\\', '\n', '\x1f', '\x7f'}) {
    for (std::size_t at = 0; at < 48; ++at) {
      std::string in = "\xE2\x80\x9Cplain text, long enough to span three blocks\xE2\x80\x9D";
      in.insert(at, 1, special);
      std::string expected = json_escaped(in);
      std::string out;
      JsonWriter w(out, false);
      w.string(in);
      EXPECT_EQ(out, "\"" + expected + "\"") << "special " << int(special) << " at " << at;
    }
  }
}

// Strings of sixteen bytes or more are checked and copied in one pass, past
// the string's end before its length is set: every length from 16 to 70,
// plain or with one byte to escape at every offset, as an object's value
// and an array's item, pretty and compact, into a string that grows as it
// goes (its spare bytes hold what an earlier, longer attempt left there).
TEST(JsonWriter, LongStringsInObjectsAndArrays) {
  for (bool pretty : {false, true}) {
    for (std::size_t len = 16; len <= 70; ++len) {
      for (std::size_t at = 0; at <= len; ++at) {  // at == len: nothing to escape
        std::string in(len, 'x');
        for (std::size_t i = 0; i < len; ++i) in[i] = static_cast<char>('a' + i % 26);
        if (at < len) in[at] = at % 2 ? '"' : '\n';
        const std::string esc = "\"" + json_escaped(in) + "\"";
        std::string out;
        JsonWriter w(out, pretty);
        w.begin_object();
        w.field("k", in);
        w.key("a");
        w.begin_array();
        w.string(in);
        w.string(in);
        w.end_array();
        w.end_object();
        const std::string want = pretty ? "{\n  \"k\": " + esc + ",\n  \"a\": [\n    " + esc + ",\n    " + esc + "\n  ]\n}"
                                        : "{\"k\":" + esc + ",\"a\":[" + esc + "," + esc + "]}";
        ASSERT_EQ(out, want) << pretty << " " << len << " " << at;
        EXPECT_EQ(out.size(), std::strlen(out.c_str()));  // terminated where it ends
      }
    }
  }
}

TEST(JsonWriter, EscapesShortStringsAndKeys) {
  // Strings under sixteen bytes take their own path: every length, every
  // offset, as a key and as a value.
  for (char special : {'"', '\\', '\x01', '\x1f'}) {
    for (std::size_t len = 1; len <= 20; ++len) {
      for (std::size_t at = 0; at < len; ++at) {
        std::string in(len, 'k');
        in[at] = special;
        if (len > 2) in[len - 1] = '\xC3';  // a byte above 0x7f beside it
        std::string esc = json_escaped(in);
        std::string out;
        JsonWriter w(out, false);
        w.begin_object();
        w.field(in, in);
        w.field(in.substr(0, at), in.substr(0, at));  // plain
        w.end_object();
        std::string plain = in.substr(0, at);
        EXPECT_EQ(out, "{\"" + esc + "\":\"" + esc + "\",\"" + plain + "\":\"" + plain + "\"}") << int(special) << " " << len << " " << at;
      }
    }
  }
}

}  // namespace
TEST(JsonWriter, QuotedStringAsStringWritesIt) {
  // quoted_string (for values written through raw_value) scans eight bytes
  // at a time, the last eight overlapping: every length up to 40, every
  // offset of each byte that needs escaping, beside bytes above 0x7f and
  // the bytes just above and below those that need it.
  for (char special : {'"', '\\', '\n', '\x01', '\x1f', '\x7f', ' ', '!', '#', '[', ']'}) {
    for (std::size_t len = 0; len <= 40; ++len) {
      for (std::size_t at = 0; at <= len; ++at) {
        std::string in(len, 'q');
        if (at < len) in[at] = special;
        if (len > 2 && at != len - 1) in[len - 1] = '\xC3';
        std::string expected = "\"" + json_escaped(in) + "\"";
        std::vector<char> buf(6 * in.size() + 2);
        char* end = JsonWriter::quoted_string(buf.data(), in);
        EXPECT_EQ(std::string(buf.data(), end), expected) << int(special) << " " << len << " " << at;
      }
    }
  }
}

TEST(JsonWriter, RawValueTakesTheSeparatorAndDepth) {
  // raw_value puts what is due before a value, as any value would, and
  // tells the depth its own lines are indented from.
  for (bool pretty : {false, true}) {
    std::string raw, plain;
    JsonWriter a(raw, pretty), b(plain, pretty);
    a.begin_object();
    b.begin_object();
    a.key("x");
    b.key("x");
    a.raw_value([](std::string& out, std::size_t depth) {
      EXPECT_EQ(depth, 1u);
      out += "1";
    });
    b.number(std::int64_t{1});
    a.key("y");
    b.key("y");
    a.begin_array();
    b.begin_array();
    b.number(std::int64_t{2});
    a.raw_value([](std::string& out, std::size_t depth) {
      EXPECT_EQ(depth, 2u);
      out += "2";
    });
    a.raw_value([&](std::string& out, std::size_t) { out += "3"; });
    b.number(std::int64_t{3});
    a.end_array();
    b.end_array();
    a.end_object();
    b.end_object();
    EXPECT_EQ(raw, plain) << pretty;
    EXPECT_EQ(a.pretty(), pretty);
  }
}

TEST(JsonWriter, ADepthIndentsEveryLineAfterTheFirst) {
  // Pretty, as an element `depth` levels deep: each new line 2 * depth
  // spaces further in than the same calls write at depth 0; raw_value's
  // depth counts the enclosing levels. Compact output has no depth.
  auto write = [](std::string& out, bool pretty, std::size_t depth) {
    JsonWriter w(out, pretty, depth);
    w.begin_object();
    w.field("a", std::int64_t{1});
    w.key("list");
    w.begin_array();
    w.string("x");
    w.begin_object();
    w.end_object();
    w.raw_value([&](std::string& o, std::size_t d) {
      EXPECT_EQ(d, (pretty ? depth : 0) + 2);
      o += "3";
    });
    w.end_array();
    w.key("empty");
    w.begin_array();
    w.end_array();
    w.end_object();
  };
  std::string plain, compact, compact_deep;
  write(plain, true, 0);
  write(compact, false, 0);
  write(compact_deep, false, 2);
  EXPECT_EQ(compact_deep, compact);
  for (std::size_t depth : {1u, 2u, 9u}) {
    std::string deep, expected;
    write(deep, true, depth);
    for (char c : plain) {
      expected += c;
      if (c == '\n') expected.append(2 * depth, ' ');
    }
    EXPECT_EQ(deep, expected) << depth;
  }
}

}  // namespace assay::base
