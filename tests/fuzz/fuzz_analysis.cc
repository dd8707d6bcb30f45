// Fuzzes the reader of stored analyses (analysis::read_analysis): any bytes
// give an analysis or an error, never a crash; an analysis it accepts writes
// back to JSON that it accepts again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "assay/analysis/schema.h"
#include "assay/base/json_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto a = assay::analysis::read_analysis(in);
  if (!a) return 0;
  std::string out;
  assay::base::JsonWriter w(out, /*pretty=*/false);
  assay::analysis::write_analysis(w, *a);
  if (!assay::analysis::read_analysis(out)) __builtin_trap();
  return 0;
}
