#include "assay/base/suggest.h"

#include <gtest/gtest.h>

namespace assay::base {
namespace {

TEST(EditDistance, CountsEditsAndSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("chain", "chain"), 0u);
  EXPECT_EQ(edit_distance("chian", "chain"), 1u);  // a swap of neighbours
  EXPECT_EQ(edit_distance("analyse", "analyze"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("ABC", "abc"), 0u);
}

TEST(Suggest, TheNearestCloseEnoughCandidate) {
  const std::vector<std::string> commands{"analyze", "extract", "eval", "train", "lexicon", "chain", "kb"};
  EXPECT_EQ(suggest("chian", commands), "chain");
  EXPECT_EQ(suggest("analyse", commands), "analyze");
  EXPECT_EQ(suggest("evl", commands), "eval");
  EXPECT_EQ(suggest("anal", commands), "analyze");  // a prefix
  EXPECT_EQ(suggest("frobnicate", commands), "");
  EXPECT_EQ(suggest("", commands), "");
  EXPECT_EQ(suggest("--frmat", {"--format", "--out"}), "--format");
  EXPECT_EQ(suggest("lynas-malaysia-licence", {"lynas-malaysia-licence-loss", "myanmar-clay-halt"}),
            "lynas-malaysia-licence-loss");
}

}  // namespace
}  // namespace assay::base
