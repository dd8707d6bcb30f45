// End-to-end tests of ingest's inputs beyond files (issue 15): RSS and Atom
// feed files; `assay ingest --feeds` against a local HTTP server that the
// test starts on 127.0.0.1 (tests/feed_server.py: robots.txt, a feed with
// an ETag, articles, a copy of one under another URL, and the faults: a
// feed that is not XML, HTTP 404 and 500, a timeout, a redirect loop, a
// 50 MB page); `--watch` ended by SIGTERM; `assay db check` on a sound and
// on a damaged store.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }

int count_lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Times in the summary lines as "T".
std::string stable(std::string s, const std::string& dir, int port) {
  for (std::size_t at; (at = s.find(dir)) != std::string::npos;) s.replace(at, dir.size(), "DIR");
  s = std::regex_replace(s, std::regex(R"(\(\d+\.\d\d s\))"), "(T)");
  s = std::regex_replace(s, std::regex(R"(\(\d+\.\d MB in \d+\.\d\d s\))"), "(T)");
  return std::regex_replace(s, std::regex("127\\.0\\.0\\.1:" + std::to_string(port)), "HOST");
}

// tests/feed_server.py on a free port of 127.0.0.1, stopped with the test.
class FeedServer {
 public:
  explicit FeedServer(const std::string& dir, int robots_status = 200)
      : log_(dir + "/requests-" + std::to_string(robots_status) + ".log") {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      std::string script = source_dir() + "/tests/feed_server.py";
      std::string robots = std::to_string(robots_status);
      execlp("python3", "python3", script.c_str(), log_.c_str(), robots.c_str(), nullptr);
      _exit(127);
    }
    close(fds[1]);
    std::string line;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    port_ = line.empty() ? 0 : std::atoi(line.c_str());
  }
  ~FeedServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::string requests() const { return read_text(log_); }

 private:
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

std::string feed_list(const std::string& dir, const std::string& name, const std::vector<std::string>& urls) {
  std::string text = "# feeds for the test\n\n";
  for (const auto& u : urls) text += u + "\n";
  write_text(dir + "/" + name, text);
  return dir + "/" + name;
}

TEST(FeedsCli, FeedFilesAreIngestedItemByItem) {
  std::string dir = temp_dir();
  write_text(dir + "/wire.rss", R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Port ships oxide</title><link>https://harbour.example/1</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The port shipped 400 tonnes of mixed rare earth oxide in February, its authority said.&lt;/p&gt;</description></item>
<item><title>Quiet week</title><link>https://harbour.example/2</link><pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
<description>Prices held steady, traders said.</description></item>
</channel></rss>
)");
  std::string db = dir + "/a.db";
  auto r = run_assay("ingest --db " + db + " " + dir + "/wire.rss");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("ingested 2 documents into " + db + ": 2 new, 0 already stored"), std::string::npos) << r.err;
  auto out = run_assay("export --db " + db + " --outlet 'Harbour Wire'");
  ASSERT_EQ(out.code, 0) << out.err;
  ASSERT_EQ(count_lines(out.out), 2);
  auto first = nlohmann::json::parse(out.out.substr(0, out.out.find('\n')));
  EXPECT_EQ(first["document"]["url"], "https://harbour.example/1");
  EXPECT_EQ(first["document"]["published"], "2025-03-03");
  EXPECT_EQ(first["document"]["title"], "Port ships oxide");
  // Not a feed under a feed's name: a clear error.
  write_text(dir + "/bad.rss", "<html><body><p>a page</p></body></html>\n");
  auto bad = run_assay("ingest --db " + db + " " + dir + "/bad.rss");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.rss:1: not an RSS or Atom feed: the root element is <html>"), std::string::npos) << bad.err;
}

TEST(FeedsCli, FeedsOverHttpFetchEachArticleOnceAndHonourRobotsAndEtags) {
  std::string dir = temp_dir();
  FeedServer server(dir);
  ASSERT_GT(server.port(), 0) << "the test server did not start";
  std::string list = feed_list(dir, "feeds.txt", {server.url("/feed.xml")});
  std::string db = dir + "/f.db";
  auto first = run_assay("ingest --db " + db + " --feeds " + list + " --delay 0 --jobs 2");
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(stable(first.err, dir, server.port()),
            "assay: http://HOST/feed.xml: 4 items, 2 new, 1 already stored, 0 known (not fetched), 1 closed by robots.txt\n"
            "assay: polled 1 feed into DIR/f.db: 2 new, 1 already stored, 0 known, 0 not modified (T)\n");
  std::string log = server.requests();
  EXPECT_EQ(count_of(log, "GET /robots.txt "), 1) << log;
  EXPECT_EQ(count_of(log, "GET /a1.html "), 1) << log;
  EXPECT_EQ(count_of(log, "GET /copy-of-a1.html "), 1) << log;
  EXPECT_EQ(count_of(log, "GET /private/"), 0) << "robots.txt closes /private/: " << log;
  auto exported = run_assay("export --db " + db);
  EXPECT_EQ(count_lines(exported.out), 2) << "the copy of a1 under another URL is stored once";
  EXPECT_NE(exported.out.find(server.url("/a1.html")), std::string::npos);
  // The articles fetched from feeds are placed into stories, as ingest's are.
  auto stories = run_assay("stories --db " + db + " --format jsonl");
  ASSERT_EQ(stories.code, 0) << stories.err;
  std::size_t members = 0;
  for (std::size_t at = 0; (at = stories.out.find("\"role\":", at)) != std::string::npos; ++at) ++members;
  EXPECT_EQ(members, 2u) << stories.out;
  // Again: the feed answers 304 to its ETag; nothing is fetched.
  auto second = run_assay("ingest --db " + db + " --feeds " + list + " --delay 0");
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.err.find("/feed.xml: not modified since the last poll"), std::string::npos) << second.err;
  log = server.requests();
  EXPECT_EQ(count_of(log, "GET /feed.xml if-none-match=\"v1\" if-modified-since=Tue, 04 Mar 2025 10:00:00 GMT"), 1) << log;
  EXPECT_EQ(count_of(log, "GET /a1.html "), 1) << log;
  // A feed without validators lists the same articles: their URLs are
  // known (the copy's too), none is fetched again.
  std::string list2 = feed_list(dir, "feeds2.txt", {server.url("/feed-no-etag.xml")});
  auto third = run_assay("ingest --db " + db + " --feeds " + list2 + " --delay 0");
  ASSERT_EQ(third.code, 0) << third.err;
  EXPECT_NE(third.err.find("/feed-no-etag.xml: 4 items, 0 new, 0 already stored, 3 known (not fetched), 1 closed by robots.txt"),
            std::string::npos)
      << third.err;
  log = server.requests();
  EXPECT_EQ(count_of(log, "GET /a1.html "), 1) << log;
  EXPECT_EQ(count_of(log, "GET /copy-of-a1.html "), 1) << log;
  auto check = run_assay("db check --db " + db);
  EXPECT_EQ(check.code, 0) << check.err;
}

TEST(FeedsCli, FaultsAreClearMessagesAndTheStoreStaysSound) {
  std::string dir = temp_dir();
  FeedServer server(dir);
  ASSERT_GT(server.port(), 0) << "the test server did not start";
  std::string list = feed_list(dir, "bad.txt",
                               {server.url("/not-xml"), server.url("/broken.xml"), server.url("/missing.xml"),
                                server.url("/error.xml"), server.url("/slow.xml"), server.url("/loop"),
                                server.url("/big-feed.xml"), server.url("/feed.xml")});
  std::string db = dir + "/f.db";
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_assay("ingest --db " + db + " --feeds " + list + " --delay 0 --timeout 1 --max-page-mb 10");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.code, 1) << r.err;
  std::string err = stable(r.err, dir, server.port());
  for (const char* line : {
           "assay: error: http://HOST/not-xml:1: not an RSS or Atom feed: the root element is <html>\n",
           "assay: error: http://HOST/broken.xml:1: not an RSS or Atom feed: not XML: ",
           "assay: error: http://HOST/missing.xml: HTTP 404: the feed was not read\n",
           "assay: error: http://HOST/error.xml: HTTP 500: the feed was not read\n",
           "assay: error: http://HOST/slow.xml: timed out after 1 s\n",
           "assay: error: http://HOST/loop: more than 5 redirects (a redirect loop?)\n",
           "assay: error: http://HOST/big.html: refused: the answer is larger than the limit of 10 MB\n",
           "assay: polled 8 feeds into DIR/f.db: 2 new, 1 already stored, 0 known, 0 not modified (T)\n",
           "assay: 7 feeds or articles failed:\n"})
    EXPECT_NE(err.find(line), std::string::npos) << "missing: " << line << "\nin:\n" << err;
  EXPECT_LT(seconds, 30) << "the slow feed is cut at the timeout";
  // The good feed after the bad ones was read whole; the store is sound.
  auto check = run_assay("db check --db " + db);
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_NE(check.out.find("documents: 2, analyses: 2"), std::string::npos) << check.out;
  // A site whose robots.txt answers 500 is closed for the run (RFC 9309),
  // said once for the site; its feed is not fetched.
  FeedServer closed(dir, 500);
  ASSERT_GT(closed.port(), 0);
  auto shut = run_assay("ingest --db " + db + " --feeds " + feed_list(dir, "closed.txt", {closed.url("/feed.xml")}) + " --delay 0");
  EXPECT_EQ(shut.code, 1);
  EXPECT_EQ(stable(shut.err, dir, closed.port()),
            "assay: polled 1 feed into DIR/f.db: 0 new, 0 already stored, 0 known, 0 not modified (T)\n"
            "assay: 1 feed or article failed:\n"
            "assay: error: http://HOST: robots.txt answered HTTP 500: nothing fetched from this site\n");
  EXPECT_EQ(count_of(closed.requests(), "GET /feed.xml"), 0) << closed.requests();
  auto watch_files = run_assay("ingest --db " + db + " --watch 5 " + dir + "/bad.txt");
  EXPECT_EQ(watch_files.code, 2);
  EXPECT_EQ(watch_files.err, "assay: error: --watch polls feeds: it needs --feeds FILE\n");
  auto bad_list = run_assay("ingest --db " + db + " --feeds " + feed_list(dir, "words.txt", {"not a url"}));
  EXPECT_EQ(bad_list.code, 2);
  EXPECT_EQ(stable(bad_list.err, dir, 0), "assay: error: DIR/words.txt:3: 'not a url' is not an http or https URL\n");
}

TEST(FeedsCli, WatchPollsUntilSigtermEndsIt) {
  std::string dir = temp_dir();
  FeedServer server(dir);
  ASSERT_GT(server.port(), 0) << "the test server did not start";
  std::string list = feed_list(dir, "feeds.txt", {server.url("/feed.xml")});
  std::string db = dir + "/w.db";
  std::string bin = env_or("ASSAY_BIN", "assay");
  std::string err_path = dir + "/watch.err";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) dup2(fd, 2);
    execl(bin.c_str(), bin.c_str(), "ingest", "--db", db.c_str(), "--feeds", list.c_str(), "--delay", "0", "--watch", "1",
          nullptr);
    _exit(127);
  }
  // Wait for the second poll (the conditional one), then stop it.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && count_of(server.requests(), "GET /feed.xml ") < 2)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_GE(count_of(server.requests(), "GET /feed.xml "), 2) << read_text(err_path);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "SIGTERM ends the watch cleanly, not by the signal";
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_text(err_path);
  std::string err = read_text(err_path);
  EXPECT_GE(count_of(err, "assay: polled 1 feed into "), 2) << err;
  EXPECT_NE(err.find("not modified since the last poll"), std::string::npos) << err;
  auto check = run_assay("db check --db " + db);
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_NE(check.out.find("documents: 2, analyses: 2"), std::string::npos) << check.out;
}

// On a terminal ingest draws a progress line (counts, rate, ETA) redrawn in
// place, then the summary; on a pipe or file only the summary.
TEST(FeedsCli, IngestShowsProgressOnATerminalAndASummaryAlways) {
  std::string dir = temp_dir();
  std::string records;
  for (int i = 0; i < 60; ++i)
    records += "{\"id\":\"p" + std::to_string(i) + "\",\"title\":\"Note " + std::to_string(i) +
               "\",\"text\":\"The refinery in Perak processed " + std::to_string(100 + i) + " tonnes of concentrate, its owner said.\"}\n";
  write_text(dir + "/notes.jsonl", records);
  std::string bin = env_or("ASSAY_BIN", "assay");
  // script(1) (util-linux) runs the command on a pseudo-terminal.
  std::string cmd = "script -qec '" + bin + " ingest --db " + dir + "/t.db --jobs 1 " + dir + "/notes.jsonl' /dev/null > " + dir +
                    "/tty.txt 2>&1";
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1) to give the command a terminal";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(dir + "/tty.txt");
  std::string tty = read_text(dir + "/tty.txt");
  EXPECT_NE(tty.find("\r["), std::string::npos) << tty;
  EXPECT_NE(tty.find("60 docs"), std::string::npos) << tty;
  EXPECT_NE(tty.find("/s  ETA "), std::string::npos) << tty;
  EXPECT_NE(tty.find("assay: ingested 60 documents into " + dir + "/t.db: 60 new, 0 already stored"), std::string::npos) << tty;
  auto piped = run_assay("ingest --db " + dir + "/p.db --jobs 1 " + dir + "/notes.jsonl");
  EXPECT_EQ(piped.code, 0);
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_EQ(std::regex_replace(piped.err, std::regex(R"(\(\d+\.\d MB in \d+\.\d\d s\))"), "(T)"),
            "assay: ingested 60 documents into " + dir + "/p.db: 60 new, 0 already stored (T)\n");
}

TEST(FeedsCli, DbCheckReportsASoundStoreAndADamagedOneWithoutChangingIt) {
  std::string dir = temp_dir();
  std::string db = dir + "/c.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + source_dir() + "/examples").code, 0);
  auto ok = run_assay("db check --db " + db);
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(stable(ok.out, dir, 0), "DIR/c.db\n  integrity: ok\n  schema: version 11 (current)\n  documents: 1, analyses: 1\n");
  // Damage a page in the middle of the file (the WAL was checkpointed when
  // the ingest closed the store).
  std::string bytes = read_text(db);
  ASSERT_GT(bytes.size(), 8u * 4096);
  for (std::size_t i = 2 * 4096; i < 6 * 4096; ++i) bytes[i] = static_cast<char>(0x5a ^ (i * 31));
  write_text(db, bytes);
  auto bad = run_assay("db check --db " + db);
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("  integrity: "), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("  integrity: ok"), std::string::npos) << bad.out;
  EXPECT_NE(stable(bad.err, dir, 0).find("assay: error: DIR/c.db: the store is damaged; it was not changed"), std::string::npos)
      << bad.err;
  EXPECT_EQ(read_text(db), bytes) << "no silent rebuild";
  // Another command on the damaged store fails naming it, and changes nothing.
  auto exp = run_assay("export --db " + db);
  EXPECT_NE(exp.code, 0);
  EXPECT_NE(exp.err.find(db), std::string::npos) << exp.err;
  EXPECT_EQ(read_text(db), bytes);
  // Not a database at all; no store at all.
  write_text(dir + "/notes.db", "my notes, not a database: long enough to fill the header sqlite reads first\n");
  auto notes = run_assay("db check --db " + dir + "/notes.db");
  EXPECT_EQ(notes.code, 1);
  EXPECT_EQ(stable(notes.err, dir, 0), "assay: error: DIR/notes.db: not an SQLite database, or a damaged one: file is not a database\n");
  auto none = run_assay("db check --db " + dir + "/none.db");
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(stable(none.err, dir, 0), "assay: error: DIR/none.db: no store here (assay ingest --db PATH creates one)\n");
}

}  // namespace
