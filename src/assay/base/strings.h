// base/strings: small string helpers used across modules (ASCII-only case
// folding, trimming, splitting, hashing). All take and return views or
// std::string; none allocate unless they return a std::string.
//
//   auto parts = split("a\tb\tc", '\t');      // {"a","b","c"}
//   trim("  x ") == "x";
//   fnv1a("NdPr") == fnv1a(std::string("NdPr"));
//   counted(2, "file", "files") == "2 files";
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::base {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
// Replaces every occurrence of `from` with `to`.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// The same as s.find(needle, from), faster on text: sixteen candidate
// positions at a time are checked on the needle's first and last byte
// before any is compared.
std::size_t find(std::string_view s, std::string_view needle, std::size_t from = 0);
// The same as s.find_first_of(bytes, from) for up to four bytes, sixteen
// bytes of s at a time: for scanners that only stop at a few kinds of byte.
std::size_t find_first_of(std::string_view s, std::string_view bytes, std::size_t from = 0);

// One byte of FNV-1a: for a hash built as its bytes are made.
constexpr std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ULL; }
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = fnv1a_byte(h, c);
  return h;
}

// `v` rounded to a whole number, with commas between thousands: 10500.4 -> "10,500".
std::string group_thousands(double v);

// A count and its noun, singular for exactly one: counted(1, "file", "files")
// == "1 file", counted(0, "file", "files") == "0 files". For messages that
// would otherwise say "file(s)".
std::string counted(long long n, std::string_view one, std::string_view many);

inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
// A byte of a word in UTF-8 text: an ASCII letter or digit, or any byte of a
// multi-byte character (so "Société" is one word).
inline bool is_word_byte(char c) { return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline char lower_ascii(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace assay::base
