#include "assay/cli/io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace assay::cli {

namespace {
int first_errno = 0;
}  // namespace

bool stdout_is_tty() { return isatty(STDOUT_FILENO) == 1; }

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
