// corpus/near_dup: syndicated copies found by MinHash over word shingles
// with LSH banding, each candidate verified by the exact Jaccard similarity
// of the two shingle sets (issue 15, item 3).
//
//   auto a = corpus::shingle_set(text_a);           // 5-word shingles of the normalised words, hashed, sorted
//   auto b = corpus::shingle_set(text_b);
//   double j = corpus::jaccard(a, b);               // exact, over the sets
//   corpus::NearDuplicateIndex index;
//   index.add(0, a);
//   if (auto hit = index.find(b)) fmt::print("copy of {} (J = {:.2f})\n", hit->id, hit->jaccard);
//
// Normalisation: words are runs of letters and digits, ASCII lower-cased
// (bytes >= 0x80 kept as they are), so punctuation, case and line breaks do
// not separate copies. A text shorter than one shingle has one shingle of
// all its words.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace assay::corpus {

inline constexpr int kShingleWords = 5;
// Syndicated copies share at least this share of their shingles (a copy
// with a new headline, a dateline or a trimmed last paragraph stays above
// it; a rewrite of the same facts in other words falls far below).
inline constexpr double kDuplicateJaccard = 0.6;

// The words of `text`, normalised (see above).
std::vector<std::string> normalised_words(std::string_view text);

// The distinct hashed k-word shingles of `text`, sorted.
std::vector<std::uint32_t> shingle_set(std::string_view text, int k = kShingleWords);

// |a ∩ b| / |a ∪ b| of two sorted sets; 0 when both are empty.
double jaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

// 63 min-hashes (21 bands of 3 rows): a pair at Jaccard 0.6 becomes a
// candidate with probability 1 - (1 - 0.6^3)^21 > 0.99, one at 0.2 with
// 1 - (1 - 0.008)^21 = 0.16 (then refused by the exact check).
inline constexpr int kBands = 21, kRows = 3, kHashes = kBands * kRows;
using Signature = std::array<std::uint32_t, kHashes>;
Signature minhash(std::span<const std::uint32_t> shingles);

struct DuplicateHit {
  std::uint32_t id = 0;
  double jaccard = 0;
};

// The LSH index: band keys to the ids that share them, and each id's
// shingle set for the exact check. Ids are the caller's (dense is best).
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(double threshold = kDuplicateJaccard) : threshold_(threshold) {}
  // The LSH band keys of a set (its MinHash signature, banded): computed
  // once when a set is looked up and then added.
  using BandKeys = std::array<std::uint64_t, kBands>;
  static BandKeys band_keys(std::span<const std::uint32_t> shingles);
  void add(std::uint32_t id, std::vector<std::uint32_t> shingles);
  void add(std::uint32_t id, std::vector<std::uint32_t> shingles, const BandKeys& keys);
  // The indexed set most similar to `shingles` at or above the threshold
  // (ties: the lowest id, the earliest added), or none.
  std::optional<DuplicateHit> find(std::span<const std::uint32_t> shingles) const;
  std::optional<DuplicateHit> find(std::span<const std::uint32_t> shingles, const BandKeys& keys) const;
  std::size_t size() const { return sets_.size(); }
  // The heap bytes the index holds, counted (the band table and the sets).
  std::size_t bytes() const;

 private:
  double threshold_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> sets_;
};

}  // namespace assay::corpus
