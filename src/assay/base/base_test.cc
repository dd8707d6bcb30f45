#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "assay/base/embedded.h"
#include "assay/base/error.h"
#include "assay/base/span.h"
#include "assay/base/strings.h"

namespace assay::base {
namespace {

TEST(Error, LocationFormatsFileLineColumn) {
  Error e = Error::invalid("bad unit \"kgs\"", {.file = "data/kb/prices.csv", .line = 12, .column = 7});
  EXPECT_EQ(e.to_string(), "data/kb/prices.csv:12:7: bad unit \"kgs\"");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
}

TEST(Error, LocationFormatsByteOffsetAndField) {
  EXPECT_EQ(Error::invalid("x", {.file = "a.html", .offset = 42}).to_string(), "a.html: byte 42: x");
  EXPECT_EQ(Error::invalid("x", {.file = "c.jsonl", .line = 3, .field = "/text"}).to_string(), "c.jsonl:3: /text: x");
  EXPECT_EQ(Error::invalid("plain").to_string(), "plain");
  EXPECT_EQ(Error::invalid("x").in_file("f.txt").to_string(), "f.txt: x");
}

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return fail(Error::invalid(std::string("not a digit: ") + c, {.offset = 0}));
  return c - '0';
}

Status check_even(int v) {
  if (v % 2) return fail(Error::invalid("odd"));
  return {};
}

// Uses both macros: the value or the first error.
Result<int> twice_even_digit(char c) {
  int v = ASSAY_TRY(parse_digit(c));
  ASSAY_TRY_VOID(check_even(v));
  return 2 * v;
}

TEST(Error, TryPassesTheValueOrReturnsTheError) {
  EXPECT_EQ(twice_even_digit('4'), 8);
  auto not_digit = twice_even_digit('x');
  ASSERT_FALSE(not_digit);
  EXPECT_EQ(not_digit.error().to_string(), "byte 0: not a digit: x");
  auto odd = twice_even_digit('3');
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().message(), "odd");
}

// ASSAY_TRY of a move-only value moves it out.
Result<std::unique_ptr<int>> boxed(int v) { return std::make_unique<int>(v); }
Result<int> unbox(int v) {
  std::unique_ptr<int> p = ASSAY_TRY(boxed(v));
  return *p + 1;
}

TEST(Error, TryMovesMoveOnlyValues) { EXPECT_EQ(unbox(41), 42); }

TEST(Errors, CollectsInOrderAndSummarisesTheFirst) {
  Errors errors;
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(errors.summary().code(), ErrorCode::kInternal);
  errors.add(Error::invalid("bad unit", {.file = "a.csv", .line = 2, .column = 5}));
  EXPECT_EQ(errors.summary().to_string(), "a.csv:2:5: bad unit");
  errors.add(Error::not_found("no such id", {.file = "a.csv", .line = 3}));
  Errors more = Error::invalid("bad date", {.file = "b.csv", .line = 9});
  errors.add(more);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[1].code(), ErrorCode::kNotFound);
  EXPECT_EQ(errors.summary().to_string(), "a.csv:2:5: bad unit (and 2 more errors)");
  EXPECT_EQ(errors.summary().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(errors.to_string(), "a.csv:2:5: bad unit\na.csv:3: no such id\nb.csv:9: bad date\n");
  std::vector<std::string> seen;
  for (const auto& e : errors) seen.push_back(e.message());
  EXPECT_EQ(seen, (std::vector<std::string>{"bad unit", "no such id", "bad date"}));
}

TEST(Errors, ConvertsFromAndToAListOfErrors) {
  std::vector<Error> list{Error::invalid("one"), Error::invalid("two")};
  Errors errors = list;
  EXPECT_EQ(errors.size(), 2u);
  const std::vector<Error>& back = errors;
  EXPECT_EQ(back[1].message(), "two");
  std::expected<int, Errors> r = std::unexpected(errors);
  std::expected<int, std::vector<Error>> as_list = std::unexpected(r.error());
  EXPECT_EQ(as_list.error().size(), 2u);
  EXPECT_EQ(errors.summary().message(), "one (and 1 more error)");
}

TEST(Span, OfAndOverlap) {
  Span s{4, 9};
  EXPECT_EQ(s.of("the quick fox"), "quick");
  EXPECT_TRUE(s.overlaps({8, 12}));
  EXPECT_FALSE(s.overlaps({9, 12}));
  EXPECT_TRUE((Span{0, 20}).contains(s));
  EXPECT_EQ((Span{40, 50}).of("short"), "");
}

TEST(Strings, TrimSplitLower) {
  EXPECT_EQ(trim("  x y \n"), "x y");
  auto parts = split("a\tb\t\tc", '\t');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[2], "");
  EXPECT_EQ(to_lower_ascii("NdPr Oxide"), "ndpr oxide");
  EXPECT_TRUE(iequals_ascii("USGS", "usgs"));
  EXPECT_EQ(replace_all("a--b--c", "--", "-"), "a-b-c");
  EXPECT_EQ(join({"a", "b"}, ", "), "a, b");
  static_assert(fnv1a("a") != fnv1a("b"));
}

// to_lower_ascii lowers eight bytes at a time: every byte value, at every
// place of a word of up to 20 bytes (the eight-byte blocks and the tail),
// comes out as lower_ascii makes it, UTF-8 bytes and '@', '[', '`', '{'
// (the neighbours of A-Z and a-z) untouched.
TEST(Strings, ToLowerAsciiEveryByteAtEveryPlace) {
  EXPECT_EQ(to_lower_ascii(""), "");
  EXPECT_EQ(to_lower_ascii("Caf\xC3\x89 @[`{ AZaz \xE2\x80\x99S DYSPROSIUM"), "caf\xC3\x89 @[`{ azaz \xE2\x80\x99s dysprosium");
  for (std::size_t len = 1; len <= 20; ++len)
    for (std::size_t at = 0; at < len; ++at)
      for (int c = 0; c < 256; ++c) {
        std::string w(len, 'Q');
        w[at] = static_cast<char>(c);
        std::string want = w;
        for (char& x : want) x = lower_ascii(x);
        ASSERT_EQ(to_lower_ascii(w), want) << "byte " << c << " at " << at << " of " << len;
      }
}

TEST(Embedded, VersionAndMissingFile) {
  EXPECT_FALSE(version().empty());
  EmbeddedData data;
  auto r = data.read("no/such/file.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.error().to_string().find("data/no/such/file.tsv"), std::string::npos);
}

TEST(Strings, GroupThousands) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999.4), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(10500.6), "10,501");
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(-12000), "-12,000");
}

// Issue 10: messages said "wrote 1 file(s)", "0 official confirmation(s)".
TEST(Strings, CountedIsSingularForExactlyOne) {
  EXPECT_EQ(counted(1, "file", "files"), "1 file");
  EXPECT_EQ(counted(0, "file", "files"), "0 files");
  EXPECT_EQ(counted(2, "party", "parties"), "2 parties");
  EXPECT_EQ(counted(-1, "point", "points"), "-1 points");
}

TEST(Strings, FindMatchesStringViewFind) {
  // Every needle of a text (and some absent ones) from every start, across
  // the sixteen-byte blocks and the tail.
  std::string t = "radioactive residue, tailings and waste: pollution of the tailings pond; waste-water, waste.";
  t += t;
  for (std::string_view needle : {"waste", "tailings", "ta", "e.", "pollut", "radioactiv", "absent", "xx", "w", "", "waste."})
    for (std::size_t from = 0; from <= t.size() + 1; ++from)
      EXPECT_EQ(base::find(t, needle, from), std::string_view(t).find(needle, from)) << needle << " from " << from;
}

TEST(Strings, FindFirstOfMatchesStringView) {
  std::string t = "He said \"no.\"\nThen\xE2\x80\x9Cyes\xE2\x80\x9D! Why? Because... it is 16.1 per cent; ok";
  t += t;
  for (std::string_view bytes : {std::string_view(".!?\xE2"), std::string_view("\n\"\xE2"), std::string_view("?"),
                                 std::string_view("zq"), std::string_view()})
    for (std::size_t from = 0; from <= t.size() + 1; ++from)
      EXPECT_EQ(base::find_first_of(t, bytes, from), std::string_view(t).find_first_of(bytes, from)) << bytes << " " << from;
}

}  // namespace
}  // namespace assay::base
