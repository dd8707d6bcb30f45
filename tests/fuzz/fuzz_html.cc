// Fuzzes the HTML reader: any bytes must give a Document or an Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assay/text/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto d = assay::text::read_html(in, "fuzz.html");
  if (d) {
    // Body text is valid UTF-8 by contract.
    if (!d->text.empty() && d->text.size() > size * 8 + 64) __builtin_trap();
  }
  return 0;
}
