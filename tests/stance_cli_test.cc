// End-to-end tests of `assay stance` (JSON Lines {id, headline, body} in, one
// {"id", "stance"} line per record out, in input order; golden files in
// tests/golden/) and of `assay eval --set fnc1` (issue 15's FNC-1 target).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>
#include <string>

#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }
std::string data_dir() { return source_dir() + "/tests/data/stance"; }

void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = source_dir() + "/tests/golden/" + name;
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(path, actual);
  EXPECT_EQ(actual, read_text(path)) << "golden file " << path << " differs; rerun with ASSAY_UPDATE_GOLDEN=1 after review";
}

// Pairs written for the test (tests/data/stance/pairs.jsonl): a report of
// the headline's event, a denial, hedged reporting, a body about something
// else, and a debunked rumour with a numeric id.
TEST(Stance, OneLinePerRecordInInputOrder) {
  auto r = run_assay("stance " + data_dir() + "/pairs.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  expect_golden("stance.jsonl", r.out);
  // The same from standard input.
  auto s = run_assay("stance -", data_dir() + "/pairs.jsonl");
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_EQ(s.out, r.out);
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    lines.push_back(nlohmann::json::parse(out.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  return lines;
}

TEST(Stance, KeepsTheIdAsGiven) {
  auto r = run_assay("stance " + data_dir() + "/pairs.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0]["id"], "bridge-1");
  EXPECT_EQ(lines[4]["id"], 7);  // a number stays a number
}

// Pairs written for the test (tests/data/stance/mine.jsonl, each with the
// stance its writer meant in "want"): a report of the event (agree), hedged
// reporting of a deal or a resignation (discuss), bodies about other things
// (unrelated). Known misses, not asserted here and listed in
// docs/EVALUATION.md: the two denials (d1, d2) and an unrelated body that
// shares one word of the headline (u2).
TEST(Stance, ReadsThePairsWrittenForIt) {
  auto r = run_assay("stance " + data_dir() + "/mine.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 11u);
  std::map<std::string, std::string> got;
  for (const auto& l : lines) got[l["id"].get<std::string>()] = l["stance"].get<std::string>();
  for (const char* id : {"a1", "a2"}) EXPECT_EQ(got[id], "agree") << id;
  for (const char* id : {"c1", "c2"}) EXPECT_EQ(got[id], "discuss") << id;
  for (const char* id : {"u1", "u3", "u4", "u5"}) EXPECT_EQ(got[id], "unrelated") << id;
  for (const char* id : {"d1", "d2"}) EXPECT_NE(got[id], "unrelated") << id;  // related, at least
}

// A bad record is named with its line; the others are still classified and
// the exit code says that some failed.
TEST(Stance, BadRecordsAreNamedAndTheBatchGoesOn) {
  auto r = run_assay("stance " + data_dir() + "/bad.jsonl");
  EXPECT_EQ(r.code, 1);
  expect_golden("stance_bad.jsonl", r.out);
  EXPECT_NE(r.err.find("bad.jsonl:2: no \"body\" string"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl:3: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("assay: 2 of 4 records failed"), std::string::npos) << r.err;
}

TEST(Stance, AMissingFileIsAnError) {
  auto r = run_assay("stance " + data_dir() + "/no-such-file.jsonl");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("assay: error: "), std::string::npos);
  EXPECT_EQ(r.out, "");
}

// Issue 15: the FNC-1 weighted score by 5-fold cross-validation over the
// training pairs (folds by body) is at least 80.
TEST(StanceEval, Fnc1CrossValidationMeetsTheTarget) {
  std::string shared = env_or("ASSAY_SHARED_DIR", (source_dir() + "/../shared").c_str());
  if (!std::filesystem::exists(shared + "/eval/public/fnc1.train_stances.jsonl")) GTEST_SKIP() << "no FNC-1 pairs in " << shared;
  auto r = run_assay("eval --set fnc1 --format json --shared " + shared);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["fnc1"]["pairs"], 49972);
  EXPECT_GE(j["fnc1"]["weighted_score"].get<double>(), 0.80);
  for (const char* c : {"agree", "disagree", "discuss", "unrelated"})
    EXPECT_GT(j["fnc1"]["classes"][c]["f1"].get<double>(), 0.0) << c;
}

}  // namespace
