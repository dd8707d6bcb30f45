#include "assay/base/embedded.h"

#include <fmt/core.h>

#include <cstdint>
#include <string>

#include "assay/base/strings.h"

namespace assay::base {

std::string_view version() { return ASSAY_VERSION; }

std::string_view embedded_data_hash() {
  static const std::string hash = [] {
    std::uint64_t h = fnv1a("");
    for (const auto& f : embedded_files()) {
      h = fnv1a(f.path, h);
      h = fnv1a(std::string_view("\0", 1), h);
      h = fnv1a(f.bytes, h);
      h = fnv1a(std::string_view("\0", 1), h);
    }
    return fmt::format("{:016x}", h);
  }();
  return hash;
}

}  // namespace assay::base
