// text/mojibake: undoes text decoded with the wrong code page ("mojibake").
//
// Real pages often carry UTF-8 bytes that were once decoded as a single-byte
// code page and encoded as UTF-8 again: "Malaysiaâ€™s" for "Malaysia’s"
// (Windows-1252), "cafÃ©" for "café" (Windows-1252 or Latin-1),
// "РњРѕСЃРєРІР°" for "Москва" (Windows-1251), "ĹĽ" for "ż" (Windows-1250).
// repair_mojibake() finds the runs that are such a rendering of one valid
// UTF-8 multi-byte sequence (a lead-byte character followed by the right
// number of continuation-byte characters) and maps them back.
//
// Windows-1252 and Latin-1 runs ("Ã©", "â€™") are repaired where they are
// found: their lead characters Â..ô followed by continuation characters are
// rare in clean text (a lone "Â" or "Ã" in a name, or an "â€" not followed
// by a continuation character, stays as it is). The other pages
// (Windows-1250, Windows-1251, ISO-8859-2, ISO-8859-5, KOI8-R) turn UTF-8
// into ordinary letters of those pages, which clean Polish or Ukrainian
// text also strings together now and then ("Рік"); so each page's repair is
// scored on the whole text (text_oddity: letters outside the language's
// alphabet, scripts or case changing inside a word, symbols and C1
// controls inside words) and applies only when it repairs more runs than
// the first step and makes the text clearly less odd. Doubly mangled
// Windows-1252 text is repaired in up to three rounds.
//
// decode_single_byte() handles the other mistake: text written in a
// single-byte code page (not UTF-8) read as UTF-8. It decodes the bytes with
// each candidate page and keeps the least odd result.
//
// Linear time: a constant number of passes over the text.
//
//   MojibakeRepair r;
//   std::string s = repair_mojibake("Malaysiaâ€™s", &r);  // "Malaysia’s"
//   // r.count == 1, r.first_offset == 8, r.code_page == CodePage::kWindows1252
//   SingleByteGuess g;
//   auto t = decode_single_byte("caf\xe9 cr\xe8me", &g);  // "café crème", g.code_page == kWindows1252
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "assay/text/code_pages.h"

namespace assay::text {

struct MojibakeRepair {
  std::size_t count = 0;         // characters restored (in the last round that changed anything)
  std::size_t first_offset = 0;  // byte offset in the input of the first repaired run (when count > 0)
  CodePage code_page = CodePage::kWindows1252;  // the code page whose decoding was undone (when count > 0)
};

// `valid_utf8` must be valid UTF-8 (run repair_utf8() first).
std::string repair_mojibake(std::string_view valid_utf8, MojibakeRepair* report = nullptr);

struct SingleByteGuess {
  CodePage code_page = CodePage::kWindows1252;
  std::size_t invalid = 0;        // byte sequences that are not UTF-8
  std::size_t first_invalid = 0;  // byte offset of the first
};

// When `bytes` is not UTF-8 but reads as text in a single-byte code page (at
// least four invalid sequences for every valid multi-byte one), the text
// decoded with the page that gives the least odd result (Windows-1252,
// Windows-1250, Windows-1251, ISO-8859-2, ISO-8859-5, KOI8-R; ties go to the
// earlier); otherwise nullopt (valid UTF-8, or UTF-8 with a few broken bytes).
std::optional<std::string> decode_single_byte(std::string_view bytes, SingleByteGuess* guess = nullptr);

// How odd a text looks, counted over its non-ASCII characters: letters
// outside the best-fitting alphabet of their script, a script or case change
// inside a word ("Malaysiaв", "РњРѕ"), symbols between two letters ("С‚"),
// arrows, maths, box drawing and shapes touching a letter ("Ц│"), C1
// controls. `capitals_inside` counts capitals that follow a capital (a
// tie-breaker: KOI8-R read as Windows-1251 turns lower case into capitals).
struct TextOddity {
  std::size_t odd = 0;
  std::size_t capitals_inside = 0;
  std::size_t characters = 0;  // non-ASCII characters
};
TextOddity text_oddity(std::string_view valid_utf8);

// The Windows-1252 byte that decodes to `cp` (Latin-1 for U+0080..U+00FF,
// which covers the five bytes Windows-1252 leaves undefined), or -1.
int cp1252_byte(char32_t cp);
// The code point Windows-1252 decodes `byte` to; the undefined bytes 0x81,
// 0x8D, 0x8F, 0x90, 0x9D give the C1 controls U+0081.. as browsers do.
char32_t cp1252_char(unsigned char byte);

}  // namespace assay::text
