// The ranking calibration set's reader and scorer (eval/ranking.h).
#include "assay/eval/ranking.h"

#include <gtest/gtest.h>

namespace assay::eval {
namespace {

TEST(RankingPairs, ReadsEveryFieldAndTheLine) {
  auto p = parse_ranking_pairs(
      "\n{\"id\": \"s:a>b\", \"story\": \"s\", \"better\": \"articles/a.md\", \"worse\": \"gold:dev-001\", "
      "\"reason\": \"a names its sources\", \"half\": \"sealed\"}\n",
      "pairs.jsonl");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  ASSERT_EQ(p->size(), 1u);
  const RankingPair& r = p->front();
  EXPECT_EQ(r.id, "s:a>b");
  EXPECT_EQ(r.story, "s");
  EXPECT_EQ(r.better, "articles/a.md");
  EXPECT_EQ(r.worse, "gold:dev-001");
  EXPECT_EQ(r.reason, "a names its sources");
  EXPECT_EQ(r.half, "sealed");
  EXPECT_EQ(r.line, 2);
}

TEST(RankingPairs, ErrorsNameTheFileTheLineAndWhatIsWrong) {
  const std::string ok = R"({"id": "x", "better": "a.md", "worse": "b.md", "reason": "r", "half": "open"})";
  struct Case {
    std::string line, message;
  } cases[] = {
      {"[1, 2]", "pairs.jsonl:2: not a JSON object"},
      {R"({"id": "y", "better": "a.md", "worse": "b.md", "half": "open"})",
       "pairs.jsonl:2: \"reason\" is missing or not a non-empty string"},
      {R"({"id": "y", "better": "a.md", "worse": "b.md", "reason": "r", "half": "closed"})",
       "pairs.jsonl:2: \"half\" is \"closed\": open or sealed"},
      {R"({"id": "y", "better": "a.md", "worse": "a.md", "reason": "r", "half": "open"})",
       "pairs.jsonl:2: \"better\" and \"worse\" are the same article (a.md)"},
      {ok, "pairs.jsonl:2: id \"x\" repeats an earlier pair's"},
  };
  for (const auto& c : cases) {
    auto p = parse_ranking_pairs(ok + "\n" + c.line + "\n", "pairs.jsonl");
    ASSERT_FALSE(p.has_value()) << c.line;
    EXPECT_EQ(p.error().to_string(), c.message);
  }
  EXPECT_FALSE(parse_ranking_pairs("\n\n", "pairs.jsonl").has_value());
}

TEST(RankingScore, CountsEachHalfAndLeavesOutPairsWithAMissingArticle) {
  auto analyzer = analysis::Analyzer::create(base::EmbeddedData{}, {.models = false, .impact = false});
  ASSERT_TRUE(analyzer.has_value());
  auto pairs = parse_ranking_pairs(
      R"({"id": "1", "better": "sourced", "worse": "bare", "reason": "r", "half": "open"}
{"id": "2", "better": "bare", "worse": "sourced", "reason": "reversed on purpose", "half": "sealed"}
{"id": "3", "better": "sourced", "worse": "absent", "reason": "r", "half": "sealed"})",
      "pairs.jsonl");
  ASSERT_TRUE(pairs.has_value());
  std::map<std::string, text::Document> docs;
  docs["sourced"].text =
      "The commerce ministry said in a statement on Monday that it would require licences for exports of "
      "dysprosium from June 1. The notice was dated May 12, the ministry said.";
  docs["bare"].text = "Beijing is desperate to choke the West. The shocking move is a disaster for everyone.";
  RankingReport r = evaluate_ranking(**analyzer, *pairs, docs);
  ASSERT_EQ(r.results.size(), 2u);
  EXPECT_TRUE(r.results[0].reporting_agrees());
  EXPECT_FALSE(r.results[1].reporting_agrees());
  EXPECT_EQ(r.halves["open"].pairs, 1);
  EXPECT_EQ(r.halves["open"].reporting, 1);
  EXPECT_EQ(r.halves["sealed"].pairs, 1);
  EXPECT_EQ(r.halves["sealed"].reporting, 0);
  EXPECT_EQ(r.halves["all"].pairs, 2);
  EXPECT_DOUBLE_EQ(r.halves["all"].agreement(r.halves["all"].reporting), 0.5);
  EXPECT_EQ(r.results[0].better.claim_level, "confirmed");
}

}  // namespace
}  // namespace assay::eval
