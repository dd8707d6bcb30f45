// End-to-end tests of the store's life cycle: assay ingest, export, delete,
// search and reanalyze on a temporary database (golden files in
// tests/golden/store_*), bad input and a store that is not one, the XDG
// default path, and the kill test: an ingest killed with SIGKILL mid-way
// and run again stores every document exactly once, none lost.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "assay/store/store.h"
#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }

void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = source_dir() + "/tests/golden/" + name;
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(path, actual);
  EXPECT_EQ(actual, read_text(path)) << "golden file " << path << " differs; rerun with ASSAY_UPDATE_GOLDEN=1 after review";
}

// Stable output: the temporary folder as DIR, times and sizes as "T".
std::string stable(std::string s, const std::string& dir) {
  for (std::size_t at; (at = s.find(dir)) != std::string::npos;) s.replace(at, dir.size(), "DIR");
  return std::regex_replace(s, std::regex(R"(\(\d+\.\d MB in \d+\.\d\d s\))"), "(T)");
}

// A few articles of each input kind: the bundled example (text), a page
// (HTML) and JSON Lines records, one of them bad.
std::string fixture(const std::string& dir) {
  std::string news = dir + "/news";
  std::filesystem::create_directories(news);
  std::filesystem::copy_file(source_dir() + "/examples/malaysia-china-processing.txt", news + "/example.txt");
  write_text(news + "/page.html",
             "<html><head><title>Lynas lifts output</title></head><body><article><h1>Lynas lifts output</h1>"
             "<p>Lynas Rare Earths said on Tuesday its Malaysian plant produced more NdPr oxide than a year earlier.</p>"
             "<p>The company did not give a figure.</p></article></body></html>\n");
  write_text(news + "/feed.jsonl",
             R"({"id":"r1","title":"China tightens rare earth export controls","outlet":"Wire One","published":"2025-04-04","text":"China's commerce ministry said it would require licences for exports of seven heavy rare earths."})"
             "\n"
             R"({"id":"r2","title":"MP Materials signs magnet deal","outlet":"Trade Daily","published":"2025-07-10","text":"MP Materials said it signed a long-term magnet supply deal with Apple."})"
             "\n"
             "{\"id\": \"broken\", \"text\": \n"
             R"({"id":"r3","title":"Myanmar mines halt","outlet":"Wire One","published":"2025-10-01","text":"Mining in Kachin state stopped after fighting, two traders said."})"
             "\n");
  return news;
}

int count_lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

TEST(StoreCli, IngestStoresEachDocumentOnceAndReportsBadRecords) {
  std::string dir = temp_dir();
  std::string news = fixture(dir);
  std::string db = dir + "/a.db";
  auto r = run_assay("ingest --db " + db + " --jobs 2 " + news);
  EXPECT_EQ(r.code, 1) << r.err;  // one bad record
  expect_golden("store_ingest.txt", stable(r.err, dir));
  // Again: nothing new; the bad record is reported again.
  auto again = run_assay("ingest --db " + db + " --jobs 1 " + news);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("ingested 5 documents into " + db + ": 0 new, 5 already stored"), std::string::npos) << again.err;
  // The same text under another file name is the same document.
  std::filesystem::copy_file(news + "/example.txt", dir + "/copy.txt");
  auto copy = run_assay("ingest --db " + db + " " + dir + "/copy.txt");
  EXPECT_EQ(copy.code, 0) << copy.err;
  EXPECT_NE(copy.err.find("0 new, 1 already stored"), std::string::npos) << copy.err;
  auto all = run_assay("export --db " + db);
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(count_lines(all.out), 5);
}

TEST(StoreCli, ExportPrintsWhatAnalyzePrintsFilteredByDateOutletAndEntity) {
  std::string dir = temp_dir();
  std::string news = fixture(dir);
  std::string db = dir + "/a.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news + "/example.txt " + news + "/page.html").code, 0);
  auto analyzed = run_assay("analyze --format jsonl " + news + "/example.txt");
  auto exported = run_assay("export --db " + db + " --entity Khazanah\\ Nasional");
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_EQ(exported.out, analyzed.out) << "a stored analysis is the line assay analyze --format jsonl prints";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news + "/feed.jsonl").code, 1);
  auto since = run_assay("export --db " + db + " --since 2025-05");
  ASSERT_EQ(since.code, 0);
  std::vector<std::string> ids;
  std::istringstream lines(since.out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["schema"], "assay.analysis/2");
    ids.push_back(j["document"]["id"]);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"r2", "r3"})) << "published from May 2025 on, oldest first";
  EXPECT_EQ(count_lines(run_assay("export --db " + db + " --outlet 'wire one'").out), 2);
  EXPECT_EQ(count_lines(run_assay("export --db " + db + " --before 2025-05 --since 2025").out), 1);
  auto bad_date = run_assay("export --db " + db + " --since yesterday");
  EXPECT_EQ(bad_date.code, 2);
  EXPECT_NE(bad_date.err.find("--since: 'yesterday' is not a date"), std::string::npos) << bad_date.err;
}

TEST(StoreCli, SearchFindsTitlesAndTexts) {
  std::string dir = temp_dir();
  std::string news = fixture(dir);
  std::string db = dir + "/a.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news).code, 1);
  auto r = run_assay("search --db " + db + " Lynas");
  EXPECT_EQ(r.code, 0) << r.err;
  expect_golden("store_search.txt", stable(r.out, dir));
  auto phrase = run_assay("search --db " + db + " '\"heavy rare earths\"'");
  EXPECT_EQ(phrase.code, 0);
  EXPECT_EQ(phrase.out.rfind("r1  2025-04-04  Wire One  China tightens rare earth export controls\n", 0), 0u) << phrase.out;
  auto none = run_assay("search --db " + db + " lithium");
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("nothing in " + db + " matches lithium"), std::string::npos) << none.err;
  auto bad = run_assay("search --db " + db + " '\"unclosed'");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("search \"\"unclosed\""), std::string::npos) << bad.err;
}

TEST(StoreCli, DeleteByIdOutletAndDate) {
  std::string dir = temp_dir();
  std::string news = fixture(dir);
  std::string db = dir + "/a.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news).code, 1);
  auto none = run_assay("delete --db " + db);
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("delete needs --id ID, --outlet NAME or --before DATE"), std::string::npos);
  auto id = run_assay("delete --db " + db + " --id r2");
  EXPECT_EQ(id.code, 0) << id.err;
  EXPECT_EQ(stable(id.err, dir), "assay: deleted 1 document from DIR/a.db\n");
  EXPECT_EQ(run_assay("delete --db " + db + " --outlet 'WIRE ONE'").err, "assay: deleted 2 documents from " + db + "\n");
  EXPECT_EQ(run_assay("delete --db " + db + " --before 2025").err, "assay: deleted 0 documents from " + db + "\n")
      << "documents without a date are not before any date";
  EXPECT_EQ(count_lines(run_assay("export --db " + db).out), 2);
  EXPECT_EQ(run_assay("search --db " + db + " licences").code, 1) << "the index forgets deleted documents";
}

TEST(StoreCli, ReanalyzeRedoesWhatAnotherAnalyzerMade) {
  std::string dir = temp_dir();
  std::string news = fixture(dir);
  std::string db = dir + "/a.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news).code, 1);
  auto same = run_assay("reanalyze --db " + db);
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(same.err, "assay: every analysis in " + db + " is up to date\n");
  // --rules-only is another analyzer (no learned models): every analysis
  // is redone, then is up to date for it.
  auto rules = run_assay("--rules-only reanalyze --db " + db + " --jobs 2");
  EXPECT_EQ(rules.code, 0) << rules.err;
  EXPECT_EQ(std::regex_replace(rules.err, std::regex(R"(\(\d+\.\d\d s\))"), "(T)"),
            "assay: re-analysed 5 documents in " + db + " (T)\n");
  EXPECT_EQ(run_assay("--rules-only reanalyze --db " + db).err, "assay: every analysis in " + db + " is up to date\n");
  auto rules_analyze = run_assay("--rules-only analyze --format jsonl " + news + "/example.txt");
  auto exported = run_assay("export --db " + db + " --entity 'Khazanah Nasional'");
  EXPECT_EQ(exported.out, rules_analyze.out) << "the re-analysis is what that analyzer prints";
}

TEST(StoreCli, BadStoresAreClearErrors) {
  std::string dir = temp_dir();
  auto missing = run_assay("export --db " + dir + "/none.db");
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(stable(missing.err, dir), "assay: error: DIR/none.db: no store here (assay ingest --db PATH creates one)\n");
  EXPECT_FALSE(std::filesystem::exists(dir + "/none.db")) << "reading commands do not create a store";
  write_text(dir + "/notes.db", "my notes, not a database: long enough to fill the header sqlite reads first\n");
  for (const char* cmd : {"export", "search x", "reanalyze", "delete --id x", "ingest"}) {
    auto r = run_assay(std::string(cmd) + " --db " + dir + "/notes.db " + (std::string(cmd) == "ingest" ? source_dir() + "/examples" : ""));
    EXPECT_EQ(r.code, 1) << cmd;
    EXPECT_EQ(stable(r.err, dir), "assay: error: DIR/notes.db: not an SQLite database, or a damaged one: file is not a database\n") << cmd;
  }
  EXPECT_EQ(read_text(dir + "/notes.db").rfind("my notes", 0), 0u) << "no silent rebuild";
  auto folder = run_assay("export --db " + dir);
  EXPECT_EQ(folder.code, 1);
  EXPECT_NE(folder.err.find("is a directory"), std::string::npos) << folder.err;
}

TEST(StoreCli, TheDefaultStoreIsUnderXdgDataHome) {
  std::string dir = temp_dir();
  std::string cmd = "env XDG_DATA_HOME=" + dir + "/xdg " + env_or("ASSAY_BIN", "assay") + " ingest " + source_dir() +
                    "/examples 2>" + dir + "/err.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(dir + "/err.txt");
  EXPECT_TRUE(std::filesystem::exists(dir + "/xdg/assay/assay.db"));
  EXPECT_NE(read_text(dir + "/err.txt").find(dir + "/xdg/assay/assay.db: 1 new"), std::string::npos) << read_text(dir + "/err.txt");
  std::string home = "env -u XDG_DATA_HOME HOME=" + dir + "/home " + env_or("ASSAY_BIN", "assay") + " ingest " + source_dir() +
                     "/examples 2>" + dir + "/err2.txt";
  ASSERT_EQ(std::system(home.c_str()), 0) << read_text(dir + "/err2.txt");
  EXPECT_TRUE(std::filesystem::exists(dir + "/home/.local/share/assay/assay.db"));
}

// Issue 15: killed at any point (kill -9), a rerun resumes: nothing stored
// is lost or duplicated.
TEST(StoreCli, AnIngestKilledMidwayAndRunAgainStoresEveryDocumentOnce) {
  std::string dir = temp_dir();
  const int total = 400;
  std::string records;
  const char* countries[] = {"Malaysia", "Australia", "Vietnam", "Brazil", "Greenland", "Canada", "Kazakhstan", "Namibia"};
  for (int i = 0; i < total; ++i) {
    std::string text;
    for (int k = 0; k < 12; ++k)
      text += "Company " + std::to_string(i) + " said on day " + std::to_string(k) + " that its plant in " +
              countries[(i + k) % 8] + " would process " + std::to_string(1000 + i * 13 + k) +
              " tonnes of rare earth oxide a year, two people familiar with the matter said. ";
    nlohmann::json j = {{"id", "doc-" + std::to_string(i)}, {"title", "Plant news " + std::to_string(i)},
                        {"published", "2025-01-01"}, {"text", text}};
    records += j.dump() + "\n";
  }
  write_text(dir + "/many.jsonl", records);
  std::string db = dir + "/kill.db";
  std::string bin = env_or("ASSAY_BIN", "assay");
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 2);
    execl(bin.c_str(), bin.c_str(), "ingest", "--db", db.c_str(), "--jobs", "1", (dir + "/many.jsonl").c_str(), nullptr);
    _exit(127);
  }
  // Kill it once a first batch is committed and before the last.
  std::size_t seen = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(db)) {
      if (auto s = assay::store::open_sqlite(db, {.read_only = true})) {
        if (auto n = (*s)->count_documents()) seen = *n;
      }
    }
    if (seen > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest ended before it could be killed (" << seen << " stored)";
  {
    // What the killed run left (a batch may have been committed between
    // the count and the kill).
    auto s = assay::store::open_sqlite(db, {.read_only = true});
    ASSERT_TRUE(s.has_value()) << s.error().to_string();
    seen = *(*s)->count_documents();
  }
  ASSERT_GT(seen, 0u);
  ASSERT_LT(seen, static_cast<std::size_t>(total));
  // Run again: everything is there, once, with its analysis.
  auto r = run_assay("ingest --db " + db + " --jobs 2 " + dir + "/many.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  auto s = assay::store::open_sqlite(db, {.read_only = true});
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(*(*s)->count_documents(), static_cast<std::size_t>(total));
  std::set<std::string> ids;
  std::size_t analyses = 0;
  ASSERT_TRUE((*s)->each_analysis({}, [&](const assay::store::DocumentInfo& d, const assay::store::Analysis& a) {
                     ids.insert(d.id);
                     ++analyses;
                     EXPECT_EQ(nlohmann::json::parse(a.json)["document"]["id"], d.id);
                     return true;
                   }).has_value());
  EXPECT_EQ(analyses, static_cast<std::size_t>(total));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(total));
  EXPECT_NE(r.err.find(std::to_string(total - static_cast<int>(seen)) + " new, " + std::to_string(seen) + " already stored"),
            std::string::npos)
      << r.err << " (" << seen << " stored before the kill)";
  // The rerun analysed only the rest: what the killed run stored with its
  // analysis was skipped before analysis (resume, not redo).
  const std::string skipped = "; " + std::to_string(seen) + (seen == 1 ? " was" : " were") +
                              " already analysed by this assay and not analysed again\n";
  EXPECT_NE(r.err.find(skipped), std::string::npos) << r.err;
  // A third run analyses nothing.
  auto third = run_assay("ingest --db " + db + " --jobs 2 " + dir + "/many.jsonl");
  ASSERT_EQ(third.code, 0) << third.err;
  EXPECT_NE(third.err.find("0 new, " + std::to_string(total) + " already stored"), std::string::npos) << third.err;
  EXPECT_NE(third.err.find("; " + std::to_string(total) + " were already analysed by this assay and not analysed again"),
            std::string::npos)
      << third.err;
  // Another analyzer (--rules-only) redoes them all.
  auto other = run_assay("--rules-only ingest --db " + db + " --jobs 2 " + dir + "/many.jsonl");
  ASSERT_EQ(other.code, 0) << other.err;
  EXPECT_EQ(other.err.find("not analysed again"), std::string::npos) << other.err;
}

}  // namespace
