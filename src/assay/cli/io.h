// cli/io: the file-system edge. Expands FILE|DIR|- arguments into inputs and
// reads them, so that modules below take bytes, never paths.
#pragma once

#include <string>
#include <vector>

#include "assay/base/error.h"

namespace assay::cli {

struct InputRef {
  std::string path;  // "-" for stdin
};

// Expands directories (recursively, sorted; files with a known extension
// only) and keeps files and "-" as given. Unreadable or missing paths become
// errors; the rest are returned.
std::vector<InputRef> expand_inputs(const std::vector<std::string>& args, std::vector<base::Error>& errors);

// Reads a whole file (or stdin for "-"). Refuses files over `max_bytes`.
base::Result<std::string> read_input(const InputRef& in, std::size_t max_bytes = std::size_t{1} << 31);

// Writes `bytes` to path atomically (temp file + rename).
base::Status write_file(const std::string& path, std::string_view bytes);

// The shared folder with the labelled sets: the option when given, else
// $ASSAY_SHARED_DIR, else the first of ../shared, ../../shared, shared that
// has an eval/ folder, else "../shared".
std::string shared_dir(const std::string& option);

// True when stdout is a terminal and colour is allowed.
bool stdout_is_tty();

}  // namespace assay::cli
