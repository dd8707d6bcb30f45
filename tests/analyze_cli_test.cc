// End-to-end and golden tests of `assay analyze`, `assay eval` and
// `assay lexicon check`: each runs the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }
std::string example() { return source_dir() + "/examples/malaysia-china-processing.txt"; }

// Compares `actual` with the golden file; ASSAY_UPDATE_GOLDEN=1 rewrites it.
void expect_golden(const std::string& name, const std::string& raw) {
  std::string actual = relative_paths(raw);
  std::string path = source_dir() + "/tests/golden/" + name;
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(path, actual);
  std::string expected = read_text(path);
  EXPECT_EQ(actual, expected) << "golden file " << path << " differs; rerun with ASSAY_UPDATE_GOLDEN=1 after review";
}

TEST(Analyze, MarkdownCritiqueGolden) {
  auto r = run_assay("analyze " + example());
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* h : {"## Highlights", "## What holds true", "## Where shadows appear", "## Bias between the lines",
                        "## Why it matters for the supply chain", "## Bottom line"})
    EXPECT_NE(r.out.find(h), std::string::npos) << h;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when stdout is not a terminal";
  expect_golden("example.md", r.out);
}

// KB provenance names the file the row was read from: data/kb/... for the
// embedded data, DIR/kb/... under --data DIR (a copy of data/ elsewhere).
TEST(Analyze, KbProvenanceNamesTheRealDataFile) {
  namespace fs = std::filesystem;
  std::string dir = temp_dir();
  fs::copy(source_dir() + "/data", dir + "/data", fs::copy_options::recursive);
  std::string data = dir + "/data";

  auto embedded = run_assay("analyze --format json " + example());
  ASSERT_EQ(embedded.code, 0) << embedded.err;
  EXPECT_NE(embedded.out.find("\"row\": \"data/kb/facilities.csv:"), std::string::npos);
  EXPECT_NE(embedded.out.find("\"row\": \"data/kb/companies.csv:"), std::string::npos);

  auto copy = run_assay("--data " + data + " analyze --format json " + example());
  ASSERT_EQ(copy.code, 0) << copy.err;
  EXPECT_NE(copy.out.find("\"row\": \"" + data + "/kb/facilities.csv:"), std::string::npos) << copy.out;
  EXPECT_NE(copy.out.find("\"row\": \"" + data + "/kb/companies.csv:"), std::string::npos);
  EXPECT_EQ(copy.out.find("\"row\": \"data/kb/"), std::string::npos) << "no row names the embedded path";
  // Nor does the impact's capacity basis or the model it was computed on.
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = copy.out.find(needle); at != std::string::npos; at = copy.out.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("data/kb/"), count(data + "/kb/")) << "every kb path is the copy's";
  EXPECT_NE(copy.out.find("assay supply model (" + data + "/kb, " + data + "/supply/model.yaml)"), std::string::npos);
  // The critique cites the same rows.
  EXPECT_NE(copy.out.find(data + "/kb/facilities.csv:"), std::string::npos);
  auto md = run_assay("--data " + data + " analyze " + example());
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_NE(md.out.find(data + "/kb/facilities.csv:"), std::string::npos) << md.out;
  fs::remove_all(dir);
}

TEST(Analyze, JsonGoldenAndDeterministic) {
  auto a = run_assay("analyze --format json " + example());
  auto b = run_assay("analyze --format json --jobs 2 " + example());
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"schema\": \"assay.analysis/1\""), std::string::npos);
  expect_golden("example.json", a.out);
}

TEST(Analyze, RulesOnlyLeavesTheModelsOut) {
  // A data overlay with one more model that says "opinion" of every
  // sentence: it speaks unless --rules-only is given.
  std::string data = temp_dir();
  std::filesystem::create_directories(data + "/models");
  write_text(data + "/models/always.tsv", "# model: always\n# target: opinion\n# threshold: 0.5\nfeature\tweight\n(bias)\t10\n");
  auto with = run_assay("--data " + data + " analyze --format json " + example());
  auto without = run_assay("--data " + data + " --rules-only analyze --format json " + example());
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  EXPECT_NE(with.out.find("\"cue\": \"model:always\""), std::string::npos);
  EXPECT_EQ(without.out.find("\"cue\": \"model:"), std::string::npos);
  EXPECT_NE(without.out.find("\"cue\": \""), std::string::npos) << "the rules' evidence is still there";
}

TEST(Analyze, ImpactOnTheSupplyModelAndNoImpact) {
  auto with = run_assay("analyze " + example());
  auto json = run_assay("analyze --format json " + example());
  auto without = run_assay("analyze --format json --no-impact " + example());
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  EXPECT_NE(with.out.find("the supply model moves: China's share of separation capacity by location"), std::string::npos);
  EXPECT_NE(with.out.find("computed on: assay supply model"), std::string::npos);
  EXPECT_NE(json.out.find("\"impacts\": [\n    {"), std::string::npos);
  EXPECT_NE(without.out.find("\"impacts\": []"), std::string::npos);
}

TEST(Analyze, HtmlPageIsSelfContained) {
  auto r = run_assay("analyze --format html " + example());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(r.out.find("<mark class=\"l-source-anonymous\""), std::string::npos);
  EXPECT_NE(r.out.find("Where shadows appear"), std::string::npos);
  EXPECT_EQ(r.out.find("http://"), std::string::npos);
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  expect_golden("example.html", r.out);
}

TEST(Analyze, JsonLinesInGivesJsonLinesOutInOrderWithIds) {
  std::string dir = temp_dir();
  std::string in;
  for (int i = 0; i < 40; ++i)
    in += "{\"id\":\"rec-" + std::to_string(i) + "\",\"outlet\":\"Wire\",\"text\":\"Lynas said output rose " +
          std::to_string(i) + "% in May. Two people familiar with the matter said talks could resume.\"}\n";
  in += "not json\n{\"id\":\"no-text\"}\n";
  write_text(dir + "/c.jsonl", in);
  auto r = run_assay("analyze --jobs 2 " + dir + "/c.jsonl");
  EXPECT_EQ(r.code, 1) << "bad records make the batch exit 1";
  std::size_t pos = 0;
  for (int i = 0; i < 40; ++i) {
    std::size_t at = r.out.find("\"id\":\"rec-" + std::to_string(i) + "\"", pos);
    ASSERT_NE(at, std::string::npos) << i;
    pos = at;
  }
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 40);
  EXPECT_NE(r.err.find("c.jsonl:41: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c.jsonl:42: /text: record has neither"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 input(s) or record(s) failed"), std::string::npos);
}

TEST(Analyze, StdinAndOutDir) {
  std::string dir = temp_dir();
  write_text(dir + "/in.txt", "Lynas said it would expand. The company declined to comment on costs.\n");
  auto r = run_assay("analyze --format json -", dir + "/in.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"source.named\""), std::string::npos);
  auto o = run_assay("analyze --out " + dir + "/out --format html " + dir + "/in.txt");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(read_text(dir + "/out/in.txt.html").find("<!DOCTYPE html>"), std::string::npos);
}

TEST(Analyze, BadInputsNameTheFile) {
  std::string dir = temp_dir();
  write_text(dir + "/empty.txt", "");
  write_text(dir + "/bin.txt", std::string("\x7f" "ELF\0\0\0\0\0", 9));
  auto r = run_assay("analyze " + dir + "/empty.txt " + dir + "/bin.txt /no/such.txt");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/no/such.txt: no such file or directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt: empty input"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bin.txt: byte"), std::string::npos) << r.err;
  auto u = run_assay("analyze --format pdf " + example());
  EXPECT_EQ(u.code, 2);
}

TEST(Analyze, AHugeSingleLineIsCutWithAWarning) {
  // 3 MiB on one line: the first 2 MiB are analysed, the file is named.
  std::string dir = temp_dir();
  std::string sentence = "Lynas said output rose 5% to 1,000 tonnes in Malaysia, and analysts expect more. ";
  std::string text;
  while (text.size() < (std::size_t{3} << 20)) text += sentence;
  write_text(dir + "/line.txt", text);
  auto r = run_assay("analyze --format json " + dir + "/line.txt");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("line.txt: text beyond 2 MiB was not analysed"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"assay.analysis/1\""), std::string::npos);
}

TEST(Analyze, InvalidUtf8IsRepairedWithWarning) {
  std::string dir = temp_dir();
  write_text(dir + "/bad.txt", "Lynas said caf\xe9 output rose.\n");
  auto r = run_assay("analyze --format json " + dir + "/bad.txt");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("bad.txt: byte 14: invalid UTF-8"), std::string::npos) << r.err;
}

TEST(Lexicon, CheckPassesOnShippedDataAndNamesErrors) {
  auto ok = run_assay("lexicon check");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("entries"), std::string::npos);
  std::string dir = temp_dir();
  std::string cmd = "mkdir -p " + dir + "/lexicons";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  write_text(dir + "/lexicons/bad.tsv", "hedge\tmay\t1\tok\nweird\tx\t1\tbad\nhedge\t(open\t1\tbad regex\n");
  auto bad = run_assay("--data " + dir + " lexicon check");
  EXPECT_EQ(bad.code, 3);
  EXPECT_NE(bad.err.find("bad.tsv:2:1: category: unknown category \"weird\""), std::string::npos) << bad.err;
}

TEST(Lexicon, ALexiconsFolderUnderDataReplacesTheEmbeddedOnes) {
  // --data DIR overrides folder by folder in listings (base::open_data): a
  // DIR/lexicons/ with one file is the whole lexicon, named by its DIR path.
  std::string dir = temp_dir();
  std::string cmd = "mkdir -p " + dir + "/lexicons";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  write_text(dir + "/lexicons/one.tsv", "hedge\tmay\t1\tok\nhedge\tmight\t1\tok\n");
  auto r = run_assay("--data " + dir + " lexicon check");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("lexicon ok: 2 entries in 1 files, 1 categories"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(dir + "/lexicons/one.tsv"), std::string::npos) << r.out;
}

TEST(Eval, ScoresTheGoldArticles) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets at $ASSAY_SHARED_DIR/eval";
  auto r = run_assay("eval --set gold --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"micro_f1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"sentence_boundary_f1\""), std::string::npos);
}

}  // namespace
