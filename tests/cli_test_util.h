// Helpers for end-to-end tests: run the assay binary, capture its output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

// True when the labelled sets of ../shared/eval are where ASSAY_SHARED_DIR
// points; tests that score on them skip otherwise (a clone on its own).
inline bool have_shared_eval() {
  const char* v = std::getenv("ASSAY_SHARED_DIR");
  if (!v) return false;
  std::error_code ec;
  return std::filesystem::is_directory(std::filesystem::path(v) / "eval" / "articles", ec);
}

inline std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline void write_text(const std::string& path, const std::string& s) {
  std::ofstream f(path, std::ios::binary);
  f << s;
}

// The directories made by temp_dir(), removed when the test process ends
// (ASSAY_KEEP_TEST_DIRS=1 keeps them for a look after a failure).
class TempDirs {
 public:
  ~TempDirs() {
    if (std::getenv("ASSAY_KEEP_TEST_DIRS")) return;
    std::error_code ec;
    for (const auto& d : dirs_) std::filesystem::remove_all(d, ec);
  }
  void add(const std::string& d) { dirs_.push_back(d); }

 private:
  std::vector<std::string> dirs_;
};

inline TempDirs& temp_dirs() {
  static TempDirs dirs;
  return dirs;
}

inline std::string temp_dir() {
  std::string tmpl = env_or("TMPDIR", "/tmp") + "/assay_test_XXXXXX";
  char* d = mkdtemp(tmpl.data());
  if (!d) {
    std::perror("mkdtemp");
    std::abort();
  }
  temp_dirs().add(d);
  return d;
}

// Runs `assay ARGS` (a shell fragment), optionally with stdin from a file.
inline RunResult run_assay(const std::string& args, const std::string& stdin_path = "") {
  static int counter = 0;
  std::string dir = temp_dir();
  std::string out = dir + "/out" + std::to_string(counter) + ".txt";
  std::string err = dir + "/err" + std::to_string(counter++) + ".txt";
  // ASSAY_RUN_PREFIX: a command that runs the binary (e.g. as another user).
  std::string prefix = env_or("ASSAY_RUN_PREFIX", "");
  std::string cmd = (prefix.empty() ? "" : prefix + " ") + env_or("ASSAY_BIN", "assay") + " " + args + " >" + out + " 2>" + err;
  cmd += stdin_path.empty() ? " </dev/null" : " <" + stdin_path;
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  std::error_code ec;
  if (!std::getenv("ASSAY_KEEP_TEST_DIRS")) std::filesystem::remove_all(dir, ec);
  return r;
}

// Golden files must not depend on where the checkout lives: replaces the
// source directory (ASSAY_SOURCE_DIR) and "./" prefixes in `out` with
// repository-relative paths.
inline std::string relative_paths(std::string out) {
  std::string src = env_or("ASSAY_SOURCE_DIR", "");
  if (src.empty()) return out;
  if (src.back() != '/') src += '/';
  for (std::size_t at = out.find(src); at != std::string::npos; at = out.find(src, at)) out.erase(at, src.size());
  return out;
}

