#include "assay/cli/io.h"

#include <unistd.h>

namespace assay::cli {

bool stdout_is_tty() { return isatty(STDOUT_FILENO) == 1; }

}  // namespace assay::cli
