// corpus/near_dup: see near_dup.h.
#include "assay/corpus/near_dup.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "assay/base/strings.h"

namespace assay::corpus {

namespace {

// A 64-bit mix (splitmix64's finaliser): the i-th hash function is the mix
// of the shingle with the i-th seed.
constexpr std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::array<std::uint64_t, kHashes> make_seeds() {
  std::array<std::uint64_t, kHashes> s{};
  std::uint64_t x = 0x5eed;
  for (auto& v : s) v = x = mix(x);
  return s;
}
constexpr auto kSeeds = make_seeds();

}  // namespace

std::vector<std::string> normalised_words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for_each_normalised_word(text, w, [&](std::string& word) { out.push_back(std::move(word)); });
  return out;
}

std::vector<std::uint32_t> shingle_set(std::string_view text, int k) {
  // The words lowered into one buffer (no string a word): each word's
  // offset and length.
  std::string lowered, w;
  lowered.reserve(text.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> words;
  for_each_normalised_word(text, w, [&](const std::string& word) {
    words.emplace_back(static_cast<std::uint32_t>(lowered.size()), static_cast<std::uint32_t>(word.size()));
    lowered += word;
  });
  std::vector<std::uint32_t> out;
  if (words.empty()) return out;
  const std::size_t n = static_cast<std::size_t>(std::max(1, k));
  const std::size_t count = words.size() >= n ? words.size() - n + 1 : 1;
  out.reserve(count);
  const std::string_view all = lowered;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t h = base::fnv1a("");
    for (std::size_t j = i; j < std::min(words.size(), i + n); ++j) {
      h = base::fnv1a(all.substr(words[j].first, words[j].second), h);
      h = base::fnv1a(" ", h);
    }
    out.push_back(static_cast<std::uint32_t>(mix(h)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

Signature minhash(std::span<const std::uint32_t> shingles) {
  Signature sig;
  sig.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::uint32_t s : shingles)
    for (int i = 0; i < kHashes; ++i) {
      auto h = static_cast<std::uint32_t>(mix(s ^ kSeeds[static_cast<std::size_t>(i)]));
      sig[static_cast<std::size_t>(i)] = std::min(sig[static_cast<std::size_t>(i)], h);
    }
  return sig;
}

namespace {

std::array<std::uint64_t, kBands> band_keys_of(std::span<const std::uint32_t> shingles) {
  const Signature sig = minhash(shingles);
  std::array<std::uint64_t, kBands> keys{};
  for (int b = 0; b < kBands; ++b) {
    std::uint64_t h = mix(static_cast<std::uint64_t>(b) + 1);
    for (int r = 0; r < kRows; ++r) h = mix(h ^ sig[static_cast<std::size_t>(b * kRows + r)]);
    keys[static_cast<std::size_t>(b)] = h;
  }
  return keys;
}

}  // namespace

std::string encode_band_keys(const std::array<std::uint64_t, kBands>& keys) {
  std::string out;
  out.reserve(keys.size() * 8);
  for (std::uint64_t k : keys)
    for (int b = 0; b < 8; ++b) out += static_cast<char>((k >> (8 * b)) & 0xff);
  return out;
}

base::Result<std::array<std::uint64_t, kBands>> decode_band_keys(std::string_view bytes) {
  std::array<std::uint64_t, kBands> keys{};
  if (bytes.size() != keys.size() * 8)
    return base::fail(base::Error::invalid(fmt::format("story band keys: {} bytes, not {}", bytes.size(), keys.size() * 8)));
  for (std::size_t i = 0; i < keys.size(); ++i)
    for (std::size_t b = 0; b < 8; ++b) keys[i] |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i * 8 + b])) << (8 * b);
  return keys;
}

NearDuplicateIndex::BandKeys NearDuplicateIndex::band_keys(std::span<const std::uint32_t> shingles) { return band_keys_of(shingles); }

void NearDuplicateIndex::add(std::uint32_t id, std::vector<std::uint32_t> shingles) {
  if (shingles.empty()) return;
  const BandKeys keys = band_keys_of(shingles);
  add(id, std::move(shingles), keys);
}

void NearDuplicateIndex::add_keys(std::uint32_t id, const BandKeys& keys) {
  if (id == kEmpty) return;
  if (sets_.size() <= id) sets_.resize(id + 1);
  if (dropped_.size() <= id) dropped_.resize(sets_.size());
  if (!sets_[id].empty() || dropped_[id]) return;  // added before
  for (std::uint64_t k : keys) insert_band(k, id);
  dropped_[id] = true;
  ++size_;
}

void NearDuplicateIndex::insert_band(std::uint64_t key, std::uint32_t id) {
  if ((slots_used_ + 1) * 10 > slot_ids_.size() * 7) {
    // Grow to twice the size (64 slots at first) and put every slot back.
    std::vector<std::uint64_t> keys(std::max<std::size_t>(64, 2 * slot_keys_.size()));
    std::vector<std::uint32_t> ids(keys.size(), kEmpty);
    keys.swap(slot_keys_);
    ids.swap(slot_ids_);
    slots_used_ = 0;
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] != kEmpty) insert_band(keys[i], ids[i]);
  }
  const std::size_t mask = slot_ids_.size() - 1;
  std::size_t i = static_cast<std::size_t>(key) & mask;
  while (slot_ids_[i] != kEmpty) i = (i + 1) & mask;
  slot_keys_[i] = key;
  slot_ids_[i] = id;
  ++slots_used_;
}

void NearDuplicateIndex::add(std::uint32_t id, std::vector<std::uint32_t> shingles, const BandKeys& keys) {
  if (shingles.empty() || id == kEmpty) return;
  if (sets_.size() <= id) sets_.resize(id + 1);
  if (!sets_[id].empty() || (id < dropped_.size() && dropped_[id])) return;  // added before
  for (std::uint64_t k : keys) insert_band(k, id);
  sets_[id] = std::move(shingles);
  ++size_;
}

std::optional<DuplicateHit> NearDuplicateIndex::find(std::span<const std::uint32_t> shingles) const {
  if (shingles.empty()) return std::nullopt;
  return find(shingles, band_keys_of(shingles));
}

std::optional<DuplicateHit> NearDuplicateIndex::find(std::span<const std::uint32_t> shingles, const BandKeys& keys) const {
  if (shingles.empty()) return std::nullopt;
  std::optional<DuplicateHit> best;
  for (std::uint32_t id : candidates(keys)) {
    double j = jaccard(shingles, sets_[id]);
    if (j >= threshold_ && (!best || j > best->jaccard)) best = DuplicateHit{id, j};
  }
  return best;
}

std::vector<std::uint32_t> NearDuplicateIndex::candidates(const BandKeys& keys) const {
  std::vector<std::uint32_t> out;
  if (!slot_ids_.empty()) {
    const std::size_t mask = slot_ids_.size() - 1;
    for (std::uint64_t k : keys)
      for (std::size_t i = static_cast<std::size_t>(k) & mask; slot_ids_[i] != kEmpty; i = (i + 1) & mask)
        if (slot_keys_[i] == k) out.push_back(slot_ids_[i]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void NearDuplicateIndex::drop(std::uint32_t id) {
  if (!holds(id)) return;
  if (dropped_.size() <= id) dropped_.resize(sets_.size());
  dropped_[id] = true;
  std::vector<std::uint32_t>().swap(sets_[id]);
}

void NearDuplicateIndex::restore(std::uint32_t id, std::vector<std::uint32_t> shingles) {
  if (id >= dropped_.size() || !dropped_[id] || shingles.empty()) return;
  dropped_[id] = false;
  sets_[id] = std::move(shingles);
}

std::size_t NearDuplicateIndex::bytes() const {
  std::size_t b = slot_keys_.capacity() * sizeof(std::uint64_t) + slot_ids_.capacity() * sizeof(std::uint32_t) +
                  sets_.capacity() * sizeof(std::vector<std::uint32_t>);
  for (const auto& set : sets_) b += set.capacity() * sizeof(std::uint32_t);
  b += dropped_.capacity() / 8;
  return b;
}

}  // namespace assay::corpus
