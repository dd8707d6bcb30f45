// End-to-end tests of the assay command: each runs the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace {

// Issue 10: --version gave no commit, data version or "as of" year.
TEST(Cli, VersionNamesCommitDataAndYear) {
  auto r = run_assay("--version");
  EXPECT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string version, commit, data, as_of;
  std::getline(lines, version);
  std::getline(lines, commit);
  std::getline(lines, data);
  std::getline(lines, as_of);
  EXPECT_EQ(version.rfind("assay 0.", 0), 0u) << r.out;
  ASSERT_EQ(commit.rfind("commit: ", 0), 0u) << r.out;
  EXPECT_GT(commit.size(), std::string("commit: ").size());
  EXPECT_EQ(commit.find(' ', 8), std::string::npos) << commit;
  ASSERT_EQ(data.rfind("data:   fnv1a-64 ", 0), 0u) << r.out;
  EXPECT_EQ(data.substr(17, 16).find_first_not_of("0123456789abcdef"), std::string::npos) << data;
  EXPECT_NE(data.find(" embedded files)"), std::string::npos) << data;
  EXPECT_EQ(as_of, "as of:  2025");
  EXPECT_EQ(run_assay("--version").out, r.out);
  EXPECT_EQ(run_assay("kb check --version").out, r.out) << "a global flag after the command";
}

// Outside a git checkout (a tarball) the commit is "unknown" and the build
// goes on.
TEST(Cli, CommitOutsideACheckoutIsUnknown) {
  if (std::system("cmake --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no cmake on PATH";
  std::string dir = temp_dir();
  std::string cmd = "cmake -DSRC=" + dir + " -DGIT=git -DOUT=" + dir + "/c.cc -P " + env_or("ASSAY_SOURCE_DIR", ".") +
                    "/cmake/git_commit.cmake";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_NE(read_text(dir + "/c.cc").find("return \"unknown\";"), std::string::npos) << read_text(dir + "/c.cc");
  std::string no_git = "cmake -DSRC=" + env_or("ASSAY_SOURCE_DIR", ".") + " -DGIT= -DOUT=" + dir + "/d.cc -P " +
                       env_or("ASSAY_SOURCE_DIR", ".") + "/cmake/git_commit.cmake";
  ASSERT_EQ(std::system(no_git.c_str()), 0);
  EXPECT_NE(read_text(dir + "/d.cc").find("return \"unknown\";"), std::string::npos);
}

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
  EXPECT_EQ(r.err, "assay: error: unknown command 'frobnicate'\nassay: run 'assay --help' for usage\n");
}

// Issue 10: `assay chian` said "A subcommand is required" and nothing else.
TEST(Cli, AnUnknownCommandOrOptionGetsTheNearestKnownOne) {
  auto r = run_assay("chian");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "assay: error: unknown command 'chian'; did you mean 'chain'?\n");
  r = run_assay("chain sumary");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "assay: error: unknown command 'chain sumary'; did you mean 'chain summary'?\n");
  r = run_assay("analyze --frmat md");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "assay: error: unknown option '--frmat' for 'assay analyze'; did you mean '--format'?\n");
  r = run_assay("help chian");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "assay: error: unknown command 'chian'; did you mean 'chain'?\n");
}

// Issue 10: `assay analyse` (British spelling) said "A subcommand is required".
TEST(Cli, AnalyseIsAnAliasOfAnalyze) {
  std::string src = env_or("ASSAY_SOURCE_DIR", ".");
  auto a = run_assay("analyse --format json " + src + "/examples/malaysia-china-processing.txt");
  auto b = run_assay("analyze --format json " + src + "/examples/malaysia-china-processing.txt");
  EXPECT_EQ(a.code, 0) << a.err;
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, b.out);
}

// Issue 10: there was no `assay help CMD`.
TEST(Cli, HelpCommandPrintsWhatHelpFlagPrints) {
  for (const std::string cmd : {"", "analyze", "chain", "chain montecarlo", "kb check"}) {
    auto flag = run_assay(cmd + " --help");
    auto word = run_assay("help " + cmd);
    EXPECT_EQ(flag.code, 0) << cmd;
    EXPECT_EQ(word.code, 0) << cmd;
    EXPECT_NE(word.out.find("Usage: assay " + cmd), std::string::npos) << word.out;
    EXPECT_EQ(flag.out, word.out) << cmd;
  }
}

// Issue 10: global options failed after the command ("The following
// argument was not expected: --data").
TEST(Cli, GlobalOptionsAreAcceptedBeforeOrAfterTheCommand) {
  std::string src = env_or("ASSAY_SOURCE_DIR", ".");
  std::string file = src + "/examples/malaysia-china-processing.txt";
  auto before = run_assay("--data " + src + "/data --rules-only --no-color analyze --format json " + file);
  auto after = run_assay("analyze --format json " + file + " --data " + src + "/data --rules-only --no-color");
  EXPECT_EQ(before.code, 0) << before.err;
  EXPECT_EQ(after.code, 0) << after.err;
  EXPECT_EQ(before.out, after.out);
  auto nested = run_assay("chain summary --format json --data " + src + "/data --no-progress");
  EXPECT_EQ(nested.code, 0) << nested.err;
  auto bad = run_assay("kb check --data /no/such/dir");
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err.rfind("assay: error: --data: ", 0), 0u) << bad.err;
}

// Issue 10: CLI11's own messages had no "assay:" prefix and no hint.
TEST(Cli, EveryParseErrorIsPrefixedAndHintsAtHelp) {
  auto none = run_assay("");
  EXPECT_EQ(none.code, 2);
  EXPECT_EQ(none.err.rfind("assay: error: 'assay' needs a command: analyze, extract", 0), 0u) << none.err;
  EXPECT_NE(none.err.find("\nassay: run 'assay --help' for usage\n"), std::string::npos) << none.err;
  auto chain = run_assay("chain");
  EXPECT_EQ(chain.code, 2);
  EXPECT_EQ(chain.err,
            "assay: error: 'assay chain' needs a command: summary, stages, facility, scenario, montecarlo, backtest\n"
            "assay: run 'assay chain --help' for usage\n");
  for (const std::string args : {"chain facility", "chain montecarlo baseline --draws x", "kb check --format xml",
                                 "--color sometimes kb check", "chain facility a b"}) {
    auto r = run_assay(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.err.rfind("assay: error: ", 0), 0u) << args << ": " << r.err;
    EXPECT_NE(r.err.find("assay: run 'assay "), std::string::npos) << args << ": " << r.err;
    for (std::size_t at = 0; at < r.err.size(); at = r.err.find('\n', at) + 1)
      EXPECT_EQ(r.err.compare(at, 7, "assay: "), 0) << args << ": " << r.err;
  }
}

// Runs `assay ARGS` on a pseudo-terminal (util-linux `script`), stdin at
// end of file; what the terminal showed (stdout and stderr, "\r\n" lines).
// Empty `ok` when `script` is missing.
RunResult run_on_terminal(const std::string& args, const std::string& env = "", bool* ok = nullptr) {
  RunResult r;
  if (std::system("script -qec true /dev/null </dev/null >/dev/null 2>&1") != 0) {
    if (ok) *ok = false;
    return r;
  }
  if (ok) *ok = true;
  std::string out = temp_dir() + "/tty.txt";
  std::string cmd = env + " script -qec \"" + env_or("ASSAY_BIN", "assay") + " " + args + "\" /dev/null </dev/null >" + out;
  int status = std::system(cmd.c_str());
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  return r;
}

// Issue 10: NO_COLOR was not honoured and there was no --color.
TEST(Cli, ColourFollowsColorOptionAndNoColorEnvironment) {
  std::string file = env_or("ASSAY_SOURCE_DIR", ".") + "/examples/malaysia-china-processing.txt";
  const std::string esc = "\x1b[";
  auto always = run_assay("--color=always analyze " + file);
  EXPECT_EQ(always.code, 0) << always.err;
  EXPECT_NE(always.out.find(esc), std::string::npos);
  auto always_no_color = run_assay("analyze " + file + " --color always", "");
  EXPECT_NE(always_no_color.out.find(esc), std::string::npos);
  for (const std::string args : {"--color=never analyze ", "--no-color analyze ", "analyze "}) {
    auto r = run_assay(args + file);
    EXPECT_EQ(r.code, 0) << args << r.err;
    EXPECT_EQ(r.out.find(esc), std::string::npos) << args;
  }
  EXPECT_EQ(run_assay("--no-color --color always analyze " + file).code, 2);
  bool have_script = false;
  auto tty = run_on_terminal("analyze " + file, "", &have_script);
  if (!have_script) GTEST_SKIP() << "no script(1) for a pseudo-terminal";
  EXPECT_NE(tty.out.find(esc), std::string::npos) << "a terminal is coloured by default";
  for (const std::string env : {"NO_COLOR=1", "NO_COLOR=yes"}) {
    auto r = run_on_terminal("analyze " + file, env);
    EXPECT_EQ(r.code, 0);
    EXPECT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.find(esc), std::string::npos) << env;
  }
  EXPECT_NE(run_on_terminal("analyze " + file, "NO_COLOR=").out.find(esc), std::string::npos) << "empty NO_COLOR";
  EXPECT_NE(run_on_terminal("--color always analyze " + file, "NO_COLOR=1").out.find(esc), std::string::npos)
      << "an explicit --color always wins over NO_COLOR";
}

// Issue 10: `assay analyze` with no file waited silently on a terminal.
TEST(Cli, ReadingATerminalSaysSo) {
  const std::string note = "assay: reading from standard input (Ctrl-D to end)\u2026";
  bool have_script = false;
  auto r = run_on_terminal("extract", "", &have_script);
  if (!have_script) GTEST_SKIP() << "no script(1) for a pseudo-terminal";
  EXPECT_EQ(r.out.rfind(note + "\r\n", 0), 0u) << r.out;
  EXPECT_NE(run_on_terminal("analyze -").out.find(note), std::string::npos);
  std::string file = env_or("ASSAY_SOURCE_DIR", ".") + "/examples/malaysia-china-processing.txt";
  EXPECT_EQ(run_on_terminal("extract " + file).out.find(note), std::string::npos) << "no stdin read";
  EXPECT_EQ(run_assay("extract -").err.find(note), std::string::npos) << "stdin is not a terminal";
}

// Issue 10: the problems `lexicon check` lists had no "assay:" prefix.
TEST(Cli, LexiconCheckProblemsAreAssayMessages) {
  std::string dir = temp_dir();
  ASSERT_EQ(std::system(("mkdir -p " + dir + "/lexicons").c_str()), 0);
  write_text(dir + "/lexicons/bad.tsv", "hedge\tmay\t1\tok\nweird\tx\t1\tbad\n");
  auto r = run_assay("--data " + dir + " lexicon check");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "assay: error: " + dir + "/lexicons/bad.tsv:2:1: category: unknown category \"weird\"\n"
                   "assay: lexicon check found 1 problem(s)\n");
}

// Issue 10: `assay eval` outside the checkout printed a table of zeros, then
// its error. Now the error comes first, alone, naming where assay looked.
TEST(Cli, EvalWithoutTheSharedFolderSaysWhereItLookedAndPrintsNoTable) {
  std::string empty = temp_dir();
  std::string bin = env_or("ASSAY_BIN", "assay");
  std::string out = empty + "/out.txt", err = empty + "/err.txt";
  std::string cmd = "cd " + empty + " && env -u ASSAY_SHARED_DIR " + bin + " eval >" + out + " 2>" + err + " </dev/null";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(read_text(out), "");
  std::string e = read_text(err);
  EXPECT_EQ(e.rfind("assay: error: ../shared/eval: no labelled sets here: name the folder", 0), 0u) << e;
  EXPECT_NE(e.find("--shared DIR"), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), e.size() - 1) << "one error, nothing else: " << e;
  auto named = run_assay("eval --shared " + empty + "/nowhere");
  EXPECT_EQ(named.code, 1);
  EXPECT_EQ(named.out, "");
  EXPECT_NE(named.err.find(empty + "/nowhere/eval: no labelled sets here"), std::string::npos) << named.err;
}

// Issue 10: one progress behaviour for every long command: analyze's bar
// is the same one, forced on or off from before or after the command.
TEST(Cli, AnalyzeShowsTheProgressBarWhenAsked) {
  std::string file = env_or("ASSAY_SOURCE_DIR", ".") + "/examples/malaysia-china-processing.txt";
  for (const std::string& args : {"--progress analyze --format json " + file, "analyze --format json " + file + " --progress"}) {
    auto on = run_assay(args);
    EXPECT_EQ(on.code, 0) << on.err;
    std::string last = on.err.substr(on.err.rfind('\r') + 1);
    EXPECT_EQ(last.rfind("[############################] 100%  ", 0), 0u) << on.err;
    EXPECT_NE(last.find(" KB/s  ETA 0:00  1 docs"), std::string::npos) << on.err;
  }
  auto off = run_assay("analyze --format json " + file + " --no-progress");
  EXPECT_EQ(off.code, 0);
  EXPECT_EQ(off.err, "");
}

// Issue 10: one progress behaviour for every long command, eval included.
TEST(Cli, EvalShowsTheProgressBarWhenAsked) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets (ASSAY_SHARED_DIR)";
  auto on = run_assay("eval --set gold --progress");
  EXPECT_EQ(on.code, 0) << on.err;
  EXPECT_NE(on.err.find("100%  1/1 sets"), std::string::npos) << on.err;
  auto off = run_assay("eval --set gold --no-progress");
  EXPECT_EQ(off.code, 0) << off.err;
  EXPECT_EQ(off.err, "");
  EXPECT_EQ(on.out, off.out);
}

// The sub-commands `assay [PATH] --help` lists under "Subcommands:".
std::vector<std::string> subcommands_in_help(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(run_assay(path + " --help").out);
  bool on = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Subcommands:") on = true;
    else if (line.empty()) on = false;
    else if (on && line.size() > 2 && line[2] != ' ') out.push_back(line.substr(2, line.find_first_of(" ,", 2) - 2));
  }
  return out;
}

// Issue 10: there was no install target, no completions and no man page.
TEST(Cli, InstallPutsBinaryManPageAndCompletionsInPlace) {
  if (std::system("cmake --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no cmake on PATH";
  std::string build = std::filesystem::path(env_or("ASSAY_BIN", "assay")).parent_path().string();
  std::string prefix = temp_dir();
  ASSERT_EQ(std::system(("cmake --install " + build + " --prefix " + prefix + " >/dev/null").c_str()), 0);
  for (const char* f : {"/bin/assay", "/share/man/man1/assay.1", "/share/bash-completion/completions/assay",
                        "/share/zsh/site-functions/_assay"})
    EXPECT_TRUE(std::filesystem::is_regular_file(prefix + f)) << f;
  std::string man = read_text(prefix + "/share/man/man1/assay.1");
  EXPECT_EQ(man.rfind(".\\\" Generated by `assay manpage`", 0), 0u);
  std::vector<std::string> commands = subcommands_in_help("");
  ASSERT_GE(commands.size(), 7u);
  std::size_t named = 0;
  for (const auto& c : commands) {
    EXPECT_NE(man.find(".SS \"assay " + c + "\""), std::string::npos) << c;
    for (const auto& sub : subcommands_in_help(c)) {
      EXPECT_NE(man.find(".SS \"assay " + c + " " + sub + "\""), std::string::npos) << c << " " << sub;
      ++named;
    }
  }
  EXPECT_GE(named, 8u);  // chain's five, kb's two, lexicon's one
  for (const char* opt : {"\\-\\-data", "\\-\\-color", "\\-\\-demand", "\\-\\-format"})
    EXPECT_NE(man.find(opt), std::string::npos) << opt;
  // The bash completion completes commands, sub-commands and options.
  std::string comp = prefix + "/share/bash-completion/completions/assay";
  auto complete = [&](const std::string& words, int cword) {
    std::string out = prefix + "/complete.txt";
    std::string cmd = "bash -c 'source " + comp + "; COMP_WORDS=(" + words + "); COMP_CWORD=" + std::to_string(cword) +
                      "; _assay; echo \"${COMPREPLY[*]}\"' >" + out;
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return read_text(out);
  };
  EXPECT_EQ(complete("assay ch", 1), "chain\n");
  EXPECT_EQ(complete("assay --data d chain mon", 4), "montecarlo\n");
  EXPECT_EQ(complete("assay chain montecarlo --dr", 3), "--draws\n");
  EXPECT_EQ(complete("assay kb list --for", 3), "--format\n");
  if (std::system("zsh --version >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("zsh -n " + prefix + "/share/zsh/site-functions/_assay").c_str()), 0);
  }
}

TEST(Cli, TrainShowsTheProgressBarWhenAsked) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets (ASSAY_SHARED_DIR)";
  std::string out = temp_dir();
  auto on = run_assay("train --model uncertainty --folds 0 --epochs 1 --out " + out + " --progress");
  EXPECT_EQ(on.code, 0) << on.err;
  EXPECT_NE(on.err.find("100%  1/1 models"), std::string::npos) << on.err;
  auto off = run_assay("train --model uncertainty --folds 0 --epochs 1 --out " + out + " --no-progress");
  EXPECT_EQ(off.code, 0) << off.err;
  EXPECT_EQ(off.err, "");
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

// Issue 12: `assay eval --set ranking` scores the calibration set of
// tests/data/ranking: pairwise agreement with an editor's ordering, per half,
// for reporting quality and the old credibility score.
TEST(Cli, EvalRankingMeetsTheTargetOnBothHalves) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets (ASSAY_SHARED_DIR): the gold pairs need them";
  std::string dir = env_or("ASSAY_SOURCE_DIR", ".") + "/tests/data/ranking";
  auto r = run_assay("eval --set ranking --ranking " + dir + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out)["ranking"];
  EXPECT_GE(j["pairs"].get<int>(), 40);
  EXPECT_EQ(j["open"]["pairs"].get<int>() + j["sealed"]["pairs"].get<int>(), j["pairs"].get<int>());
  EXPECT_GE(j["open"]["reporting_agreement"].get<double>(), 0.90);
  EXPECT_GE(j["sealed"]["reporting_agreement"].get<double>(), 0.90);
  EXPECT_GT(j["all"]["reporting_agreement"].get<double>(), j["all"]["credibility_agreement"].get<double>());
}

TEST(Cli, EvalRankingTableListsMissesAndNeedsNoSharedFolder) {
  std::string dir = temp_dir();
  write_text(dir + "/good.md", "# Ministry sets quota\n\nThe ministry said in a statement on Monday that the quota was "
                               "135,000 tonnes. The company declined to comment.\n");
  write_text(dir + "/bad.md", "# Quota shock\n\nBeijing is desperate to crush its rivals. The shocking quota is a disaster.\n");
  write_text(dir + "/pairs.jsonl",
             "{\"id\": \"r1\", \"better\": \"good.md\", \"worse\": \"bad.md\", \"reason\": \"sourced\", \"half\": \"open\"}\n"
             "{\"id\": \"r2\", \"better\": \"bad.md\", \"worse\": \"good.md\", \"reason\": \"reversed\", \"half\": \"sealed\"}\n");
  auto r = run_assay("eval --shared " + dir + "/nowhere --set ranking --ranking " + dir + " --misses");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("| half | pairs | reporting quality | credibility (old score) |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| open | 1 | **1.000** |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| sealed | 1 | **0.000** |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("MISS sealed r2: reporting "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("MISS open"), std::string::npos) << r.out;
  write_text(dir + "/pairs.jsonl",
             "{\"id\": \"r1\", \"better\": \"good.md\", \"worse\": \"bad.md\", \"reason\": \"sourced\", \"half\": \"open\"}\n"
             "{\"id\": \"r2\", \"better\": \"bad.md\", \"worse\": \"good.md\", \"reason\": \"reversed\"}\n");
  auto bad = run_assay("eval --set ranking --ranking " + dir);
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "assay: error: " + dir + "/pairs.jsonl:2: \"half\" is missing or not a non-empty string\n");
  auto none = run_assay("eval --set ranking --ranking " + dir + "/nowhere");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find(dir + "/nowhere/pairs.jsonl: no ranking pairs here"), std::string::npos) << none.err;
}

}  // namespace
