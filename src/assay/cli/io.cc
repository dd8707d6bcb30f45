#include "assay/cli/io.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace assay::cli {

namespace fs = std::filesystem;
using base::Error;
using base::fail;

base::Status write_file(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail(Error::io(fmt::format("cannot write: {}", std::strerror(errno)), {.file = path}));
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return fail(Error::io("write failed", {.file = path}));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return fail(Error::io(fmt::format("cannot rename: {}", ec.message()), {.file = path}));
  return {};
}

bool stdout_is_tty() { return isatty(STDOUT_FILENO) == 1; }

}  // namespace assay::cli
