// Fuzzes the mojibake repair of the reader (text/mojibake): the output is
// valid UTF-8 and never longer than the input; ASCII text comes back
// unchanged; for clean text x (one the repair leaves alone, whose two-byte
// characters are in the blocks the repair restores) repair(mangle(x)) == x,
// for the Windows-1252 and the Latin-1 mangling; and the raw bytes, read as
// a single-byte code page (decode_single_byte), give valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "assay/text/mojibake.h"
#include "assay/text/utf8.h"

namespace {

std::string mangle(std::string_view utf8, bool cp1252) {
  std::string out;
  out.reserve(utf8.size() * 2);
  for (char ch : utf8) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) out.push_back(ch);
    else assay::text::append_utf8(out, cp1252 ? assay::text::cp1252_char(b) : char32_t{b});
  }
  return out;
}

bool restorable(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t cp = assay::text::decode_utf8(s, i);
    if (i - at != 2) continue;
    bool ok = (cp >= 0xA0 && cp <= 0x24F) || cp == 0x2BB || cp == 0x2BC || cp == 0x2C6 || cp == 0x2C7 ||
              (cp >= 0x2D8 && cp <= 0x2DD) || (cp >= 0x300 && cp <= 0x52F) || (cp >= 0x5BE && cp <= 0x5F4) ||
              (cp >= 0x600 && cp <= 0x6FF);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string x = assay::text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  assay::text::MojibakeRepair r;
  std::string y = assay::text::repair_mojibake(x, &r);
  if (!assay::text::is_valid_utf8(y) || y.size() > x.size()) __builtin_trap();
  if ((r.count == 0) != (y == x)) __builtin_trap();
  if (r.count > 0 && r.first_offset >= x.size()) __builtin_trap();
  bool ascii = true;
  for (char c : x) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii && y != x) __builtin_trap();
  if (y == x && restorable(x)) {
    for (bool cp1252 : {true, false})
      if (assay::text::repair_mojibake(mangle(x, cp1252)) != x) __builtin_trap();
  }
  assay::text::SingleByteGuess g;
  if (auto t = assay::text::decode_single_byte(std::string_view(reinterpret_cast<const char*>(data), size), &g)) {
    if (!assay::text::is_valid_utf8(*t) || g.invalid == 0 || g.first_invalid >= size) __builtin_trap();
  }
  return 0;
}
