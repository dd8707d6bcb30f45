// Fuzzes the quantity finder: spans must lie inside the text, in order and
// non-overlapping, with finite values and a non-empty unit.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assay/analysis/quantity.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto qs = assay::analysis::find_quantities(in);
  std::uint32_t last = 0;
  for (const auto& q : qs) {
    if (q.span.begin < last || q.span.end <= q.span.begin || q.span.end > in.size()) __builtin_trap();
    if (!std::isfinite(q.value) || !std::isfinite(q.value_high) || q.value > q.value_high * (1 + 1e-9) + 1e-9)
      __builtin_trap();
    if (q.unit.empty()) __builtin_trap();
    last = q.span.end;
  }
  return 0;
}
