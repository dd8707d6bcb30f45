#include "assay/cli/io.h"

#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

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
