// cli/io: what is pure terminal and file-system I/O for the command line:
// writing a file, whether stdout is a terminal. Input resolution (FILE|DIR|-
// arguments, reading them) is app/inputs.h.
#pragma once

#include <string>
#include <vector>

#include "assay/base/error.h"

namespace assay::cli {


// Writes `bytes` to path atomically (temp file + rename).
base::Status write_file(const std::string& path, std::string_view bytes);

// True when stdout is a terminal and colour is allowed.
bool stdout_is_tty();

}  // namespace assay::cli
