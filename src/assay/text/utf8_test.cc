#include "assay/text/utf8.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>

namespace assay::text {
namespace {

TEST(Utf8, RepairsInvalidBytesWithOffsets) {
  std::vector<std::size_t> bad;
  std::string out = repair_utf8(std::string_view("caf\xe9 ok \xff\xfe!", 11), &bad);
  EXPECT_EQ(out, "caf\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD!");
  ASSERT_EQ(bad.size(), 3u);
  EXPECT_EQ(bad[0], 3u);
  EXPECT_EQ(bad[1], 8u);
}

TEST(Utf8, RejectsOverlongsSurrogatesAndNul) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8(std::string_view("a\0b", 3)));
  EXPECT_TRUE(is_valid_utf8("\xE2\x80\x9CNdPr\xE2\x80\x9D"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
}

TEST(Utf8, TruncatedSequenceAtEnd) {
  std::vector<std::size_t> bad;
  EXPECT_EQ(repair_utf8("ab\xE2\x80", &bad), "ab\xEF\xBF\xBD");
  EXPECT_EQ(bad, std::vector<std::size_t>{2});
}

TEST(Utf8, NfcComposes) {
  EXPECT_EQ(normalize_nfc("Jose\xCC\x81"), "Jos\xC3\xA9");
  EXPECT_EQ(normalize_nfc("plain ascii"), "plain ascii");
  // Typographic quotes and dashes are kept as they are.
  EXPECT_EQ(normalize_nfc("\xE2\x80\x9Cx\xE2\x80\x94y\xE2\x80\x9D"), "\xE2\x80\x9Cx\xE2\x80\x94y\xE2\x80\x9D");
}

// normalize_nfc skips utf8proc for text whose characters NFC leaves alone;
// for each such character between letters, and next to a combining mark
// (which takes the slow path), the result is utf8proc's.
TEST(Utf8, NfcFastPathAgreesWithUtf8proc) {
  auto reference = [](const std::string& s) {
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                                      &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::string r(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return r;
  };
  int checked = 0;
  for (char32_t cp = 0x80; cp <= 0x20D0; ++cp) {
    if (cp == 0x300) cp = 0x1FF0;  // the fast path's ranges and their edges
    for (const char* after : {"b", "\xCC\x81"}) {
      std::string s = "a";
      append_utf8(s, cp);
      s += after;
      EXPECT_EQ(normalize_nfc(s), reference(s)) << "U+" << std::hex << static_cast<unsigned>(cp);
      ++checked;
    }
  }
  EXPECT_EQ(normalize_nfc("\xE2\x80\x80"), "\xE2\x80\x82");  // EN QUAD is EN SPACE in NFC
  EXPECT_GT(checked, 1000);
}

TEST(Utf8, DecodeAppendRoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'\u00e9', U'\u2014', U'\U0001F600'}) append_utf8(s, cp);
  std::size_t i = 0;
  EXPECT_EQ(decode_utf8(s, i), U'a');
  EXPECT_EQ(decode_utf8(s, i), U'\u00e9');
  EXPECT_EQ(decode_utf8(s, i), U'\u2014');
  EXPECT_EQ(decode_utf8(s, i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
}

TEST(Utf8, LooksBinary) {
  EXPECT_TRUE(looks_binary(std::string_view("\x7f" "ELF\0\0\0", 7)));
  EXPECT_FALSE(looks_binary("An ordinary sentence.\n"));
}

}  // namespace
}  // namespace assay::text
