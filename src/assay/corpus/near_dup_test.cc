// corpus/near_dup_test: syndicated copies found, rewrites and unrelated
// pieces not, with texts written for the test.
#include "assay/corpus/near_dup.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace assay::corpus {
namespace {

constexpr const char* kWire =
    "SYDNEY, March 3 (Harbour Wire) - An Australian miner has agreed to sell its rare-earth concentrate to a Korean "
    "magnet maker for five years, two people familiar with the talks said on Monday. The deal would cover most of the "
    "output of the miner's northern pit, which started production last year, the people said. Neither company "
    "responded to requests for comment. The agreement would be the first long-term supply contract for the pit and "
    "could open a route around Chinese processors, analysts have said.";

// The wire story as a client prints it: its own headline line, the
// dateline dropped, a sentence trimmed at the end, other punctuation.
constexpr const char* kCopy =
    "Miner signs five-year offtake\n\nAn Australian miner has agreed to sell its rare-earth concentrate to a Korean "
    "magnet maker for five years, two people familiar with the talks said on Monday. The deal would cover most of the "
    "output of the miner's northern pit -- which started production last year -- the people said. Neither company "
    "responded to requests for comment. The agreement would be the first long-term supply contract for the pit.";

// The same facts told in other words.
constexpr const char* kRewrite =
    "A Korean magnet manufacturer is set to buy concentrate from an Australian rare-earth producer under a five-year "
    "contract, according to a wire report citing unnamed sources. The supply would come mostly from the company's "
    "northern mine, in operation since last year. The firms did not comment.";

constexpr const char* kUnrelated =
    "Prices of dysprosium oxide in Europe rose for a third week as buyers restocked ahead of the summer, a price "
    "reporting agency said on Friday, citing thin offers from traders in Rotterdam.";

TEST(NearDup, WordsAreNormalised) {
  EXPECT_EQ(normalised_words("The Deal -- (Harbour Wire) said: 5,473 t!"),
            (std::vector<std::string>{"the", "deal", "harbour", "wire", "said", "5", "473", "t"}));
  EXPECT_EQ(shingle_set("One two three four five six"), shingle_set("ONE, two; three four five\nsix."));
  EXPECT_EQ(shingle_set("One two three four five six").size(), 2u);
  EXPECT_EQ(shingle_set("too short").size(), 1u);
  EXPECT_TRUE(shingle_set("").empty());
}

TEST(NearDup, JaccardIsExactOverTheSets) {
  std::vector<std::uint32_t> a = {1, 2, 3, 4}, b = {3, 4, 5, 6};
  EXPECT_DOUBLE_EQ(jaccard(a, b), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(jaccard({}, {}), 0.0);
}

TEST(NearDup, ACopyIsFoundARewriteAndAnUnrelatedPieceAreNot) {
  auto wire = shingle_set(kWire), copy = shingle_set(kCopy), rewrite = shingle_set(kRewrite), other = shingle_set(kUnrelated);
  EXPECT_GE(jaccard(wire, copy), kDuplicateJaccard);
  EXPECT_LT(jaccard(wire, rewrite), 0.1);
  NearDuplicateIndex index;
  index.add(7, wire);
  index.add(8, other);
  auto hit = index.find(copy);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->id, 7u);
  EXPECT_GE(hit->jaccard, kDuplicateJaccard);
  EXPECT_FALSE(index.find(rewrite));
  EXPECT_EQ(index.size(), 2u);
}

// The flat band table grows many times over and keeps every key: each of
// 3,000 sets is found by a copy with a tenth of its shingles changed; a set
// added twice under two ids (its 21 keys repeated) is found under the lower
// id; an id added again is not; sparse ids work.
TEST(NearDup, TheBandTableGrowsAndFindsEveryCopy) {
  NearDuplicateIndex index;
  std::uint64_t x = 1;
  auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(x >> 32);
  };
  std::vector<std::vector<std::uint32_t>> sets;
  for (std::uint32_t id = 0; id < 3000; ++id) {
    std::vector<std::uint32_t> s(100);
    for (auto& v : s) v = next();
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    index.add(id * 3, s);  // ids 0, 3, 6, ...: not dense
    sets.push_back(std::move(s));
  }
  EXPECT_EQ(index.size(), 3000u);
  for (std::uint32_t id = 0; id < 3000; ++id) {
    auto copy = sets[id];
    for (std::size_t i = 0; i < copy.size(); i += 10) copy[i] = next();
    std::sort(copy.begin(), copy.end());
    copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
    auto hit = index.find(copy);
    ASSERT_TRUE(hit) << id;
    EXPECT_EQ(hit->id, id * 3);
    EXPECT_DOUBLE_EQ(hit->jaccard, jaccard(copy, sets[id]));
  }
  index.add(9001, sets[5]);
  index.add(1, sets[5]);
  index.add(1, sets[6]);  // 1 is taken: ignored
  EXPECT_EQ(index.size(), 3002u);
  auto same = index.find(sets[5]);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->id, 1u);
  EXPECT_DOUBLE_EQ(same->jaccard, 1.0);
  auto six = index.find(sets[6]);
  ASSERT_TRUE(six);
  EXPECT_EQ(six->id, 18u);
  EXPECT_GT(index.bytes(), 0u);
}

// A dropped set leaves its id in the band table (a candidate still) but
// is checked against nothing until it is restored.
TEST(NearDup, ADroppedSetIsACandidateAndFoundAgainOnceRestored) {
  auto wire = shingle_set(kWire), copy = shingle_set(kCopy), other = shingle_set(kUnrelated);
  NearDuplicateIndex index;
  index.add(0, other);
  index.add(1, wire);
  const auto keys = NearDuplicateIndex::band_keys(copy);
  const auto before = index.bytes();
  index.drop(1);
  EXPECT_FALSE(index.holds(1));
  EXPECT_TRUE(index.holds(0));
  EXPECT_LT(index.bytes(), before);
  auto c = index.candidates(keys);
  EXPECT_NE(std::find(c.begin(), c.end(), 1u), c.end());
  EXPECT_FALSE(index.find(copy, keys));
  index.add(1, other);  // taken, though dropped: ignored
  index.restore(1, wire);
  EXPECT_TRUE(index.holds(1));
  auto hit = index.find(copy, keys);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->id, 1u);
  index.restore(0, wire);  // never dropped: ignored
  EXPECT_FALSE(index.find(wire) && index.find(wire)->id == 0u);
  EXPECT_EQ(index.size(), 2u);
}

// Keys filed without their set (a load from a store): the id is a
// candidate, found once its set is restored, as a dropped one is; and the
// keys read back from their bytes are the keys.
TEST(NearDup, KeysFiledWithoutTheirSetFindTheCopyOnceRestored) {
  auto wire = shingle_set(kWire), copy = shingle_set(kCopy), other = shingle_set(kUnrelated);
  const auto wire_keys = NearDuplicateIndex::band_keys(wire);
  const std::string bytes = encode_band_keys(wire_keys);
  EXPECT_EQ(bytes.size(), 168u);
  auto back = decode_band_keys(bytes);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, wire_keys);
  EXPECT_FALSE(decode_band_keys(bytes.substr(1)));
  EXPECT_FALSE(decode_band_keys(""));
  EXPECT_NE(NearDuplicateIndex::band_keys(other), wire_keys);

  NearDuplicateIndex index, whole;
  index.add(0, other);
  index.add_keys(1, *back);
  whole.add(0, other);
  whole.add(1, wire);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_FALSE(index.holds(1));
  const auto keys = NearDuplicateIndex::band_keys(copy);
  EXPECT_EQ(index.candidates(keys), whole.candidates(keys));
  auto c = index.candidates(keys);
  EXPECT_NE(std::find(c.begin(), c.end(), 1u), c.end());
  EXPECT_FALSE(index.find(copy, keys));
  index.add_keys(1, NearDuplicateIndex::band_keys(other));  // filed before: ignored
  index.add(1, other);                                      // the same
  EXPECT_EQ(index.candidates(NearDuplicateIndex::band_keys(other)), std::vector<std::uint32_t>{0});
  index.restore(1, wire);
  EXPECT_TRUE(index.holds(1));
  auto hit = index.find(copy, keys);
  auto expected = whole.find(copy, keys);
  ASSERT_TRUE(hit);
  ASSERT_TRUE(expected);
  EXPECT_EQ(hit->id, 1u);
  EXPECT_EQ(hit->jaccard, expected->jaccard);
  index.add_keys(0, wire_keys);  // held: ignored
  EXPECT_EQ(index.candidates(wire_keys), std::vector<std::uint32_t>{1});
  EXPECT_EQ(index.size(), 2u);
}

TEST(NearDup, MinHashAgreementEstimatesJaccard) {
  auto wire = shingle_set(kWire), copy = shingle_set(kCopy);
  auto a = minhash(wire), b = minhash(copy);
  int same = 0;
  for (int i = 0; i < kHashes; ++i) same += a[static_cast<std::size_t>(i)] == b[static_cast<std::size_t>(i)];
  EXPECT_NEAR(static_cast<double>(same) / kHashes, jaccard(wire, copy), 0.25);
  EXPECT_EQ(minhash(wire), minhash(wire));
}

}  // namespace
}  // namespace assay::corpus
