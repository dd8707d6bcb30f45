#include <gtest/gtest.h>

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
