// text/mojibake: undoes double-encoded UTF-8 ("mojibake").
//
// Real pages often carry UTF-8 bytes that were once decoded as Windows-1252
// or Latin-1 and encoded as UTF-8 again: "Malaysiaâ€™s" for "Malaysia’s",
// "cafÃ©" for "café", "Â " for a no-break space. repair_mojibake() finds the
// runs that are such a rendering of one valid UTF-8 multi-byte sequence (a
// lead-byte character Â..ô followed by the right number of continuation-byte
// characters) and maps them back. Clean text is returned unchanged: a lone
// "Â" or "Ã" in a name, or an "â€" not followed by a continuation
// character, stays as it is. Doubly mangled text is repaired in up to three
// rounds. Linear time; the only allocation is the output string.
//
//   MojibakeRepair r;
//   std::string s = repair_mojibake("Malaysiaâ€™s", &r);  // "Malaysia’s"
//   // r.count == 1, r.first_offset == 8
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace assay::text {

struct MojibakeRepair {
  std::size_t count = 0;         // characters restored (in the last round that changed anything)
  std::size_t first_offset = 0;  // byte offset in the input of the first repaired run (when count > 0)
};

// `valid_utf8` must be valid UTF-8 (run repair_utf8() first).
std::string repair_mojibake(std::string_view valid_utf8, MojibakeRepair* report = nullptr);

// The Windows-1252 byte that decodes to `cp` (Latin-1 for U+0080..U+00FF,
// which covers the five bytes Windows-1252 leaves undefined), or -1.
int cp1252_byte(char32_t cp);
// The code point Windows-1252 decodes `byte` to; the undefined bytes 0x81,
// 0x8D, 0x8F, 0x90, 0x9D give the C1 controls U+0081.. as browsers do.
char32_t cp1252_char(unsigned char byte);

}  // namespace assay::text
