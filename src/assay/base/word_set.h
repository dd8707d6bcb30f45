// base/word_set: a fixed list of words for membership tests in inner loops.
//
//   static const WordSet kDeterminers{"the", "a", "an"};
//   kDeterminers.contains("an");  // true; "An", "the " and "and" are not members
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace assay::base {

// Exact and case-sensitive, as std::find over the list: a word is compared
// only with the members of its first byte, and only when one of them has its
// length, so most words cost a table look-up and no comparison.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    std::vector<std::string_view> sorted(words.begin(), words.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](std::string_view a, std::string_view b) {
      return first(a) < first(b);
    });
    for (std::string_view w : sorted) {
      if (w.empty() || w.size() >= 32) {
        other_.push_back(w);
        continue;
      }
      lengths_[first(w)] |= std::uint32_t{1} << w.size();
      words_.push_back(w);
    }
    std::size_t k = 0;
    for (std::size_t c = 0; c < 256; ++c) {
      begin_[c] = static_cast<std::uint16_t>(k);
      while (k < words_.size() && first(words_[k]) == c) ++k;
    }
    begin_[256] = static_cast<std::uint16_t>(k);
  }

  bool contains(std::string_view w) const {
    if (w.empty() || w.size() >= 32) return std::find(other_.begin(), other_.end(), w) != other_.end();
    std::size_t c = first(w);
    if (!((lengths_[c] >> w.size()) & 1)) return false;
    for (std::size_t k = begin_[c]; k < begin_[c + 1]; ++k)
      if (words_[k] == w) return true;
    return false;
  }

 private:
  static std::size_t first(std::string_view w) { return w.empty() ? 0 : static_cast<unsigned char>(w[0]); }
  std::array<std::uint32_t, 256> lengths_{};  // by first byte: bit n set when a member of length n starts so
  std::array<std::uint16_t, 257> begin_{};    // by first byte: its members in words_
  std::vector<std::string_view> words_;       // members of 1 to 31 bytes, by first byte
  std::vector<std::string_view> other_;       // the rest (the empty word, long words)
};

}  // namespace assay::base
