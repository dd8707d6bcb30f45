// End-to-end and golden tests of `assay analyze`, `assay eval` and
// `assay lexicon check`: each runs the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_test_util.h"

namespace {

namespace fs = std::filesystem;

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

// An article that gives a new plant's capacity: the supply model shows its impact.
constexpr const char* kPlantWithCapacity =
    "Korvane Metals has opened a rare-earth separation plant in Estonia with capacity of 2,000 tonnes a year, the company "
    "said on Monday.\n";

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
  // The example names no capacity the model knows (no impact); an article
  // with a plant's capacity has one, computed on the copy.
  write_text(dir + "/plant.txt", kPlantWithCapacity);
  auto plant = run_assay("--data " + data + " analyze --format json " + dir + "/plant.txt");
  ASSERT_EQ(plant.code, 0) << plant.err;
  EXPECT_NE(plant.out.find("assay supply model (" + data + "/kb, " + data + "/supply/model.yaml)"), std::string::npos);
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
  EXPECT_NE(a.out.find("\"schema\": \"assay.analysis/2\""), std::string::npos);
  expect_golden("example.json", a.out);
}

TEST(Analyze, RulesOnlyLeavesTheModelsOut) {
  // A data overlay with one more model that finds a source in every
  // sentence: it speaks unless --rules-only is given. (An opinion model
  // would not do: outside an evaluative register it speaks only on a
  // sentence with evaluative wording, model_rules.cc.)
  std::string data = temp_dir();
  std::filesystem::create_directories(data + "/models");
  write_text(data + "/models/always.tsv", "# model: always\n# target: source\n# threshold: 0.5\nfeature\tweight\n(bias)\t10\n");
  auto with = run_assay("--data " + data + " analyze --format json " + example());
  auto without = run_assay("--data " + data + " --rules-only analyze --format json " + example());
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  EXPECT_NE(with.out.find("\"cue\": \"model:always\""), std::string::npos);
  EXPECT_EQ(without.out.find("\"cue\": \"model:"), std::string::npos);
  EXPECT_NE(without.out.find("\"cue\": \""), std::string::npos) << "the rules' evidence is still there";
}

TEST(Analyze, ImpactOnTheSupplyModelAndNoImpact) {
  std::string dir = temp_dir();
  write_text(dir + "/plant.txt", kPlantWithCapacity);
  auto with = run_assay("analyze " + dir + "/plant.txt");
  auto json = run_assay("analyze --format json " + dir + "/plant.txt");
  auto without = run_assay("analyze --format json --no-impact " + dir + "/plant.txt");
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  // The example's venture names no plant or capacity the model knows: the
  // critique says so instead of modelling another plant.
  auto example_md = run_assay("analyze " + example());
  EXPECT_NE(example_md.out.find("No impact modelled: "), std::string::npos) << example_md.out;
  EXPECT_NE(with.out.find("the supply model moves: China's share of separation capacity by location"), std::string::npos);
  EXPECT_NE(with.out.find("computed on: assay supply model"), std::string::npos);
  EXPECT_NE(json.out.find("\"impacts\": [\n    {"), std::string::npos);
  EXPECT_NE(without.out.find("\"impacts\": []"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Analyze, NoVerifyLeavesEntityMentionsClaimsAndVerdictsOut) {
  // The bundled example has claims with verdicts and linked entities.
  auto with = run_assay("analyze --format json " + example());
  auto without = run_assay("analyze --format json --no-verify " + example());
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  EXPECT_NE(with.out.find("\"claims\": [\n    {"), std::string::npos);
  EXPECT_NE(with.out.find("\"entity_mentions\": [\n    {"), std::string::npos);
  EXPECT_NE(with.out.find("\"verdict\": \"supported\""), std::string::npos);
  EXPECT_NE(without.out.find("\"claims\": []"), std::string::npos) << without.out.substr(0, 400);
  EXPECT_NE(without.out.find("\"entity_mentions\": []"), std::string::npos);
  EXPECT_EQ(without.out.find("\"verdict\": \"supported\""), std::string::npos);
  // The labels and the rest of the analysis are the same.
  auto labels = [](const std::string& s) {
    auto b = s.find("\n  \"sentences\": [");
    return s.substr(b, s.find("\n  \"assessment\": {") - b);
  };
  EXPECT_EQ(labels(with.out), labels(without.out));
  // The critique still reads; it has no checked claims to list.
  auto md = run_assay("analyze --no-verify " + example());
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_NE(md.out.find("What holds true"), std::string::npos);
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

// Verdicts in the page (issue 14): a written article (tests/data/claims/
// verdicts.json, published 2026-06-01) whose claims get each verdict. Each
// claim is marked in the text with its verdict in words (not colour alone),
// a tooltip with the reason and rows, and a link to an expandable row with
// the evidence; the article's markup characters stay escaped.
TEST(Analyze, HtmlMarksEachClaimWithItsVerdict) {
  auto r = run_assay("analyze --format html " + source_dir() + "/tests/data/claims/verdicts.json");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* v : {"supported", "contradicted", "disputed", "unverifiable"}) {
    EXPECT_NE(r.out.find(std::string("<a class=\"verdict v-") + v + "\" href=\"#claim-"), std::string::npos) << v;
    EXPECT_NE(r.out.find(std::string("<span class=\"verdict v-") + v + "\">"), std::string::npos) << v;
  }
  EXPECT_NE(r.out.find("<details class=\"claim-row\" id=\"claim-1\">"), std::string::npos);
  EXPECT_NE(r.out.find("<td><code>data/kb/countries.csv:57</code></td>"), std::string::npos) << "the contradicting row";
  EXPECT_NE(r.out.find("<title>Rare earths: output &amp; refining &lt;checked&gt;</title>"), std::string::npos);
  EXPECT_NE(r.out.find("&amp; said the market was &lt;tighter&gt;"), std::string::npos);
  EXPECT_EQ(r.out.find("<tighter>"), std::string::npos);
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  expect_golden("verdicts.html", r.out);
}

// The label legend and highlight colours come from data/labels.tsv, which
// --data DIR overrides; a broken file is an error naming it.
TEST(Analyze, HtmlLabelsComeFromLabelsTsv) {
  auto r = run_assay("analyze --format html " + example());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("<span class=\"l-hedge\" title=\"Presents its main point as uncertain"), std::string::npos);
  EXPECT_NE(r.out.find("<dt><span class=\"l-hedge\">Hedged</span> <code>hedge</code></dt>"), std::string::npos);
  std::string dir = temp_dir();
  fs::create_directories(dir + "/scenarios");
  std::string tsv = read_text(source_dir() + "/data/labels.tsv");
  const std::string row = "hedge\tHedged\t#f0e442";
  auto at = tsv.find(row);
  ASSERT_NE(at, std::string::npos);
  write_text(dir + "/labels.tsv", tsv.substr(0, at) + "hedge\tHedging\t#123456" + tsv.substr(at + row.size()));
  auto mine = run_assay("--data " + dir + " analyze --format html " + example());
  ASSERT_EQ(mine.code, 0) << mine.err;
  EXPECT_NE(mine.out.find(".l-hedge{background:#123456}"), std::string::npos);
  EXPECT_NE(mine.out.find(">Hedging</span>"), std::string::npos);
  write_text(dir + "/labels.tsv", "label\tname\tcolor\tdefinition\nhedge\tHedged\tyellow\tx\n");
  auto broken = run_assay("--data " + dir + " analyze --format html " + example());
  EXPECT_NE(broken.code, 0);
  EXPECT_NE(broken.err.find(dir + "/labels.tsv:2: color: colour \"yellow\" is not #rrggbb"), std::string::npos) << broken.err;
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
  EXPECT_NE(r.err.find("assay: 2 inputs or records failed:\n"), std::string::npos) << r.err;
}

// Issue 10 (item 3): the output's shape changed with the number of inputs
// (one file: pretty JSON; two: JSON Lines; several HTML pages concatenated).
// Now each format has one shape whatever the number of documents.
struct TwoInputs {
  std::string dir = temp_dir();
  std::string a = dir + "/a.txt", b = dir + "/b.txt";
  TwoInputs() {
    write_text(a, "Lynas said it would expand its plant in Malaysia.\n");
    write_text(b, "Two people familiar with the matter said talks could resume.\n");
  }
};

TEST(AnalyzeFormats, JsonOfOneInputIsOneObject) {
  TwoInputs in;
  auto r = run_assay("analyze --format json " + in.a);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["schema"], "assay.analysis/2");
}

TEST(AnalyzeFormats, JsonOfTwoInputsIsOneArray) {
  TwoInputs in;
  auto r = run_assay("analyze --format json " + in.a + " " + in.b);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);  // one document, not JSON Lines
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["document"]["id"], in.a) << "input order";
  EXPECT_EQ(j[1]["document"]["id"], in.b);
  EXPECT_EQ(r.out.rfind("[\n  {\n    \"schema\"", 0), 0u) << "pretty, one level deeper";
}

TEST(AnalyzeFormats, JsonlIsOneObjectPerLinePerDocument) {
  TwoInputs in;
  for (const std::string& inputs : {in.a, in.a + " " + in.b}) {
    auto r = run_assay("analyze --format jsonl " + inputs);
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::size_t n = 0;
    while (std::getline(lines, line)) {
      auto j = nlohmann::json::parse(line);
      EXPECT_TRUE(j.is_object());
      EXPECT_EQ(j["schema"], "assay.analysis/2");
      ++n;
    }
    EXPECT_EQ(n, inputs == in.a ? 1u : 2u) << inputs;
    EXPECT_EQ(r.out.back(), '\n');
  }
}

TEST(AnalyzeFormats, JsonLinesInputDefaultsToJsonl) {
  std::string dir = temp_dir();
  write_text(dir + "/c.jsonl",
             "{\"id\":\"r1\",\"text\":\"Lynas said it would expand.\"}\n{\"id\":\"r2\",\"text\":\"Output rose.\"}\n");
  auto r = run_assay("analyze " + dir + "/c.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, run_assay("analyze --format jsonl " + dir + "/c.jsonl").out);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  EXPECT_EQ(nlohmann::json::parse(r.out.substr(0, r.out.find('\n')))["document"]["id"], "r1");
  // An explicit --format json gives the one-document shape.
  auto json = run_assay("analyze --format json " + dir + "/c.jsonl");
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out).size(), 2u);
}

TEST(AnalyzeFormats, HelpSaysWhatTheDefaultIs) {
  auto r = run_assay("analyze --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("md (the default), jsonl"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the default for .jsonl input"), std::string::npos) << r.out;
}

TEST(AnalyzeFormats, SeveralHtmlPagesNeedOut) {
  TwoInputs in;
  auto r = run_assay("analyze --format html " + in.a + " " + in.b);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "") << "no page is written";
  EXPECT_NE(r.err.find("assay: error: --format html writes one page per document; 2 inputs need --out DIR"), std::string::npos)
      << r.err;
  // A JSON file that holds an array of two documents: found when read.
  write_text(in.dir + "/two.json", "[{\"id\":\"x\",\"text\":\"Output rose.\"},{\"id\":\"y\",\"text\":\"Output fell.\"}]");
  auto arr = run_assay("analyze --format html " + in.dir + "/two.json");
  EXPECT_EQ(arr.code, 2);
  EXPECT_EQ(arr.out, "");
  EXPECT_NE(arr.err.find("assay: error: --format html writes one page per document; " + in.dir + "/two.json holds several"),
            std::string::npos)
      << arr.err;
  auto out = run_assay("analyze --format html --out " + in.dir + "/pages " + in.a + " " + in.b);
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_NE(read_text(in.dir + "/pages/a.txt.html").find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(read_text(in.dir + "/pages/b.txt.html").find("<!DOCTYPE html>"), std::string::npos);
}

TEST(AnalyzeFormats, OutWritesOneJsonFilePerDocument) {
  TwoInputs in;
  auto json = run_assay("analyze --format json --out " + in.dir + "/json " + in.a + " " + in.b);
  ASSERT_EQ(json.code, 0) << json.err;
  std::string a = read_text(in.dir + "/json/a.txt.json");
  EXPECT_TRUE(nlohmann::json::parse(a).is_object());
  EXPECT_EQ(a.rfind("{\n  \"schema\"", 0), 0u) << "pretty";
  auto jsonl = run_assay("analyze --format jsonl --out " + in.dir + "/jsonl " + in.a + " " + in.b);
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  std::string b = read_text(in.dir + "/jsonl/b.txt.json");
  EXPECT_TRUE(nlohmann::json::parse(b).is_object());
  EXPECT_EQ(std::count(b.begin(), b.end(), '\n'), 1) << "one line: the files together are a JSON Lines stream";
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
  EXPECT_NE(o.err.find("assay: wrote 1 file to " + dir + "/out (1 document, "), std::string::npos) << o.err;
}

// Issue 10: two inputs with the same base name left one output file while
// stderr said "wrote 2 file(s)". The tree is mirrored under --out.
TEST(Analyze, OutMirrorsTheInputTree) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in/a");
  fs::create_directories(dir + "/in/b");
  write_text(dir + "/in/a/x.txt", "Lynas said it would expand.\n");
  write_text(dir + "/in/b/x.txt", "The company declined to comment on costs.\n");
  auto r = run_assay("analyze --out " + dir + "/out " + dir + "/in/a/x.txt " + dir + "/in/b/x.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(read_text(dir + "/out/a/x.txt.md").find("Lynas"), std::string::npos) << r.err;
  EXPECT_NE(read_text(dir + "/out/b/x.txt.md").find("declined"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("assay: wrote 2 files to " + dir + "/out (2 documents, "), std::string::npos) << r.err;
  auto t = run_assay("analyze --out " + dir + "/tree " + dir + "/in");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_TRUE(fs::exists(dir + "/tree/a/x.txt.md"));
  EXPECT_TRUE(fs::exists(dir + "/tree/b/x.txt.md"));
}

// Issue 10: JSON Lines records with the same id overwrote each other.
TEST(Analyze, OutNamesRecordsByIdWithASuffixOnARepeatedId) {
  std::string dir = temp_dir();
  write_text(dir + "/c.jsonl",
             "{\"id\":\"r\",\"text\":\"Lynas said it would expand.\"}\n"
             "{\"id\":\"r\",\"text\":\"Output rose.\"}\n"
             "{\"id\":\"s\",\"text\":\"Output fell.\"}\n");
  auto r = run_assay("analyze --out " + dir + "/out " + dir + "/c.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(read_text(dir + "/out/r.json").find("Lynas"), std::string::npos);
  EXPECT_NE(read_text(dir + "/out/r-2.json").find("Output rose"), std::string::npos);
  EXPECT_NE(read_text(dir + "/out/s.json").find("Output fell"), std::string::npos);
  EXPECT_NE(r.err.find("assay: wrote 3 files"), std::string::npos) << r.err;
}

// Issue 10: --out overwrote silently. Now an existing file is an error
// unless --force (overwrite) or --skip-existing (keep it).
TEST(Analyze, OutNeverOverwritesUnlessForced) {
  std::string dir = temp_dir();
  write_text(dir + "/in.txt", "Lynas said it would expand.\n");
  std::string args = "analyze --out " + dir + "/out " + dir + "/in.txt";
  ASSERT_EQ(run_assay(args).code, 0);
  write_text(dir + "/out/in.txt.md", "mine");
  auto again = run_assay(args);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("assay: error: " + dir + "/out/in.txt.md: exists (--force overwrites it, --skip-existing keeps it)"),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("assay: wrote 0 files"), std::string::npos) << again.err;
  EXPECT_EQ(read_text(dir + "/out/in.txt.md"), "mine");
  auto skip = run_assay(args + " --skip-existing");
  EXPECT_EQ(skip.code, 0) << skip.err;
  EXPECT_NE(skip.err.find("assay: wrote 0 files to " + dir + "/out, kept 1 existing (1 document, "), std::string::npos) << skip.err;
  EXPECT_EQ(read_text(dir + "/out/in.txt.md"), "mine");
  auto force = run_assay(args + " --force");
  EXPECT_EQ(force.code, 0) << force.err;
  EXPECT_NE(read_text(dir + "/out/in.txt.md").find("Lynas"), std::string::npos);
  EXPECT_EQ(run_assay(args + " --force --skip-existing").code, 2);
  EXPECT_EQ(run_assay("analyze --force " + dir + "/in.txt").code, 2) << "--force needs --out";
}

// Issue 10: a write that fails (here: the output folder is a file) is an
// error naming the file, exit 1.
TEST(Analyze, AFailedWriteNamesTheFile) {
  std::string dir = temp_dir();
  write_text(dir + "/in.txt", "Lynas said it would expand.\n");
  fs::create_directories(dir + "/out");
  write_text(dir + "/out/sub", "a file where a folder should be");
  fs::create_directories(dir + "/src/sub");
  write_text(dir + "/src/sub/in.txt", "Lynas said it would expand.\n");
  write_text(dir + "/src/top.txt", "Output rose.\n");
  auto r = run_assay("analyze --out " + dir + "/out " + dir + "/src");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("assay: error: " + dir + "/out/sub/in.txt.md: cannot create folder"), std::string::npos) << r.err;
}

// Issue 10: an empty directory passed silently (exit 0, no message).
TEST(Analyze, AnEmptyDirectoryIsAnError) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/empty");
  write_text(dir + "/empty/notes.pdf", "x");
  auto r = run_assay("analyze " + dir + "/empty");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("assay: error: " + dir + "/empty: no input files found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("assay: 1 input or record failed:\n"), std::string::npos) << r.err;
}

// Issue 10: an unreadable sub-directory of a walked tree was skipped without
// a word. (As root, the run drops to nobody so the permission holds.)
TEST(Analyze, AnUnreadableSubdirectoryIsNamed) {
  std::string dir = temp_dir();
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  fs::create_directories(dir + "/in/locked");
  write_text(dir + "/in/ok.txt", "Lynas said it would expand.\n");
  write_text(dir + "/in/locked/hidden.txt", "Output rose.\n");
  fs::permissions(dir + "/in/locked", fs::perms::none);
  if (geteuid() == 0) {
    const char* as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    std::string probe = std::string(as_nobody) + " " + env_or("ASSAY_BIN", "assay") + " --version >/dev/null 2>&1";
    if (std::system(probe.c_str()) != 0) GTEST_SKIP() << "root, and nobody cannot run the binary (no setpriv, or a private folder)";
    setenv("ASSAY_RUN_PREFIX", as_nobody, 1);
  }
  auto r = run_assay("analyze --format json " + dir + "/in");
  unsetenv("ASSAY_RUN_PREFIX");
  fs::permissions(dir + "/in/locked", fs::perms::owner_all);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("assay: error: " + dir + "/in/locked: cannot read directory: Permission denied"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("Lynas"), std::string::npos) << "the rest of the tree is analysed";
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
  EXPECT_NE(r.out.find("\"assay.analysis/2\""), std::string::npos);
}

TEST(Analyze, InvalidUtf8IsRepairedWithWarning) {
  std::string dir = temp_dir();
  write_text(dir + "/bad.txt", "Lynas said caf\xe9 output rose.\n");
  auto r = run_assay("analyze --format json " + dir + "/bad.txt");
  EXPECT_EQ(r.code, 0) << r.err;
  // One Windows-1252 byte in ASCII text: read as Windows-1252, and said so.
  EXPECT_NE(r.err.find("bad.txt: not UTF-8: read as Windows-1252 (1 byte sequence invalid as UTF-8, the first at byte 14)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("café output rose"), std::string::npos);
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

// Issue 11: `assay eval --articles GLOB` scores just the matching gold
// articles (first-look figures of a new batch), each pattern a path or a
// name in SHARED/eval/articles; one that matches nothing is a usage error.
TEST(Eval, ArticlesGlobScoresOnlyTheMatchingGoldArticles) {
  std::string shared = temp_dir();
  std::string dir = shared + "/eval/articles";
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  auto article = [](const std::string& id, const std::string& sentence, const std::string& label) {
    return "{\"id\":\"" + id + "\",\"outlet\":\"Test Wire\",\"outlet_type\":\"wire\",\"title\":\"t\",\"text\":\"" + sentence +
           "\",\"sentences\":[{\"text\":\"" + sentence + "\",\"labels\":[" + label + "]}]}";
  };
  write_text(dir + "/new-01.json", article("new-01", "The plant may close next year.", "\"hedge\", \"forecast\""));
  write_text(dir + "/new-02.json", article("new-02", "Output rose to 4,000 tonnes in 2024.", "\"quantity\""));
  write_text(dir + "/old-01.json", article("old-01", "Prices are absurdly high.", "\"opinion\""));
  write_text(dir + "/new-03.txt", "not an article");
  auto articles_of = [](const RunResult& r) {
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    return j.is_object() && j.contains("gold") ? j["gold"]["articles"].get<int>() : -1;
  };
  // A name pattern looks in SHARED/eval/articles; only *.json files count;
  // --articles alone means --set gold (no public set is read: there is none).
  auto names = run_assay("eval --shared " + shared + " --articles 'new-*' --format json");
  EXPECT_EQ(names.code, 0) << names.err;
  EXPECT_EQ(articles_of(names), 2) << names.out;
  EXPECT_EQ(names.out.find("conll"), std::string::npos) << names.out;
  // Path patterns, repeated and overlapping: each file is scored once.
  auto paths = run_assay("eval --shared " + shared + " --articles '" + dir + "/new-0[1-2]*' --articles '" + dir +
                         "/*-01.json' --format json");
  EXPECT_EQ(paths.code, 0) << paths.err;
  EXPECT_EQ(articles_of(paths), 3) << paths.out;
  // The whole folder, for comparison.
  auto all = run_assay("eval --shared " + shared + " --set gold --format json");
  EXPECT_EQ(articles_of(all), 3) << all.out;
  // A pattern that matches nothing: exit 2, the pattern named, no table.
  auto none = run_assay("eval --shared " + shared + " --articles 'new-*' --articles 'dev-9*'");
  EXPECT_EQ(none.code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err, "assay: error: --articles 'dev-9*' matches no gold article (*.json) in " + dir + "\n");
  auto txt = run_assay("eval --shared " + shared + " --articles '" + dir + "/*.txt'");
  EXPECT_EQ(txt.code, 2);
  EXPECT_NE(txt.err.find("--articles '" + dir + "/*.txt' matches no gold article"), std::string::npos) << txt.err;
}

TEST(Eval, ArticlesGlobOnTheSharedGoldSetCountsTheFirstLookBatch) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets at $ASSAY_SHARED_DIR/eval";
  auto r = run_assay("eval --articles 'dev-02[5-9]*' --articles 'dev-03*' --articles 'dev-040*' --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_EQ(j["gold"]["articles"].get<int>(), 16);
}

}  // namespace

// A page whose UTF-8 was read as Windows-1252 and written out again
// ("Malaysiaâ€™s") is repaired by the reader: one warning names the file, the
// count and the first byte, and the analysis labels it as the clean text.
TEST(Analyze, DoubleEncodedUtf8IsRepairedWithOneWarningAndTheSameLabels) {
  const std::string clean =
      "Lynas says Malaysia’s licence is safe\n\n"
      "KUALA LUMPUR — Malaysia’s minister, José Núñez, said on Tuesday that the plant “will keep operating” "
      "until 2026.\n\n"
      "People familiar with the matter said the café-side talks could lead to a €200 million deal… "
      "Lynas declined to comment.\n";
  // UTF-8 -> Windows-1252 -> UTF-8, as a misconfigured page does.
  static const char32_t kHigh[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                                     0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                                     0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                     0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  std::string mangled;
  for (char ch : clean) {
    auto b = static_cast<unsigned char>(ch);
    char32_t cp = b < 0x80 ? b : b < 0xA0 ? kHigh[b - 0x80] : b;
    if (cp < 0x80) {
      mangled.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      mangled.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      mangled.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      mangled.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      mangled.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      mangled.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  ASSERT_NE(mangled, clean);
  std::string dir = temp_dir();
  write_text(dir + "/clean.txt", clean);
  write_text(dir + "/story.txt", mangled);
  auto a = run_assay("analyze --format json " + dir + "/clean.txt");
  auto b = run_assay("analyze --format json " + dir + "/story.txt");
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(a.err.find("repaired"), std::string::npos) << a.err;
  EXPECT_NE(b.err.find("assay: warning: " + dir +
                       "/story.txt: repaired 11 mis-decoded characters (double-encoded UTF-8: read as Windows-1252), first at byte 19"),
            std::string::npos)
      << b.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  ASSERT_EQ(ja["sentences"].size(), jb["sentences"].size());
  ASSERT_GE(ja["sentences"].size(), 3u);
  for (std::size_t i = 0; i < ja["sentences"].size(); ++i) {
    EXPECT_EQ(ja["sentences"][i]["text"], jb["sentences"][i]["text"]) << i;
    EXPECT_EQ(ja["sentences"][i]["labels"], jb["sentences"][i]["labels"]) << i;
    EXPECT_EQ(ja["sentences"][i]["span"], jb["sentences"][i]["span"]) << i;
  }
  EXPECT_EQ(ja["document"]["title"], jb["document"]["title"]);
}
