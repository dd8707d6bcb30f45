// text/utf8: validation, repair and normalisation of UTF-8 input.
//
// repair_utf8() replaces every invalid byte sequence with U+FFFD and reports
// the byte offset of the first few; normalize_nfc() composes to NFC. The two
// together give the canonical text that all spans point into. Typographic
// quotes, dashes and spaces are kept as they are (they carry meaning); code
// that matches text treats them as equivalents of their ASCII forms.
//
//   std::vector<std::size_t> bad;
//   std::string ok = repair_utf8("caf\xe9", &bad);   // "caf\uFFFD", bad = {3}
//   std::string nfc = normalize_nfc("e\u0301");      // "\u00e9"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

// Replaces each maximal invalid subsequence with U+FFFD. The offsets of the
// invalid bytes (in `in`) are appended to `bad_offsets` when given. NUL bytes
// are kept out of the text (replaced with U+FFFD too).
std::string repair_utf8(std::string_view in, std::vector<std::size_t>* bad_offsets = nullptr);

// True when `in` is valid UTF-8 without NUL bytes.
bool is_valid_utf8(std::string_view in);

// NFC composition of valid UTF-8. Returns the input unchanged when it is
// already ASCII (the common case, and free).
std::string normalize_nfc(std::string_view valid_utf8);

// Decodes the code point starting at s[i] (valid UTF-8 assumed) and advances i.
char32_t decode_utf8(std::string_view s, std::size_t& i);
// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

// Heuristic: more than a few NUL or control bytes in the first 4 KiB.
bool looks_binary(std::string_view bytes);

}  // namespace assay::text
