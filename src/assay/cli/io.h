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

// True when stderr / stdin is a terminal.
bool stderr_is_tty();
bool stdin_is_tty();

// When one of `inputs` is "-" (or there are none: stdin is the default) and
// stdin is a terminal, says on stderr that the command waits for it
// ("assay: reading from standard input (Ctrl-D to end)…"), so a user who
// forgot the file name is not left looking at a silent terminal.
void note_terminal_stdin(const std::vector<std::string>& inputs);

// Writes to stdout; the first failure's errno is kept for
// stdout_error() (a later fflush no longer knows why a write failed).
void write_stdout(std::string_view bytes);

// Flushes stdout: 0 when every write succeeded, else the errno of the first
// failure (EIO when it is unknown). main() checks it once at the end.
int stdout_error();

}  // namespace assay::cli
