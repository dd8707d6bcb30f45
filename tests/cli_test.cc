// End-to-end tests of the assay command: each runs the real binary.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace {

TEST(Cli, VersionAndHelp) {
  auto r = run_assay("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("assay "), std::string::npos);
  auto h = run_assay("--help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("extract"), std::string::npos);
  EXPECT_NE(h.out.find("Exit codes"), std::string::npos);
}

// Issue 10: write errors on stdout were ignored (`> /dev/full` exited 0).
TEST(Cli, AFullDiskOnStandardOutputIsAnError) {
  if (!std::ifstream("/dev/full")) GTEST_SKIP() << "no /dev/full";
  std::string dir = temp_dir();
  std::string err = dir + "/err.txt";
  std::string src = env_or("ASSAY_SOURCE_DIR", ".");
  for (const std::string& args : std::vector<std::string>{"kb check", "lexicon check", "analyze " + src + "/examples/malaysia-china-processing.txt",
                           "--help"}) {
    std::string cmd = env_or("ASSAY_BIN", "assay") + " " + args + " >/dev/full 2>" + err;
    int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1) << args;
    EXPECT_EQ(read_text(err), "assay: error: writing standard output: No space left on device\n") << args;
  }
}

TEST(Cli, UnknownCommandIsUsageError) {
  auto r = run_assay("frobnicate");
  EXPECT_EQ(r.code, 2);
}

TEST(Cli, ExtractHtmlAsJsonLines) {
  std::string dir = temp_dir();
  write_text(dir + "/a.html",
             "<html><head><title>T</title><meta name=\"author\" content=\"W\"></head>"
             "<body><p>Body text here.</p><script>no()</script></body></html>");
  auto r = run_assay("extract --format jsonl " + dir + "/a.html");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"title\":\"T\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"author\":\"W\""), std::string::npos);
  EXPECT_NE(r.out.find("\"text\":\"Body text here.\""), std::string::npos);
}

TEST(Cli, ExtractMissingFileNamesIt) {
  auto r = run_assay("extract /no/such/file.html");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/no/such/file.html: no such file or directory"), std::string::npos) << r.err;
}

TEST(Cli, ExtractBatchGoesOnPastBadRecords) {
  std::string dir = temp_dir();
  write_text(dir + "/c.jsonl", "{\"id\":\"1\",\"text\":\"Good.\"}\n{broken\n{\"id\":\"3\",\"text\":\"Also good.\"}\n");
  auto r = run_assay("extract --format jsonl " + dir + "/c.jsonl");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\"id\":\"1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"id\":\"3\""), std::string::npos);
  EXPECT_NE(r.err.find("c.jsonl:2: not valid JSON"), std::string::npos) << r.err;
}

}  // namespace
