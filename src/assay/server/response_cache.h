// server/response_cache: the rendered answers of the read routes whose
// answer depends on the store only (the story list, one story: issue 16's
// load targets), kept until the store changes, least recently used first out
// when over a memory bound. Thread-safe: the lock is held for a lookup or an
// insertion, never while a caller renders, so concurrent misses of one key
// may each render (the later insertion replaces the earlier).
//
// Correct under change by generations: a caller reads generation() before it
// reads the store, renders, and inserts under that generation; invalidate()
// (the server's own write, or another connection's commit seen through
// store::Store::data_version) starts a new generation and drops every entry,
// and an insertion made under an older generation is dropped too, so that an
// answer rendered from the store before a change is never given after it.
//
//   ResponseCache cache(64 << 20);
//   std::uint64_t g = cache.generation();
//   if (auto hit = cache.find(key)) return *hit;
//   auto fresh = std::make_shared<const CachedResponse>(CachedResponse::make(200, "application/json", render()));
//   cache.insert(key, g, fresh);
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace assay::server {

// 64 MB: a story's answer is tens of KB, so thousands of stories and pages.
inline constexpr std::size_t kDefaultCacheBytes = std::size_t{64} << 20;

struct CachedResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string etag;  // a strong validator: "\"" + 16 hex digits of a hash of the body + "\""

  static CachedResponse make(int status, std::string content_type, std::string body);
};

// Whether an If-None-Match header names `etag` ("*", or a list of tags,
// weak ones compared by their opaque part as RFC 9110 says for GET).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

class ResponseCache {
 public:
  // At most `max_bytes` of keys and bodies (0: nothing is kept).
  explicit ResponseCache(std::size_t max_bytes = kDefaultCacheBytes);

  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // What changed the store makes every entry stale: a new generation.
  void invalidate();

  // The entry of `key` (counted as a hit), or null (a miss).
  std::shared_ptr<const CachedResponse> find(const std::string& key);

  // Keeps `value` under `key` unless the generation has moved on since
  // `generation` was read or the value alone is over the bound; evicts the
  // least recently used entries to make room.
  void insert(const std::string& key, std::uint64_t generation, std::shared_ptr<const CachedResponse> value);

  struct Stats {
    std::uint64_t hits = 0, misses = 0, evictions = 0, invalidations = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats() const;
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedResponse> value;
    std::size_t bytes;
  };
  static std::size_t cost(const std::string& key, const CachedResponse& value);
  void evict_to(std::size_t bytes);  // with mu_ held

  const std::size_t max_bytes_;
  std::atomic<std::uint64_t> generation_{0};  // changed with mu_ held
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views of the entries' keys
  std::size_t bytes_ = 0;
  Stats stats_;
};

}  // namespace assay::server
