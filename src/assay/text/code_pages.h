// text/code_pages: the single-byte code pages that real pages get wrong, and
// how their bytes map to Unicode (the WHATWG Encoding Standard's tables:
// bytes a code page leaves undefined decode to the C1 control of the same
// value, as browsers do, so every byte round-trips).
//
//   char32_t c = code_page_char(CodePage::kWindows1251, 0xD0);   // U+0420 'Р'
//   int b = code_page_byte(CodePage::kWindows1251, U'Р');        // 0xD0
//   code_page_name(CodePage::kKoi8R);                            // "KOI8-R"
#pragma once

#include <array>

namespace assay::text {

enum class CodePage {
  kWindows1252,  // Western European (Latin-1 with typographic punctuation in 0x80..0x9F)
  kLatin1,       // ISO-8859-1
  kWindows1250,  // Central European (Polish, Czech, Slovak, Hungarian, Croatian, ...)
  kWindows1251,  // Cyrillic (Russian, Ukrainian, Bulgarian, Serbian, ...)
  kIso8859_2,    // Latin-2, Central European
  kIso8859_5,    // Cyrillic
  kKoi8R,        // Russian
};

inline constexpr std::array<CodePage, 7> kAllCodePages = {
    CodePage::kWindows1252, CodePage::kLatin1,    CodePage::kWindows1250, CodePage::kWindows1251,
    CodePage::kIso8859_2,   CodePage::kIso8859_5, CodePage::kKoi8R,
};

// "Windows-1252", "ISO-8859-1", "Windows-1250", "Windows-1251", "ISO-8859-2", "ISO-8859-5", "KOI8-R".
const char* code_page_name(CodePage page);
// The code point `byte` decodes to (bytes below 0x80 are ASCII in every page).
char32_t code_page_char(CodePage page, unsigned char byte);
// The byte that decodes to `cp`, or -1 when the page has none.
int code_page_byte(CodePage page, char32_t cp);

}  // namespace assay::text
