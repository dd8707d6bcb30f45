// Fuzzes the JSON and JSON Lines readers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assay/text/reader.h"
#include "assay/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto r = assay::text::read_json_lines(in, "fuzz.jsonl");
  for (const auto& d : r.documents)
    if (!assay::text::is_valid_utf8(d.text)) __builtin_trap();
  auto j = assay::text::read_documents(in, {.name = "fuzz.json", .format = assay::text::Format::kJson});
  (void)j;
  return 0;
}
