// corpus/near_dup: see near_dup.h.
#include "assay/corpus/near_dup.h"

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
  for (char c : text) {
    if (base::is_word_byte(c)) {
      w += base::lower_ascii(c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

std::vector<std::uint32_t> shingle_set(std::string_view text, int k) {
  const auto words = normalised_words(text);
  std::vector<std::uint32_t> out;
  if (words.empty()) return out;
  const std::size_t n = static_cast<std::size_t>(std::max(1, k));
  const std::size_t count = words.size() >= n ? words.size() - n + 1 : 1;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t h = base::fnv1a("");
    for (std::size_t j = i; j < std::min(words.size(), i + n); ++j) {
      h = base::fnv1a(words[j], h);
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

NearDuplicateIndex::BandKeys NearDuplicateIndex::band_keys(std::span<const std::uint32_t> shingles) { return band_keys_of(shingles); }

void NearDuplicateIndex::add(std::uint32_t id, std::vector<std::uint32_t> shingles) {
  if (shingles.empty()) return;
  const BandKeys keys = band_keys_of(shingles);
  add(id, std::move(shingles), keys);
}

void NearDuplicateIndex::add(std::uint32_t id, std::vector<std::uint32_t> shingles, const BandKeys& keys) {
  if (shingles.empty()) return;
  for (std::uint64_t k : keys) buckets_[k].push_back(id);
  sets_[id] = std::move(shingles);
}

std::optional<DuplicateHit> NearDuplicateIndex::find(std::span<const std::uint32_t> shingles) const {
  if (shingles.empty()) return std::nullopt;
  return find(shingles, band_keys_of(shingles));
}

std::optional<DuplicateHit> NearDuplicateIndex::find(std::span<const std::uint32_t> shingles, const BandKeys& keys) const {
  if (shingles.empty()) return std::nullopt;
  std::vector<std::uint32_t> candidates;
  for (std::uint64_t k : keys)
    if (auto it = buckets_.find(k); it != buckets_.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::optional<DuplicateHit> best;
  for (std::uint32_t id : candidates) {
    double j = jaccard(shingles, sets_.at(id));
    if (j >= threshold_ && (!best || j > best->jaccard)) best = DuplicateHit{id, j};
  }
  return best;
}

std::size_t NearDuplicateIndex::bytes() const {
  // An unordered_map node: the value, the next pointer and the cached hash;
  // one bucket pointer per bucket.
  std::size_t b = buckets_.bucket_count() * sizeof(void*) + sets_.bucket_count() * sizeof(void*);
  for (const auto& [k, ids] : buckets_) b += sizeof(k) + sizeof(ids) + 2 * sizeof(void*) + ids.capacity() * sizeof(std::uint32_t);
  for (const auto& [id, set] : sets_) b += sizeof(id) + sizeof(set) + 2 * sizeof(void*) + set.capacity() * sizeof(std::uint32_t);
  return b;
}

}  // namespace assay::corpus
