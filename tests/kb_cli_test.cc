// End-to-end tests of `assay kb check`: the real binary on the embedded kb
// and on a broken copy given with --data DIR.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = 0; (i = text.find(what, i)) != std::string::npos; i += what.size()) ++n;
  return n;
}

// A copy of data/ in a temp dir, so a test can break one file.
std::string copy_of_data() {
  std::string dir = temp_dir();
  fs::copy(env_or("ASSAY_SOURCE_DIR", ".") + std::string("/data"), dir + "/data", fs::copy_options::recursive);
  return dir + "/data";
}

TEST(KbCli, EmbeddedKbIsClean) {
  auto r = run_assay("kb check");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("kb ok: countries=", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" facilities="), std::string::npos);
  // Then every kb file and where it came from (issue 10).
  EXPECT_NE(r.out.find("\n  kb/facilities.csv"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + static_cast<long>(count(r.out, " embedded\n"))) << r.out;
}

// Issue 10: `--data DIR` pointed one level too deep (at data/kb, with a
// broken facilities.csv) said "kb ok": the embedded data served instead.
TEST(KbCli, DataDirWithNoDataFolderIsAnError) {
  std::string data = copy_of_data();
  write_text(data + "/kb/facilities.csv", "id\nbroken\n");
  auto r = run_assay("--data " + data + "/kb kb check");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "assay: error: " + data +
                       "/kb: --data: holds none of the data folders kb/, lexicons/, models/, supply/, scenarios/\n");
  auto l = run_assay("--data " + data + "/kb lexicon check");
  EXPECT_EQ(l.code, 2) << l.out << l.err;
}

// Issue 10: every check says where each file came from, embedded or the
// path; `lexicon check` no longer lists DIR paths that do not exist.
TEST(KbCli, ChecksSayWhereEachFileCameFrom) {
  std::string data = copy_of_data();
  fs::remove_all(data + "/lexicons");
  fs::remove(data + "/kb/outlets.csv");
  auto k = run_assay("--data " + data + " kb check");
  EXPECT_EQ(k.code, 0) << k.err;
  EXPECT_NE(k.out.find("  kb/outlets.csv                           embedded\n"), std::string::npos) << k.out;
  EXPECT_NE(k.out.find("  kb/facilities.csv                        " + data + "/kb/facilities.csv\n"), std::string::npos)
      << k.out;
  auto j = run_assay("--data " + data + " kb check --format json");
  EXPECT_NE(j.out.find("\"file\": \"kb/outlets.csv\",\n      \"from\": \"embedded\""), std::string::npos) << j.out;
  auto l = run_assay("--data " + data + " lexicon check");
  EXPECT_EQ(l.code, 0) << l.err;
  EXPECT_EQ(l.out.find(data + "/lexicons"), std::string::npos) << l.out;
  EXPECT_NE(l.out.find("  lexicons/hedge.tsv"), std::string::npos) << l.out;
  EXPECT_EQ(static_cast<long>(count(l.out, "  embedded\n")), std::count(l.out.begin(), l.out.end(), '\n') - 1) << l.out;
}

TEST(KbCli, SourceTreeDataDirIsClean) {
  auto r = run_assay("--data " + env_or("ASSAY_SOURCE_DIR", ".") + "/data kb check");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST(KbCli, JsonSummary) {
  auto r = run_assay("kb check --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"ok\": true"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"facilities\":"), std::string::npos);
  EXPECT_NE(r.out.find("\"errors\": []"), std::string::npos);
}

TEST(KbCli, MarkdownTable) {
  auto r = run_assay("kb check --format md");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("| facilities | "), std::string::npos) << r.out;
}

TEST(KbCli, BrokenDataListsEveryErrorAndExits3) {
  std::string data = copy_of_data();
  std::string path = data + "/kb/facilities.csv";
  std::string text = read_text(path);
  // Append three bad rows: negative capacity, unknown unit, unknown feed id.
  text +=
      "bad-neg,,Bad,lynas,Australia,WA,mining,ore,,-5,t REO,,,operating,2024,,mount-weld,,,,s,primary\n"
      "bad-unit,,Bad,lynas,Australia,WA,separation,ox,,5,t gold,,,operating,2024,,,,,,s,primary\n"
      "bad-feed,,Bad,lynas,Australia,WA,separation,ox,,5,t REO,,,operating,2024,ghost,,,,,s,primary\n";
  write_text(path, text);
  auto r = run_assay("--data " + data + " kb check");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  int n = 0;
  // Every line is an assay message (issue 10: the errors had no "assay:").
  for (std::size_t i = 0; (i = r.err.find("assay: error: " + path + ":", i)) != std::string::npos; ++i) ++n;
  EXPECT_EQ(n, 3) << r.err;
  EXPECT_NE(r.err.find(": capacity: negative value -5 (must be >= 0)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": capacity_unit: unknown unit 't gold'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": feed: unknown facility id 'ghost' in feed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\nassay: kb check: 3 errors\n"), std::string::npos) << r.err;
}

TEST(KbCli, FileMissingFromDataDirFallsBackToEmbeddedCopy) {
  std::string data = copy_of_data();
  fs::remove(data + "/kb/outlets.csv");
  // With --data DIR, a file missing there falls back to the embedded copy.
  auto r = run_assay("--data " + data + " kb check");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST(KbCli, FeedCycleIsReported) {
  std::string data = copy_of_data();
  std::string path = data + "/kb/facilities.csv";
  std::string text = read_text(path);
  text +=
      "cyc-a,,A,lynas,Australia,WA,separation,ox,,1,t REO,,,operating,2024,cyc-b,,,,,s,primary\n"
      "cyc-b,,B,lynas,Australia,WA,metal_alloy,m,,1,t metal,,,operating,2024,cyc-a,,,,,s,primary\n";
  write_text(path, text);
  auto r = run_assay("--data " + data + " kb check");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find(": feed: feed cycle: cyc-a <- cyc-b <- cyc-a"), std::string::npos) << r.err;
}

// Issue 13: mass balance. Mines may not report more output for a year than
// their country's mine production in countries.csv (USGS: United States
// 51,000 t REO in 2025; Mountain Pass reports 50,692 t).
TEST(KbCli, MineOutputAboveTheCountryTotalNamesFileLineAndField) {
  std::string data = copy_of_data();
  std::string path = data + "/kb/facilities.csv";
  std::string text = read_text(path);
  std::int64_t line = static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  text += "extra-us-mine,,Extra mine,mp-materials,United States,CA,mining,ore,,1000,t REO,1000,2025,operating,2025,,mountain-pass,,,,s,primary\n";
  write_text(path, text);
  auto r = run_assay("--data " + data + " kb check");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  std::string want = path + ":" + std::to_string(line) + ":";
  EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
  EXPECT_NE(r.err.find(": output: mines in United States report 51692 t REO of output for 2025 "
                       "(mp-mountain-pass-mine, extra-us-mine), more than the country's mine production of 51000 t REO"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("kb check: 1 error"), std::string::npos) << r.err;
}

// Issue 13: kb check enforces mass balance and units. A broken copy: a
// magnet plant fed straight from a mine (mixed REO is not metal), and MP's
// 2025 concentrate stockpile set above what the concentrator made, and in
// another unit.
TEST(KbCli, MassBalanceAndUnitsAlongTheChainNameFileLineAndField) {
  std::string data = copy_of_data();
  std::string fpath = data + "/kb/facilities.csv";
  std::string facilities = read_text(fpath);
  std::int64_t fline = static_cast<std::int64_t>(std::count(facilities.begin(), facilities.end(), '\n')) + 1;
  facilities += "bad-magnet,,Bad magnet plant,mp-materials,United States,TX,magnet,NdFeB,,100,t magnet,,,planned,2027,"
                "mp-mountain-pass-mine,,,,,s,estimate\n";
  write_text(fpath, facilities);
  std::string bpath = data + "/kb/balance.csv";
  std::string balance = read_text(bpath);
  std::int64_t bline = static_cast<std::int64_t>(std::count(balance.begin(), balance.end(), '\n')) + 1;
  balance += "too-much,stockpile,concentration,mp-mountain-pass-concentrator,2025,60000,t REO,derived,,s,estimate\n"
             "wrong-unit,stockpile,concentration,mp-mountain-pass-concentrator,2025,100,t concentrate,derived,,s,estimate\n";
  write_text(bpath, balance);
  auto r = run_assay("--data " + data + " kb check");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  for (const std::string& want : std::vector<std::string>{
           fpath + ":" + std::to_string(fline) + ":",
           ": feed: units along the chain: mp-mountain-pass-mine (mining) makes mixed REO (t REO), which a magnet plant does not take",
           bpath + ":" + std::to_string(bline) + ":",
           ": value: mass balance: stockpile of 60000 t REO is more than mp-mountain-pass-concentrator made in 2025 (50692 t REO",
           bpath + ":" + std::to_string(bline + 1) + ":",
           ": unit: unit 't concentrate' is not mp-mountain-pass-concentrator's unit 't REO' (no conversion is given)",
           "kb check: 3 errors",
       })
    EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
}

}  // namespace

namespace {

// Issue 10: there was no way to list facilities, companies and the rest.
TEST(KbList, ListsEachTableInEachFormat) {
  auto t = run_assay("kb list facilities");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(t.out.substr(0, t.out.find('\n')).substr(0, 4), "id  ");
  EXPECT_NE(t.out.find("\nlynas-kalgoorlie "), std::string::npos);
  auto j = run_assay("kb list companies --format json");
  ASSERT_EQ(j.code, 0) << j.err;
  EXPECT_NE(j.out.find("\"id\": \"lynas\""), std::string::npos);
  auto md = run_assay("kb list countries --format md");
  EXPECT_EQ(md.out.rfind("| id | name | mine_production_t_reo | year | reserves_t_reo |\n|---|", 0), 0u) << md.out;
  EXPECT_NE(md.out.find("| CHN | China |"), std::string::npos);
  auto tsv = run_assay("kb list deposits --format tsv");
  EXPECT_EQ(tsv.out.rfind("id\tname\tcountry\tore_type\tndpr_pct\n", 0), 0u);
  for (const char* table : {"outlets", "policies"}) EXPECT_EQ(run_assay(std::string("kb list ") + table).code, 0) << table;
  auto lynas = run_assay("kb list facilities --company lynas --format tsv");
  ASSERT_EQ(lynas.code, 0);
  for (std::size_t at = lynas.out.find('\n') + 1; at < lynas.out.size(); at = lynas.out.find('\n', at) + 1)
    EXPECT_NE(lynas.out.substr(at, lynas.out.find('\n', at) - at).find("\tlynas\t"), std::string::npos);
}

TEST(KbList, UnknownNamesGetSuggestions) {
  auto t = run_assay("kb list facilites");
  EXPECT_EQ(t.code, 2);
  EXPECT_EQ(t.err.rfind("assay: error: no table 'facilites' to list; did you mean 'facilities'?", 0), 0u) << t.err;
  auto c = run_assay("kb list facilities --company lynass");
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.err, "assay: error: --company: no company with id 'lynass'; did you mean 'lynas'?\n");
}

}  // namespace
