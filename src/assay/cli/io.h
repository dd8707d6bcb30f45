// cli/io: what is pure terminal I/O for the command line: whether stdout is
// a terminal. Writing files is app::write_file (app/inputs.h). Input resolution (FILE|DIR|-
// arguments, reading them) is app/inputs.h.
#pragma once

#include <string>
#include <vector>

#include "assay/base/error.h"

namespace assay::cli {


// True when stdout is a terminal and colour is allowed.
bool stdout_is_tty();

}  // namespace assay::cli
