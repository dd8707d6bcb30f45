#include "assay/eval/extraction.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace assay::eval {
namespace {

TEST(WordTokens, UnicodeLettersDigitsAndUnderscore) {
  auto t = word_tokens("Lynas’ NdPr-oxide: 10,500 t in 2025_q1 — Ångström 東京 ok!");
  std::vector<std::string_view> want = {"Lynas", "NdPr", "oxide", "10", "500", "t", "in", "2025_q1", "Ångström", "東京", "ok"};
  EXPECT_EQ(t, want);
  EXPECT_TRUE(word_tokens("  ,;  ").empty());
  // Invalid UTF-8 bytes separate words and never crash.
  EXPECT_EQ(word_tokens("ab\xff" "cd").size(), 2u);
}

TEST(ScoreExtraction, IdenticalTextScoresOne) {
  auto s = score_extraction("one two three four five", "one two, three four five.");
  EXPECT_DOUBLE_EQ(s.tp, 1);
  EXPECT_DOUBLE_EQ(s.precision(), 1);
  EXPECT_DOUBLE_EQ(s.recall(), 1);
}

TEST(ScoreExtraction, BothEmptyScoresOne) {
  auto s = score_extraction("", "...");
  EXPECT_DOUBLE_EQ(s.precision(), 1);
  EXPECT_DOUBLE_EQ(s.recall(), 1);
}

TEST(ScoreExtraction, MissingTextLowersRecallOnly) {
  // truth: 6 tokens = 3 shingles; extraction: first 5 tokens = 2 shingles.
  auto s = score_extraction("a b c d e f", "a b c d e");
  EXPECT_DOUBLE_EQ(s.tp, 2.0 / 3);
  EXPECT_DOUBLE_EQ(s.fn, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.fp, 0);
  EXPECT_DOUBLE_EQ(s.precision(), 1);
  EXPECT_DOUBLE_EQ(s.recall(), 2.0 / 3);
}

TEST(ScoreExtraction, ExtraTextLowersPrecisionOnly) {
  auto s = score_extraction("a b c d", "a b c d e");
  EXPECT_DOUBLE_EQ(s.tp, 0.5);
  EXPECT_DOUBLE_EQ(s.fp, 0.5);
  EXPECT_DOUBLE_EQ(s.precision(), 0.5);
  EXPECT_DOUBLE_EQ(s.recall(), 1);
}

TEST(ScoreExtraction, ShinglesAreMultisets) {
  // "a b c d" twice in the truth, once in the extraction.
  auto s = score_extraction("a b c d a b c d", "a b c d");
  // truth shingles: abcd, bcda, cdab, dabc, abcd -> 5; extraction: abcd -> 1.
  EXPECT_DOUBLE_EQ(s.tp, 1.0 / 5);
  EXPECT_DOUBLE_EQ(s.fn, 4.0 / 5);
}

TEST(ScoreExtraction, ShortTextsAreOneShingle) {
  EXPECT_DOUBLE_EQ(score_extraction("a b", "a b").precision(), 1);
  auto s = score_extraction("a b", "a b c");
  EXPECT_DOUBLE_EQ(s.tp, 0);
  EXPECT_DOUBLE_EQ(s.precision(), 0);
  EXPECT_DOUBLE_EQ(s.recall(), 0);
}

TEST(ScoreExtraction, CaseMatters) {
  EXPECT_DOUBLE_EQ(score_extraction("A b c d", "a b c d").tp, 0);
}

TEST(Summarise, F1FromMeanPrecisionAndRecall) {
  ExtractionReport r;
  r.pages.push_back({.id = "x", .score = score_extraction("a b c d", "a b c d e")});  // P .5 R 1
  r.pages.push_back({.id = "y", .score = score_extraction("a b c d e f", "a b c d e")});  // P 1 R 2/3
  summarise(r);
  EXPECT_DOUBLE_EQ(r.precision, 0.75);
  EXPECT_DOUBLE_EQ(r.recall, 5.0 / 6);
  EXPECT_DOUBLE_EQ(r.f1, 2 * 0.75 * (5.0 / 6) / (0.75 + 5.0 / 6));
}

TEST(EvaluateExtraction, FailedExtractionCountsAsEmpty) {
  std::vector<ExtractionCase> cases = {{.id = "p", .html = "<p>x</p>", .truth = "one two three four"}};
  auto r = evaluate_extraction(cases, [](std::string_view, std::string_view) -> base::Result<std::string> {
    return base::fail(base::Error::invalid("nope"));
  });
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].error, "nope");
  EXPECT_DOUBLE_EQ(r.recall, 0);
}

TEST(EvaluateExtraction, RunsTheHtmlReader) {
  std::vector<ExtractionCase> cases = {
      {.id = "p", .html = "<html><body><nav>Home</nav><p>One two three four five.</p></body></html>", .truth = "One two three four five."}};
  auto r = evaluate_extraction(cases);
  EXPECT_DOUBLE_EQ(r.f1, 1);
}

TEST(GroundTruth, ParsesAndSortsById) {
  auto g = parse_ground_truth(R"({"b":{"articleBody":"B","url":"u"},"a":{"articleBody":"A"}})");
  ASSERT_TRUE(g.has_value());
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[0].first, "a");
  EXPECT_EQ((*g)[1].second, "B");
  auto bad = parse_ground_truth(R"({"a":{"url":"u"}})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().where().field, "/a/articleBody");
  EXPECT_FALSE(parse_ground_truth("[").has_value());
}

std::string gzip(std::string_view in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Gunzip, RoundTripsAndRejectsBadInput) {
  std::string text(200000, 'x');
  text += "<p>end</p>";
  std::string z = gzip(text);
  auto back = gunzip(z);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, text);
  EXPECT_FALSE(gunzip(z.substr(0, z.size() / 2)).has_value());
  EXPECT_FALSE(gunzip("not gzip at all").has_value());
  EXPECT_FALSE(gunzip("").has_value());
}

}  // namespace
}  // namespace assay::eval
