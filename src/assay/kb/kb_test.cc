#include "assay/kb/kb.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "assay/kb/csv.h"

namespace assay::kb {
namespace {

std::string source_dir() {
  const char* d = std::getenv("ASSAY_SOURCE_DIR");
  return d ? d : ".";
}

// ------------------------------------------------------------ CSV reader

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto t = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n3,,z\r\n");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].to_string();
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t.rows[0].fields[2], "two\nlines");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[0].columns[1], 3);
  EXPECT_EQ(t.rows[0].columns[2], 14);
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(t.rows[1].fields[1], "");
  EXPECT_EQ(t.rows[1].fields[2], "z");
}

TEST(Csv, BomBlankLinesAndNoFinalNewline) {
  auto t = parse_csv("\xEF\xBB\xBFh1,h2\n\n1,2\n\n3,4");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.header[0], "h1");
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[1].line, 5);
  EXPECT_EQ(t.rows[1].fields[1], "4");
}

TEST(Csv, SyntaxErrorsAreReportedAndParsingGoesOn) {
  auto t = parse_csv("a,b\n1,x\"y\n2,\"ok\"tail\n3,4,5\n6,7\n8,\"open\n");
  ASSERT_EQ(t.errors.size(), 4u);
  EXPECT_EQ(t.errors[0].to_string(), "line 2:4: quote inside an unquoted field (quote the whole field and double the quote)");
  EXPECT_EQ(t.errors[1].to_string(), "line 3:7: unexpected text after a closing quote");
  EXPECT_EQ(t.errors[2].to_string(), "line 4:1: row has 3 fields, the header has 2");
  EXPECT_EQ(t.errors[3].to_string(), "line 6:3: unterminated quoted field");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields[0], "6");
}

TEST(Csv, EmptyInput) {
  auto t = parse_csv("");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_TRUE(t.rows.empty());
}

// ------------------------------------------------------------ the real kb

TEST(Kb, EmbeddedDataLoadsWithoutErrors) {
  base::DataSource data;
  auto all = load_all(data);
  for (const auto& e : all.errors) ADD_FAILURE() << e.to_string();
  EXPECT_GE(all.kb.facilities.size(), 80u);
  EXPECT_GT(all.kb.countries.size(), 50u);
  EXPECT_GE(all.kb.outlets.size(), 20u);
  EXPECT_EQ(all.kb.magnets.size(), 3u);
}

TEST(Kb, SourceTreeDataLoadsLikeTheEmbeddedCopy) {
  base::DataSource dir(source_dir() + "/data");
  auto a = load_all(dir);
  auto b = load_all(base::DataSource());
  for (const auto& e : a.errors) ADD_FAILURE() << e.to_string();
  EXPECT_EQ(a.kb.summary(), b.kb.summary());
}

}  // namespace
}  // namespace assay::kb
