// End-to-end tests of `assay eval --set genre`: the genre test set of
// tests/data/genre scored as a user runs it, its sealed-half target, the
// confusion list of the open half, and the errors a user can meet.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "cli_test_util.h"

namespace {

std::string genre_dir() { return env_or("ASSAY_SOURCE_DIR", ".") + std::string("/tests/data/genre"); }

TEST(GenreEval, SealedHalfMeetsTheTarget) {
  auto r = run_assay("eval --set genre --format json --genre-dir " + genre_dir());
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["genre"]["open"]["articles"].get<int>() + j["genre"]["sealed"]["articles"].get<int>(), 44);
  // Issue 12's target: genre accuracy >= 0.85 on the sealed half.
  EXPECT_GE(j["genre"]["sealed"]["accuracy"].get<double>(), 0.85);
  EXPECT_GE(j["genre"]["open"]["accuracy"].get<double>(), 0.85);
}

TEST(GenreEval, TableNamesBothHalvesAndMissesListOnlyTheOpenHalf) {
  // Two news reports given the gold genre "opinion": one is sealed, one
  // open; only the open one's confusion is listed, with its signals.
  std::string dir = temp_dir() + "/genre";
  std::filesystem::create_directories(dir);
  const char* body = "---\nThe antimony smelter will restart next month, the mining ministry said on Thursday.\n\n"
                     "Deputy minister Rolando Quispe said output would reach 60% of capacity by February.\n";
  write_text(dir + "/first.txt", std::string("genre: opinion\n") + body);
  write_text(dir + "/second.txt", std::string("genre: opinion\ntitle: Smelter to restart\n") + body);
  auto r = run_assay("eval --set genre --misses --genre-dir " + dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Genre (2 articles): open half **0.000** (0/1), sealed half **0.000** (0/1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Genre confusions of the open half (gold -> assay):"), std::string::npos) << r.out;
  int listed = 0;
  for (std::size_t at = r.out.find(": opinion -> news ("); at != std::string::npos; at = r.out.find(": opinion -> news (", at + 1))
    ++listed;
  EXPECT_EQ(listed, 1) << r.out;
  EXPECT_NE(r.out.find("a report in the third person"), std::string::npos) << r.out;
}

TEST(GenreEval, ErrorsNameTheFolderAndTheLine) {
  auto missing = run_assay("eval --set genre --genre-dir " + temp_dir() + "/no-such-folder");
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("assay: error: "), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("--genre-dir"), std::string::npos) << missing.err;
  std::string dir = temp_dir() + "/bad-genre";
  std::filesystem::create_directories(dir);
  write_text(dir + "/a.txt", "genre: gossip\n---\nText.\n");
  auto bad = run_assay("eval --set genre --genre-dir " + dir);
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("a.txt:1"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown genre \"gossip\""), std::string::npos) << bad.err;
}

}  // namespace
