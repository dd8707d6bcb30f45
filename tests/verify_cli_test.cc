// End-to-end tests of `assay verify` (claims one per line or as JSON Lines,
// verdicts in Markdown and JSON, golden files in tests/golden/) and of
// `assay eval --set claims` (the claims test set of tests/data/claims and
// issue 14's targets).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <string>

#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }
std::string claims_dir() { return source_dir() + "/tests/data/claims"; }

// Compares `actual` with the golden file; ASSAY_UPDATE_GOLDEN=1 rewrites it.
void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = source_dir() + "/tests/golden/" + name;
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(path, actual);
  EXPECT_EQ(actual, read_text(path)) << "golden file " << path << " differs; rerun with ASSAY_UPDATE_GOLDEN=1 after review";
}

// Passages run through `assay analyze` as JSON Lines {id, published, text}
// (issue 14's unseen set is scored so): each record is judged at its own
// publication date, and its verdict is that of its first claim in text
// order that is not unverifiable (tests/data/claims/passages.jsonl, written
// for the test).
TEST(Verify, PassagesThroughAnalyzeGetThePassageVerdict) {
  auto r = run_assay("analyze --format jsonl " + claims_dir() + "/passages.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_id;
  std::size_t pos = 0;
  // JSON Lines out: one analysis per line.
  while (pos < r.out.size()) {
    std::size_t nl = r.out.find('\n', pos);
    if (nl == std::string::npos) nl = r.out.size();
    std::string line = r.out.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    by_id[j["document"]["id"].get<std::string>()] = j["verification"];
  }
  ASSERT_EQ(by_id.size(), 7u) << r.out.substr(0, 400);
  auto verdict = [&](const char* id) { return by_id[id]["verdict"].get<std::string>(); };
  // The same sentence at two dates: the USGS edition out at each.
  EXPECT_EQ(verdict("p1"), "supported");
  EXPECT_EQ(verdict("p2"), "contradicted");
  // Text order: the rank (supported) comes before the figure (contradicted).
  EXPECT_EQ(verdict("p3"), "supported");
  EXPECT_EQ(by_id["p3"]["checked"], 2);
  EXPECT_EQ(by_id["p3"]["contradicted"], 1);
  // The first claim is unverifiable (a company's rank): the second decides.
  EXPECT_EQ(verdict("p4"), "contradicted");
  EXPECT_EQ(by_id["p4"]["unverifiable"], 1);
  // No claim at all.
  EXPECT_EQ(verdict("p5"), "unverifiable");
  EXPECT_EQ(by_id["p5"]["checked"], 0);
  // A timestamp is read for its date (USGS MCS 2025 only); a year later
  // MCS 2026 has revised the figure: the sources disagree.
  EXPECT_EQ(verdict("p6"), "supported");
  EXPECT_EQ(verdict("p7"), "disputed");
}

TEST(Verify, MarkdownGoldenWithADate) {
  auto r = run_assay("verify --date 2026-03-01 " + claims_dir() + "/sample.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("6 claims: 2 supported, 2 contradicted, 1 disputed, 1 unverifiable."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`data/kb/published.csv:3`"), std::string::npos) << r.out;
  expect_golden("verify.md", r.out);
}

TEST(Verify, JsonLinesGoldenWithPublicationDates) {
  auto r = run_assay("verify --format json " + claims_dir() + "/sample.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "assay.verify/1");
  // The same claim, judged at two publication dates, with the data known then.
  EXPECT_EQ(j["inputs"][0]["verdict"], "supported");
  EXPECT_EQ(j["inputs"][1]["verdict"], "contradicted");
  // Undated, no --date: the latest data, and the output says so.
  EXPECT_EQ(j["inputs"][3]["judged_at"], "latest data");
  // The sentence's sourcing labels travel with its claims.
  EXPECT_EQ(j["inputs"][2]["claims"][0]["sourcing"][0], "source.anonymous");
  for (const auto& in : j["inputs"])
    for (const auto& c : in["claims"])
      if (c["verdict"] == "supported" || c["verdict"] == "contradicted") {
        EXPECT_FALSE(c["evidence"].empty()) << c.dump();
      }
  expect_golden("verify.json", r.out);
}

TEST(Verify, StandardInputAndTheLatestDataNote) {
  std::string dir = temp_dir();
  write_text(dir + "/in.txt", "China mined about 270,000 tonnes of rare earths in 2025.\n");
  auto r = run_assay("verify", dir + "/in.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("judged against the latest data"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("**supported**"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`data/kb/countries.csv:57`"), std::string::npos) << r.out;
}

TEST(Verify, BadInputIsNamed) {
  auto date = run_assay("verify --date 2026-13-01 " + claims_dir() + "/sample.txt");
  EXPECT_EQ(date.code, 2);
  EXPECT_NE(date.err.find("assay: error: --date: '2026-13-01' is not a date"), std::string::npos) << date.err;
  std::string dir = temp_dir();
  write_text(dir + "/bad.jsonl", "{\"text\": \"China mined 270,000 t in 2025.\"}\n{\"published\": \"2025-01-01\"}\n");
  auto bad = run_assay("verify " + dir + "/bad.jsonl");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.jsonl:2"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("no \"text\""), std::string::npos) << bad.err;
  // A claim that cannot be checked is a verdict, not an error.
  write_text(dir + "/odd.txt", "Greenland mined 12 zillion widgets.\nLynas produced 9,000 bananas.\n");
  auto odd = run_assay("verify " + dir + "/odd.txt");
  EXPECT_EQ(odd.code, 0) << odd.err;
  EXPECT_NE(odd.out.find("2 claims: 0 supported, 0 contradicted, 0 disputed, 2 unverifiable."), std::string::npos) << odd.out;
}

TEST(ClaimsEval, MeetsIssue14sTargets) {
  auto r = run_assay("eval --set claims --format json --claims-dir " + claims_dir());
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out)["claims"];
  EXPECT_GE(j["claims"].get<int>(), 80);
  EXPECT_GE(j["accuracy"].get<double>(), 0.90);
  EXPECT_EQ(j["uncited"].get<int>(), 0);
  // The same claims as passages through `assay analyze` (how the unseen set is scored).
  EXPECT_GE(j["passages"]["accuracy"].get<double>(), 0.90);
  EXPECT_EQ(j["passages"]["right"].get<int>() > 0, true);
  // Every kind and every verdict is in the set.
  for (const char* k : {"share", "rank", "production", "capacity", "reserves", "price", "policy", "operation", "event"})
    EXPECT_TRUE(j["by_kind"].contains(k)) << k;
  for (const char* v : {"supported", "contradicted", "disputed", "unverifiable"}) EXPECT_TRUE(j["by_verdict"].contains(v)) << v;
  if (have_shared_eval()) {
    EXPECT_GE(j["extraction"]["recall"].get<double>(), 0.85);
  }
}

}  // namespace
