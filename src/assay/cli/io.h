// cli/io: what is pure terminal I/O for the command line: whether stdout is
// a terminal, and checked writes to it (`assay ... > /dev/full` is an error). Writing files is app::write_file (app/inputs.h). Input resolution (FILE|DIR|-
// arguments, reading them) is app/inputs.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::cli {


// True when stdout is a terminal and colour is allowed.
bool stdout_is_tty();

// Writes to stdout; the first failure's errno is kept for
// stdout_error() (a later fflush no longer knows why a write failed).
void write_stdout(std::string_view bytes);

// Flushes stdout: 0 when every write succeeded, else the errno of the first
// failure (EIO when it is unknown). main() checks it once at the end.
int stdout_error();

}  // namespace assay::cli
