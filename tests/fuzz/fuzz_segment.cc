// Fuzzes the segmenter and tokenizer: spans must be ordered, inside the
// text, and sentences must not overlap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "assay/text/segment.h"
#include "assay/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = assay::text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  auto seg = assay::text::segment(text);
  std::uint32_t prev = 0;
  std::vector<assay::text::Token> toks;
  for (const auto& s : seg.sentences) {
    if (s.span.begin < prev || s.span.end > text.size() || s.span.begin >= s.span.end) __builtin_trap();
    prev = s.span.end;
    toks.clear();
    assay::text::tokenize(text, s.span, toks);
    std::uint32_t tp = s.span.begin;
    for (const auto& t : toks) {
      if (t.span.begin < tp || t.span.end > s.span.end || t.span.begin >= t.span.end) __builtin_trap();
      tp = t.span.end;
    }
  }
  return 0;
}
