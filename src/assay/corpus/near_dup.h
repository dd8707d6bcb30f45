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
#include <vector>

#include "assay/base/error.h"
#include "assay/base/strings.h"

namespace assay::corpus {

inline constexpr int kShingleWords = 5;
// Syndicated copies share at least this share of their shingles (a copy
// with a new headline, a dateline or a trimmed last paragraph stays above
// it; a rewrite of the same facts in other words falls far below).
inline constexpr double kDuplicateJaccard = 0.6;

// Calls f(w) for each word of `text`, normalised (see above), in order: w
// is `buffer`, holding the word; f may move from it, and it is cleared
// after each call (callers reuse one buffer instead of a string a word).
template <class F>
void for_each_normalised_word(std::string_view text, std::string& buffer, F&& f) {
  buffer.clear();
  for (char c : text) {
    if (base::is_word_byte(c)) {
      buffer += base::lower_ascii(c);
    } else if (!buffer.empty()) {
      f(buffer);
      buffer.clear();
    }
  }
  if (!buffer.empty()) {
    f(buffer);
    buffer.clear();
  }
}

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

// Band keys as bytes (each little-endian, 8 bytes: 168 for the 21), and
// back: an error when the length is not kBands * 8.
std::string encode_band_keys(const std::array<std::uint64_t, kBands>& keys);
base::Result<std::array<std::uint64_t, kBands>> decode_band_keys(std::string_view bytes);

// The LSH index: band keys to the ids that share them, and each id's
// shingle set for the exact check. Ids are the caller's, below 2^32 - 1
// (dense is best: the sets are a vector by id). The band keys live in one
// flat open-addressing table of (key, id) slots, 12 bytes each, at most
// 70% full: an article's 21 keys take about 0.5 KB, not a hash-table node
// and a vector each.
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(double threshold = kDuplicateJaccard) : threshold_(threshold) {}
  // The LSH band keys of a set (its MinHash signature, banded): computed
  // once when a set is looked up and then added.
  using BandKeys = std::array<std::uint64_t, kBands>;
  static BandKeys band_keys(std::span<const std::uint32_t> shingles);
  // Adds a set under `id` (an empty set, or an id added before, is not).
  void add(std::uint32_t id, std::vector<std::uint32_t> shingles);
  void add(std::uint32_t id, std::vector<std::uint32_t> shingles, const BandKeys& keys);
  // Files the band keys of a set that is not in memory (a store keeps each
  // placed article's keys, so a load makes no set): the id is a candidate
  // as a dropped one is, and find() needs its set restore()d first. Nothing
  // for an id added before.
  void add_keys(std::uint32_t id, const BandKeys& keys);
  // The indexed set most similar to `shingles` at or above the threshold
  // (ties: the lowest id, the earliest added), or none.
  std::optional<DuplicateHit> find(std::span<const std::uint32_t> shingles) const;
  std::optional<DuplicateHit> find(std::span<const std::uint32_t> shingles, const BandKeys& keys) const;
  // The ids sharing a band key with `keys`, sorted and distinct: those
  // find() checks.
  std::vector<std::uint32_t> candidates(const BandKeys& keys) const;
  // A set can leave memory while its id stays in the band table: find()
  // must then have it back (restore) before it checks that id, or it
  // checks it against nothing.
  bool holds(std::uint32_t id) const { return id < sets_.size() && !sets_[id].empty(); }
  void drop(std::uint32_t id);
  void restore(std::uint32_t id, std::vector<std::uint32_t> shingles);
  std::size_t size() const { return size_; }
  // The heap bytes the index holds, counted (the band table and the sets).
  std::size_t bytes() const;

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  void insert_band(std::uint64_t key, std::uint32_t id);
  double threshold_;
  // The band table: parallel arrays, a power of two long; an empty slot
  // has id kEmpty; a key's slots follow its home slot (key & mask) up to
  // the first empty one (linear probing, a key may repeat).
  std::vector<std::uint64_t> slot_keys_;
  std::vector<std::uint32_t> slot_ids_;
  std::size_t slots_used_ = 0;
  std::vector<std::vector<std::uint32_t>> sets_;  // by id
  std::vector<bool> dropped_;                     // by id
  std::size_t size_ = 0;
};

}  // namespace assay::corpus
