#include "assay/cli/io.h"

#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <fmt/core.h>

#include "assay/cli/commands.h"

namespace assay::cli {

namespace {
int first_errno = 0;
}  // namespace

bool stdout_is_tty() { return isatty(STDOUT_FILENO) == 1; }
bool stderr_is_tty() { return isatty(STDERR_FILENO) == 1; }
bool stdin_is_tty() { return isatty(STDIN_FILENO) == 1; }

void note_terminal_stdin(const std::vector<std::string>& inputs) {
  bool reads_stdin = inputs.empty() || std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (reads_stdin && stdin_is_tty()) std::fputs("assay: reading from standard input (Ctrl-D to end)\u2026\n", stderr);
}

bool use_color(const GlobalOptions& g, bool stream_is_terminal) {
  if (g.no_color || g.color == "never") return false;
  if (g.color == "always") return true;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return stream_is_terminal;
}

namespace {

std::string number(double v) {
  return std::fabs(v) < 1e15 && v == static_cast<double>(static_cast<long long>(v)) ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{}", v);
}

}  // namespace

CLI::Validator in_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& in) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(in, v)) return fmt::format("'{}' is not a number", in);
        if (!(v >= lo && v <= hi)) return fmt::format("{} is out of range: {} to {}", in, number(lo), number(hi));
        return {};
      },
      fmt::format("{} to {}", number(lo), number(hi)));
}

bool show_progress(const GlobalOptions& g, bool streams_to_stdout) {
  if (g.no_progress) return false;
  if (g.progress) return true;
  return stderr_is_tty() && !(streams_to_stdout && stdout_is_tty());
}

void write_stdout(std::string_view bytes) {
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() && first_errno == 0)
    first_errno = errno ? errno : EIO;
}

int stdout_error() {
  errno = 0;
  if (std::fflush(stdout) != 0 && first_errno == 0) first_errno = errno ? errno : EIO;
  if (std::ferror(stdout) && first_errno == 0) first_errno = EIO;
  return first_errno;
}

}  // namespace assay::cli
