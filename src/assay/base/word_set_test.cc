#include "assay/base/word_set.h"

#include <gtest/gtest.h>

namespace assay::base {
namespace {

// Exact members only, whatever their length and first byte, and no word that
// merely shares a first byte and a length.
TEST(WordSet, HoldsExactlyItsMembers) {
  const WordSet set{"the", "a", "an", "those", "they", "", "a-word-of-more-than-thirty-two-bytes"};
  for (std::string_view w : {"the", "a", "an", "those", "they", "", "a-word-of-more-than-thirty-two-bytes"})
    EXPECT_TRUE(set.contains(w)) << w;
  for (std::string_view w : {"The", "thy", "then", "t", "b", "and", "thos", "thosee", "a-word-of-more-than-thirty-two-byte",
                             "\xE2\x80\x9C", "x"})
    EXPECT_FALSE(set.contains(w)) << w;
  const WordSet none{};
  EXPECT_FALSE(none.contains("the"));
  EXPECT_FALSE(none.contains(""));
}

}  // namespace
}  // namespace assay::base
